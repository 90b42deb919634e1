"""Generate: the Markdown tree in the build folder, safe with hand-written pages and media."""

from __future__ import annotations

import os
from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.read.checks import validate_repository
from recettes.site.generate import generate


def _generate(root: Path):  # type: ignore[no-untyped-def]
    repo, _ = validate_repository(root)
    return generate(Catalog.build(repo), root)


class TestGenerate:
    def test_hand_written_pages_win_and_are_never_touched(self, fixture_repo: Path) -> None:
        """docs/index.md replaces the generated home (published as a contribution is: its title
        made plain in the front matter, its body escaped); docs/ itself is not written."""
        home = fixture_repo / "docs/index.md"
        home.write_text("# Mon accueil\n")
        result = _generate(fixture_repo)
        assert ["index.md"] == result.shadowed
        assert '---\ntitle: "Mon accueil"\n---\n\n# Mon accueil\n' == (result.docs_dir / "index.md").read_text()
        assert "# Mon accueil\n" == home.read_text()
        assert {"a-propos.md", "index.md"} == {p.name for p in (fixture_repo / "docs").iterdir()}

    def test_symlinks_and_outside_paths_are_never_copied(self, fixture_repo: Path) -> None:
        """A symlinked medium is not published, even to a file inside the repository."""
        media = fixture_repo / "recipes/compost-partage/media"
        os.symlink(fixture_repo / "ambassadors/marie-le-gall.yml", media / "secret.png")
        result = _generate(fixture_repo)
        published = result.docs_dir / "recettes/compost-partage/media"
        assert ["composteur.png"] == sorted(p.name for p in published.iterdir())

    def test_second_run_writes_nothing_and_stale_pages_go(self, fixture_repo: Path) -> None:
        """Unchanged files are not rewritten (mkdocs serve stays quiet); removed recipes vanish."""
        first = _generate(fixture_repo)
        assert first.written > 10
        assert 0 == _generate(fixture_repo).written
        meta = fixture_repo / "recipes/repair-cafe/recipe.yml"
        meta.write_text(meta.read_text().replace("status: archived", "status: draft"))
        again = _generate(fixture_repo)
        assert not (again.docs_dir / "recettes/repair-cafe/index.md").exists()
        assert not (again.docs_dir / "recettes/repair-cafe").exists()  # and its folder, left empty
        assert again.removed >= 1

    def test_navigation_has_no_recipe(self, fixture_repo: Path) -> None:
        """The navigation holds index pages and hand-written pages only."""
        nav = _generate(fixture_repo).nav
        assert [{"Accueil": "index.md"}, {"Recettes": "recettes/index.md"}] == nav[:2]
        assert {"Le réseau": [{"À propos": "a-propos.md"}]} == nav[-1]
