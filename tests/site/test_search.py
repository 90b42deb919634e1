"""Search (Pagefind): what the index holds, and French typed as people type it.

- ``search_entry``/``mark``/``for_index`` on their own (pure);
- the fixture handbook's index: the current recipes, ambassadors and hand-written pages only,
  no lunr index, Material's header untouched but for the search block;
- in Chromium, on the repository's own corpus: each typing habit (no accents, plurals,
  feminine forms, elisions with both apostrophes, upper case, hyphenated words) finds at least
  95 % of the indexed pages containing the word (folded), through the same term processing as
  the search box; the box itself shows title, territory and summary, filters in French, and
  keeps working after instant navigation.
"""

from __future__ import annotations

import html
import re
import shutil
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import ambassador_uri, recipe_uri, version_uri
from recettes.read.checks import validate_repository
from recettes.site.search import (
    BODY,
    LOTS_MODULE,
    PAGEFIND_DIR,
    SearchEntry,
    for_index,
    index_site,
    left_out,
    mark,
    recipe_filters,
    search_entry,
)
from recettes.site.theme import theme_folder
from tests.support.static_server import serve

from .conftest import FIXTURE, REPO, commit_all, mkdocs

ARTICLE = '<article class="md-content__inner md-typeset">'
PAGE = f"<html><head><title>t</title></head><body>{ARTICLE}<h1>Titre</h1></article></body></html>"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    repo, _ = validate_repository(FIXTURE)
    return Catalog.build(repo)


