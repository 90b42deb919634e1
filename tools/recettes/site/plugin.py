"""RecettesPlugin: the thin MkDocs adapter over ``generate`` and ``sanitize``.

Events, in build order:

- ``on_startup`` remembers the command (``build``, ``serve``, ``gh-deploy``).
- ``on_config`` first takes the output's lock (``site/lock.py``: one build of a site at a time;
  a second waits up to ``lock_timeout``, then stops with R140), released once the site is
  swapped in (``on_post_build``) or given up (``on_build_error``).
- ``on_config`` points ``docs_dir`` at the generated tree, sets the navigation (index pages
  only) when ``mkdocs.yml`` has none, and — for ``build`` — redirects ``site_dir`` to a sibling
  staging folder (``site.recettes-tmp``).
- ``on_config`` first refuses a configuration that ``read.buildconfig`` refuses (a
  ``PluginError`` listing the located problems): file inclusion, unknown plugins or extensions
  never render a page. Hooks run when MkDocs loads the file, before any plugin: CI runs
  ``recettes validate mkdocs.yml`` before any build for them (``.ci/run``).
- ``on_config`` also turns off Material's own search (Pagefind replaces it) and the tags
  plugin's ``tags.json`` export (which a ``--dirty`` build would truncate).
- ``on_pre_build`` loads and checks the repository, logs each problem on
  ``mkdocs.plugins.recettes`` (errors as warnings, so ``--strict`` fails with the same located
  message as ``recettes validate``), reads git history once (``snapshots.build_catalog``: a
  shallow clone or no repository is a warning, a file not yet committed only information)
  and writes the tree.
- ``on_env``, while serving, gives each rebuild's template environment one in-memory cache of
  compiled templates (``TemplateCache``: keyed by template and source checksum, so an edited
  override is compiled again); MkDocs makes a new environment at every rebuild, and compiling
  the theme's templates again cost 0.3 s of each edit-to-reload.
- ``on_page_markdown`` sets the edit link; ``on_page_content`` sanitizes the rendered content
  and the table of contents; ``on_post_page`` adds the page's JSON-LD after sanitizing.
- ``on_files`` keys every output (``site/incremental.py``); a ``--dirty`` build renders only
  those whose key changed.
- ``on_post_build`` indexes the built site for search (Pagefind, ``site/search.py``; in the
  background while serving), then swaps the staging folder in place of ``site/`` only when the
  build logged no warning under ``--strict``; ``on_build_error`` removes it. A failed build therefore leaves the
  previous ``site/`` untouched.
- ``on_serve`` watches ``recipes/``, ``ambassadors/``, ``docs/``, the vocabularies and, for a
  network, ``network.yml`` and ``network.lock.yml``.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import math
import posixpath
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from watchdog.observers.api import BaseObserver

from recettes.catalog.catalog import Catalog
from recettes.core import memo
from recettes.core.addresses import FEED_FILE, SiteUrls, ambassador_uri, recipe_uri
from recettes.core.french import plural
from recettes.core.markup import safe_id
from recettes.core.network import LOCK_FILE, NETWORK_FILE
from recettes.history.maintenance import Maintenance
from recettes.publish import duplicates, jsonld
from recettes.read.buildconfig import check_build_config
from recettes.read.load import AMBASSADORS_DIR, RECIPES_DIR
from recettes.read.pages import hand_written
from recettes.read.vocabulary import VOCABULARY_DIR
from recettes.site.background import BackgroundIndexing
from recettes.site.config import HandbookConfigError, PluginConfig, handbook_options
from recettes.site.generate import DOCS_DIR, Generated, navigation
from recettes.site.incremental import (
    MANIFEST,
    Manifest,
    build_key,
    file_key,
    link_copy,
    page_key,
    remove_leftovers,
    remove_stale,
    unshare,
)
from recettes.site.lock import OutputLock, OutputLocked
from recettes.site.page import Options
from recettes.site.pipeline import build_handbook
from recettes.site.sanitize import sanitize, text_only
from recettes.site.search import (
    PAGEFIND_DIR,
    SearchEntry,
    SearchIndexError,
    index_site,
    left_out,
    mark,
    search_entry,
)
from recettes.site.theme import french_theme
from recettes.site.watch import notify_changes

log = logging.getLogger("mkdocs.plugins.recettes")
class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory, shared by the environments of a live preview's rebuilds.
    Jinja checks each entry's source checksum before using it (``Bucket.load_bytecode``)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


TEMPLATE_CACHE = TemplateCache()
STAGING_SUFFIX = ".recettes-tmp"
# Material's search dialog has no accessible name (axe: aria-dialog-name); we give it one.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
FEED_LINK = '<link rel="alternate" type="application/atom+xml" title="Recettes libres&#160;: nouveautés" href="{href}">'


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class RecettesPlugin(BasePlugin[PluginConfig]):  # type: ignore[no-untyped-call]  # mkdocs is untyped there
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.root = Path.cwd()
        self.final_site: Path | None = None
        self.counter = _Counter()
        self.generated: Generated | None = None
        self.hand_written: set[str] = set()
        self.catalog: Catalog | None = None
        self.options = Options()
        self.dirty = False
        self.manifest: Manifest | None = None
        self.additions: dict[str, Additions] = {}
        self.outputs: set[str] = set()
        self.started = 0.0
        self.lock: OutputLock | None = None  # taken in on_config (``site/lock.py``)
        self.notifications: BaseObserver | None = None  # mkdocs serve's native watcher (``site/watch.py``)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        refused = [p for p in check_build_config(self.root, Path(config.config_file_path)).problems if p.is_error]
        if refused:
            raise PluginError("configuration refusée (voir « Relecture de la configuration » dans "
                              "docs/contribuer.md)\n" + "\n".join(str(p) for p in refused))
        self.docs = Path(config.docs_dir).resolve()
        self.out = (self.root / self.config.build_dir).resolve()
        lock = self.lock = OutputLock(self.out, self.root)  # held until swapped in or given up
        try:
            lock.acquire(self.config.lock_timeout, log)
        except OutputLocked as locked:
            raise PluginError(str(locked.problem)) from None
        (self.out / DOCS_DIR).mkdir(parents=True, exist_ok=True)
        config.docs_dir = str(self.out / DOCS_DIR)
        self.hand_written = set(hand_written(self.docs))
        french_theme(config)
        if not config.nav:
            config.nav = navigation(sorted(self.hand_written), self.docs)
        if self.config.search:
            config.extra["recettes_recherche"] = True  # the header shows Pagefind (theme/partials)
            material = config.plugins.get("material/search")
            if material is not None and material.config.enabled:
                material.config.enabled = False
                log.info("la recherche du guide est Pagefind : l’extension « search » de Material "
                         "est désactivée (elle peut être retirée de mkdocs.yml)")
        tags = config.plugins.get("material/tags")
        if tags is not None and tags.config.get("export"):
            # tags.json lists every page's tags, but a --dirty build only reads the pages it
            # renders: it would shrink. Nothing reads it (donnees/ is the data), so it goes.
            tags.config.export = False
        self.final_site = None
        if self.command in ("build", "gh-deploy") and self.config.atomic:
            final = Path(config.site_dir).resolve()
            staging = final.with_name(final.name + STAGING_SUFFIX)
            shutil.rmtree(staging, ignore_errors=True)
            if self.dirty and final.is_dir():
                link_copy(final, staging)  # the previous site is the cache (see incremental)
            self.final_site = final
            config.site_dir = str(staging)
        if self.dirty:
            _quiet_dirty_warning()
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        self.counter = _Counter()
        logging.getLogger("mkdocs").addHandler(self.counter)
        try:
            self.options = handbook_options(config.site_url or "", config.repo_url or "", self.config)
        except HandbookConfigError as error:
            raise PluginError(str(error)) from None
        if self.command == "serve":
            _BACKGROUND.pause()  # the processor is for this rebuild; the index follows it
        if self.command == "serve" and self.options.printable:
            self.options = replace(self.options, printable=False)
            log.info("documents à imprimer non refaits pendant « mkdocs serve » (voir « recettes print »)")
        duplicates.STORE.open(self.out)  # fingerprints of the previous build, by text (publish.duplicates)
        build = build_handbook(self.root, self.out, self.options, self.docs,
                               Maintenance.of(self.config.maintenance_authors))
        if self.command != "serve":  # a live preview writes them once, when it stops (on_shutdown)
            duplicates.STORE.save()
        for level, message in build.notes:
            log.log(level, message)
        self.catalog, self.generated = build.catalog, build.generated
        self.additions = additions(build.catalog, self.options, self.hand_written, self.config.search)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Key every output (``incremental``); in a ``--dirty`` build, keep those whose key is
        the one the previous build wrote them from, and render the others."""
        self.started = time.time()
        site = Path(config.site_dir)
        identity = self.final_site or site
        self.manifest = Manifest.load(self.out / MANIFEST)
        build = build_key(_configuration(config, self.config), (Path(d) for d in config.theme.dirs))
        kept: set[str] = set()
        self.outputs = set()
        for file in files:
            self.outputs.add(file.dest_uri)
            if file.abs_src_path is None:
                continue  # made in memory by a plugin: MkDocs always writes it
            source = Path(file.abs_src_path)
            if file.is_documentation_page():
                extra = self.additions.get(file.src_uri)
                key = page_key(build, source, repr(extra) if extra else "")
            else:
                key = file_key(build, source)
            self.manifest.record(file.dest_uri, key)
            if not self.dirty:
                continue
            if self.manifest.reusable(identity, file.dest_uri, key) and (site / file.dest_uri).is_file():
                file.is_modified = _unchanged  # type: ignore[method-assign]
                kept.add(file.dest_uri)
            else:
                unshare(site / file.dest_uri)
                file.is_modified = _changed  # type: ignore[method-assign]
        if self.dirty:
            if self.final_site is not None:
                # The staging folder links to the previous site's files: keep only those reused,
                # so nothing (sitemap, 404 page, index) is ever written through a link.
                remove_stale(site, kept, math.inf)
            pages = {f.dest_uri for f in files if f.is_documentation_page()}
            reused = len(pages & kept)
            log.info(f"construction incrémentale : {plural(len(pages) - reused, 'page')} à rendre, "
                     f"{reused} reprise{'s' if reused > 1 else ''} du site précédent")
        if self.command != "serve":
            # One build, no rebuild: what the layers cached for the next one would only hold
            # memory while MkDocs renders every page (see core.memo).
            self.catalog = None
            memo.clear()
        return files

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.command == "serve":  # each rebuild makes a new environment: compile templates once
            env.bytecode_cache = TEMPLATE_CACHE
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        if page.file.src_uri not in self.hand_written:
            page.edit_url = page.meta.get("edit_url") or None
        elif config.repo_url and page.edit_url is None:
            page.edit_url = None
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        trusted = self.generated is not None and page.file.src_uri in self.generated.trusted
        for item in _walk_toc(page.toc):
            item.title = text_only(item.title)
            if not trusted:
                item.id = safe_id(item.id) or ""
        if trusted:
            return html  # our own page, built with every contributed string escaped (the map)
        return sanitize(html)

    def _on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Recherche">', 1)
        feed = posixpath.relpath(FEED_FILE, posixpath.dirname(page.file.dest_uri) or ".")
        output = output.replace("</head>", FEED_LINK.format(href=feed) + "\n</head>", 1)
        extra = self.additions.get(page.file.src_uri)
        if extra is not None and extra.json_ld:
            output = output.replace("</head>", extra.json_ld + "\n</head>", 1)
        if extra is not None and extra.search is not None:
            output = mark(output, extra.search)
        return output

    @event_priority(-100)  # after every other plugin's
    def _on_post_page_release(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """A rendered page's Markdown and HTML are not read again once it is written: dropped
        here, they can be given back to the system before the search index is built (at
        1,000 synthetic recipes, 448 MiB held at the end of the build, 299 MiB after
        ``_give_back_memory``)."""
        page.content = None
        page.markdown = None
        return output

    on_post_page = CombinedEvent(_on_post_page, _on_post_page_release)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            self._finish(config)
        finally:
            if self.command == "serve":
                _BACKGROUND.resume()  # paused by on_pre_build, whatever _finish did
            if self.lock is not None:
                self.lock.release()

    def _finish(self, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        site = Path(config.site_dir)
        if config.strict and self.counter.count:
            if self.final_site is not None:
                shutil.rmtree(site, ignore_errors=True)
                log.info("construction refusée (--strict) : le site précédent est conservé")
            return
        if self.dirty:
            removed = remove_leftovers(site, self.outputs, self.started, (f"{PAGEFIND_DIR}/",),
                                       remember=self.command == "serve")
            if removed:
                log.info(f"construction incrémentale : {plural(removed, 'fichier')} périmé"
                         f"{'s' if removed > 1 else ''} retiré{'s' if removed > 1 else ''}")
        if self.config.search:
            if self.command == "serve":
                _BACKGROUND.request(site)  # the page reloads now; search follows in a moment
            else:
                _give_back_memory()
                _index(site)
        if self.manifest is not None:
            self.manifest.save(self.final_site or site)
        if self.final_site is not None:
            swap(site, self.final_site)

    def on_shutdown(self) -> None:
        """``mkdocs serve`` stops: keep the fingerprints of its last rebuild for the next build
        (``publish.duplicates.STORE``; rewritten at every rebuild, 5 MB at 1,000 recipes)."""
        if self.command == "serve":
            duplicates.STORE.save()
            _BACKGROUND.stop()
        if self.notifications is not None:
            self.notifications.stop()
            self.notifications = None

    def on_build_error(self, *, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if self.command == "serve":
            _BACKGROUND.resume()
        if self.lock is None or not self.lock.is_held:
            return  # stopped before holding the lock (R140): another build owns the staging folder
        if self.final_site is not None:
            shutil.rmtree(self.final_site.with_name(self.final_site.name + STAGING_SUFFIX), ignore_errors=True)
        self.lock.release()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # MkDocs watches docs_dir, here the generated tree: each rebuild writes there, which
        # would start a second rebuild (and poll thousands of files). Its sources are watched.
        with contextlib.suppress(KeyError, ValueError):
            server.unwatch(config.docs_dir)
        sources = [self.root / folder for folder in (RECIPES_DIR, AMBASSADORS_DIR, str(VOCABULARY_DIR))
                   if (self.root / folder).is_dir()]
        if self.docs.is_dir():
            sources.append(self.docs)
        # a network: « recettes network update » rewrites the lock
        sources += [self.root / name for name in (NETWORK_FILE, LOCK_FILE) if (self.root / name).is_file()]
        self.notifications = notify_changes(server, sources)
        if self.notifications is None:  # no notification from this system: MkDocs polls them
            for source in sources:
                server.watch(str(source))
        return server


class Additions:
    """What the plugin adds to a rendered page beyond its Markdown: JSON-LD, search entry."""

    __slots__ = ("json_ld", "search")

    def __init__(self, json_ld: str = "", search: SearchEntry | None = None) -> None:
        self.json_ld, self.search = json_ld, search

    def __repr__(self) -> str:  # part of the page's cache key
        return f"{self.json_ld}\0{self.search!r}"


_ADDITIONS: dict[tuple[object, ...], Additions] = {}
"""A recipe's additions by catalog digest and parse (see ``Catalog.digest``)."""
memo.register(_ADDITIONS.clear)


def additions(catalog: Catalog, options: Options, hand_written: set[str], search: bool) -> dict[str, Additions]:
    """Per source page: the JSON-LD of a recipe and the search entry of an indexed page."""
    found: dict[str, Additions] = {}
    urls = SiteUrls(options.site_url or "/")
    dropped = left_out(catalog) if search else frozenset()
    for slug, recipe in catalog.recipes.items():
        src = recipe_uri(slug)
        key = (catalog.digest(), recipe.stamp, urls, search, dropped)
        if key not in _ADDITIONS:
            if len(_ADDITIONS) > 50_000:
                _ADDITIONS.clear()
            entry = search_entry(catalog, src, {"recette": slug}, hand_written, dropped) if search else None
            _ADDITIONS[key] = Additions(jsonld.script(jsonld.how_to(catalog, slug, urls)), entry)
        found[src] = _ADDITIONS[key]
    if search:
        for ident in catalog.ambassadors:
            src = ambassador_uri(ident)
            found[src] = Additions(search=search_entry(catalog, src, {"ambassadeur": ident}, hand_written, dropped))
        for src in hand_written:
            if src.endswith(".md"):
                found[src] = Additions(search=SearchEntry())
    return found


def _configuration(config: MkDocsConfig, plugin: PluginConfig) -> dict[str, Any]:
    """What of the loaded configuration shapes every page (for ``incremental.build_key``)."""
    names = ("site_name", "site_url", "site_description", "site_author", "repo_url", "repo_name",
             "edit_uri", "copyright", "nav", "extra", "extra_css", "extra_javascript",
             "markdown_extensions", "mdx_configs", "use_directory_urls", "docs_dir")
    found: dict[str, Any] = {name: config.get(name) for name in names}
    found["theme"] = {key: config.theme[key] for key in config.theme}
    found["theme_dirs"] = list(config.theme.dirs)
    found["plugins"] = list(config.plugins)
    found["recettes"] = dict(plugin)
    return found


def _index(site: Path) -> None:
    try:
        pages = index_site(site)
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
    log.info(f"recherche : {plural(pages, 'page')} dans l’index")


def _give_back_memory() -> None:
    """Ask glibc to give its free pages back to the system
    (``malloc_trim``), so that the build and Pagefind's indexer do not hold memory at once:
    CPython frees the pages' texts, but glibc keeps them mapped (measured at 1,000 synthetic
    recipes: 448 MiB before, 299 MiB after). Nothing is done where there is no glibc."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _index_reporting(site: Path) -> None:
    """``mkdocs serve``'s indexing, in its background process: a failure is said, not raised."""
    try:
        _index(site)
    except PluginError as error:
        log.warning(str(error))


_BACKGROUND = BackgroundIndexing(_index_reporting)
"""The search index of ``mkdocs serve``, made after each reload (``site/background.py``)."""


def _unchanged() -> bool:
    return False


def _changed() -> bool:
    return True


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a ``--dirty`` build may have inaccurate navigation: not ours (see
    ``incremental``), so the warning is dropped (and ``--strict`` does not fail on it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_DIRTY_FILTER = _DirtyWarning()


def _quiet_dirty_warning() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_FILTER)  # once: filters are a set


def swap(staging: Path, final: Path) -> None:
    """Put the freshly built ``staging`` folder in place of ``final`` with two renames."""
    old = final.with_name(final.name + ".recettes-old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _walk_toc(items: Any) -> Any:
    for item in items:
        yield item
        yield from _walk_toc(item.children)
