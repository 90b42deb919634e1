"""Search: which pages the handbook's Pagefind index holds, their filters, and the index itself.

Pagefind (PyPI ``pagefind[bin]``) replaces Material's lunr search, which found nothing for words
typed without accents and made readers download the whole index (16.5 MB at 1,000 recipes)
before the first result. Pagefind folds accents, stems French and splits its index into
chunks fetched per query (``benchmarks/search.py`` measures both on the same handbook).

What is indexed — marked ``data-pagefind-body`` on the page's article, so every other page is
left out (older versions, redirects, ``/admin/``, data, theme, territory and index pages):

- the current version of each recipe, once (``recettes/<slug>/``), with filters
  « Thématique », « Territoire » (its place and every territory that contains it) and
  « Statut », « Niveau » (its readiness level, ``catalog.readiness``) (and « Source » in a
  network's handbook), leaving out a value that every recipe has and the places of a kind too
  numerous to list (``left_out``), and metadata ``résumé`` and
  ``territoire`` shown under the title of a result;
- each ambassador page (filters « Thématique » from their expertise, « Territoire »);
- the hand-written pages of ``docs/``.

Filters and metadata are ``<meta>`` elements in the page head (plain text of contributed
strings, attribute-escaped). Headings with an ``id`` are sub-results (Pagefind's own).

Parts of a page that every recipe has in the same words — its git contributors, its history,
« Réutiliser cette recette » — and « Recettes proches » (other recipes' titles) are left out of
the index: a heading of class ``OUT_OF_INDEX`` (« ## Historique {#historique
.recettes-hors-recherche} ») and everything under it, up to the next heading of the same or a
higher level. They made every query for « licence » or « version » match every recipe, and they
were a tenth of what Pagefind holds in memory (measured at 2,000 recipes: 898 MiB, then
799 MiB; Pagefind needs about 60 bytes of memory per byte of indexed text).

French elisions: Pagefind splits ``l'accueil`` into ``l``, ``accueil`` and the whole word when
the apostrophe is the keyboard one (U+0027), not when it is the typographic one (U+2019) that
the handbook prints, so ``accueil`` would miss « L’accueil ». The index is therefore fed a copy
of each page where an apostrophe between two letters is U+0027 (``for_index``); the published
page keeps its typography, and the search box puts it back in the excerpts it shows.

Lots: Pagefind 1.5.2 indexes in one process and holds about 31 bytes of memory per byte of the
documents it reads (3.8 GB for the 10,000-recipe synthetic handbook). A large handbook is
therefore indexed in lots of ``LOT_BYTES``, one Pagefind process after the other, each lot a
bundle of its own (``pagefind/`` for the first, ``pagefind/lot-2/``…), listed in
``pagefind/recettes-lots.js``. The browser merges them with Pagefind's own ``mergeIndex``
(``assets/pagefind.js``): merged bundles share the first one's WebAssembly and their results are
ranked together. Pagefind has no option to bound its memory; ``benchmarks/build.py`` measures it.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import shutil
import zlib
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import ambassador_uri, recipe_uri
from recettes.core.model import STATUS_LABELS, TERRITORY_KIND_LABELS
from recettes.site.page import theme_label
from recettes.site.text import plain

PAGEFIND_DIR = "pagefind"
"""The search bundle's folder in the built site (index chunks, ``pagefind-ui.js``…)."""
PAGES_DIR = ".recherche-pages"  # what Pagefind reads, written and removed by ``index_site``
LOT_BYTES = 48 * 2**20
"""The indexed documents of one lot, in bytes. Pagefind 1.5.2 holds about 31 bytes of memory
per byte of document while it indexes: on the 10,000-recipe synthetic handbook, 126 MB of
documents took 3.8 GB in one process, 2.05 GB for each of two lots and about 1.3 GB for each of
three, while the build, its pages' texts given back (``plugin._give_back_memory``), held 0.85 GB
(two lots: 2.9 GiB at once, over the 3 GB target). Each lot adds at least one index chunk to a
query (Pagefind's chunks hold 20,000 word positions at least): two lots cost a median 249 KB per
query typed, three 287 KB, four 301 KB (``benchmarks/search.py``'s queries). Hence three lots at
10,000 recipes, and a lot's indexer under 1.6 GB."""
LOT_DIR = "lot-{number}"
"""The bundle of the lot ``number`` (from 2) inside ``PAGEFIND_DIR``, merged by the browser."""
LOTS_MODULE = "recettes-lots.js"
"""In ``PAGEFIND_DIR``: the module listing the other lots' bundles (``export const lots``)."""
LANGUAGE = "fr"
BODY = "data-pagefind-body"
ARTICLE = '<article class="md-content__inner md-typeset">'
FILTER_THEME, FILTER_TERRITORY, FILTER_STATUS = "Thématique", "Territoire", "Statut"
FILTER_LEVEL = "Niveau"
"""A recipe's readiness level (``catalog.readiness``), one value per page: « Reproduite »."""
FILTER_SOURCE, REGIONAL_SOURCE = "Source", "Dépôt régional"
"""In a network's handbook only: the source a recipe comes from (its label), or the regional
repository itself."""
META_SUMMARY, META_TERRITORY = "résumé", "territoire"
OUT_OF_INDEX = "recettes-hors-recherche"
"""The class of a generated heading whose part of the page is not indexed (see the module)."""
EXCLUDED = [".headerlink"]
"""Never indexed inside a marked article: the « ¶ » of heading permalinks."""
_SEARCH_META = re.compile(r"<meta data-pagefind-(?:filter|meta)=[^>]*>")
_TITLE = re.compile(r"<title>[^<]*</title>")
_APOSTROPHE = re.compile(r"(?<=\w)[\u2019\u02bc](?=\w)")
_HEADING = re.compile(r"<h([1-6])\b[^>]*>")
_OUT_OF_INDEX_CLASS = re.compile(rf'\sclass="(?:[^"]*\s)?{OUT_OF_INDEX}(?:\s[^"]*)?"')