class TestEntries:
    def test_current_recipe_has_its_filters_and_summary(self, catalog: Catalog) -> None:
        entry = search_entry(catalog, recipe_uri("compost-partage"), {"recette": "compost-partage"}, set())
        assert entry is not None
        meta = catalog.meta("compost-partage")
        assert ["Publiée"] == entry.filters["Statut"]
        assert entry.filters["Thématique"] and entry.filters["Territoire"]
        assert entry.filters["Territoire"][0].startswith(entry.meta["territoire"])
        assert meta.summary.split()[0] in entry.meta["résumé"]

    def test_values_every_recipe_shares_are_left_out(self, catalog: Catalog) -> None:
        """The fixture's recipes are all in the Pays de Brest: its territories select nothing."""
        dropped = left_out(catalog)
        assert ("Territoire", "Bretagne (Région)") in dropped and ("Territoire", "Pays de Brest (Pays)") in dropped
        assert not any(name in ("Thématique", "Statut") for name, _ in dropped)  # they differ
        slug = "compost-partage"
        entry = search_entry(catalog, recipe_uri(slug), {"recette": slug}, set(), dropped)
        assert entry is not None and ["Brest (Commune)"] == entry.filters["Territoire"]  # what tells them apart
        assert entry.filters["Thématique"] == recipe_filters(catalog, slug)["Thématique"]
        assert "Territoire" in recipe_filters(catalog, slug)

    def test_too_many_places_of_a_kind_are_left_out(self, catalog: Catalog) -> None:
        """A kind with more places than a reader can scan is no filter; the others stay."""
        places = {value for slug in catalog.recipes for value in recipe_filters(catalog, slug)["Territoire"]}
        communes = {value for value in places if value.endswith("(Commune)")}
        assert len(communes) == 2  # Brest, Plouarzel
        dropped = left_out(catalog, max_places=1)
        assert {("Territoire", value) for value in communes} <= dropped
        assert not {("Territoire", value) for value in communes} & left_out(catalog, max_places=2)

    def test_other_pages_stay_out(self, catalog: Catalog) -> None:
        slug = next(iter(catalog.recipes))
        old = version_uri(slug, "1.0.0")
        assert search_entry(catalog, old, {"recette": slug}, set()) is None
        assert search_entry(catalog, "thematiques/alimentation/index.md", {}, set()) is None
        assert search_entry(catalog, "index.md", {}, set()) is None
        assert SearchEntry() == search_entry(catalog, "a-propos.md", {}, {"a-propos.md"})
        person = next(iter(catalog.ambassadors))
        assert search_entry(catalog, ambassador_uri(person), {"ambassadeur": person}, set()) is not None

    @pytest.mark.parametrize("value", ['"><script>alert(1)</script>', "a & b", "« L’accueil »"])
    def test_head_is_escaped(self, value: str) -> None:
        head = SearchEntry({"Territoire": [value]}, {"résumé": value}).head()
        assert "<script" not in head
        assert 2 == head.count(f'content="{html.escape(value)}"')

    def test_mark_touches_the_article_and_head_only(self) -> None:
        marked = mark(PAGE, SearchEntry({"Statut": ["Publiée"]}))
        assert f'<article class="md-content__inner md-typeset" {BODY}>' in marked
        assert '<meta data-pagefind-filter="Statut[content]" content="Publiée">\n</head>' in marked
        assert mark(PAGE, SearchEntry()).count("<meta") == 0

    @pytest.mark.parametrize(("text", "expected"), [
        ("L’accueil d’un public", "L'accueil d'un public"),
        ("aujourd\u02bchui", "aujourd'hui"),
        ("« Citation » ’ seule", "« Citation » ’ seule"),  # not between two letters: kept
    ])
    def test_index_reads_keyboard_apostrophes(self, text: str, expected: str) -> None:
        page = mark(PAGE.replace("<h1>Titre</h1>", f"<p>{text}</p>"), SearchEntry({"Statut": ["Publiée"]}))
        document = for_index(page)
        assert f"<p>{expected}</p>" in document
        assert '<meta data-pagefind-filter="Statut[content]" content="Publiée">' in document
        assert document.startswith('<!doctype html>\n<html lang="fr">') and "<title>t</title>" in document
        assert page.count(text) == 1  # the published page keeps its typography

    def test_parts_out_of_the_index(self) -> None:
        """A heading of class « recettes-hors-recherche » and what it heads are left out, up to the next
        heading of its level or higher; the rest of the article is kept."""
        article = ('<h1 id="t">Titre</h1><p>Début</p>'
                   '<h2 id="credits">Crédits</h2><p>Porteuse Anne</p>'
                   '<h3 class="recettes-hors-recherche" id="contributions">Contributions</h3><p>Git Jo</p>'
                   '<h2 class="x recettes-hors-recherche" id="historique">Historique</h2><p>Version 1</p>'
                   '<h3 id="v">1.0.0</h3><p>Création</p>'
                   '<h2 id="liens">Liens</h2><p>Lien gardé</p>'
                   '<h2 class="recettes-hors-recherche-pas" id="a">Autre</h2><p>Gardé aussi</p>'
                   '<h2 class="recettes-hors-recherche" id="reutiliser">Réutiliser</h2><p>Licence</p>')
        document = for_index(mark(PAGE.replace("<h1>Titre</h1>", article), SearchEntry()))
        for kept in ("Début", "Porteuse Anne", "Lien gardé", "Gardé aussi"):
            assert kept in document
        for left in ("Git Jo", "Historique", "Version 1", "Création", "Licence", "Réutiliser"):
            assert left not in document
        assert document.endswith("</article>\n</body>\n</html>\n")

    def test_unmarked_page_gives_nothing_to_index(self) -> None:
        assert "" == for_index("<html><body><p>Rien</p></body></html>")


def test_index_failure_is_a_located_french_error(tmp_path: Path) -> None:
    """Pagefind unable to write (here the site is a file): the folder, what, and how to fix."""
    from recettes.site.search import SearchIndexError, index_site

    site = tmp_path / "site"
    site.write_text("pas un dossier", encoding="utf-8")
    with pytest.raises(SearchIndexError) as raised:
        index_site(site)
    message = str(raised.value)
    assert message.startswith(f"{site}/pagefind : l’index de recherche")
    assert "→ Vérifiez que le paquet « pagefind[bin] »" in message and "search: false" in message


