"""core.addresses: where each page is published, absolute addresses under the site's base, and
links between pages (the layout is a promise: ambassadors cite these addresses)."""

from __future__ import annotations

import itertools
import posixpath

import pytest
from mkdocs.structure.files import File

from recettes.core.addresses import (
    DATA_URI,
    HOME_URI,
    MAP_URI,
    SiteUrls,
    ambassador_uri,
    card_file,
    collection_file,
    index_uri,
    page_url,
    recipe_uri,
    relative,
    territory_uri,
    theme_uri,
    version_uri,
)

PAGES = {
    HOME_URI: "",
    index_uri("recettes"): "recettes/",
    recipe_uri("compost"): "recettes/compost/",
    version_uri("compost", "1.2.0"): "recettes/compost/v1.2.0/",
    ambassador_uri("marie-le-gall"): "ambassadeurs/marie-le-gall/",
    theme_uri("alimentation"): "thematiques/alimentation/",
    territory_uri("pays-de-brest"): "territoires/pays-de-brest/",
    MAP_URI: "carte/",
    DATA_URI: "donnees/",
}


class TestPageUrl:
    @pytest.mark.parametrize(("src_uri", "url"), PAGES.items(), ids=list(PAGES))
    def test_each_kind_of_page(self, src_uri: str, url: str) -> None:
        assert url == page_url(src_uri)

    def test_source_paths(self) -> None:
        """What MkDocs reads: a folder with index.md for recipes, one file for the others."""
        assert ["index.md", "recettes/index.md", "recettes/compost/index.md", "recettes/compost/v1.2.0/index.md",
                "ambassadeurs/marie-le-gall.md", "thematiques/alimentation.md", "territoires/pays-de-brest.md",
                "carte/index.md", "donnees/index.md"] == list(PAGES)

    @pytest.mark.parametrize("src_uri", PAGES, ids=list(PAGES))
    def test_mkdocs_publishes_the_page_there(self, src_uri: str) -> None:
        """MkDocs with directory URLs gives the same address (``./`` for the home page)."""
        assert File(src_uri, "/docs", "/site", use_directory_urls=True).url == (page_url(src_uri) or "./")


class TestSiteUrls:
    @pytest.mark.parametrize("base", ["https://x.org/guide", "https://x.org/guide/", "https://x.org/guide//"])
    def test_with_or_without_trailing_slash(self, base: str) -> None:
        urls = SiteUrls(base)
        assert "https://x.org/guide/" == urls.base
        assert "https://x.org/guide/recettes/compost/" == urls.of_recipe("compost")
        assert "https://x.org/guide/ambassadeurs/marie-le-gall/" == urls.of_ambassador("marie-le-gall")
        assert "https://x.org/guide/donnees/recettes.json" == urls.of("donnees/recettes.json")
        assert "https://x.org/guide/" == urls.of_page(HOME_URI)

    @pytest.mark.parametrize("base", ["/", ""])
    def test_unknown_site_gives_root_relative_addresses(self, base: str) -> None:
        """Without a public address, links start at the site's root."""
        urls = SiteUrls(base)
        assert "/" == urls.base
        assert "/recettes/compost/v1.2.0/" == urls.of_page(version_uri("compost", "1.2.0"))
        assert "/flux.atom" == urls.of("flux.atom")


class TestRelative:
    @pytest.mark.parametrize(("target", "source", "link"), [
        (recipe_uri("rural"), recipe_uri("compost"), "../rural/index.md"),
        (ambassador_uri("marie"), recipe_uri("compost"), "../../ambassadeurs/marie.md"),
        (recipe_uri("compost"), HOME_URI, "recettes/compost/index.md"),
        (theme_uri("habitat"), ambassador_uri("marie"), "../thematiques/habitat.md"),
        (recipe_uri("compost"), version_uri("compost", "1.0.0"), "../index.md"),
        (MAP_URI, territory_uri("brest"), "../carte/index.md"),
    ])
    def test_links_between_pages(self, target: str, source: str, link: str) -> None:
        assert link == relative(target, source)

    def test_every_link_leads_back_to_its_target(self) -> None:
        """Resolved from the source page's folder, as MkDocs does, each link reaches its page."""
        for target, source in itertools.product(PAGES, repeat=2):
            link = relative(target, source)
            assert target == posixpath.normpath(posixpath.join(posixpath.dirname(source), link)), (source, link)


class TestPrintedFiles:
    def test_cards_and_recueils_live_under_imprimer(self) -> None:
        assert "imprimer/fiches/compost.pdf" == card_file("compost")
        assert "imprimer/recueils/territoire-pays-de-brest.pdf" == collection_file("territoire", "pays-de-brest")
