"""Search in the browser: our handbook's Pagefind against Material's lunr, on the same content.

Usage: python benchmarks/search.py [--recipes 1000 10000] [--queries compost jardin …]

For each size, one synthetic repository of N recipes (``synthetic.py``), built twice:

- ours:  ``mkdocs build`` with the ``recettes`` plugin, whose search index is Pagefind's
         (``site/pagefind/``). Until the plugin writes it, the script indexes the built site
         itself with Pagefind's Python API and says so;
- lunr:  the stock configuration the plugin writes, ``mkdocs build -f build/handbook/mkdocs.yml``
         (Material with its ``search`` plugin: ``search/search_index.json``).

Each site is served by a loopback static HTTP server (``http.server``; text types compressed
with gzip, as static hosts do) and
opened in Debian's Chromium. For every query, in a fresh browser context (cold cache): load the
home page and wait for the network to be idle; open the search (Pagefind: the header button
``button.recettes-recherche__ouvrir`` and its dialog ``#recherche``; Material: its header
field); type the query a key at a time, ``TYPING_MS`` apart, as a reader does (each key may
make the engine fetch: Pagefind's interface preloads the chunks of what is typed so far), then
time, from the Python side (Playwright's round trips included, a few ms), from the last key
(Material searches on ``keyup``, Pagefind's UI on ``input``, after its own debounce) to the
first result visible, or to the « no result » message. When the Pagefind button is missing, the measure falls back to Pagefind's JavaScript
API (``import("/pagefind/pagefind.js")``, ``search(q)``, then the first result's ``data()``),
which is not what a reader sees: the output says so.

Bytes: Playwright's ``request.sizes()`` for every finished request of the browser context
(response body as received, plus response headers), summed over

- « après chargement »: the requests sent after the page load, until 0.5 s after the first
  result — what a query costs once the page is there (the per-query target);
- « visite à froid »: every request of the search engine since the navigation (Material's
  worker, lunr and its index, fetched with the page; Pagefind's ``/pagefind/`` files) — what a
  first visit that searches once costs.

Playwright's context events see the requests of Pagefind's web worker (its WebAssembly module,
index chunks and fragments); a CDP ``Network`` session on the page does not, so it is not used.

Prints, per engine, medians over the queries, the index size on disk and the ratios; the
targets are a first result in less than 1 s and less than 300 KB per query at 10,000 recipes.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import io
import mimetypes
import re
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from synthetic import launch_chromium, repository, run, tree_size  # benchmarks/synthetic.py

QUERIES = ["compost", "energie", "bénévoles", "l’accueil", "coopération", "jardin", "velo", "réemploi"]
"""Words the synthetic recipes hold, some typed without their accents, as readers do."""
SETTLE_MS = 500
TARGET_MS, TARGET_KB = 1000, 300
WAIT_S = 120
"""How long a query may take before it is recorded as « délai dépassé » (lunr at 10,000 recipes
builds its index in the browser from a 150 MB file: minutes)."""
COMPRESSED_TYPES = {"application/javascript", "text/javascript", "application/json", "image/svg+xml",
                    "application/xml", "application/atom+xml"}
mimetypes.add_type("application/wasm", ".wasm")  # Pagefind's module, as a web server types it

# Material: first result visible → its count (from « N documents correspondants »); « Aucun
# document » → -1; still searching → null.
LUNR_DONE = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const text = meta ? meta.textContent : '';
  const item = document.querySelector('.md-search-result__item');
  if (item && item.checkVisibility()) return parseInt(text.replace(/\\D/g, '')) || 1;
  return /aucun/i.test(text) ? -1 : null;
}"""
PAGEFIND_DONE = """() => {
  const message = document.querySelector('#recherche .pagefind-ui__message');
  const text = message ? message.textContent : '';
  const item = document.querySelector('#recherche .pagefind-ui__result');
  if (item && item.checkVisibility()) return parseInt(text.replace(/\\D/g, '')) || 1;
  return /aucun|pas de r|no result/i.test(text) ? -1 : null;  // « Pas de résultat pour … »
}"""
PAGEFIND_API = """async (q) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(q);
  if (search.results.length) await search.results[0].data();
  return search.results.length || -1;
}"""


