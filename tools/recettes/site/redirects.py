"""Redirects: the old addresses of renamed recipes, as small static HTML files (pure).

When a recipe folder is renamed, git history keeps its past (``HistoryIndex.redirects``) and
its old address must keep working. MkDocs copies any non-Markdown file of ``docs_dir`` as is,
so each old address gets an ``index.html`` in the generated tree — the same technique as
mkdocs-redirects (meta refresh, canonical link, a visible link for readers and for browsers
that ignore refresh) — which stock builds of ``recettes generate`` output publish too, with no
plugin. Versioned addresses (``recettes/<old>/v1.0.0/``) redirect to the new versioned ones.

These files are not sanitized Markdown: they are written here only, from slugs (checked
against the slug pattern) and an escaped title.
"""

from __future__ import annotations

import html
import posixpath
import re

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import page_url, recipe_uri, version_uri
from recettes.core.model import SLUG_PATTERN
from recettes.site.page import Options, absolute_url
from recettes.site.text import plain

_SLUG = re.compile(SLUG_PATTERN)


MOVED = "Cette recette a changé d’adresse"
CURRENT = "Version actuelle de cette recette"


def redirects(catalog: Catalog, options: Options) -> dict[str, bytes]:
    """``recettes/<old>/index.html`` (and each version's) -> the page at the new address, and
    each recipe's current versioned address -> its page."""
    files: dict[str, bytes] = {}
    for slug in catalog.recipes:
        for snapshot in catalog.snapshots.get(slug, []):
            if snapshot.current:
                source, target = version_uri(slug, snapshot.version), recipe_uri(slug)
                files[page_url(source) + "index.html"] = page(
                    catalog.meta(slug).title, posixpath.relpath(page_url(target), page_url(source)) + "/",
                    absolute_url(options, target), CURRENT).encode()
    old_names = getattr(catalog.history, "redirects", {}) if catalog.history is not None else {}
    for old, new in sorted(old_names.items()):
        if new not in catalog.recipes or old in catalog.recipes or not _SLUG.match(old):
            continue
        title = catalog.meta(new).title
        targets = [(recipe_uri(old), recipe_uri(new))]
        targets += [(version_uri(old, s.version), recipe_uri(new) if s.current else version_uri(new, s.version))
                    for s in catalog.snapshots.get(new, [])]
        for source, target in targets:
            uri = page_url(source) + "index.html"
            link = posixpath.relpath(page_url(target), page_url(source)) + "/"
            files[uri] = page(title, link, absolute_url(options, target), MOVED).encode()
    return files


def page(title: str, link: str, canonical: str, message: str) -> str:
    """A redirect page: immediate refresh, canonical address, and a link to follow by hand."""
    title, link, canonical = html.escape(plain(title)), html.escape(link), html.escape(canonical)
    return (
        "<!doctype html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f'<p>{html.escape(message)}\u00a0: <a href="{link}">{title}</a>.</p>\n'
        "</body>\n</html>\n"
    )
