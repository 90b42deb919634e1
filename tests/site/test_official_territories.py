"""Pages, links, map data and a strict build for recipes placed by official code: a commune of
no hand-made entry, a commune outside Bretagne, a hand-made id reached through its code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from recettes.catalog.catalog import Catalog
from recettes.read.checks import validate_repository
from recettes.site.page import Options
from recettes.site.pages import build_pages

from .conftest import FIXTURE, commit_all, mkdocs

REPO = Path(__file__).resolve().parents[2]
CODES = {"bretagne": "region:53", "finistere": "departement:29", "brest": "commune:29019",
         "plouarzel": "commune:29177"}


def _official_repo(target: Path) -> Path:
    """The site fixture with codes in its vocabulary, the pays as a grouping of EPCIs, and two
    more recipes: one in Plougonvelin (in no hand-made entry), one in Bordeaux."""
    shutil.copytree(FIXTURE, target)
    vocabulary = target / "schema" / "vocabularies" / "territories.yml"
    lines = []
    for line in vocabulary.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("parent:"):
            continue
        lines.append(line)
        ident = line.removeprefix("- id: ").strip() if line.startswith("- id: ") else None
        if ident in CODES:
            lines.append(f"  code: {CODES[ident]}")
        if ident == "pays-de-brest":
            lines += ["  members:", "    - epci:242900314", "    - epci:242900074"]
    vocabulary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = target / "recipes" / "compost-rural"
    for slug, title, place in [("compost-iroise", "Compost d’Iroise", "commune:29190"),
                               ("compost-gironde", "Compost girondin", "commune:33063"),
                               ("compost-code", "Compost au code", "commune:29019")]:
        shutil.copytree(source, target / "recipes" / slug)
        meta = target / "recipes" / slug / "recipe.yml"
        text = meta.read_text(encoding="utf-8")
        old_title = next(line for line in text.splitlines() if line.startswith("title:"))
        old_place = next(line for line in text.splitlines() if line.strip().startswith("place:"))
        text = text.replace(old_title, f"title: {title}").replace(old_place, f"  place: {place}")
        meta.write_text(text, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _official_repo(tmp_path_factory.mktemp("official") / "repo")


@pytest.fixture(scope="module")
def pages(official: Path) -> dict[str, object]:
    repo, report = validate_repository(official)
    assert [] == [str(p) for p in report.errors]
    return {page.src_uri: page for page in build_pages(Catalog.build(repo), Options())}


class TestPages:
    def test_one_page_per_territory_in_use_and_old_addresses_kept(self, pages) -> None:  # type: ignore[no-untyped-def]
        """New places get code pages; brest, plouarzel and pays-de-brest keep theirs; the
        35,000 other communes get none."""
        territories = {uri for uri in pages if uri.startswith("territoires/")}
        assert {"territoires/index.md", "territoires/bretagne.md", "territoires/finistere.md",
                "territoires/pays-de-brest.md", "territoires/brest.md", "territoires/plouarzel.md",
                "territoires/commune-29190.md", "territoires/epci-242900074.md", "territoires/epci-242900314.md",
                "territoires/commune-33063.md", "territoires/epci-243300316.md", "territoires/departement-33.md",
                "territoires/region-75.md"} == territories

    def test_a_code_links_to_the_page_of_its_hand_made_name(self, pages) -> None:  # type: ignore[no-untyped-def]
        """``commune:29019`` is Brest: the recipe links territoires/brest.md, Brest counts it."""
        text = pages["recettes/compost-code/index.md"].markdown
        assert "[Brest](../../territoires/brest.md)" in text
        assert "Compost au code" in pages["territoires/brest.md"].markdown

    def test_the_index_nests_each_territory_under_the_nearest_with_a_page(self, pages) -> None:  # type: ignore[no-untyped-def]
        """Région, département, pays, EPCI, commune; Nouvelle-Aquitaine beside Bretagne."""
        lines = [line for line in pages["territoires/index.md"].markdown.splitlines() if "](" in line]
        shown = [(len(line) - len(line.lstrip())) // 4 for line in lines]
        names = [line.split("[", 1)[1].split("]", 1)[0].replace("\\", "") for line in lines]
        assert ["Bretagne", "Finistère", "Pays de Brest", "Brest Métropole", "Brest", "CC du Pays d’Iroise",
                "Plouarzel", "Plougonvelin", "Nouvelle-Aquitaine", "Gironde", "Bordeaux Métropole",
                "Bordeaux"] == names
        assert [0, 1, 2, 3, 4, 3, 4, 4, 0, 1, 2, 3] == shown

    def test_a_territory_page_says_where_it_is(self, pages) -> None:  # type: ignore[no-untyped-def]
        text = pages["territoires/commune-29190.md"].markdown
        assert text.startswith("# Plougonvelin")
        assert "*Commune* — dans [CC du Pays d’Iroise](epci-242900074.md), [Pays de Brest](pays-de-brest.md)," in text
        assert "Dans une recette (`territory.place`)\u00a0: `commune:29190` (code officiel)." in text
        assert "`brest` ou `commune:29019` (code officiel)" in pages["territoires/brest.md"].markdown
        assert "code officiel" not in pages["territoires/pays-de-brest.md"].markdown  # a grouping has none


@pytest.mark.build
def test_recipes_in_new_communes_build_strictly(official: Path, tmp_path: Path) -> None:
    """``mkdocs build --strict`` passes; open data name each place with its kind and official
    code (none for a pays); the recipe in
    Plougonvelin, with no position anywhere, is left off the map rather than placed by guess."""
    root = _official_repo(tmp_path / "repo")
    commit_all(root)
    built = mkdocs(root, "--strict")
    assert 0 == built.returncode, built.stderr
    site = root / "site"
    assert "Plougonvelin" in (site / "territoires" / "commune-29190" / "index.html").read_text(encoding="utf-8")
    assert (site / "territoires" / "brest" / "index.html").is_file()
    records = {r["slug"]: r for r in json.loads((site / "donnees" / "recettes.json").read_text(encoding="utf-8"))["recipes"]}
    iroise = records["compost-iroise"]["territory"]
    assert ("commune-29190", "Plougonvelin", "commune") == (iroise["id"], iroise["label"], iroise["kind"])
    assert ["CC du Pays d’Iroise", "Pays de Brest", "Finistère", "Bretagne"] == [p["label"] for p in iroise["within"]]
    assert ["commune:29190", "epci:242900074", None, "departement:29", "region:53"] == [
        iroise["code"], *(p["code"] for p in iroise["within"])]
    assert None is records["compost-iroise"]["location"]
    geojson = json.loads((site / "donnees" / "recettes.geojson").read_text(encoding="utf-8"))
    assert "compost-iroise" not in {f["properties"]["slug"] for f in geojson["features"]}
