"""Reaching people on pages: holders under a recipe's summary, « Ce que je peux apporter »,
« Contact » and « Demander une mise en relation », « Vous pourriez aussi rencontrer » (site.reach)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from recettes.catalog.catalog import Catalog
from recettes.read.checks import validate_repository
from recettes.site.page import Options
from recettes.site.pages import build_pages

from ..support.reach import PUBLISHED_EMAIL, PUBLISHED_PHONE, WITHHELD, reach_repo

NB = "\u00a0"
MAILTO = "mailto:animation@reseau.example?subject={title}&body={body}"
LINK = re.compile(r"\[Demander une mise en relation\]\(([^)]*)\)\{ \.recettes-mise-en-relation \}")


def _pages(root: Path, introduction_url: str = MAILTO) -> dict[str, str]:
    repo, report = validate_repository(root)
    assert not report.errors, report.sorted()
    options = Options(site_url="https://guide.example/", introduction_url=introduction_url)
    return {page.src_uri: page.markdown for page in build_pages(Catalog.build(repo), options)}


def _request(markdown: str) -> dict[str, str]:
    [link] = LINK.findall(markdown)
    return {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}


def _leaks(text: str) -> list[str]:
    return [value for value in WITHHELD for form in (value, quote(value), quote(value, safe="")) if form in text]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reach_repo(tmp_path_factory.mktemp("reach") / "depot")


@pytest.fixture(scope="module")
def pages(root: Path) -> dict[str, str]:
    return _pages(root)


class TestAmbassadorPage:
    def test_offers(self, pages: dict[str, str]) -> None:
        """Kind, details, terms and conditions, territories (linked when they have a page), remote."""
        anne = pages["ambassadeurs/anne-essai.md"]
        assert ("## Ce que je peux apporter {#apporter}\n\n"
                "- **Visite**" + NB + ": Une demi\\-journée au jardin pour une équipe qui se lance.\n"
                "    - Conditions" + NB + ": gratuit, frais de déplacement à prendre en charge, le mercredi.\n"
                "    - Où" + NB + ": [Pays de Brest](../territoires/pays-de-brest.md) et [Finistère](../territoires/finistere.md).\n"
                "- **Conseil**\n"
                "    - Possible à distance.\n") in anne

    def test_consented_contact_and_the_request(self, pages: dict[str, str]) -> None:
        anne = pages["ambassadeurs/anne-essai.md"]
        assert f"- Courriel{NB}: [{PUBLISHED_EMAIL}](mailto:{PUBLISHED_EMAIL})" in anne
        assert f"- Téléphone{NB}: {PUBLISHED_PHONE}" in anne
        request = _request(anne)
        assert "Demande de mise en relation avec Anne Essai" == request["subject"]
        assert "https://guide.example/ambassadeurs/anne-essai/" in request["body"]
        assert PUBLISHED_EMAIL not in request["body"] and PUBLISHED_PHONE not in request["body"]

    @pytest.mark.parametrize("ident", ["porteur-plouarzel", "ancienne-porteuse", "epicerie-essai"])
    def test_without_consent_no_contact_anywhere_on_the_page(self, pages: dict[str, str], ident: str) -> None:
        """Not in « Contact », not in the presentation or an offer where it was written, not in the
        request: only the page's address, and no name that consent does not cover."""
        page = pages[f"ambassadeurs/{ident}.md"]
        assert [] == _leaks(page)
        assert "Courriel" not in page and "Téléphone" not in page
        assert f"Ses coordonnées ne sont pas publiées. L’équipe d’animation du réseau transmet votre demande{NB}:" in page
        body = _request(page)["body"]
        assert f"https://guide.example/ambassadeurs/{ident}/" in body

    def test_contact_written_in_texts_is_replaced(self, pages: dict[str, str]) -> None:
        bruno = pages["ambassadeurs/porteur-plouarzel.md"]
        assert "Joignable au \\(coordonnées non publiées\\) ou à \\(coordonnées non publiées\\), le soir." in bruno
        assert "appelez le \\(coordonnées non publiées\\)." in bruno

    def test_without_introduction_url_a_sentence_and_no_link(self, root: Path) -> None:
        pages = _pages(root, "")
        bruno = pages["ambassadeurs/porteur-plouarzel.md"]
        assert "Demander une mise en relation" not in bruno
        assert ("Ses coordonnées ne sont pas publiées, faute d’accord enregistré. Pour une mise en relation, "
                "adressez-vous à l’équipe qui anime ce guide") in bruno
        assert "Demander une mise en relation" not in pages["recettes/jardin-partage/index.md"]
        anne = pages["ambassadeurs/anne-essai.md"]
        assert f"mailto:{PUBLISHED_EMAIL}" in anne and "équipe d’animation" not in anne

    def test_portraits(self, pages: dict[str, str]) -> None:
        anne = pages["ambassadeurs/anne-essai.md"]
        block = anne[anne.index("## Vous pourriez aussi rencontrer {#rencontrer}"):]
        assert [
            f"- [Épicerie d’essai](epicerie-essai.md) — territoire voisin{NB}: Saint\\-Renan \\(Pays de Brest\\)"
            f"\u202f; même thématique{NB}: Alimentation",
            f"- [Fanny Voisine](fanny-voisine.md) — territoire voisin{NB}: Plouzané \\(Brest Métropole\\)",
            f"- [Dora Lointaine](dora-lointaine.md) — même thématique{NB}: Alimentation",
        ] == block.splitlines()[2:5]