class SearchIndexError(Exception):
    """Pagefind could not index the site (message in French)."""


@dataclass(frozen=True)
class SearchEntry:
    """What one indexed page adds to its head: filter values and metadata, in order."""

    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    def head(self) -> str:
        """The ``<meta>`` elements Pagefind reads (``name[content]`` syntax), one per value."""
        tags = [_tag("data-pagefind-filter", name, value)
                for name, values in self.filters.items() for value in values]
        tags += [_tag("data-pagefind-meta", name, value) for name, value in self.meta.items() if value]
        return "\n".join(tags)


def recipe_filters(catalog: Catalog, slug: str) -> dict[str, list[str]]:
    """The filter values of a recipe's page, before the ``left_out`` ones are removed:
    « Thématique », « Territoire » (its place and every territory that contains it), « Statut »,
    « Niveau » (its readiness level) and « Source » in a network's handbook."""
    meta = catalog.meta(slug)
    places = catalog.vocabulary.ancestors(meta.territory.place)
    filters = {FILTER_THEME: [plain(theme_label(catalog, t)) for t in dict.fromkeys(meta.themes)],
               FILTER_TERRITORY: [_place(p.label, p.kind) for p in places],
               FILTER_STATUS: [STATUS_LABELS[meta.status]],
               FILTER_LEVEL: [level_filter(catalog, slug)]}
    if catalog.origins:
        origin = catalog.origin(slug)
        filters[FILTER_SOURCE] = [plain(origin.provenance.label) if origin is not None else REGIONAL_SOURCE]
    return filters


MAX_PLACES_PER_KIND = 100
"""A kind of territory (communes, EPCI…) with more places than this among the recipes is left
out of the « Territoire » filter: nobody scans hundreds of checkboxes, and those places are
found by typing their name (the page's text, the result's ``territoire``)."""


def left_out(catalog: Catalog, max_places: int = MAX_PLACES_PER_KIND) -> frozenset[tuple[str, str]]:
    """The (filter, value) pairs left out of every page: a value that every recipe carries
    (selecting it selects everything: « Bretagne (Région) » in a Breton handbook), and the places
    of a kind of territory with more than ``max_places`` places among the recipes.

    Pagefind loads every filter when the search opens, about two bytes per value per page: at
    10,000 recipes the « Territoire » filter was 83 KB of the 362 KB a first query downloaded,
    81 % of it communes and a region every recipe shares (``benchmarks/search.py``)."""
    shared: set[tuple[str, str]] | None = None
    by_kind: dict[str, set[str]] = {}
    for slug in catalog.recipes:
        pairs = {(name, value) for name, values in recipe_filters(catalog, slug).items() for value in values}
        shared = pairs if shared is None else shared & pairs
        for place in catalog.vocabulary.ancestors(catalog.meta(slug).territory.place):
            by_kind.setdefault(place.kind, set()).add(_place(place.label, place.kind))
    dropped = set(shared) if shared and len(catalog.recipes) > 1 else set()
    for values in by_kind.values():
        if len(values) > max_places:
            dropped |= {(FILTER_TERRITORY, value) for value in values}
    return frozenset(dropped)