def test_header_is_materials_but_for_the_search_block() -> None:
    """Our copy of Material's header differs only by the marked block (noticed on upgrade)."""
    import material

    stock = (Path(material.__file__).parent / "templates/partials/header.html").read_text(encoding="utf-8")
    ours = (theme_folder() / "partials/header.html").read_text(encoding="utf-8")
    ours = re.sub(r"\{#-.*?-#\}\n", "", ours, count=1, flags=re.S)
    ours = re.sub(r" *\{#- Recettes libres.*?#\}\n.*?\{% elif ", "    {% if ", ours, count=1, flags=re.S)
    stock = re.sub(r"\{#-.*?-#\}\n", "", stock, count=1, flags=re.S)
    assert stock == ours


@pytest.mark.build
class TestIndex:
    def test_index_holds_current_recipes_ambassadors_and_pages(self, built_fixture: Path) -> None:
        marked = {p.relative_to(built_fixture).as_posix() for p in built_fixture.rglob("*.html")
                  if BODY in p.read_text(encoding="utf-8")}
        recipes = {m for m in marked if m.startswith("recettes/")}
        assert recipes and all(re.fullmatch(r"recettes/[a-z0-9-]+/index\.html", m) for m in recipes)
        assert {m for m in marked if m.startswith("ambassadeurs/")}
        assert not {m for m in marked if m.startswith(("thematiques/", "territoires/", "admin/", "donnees/"))}
        assert "index.html" not in marked and "404.html" not in marked
        assert not (built_fixture / "search").exists()  # no lunr index any more
        assert (built_fixture / "pagefind/pagefind-ui.js").is_file()
        home = (built_fixture / "index.html").read_text(encoding="utf-8")
        assert 'class="md-header__button md-icon recettes-recherche__ouvrir"' in home
        assert "md-search__input" not in home

    def test_history_and_reuse_stay_out_of_the_index(self, built_fixture: Path) -> None:
        """Every recipe has them in the same words: published on the page, not indexed."""
        page = (built_fixture / "recettes/compost-partage/index.html").read_text(encoding="utf-8")
        for heading in ("historique", "reutiliser"):
            assert re.search(rf'<h2 class="recettes-hors-recherche" id="{heading}">', page), heading
        document = for_index(page)
        assert "Réutiliser cette recette" in page and "Réutiliser cette recette" not in document
        assert 'id="historique"' not in document and 'id="credits"' in document


# French as people type it ----------------------------------------------------------------------

# (typed query, the folded forms a page must contain to be relevant)
QUERIES: list[tuple[str, set[str]]] = [
    ("economie", {"economie", "economies"}),
    ("cooperation", {"cooperation", "cooperations"}),
    ("legumes", {"legume", "legumes"}),
    ("mobilite", {"mobilite", "mobilites"}),
    ("benevole", {"benevole", "benevoles"}),
    ("energie", {"energie", "energies"}),
    ("reemploi", {"reemploi"}),
    ("monnaies", {"monnaie", "monnaies"}),
    ("jardins", {"jardin", "jardins"}),
    ("associations", {"association", "associations"}),
    ("habitantes", {"habitante", "habitantes"}),
    ("citoyennes", {"citoyenne", "citoyennes"}),
    ("porteuse", {"porteuse", "porteuses"}),
    ("l'accueil", {"accueil"}),
    ("l’accueil", {"accueil"}),
    ("d'accueil", {"accueil"}),
    ("COOPÉRATION", {"cooperation", "cooperations"}),
    ("Économie", {"economie", "economies"}),
    ("savoir-faire", {"savoir-faire"}),
    ("plate-forme", {"plate-forme", "plate-formes"}),
    ("bouche-a-oreille", {"bouche-a-oreille"}),
]