class TestAmbassadorsIndex:
    def test_what_each_one_offers(self, pages: dict[str, str]) -> None:
        index = pages["ambassadeurs/index.md"]
        assert f"- [Anne Essai](anne-essai.md) — 1 recette — propose{NB}: visite, conseil" in index
        assert "- [Dora Lointaine](dora-lointaine.md) — 1 recette\n" in index


class TestRecipePage:
    def test_holders_under_the_summary_with_roles(self, pages: dict[str, str]) -> None:
        """Right after the summary, before « En bref »; the credits section stays."""
        jardin = pages["recettes/jardin-partage/index.md"]
        line = (f"**Porteur·euses et ambassadeur·rices**{NB}: [Anne Essai](../../ambassadeurs/anne-essai.md) "
                "(porteur·euse), [Nom non publié](../../ambassadeurs/porteur-plouarzel.md) (ambassadeur·rice) et "
                "[Nom non publié](../../ambassadeurs/ancienne-porteuse.md) (contributeur·rice)\n{: .recettes-porteurs }")
        summary = jardin.index("Une recette fictive qui sert de base aux jeux d’essai.")
        assert summary < jardin.index(line) < jardin.index('!!! abstract "En bref"')
        assert "### Porteur·euses et ambassadeur·rices déclaré·es {#porteurs}" in jardin

    def test_the_request_names_the_recipe_and_its_holders_pages_only(self, pages: dict[str, str]) -> None:
        """To the holder and the ambassador (not the contributor); Bruno by his page alone."""
        jardin = pages["recettes/jardin-partage/index.md"]
        request = _request(jardin)
        assert f"Demande de mise en relation au sujet de «{NB}Jardin partagé d’essai{NB}»" == request["subject"]
        assert ("avec Anne Essai (https://guide.example/ambassadeurs/anne-essai/) et la personne ou l’organisation "
                "de la fiche https://guide.example/ambassadeurs/porteur-plouarzel/, au sujet de la recette "
                f"«{NB}Jardin partagé d’essai{NB}» (https://guide.example/recettes/jardin-partage/).") in request["body"]
        assert "ancienne-porteuse" not in request["body"]
        assert [] == _leaks(jardin)

    def test_every_page_is_free_of_withheld_data(self, pages: dict[str, str]) -> None:
        assert {} == {src: leaks for src, text in pages.items() if (leaks := _leaks(text))}


def _built_files(site: Path) -> dict[str, str]:
    """Every file of a built site as text, gzip files (Pagefind's index and fragments, a
    compressed sitemap) decompressed: what a reader or a crawler can get."""
    import gzip

    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            files[path.relative_to(site).as_posix()] = data.decode("utf-8", "replace")
    return files


