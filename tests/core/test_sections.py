"""core.sections: the one definition of a recipe's sections (id, file, French heading, anchor,
order), and the recipe page that shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import recipe_uri
from recettes.core.sections import (
    RECIPE_FILE,
    RECIPE_FILES,
    RECIPE_MD,
    SECTION_BY_ID,
    SECTION_FILES,
    SECTION_TITLES,
    SECTIONS,
    section_for_heading,
)
from recettes.read.checks import validate_repository
from recettes.site.page import Options
from recettes.site.pages import build_pages

FIXTURE = Path(__file__).parents[1] / "data" / "site"


class TestDefinition:
    @pytest.mark.parametrize("attribute", ["id", "file", "title", "anchor"])
    def test_each_attribute_is_unique(self, attribute: str) -> None:
        values = [getattr(kind, attribute) for kind in SECTIONS]
        assert len(SECTIONS) == len(set(values)), values

    def test_order_of_a_recipe(self) -> None:
        assert ["context", "how-to", "obstacles", "enablers", "reproducibility"] == [kind.id for kind in SECTIONS]
        assert ["context"] == [kind.id for kind in SECTIONS if not kind.required]

    def test_anchors_are_published_addresses(self) -> None:
        """Links to ``…/compost/#freins`` exist outside the handbook: these never change."""
        assert ["contexte", "comment-faire", "freins", "facilitations", "conditions-de-reproductibilite"] == [
            kind.anchor for kind in SECTIONS]
        assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", kind.anchor) for kind in SECTIONS)

    def test_files_and_headings(self) -> None:
        """The context section is new with recipe.md: it never had a file of its own."""
        assert [None, "how-to.md", "obstacles.md", "enablers.md", "reproducibility.md"] == [k.file for k in SECTIONS]
        assert ["Contexte", "Comment faire", "Freins", "Facilitations", "Conditions de reproductibilité"] == [
            k.title for k in SECTIONS]

    @pytest.mark.parametrize(("heading", "kind"), [
        ("Comment faire", "how-to"), ("comment  FAIRE ?", "how-to"), ("Freins :", "obstacles"),
        ("Leviers", "enablers"), ("Facilitations / leviers", "enablers"), ("Ce qui a aidé", "enablers"),
        ("Conditions de reproductibilite", "reproducibility"), ("Contexte", "context"),
        ("Mode d'emploi", "how-to"), ("Mode d’emploi", "how-to")])
    def test_headings_and_their_variants(self, heading: str, kind: str) -> None:
        found = section_for_heading(heading)
        assert found is not None and kind == found.id

    @pytest.mark.parametrize("heading", ["Fraines", "Comment", "Résultats", ""])
    def test_other_headings_are_no_section(self, heading: str) -> None:
        assert section_for_heading(heading) is None

    def test_only_how_to_is_numbered(self) -> None:
        """How-to items are steps (1., 2., …); obstacles, enablers and conditions are not."""
        assert ["how-to"] == [kind.id for kind in SECTIONS if kind.numbered]

    def test_lookups_follow_the_tuple(self) -> None:
        assert {kind.id: kind for kind in SECTIONS} == SECTION_BY_ID
        assert [(kind.id, kind.file) for kind in SECTIONS if kind.file] == list(SECTION_FILES.items())
        assert [(kind.id, kind.title) for kind in SECTIONS] == list(SECTION_TITLES.items())
        assert (RECIPE_FILE, *(kind.file for kind in SECTIONS if kind.file)) == RECIPE_FILES
        assert "recipe.yml" == RECIPE_FILE and "recipe.md" == RECIPE_MD


@pytest.fixture(scope="module")
def recipe_pages() -> dict[str, str]:
    repo, report = validate_repository(FIXTURE)
    assert report.ok, report.sorted()
    catalog = Catalog.build(repo)
    pages = {page.src_uri: page.markdown for page in build_pages(catalog, Options(site_url="https://x.org/"))}
    return {slug: pages[recipe_uri(slug)] for slug in catalog.recipes}


class TestRecipePage:
    def test_every_recipe_page_shows_the_sections_in_order_with_their_anchors(
            self, recipe_pages: dict[str, str]) -> None:
        """``## Comment faire {#comment-faire}`` … in the order of SECTIONS, on every recipe page."""
        assert recipe_pages
        for slug, markdown in recipe_pages.items():
            headings = [line for line in markdown.splitlines() if line.startswith("## ")]
            shown = [h for h in headings if h in {f"## {k.title} {{#{k.anchor}}}" for k in SECTIONS}]
            expected = [f"## {k.title} {{#{k.anchor}}}" for k in SECTIONS if k.required or k.title in markdown]
            assert expected == shown, slug
