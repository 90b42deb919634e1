"""A regional handbook built from a network of three territorial repositories (issue 13,
acceptance criterion 2), all real: git repositories with distinct authors made in tmp_path,
``recettes network update``, then ``mkdocs build --strict`` and a search in Chromium.

- Pays de Brest (recipes in one file) is pinned to a commit, then to a later one: the update
  says what changed;
- Pays de Morlaix keeps the five-file layout of the first version and brings its own
  territory (merged vocabularies);
- Pays de Quimper has a near-duplicate of a Brest recipe: both are published, each with its
  provenance, and the catalog says which source each comes from (the report of near-duplicates
  is the « recette proche » feature's).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from recettes.catalog.network import read_catalog
from recettes.read.checks import validate_repository
from tests.conftest import invoke
from tests.support.network import (
    network_file,
    territory,
    write_ambassador,
    write_five_files,
    write_recipe,
)
from tests.support.static_server import serve

from .conftest import copy_fixture, mkdocs

COMPOST_TEXT = "Le lombricomposteur collectif tourne chaque samedi matin avec les voisin·es."
MORLAIX = "- id: morlaix\n  label: Morlaix\n  kind: commune\n  parent: finistere\n"


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("reseau")
    brest = territory(base / "brest")
    write_recipe(brest, "compost-partage", "Compost partagé de Brest", holder="marie", text=COMPOST_TEXT)
    write_recipe(brest, "repair-cafe", "Repair café du port",
                 text="Voir aussi [le compost](recette:compost-partage).")
    write_ambassador(brest, "marie", "Marie Le Gall")
    first = brest.commit("Premières recettes", author=("Brest Team", "equipe@brest.example"),
                         date="2024-03-01T10:00:00+01:00")
    morlaix = territory(base / "morlaix", territories=MORLAIX)
    write_five_files(morlaix, "velo-partage", "Vélocargos partagés", place="morlaix", theme="mobilite")
    morlaix.commit("Vélocargos", author=("Morlaix Team", "equipe@morlaix.example"),
                   date="2023-05-01T10:00:00+01:00")
    morlaix.git("tag", "v1.0.0")
    quimper = territory(base / "quimper")
    write_recipe(quimper, "compost-collectif", "Compost partagé à Quimper", text=COMPOST_TEXT)
    quimper.commit("Compost", author=("Quimper Team", "equipe@quimper.example"), date="2024-06-01T10:00:00+01:00")
    region = copy_fixture(base / "region")
    sources = [
        {"id": "brest", "label": "Pays de Brest", "url": "../brest", "ref": first, "territory": "pays-de-brest",
         "edit_url": "https://forge.example/brest/recettes/-/edit/main/{path}"},
        {"id": "morlaix", "label": "Pays de Morlaix", "url": "../morlaix", "ref": "v1.0.0", "territory": "morlaix"},
        {"id": "quimper", "label": "Pays de Quimper", "url": "../quimper", "ref": "main", "territory": "finistere"},
    ]
    groups = "ambassadors:\n  - [local:marie-le-gall, brest:marie]\n"
    network_file(region, sources, groups)
    first_update = invoke("network", "update", "--root", str(region)).stdout
    # Brest publishes a new recipe and improves one: the region moves its pin.
    write_recipe(brest, "jardin-partage", "Jardin partagé des Capucins", theme="alimentation")
    write_recipe(brest, "repair-cafe", "Repair café du port", version="1.1.0",
                 text="Voir aussi [le compost](recette:compost-partage). Un samedi sur deux.")
    second = brest.commit("Jardin et repair café", author=("Yann Kervella", "yann@brest.example"),
                          date="2024-09-01T10:00:00+01:00")
    sources[0]["ref"] = second
    network_file(region, sources, groups)
    second_update = invoke("network", "update", "--root", str(region)).stdout
    result = mkdocs(region, "--strict")
    return {"region": region, "site": region / "site", "build": result, "first": first, "second": second,
            "updates": (first_update, second_update)}


def page(network: dict[str, Any], uri: str) -> str:
    return (network["site"] / uri / "index.html").read_text(encoding="utf-8")


def text_of(html_page: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", html_page)))


@pytest.mark.build
class TestRegionalHandbook:
    def test_update_says_what_changed_since_the_last_pin(self, network: dict[str, Any]) -> None:
        """The first update lists each source; the second names the added and changed recipes."""
        first, second = network["updates"]
        assert "✓ brest\u00a0: première récupération" in first and "✓ 3 sources à jour" in first
        assert (f"✓ brest\u00a0: {network['first'][:12]} → {network['second'][:12]}\u00a0: "
                "1 recette ajoutée (jardin-partage)\u202f; 1 recette modifiée (repair-cafe).") in second
        assert "✓ morlaix\u00a0: inchangée" in second

    def test_strict_build_passes_and_reports_renamed_addresses(self, network: dict[str, Any]) -> None:
        """One strict build of the union; the collision with the region's own recipe is told, not hidden."""
        build = network["build"]
        assert 0 == build.returncode, build.stderr
        assert ".recettes/reseau/brest/recipes/compost-partage/recipe.md:1:1: R227 (avertissement)" in build.stderr
        assert "publiée sous «\u00a0compost-partage-brest\u00a0»" in build.stderr

    def test_every_source_is_published_at_a_unique_address(self, network: dict[str, Any]) -> None:
        recipes = {p.name for p in (network["site"] / "recettes").iterdir() if p.is_dir()}
        assert {"compost-partage", "compost-partage-brest", "repair-cafe", "repair-cafe-brest",
                "jardin-partage", "velo-partage", "compost-collectif", "compost-rural"} <= recipes
        assert "Compost partagé en pied d" in page(network, "recettes/compost-partage")  # the region's own, kept

    def test_pages_say_where_a_recipe_comes_from(self, network: dict[str, Any]) -> None:
        """Source, pinned revision, its name there and the link to edit it in its own repository."""
        shown = text_of(page(network, "recettes/compost-partage-brest"))
        assert ("Cette recette vient du dépôt de recettes Pays de Brest (source «\u00a0brest\u00a0», territoire "
                f"couvert\u00a0: Pays de Brest ), à la révision {network['second'][:12]}") in shown
        assert 'territoire couvert\u00a0: <a href="../../territoires/pays-de-brest/">' in \
            html.unescape(page(network, "recettes/compost-partage-brest"))
        assert "où elle s’appelle «\u00a0compost-partage\u00a0»" in shown
        assert ('href="https://forge.example/brest/recettes/-/edit/main/recipes/compost-partage/recipe.md"'
                in page(network, "recettes/compost-partage-brest"))
        tagged = text_of(page(network, "recettes/velo-partage"))
        assert "à la révision v1.0.0 (" in tagged and "Proposer une modification" not in tagged
        assert "Proposer une modification" not in text_of(page(network, "recettes/compost-rural"))

    def test_history_and_credits_come_from_each_source(self, network: dict[str, Any]) -> None:
        repair = text_of(page(network, "recettes/repair-cafe-brest"))
        assert "Brest Team" in repair and "Yann Kervella" in repair and "Version 1.1.0 (actuelle)" in repair
        velo = text_of(page(network, "recettes/velo-partage"))
        assert "Morlaix Team" in velo and "1er mai 2023" in velo and "Brest Team" not in velo

    def test_links_inside_a_source_follow_its_renamings(self, network: dict[str, Any]) -> None:
        """« recette:compost-partage » in Brest's recipe is Brest's compost, not the region's."""
        assert 'href="../compost-partage-brest/"' in page(network, "recettes/repair-cafe-brest")

    def test_vocabularies_merge(self, network: dict[str, Any]) -> None:
        """Morlaix's own territory has its page in the regional handbook."""
        assert "Vélocargos partagés" in page(network, "territoires/morlaix")

    def test_one_person_across_sources_only_through_the_identity_group(self, network: dict[str, Any]) -> None:
        assert not (network["site"] / "ambassadeurs" / "marie").exists()
        assert "Compost partagé de Brest" in page(network, "ambassadeurs/marie-le-gall")

    def test_open_data_and_feed_hold_every_source(self, network: dict[str, Any]) -> None:
        records = json.loads((network["site"] / "donnees" / "recettes.json").read_text(encoding="utf-8"))
        titles = {item["title"] for item in records["recipes"]}
        assert {"Vélocargos partagés", "Compost partagé à Quimper", "Jardin partagé des Capucins"} <= titles
        assert "Compost partagé à Quimper" in (network["site"] / "flux.atom").read_text(encoding="utf-8")

    def test_catalog_exposes_each_recipe_source(self, network: dict[str, Any]) -> None:
        """What near-duplicate detection across sources reads: ``Catalog.origin(slug).provenance.source``."""
        region = network["region"]
        repo, _ = validate_repository(region)
        catalog, _, problems = read_catalog(region, repo, snapshots=False)
        assert not [p for p in problems if p.is_error]
        assert "quimper" == catalog.origin("compost-collectif").provenance.source
        assert "brest" == catalog.origin("compost-partage-brest").provenance.source
        assert catalog.origin("compost-partage") is None  # the region's own
        ids = [catalog.permanent_id(slug, _urls()) for slug in catalog.recipes]
        assert len(ids) == len(set(ids))