def folded(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def indexed_text(page: str) -> str:
    """The folded text Pagefind indexes of a marked page: its article, without permalinks and
    without the parts left out of the index."""
    document = for_index(page)
    article = document[document.index("<article"):]
    article = article[: article.index("</article>")]
    article = re.sub(r'<a class="headerlink".*?</a>', " ", article)
    return folded(html.unescape(re.sub(r"<[^>]+>", " ", article)))


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (REPO / "recipes").is_dir():
        pytest.skip("pas de recettes dans le dépôt")
    root = tmp_path_factory.mktemp("search") / "repo"
    root.mkdir()
    for name in ("recipes", "ambassadors", "schema", "docs"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    commit_all(root)
    result = mkdocs(root, "--strict")
    assert 0 == result.returncode, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def corpus_server(corpus_site: Path) -> Iterator[str]:
    with serve(corpus_site) as address:
        yield address


def relevant_pages(site: Path, forms: set[str]) -> set[str]:
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(forms))) + r")(?![\w-])")
    found = set()
    for path in site.rglob("index.html"):
        page = path.read_text(encoding="utf-8")
        if BODY in page and pattern.search(indexed_text(page)):
            relative = path.parent.relative_to(site).as_posix()
            found.add("/" if relative == "." else f"/{relative}/")
    return found


SEARCH = """async query => {
  const pagefind = await import("./assets/recettes/pagefind.js");  // the box's API, lots merged
  await pagefind.options({});
  const found = await pagefind.search(window.RecettesRecherche.terme(query));
  return (await Promise.all(found.results.map(r => r.data()))).map(d => d.url);
}"""


