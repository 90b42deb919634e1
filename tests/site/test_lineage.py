"""An adapted recipe's page shows the sections changed from its original (issue 14, acceptance):
real git repositories in tmp_path, real ``mkdocs build --strict``, the built HTML read back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from recettes.catalog.snapshots import build_catalog
from recettes.read.checks import validate_repository
from recettes.site.lineage import lineage_block
from recettes.site.search import for_index
from tests.support.lineage import ADAPTED, adaptation, lineage_repo

from .conftest import mkdocs
from .scan import Scan

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = lineage_repo(tmp_path_factory.mktemp("lignee") / "repo").path
    result = mkdocs(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _block(page: str) -> str:
    """The « Ce qui a changé » part of a page's article, its entities (``&nbsp;``) as characters
    but ``&amp;`` and ``&lt;`` kept."""
    start = page.index('id="changements-origine"')
    return page[start:page.index("<h2", start)].replace("&nbsp;", "\u00a0")


class TestAdaptedPage:
    def test_changed_sections_shown_with_removed_and_added_words(self, built: Path) -> None:
        """Comment faire, Freins (changed) and Contexte (added) are listed; the renamed step
        shows « dans le hall » removed and « à la mairie » added; unchanged sections are not shown."""
        block = _block((built / "recettes/compost-bourg/index.html").read_text(encoding="utf-8"))
        assert "3\u00a0sections" not in block
        assert re.search(r"<h3[^>]*>Comment faire \(modifiée\)", block)
        assert re.search(r"<h3[^>]*>Freins \(modifiée\)", block)
        assert re.search(r"<h3[^>]*>Contexte \(ajoutée\)", block)
        assert "Facilitations (" not in block and "Conditions de reproductibilité (" not in block
        assert "2 sections modifiées (Comment faire et Freins), 1 ajoutée (Contexte) et 2 identiques" in block
        assert re.search(r"<del><span class=\"recettes-lecteur\">\[début du retrait\u00a0: </span>dans le hall"
                         r"<span class=\"recettes-lecteur\"> fin du retrait\]</span></del>", block)
        assert re.search(r"<ins><span class=\"recettes-lecteur\">\[début de l’ajout\u00a0: </span>à la mairie", block)
        assert "Étape «\u00a0Réunir les habitant·es\u00a0» (avant\u00a0: «\u00a0Réunir les voisin·es\u00a0»)" in block
        assert "Élément «\u00a0Le bailleur\u00a0»</strong>\u00a0: retiré" in block

    def test_compared_with_the_version_in_force_at_the_adaptation(self, built: Path) -> None:
        """No declared version: 1.1.0 (not today's 2.0.0), linked to its versioned page, and why."""
        block = _block((built / "recettes/compost-bourg/index.html").read_text(encoding="utf-8"))
        assert 'href="../compost-partage/v1.1.0/"' in block
        assert "la version 1.1.0 de «\u00a0Compost partagé\u00a0»" in block
        assert "première fois (le 1er septembre 2025)" in block

    def test_declared_changes_come_first(self, built: Path) -> None:
        html = (built / "recettes/compost-bourg/index.html").read_text(encoding="utf-8")
        assert html.index("Un seul site.") < html.index('id="changements-origine"')

    def test_contributed_text_is_escaped_in_the_diff(self, built: Path) -> None:
        """The added Contexte, with a code span holding a tag, ``&``, ``<`` and ``**``: shown as
        written, never as markup; nothing in the page could run script."""
        html = (built / "recettes/compost-bourg/index.html").read_text(encoding="utf-8")
        block = _block(html)
        assert "Une salle &amp; un `&lt;b&gt;code&lt;/b&gt;`, 3 &lt; 4 et **gras**." in block
        assert "<b>code</b>" not in block and "<strong>gras</strong>" not in block
        scan = Scan()
        scan.feed(html)
        assert [] == scan.problems

    def test_the_block_is_out_of_the_search_index(self, built: Path) -> None:
        """The removed words appear only in the diff: the indexed document does not have them."""
        html = (built / "recettes/compost-bourg/index.html").read_text(encoding="utf-8")
        assert "dans le hall" in html
        indexed = for_index(html)
        assert "à la mairie" in indexed and "dans le hall" not in indexed

    def test_the_original_lists_its_adaptation_and_where(self, built: Path) -> None:
        html = (built / "recettes/compost-partage/index.html").read_text(encoding="utf-8")
        assert re.search(r'<a href="\.\./compost-bourg/">Compost partagé au bourg</a> — adaptée à Plouarzel', html)
        assert 'id="changements-origine"' not in html


class TestDeclaredVersion:
    def test_a_version_the_original_never_had_fails_the_strict_build(self, tmp_path: Path) -> None:
        """R275 located at the key, in French, with the versions that exist."""
        root = lineage_repo(tmp_path / "r", "  recipe: compost-partage\n  version: 1.5.0\n  changes: Un seul site.\n").path
        result = mkdocs(root, "--strict")
        assert result.returncode != 0
        assert (f"{ADAPTED}:15:12: R275 la recette d’origine «\u00a0compost-partage\u00a0» n’a jamais eu la "
                "version 1.5.0") in result.stderr
        assert "Versions connues\u00a0: 2.0.0, 1.1.0, 1.0.0" in result.stderr

    def test_a_declared_version_is_compared(self, tmp_path: Path) -> None:
        """``version: 1.0.0``: « Frappez à chaque porte » (1.0.0's text) is what was removed."""
        root = lineage_repo(tmp_path / "r", "  recipe: compost-partage\n  version: 1.0.0\n  changes: Un seul site.\n").path
        result = mkdocs(root, "--strict")
        assert result.returncode == 0, result.stderr
        block = _block((root / "site/recettes/compost-bourg/index.html").read_text(encoding="utf-8"))
        assert "celle dont l’adaptation indique être partie" in block
        assert 'href="../compost-partage/v1.0.0/"' in block
        assert re.search(r"<del><span[^>]*>[^<]*</span>Frappez à chaque porte\.", block)


class TestOtherOrigins:
    def test_an_url_origin_says_no_comparison_is_possible(self, tmp_path: Path) -> None:
        root = lineage_repo(tmp_path / "r", "  url: https://example.org/compost\n  changes: Un seul site.\n").path
        repo, report = validate_repository(root)
        assert report.ok, report.sorted()
        catalog, _ = build_catalog(root, repo)
        text = "\n".join(lineage_block(catalog, "compost-bourg", catalog.recipes["compost-bourg"],
                                       "recettes/compost-bourg/index.md"))
        assert "le guide ne peut pas comparer les textes" in text

    def test_same_sections_say_only_metadata_differ(self, tmp_path: Path) -> None:
        repo = lineage_repo(tmp_path / "r")
        original = (repo.path / "recipes/compost-partage/recipe.md").read_text(encoding="utf-8")
        body = original[original.index("\n---\n") + 5:]
        text = adaptation("  recipe: compost-partage\n  version: 2.0.0\n  changes: Un seul site.\n")
        repo.write(ADAPTED, text[:text.index("\n---\n") + 5] + body)
        repo.commit("Même texte", date="2026-03-01T10:00:00+01:00")
        found, report = validate_repository(repo.path)
        assert report.ok, report.sorted()
        catalog, _ = build_catalog(repo.path, found)
        lines = lineage_block(catalog, "compost-bourg", catalog.recipes["compost-bourg"], "recettes/compost-bourg/index.md")
        assert any("Les sections sont identiques" in line for line in lines)


@pytest.mark.browser
class TestInBrowser:
    def test_marks_are_not_colour_alone_and_are_spoken(self, built: Path, chromium: Any) -> None:
        """In Chromium: removed words struck through, added ones underlined, the words for screen
        readers invisible (1 px) yet in the accessibility tree; a screenshot is kept."""
        from tests.support.static_server import serve

        from .conftest import REPO

        with serve(built) as address:
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            page.goto(address + "recettes/compost-bourg/")
            removed = page.locator(".recettes-diff del").first
            added = page.locator(".recettes-diff ins").first
            assert "line-through" in removed.evaluate("e => getComputedStyle(e).textDecorationLine")
            assert "underline" in added.evaluate("e => getComputedStyle(e).textDecorationLine")
            hidden = removed.locator(".recettes-lecteur").first
            box = hidden.bounding_box()
            assert box is not None and box["width"] <= 1 and box["height"] <= 1
            spoken = page.locator(".recettes-diff").nth(1).aria_snapshot()  # Comment faire
            assert "début du retrait" in spoken and "fin de l’ajout" in spoken
            artifacts = REPO / "test-artifacts" / "lineage"
            artifacts.mkdir(parents=True, exist_ok=True)
            page.locator("#changements-origine").scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / "ce-qui-a-change.png"))
            page.close()


class TestHostile:
    def test_tags_in_titles_and_text_are_shown_never_run(self, tmp_path: Path) -> None:
        """Raw HTML (refused by validation, R033, but the page function must hold anyway) in an
        item title and in text: escaped in the block, no tag of its own."""
        repo = lineage_repo(tmp_path / "r")
        text = adaptation("  recipe: compost-partage\n  changes: x y.\n").replace(
            "## Installer les bacs\n\nTrois bacs suffisent",
            "## <img src=x onerror=alert(1)>\n\n<script>alert(2)</script> Trois bacs \"suffisent\"")
        repo.write(ADAPTED, text)
        repo.commit("Hostile", date="2026-03-01T10:00:00+01:00")
        found, _ = validate_repository(repo.path)
        catalog, _ = build_catalog(repo.path, found)
        block = "\n".join(lineage_block(catalog, "compost-bourg", catalog.recipes["compost-bourg"],
                                        "recettes/compost-bourg/index.md"))
        assert "<img" not in block and "<script" not in block
        assert "&lt;img src=x onerror=alert(1)&gt;" in block and "&lt;script&gt;alert(2)&lt;/script&gt;" in block
        assert "&quot;suffisent&quot;" in block