def _urls() -> Any:
    from recettes.core.addresses import SiteUrls

    return SiteUrls("https://region.example/")


SEARCH = """async query => {
  const pagefind = await import("/pagefind/pagefind.js");
  const found = await pagefind.search(window.RecettesRecherche.terme(query));
  return (await Promise.all(found.results.map(r => r.data()))).map(d => [d.url, d.filters]);
}"""


@pytest.fixture(scope="module")
def server(network: dict[str, Any]) -> Iterator[str]:
    with serve(network["site"]) as address:
        yield address


@pytest.mark.build
@pytest.mark.browser
def test_one_search_covers_every_source(network: dict[str, Any], server: str, chromium: Any) -> None:
    """In Chromium: one query finds the near-duplicates of Brest and Quimper, another Morlaix's
    five-file recipe, each with its « Source » filter."""
    tab = chromium.new_page()
    tab.goto(server)
    tab.wait_for_function("window.RecettesRecherche !== undefined")
    compost = dict(tab.evaluate(SEARCH, "lombricomposteur"))
    velo = dict(tab.evaluate(SEARCH, "velocargos"))
    tab.close()
    assert {"/recettes/compost-partage-brest/", "/recettes/compost-collectif/"} == set(compost)
    assert ["Pays de Quimper"] == compost["/recettes/compost-collectif/"]["Source"]
    assert ["Pays de Morlaix"] == velo["/recettes/velo-partage/"]["Source"]


