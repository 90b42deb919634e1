"""Hostile inputs of issue 12, class 1: media are published as they are.

A recipe's ``media/`` reaches the site only through ``read.media.judge`` (content, never name)
and ``site.media.PublishedMedia`` (a clean copy without EXIF). One repository holds every hostile
input of the module: ``recettes validate`` runs on it once, ``mkdocs build`` (not strict: the
repository has errors on purpose) and ``recettes generate`` build it once, and each test reads
its part of the results. Older versions rebuilt from git have their own repository, built with
``--strict`` (refused media of a version nobody can fix any more must not break the build).
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from ..conftest import GitRepo, invoke
from ..site.conftest import FIXTURE, REPO, commit_all, mkdocs
from .site import assert_site_safe, outside_secret

PAYLOAD = "h12a-charge"  # in every refused file: it must never be published
EXIF_TOKEN = "h12a-appareil"  # in the EXIF of every photo: it must never be published
SCRIPT = f'<script>alert("{PAYLOAD}")</script>'


# Media ------------------------------------------------------------------------------------------


def _exif(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = EXIF_TOKEN  # Make
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "N", 2: (48.0, 23.0, 10.5), 3: "W", 4: (4.0, 29.0, 5.25)})
    return exif.tobytes()


def image(fmt: str, size: tuple[int, int] = (40, 20), color: tuple[int, int, int] = (200, 40, 40),
          **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt, **options)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of ``width`` × ``height`` black pixels: a few dozen kilobytes that
    decode to ``width * height / 8`` bytes."""
    row = b"\0" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row * 500) for _ in range(height // 500)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims ``width`` × ``height`` pixels."""
    data = bytearray(image("JPEG", (16, 16)))
    start = data.index(b"\xff\xc0")
    data[start + 5:start + 9] = struct.pack(">HH", height, width)
    return bytes(data)


SVG = f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{SCRIPT}</svg>'.encode()
HOSTILE = {
    # HTML (or script) under an image's name: the extension lies (R101)
    "media/page.jpg": f"<!DOCTYPE html><html><body>{SCRIPT}</body></html>".encode(),
    "media/photo.jpeg": SCRIPT.encode(),
    "media/anime.gif": f'<html><body onload="alert(\'{PAYLOAD}\')">'.encode(),
    "media/poster.webp": f"<iframe src=javascript:alert('{PAYLOAD}')></iframe>".encode(),
    # SVG, whatever its name (R100 or R101)
    "media/dessin.svg": SVG,
    "media/logo.png": b'<?xml version="1.0"?>\n' + SVG.replace(b"<svg ", b'<svg onload="alert(1)" '),
    "media/schema.SVG": b"\xef\xbb\xbf  " + SVG,
    # Pages, scripts and documents (R100)
    "media/lisez-moi.md": f"# Lisez-moi\n\nUne page Markdown : {PAYLOAD}.\n".encode(),
    "media/index.html": f"<p>Bonjour</p>{SCRIPT}".encode(),
    "media/app.js": f'alert("{PAYLOAD}")\n'.encode(),
    "media/notice.pdf": f"%PDF-1.4\n1 0 obj << /JS ({PAYLOAD}) >> endobj\n".encode(),
    # An image hiding markup after its end (R100)
    "media/polyglotte.png": image("PNG") + SCRIPT.encode(),
}
BOMBS = {
    "media/bombe.png": png_bomb(20_000, 20_000),  # 400 million pixels: Pillow's error
    "media/immense.png": png_bomb(7_000, 7_000),  # 49 million pixels: Pillow's warning
    "media/geante.jpg": jpeg_claiming(60_000, 60_000),  # a header alone
}
PHOTOS = {  # accepted, credited, each carrying GPS coordinates in its EXIF
    "media/photo-gps.jpg": image("JPEG", exif=_exif(orientation=6)),
    "media/plan-gps.png": image("PNG", exif=_exif()),
    "media/velo-gps.webp": image("WEBP", exif=_exif()),
}
UNUSED = {
    "media/oubliee.png": image("PNG"),
    "media/brouillon.jpg": image("JPEG"),
    "media/archives/ancienne.gif": image("GIF"),
}
CREDIT_AUTHOR = "Zoé Le Goff <b>photographe</b>"


def front(slug: str, status: str, credits: str) -> str:
    return f"""\
---
schema_version: 1
title: Essai {slug}
summary: Une recette des essais hostiles sur les médias, assez longue pour être valide.
version: 1.0.0
status: {status}
started: 2012
territory:
  place: brest
themes: [alimentation]
holders:
  - id: marie-le-gall
    role: holder
licence: CC-BY-SA-4.0
{credits}---
"""


SECTIONS = """
# Comment faire

{intro}

## Réunir les voisin·es

Une soirée au pied de l’immeuble.

{item}

# Freins

## Les odeurs

Un bon équilibre de matières sèches.

{obstacle}

# Facilitations

## Le bailleur

Il prête le terrain.

# Conditions de reproductibilité

## Un espace vert

Quelques mètres carrés.
"""


def images(names: list[str]) -> str:
    return "\n\n".join(f"![Illustration {i}]({name})" for i, name in enumerate(names, 1))


def hostile_recipe() -> str:
    credits = "media:\n" + "".join(
        f"  - file: {name}\n    author: {CREDIT_AUTHOR}\n    licence: CC-BY-4.0\n"
        f"    source: https://photos.example.org/{i}\n" for i, name in enumerate(PHOTOS))
    return front("medias-piegees", "published", credits) + SECTIONS.format(
        intro=images(list(HOSTILE)), item=images(list(BOMBS)), obstacle=images(list(PHOTOS)))


UNCREDITED = ["media/a.png", "media/b.jpg", "media/c.webp"]


def uncredited_recipe() -> str:
    credits = ("media:\n  - file: media/absente.png\n    author: Personne\n    licence: CC-BY-4.0\n"
               "  - file: media/d.png\n    author: Yann\n    licence: Licence-Maison\n")
    return front("sans-credit", "published", credits) + SECTIONS.format(
        intro=f"![Premier]({UNCREDITED[0]})", item=f"![Second]({UNCREDITED[1]})",
        obstacle=f"Voir [la troisième]({UNCREDITED[2]}) et ![la quatrième](media/d.png).")


def draft_recipe() -> str:
    return front("brouillon-sans-credit", "draft", "") + SECTIONS.format(
        intro="![Une image](media/e.png)", item="", obstacle="")


def hostile_repo(root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write(root, "recipes/medias-piegees/recipe.md", hostile_recipe())
    for name, data in (HOSTILE | BOMBS | PHOTOS | UNUSED).items():
        write(root, f"recipes/medias-piegees/{name}", data)
    write(root, "recipes/sans-credit/recipe.md", uncredited_recipe())
    for name in [*UNCREDITED, "media/d.png"]:
        fmt = {".png": "PNG", ".jpg": "JPEG", ".webp": "WEBP"}[Path(name).suffix]
        write(root, f"recipes/sans-credit/{name}", image(fmt))
    write(root, "recipes/brouillon-sans-credit/recipe.md", draft_recipe())
    write(root, "recipes/brouillon-sans-credit/media/e.png", image("PNG"))
    # An ambassador's photo goes through the same gate
    person = root / "ambassadors/marie-le-gall.yml"
    text = person.read_text(encoding="utf-8").replace("scope: [name,", "scope: [name, photo,")  # consent covers it
    person.write_text(text + "photo: photos/marie.jpg\n", encoding="utf-8")
    write(root, "ambassadors/photos/marie.jpg", image("JPEG", exif=_exif()))
    person = root / "ambassadors/atelier-velo.yml"
    person.write_text(person.read_text(encoding="utf-8") + "photo: photos/atelier.png\n", encoding="utf-8")
    write(root, "ambassadors/photos/atelier.png", HOSTILE["media/page.jpg"])
    commit_all(root)
    return root


def write(root: Path, path: str, content: str | bytes) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


@dataclass
class Built:
    root: Path
    output: str  # recettes validate
    site: Path  # mkdocs build
    generated: Path  # recettes generate: build/handbook/docs
    generate_output: str
    secret: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("medias")
    secret = outside_secret(base)
    root = hostile_repo(base / "depot")
    output = invoke("validate", "--root", str(root), code=1).stdout
    generated = invoke("generate", "--root", str(root), code=1)
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return Built(root, output, root / "site", root / "build/handbook/docs",
                 generated.stdout + generated.stderr, secret)


def problem(output: str, path: str, code: str) -> str:
    """The first line of the problem ``code`` at ``path`` (``path:line:column``)."""
    found = [line for line in output.splitlines() if line.startswith(path + ":") and f" {code} " in line]
    assert found, f"no {code} at {path} in:\n{output}"
    return found[0]


def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


PIECE = "recipes/medias-piegees"
PAGE = "recettes/medias-piegees"


@pytest.mark.build
class TestContentNotName:
    """Files under an image's name that are HTML, script or SVG: refused, named by content."""

    @pytest.mark.parametrize(("name", "detected"), [
        ("media/page.jpg", "une page HTML ou du script, pas une image JPEG"),
        ("media/photo.jpeg", "une page HTML ou du script, pas une image JPEG"),
        ("media/anime.gif", "une page HTML ou du script, pas une image GIF"),
        ("media/poster.webp", "une page HTML ou du script, pas une image WebP"),
        ("media/logo.png", "un dessin SVG (il peut contenir du script), pas une image PNG"),
    ])
    def test_misleading_extension_names_the_content(self, built: Built, name: str, detected: str) -> None:
        """R101 at the file, saying what the content really is."""
        extension = Path(name).suffix
        line = problem(built.output, f"{PIECE}/{name}", "R101")
        assert line == f"{PIECE}/{name}:1:1: R101 extension « {extension} » trompeuse : le contenu est {detected}"

    @pytest.mark.parametrize(("name", "detected"), [
        ("media/dessin.svg", "un dessin SVG (il peut contenir du script)"),
        ("media/schema.SVG", "un dessin SVG (il peut contenir du script)"),
        ("media/lisez-moi.md", "du Markdown"),
        ("media/index.html", "une page HTML ou du script"),
        ("media/app.js", "du code JavaScript"),
        ("media/notice.pdf", "un document PDF (il peut contenir du script et des données cachées)"),
    ])
    def test_other_files_are_refused(self, built: Built, name: str, detected: str) -> None:
        """R100 at the file: not an image, whatever it is called."""
        line = problem(built.output, f"{PIECE}/{name}", "R100")
        extension = Path(name).suffix.lower()
        assert line == (f"{PIECE}/{name}:1:1: R100 fichier refusé (extension « {extension} ») : le contenu est "
                        f"{detected} ; seules les images JPEG, PNG, GIF et WebP sont publiées")

    def test_svg_hint_says_how_to_convert(self, built: Built) -> None:
        """The hint of a refused SVG explains, in French, how to make a PNG of it."""
        after = built.output.split(f"{PIECE}/media/dessin.svg:1:1: R100", 1)[1].splitlines()[1]
        assert "convertissez-le en PNG (Inkscape : Fichier › Exporter en PNG" in after

    def test_markup_hidden_in_an_image_is_refused(self, built: Built) -> None:
        """A real PNG with a script appended: refused, not published."""
        line = problem(built.output, f"{PIECE}/media/polyglotte.png", "R100")
        assert "image PNG contenant du code (HTML ou script) caché" in line

    @pytest.mark.parametrize("name", [*HOSTILE, *BOMBS])
    def test_refused_files_are_not_published(self, built: Built, name: str) -> None:
        """Neither by mkdocs build nor by recettes generate; a .md is not rendered as a page."""
        for tree in (built.site / PAGE, built.generated / PAGE):
            assert not (tree / name).exists()
        assert not (built.site / PAGE / "media/lisez-moi").exists()

    def test_the_site_is_safe(self, built: Built) -> None:
        """No script, handler or dangerous URL; no payload of a refused file; nothing from outside."""
        assert_site_safe(built.site, (PAYLOAD, EXIF_TOKEN, built.secret))
        published = sorted(p.relative_to(built.site / PAGE).as_posix()
                           for p in (built.site / PAGE / "media").rglob("*") if p.is_file())
        assert sorted(PHOTOS) == published

    def test_generate_exits_1(self, built: Built) -> None:
        """recettes generate reports the same problems and fails."""
        assert f"{PIECE}/media/page.jpg:1:1: R101" in built.generate_output


@pytest.mark.build
class TestDecompressionBombs:
    """Pixel counts are read from the header and capped before any pixel is decoded."""

    @pytest.mark.parametrize(("name", "size"), [
        ("media/bombe.png", "400 millions de pixels"),
        ("media/immense.png", "49 millions de pixels"),
        ("media/geante.jpg", "3600 millions de pixels"),
    ])
    def test_bomb_is_a_located_error(self, built: Built, name: str, size: str) -> None:
        """R102 with the pixel count and the limit; no traceback, no memory blow-up."""
        line = problem(built.output, f"{PIECE}/{name}", "R102")
        assert line == (f"{PIECE}/{name}:1:1: R102 image trop grande ({size}) : plus que la limite de "
                        "40 millions de pixels")

    def test_bombs_are_not_decoded_by_validation(self, tmp_path: Path) -> None:
        """Judging a 400-megapixel PNG takes no time: only its header is read."""
        import time

        from recettes.read.media import judge

        started = time.perf_counter()
        verdict = judge(BOMBS["media/bombe.png"], "bombe.png")
        assert ("pixels", False) == (verdict.kind, verdict.ok)
        assert time.perf_counter() - started < 1


def gps_of(path: Path) -> tuple[dict[int, object], dict[int, object]]:
    with Image.open(path) as published:
        exif = published.getexif()
        return dict(exif), dict(exif.get_ifd(ExifTags.IFD.GPSInfo))


@pytest.mark.build
class TestExifStripped:
    """Published copies carry no EXIF (GPS position, camera): re-encoded with their pixels only."""

    @pytest.mark.parametrize("name", list(PHOTOS))
    def test_published_photo_has_no_gps(self, built: Built, name: str) -> None:
        """mkdocs build and recettes generate both publish the clean copy; the source keeps its EXIF."""
        source = built.root / PIECE / name
        assert gps_of(source)[1], "the test photo must carry GPS"
        for tree in (built.site / PAGE, built.generated / PAGE):
            assert ({}, {}) == gps_of(tree / name)
            assert EXIF_TOKEN.encode() not in (tree / name).read_bytes()

    def test_orientation_is_applied(self, built: Built) -> None:
        """A photo taken sideways (EXIF orientation 6) is published upright."""
        with Image.open(built.site / PAGE / "media/photo-gps.jpg") as published:
            assert (20, 40) == published.size

    def test_ambassador_photo_is_judged(self, built: Built) -> None:
        """An ambassador's photo that is an HTML page: R101 at its « photo » line, not published."""
        text = (built.root / "ambassadors/atelier-velo.yml").read_text(encoding="utf-8")
        line = problem(built.output, f"ambassadors/atelier-velo.yml:{line_of(text, 'photo:')}", "R101")
        assert "photo « photos/atelier.png » : extension « .png » trompeuse : le contenu est une page HTML" in line
        assert not list(built.site.rglob("atelier.png"))

    def test_ambassador_photo_is_cleaned(self, built: Built) -> None:
        """An ambassador's photo goes through the same gate."""
        published = next((built.site / "ambassadeurs").rglob("marie.jpg"))
        assert ({}, {}) == gps_of(published)


@pytest.mark.build
class TestUnusedMedia:
    """A medium no section uses is named (a warning) and not published."""

    @pytest.mark.parametrize("name", list(UNUSED))
    def test_unused_medium_warned_and_not_published(self, built: Built, name: str) -> None:
        line = problem(built.output, f"{PIECE}/{name}", "R103")
        assert line == (f"{PIECE}/{name}:1:1: R103 (avertissement) « {name} » n’est utilisé par aucune "
                        "section : il ne sera pas publié")
        assert not (built.site / PAGE / name).exists()


@pytest.mark.build
class TestCredits:
    """Each published image names its author and licence, shown under it on the page."""

    @pytest.mark.parametrize("name", UNCREDITED)
    def test_missing_credit_is_an_error_at_the_image(self, built: Built, name: str) -> None:
        """R104 where the section inserts (or links to) the image, in a published recipe."""
        text = uncredited_recipe()
        path = "recipes/sans-credit/recipe.md"
        line = problem(built.output, f"{path}:{line_of(text, name)}", "R104")
        assert f" R104 image « {name} » sans crédit : son auteur·ice et sa licence ne sont pas indiqués" in line

    def test_missing_credit_in_a_draft_is_a_warning(self, built: Built) -> None:
        path = f"recipes/brouillon-sans-credit/recipe.md:{line_of(draft_recipe(), 'media/e.png')}"
        assert "R104 (avertissement) image « media/e.png » sans crédit" in problem(built.output, path, "R104")

    def test_credit_of_a_missing_file_and_unknown_licence(self, built: Built) -> None:
        """A credit naming no file (R042) and a licence the guide does not know (R012 warning)."""
        text, path = uncredited_recipe(), "recipes/sans-credit/recipe.md"
        assert "le crédit nomme « media/absente.png », absent du dossier" in problem(
            built.output, f"{path}:{line_of(text, 'media/absente.png')}", "R042")
        assert "licence « Licence-Maison » de l’image inconnue du guide" in problem(
            built.output, f"{path}:{line_of(text, 'Licence-Maison')}", "R012")

    def test_credit_shown_under_each_image(self, built: Built) -> None:
        """« Image : author, licence CC BY 4.0, source » right after the image, escaped."""
        html = (built.site / PAGE / "index.html").read_text(encoding="utf-8")
        for i, name in enumerate(PHOTOS):
            image_at = html.index(f'src="{name}"')
            credit = re.compile(r'<em class="recettes-credit-image">Image&nbsp;: Zoé Le Goff '
                                r'&lt;b&gt;photographe&lt;/b&gt;, licence <a href="https://creativecommons.org/'
                                rf'licenses/by/4.0/[^"]*">[^<]+</a>, <a href="https://photos.example.org/{i}"')
            found = credit.search(html, image_at)
            assert found, html[image_at:image_at + 2000]

    def test_uncredited_image_says_so_on_the_page(self, built: Built) -> None:
        """In a build that goes on despite the errors (mkdocs serve), the page says it."""
        html = (built.site / "recettes/sans-credit/index.html").read_text(encoding="utf-8")
        assert 4 == html.count("Image&nbsp;: ")
        assert 3 == html.count("Image&nbsp;: autrice ou auteur et licence non indiqués")


# Older versions rebuilt from git ------------------------------------------------------------------

OLD_TEXT = {
    "media/ancienne.jpg": f"<html>{SCRIPT}</html>".encode(),
    "media/notes.md": f"# Notes\n\n{SCRIPT}\n".encode(),
    "media/dessin.svg": SVG,
}


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Version 1.0.0 published hostile media (before they were checked) and a GPS photo;
    version 1.1.0 removed the hostile ones and credits the photo. Built with --strict."""
    root = tmp_path_factory.mktemp("historique") / "depot"
    shutil.copytree(FIXTURE, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    repo = GitRepo(root)
    slug = "recipes/medias-anciens"
    body = SECTIONS.format(intro=images([*OLD_TEXT, "media/gps.jpg"]), item="[Nos notes](media/notes.md)",
                           obstacle="")
    write(root, f"{slug}/recipe.md", front("medias-anciens", "published", "").replace("Essai", "Ancienne") + body)
    for name, data in {**OLD_TEXT, "media/gps.jpg": image("JPEG", exif=_exif())}.items():
        write(root, f"{slug}/{name}", data)
    repo.commit("Version 1.0.0", date="2025-01-01T10:00:00+01:00")
    for name in OLD_TEXT:
        repo.remove(f"{slug}/{name}")
    credits = "media:\n  - file: media/gps.jpg\n    author: Yann\n    licence: CC0-1.0\n"
    write(root, f"{slug}/recipe.md", front("medias-anciens", "published", credits).replace("1.0.0", "1.1.0")
          + SECTIONS.format(intro=images(["media/gps.jpg"]), item="", obstacle=""))
    repo.commit("Version 1.1.0", date="2025-06-01T10:00:00+01:00")
    result = mkdocs(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.build
class TestOlderVersions:
    """Pages of older versions are rebuilt from git: their media go through the same gate."""

    @pytest.mark.parametrize("name", list(OLD_TEXT))
    def test_old_hostile_media_not_published(self, history_site: Path, name: str) -> None:
        """Left out, and the old page's link made inert (the strict build passed)."""
        old = history_site / "recettes/medias-anciens/v1.0.0"
        assert (old / "index.html").is_file()
        assert not (old / name).exists()
        assert not (old / "media/notes/index.html").exists()
        assert f'src="{name}"' not in (old / "index.html").read_text(encoding="utf-8")

    def test_old_photo_published_without_gps(self, history_site: Path) -> None:
        assert ({}, {}) == gps_of(history_site / "recettes/medias-anciens/v1.0.0/media/gps.jpg")

    def test_history_site_is_safe(self, history_site: Path) -> None:
        assert_site_safe(history_site, (PAYLOAD, EXIF_TOKEN))
