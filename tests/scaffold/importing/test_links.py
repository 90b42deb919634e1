"""Images of imported fiches: local ones copied under NFC names with their credit, remote ones
downloaded from a real HTTP server on loopback only when the licence is known, refused ones
left out; every kept image passes the repository's media checks."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from PIL import Image

from recettes.read.checks import validate_repository
from recettes.scaffold.importing.links import fetch_url
from tests.support.static_server import serve

from .conftest import codes, recipe, run


def png(color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), color).save(out, format="PNG")
    return out.getvalue()


FICHE = ("# Grainothèque\n\n## Présentation\n\n![Le meuble à graines]({target})\n\n"
         "## Déroulement\n\nDéposer et prendre.\n\n{licence}\n")


class TestLocalImages:
    def test_copied_with_nfc_name_and_credit(self, repo: Path, source: Path) -> None:
        name = unicodedata.normalize("NFD", "Meuble à graines.png")
        (source / "images").mkdir()
        (source / "images" / name).write_bytes(png())
        (source / "f.md").write_text(FICHE.format(target=f"images/{name.replace(' ', '%20')}",
                                                  licence="Licence : CC BY-SA 4.0"), encoding="utf-8")
        result = run(repo, source)
        data, sections, _ = recipe(repo, "grainotheque")
        assert ["meuble-a-graines.png"] == result.recipes[0].media
        assert "![Le meuble à graines](media/meuble-a-graines.png)" in sections["context"].items[0].body
        assert [{"file": "media/meuble-a-graines.png", "author": "fiche «\u00a0f.md\u00a0»", "licence": "CC-BY-SA-4.0"}] \
            == data["media"]
        assert png() == (repo / "recipes" / "grainotheque" / "media" / "meuble-a-graines.png").read_bytes()
        _, report = validate_repository(repo)
        assert [] == [str(p) for p in report.errors]
        assert not [p for p in report.warnings if p.code.name.startswith("R10")]

    def test_a_file_that_is_not_an_image_is_refused(self, repo: Path, source: Path) -> None:
        (source / "faux.png").write_text("<script>alert(1)</script>", encoding="utf-8")
        (source / "f.md").write_text(FICHE.format(target="faux.png", licence=""), encoding="utf-8")
        result = run(repo, source)
        assert "R208" in codes(result)
        assert not (repo / "recipes" / "grainotheque" / "media" / "faux.png").exists()
        assert "Le meuble à graines" in recipe(repo, "grainotheque")[2]

    def test_a_path_outside_the_source_is_not_read(self, repo: Path, source: Path, tmp_path: Path) -> None:
        (tmp_path / "secret.png").write_bytes(png())
        (source / "f.md").write_text(FICHE.format(target="../secret.png", licence=""), encoding="utf-8")
        result = run(repo, source)
        assert "R208" in codes(result) and [] == result.recipes[0].media


class TestRemoteImages:
    def test_downloaded_when_the_licence_is_known(self, repo: Path, source: Path, tmp_path: Path) -> None:
        served = tmp_path / "www"
        served.mkdir()
        (served / "photo.png").write_bytes(png("blue"))
        with serve(served) as base:
            (source / "f.md").write_text(FICHE.format(target=f"{base}photo.png", licence="Licence : CC BY 4.0"),
                                         encoding="utf-8")
            result = run(repo, source, fetch=fetch_url)
        data, _, _ = recipe(repo, "grainotheque")
        assert png("blue") == (repo / "recipes" / "grainotheque" / "media" / "photo.png").read_bytes()
        assert f"{base}photo.png" == data["media"][0]["source"]
        assert "CC-BY-4.0" == data["media"][0]["licence"]
        assert result.ok

    def test_kept_as_a_link_without_a_licence(self, repo: Path, source: Path, tmp_path: Path) -> None:
        served = tmp_path / "www"
        served.mkdir()
        (served / "photo.png").write_bytes(png("blue"))
        with serve(served) as base:
            (source / "f.md").write_text(FICHE.format(target=f"{base}photo.png", licence=""), encoding="utf-8")
            result = run(repo, source, fetch=fetch_url)
        assert "R207" in codes(result)
        assert f"[Le meuble à graines]({base}photo.png)" in recipe(repo, "grainotheque")[2]
        assert not (repo / "recipes" / "grainotheque" / "media" / "photo.png").exists()

    def test_a_missing_remote_image_stays_a_link(self, repo: Path, source: Path, tmp_path: Path) -> None:
        (tmp_path / "www").mkdir()
        with serve(tmp_path / "www") as base:
            (source / "f.md").write_text(FICHE.format(target=f"{base}absente.png", licence="CC BY-SA 4.0"),
                                         encoding="utf-8")
            result = run(repo, source, fetch=fetch_url)
        assert "R207" in codes(result) and result.ok
        assert f"({base}absente.png)" in recipe(repo, "grainotheque")[2]


def test_a_failed_download_says_why_in_french(repo: Path, source: Path, tmp_path: Path) -> None:
    """A 404, then a server that is gone: the warning gives the reason in French, never urllib's."""
    (tmp_path / "www").mkdir()
    with serve(tmp_path / "www") as base:
        (source / "f.md").write_text(FICHE.format(target=f"{base}absente.png", licence="CC BY-SA 4.0"),
                                     encoding="utf-8")
        missing = run(repo, source, fetch=fetch_url)
    gone = base  # the server is stopped now
    (source / "f.md").write_text(FICHE.format(target=f"{gone}photo.png", licence="CC BY-SA 4.0"), encoding="utf-8")
    unreachable = run(repo, source, fetch=fetch_url)
    [first] = [p.message for p in missing.problems if p.code.name == "R207"]
    [second] = [p.message for p in unreachable.problems if p.code.name == "R207"]
    assert first.endswith("non téléchargée (le serveur a répondu 404)")
    assert second.endswith("non téléchargée (serveur injoignable ou trop lent)")