@pytest.mark.build
def test_the_near_duplicate_across_sources_is_reported(network: dict[str, Any]) -> None:
    """Brest's compost and Quimper's share their text: each page names the other under « Recettes
    proches » with its source, the build log tells the pair, and nothing is merged."""
    quimper = text_of(page(network, "recettes/compost-collectif"))
    brest = text_of(page(network, "recettes/compost-partage-brest"))
    assert "Recettes proches" in quimper and "Compost partagé de Brest" in quimper
    assert "Pays de Brest" in quimper[quimper.index("Recettes proches"):]
    assert "Recettes proches" in brest and "Compost partagé à Quimper" in brest
    assert "compost-collectif" in network["build"].stderr and "compost-partage-brest" in network["build"].stderr


@pytest.mark.build
def test_duplicates_command_compares_every_source(network: dict[str, Any]) -> None:
    """« recettes duplicates » in the regional repository reads the fetched sources too: the
    compost of Brest and of Quimper are a pair across sources, named with their sources."""
    result = invoke("duplicates", "--root", str(network["region"]), "--format", "json")
    payload = json.loads(result.stdout)
    pairs = {(pair["a"]["key"], pair["b"]["key"]): pair for pair in payload["pairs"]}
    [pair] = [pair for keys, pair in pairs.items() if set(keys) == {"compost-collectif", "compost-partage-brest"}]
    assert pair["across_sources"] and {pair["a"]["source"], pair["b"]["source"]} == {"Pays de Brest", "Pays de Quimper"}
    text = invoke("duplicates", "--root", str(network["region"])).stdout
    assert "source «\u00a0Pays de" in text and ("R251" in text or "R250" in text)
