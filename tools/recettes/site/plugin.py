"""RecettesPlugin: the thin MkDocs adapter over ``generate`` and ``sanitize``.

Events, in build order:

- ``on_startup`` remembers the command (``build``, ``serve``, ``gh-deploy``).
- ``on_config`` points ``docs_dir`` at the generated tree, sets the navigation (index pages
  only) when ``mkdocs.yml`` has none, and — for ``build`` — redirects ``site_dir`` to a sibling
  staging folder (``site.recettes-tmp``).
- ``on_pre_build`` loads and checks the repository, logs each problem on
  ``mkdocs.plugins.recettes`` (errors as warnings, so ``--strict`` fails with the same located
  message as ``recettes validate``), reads git history once (``snapshots.build_catalog``: a
  shallow clone or no repository is a warning, a file not yet committed only information)
  and writes the tree.
- ``on_page_markdown`` sets the edit link; ``on_page_content`` sanitizes the rendered content
  and the table of contents; ``on_post_page`` adds the page's JSON-LD after sanitizing.
- ``on_post_build`` swaps the staging folder in place of ``site/`` only when the build logged no
  warning under ``--strict``; ``on_build_error`` removes it. A failed build therefore leaves the
  previous ``site/`` untouched.
- ``on_serve`` watches ``recipes/``, ``ambassadors/``, ``docs/`` and the vocabularies.
"""

from __future__ import annotations

import logging
import posixpath
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import FEED_FILE, SiteUrls, recipe_uri
from recettes.history.maintenance import Maintenance
from recettes.publish import jsonld
from recettes.read.load import AMBASSADORS_DIR, RECIPES_DIR
from recettes.read.vocabulary import VOCABULARY_DIR
from recettes.site.config import PluginConfig, handbook_options
from recettes.site.generate import DOCS_DIR, Generated, hand_written, navigation
from recettes.site.page import Options
from recettes.site.pipeline import build_handbook
from recettes.site.sanitize import sanitize, text_only
from recettes.site.theme import french_theme

log = logging.getLogger("mkdocs.plugins.recettes")
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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        self.docs = Path(config.docs_dir).resolve()
        self.out = (self.root / self.config.build_dir).resolve()
        (self.out / DOCS_DIR).mkdir(parents=True, exist_ok=True)
        config.docs_dir = str(self.out / DOCS_DIR)
        self.hand_written = set(hand_written(self.docs))
        french_theme(config)
        if not config.nav:
            config.nav = navigation(sorted(self.hand_written), self.docs)
        self.final_site = None
        if self.command in ("build", "gh-deploy") and self.config.atomic:
            final = Path(config.site_dir).resolve()
            staging = final.with_name(final.name + STAGING_SUFFIX)
            shutil.rmtree(staging, ignore_errors=True)
            self.final_site = final
            config.site_dir = str(staging)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        self.counter = _Counter()
        logging.getLogger("mkdocs").addHandler(self.counter)
        self.options = handbook_options(config.site_url or "", config.repo_url or "", self.config)
        build = build_handbook(self.root, self.out, self.options, self.docs,
                               Maintenance.of(self.config.maintenance_authors))
        for level, message in build.notes:
            log.log(level, message)
        self.catalog, self.generated = build.catalog, build.generated

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        if page.file.src_uri not in self.hand_written:
            page.edit_url = page.meta.get("edit_url") or None
        elif config.repo_url and page.edit_url is None:
            page.edit_url = None
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        for item in _walk_toc(page.toc):
            item.title = text_only(item.title)
        if self.generated is not None and page.file.src_uri in self.generated.trusted:
            return html  # our own page, built with every contributed string escaped (the map)
        return sanitize(html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Recherche">', 1)
        feed = posixpath.relpath(FEED_FILE, posixpath.dirname(page.file.dest_uri) or ".")
        output = output.replace("</head>", FEED_LINK.format(href=feed) + "\n</head>", 1)
        slug = page.meta.get("recette")
        catalog = self.catalog
        if catalog is not None and slug in catalog.recipes and page.file.src_uri == recipe_uri(str(slug)):
            data = jsonld.how_to(catalog, str(slug), SiteUrls(self.options.site_url or "/"))
            output = output.replace("</head>", jsonld.script(data) + "\n</head>", 1)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if self.final_site is None:
            return
        staging = Path(config.site_dir)
        if config.strict and self.counter.count:
            shutil.rmtree(staging, ignore_errors=True)
            log.info("construction refusée (--strict) : le site précédent est conservé")
            return
        swap(staging, self.final_site)

    def on_build_error(self, *, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if self.final_site is not None:
            shutil.rmtree(self.final_site.with_name(self.final_site.name + STAGING_SUFFIX), ignore_errors=True)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in (RECIPES_DIR, AMBASSADORS_DIR, str(VOCABULARY_DIR)):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        if self.docs.is_dir():
            server.watch(str(self.docs))
        return server


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