def search_entry(catalog: Catalog, src_uri: str, page_meta: dict[str, object],
                 hand_written: set[str], dropped: frozenset[tuple[str, str]] = frozenset()) -> SearchEntry | None:
    """The entry of a page if the index holds it, else ``None`` (see the module docstring);
    ``dropped``: the filter values no page carries (``left_out``)."""
    slug, ident = page_meta.get("recette"), page_meta.get("ambassadeur")
    if isinstance(slug, str) and slug in catalog.recipes and src_uri == recipe_uri(slug):
        meta = catalog.meta(slug)
        places = catalog.vocabulary.ancestors(meta.territory.place)
        territory = places[0].label if places else meta.territory.place
        return SearchEntry(filters=_informative(recipe_filters(catalog, slug), dropped),
                           meta={META_SUMMARY: plain(meta.summary), META_TERRITORY: plain(territory)})
    if isinstance(ident, str) and ident in catalog.ambassadors and src_uri == ambassador_uri(ident):
        person = catalog.ambassadors[ident].meta
        assert person is not None
        places = catalog.vocabulary.ancestors(person.territory) if person.territory else []
        filters = {FILTER_THEME: [plain(theme_label(catalog, t)) for t in dict.fromkeys(person.expertise)],
                   FILTER_TERRITORY: [_place(p.label, p.kind) for p in places]}
        return SearchEntry(filters=_informative(filters, dropped),
                           meta={META_TERRITORY: plain(places[0].label) if places else ""})
    if src_uri in hand_written:
        return SearchEntry()
    return None


def _informative(filters: dict[str, list[str]], dropped: frozenset[tuple[str, str]]) -> dict[str, list[str]]:
    kept = {name: [value for value in values if (name, value) not in dropped] for name, values in filters.items()}
    return {name: values for name, values in kept.items() if values}


def level_filter(catalog: Catalog, slug: str) -> str:
    """The « Niveau » filter value of a recipe: its level's label with a capital (« Essaimée »)."""
    label = catalog.readiness(slug).label
    return label[:1].upper() + label[1:]


def mark(output: str, entry: SearchEntry) -> str:
    """The rendered page with its article marked for the index and its entry in the head."""
    output = output.replace(ARTICLE, ARTICLE[:-1] + f" {BODY}>", 1)
    head = entry.head()
    return output.replace("</head>", head + "\n</head>", 1) if head else output


def for_index(page: str) -> str:
    """What Pagefind reads of a marked page: a small document with the page's language, title,
    search ``<meta>`` elements and marked article, apostrophes inside words made U+0027."""
    start = page.find(ARTICLE[:-1])
    end = page.find("</article>", start)
    if start < 0 or end < 0:
        return ""
    head = "\n".join(_SEARCH_META.findall(page[: page.find("</head>")]))
    title = _TITLE.search(page)
    document = (f'<!doctype html>\n<html lang="{LANGUAGE}">\n<head>\n'
                f"{title.group(0) if title else ''}\n{head}\n</head>\n<body>\n"
                f"{_indexed_parts(page[start:end])}</article>\n</body>\n</html>\n")
    return _APOSTROPHE.sub("'", document)


def _indexed_parts(article: str) -> str:
    """The article without its headings of class ``OUT_OF_INDEX`` and what they head."""
    if OUT_OF_INDEX not in article:
        return article
    kept: list[str] = []
    position, skipping = 0, 0  # skipping: the level of the heading being left out, or 0
    for heading in _HEADING.finditer(article):
        level = int(heading.group(1))
        if skipping and level > skipping:
            continue
        if skipping:
            position, skipping = heading.start(), 0
        if _OUT_OF_INDEX_CLASS.search(heading.group(0)):
            kept.append(article[position:heading.start()])
            skipping = level
    if not skipping:
        kept.append(article[position:])
    return "".join(kept)


def index_site(site: Path, lot_bytes: int = LOT_BYTES) -> int:
    """Index the built site's marked pages into ``site/pagefind/``; the number of pages.

    Pagefind's Python API answers one message per tenth of a second, so the pages are not sent
    one by one: their ``for_index`` documents are written to a hidden folder of the site
    (``PAGES_DIR``), indexed in one request per lot (``lots``), each lot by a Pagefind process of
    its own, one after the other. The bundle is written beside and swapped in with a rename, so
    a reader never gets half an index. Raises ``SearchIndexError`` when Pagefind fails."""
    pages = site / PAGES_DIR  # hidden, and removed before and after: never published
    try:
        shutil.rmtree(pages, ignore_errors=True)
        documents = _copy_marked(site, pages)
        folders = lots(documents, pages, lot_bytes)
        asyncio.run(_index(folders, site))
    except Exception as error:  # the service's own errors: a crash, a missing binary
        raise SearchIndexError(f"{site}/{PAGEFIND_DIR} : l’index de recherche (Pagefind) n’a pas pu être "
                               f"construit ({error}).\n    → Vérifiez que le paquet « pagefind[bin] » est "
                               "installé (make test ou pip install -e .), puis relancez la construction ; "
                               "ou désactivez la recherche (option « search: false » du greffon recettes "
                               "dans mkdocs.yml).") from error
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    return len(documents)


