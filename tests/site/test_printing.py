"""site.printing: the recipe cards and the « recueils », as real PDFs read back (text with pypdf,
pages drawn by Debian's pdftoppm, QR codes decoded by zxing-cpp)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdf
import pytest
import yaml
import zxingcpp
from PIL import Image

from recettes.catalog.snapshots import build_catalog
from recettes.core.addresses import SiteUrls
from recettes.publish.attribution import attribution
from recettes.read.checks import validate_repository
from recettes.site.printing import (
    TERRITORY,
    THEME,
    card_lines,
    collection_of,
    download_lines,
    print_all,
    print_card,
    versioned_url,
)

from ..conftest import ROOT, GitRepo, make_repo

SITE = "https://recettes-libres.example.org/"
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def squeezed(text: str) -> str:
    """Text without any space: a PDF's lines break anywhere, addresses included."""
    return SPACES.sub("", text)


def pdf_text(data: bytes | Path) -> str:
    reader = pypdf.PdfReader(data if isinstance(data, Path) else __import__("io").BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pages(data: bytes) -> int:
    return len(pypdf.PdfReader(__import__("io").BytesIO(data)).pages)


def to_png(pdf: Path, out: Path, dpi: int = 110) -> list[Path]:
    """Every page drawn by pdftoppm (Debian poppler-utils, installed by .ci/run)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm absent : lancez .ci/run ou « apt-get install poppler-utils »")
    subprocess.run([tool, "-r", str(dpi), "-png", str(pdf), str(out)], check=True, capture_output=True)
    return sorted(out.parent.glob(f"{out.name}-*.png"))


def qr_codes(png: Path) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(png)) if code.format == zxingcpp.BarcodeFormat.QRCode]


def front_matter(path: Path) -> dict[str, object]:
    """A recipe's metadata read with PyYAML, not with the code under test."""
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def catalog_of(root: Path):  # type: ignore[no-untyped-def]
    repo, _ = validate_repository(root)
    return build_catalog(root, repo, snapshots=False)[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own recipes, ambassadors and vocabularies, committed in a new repository."""
    root = tmp_path_factory.mktemp("corpus") / "depot"
    for name in ("recipes", "ambassadors", "schema"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("mkdocs.yml", "git-identities.yml"):
        shutil.copy(ROOT / name, root / name)
    GitRepo(root).commit("Corpus", date="2026-11-22T10:00:00+01:00")
    return root


@pytest.fixture(scope="module")
def brest(corpus: Path) -> tuple[Path, object]:
    catalog = catalog_of(corpus)
    printed = print_all(catalog, SiteUrls(SITE), territories=["pays-de-brest"], today=date(2026, 12, 1))
    assert printed.ok, printed.problems
    out = corpus / "imprime"
    for path, data in printed.files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    return out, catalog


class TestRecueilOfPaysDeBrest:
    """The acceptance criterion: the recueil of « Pays de Brest », read back from its PDF."""

    def test_it_is_a_pdf_that_holds_every_title_of_the_territory(self, brest: tuple[Path, object]) -> None:
        out, catalog = brest
        pdf = out / "imprimer" / "recueils" / "territoire-pays-de-brest.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-")
        text = squeezed(pdf_text(pdf))
        slugs = catalog.by_territory["pays-de-brest"]  # type: ignore[attr-defined]
        assert len(slugs) >= 8
        titles = [str(front_matter(ROOT / "recipes" / slug / "recipe.md")["title"]) for slug in slugs]
        assert "Wiki-Brest, écriture collaborative du territoire" in titles
        for title in titles:
            assert squeezed(title) in text, title
        assert squeezed("Monnaie locale") not in text  # a recipe of Rennes, not of Brest

    def test_each_recipe_keeps_its_credits_and_licence(self, brest: tuple[Path, object]) -> None:
        out, catalog = brest
        raw = pdf_text(out / "imprimer" / "recueils" / "territoire-pays-de-brest.pdf")
        text = squeezed(raw)
        for slug in catalog.by_territory["pays-de-brest"]:  # type: ignore[attr-defined]
            meta = catalog.meta(slug)  # type: ignore[attr-defined]
            url = f"{SITE}recettes/{slug}/v{meta.version}/"
            assert squeezed(attribution(catalog, meta, url)) in text, slug  # type: ignore[arg-type]
            for credit in meta.documented_by:
                assert squeezed(str(credit.name or catalog.ambassadors[credit.id].meta.name)) in text  # type: ignore[attr-defined]
        assert squeezed("Sources et licences") in text
        assert squeezed("Portraits des ambassadeur·rices") in text
        assert not re.search(r"[\w.+-]+@[\w-]+\.[a-z]{2,}", raw)  # never an e-mail address

    def test_the_contents_give_the_page_of_each_recipe(self, brest: tuple[Path, object]) -> None:
        out, catalog = brest
        reader = pypdf.PdfReader(out / "imprimer" / "recueils" / "territoire-pays-de-brest.pdf")
        contents = reader.pages[1].extract_text()
        for slug in catalog.by_territory["pays-de-brest"]:  # type: ignore[attr-defined]
            title = catalog.meta(slug).title  # type: ignore[attr-defined]
            line = next(line for line in contents.splitlines() if squeezed(line).startswith(squeezed(title)[:30]))
            number = int(line.rsplit(" ", 1)[-1])
            assert squeezed(title)[:30] in squeezed(reader.pages[number - 1].extract_text()), (title, number)

    def test_its_pages_are_drawn(self, brest: tuple[Path, object], tmp_path: Path) -> None:
        out, _ = brest
        pdf = out / "imprimer" / "recueils" / "territoire-pays-de-brest.pdf"
        drawn = to_png(pdf, tmp_path / "recueil", dpi=40)
        assert len(pypdf.PdfReader(pdf).pages) == len(drawn)
        cover = Image.open(drawn[0]).convert("L")
        assert cover.size[0] < cover.size[1]  # portrait A4
        assert cover.getextrema()[0] < 60  # black text was drawn, not a blank page

    def test_the_card_qr_code_decodes_to_the_versioned_address(self, brest: tuple[Path, object], tmp_path: Path) -> None:
        out, catalog = brest
        for slug in catalog.by_territory["pays-de-brest"][:3]:  # type: ignore[attr-defined]
            version = front_matter(ROOT / "recipes" / slug / "recipe.md")["version"]
            card = out / "imprimer" / "fiches" / f"{slug}.pdf"
            assert 1 == len(pypdf.PdfReader(card).pages)
            [png] = to_png(card, tmp_path / slug, dpi=150)
            assert [f"{SITE}recettes/{slug}/v{version}/"] == qr_codes(png)
            assert f"{SITE}recettes/{slug}/v{version}/" in squeezed(pdf_text(card))


class TestCard:
    """One page, whatever the recipe, with what a card must say."""

    def test_a_long_recipe_still_fits_on_one_page(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "depot")
        recipe = root / "recipes" / "jardin-partage" / "recipe.md"
        text = recipe.read_text(encoding="utf-8")
        steps = "".join(f"## Étape numéro {n} avec un titre assez long pour tenir sur deux lignes de la fiche\n\n"
                        f"Texte de l’étape {n}.\n\n" for n in range(1, 31))
        text = text.replace("title: Jardin partagé d’essai", "title: " + "Un titre très long " * 6)
        text = text.replace("# Comment faire\n", "# Comment faire\n\n" + steps, 1)
        recipe.write_text(text, encoding="utf-8")
        catalog = catalog_of(root)
        rendered = print_card(catalog, "jardin-partage", SiteUrls(SITE))
        assert 1 == rendered.pages
        body = squeezed(pdf_text(rendered.data))
        assert squeezed("Étape numéro 1 avec") in body
        assert re.search(r"…et(\d+)autresétapes", body)  # the steps left out are counted
        assert squeezed("Marie Exemple") in body and squeezed("Brest") in body
        assert squeezed("CC BY-SA 4.0") in body

    def test_the_address_is_that_of_the_version_printed(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "depot")
        catalog = catalog_of(root)
        assert f"{SITE}recettes/jardin-partage/v1.0.0/" == versioned_url(catalog, "jardin-partage", SiteUrls(SITE))


class TestContributedText:
    """Whatever a title or a section says, it is printed as text, never as markup."""

    def test_markup_in_a_title_is_printed_as_written(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "depot")
        recipe = root / "recipes" / "jardin-partage" / "recipe.md"
        title = "<b>Gras</b> & <i>penché</i> « titre »"
        recipe.write_text(recipe.read_text(encoding="utf-8").replace(
            "title: Jardin partagé d’essai", f"title: \"{title}\""), encoding="utf-8")
        catalog = catalog_of(root)
        printed = print_all(catalog, SiteUrls(SITE), territories=["brest"])
        for data in printed.files.values():
            assert squeezed(title) in squeezed(pdf_text(data))

    def test_the_recipe_images_are_printed_with_their_credits_and_remote_ones_are_not(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "depot")
        folder = root / "recipes" / "jardin-partage"
        (folder / "media").mkdir()
        Image.new("RGB", (120, 60), (20, 40, 220)).save(folder / "media" / "plan.png")
        recipe = folder / "recipe.md"
        text = recipe.read_text(encoding="utf-8").replace(
            "licence: CC-BY-SA-4.0\n", "licence: CC-BY-SA-4.0\nmedia:\n  - file: media/plan.png\n"
            "    author: Léa Dessin\n    licence: CC-BY-4.0\n", 1)
        text = text.replace("# Comment faire\n", "# Comment faire\n\n![Plan du jardin](media/plan.png)\n\n"
                            "![ailleurs](https://images.example.org/x.png)\n", 1)
        recipe.write_text(text, encoding="utf-8")
        catalog = catalog_of(root)
        printed = print_all(catalog, SiteUrls(SITE), territories=["brest"], cards=False)
        reader = pypdf.PdfReader(__import__("io").BytesIO(printed.files["imprimer/recueils/territoire-brest.pdf"]))
        images = {image.data for page in reader.pages for image in page.images}  # pages share resources
        assert 1 == len(images)
        picture = Image.open(__import__("io").BytesIO(images.pop())).convert("RGB")
        assert (120, 60) == picture.size and picture.getpixel((60, 30))[2] > 150
        assert squeezed("Image : plan.png : Léa Dessin, licence CC BY 4.0") in squeezed(pdf_text(
            printed.files["imprimer/recueils/territoire-brest.pdf"]))

    def test_impact_figures_are_written_the_french_way(self, tmp_path: Path) -> None:
        catalog = catalog_of(make_repo(tmp_path / "depot"))
        printed = print_all(catalog, SiteUrls(SITE), territories=["brest"], cards=False)
        text = squeezed(pdf_text(printed.files["imprimer/recueils/territoire-brest.pdf"]))
        assert squeezed("Parcelles cultivées : 12 parcelles (2013)") in text


class TestLicences:
    """Only recipes whose licence lets anyone hand out copies are printed, each with its terms."""

    def test_a_recipe_under_an_unknown_licence_is_left_out_and_reported(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "depot")
        shutil.copytree(root / "recipes" / "jardin-partage", root / "recipes" / "jardin-ferme")
        closed = root / "recipes" / "jardin-ferme" / "recipe.md"
        closed.write_text(closed.read_text(encoding="utf-8")
                          .replace("licence: CC-BY-SA-4.0", "licence: LicenseRef-tous-droits-reserves")
                          .replace("title: Jardin partagé d’essai", "title: Jardin fermé à la copie"),
                          encoding="utf-8")
        catalog = catalog_of(root)
        assert "jardin-ferme" in catalog.recipes  # published on the site, with its own terms
        printed = print_all(catalog, SiteUrls(SITE), territories=["brest"])
        assert ["jardin-ferme"] == list(printed.excluded)
        problem = printed.excluded["jardin-ferme"]
        line = closed.read_text(encoding="utf-8").splitlines().index("licence: LicenseRef-tous-droits-reserves") + 1
        assert ("R295", "recipes/jardin-ferme/recipe.md", line) == (problem.code.name, problem.path, problem.line)
        assert ["imprimer/fiches/jardin-partage.pdf", "imprimer/recueils/territoire-brest.pdf"] == sorted(printed.files)
        text = squeezed(pdf_text(printed.files["imprimer/recueils/territoire-brest.pdf"]))
        assert squeezed("Jardin partagé d’essai") in text
        assert squeezed("Jardin fermé") not in text
        assert [] == download_lines(catalog, TERRITORY, "plouarzel", "territoires/plouarzel.md")
        assert [] == card_lines(catalog, "jardin-ferme", "recettes/jardin-ferme/index.md")

    def test_a_non_commercial_recipe_makes_the_recueil_non_commercial(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "depot")
        recipe = root / "recipes" / "jardin-partage" / "recipe.md"
        recipe.write_text(recipe.read_text(encoding="utf-8").replace("CC-BY-SA-4.0", "CC-BY-NC-SA-4.0"),
                          encoding="utf-8")
        catalog = catalog_of(root)
        printed = print_all(catalog, SiteUrls(SITE), themes=["alimentation"], cards=False)
        text = squeezed(pdf_text(printed.files["imprimer/recueils/thematique-alimentation.pdf"]))
        assert squeezed("à des fins non commerciales seulement (licence CC BY-NC-SA 4.0)") in text
        assert ["imprimer/recueils/thematique-alimentation.pdf"] == list(printed.files)


class TestPortraits:
    """Ambassadors appear as their consent allows, never with a contact."""

    def test_what_consent_withholds_is_not_printed(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "depot")
        (root / "ambassadors" / "marie-exemple.yml").write_text(
            "schema_version: 1\nname: Marie Exemple\nkind: person\nterritory: brest\n"
            "bio: Une présentation qu’elle n’a pas accepté de publier.\n"
            "contact:\n  email: marie@example.org\n  phone: \"+33 6 12 34 56 78\"\n"
            "consent:\n  date: \"2026-05-12\"\n  scope: [bio]\n", encoding="utf-8")
        catalog = catalog_of(root)
        printed = print_all(catalog, SiteUrls(SITE), territories=["brest"])
        for data in printed.files.values():
            text = pdf_text(data)
            assert "Marie" not in text and "marie@example.org" not in text and "12 34 56" not in text
        recueil = squeezed(pdf_text(printed.files["imprimer/recueils/territoire-brest.pdf"]))
        assert squeezed("Nom non publié") in recueil
        assert squeezed("Une présentation qu’elle n’a pas accepté") in recueil  # bio is in scope


class TestPhotos:
    """A portrait shows the photo only when consent covers it, as a clean copy."""

    @pytest.mark.parametrize(("scope", "shown"), [("[name, photo]", True), ("[name, bio]", False)])
    def test_the_photo_follows_consent(self, tmp_path: Path, scope: str, shown: bool) -> None:
        root = make_repo(tmp_path / "depot")
        photos = root / "ambassadors" / "photos"
        photos.mkdir()
        Image.new("RGB", (60, 80), (200, 30, 30)).save(photos / "marie.png")
        (root / "ambassadors" / "marie-exemple.yml").write_text(
            "schema_version: 1\nname: Marie Exemple\nkind: person\nterritory: brest\nphoto: photos/marie.png\n"
            f"consent:\n  date: \"2026-05-12\"\n  scope: {scope}\n", encoding="utf-8")
        catalog = catalog_of(root)
        printed = print_all(catalog, SiteUrls(SITE), territories=["brest"], cards=False)
        reader = pypdf.PdfReader(__import__("io").BytesIO(printed.files["imprimer/recueils/territoire-brest.pdf"]))
        portraits = next(page for page in reader.pages if "Portraits des" in page.extract_text())
        images = list({image.data for image in portraits.images})
        assert shown == bool(images)
        if shown:
            picture = Image.open(__import__("io").BytesIO(images[0])).convert("RGB")
            assert (60, 80) == picture.size and picture.getpixel((30, 40))[0] > 150


class TestCollections:
    def test_a_territory_gathers_the_places_it_contains(self, corpus: Path) -> None:
        catalog = catalog_of(corpus)
        region = collection_of(catalog, TERRITORY, "bretagne")
        brest = collection_of(catalog, TERRITORY, "pays-de-brest")
        assert set(brest.slugs) < set(region.slugs)
        assert "imprimer/recueils/territoire-bretagne.pdf" == region.file

    def test_unknown_ids_are_reported_with_the_closest(self, corpus: Path) -> None:
        catalog = catalog_of(corpus)
        printed = print_all(catalog, SiteUrls(SITE), territories=["pays-de-bres"], themes=["lien-socal"])
        assert not printed.ok and not printed.files
        codes = [(p.code.name, p.path) for p in printed.problems]
        assert [("R296", "--territoire"), ("R296", "--thematique")] == codes
        assert "pays-de-brest" in printed.problems[0].hint and "lien-social" in printed.problems[1].hint

    def test_a_theme_without_printable_recipe_is_an_error_when_asked(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "depot")
        catalog = catalog_of(root)
        printed = print_all(catalog, SiteUrls(SITE), themes=["habitat"])
        assert ["R297"] == [p.code.name for p in printed.problems] and not printed.ok
        assert [] == download_lines(catalog, THEME, "habitat", "thematiques/habitat.md")


@pytest.mark.build
class TestHandbook:
    """With ``printable: true``, the published handbook offers the same documents, linked."""

    def test_a_strict_build_publishes_and_links_them(self, tmp_path: Path) -> None:
        from .conftest import copy_fixture, mkdocs

        root = copy_fixture(tmp_path / "repo")
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "\n      printable:" not in text  # the repository's choice: off (the default)
        config.write_text(text.replace("  - recettes:\n", "  - recettes:\n      printable: true\n", 1), encoding="utf-8")
        result = mkdocs(root, "--strict")
        assert 0 == result.returncode, result.stderr
        site = root / "site"
        catalog = catalog_of(root)
        cards = sorted(p.name for p in (site / "imprimer" / "fiches").iterdir())
        assert sorted(f"{slug}.pdf" for slug in catalog.recipes) == cards
        slug = next(iter(catalog.recipes))
        page = (site / "recettes" / slug / "index.html").read_text(encoding="utf-8")
        assert f'href="../../imprimer/fiches/{slug}.pdf"' in page
        place = catalog.meta(slug).territory.place
        territory = (site / "territoires" / place / "index.html").read_text(encoding="utf-8")
        link = re.search(r'href="([^"]+\.pdf)"', territory)
        assert link and "Télécharger le recueil à imprimer" in territory
        assert (site / "territoires" / place / link[1]).resolve().is_file()
        # The card's QR code leads to a page of this very site: the version's address.
        card = site / "imprimer" / "fiches" / f"{slug}.pdf"
        [png] = to_png(card, tmp_path / "fiche", dpi=150)
        [address] = qr_codes(png)
        site_url = re.search(r"^site_url: (\S+)$", config.read_text(encoding="utf-8"), re.MULTILINE)[1]  # type: ignore[index]
        assert address.startswith(site_url) and re.search(r"/v\d+\.\d+\.\d+/$", address)
        assert (site / address.removeprefix(site_url) / "index.html").is_file()

    def test_off_by_default(self, built_fixture: Path) -> None:
        assert not (built_fixture / "imprimer").exists()
        assert ".pdf" not in (built_fixture / "territoires" / "brest" / "index.html").read_text(encoding="utf-8")
