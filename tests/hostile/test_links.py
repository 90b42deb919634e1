"""Links that misled the validator's messages (issue 12, class 17, links).

- « www.example.org » was reported as a missing file to add in media/: now R132, « add https:// »;
- « &#106;avascript: » was reported as a missing file « jav& »: targets are decoded as a
  browser decodes them, and refused as dangerous links (R033);
- a file name typed in NFD (« e » + combining accent) did not match the same name in NFC: names
  are compared, and media published, in NFC;
- ``recette:slug#ancre`` was not checked against the anchors of the target page (R044).

One site, built once for the module, holds the publishing cases.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from ..conftest import GitRepo, RunLine
from ..site.conftest import copy_fixture, mkdocs
from .markdown_recipes import line_of, located, validate, write_recipe
from .site import assert_site_safe, outside_secret

NFC = unicodedata.normalize("NFC", "café-crème.png")
NFD = unicodedata.normalize("NFD", NFC)
def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "sienna").save(out, "PNG")
    return out.getvalue()


PNG = _png()  # a real image: media are judged by Pillow (read.media)
CREDIT = f"media:\n  - file: media/{NFC}\n    author: Équipe d’essai\n    licence: CC-BY-4.0\n"
"""The image's credit (R104): an image is not covered by the recipe's licence."""


class TestWebAddressWithoutScheme:
    """R132: the fix is to add https://, not to add a file."""

    @pytest.mark.parametrize("target", ["www.example.org", "exemple.fr/page", "www.tiers-lieu.bzh/contact?x=1",
                                        "semeurs.coop", "debat.example"])
    def test_says_add_https(self, run_line: RunLine, repo: Path, target: str) -> None:
        path = write_recipe(repo, "web", f"Voir [le site]({target}).")
        output = validate(run_line, repo)
        message = located(output, path, line_of(repo, "web", "Voir"), "R132")
        assert f"« {target} » est une adresse web sans « https:// »" in message
        assert f"« https://{target} »" in output
        assert "R042" not in output and "media/" not in output

    def test_a_missing_file_is_still_a_missing_file(self, run_line: RunLine, repo: Path) -> None:
        """A file name is not mistaken for an address."""
        path = write_recipe(repo, "fichier", "Voir [le plan](media/plan.pdf) et ![photo](photo.jpg).")
        output = validate(run_line, repo)
        assert "R132" not in output
        line = line_of(repo, "fichier", "Voir")
        assert "fichier « media/plan.pdf » introuvable" in located(output, path, line, "R042")


@pytest.mark.parametrize(("target", "web"), [
    ("www.semeurs.org", True), ("semeurs.bzh/atelier#date", True), ("debat.example", True),
    ("www.rapport.pdf", True), ("rapport.pdf", False), ("notes.txt", False), ("media/plan.pdf", False),
    ("fiche_voisine", False), ("../autre.md", False), ("a" * 300 + ".fr", False), ("", False)])
def test_one_rule_for_the_validator_and_the_import(target: str, web: bool) -> None:
    """``read.markdown.bare_web_address`` decides for both: R132 at validation, R205 at import."""
    from recettes.read.markdown import bare_web_address

    assert web == bare_web_address(target)


class TestEncodedSchemes:
    """R033: a target is read as the browser reads it before its scheme is checked."""

    @pytest.mark.parametrize("target", [
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "java&#09;script:alert(1)",
        "&#100;ata:text/html,x",
    ])
    def test_refused_as_dangerous(self, run_line: RunLine, repo: Path, target: str) -> None:
        path = write_recipe(repo, "entites", f"Un [piège]({target}).")
        output = validate(run_line, repo)
        message = located(output, path, line_of(repo, "entites", "Un [piège]"), "R033")
        scheme = "data" if "ata:" in target else "javascript"
        written = target.removesuffix(")")  # the parser ends a target at its first « ) »
        assert f"lien « {scheme}: » interdit (écrit « {written} »)" in message
        assert "R042" not in output and "introuvable" not in output


class TestUnicodeNames:
    """An NFD reference names the NFC file (and the other way round)."""

    @pytest.mark.parametrize(("on_disk", "written"), [(NFC, NFD), (NFD, NFC), (NFC, NFC)],
                             ids=["nfd-link", "nfd-file", "same"])
    def test_same_name_matches(self, run_line: RunLine, repo: Path, on_disk: str, written: str) -> None:
        write_recipe(repo, "accents", f"![Une tasse](media/{written})", extra=CREDIT)
        (repo / "recipes" / "accents" / "media").mkdir()
        (repo / "recipes" / "accents" / "media" / on_disk).write_bytes(PNG)
        output = validate(run_line, repo, code=0)
        assert "R042" not in output

    def test_a_different_name_is_reported_once(self, run_line: RunLine, repo: Path) -> None:
        """Without its accents the name is another one: reported, written as typed."""
        path = write_recipe(repo, "accents", "![Une tasse](media/cafe-creme.png)")
        (repo / "recipes" / "accents" / "media").mkdir()
        (repo / "recipes" / "accents" / "media" / NFC).write_bytes(PNG)
        output = validate(run_line, repo)
        message = located(output, path, line_of(repo, "accents", "![Une"), "R042")
        assert "« media/cafe-creme.png »" in message


