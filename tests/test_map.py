"""The map page in Chromium, with every outside request blocked: one marker per located recipe."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import SiteUrls
from recettes.publish.opendata import build_dataset
from recettes.read.checks import validate_repository
from recettes.site.map import map_page
from tests.repo_factory import add_ambassador, add_recipe, mini_repo
from tests.site.conftest import REPO, commit_all, mkdocs
from tests.support.static_server import serve


@pytest.fixture(scope="module")
def map_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small handbook built by MkDocs (`--strict`), served on localhost."""
    tmp = tmp_path_factory.mktemp("map")
    root = mini_repo(tmp)
    add_ambassador(root, "collectif", "Collectif")
    add_recipe(root, "compost", title="Compost partagé", place="plouarzel", themes=("alimentation",))
    add_recipe(root, "repair-cafe", title="Repair café", place="brest", themes=("economie-circulaire",))
    add_recipe(root, "jardin", title="Jardin <partagé>", place="brest", themes=("alimentation", "habitat"))
    add_recipe(root, "covoiturage", title="Covoiturage", place="pays-de-brest", themes=("mobilite",))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    commit_all(root)  # outside git, the build warns (no history) and --strict fails
    result = mkdocs(root, "--strict")
    assert 0 == result.returncode, result.stderr
    with serve(root / "site") as address:
        yield address


def _open(chromium: Any, site: str) -> tuple[Any, list[str]]:
    page = chromium.new_page()
    blocked: list[str] = []

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        if url.startswith(site):
            r.continue_()  # type: ignore[attr-defined]
        else:
            blocked.append(url)
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.goto(site + "carte/")  # a full load, no instant navigation
    page.wait_for_function("document.getElementById('carte-recettes').dataset.ready !== undefined")
    return page, blocked


@pytest.mark.build
@pytest.mark.browser
class TestMapInChromium:
    def test_one_marker_per_located_recipe_without_tiles(self, chromium: Any, map_site: str) -> None:
        page, blocked = _open(chromium, map_site)
        assert "3" == page.get_attribute("#carte-recettes", "data-ready")
        assert 3 == page.locator(".leaflet-marker-icon").count()
        assert 3 == page.locator("#carte-liste li").count()  # the list does not need tiles
        assert blocked and all("tile.openstreetmap.org" in url for url in blocked)
        assert "Jardin <partagé>" in page.inner_text("#carte-liste")
        titles = page.eval_on_selector_all(".leaflet-marker-icon", "els => els.map(e => e.title).sort()")
        assert ["Compost partagé — Plouarzel (recette, lieu d’origine)", "Jardin <partagé> — Brest (recette, lieu d’origine)",
                "Repair café — Brest (recette, lieu d’origine)"] == titles

    def test_theme_filter_hides_markers_and_list_items(self, chromium: Any, map_site: str) -> None:
        page, _ = _open(chromium, map_site)
        page.select_option("#carte-thematique", "alimentation")
        assert 2 == page.locator(".leaflet-marker-icon").count()
        assert 2 == page.locator("#carte-liste li:visible").count()
        page.select_option("#carte-thematique", "")
        assert 3 == page.locator(".leaflet-marker-icon").count()

    def test_marker_popup_links_to_the_recipe(self, chromium: Any, map_site: str) -> None:
        page, _ = _open(chromium, map_site)
        page.locator('.leaflet-marker-icon[title^="Repair café"]').dispatch_event("click")
        assert map_site + "recettes/repair-cafe/" == page.eval_on_selector(".leaflet-popup-content a", "a => a.href")

    def test_map_loads_after_instant_navigation(self, chromium: Any, map_site: str) -> None:
        """Reached from the home page through Material's instant navigation, the map still draws."""
        page = chromium.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(map_site) else r.abort())
        page.goto(map_site)
        page.locator("nav a", has_text="Carte").first.click()
        page.wait_for_function("(document.getElementById('carte-recettes') || {dataset: {}}).dataset.ready === '3'")
        assert 3 == page.locator(".leaflet-marker-icon").count()


def test_page_lists_located_recipes_and_credits_tiles(tmp_path: Path) -> None:
    root = mini_repo(tmp_path)
    add_ambassador(root, "collectif", "Collectif")
    add_recipe(root, "compost", place="plouarzel")
    add_recipe(root, "covoiturage", place="pays-de-brest")
    repo, _ = validate_repository(root)
    dataset, _ = build_dataset(Catalog.build(repo), SiteUrls("https://x.org/"))
    page = map_page(dataset.recipes, "https://tiles.example.org/{z}/{x}/{y}.png", "© Exemple")
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in page
    assert 'data-attribution="© Exemple"' in page
    assert "1 recette sans position ne figure pas sur la carte." in page
    assert "cdn" not in page.casefold() and "unpkg" not in page


def test_vendored_leaflet_matches_its_checksums() -> None:
    import hashlib

    folder = Path(__file__).parents[1] / "tools" / "recettes" / "assets" / "map" / "leaflet"
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        assert digest == hashlib.sha256((folder / name).read_bytes()).hexdigest(), name
    assert "1.9.4" == (folder / "VERSION").read_text(encoding="utf-8").strip()
