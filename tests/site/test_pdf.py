"""site.pdf: WeasyPrint never reaches the network nor reads a file a document names, checked
against a real HTTP server on the loopback that counts what it is asked."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from recettes.catalog.snapshots import build_catalog
from recettes.core.addresses import SiteUrls
from recettes.read.checks import validate_repository
from recettes.site.pdf import render_pdf
from recettes.site.printing import PRINT_DIR, print_all
from tests.support.static_server import serve_with

from ..conftest import make_repo


class Counter(http.server.BaseHTTPRequestHandler):
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Counter.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A server on 127.0.0.1 that records every request (none is expected)."""
    Counter.asked = []
    with serve_with(Counter) as base:
        yield base.rstrip("/")


class TestNothingIsFetched:
    def test_remote_and_local_addresses_are_refused(self, server: str, tmp_path: Path) -> None:
        secret = tmp_path / "secret.txt"
        secret.write_text("ne pas lire", encoding="utf-8")
        html = (f'<html><head><link rel="stylesheet" href="{server}/style.css">'
                f'<style>@import url("{server}/import.css"); @font-face {{ font-family: x; src: url("{server}/f.woff"); }}'
                f'body {{ background: url("{server}/fond.png"); }}</style></head>'
                f'<body><p>Bonjour</p><img src="{server}/image.png"><img src="{secret.as_uri()}">'
                f'<object data="{server}/objet"></object><iframe src="{server}/cadre"></iframe></body></html>')
        rendered = render_pdf(html, PRINT_DIR)
        assert [] == Counter.asked
        assert rendered.data.startswith(b"%PDF-") and 1 == rendered.pages
        assert {f"{server}/style.css", f"{server}/import.css", f"{server}/image.png", secret.as_uri()} <= set(rendered.refused)

    def test_the_package_stylesheet_is_read(self) -> None:
        html = '<html><head><link rel="stylesheet" href="impression.css"></head><body><p>x</p></body></html>'
        assert [] == render_pdf(html, PRINT_DIR).refused

    def test_contributed_images_and_html_are_not_fetched(self, server: str, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "depot")
        recipe = root / "recipes" / "jardin-partage" / "recipe.md"
        hostile = (f"Voyez ![plan]({server}/plan.png) et <img src=\"{server}/brut.png\"> "
                   f"<link rel=\"stylesheet\" href=\"{server}/brut.css\">, ou [le site]({server}/lien).\n\n")
        recipe.write_text(recipe.read_text(encoding="utf-8").replace("# Comment faire\n", "# Comment faire\n\n" + hostile, 1),
                          encoding="utf-8")
        repo, _ = validate_repository(root)
        catalog = build_catalog(root, repo, snapshots=False)[0]
        assert "jardin-partage" in catalog.recipes
        printed = print_all(catalog, SiteUrls("https://recettes.example.org/"), territories=["brest"])
        assert printed.ok and 2 == len(printed.files)
        assert [] == Counter.asked


def test_printing_leaves_truncated_images_refused() -> None:
    """WeasyPrint's import would let Pillow load truncated images everywhere (read.media, R100)."""
    from PIL import ImageFile

    import recettes.site.pdf  # noqa: F401  (the import is what is tested)

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
