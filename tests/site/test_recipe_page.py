"""The recipe page of an imported recipe: « Historique d’origine », original authors credited,
every value escaped (the origin is front matter anyone can edit)."""

from __future__ import annotations

from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.read.checks import validate_repository
from recettes.site.generate import generate

ORIGIN = """origin:
  repository: {repository}
  path: "fiches/[compost](javascript:x).md"
  commit: 0123456789abcdef0123456789abcdef01234567
  authors:
  - name: Émile Guillou
    first: "2019-05-02"
    last: "2020-01-10"
  - name: "Anne *Le* Roux"
    first: "2021-03-04"
  created: "2019-05-02"
  updated: "2021-03-04"
  renamed_from: [brouillons/compost.md]
  imported: "2026-12-01"
"""


def _page(root: Path, repository: str) -> str:
    meta = root / "recipes" / "compost-partage" / "recipe.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + ORIGIN.format(repository=repository), encoding="utf-8")
    repo, report = validate_repository(root)
    assert [] == [str(p) for p in report.errors]
    docs = generate(Catalog.build(repo), root).docs_dir
    return (docs / "recettes" / "compost-partage.md").read_text(encoding="utf-8") if \
        (docs / "recettes" / "compost-partage.md").is_file() else \
        (docs / "recettes" / "compost-partage" / "index.md").read_text(encoding="utf-8")


class TestOrigin:
    def test_origin_history_and_credit(self, fixture_repo: Path) -> None:
        page = _page(fixture_repo, "https://forge.example.org/reseau/fiches")
        assert "## Historique d’origine {#historique-origine}" in page
        assert "[https://forge.example.org/reseau/fiches](https://forge.example.org/reseau/fiches)" in page
        assert "version `0123456789ab`" in page
        assert "Émile Guillou (du 2 mai 2019 au 10 janvier 2020)" in page
        assert r"fiche d’origine d’Émile Guillou et Anne \*Le\* Roux" in page
        assert "brouillons/compost.md" in page
        assert "*Le*" not in page and "](javascript:" not in page

    def test_an_address_that_would_break_its_link_is_shown_as_text(self, fixture_repo: Path) -> None:
        page = _page(fixture_repo, '"https://x.example/a) [piège](javascript:alert(1)"')
        assert "](https://x.example/a)" not in page
        assert "](javascript:" not in page