@pytest.fixture(scope="module")
def lots_site(corpus_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus handbook indexed again in three lots (a large handbook's index, in small)."""
    site = tmp_path_factory.mktemp("lots") / "site"
    shutil.copytree(corpus_site, site)
    total = sum(len(for_index(path.read_text(encoding="utf-8")).encode()) for path in site.rglob("*.html")
                if BODY in path.read_text(encoding="utf-8"))
    with ThreadPoolExecutor(1) as thread:  # Playwright's event loop may run in this one
        indexed = thread.submit(index_site, site, total // 3 + 1).result()
    assert sum(1 for path in site.rglob("*.html") if BODY in path.read_text(encoding="utf-8")) == indexed
    return site


@pytest.fixture(scope="module")
def lots_server(lots_site: Path) -> Iterator[str]:
    with serve(lots_site) as address:
        yield address


@pytest.mark.build
@pytest.mark.browser
class TestFrenchQueries:
    @pytest.mark.parametrize("lotted", [False, True], ids=["un-lot", "trois-lots"])
    def test_each_typing_habit_finds_the_pages_with_the_word(self, lotted: bool, request: pytest.FixtureRequest,
                                                            chromium: Any) -> None:
        corpus_site = request.getfixturevalue("lots_site" if lotted else "corpus_site")
        page = chromium.new_page()
        page.goto(request.getfixturevalue("lots_server" if lotted else "corpus_server"))
        page.wait_for_function("window.RecettesRecherche !== undefined")
        report = []
        for query, forms in QUERIES:
            relevant = relevant_pages(corpus_site, forms)
            assert relevant, f"aucune page ne contient {forms} : requête {query!r} sans objet"
            found = set(page.evaluate(SEARCH, query))
            recall = len(found & relevant) / len(relevant)
            report.append((query, len(relevant), len(found & relevant), recall, sorted(relevant - found)))
        page.close()
        print("\n".join(f"{q!r:22} {hit:>3}/{n:<3} {recall:.0%}" for q, n, hit, recall, _ in report))
        failed = [line for line in report if line[3] < 0.95]
        assert [] == failed, "\n".join(f"{q!r}: {hit}/{n} {missed}" for q, n, hit, _, missed in failed)


def open_search(page: Any, address: str) -> Any:
    """Open ``address`` and its search dialog with « / »; the dialog. The box's script is waited
    for first: a key pressed before it is lost, and the « p » of a query typed next would be
    Material's « previous page » shortcut."""
    page.goto(address)
    page.wait_for_function("window.RecettesRecherche !== undefined")
    page.keyboard.press("/")
    dialog = page.locator("dialog#recherche")
    dialog.wait_for(state="visible")
    return dialog


@pytest.mark.build
@pytest.mark.browser
class TestSearchBox:
    def test_results_show_title_territory_summary_and_french_filters(self, corpus_server: str,
                                                                     chromium: Any) -> None:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        dialog = open_search(page, corpus_server + "recettes/")
        page.keyboard.type("compostage")
        first = dialog.locator(".pagefind-ui__result").first
        first.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)  # loaded, not a placeholder
        text = first.inner_text()
        assert "Compostage" in text
        assert first.locator(".recettes-resultat__territoire").count() == 1
        assert re.search(r"\d\u00a0résultats? pour «\u00a0compostage\u00a0»", dialog.inner_text())
        assert "¶" not in text and "'" not in first.locator(".pagefind-ui__result-title").first.inner_text()
        page.keyboard.press("Escape")
        dialog.wait_for(state="hidden")
        assert [] == errors
        page.close()

    def test_filters_are_fetched_only_when_asked_for(self, corpus_server: str, chromium: Any) -> None:
        """No filter chunk before « Filtrer les résultats »; then the French filters, focused."""
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        fetched: list[str] = []
        context.on("requestfinished", lambda request: fetched.append(request.url))
        page = context.new_page()
        dialog = open_search(page, corpus_server + "recettes/")
        button = dialog.locator(".recettes-recherche__filtrer")
        assert button.is_hidden()  # nothing typed, nothing to filter
        page.keyboard.type("compostage")
        dialog.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
        page.wait_for_timeout(500)
        assert [] == [url for url in fetched if url.endswith(".pf_filter")]
        assert 0 == dialog.locator(".pagefind-ui__filter-name").count()
        assert "Filtrer les résultats" == button.inner_text()
        button.click()
        dialog.locator(".pagefind-ui__filter-name").first.wait_for(timeout=15000)
        assert [url for url in fetched if url.endswith(".pf_filter")]
        filters = {name.strip() for name in dialog.locator(".pagefind-ui__filter-name").all_inner_texts()}
        assert {"Thématique", "Territoire"} <= filters
        assert button.is_hidden()
        page.wait_for_function("document.activeElement.classList.contains('pagefind-ui__filter-name')")
        first = dialog.locator(".pagefind-ui__result").first.inner_text()
        assert "Compostage" in first  # the same query, answered again
        context.close()

    def test_typed_elision_fetches_what_its_word_fetches(self, corpus_server: str, chromium: Any) -> None:
        """Pagefind's interface preloads the query at every key typed: « l’accueil » fetched the
        chunks of every word in « l… », « energie » those of « e… », « en… ». The API it imports
        (assets/recettes/pagefind.js) reads the query as the search does, from four letters."""
        def chunks(query: str) -> set[str]:
            context = chromium.new_context()
            fetched: list[str] = []
            context.on("requestfinished", lambda request: fetched.append(request.url))
            page = context.new_page()
            open_search(page, corpus_server + "recettes/")
            page.keyboard.type(query)
            page.locator("dialog#recherche .pagefind-ui__result-link").first.wait_for(timeout=15000)
            page.wait_for_timeout(800)
            context.close()
            return {url.rsplit("/", 1)[1] for url in fetched if url.endswith(".pf_index")}

        alone = chunks("accueil")
        assert alone and alone == chunks("l’accueil") == chunks("l'accueil")

    def test_lots_answer_as_one_index_with_one_webassembly(self, lots_site: Path, lots_server: str,
                                                          corpus_server: str, chromium: Any) -> None:
        """Indexed in three lots, the box gives the results of the index in one piece, fetches
        index chunks from several lots and Pagefind's WebAssembly once."""
        bundle = lots_site / PAGEFIND_DIR
        assert 'export const lots = ["lot-2/", "lot-3/"];\n' == (bundle / LOTS_MODULE).read_text(encoding="utf-8")
        assert not (bundle / "lot-4").exists()

        def answer(address: str) -> tuple[list[str], list[str]]:
            context = chromium.new_context()
            fetched: list[str] = []
            context.on("requestfinished", lambda request: fetched.append(request.url))
            page = context.new_page()
            dialog = open_search(page, address + "recettes/")
            page.keyboard.type("compost")
            dialog.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
            page.wait_for_timeout(800)
            while dialog.locator(".pagefind-ui__button", has_text="Afficher plus").count():
                dialog.locator(".pagefind-ui__button", has_text="Afficher plus").click()
                page.wait_for_timeout(300)
            links = dialog.locator(".pagefind-ui__result-title .pagefind-ui__result-link")
            hrefs = sorted(link.get_attribute("href") or "" for link in links.all())
            context.close()
            return hrefs, [url.removeprefix(address) for url in fetched]

        whole, _ = answer(corpus_server)
        lotted, fetched = answer(lots_server)
        assert len(whole) > 3 and whole == lotted
        assert 1 == sum(1 for url in fetched if ".pagefind" in url and "wasm" in url)
        chunks = {url.rsplit("/", 2)[0] for url in fetched if url.endswith(".pf_index")}
        assert {"pagefind", "pagefind/lot-2", "pagefind/lot-3"} & chunks and len(chunks) >= 2

    def test_box_works_after_instant_navigation_and_follows_a_result(self, corpus_server: str,
                                                                    chromium: Any) -> None:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(corpus_server)
        page.locator(".md-tabs__link", has_text="Recettes").first.click()
        page.wait_for_url("**/recettes/")
        page.locator("button.recettes-recherche__ouvrir").click()
        page.keyboard.type("monnaie")
        link = page.locator("#recherche .pagefind-ui__result-link").first
        link.wait_for(timeout=15000)
        target = link.get_attribute("href")
        link.click()
        page.wait_for_url(f"**{target}")
        assert not page.locator("dialog#recherche").is_visible()
        page.close()

    @pytest.mark.parametrize("lotted", [False, True], ids=["un-lot", "trois-lots"])
    def test_works_from_a_sub_folder_of_a_static_host(self, lotted: bool, request: pytest.FixtureRequest,
                                                       chromium: Any, tmp_path: Path) -> None:
        """Published at https://host/guide/: the index, its lots and the result links follow."""
        shutil.copytree(request.getfixturevalue("lots_site" if lotted else "corpus_site"), tmp_path / "guide")
        with serve(tmp_path) as address:
            page = chromium.new_page()
            page.goto(address + "guide/recettes/")
            page.locator("button.recettes-recherche__ouvrir").click()
            page.keyboard.type("compostage")
            link = page.locator("#recherche .pagefind-ui__result-link").first
            link.wait_for(timeout=15000)
            page.wait_for_timeout(500)
            links = page.locator("#recherche .pagefind-ui__result-link").all()
            assert (link.get_attribute("href") or "").startswith("/guide/recettes/")
            assert len(links) > 1 and all((other.get_attribute("href") or "").startswith("/guide/") for other in links)
            link.click()
            page.wait_for_url("**/guide/recettes/**")
            assert "Compostage" in page.locator("h1").inner_text()
            page.close()


def test_lots_share_the_documents_and_leave_none_empty(tmp_path: Path) -> None:
    """Every document in exactly one lot, about ``lot_bytes`` each, the same lot from one build
    to the next; a lot that no page falls in is not indexed (its bundle would merge nothing)."""
    from recettes.site.search import lots

    def written(names: list[str]) -> dict[str, int]:
        shutil.rmtree(tmp_path / "pages", ignore_errors=True)
        for name in names:
            path = tmp_path / "pages" / "all" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x" * 100, encoding="utf-8")
        return dict.fromkeys(names, 100)

    def shared(names: list[str], lot_bytes: int) -> list[set[str]]:
        folders = lots(written(names), tmp_path / "pages", lot_bytes)
        return [{p.relative_to(folder).as_posix() for p in folder.rglob("*.html")} for folder in folders]

    names = [f"recettes/r{number}/index.html" for number in range(60)]
    first = shared(names, 1000)  # 6,000 bytes: six lots
    assert 6 == len(first) and all(first)
    assert sorted(names) == sorted(name for lot in first for name in lot)
    assert first == shared(names, 1000)
    assert [set(names)] == shared(names, 10_000)
    assert [set()] == shared([], 1000)  # no page: one empty bundle, as before
    two = shared(names[:2], 1)  # two pages, two hundred lots: only those with a page
    assert 1 <= len(two) <= 2 and all(two) and set(names[:2]) == set().union(*two)
