"""The handbook in a real browser: Debian's chromium driven by Playwright, on localhost.

The newcomer's journey (home → search « compost » with Pagefind → the recipe → its ambassador → another of
their recipes) with a screenshot of each step in ``test-artifacts/journey/``, and axe-core
accessibility checks (no serious or critical violation). ``make test`` installs chromium and
fetches axe-core into ``.cache/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.static_server import serve

from .conftest import REPO

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE_VERSION = "4.10.3"
AXE = REPO / ".cache" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts" / "journey"
RECIPE = re.compile(r"/recettes/compost-[a-z-]+/")


@pytest.fixture(scope="module")
def server(built_fixture: Path) -> Iterator[str]:
    with serve(built_fixture) as address:
        yield address




class TestJourney:
    def test_newcomer_finds_a_recipe_and_its_ambassador(self, server: str, chromium: Any) -> None:
        """Home → search « compost » → recipe → ambassador → another of their recipes."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server)
        assert "Recettes libres" in page.title()
        page.screenshot(path=str(ARTIFACTS / "1-accueil.png"))

        page.locator("button.recettes-recherche__ouvrir").click()
        page.keyboard.type("compost")
        result = page.locator("#recherche .pagefind-ui__result-link").first
        result.wait_for(timeout=15000)
        page.screenshot(path=str(ARTIFACTS / "2-recherche.png"))
        result.click()
        page.wait_for_url(RECIPE)
        first = page.url
        assert page.locator("#comment-faire").is_visible()
        assert page.locator("#reutiliser").count() == 1
        page.screenshot(path=str(ARTIFACTS / "3-recette.png"), full_page=True)

        page.locator("#porteurs + ul a").first.click()
        page.wait_for_url("**/ambassadeurs/marie-le-gall/")
        assert "Marie Le Gall" in page.locator("h1").inner_text()
        page.screenshot(path=str(ARTIFACTS / "4-ambassadrice.png"), full_page=True)

        links = page.locator("#recettes + ul a")
        others = [links.nth(i) for i in range(links.count())
                  if links.nth(i).get_attribute("href").rstrip("/").split("/")[-1] not in first]
        assert others, "l’ambassadrice porte une autre recette"
        others[0].click()
        page.wait_for_url(RECIPE)
        assert page.url != first
        page.screenshot(path=str(ARTIFACTS / "5-autre-recette.png"), full_page=True)
        page.close()


class TestAccessibility:
    @pytest.mark.parametrize("path", ["", "recettes/compost-partage/", "ambassadeurs/marie-le-gall/",
                                      "thematiques/alimentation/", "territoires/", "carte/", "donnees/",
                                      "recettes/compost-rural/", "utilite-sociale/"])
    def test_no_serious_violation(self, server: str, chromium: Any, path: str) -> None:
        """axe-core finds no serious or critical violation."""
        if not AXE.is_file():
            pytest.skip(f"axe-core absent ({AXE}) : lancez « make test »")
        page = chromium.new_page()
        page.goto(server + path)
        assert [] == self.serious(page)
        page.close()

    def test_search_dialog_with_results_has_no_serious_violation(self, server: str, chromium: Any) -> None:
        """The search dialog open, results and filters shown, light and dark."""
        if not AXE.is_file():
            pytest.skip(f"axe-core absent ({AXE}) : lancez « make test »")
        for scheme in ("light", "dark"):
            page = chromium.new_page(color_scheme=scheme)
            page.goto(server)
            page.locator("button.recettes-recherche__ouvrir").click()
            page.keyboard.type("compost")
            page.locator("#recherche .pagefind-ui__result-link").first.wait_for(timeout=15000)
            assert [] == self.serious(page), scheme
            page.locator("#recherche .recettes-recherche__filtrer").click()  # the filters, on demand
            page.locator("#recherche .pagefind-ui__filter-name").first.wait_for(timeout=15000)
            assert [] == self.serious(page), scheme
            page.close()

    @staticmethod
    def serious(page: Any) -> list[Any]:
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                   ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))")
        return [v for v in violations if v["impact"] in ("serious", "critical")]