def _with_docs(root: Path) -> Path:
    """The hand-written pages of the site fixture (a build needs ``docs/``)."""
    import shutil

    from .conftest import FIXTURE

    shutil.copytree(FIXTURE / "docs", root / "docs")
    return root


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The made-up people's repository built by ``mkdocs build --strict`` with a mailbox for requests."""
    from .conftest import REPO, commit_all, mkdocs

    root = _with_docs(reach_repo(tmp_path_factory.mktemp("reach-site") / "depot"))
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - recettes:\n" in config
    config = config.replace("  - recettes:\n", f"  - recettes:\n      introduction_url: \"{MAILTO}\"\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    commit_all(root)
    result = mkdocs(root, "--strict")
    assert 0 == result.returncode, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def built(built_site: Path) -> dict[str, str]:
    return _built_files(built_site)


@pytest.mark.build
class TestBuiltSite:
    def test_no_withheld_data_in_any_file(self, built: dict[str, str]) -> None:
        """Pages, JSON-LD, open data (JSON, CSV, GeoJSON), feed, sitemap, search index, form."""
        assert any(name.startswith("pagefind/") for name in built)
        assert {} == {name: leaks for name, text in built.items() if (leaks := _leaks(text))}

    def test_the_search_index_has_what_consent_allows(self, built: dict[str, str]) -> None:
        """The control: the index was read, and the consented address is in it."""
        index = "\n".join(text for name, text in built.items() if name.startswith("pagefind/"))
        assert "Anne Essai" in index and PUBLISHED_EMAIL in index
        assert "coordonnées non publiées" in index

    def test_pages_show_offers_contact_and_request(self, built: dict[str, str]) -> None:
        anne = built["ambassadeurs/anne-essai/index.html"]
        assert 'id="apporter"' in anne and f'href="mailto:{PUBLISHED_EMAIL}"' in anne
        assert 'id="rencontrer"' in anne and "{:" not in anne and "{ ." not in anne
        bruno = built["ambassadeurs/porteur-plouarzel/index.html"]
        [href] = re.findall(r'<a class="recettes-mise-en-relation" href="([^"]+)"', bruno)
        assert href.startswith("mailto:animation@reseau.example?subject=")
        body = parse_qs(urlsplit(href.replace("&amp;", "&")).query)["body"][0]
        assert "https://recettes-libres.example.org/ambassadeurs/porteur-plouarzel/" in body
        jardin = built["recettes/jardin-partage/index.html"]
        assert '<p class="recettes-porteurs"><strong>Porteur·euses et ambassadeur·rices</strong>' in jardin
        assert 'class="recettes-mise-en-relation"' in jardin and "{:" not in jardin and "{ ." not in jardin


@pytest.mark.build
@pytest.mark.parametrize(("value", "message"), [
    ("ftp://reseau.example/{title}", "n’est ni une adresse en https://, http:// ou mailto:"),
    ("https://reseau.example/?q={nom}", "« {nom} » inconnu"),
])
def test_a_wrong_introduction_url_stops_the_build_in_french(tmp_path: Path, value: str, message: str) -> None:
    from .conftest import REPO, commit_all, mkdocs

    root = _with_docs(reach_repo(tmp_path / "depot"))
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - recettes:\n", f"  - recettes:\n      introduction_url: \"{value}\"\n", 1),
                                     encoding="utf-8")
    commit_all(root)
    result = mkdocs(root)
    assert 0 != result.returncode
    stderr = result.stderr.replace("\u00a0", " ").replace("\u202f", " ")
    assert "introduction_url" in stderr and message in stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.build
@pytest.mark.browser
class TestInTheBrowser:
    @pytest.mark.parametrize("scheme", ["light", "dark"])
    def test_what_a_reader_sees_and_axe(self, built_site: Path, chromium: Any, scheme: str) -> None:
        """The offers, the consented address, the button (a link with its French name) and the
        portraits on Anne's page; Bruno's page shows no address; the recipe names its holders
        under its summary. No serious axe-core violation, light and dark."""
        from tests.support.static_server import serve

        from .test_browser import ARTIFACTS, AXE, TestAccessibility

        with serve(built_site) as address:
            page = chromium.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
            page.goto(address + "ambassadeurs/anne-essai/")
            assert page.locator("#apporter").is_visible()
            assert page.get_by_role("link", name=PUBLISHED_EMAIL).is_visible()
            button = page.get_by_role("link", name="Demander une mise en relation")
            assert button.is_visible() and button.get_attribute("href").startswith("mailto:animation@reseau.example?")
            assert page.locator("#rencontrer + ul li").count() == 3
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"ambassadrice-joignable-{scheme}.png"), full_page=True)
            axe = AXE.is_file()
            if axe:
                assert [] == TestAccessibility.serious(page)
            page.goto(address + "ambassadeurs/porteur-plouarzel/")
            text = page.locator("article").inner_text()
            assert [] == _leaks(text) and "Nom non publié" in text
            page.goto(address + "recettes/jardin-partage/")
            holders = page.locator("p.recettes-porteurs")
            assert holders.is_visible() and "Anne Essai" in holders.inner_text()
            if axe:
                assert [] == TestAccessibility.serious(page)
            if scheme == "light":  # the search box: the consented address is found, withheld data is not
                assert _search(page, "anne.essai") >= 1
                for query in ("Bruno", "bruno.perso", "bruno.secret", "Chloé"):  # tokens no page has
                    assert 0 == _search(page, query), query
            page.close()


def _search(page: Any, query: str) -> int:
    """How many results Pagefind's search box gives for ``query`` (0 after its message)."""
    page.goto(page.url)
    page.locator("button.recettes-recherche__ouvrir").click()
    page.keyboard.type(query)
    results = page.locator("#recherche .pagefind-ui__result-link")
    message = page.locator("#recherche .pagefind-ui__message")
    page.wait_for_function("() => document.querySelector('#recherche .pagefind-ui__message')?.textContent", timeout=15000)
    page.wait_for_timeout(300)
    count = results.count()
    assert message.count() == 1
    return count