class TestAnchors:
    """R044: ``recette:slug#ancre`` must name an anchor of the target recipe's page."""

    @pytest.mark.parametrize("anchor", [
        "freins",  # a section
        "1-premier-element",  # a step of « Comment faire » (numbered)
        "premier-element",  # an item of « Freins »
        "second-element_1",  # the same title again, as the page numbers it
        "credits",  # a fixed part of every recipe page
    ])
    def test_real_anchors_pass(self, run_line: RunLine, repo: Path, anchor: str) -> None:
        write_recipe(repo, "liens", f"Voir [l’étape](recette:jardin-partage#{anchor}).")
        assert "R044" not in validate(run_line, repo, code=0)

    @pytest.mark.parametrize(("anchor", "suggestion"), [
        ("frein", "recette:jardin-partage#freins"),
        ("1-premier-elemnt", "recette:jardin-partage#1-premier-element"),
        ("nulle-part", None),
    ])
    def test_unknown_anchor(self, run_line: RunLine, repo: Path, anchor: str, suggestion: str | None) -> None:
        path = write_recipe(repo, "liens", f"Voir [l’étape](recette:jardin-partage#{anchor}).")
        output = validate(run_line, repo)
        message = located(output, path, line_of(repo, "liens", "Voir"), "R044")
        assert f"la recette « jardin-partage » n’a pas d’ancre « #{anchor} »" in message
        if suggestion:
            assert f"Vouliez-vous dire « {suggestion} » ?" in output
        assert "#comment-faire" in output  # the hint lists the sections' anchors


# --- one site holding the publishing cases ------------------------------------------------------

@pytest.fixture(scope="module")
def links_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The site fixture plus the hostile recipes, built without --strict; (site, secret, log)."""
    base = tmp_path_factory.mktemp("links")
    secret = outside_secret(base)
    root = copy_fixture(base / "repo")
    write_recipe(root, "cible", "Texte.\n\n### Un sous-titre\n\nSuite.", title="Recette cible")
    write_recipe(root, "liens", "\n\n".join([
        "Voir [l’étape](recette:cible#1-reunir-les-voisins), [le piège](recette:cible#le-texte-piege)"
        " et [le sous-titre](recette:cible#un-sous-titre).",
        "Un [piège](&#106;avascript:alert(1)) et un [autre](java&#09;script:alert(1)).",
        "Le [site](www.example.org).",
        f"![Une tasse](media/{NFD})",
    ]), title="Recette aux liens", extra=CREDIT)
    (root / "recipes" / "liens" / "media").mkdir()
    (root / "recipes" / "liens" / "media" / NFC).write_bytes(PNG)
    GitRepo(root, init=False).commit("Liens", date="2026-11-23T10:00:00+01:00")
    built = mkdocs(root)
    assert built.returncode == 0, built.stderr
    return root / "site", secret, built.stderr


@pytest.mark.build
class TestPublished:
    def test_site_is_safe(self, links_site: tuple[Path, str, str]) -> None:
        """The encoded javascript: links are not published as links that run."""
        site, secret, _ = links_site
        assert_site_safe(site, (secret,))

    def test_build_reports_only_the_real_problems(self, links_site: tuple[Path, str, str]) -> None:
        """R033 and R132 at the recipe file; the anchors and the NFD name pass."""
        _, _, log = links_site
        assert re.search(r"recipes/liens/recipe\.md:\d+:\d+: R033 lien « javascript: » interdit", log), log
        assert re.search(r"recipes/liens/recipe\.md:\d+:\d+: R132 ", log), log
        assert "R044" not in log and "R042" not in log

    def test_anchors_exist_on_the_target_page(self, links_site: tuple[Path, str, str]) -> None:
        """What the validator accepted is what the page has."""
        site, _, _ = links_site
        html = (site / "recettes" / "cible" / "index.html").read_text(encoding="utf-8")
        for anchor in ("1-reunir-les-voisins", "le-texte-piege", "un-sous-titre", "freins", "credits"):
            assert f'id="{anchor}"' in html, anchor
        links = (site / "recettes" / "liens" / "index.html").read_text(encoding="utf-8")
        assert 'href="../cible/#1-reunir-les-voisins"' in links

    def test_nfd_image_is_published_and_found(self, links_site: tuple[Path, str, str]) -> None:
        """The image's address in the page names the published file."""
        site, _, _ = links_site
        html = (site / "recettes" / "liens" / "index.html").read_text(encoding="utf-8")
        sources = re.findall(r'<img[^>]* src="([^"]+)"', html)
        assert sources, html
        for src in sources:
            assert (site / "recettes" / "liens" / unquote(src)).is_file(), src