def lots(documents: dict[str, int], pages: Path, lot_bytes: int = LOT_BYTES) -> list[Path]:
    """Share the documents written under ``pages/all/`` (``{relative path: bytes}``) into
    lots of about ``lot_bytes`` bytes each: the folders to index, the first one the bundle's
    own (``pages/all/``), the others ``pages/<n>/`` (``LOT_DIR`` in the bundle).

    A page's lot is a hash of its path modulo the number of lots, so a page stays in its lot
    from one build to the next as long as the number of lots does not change. A lot that no
    page falls in is left out (an empty bundle has no index to merge)."""
    count = max(1, -(-sum(documents.values()) // max(1, lot_bytes)))
    folders = [pages / "all"] + [pages / str(number) for number in range(2, count + 1)]
    filled = {0} if not documents else set()
    for relative in documents:
        number = zlib.crc32(relative.encode()) % count
        filled.add(number)
        if number:
            target = folders[number] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            (folders[0] / relative).rename(target)
    return [folder for number, folder in enumerate(folders) if number in filled]


async def _index(folders: list[Path], site: Path) -> None:
    staging = site / f".{PAGEFIND_DIR}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    await _index_lot(folders[0], staging)
    names = []
    for number, folder in enumerate(folders[1:], start=2):
        name = LOT_DIR.format(number=number)
        await _index_lot(folder, staging / name)
        names.append(f"{name}/")
    (staging / LOTS_MODULE).write_text(f"export const lots = {json.dumps(names)};\n", encoding="utf-8")
    final = site / PAGEFIND_DIR
    old = site / f".{PAGEFIND_DIR}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


async def _index_lot(folder: Path, output: Path) -> None:
    """Index the documents under ``folder`` into the bundle ``output`` (Pagefind's process,
    stopped when done: its memory goes back before the next lot)."""
    from pagefind.index import IndexConfig, PagefindIndex  # a subprocess: imported when used

    folder.mkdir(parents=True, exist_ok=True)
    config = IndexConfig(force_language=LANGUAGE, output_path=str(output), exclude_selectors=EXCLUDED)
    # Pagefind 1.5.2's Python API waits forever for the answer of a service that has exited (it
    # cannot write, it crashed): each request races the service's exit. Its context manager is
    # not used, as it would write the files a second time; ``_start`` and ``_service`` are the
    # pinned version's (``pagefind[bin]==1.5.2``; tests/site/test_search.py fails if they change).
    index = PagefindIndex(config=config)
    await index._start()
    service = index._service
    assert service is not None
    try:
        await _unless_exited(index.add_directory(str(folder)), service._backend)
        await _unless_exited(index.write_files(), service._backend)
    finally:
        if service._backend.returncode is None:
            await service.close()
        else:
            service._poll_task.cancel()


async def _unless_exited(request: Awaitable[object], backend: asyncio.subprocess.Process) -> None:
    """Await ``request``; raise ``RuntimeError`` if Pagefind's process exits first."""
    work, exited = asyncio.ensure_future(request), asyncio.ensure_future(backend.wait())
    await asyncio.wait({work, exited}, return_when=asyncio.FIRST_COMPLETED)
    if work.done():
        exited.cancel()
        work.result()
        return
    work.cancel()
    raise RuntimeError(f"le programme Pagefind s’est arrêté avant la fin, code {backend.returncode}")


def _copy_marked(site: Path, target: Path) -> dict[str, int]:
    """Write the ``for_index`` document of every marked page of ``site`` under ``target/all``;
    ``{path relative to the site: bytes written}``."""
    written: dict[str, int] = {}
    marker = BODY.encode()
    for folder, dirs, names in os.walk(site):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != PAGEFIND_DIR]
        for name in names:
            if not name.endswith(".html"):
                continue
            path = Path(folder) / name
            try:
                raw = path.read_bytes()
            except FileNotFoundError:  # removed by the next rebuild while serving: it will index again
                continue
            if marker not in raw:
                continue
            document = for_index(raw.decode("utf-8")).encode("utf-8")
            if document:
                relative = path.relative_to(site).as_posix()
                copy = target / "all" / relative
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(document)
                written[relative] = len(document)
    return written


def _place(label: str, kind: str) -> str:
    """« Finistère (Département) »: two places may share a name (a commune and its pays)."""
    return f"{plain(label)} ({TERRITORY_KIND_LABELS.get(kind, kind)})"


def _tag(attribute: str, name: str, value: str) -> str:
    return f'<meta {attribute}="{html.escape(name)}[content]" content="{html.escape(value)}">'