@dataclass(frozen=True)
class Measure:
    """One query: milliseconds to the first result, bytes after the page load and search bytes
    of the whole visit, and the number of results (0: none)."""

    ms: float
    after_load: int
    visit: int
    results: int


@dataclass(frozen=True)
class Engine:
    """A built site and how to search it: ``ours`` (Pagefind) or Material's lunr."""

    name: str
    site: Path
    files: re.Pattern[str]  # the URLs of the engine's own files
    index_bytes: int


class _Quiet(SimpleHTTPRequestHandler):
    """Files as a static host serves them: text types gzip-compressed when the browser accepts
    it (GitHub Pages, GitLab Pages and Netlify do), others (images, Pagefind's already
    compressed ``.pf_*`` chunks and WebAssembly module) as they are; no log."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if (path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
                and (kind.startswith("text/") or kind in COMPRESSED_TYPES)):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port while the block runs; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def pagefind_stand_in(site: Path) -> None:
    """Index the built site with Pagefind, as the plugin will (its articles only)."""
    from pagefind.index import IndexConfig, PagefindIndex

    async def index() -> None:
        config = IndexConfig(root_selector="article", output_path=str(site / "pagefind"))
        async with PagefindIndex(config) as pagefind:
            await pagefind.add_directory(str(site))

    asyncio.run(index())


def query(browser: Any, base: str, engine: Engine, text: str, notes: set[str]) -> Measure:
    """One query in a fresh context (cold cache), measured as the module docstring says."""
    context = browser.new_context()
    page = context.new_page()
    sent: dict[Any, bool] = {}  # request -> sent after the page load
    received: list[tuple[str, bool, int]] = []
    loaded = [False]

    def finished(request: Any) -> None:
        sizes = request.sizes()
        received.append((request.url, sent.get(request, True),
                         sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    context.on("request", lambda request: sent.setdefault(request, loaded[0]))
    context.on("requestfinished", finished)
    page.goto(base, wait_until="networkidle")
    if engine.name == "lunr":
        loaded[0] = True
        field = page.locator("input.md-search__input")
        start = _type(field, text)
        results = _wait(page, LUNR_DONE, engine, text, notes)
    elif page.locator("button.recettes-recherche__ouvrir").count():
        loaded[0] = True
        page.click("button.recettes-recherche__ouvrir")
        field = page.locator("#recherche .pagefind-ui__search-input")
        field.wait_for(state="visible")
        start = _type(field, text)
        results = _wait(page, PAGEFIND_DONE, engine, text, notes)
    else:
        notes.add("Pagefind : pas de bouton « recettes-recherche__ouvrir » dans l’en-tête ; mesure par "
                  "l’API JavaScript de Pagefind (import, search, data du premier résultat), sans l’interface")
        loaded[0] = True
        start = time.perf_counter()
        results = page.evaluate(PAGEFIND_API, text)
    ms = (time.perf_counter() - start) * 1000 if results is not None else float("inf")
    page.wait_for_timeout(SETTLE_MS)
    context.close()
    return Measure(ms, sum(size for _, after, size in received if after),
                   sum(size for url, _, size in received if engine.files.search(url)), max(results or 0, 0))


TYPING_MS = 120
"""The pause between two keys typed by the benchmark (a steady typist's pace)."""


def _type(field: Any, text: str) -> float:
    """Type ``text`` into ``field`` a key at a time; the ``perf_counter`` of the last key."""
    field.click()
    if len(text) > 1:
        field.press_sequentially(text[:-1], delay=TYPING_MS)
        time.sleep(TYPING_MS / 1000)
    start = time.perf_counter()
    field.press_sequentially(text[-1:])
    return start


def _wait(page: Any, done: str, engine: Engine, text: str, notes: set[str]) -> int | None:
    """The number of results once the engine shows them, or None after ``WAIT_S`` seconds."""
    try:
        return int(page.wait_for_function(done, polling="raf", timeout=WAIT_S * 1000).json_value())
    except PlaywrightTimeout:
        notes.add(f"{engine.name} : pas de résultat affiché en {WAIT_S} s (délai dépassé) pour « {text} » "
                  "et peut-être d’autres requêtes ; compté comme infini")
        return None


def _ms(value: float) -> str:
    return f"> {WAIT_S} s" if value == float("inf") else f"{value:.0f} ms"


def build(count: int, tmp: Path, notes: set[str]) -> list[Engine]:
    root = repository(tmp, count)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    run([*mkdocs, "-f", "mkdocs.yml"], root)
    run([*mkdocs, "-f", "build/handbook/mkdocs.yml"], root)
    ours, stock = root / "site", root / "build" / "handbook" / "site"
    if not (ours / "pagefind").is_dir():
        notes.add("Pagefind : le greffon n’a pas écrit site/pagefind/ ; index construit par ce script "
                  "(API Python de Pagefind, contenu des balises <article>)")
        pagefind_stand_in(ours)
    lunr_index = stock / "search" / "search_index.json"
    return [Engine("Pagefind (notre guide)", ours, re.compile(r"/pagefind/"), tree_size(ours / "pagefind")),
            Engine("lunr", stock, re.compile(r"/search/|/lunr/|search_index"), lunr_index.stat().st_size)]


def report(count: int, queries: list[str], measures: dict[str, list[Measure]], engines: list[Engine]) -> None:
    print(f"\n{count} recettes, {len(queries)} requêtes, chacune dans un contexte neuf (cache vide)")
    print(f"{'requête':<16}" + "".join(f"{e.name:>36}" for e in engines))
    for index, text in enumerate(queries):
        cells = [measures[e.name][index] for e in engines]
        print(f"{text:<16}" + "".join(f"{f'{_ms(m.ms)}, {m.results} résultat(s)':>36}" for m in cells))
    print(f"\n{'moteur':<24}{'1er résultat':>19}{'Ko après chargement':>21}{'Ko visite à froid':>19}"
          f"{'index (Mo)':>12}{'sans résultat':>15}")
    medians = {}
    for engine in engines:
        ms = measures[engine.name]
        m = (statistics.median(x.ms for x in ms), statistics.median(x.after_load for x in ms) / 1e3,
             statistics.median(x.visit for x in ms) / 1e3)
        medians[engine.name] = m
        print(f"{engine.name:<24}{_ms(m[0]):>19}{m[1]:>21.1f}{m[2]:>19.1f}{engine.index_bytes / 1e6:>12.2f}"
              f"{sum(x.results == 0 for x in ms):>15}")
    ours, lunr = (medians[e.name] for e in engines)
    after = f"{ours[1] / lunr[1]:>20.2f}×" if lunr[1] >= 1 else f"{'—':>21}"  # lunr: index loaded with the page
    print(f"{'ratio Pagefind / lunr':<24}{ours[0] / lunr[0]:>18.2f}×{after}"
          f"{ours[2] / lunr[2]:>18.2f}×{engines[0].index_bytes / engines[1].index_bytes:>11.2f}×")
    verdict = "atteint" if ours[0] < TARGET_MS and ours[1] < TARGET_KB else "NON atteint"
    print(f"objectif à 10 000 recettes : 1er résultat < 1 s et < {TARGET_KB} Ko par requête (après "
          f"chargement) — ici, à {count} recettes : {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipes", type=int, nargs="+", default=[1000, 10000],
                        help="tailles mesurées, en nombre de recettes")
    parser.add_argument("--queries", nargs="+", default=QUERIES, help="les requêtes tapées")
    args = parser.parse_args()
    for count in args.recipes:
        notes: set[str] = set()
        with tempfile.TemporaryDirectory(prefix="recettes-bench-") as tmp:
            engines = build(count, Path(tmp), notes)  # before Playwright's event loop: Pagefind's API is async
            with sync_playwright() as p:
                browser = launch_chromium(p)
                measures: dict[str, list[Measure]] = {}
                for engine in engines:
                    with serve(engine.site) as base:
                        measures[engine.name] = [query(browser, base, engine, q, notes) for q in args.queries]
                browser.close()
        report(count, args.queries, measures, engines)
        for note in sorted(notes):
            print(f"note — {note}")


if __name__ == "__main__":
    main()
