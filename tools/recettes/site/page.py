"""Page: what every generated page is made of — options, the page itself, addresses and the
links between pages (pure). ``pages`` and ``recipe_page`` build on it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import (
    SiteUrls,
    ambassador_uri,
    recipe_uri,
    relative,
    territory_uri,
    theme_uri,
)
from recettes.core.french import plural
from recettes.core.licences import DEFAULT_LICENCE
from recettes.core.network import Origin
from recettes.publish.cms import CmsOptions
from recettes.read.markdown import internal_link
from recettes.site.map import OSM_ATTRIBUTION, OSM_TILES
from recettes.site.text import inline


@dataclass(frozen=True)
class Options:
    """What pages need from the site configuration."""

    site_url: str = ""
    edit_url_template: str = ""  # e.g. https://forge.example/org/repo/edit/main/recipes/{slug}/{file}
    latest: int = 6
    map_tiles: str = OSM_TILES
    map_attribution: str = OSM_ATTRIBUTION
    cms: CmsOptions = field(default_factory=CmsOptions)  # the web form's forge (repo_url, branch, OAuth application)
    data_licence: str = DEFAULT_LICENCE  # the licence of the combined open data files and feed
    introduction_url: str = ""  # « Demander une mise en relation » (``publish.introduction``), resolved
    printable: bool = False  # cards and recueils in imprimer/, linked from the pages (site.printing)


DEFAULT_OPTIONS = Options()
"""The options of a handbook without configuration (frozen: safe as a default argument)."""


@dataclass(frozen=True)
class Page:
    src_uri: str
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)
    media: dict[str, str] = field(default_factory=dict)  # published name -> source path (recipe-relative)
    blobs: dict[str, bytes] = field(default_factory=dict)  # published name -> content (older versions)

    def text(self) -> str:
        """The page file: front matter (one key a line, JSON values: valid YAML, fast to write), then Markdown."""
        front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in self.meta.items())
        return f"---\n{front}---\n\n{self.markdown.rstrip()}\n"


# Recipe -----------------------------------------------------------------------------------------


class Linker:
    """Links from one page to recipes, ambassadors, themes and territories. On the page of a
    recipe a network's source brought (``origin``), ``recette:`` and ``ambassadeur:`` name that
    source's recipes and ambassadors: they are followed through its renamings."""

    def __init__(self, catalog: Catalog, src: str, origin: Origin | None = None) -> None:
        self.catalog, self.src, self.origin = catalog, src, origin

    def __call__(self, kind: str, ident: str) -> str:
        catalog, src = self.catalog, self.src
        if kind == "thematique":
            label = inline(theme_label(catalog, ident))
            return f"[{label}]({relative(theme_uri(ident), src)})" if ident in catalog.by_theme else label
        if kind == "territoire":
            entry = catalog.vocabulary.territories.get(ident)
            label = inline(entry.label if entry else ident)
            ident = entry.id if entry else ident  # ``commune:29019`` has the page of ``brest``
            return f"[{label}]({relative(territory_uri(ident), src)})" if ident in catalog.by_territory else label
        return ident

    def resolve(self, scheme: str, rest: str) -> str | None:
        internal = internal_link(f"{scheme}:{rest}")
        if internal is None:
            return None
        kind, ident, anchor = internal
        suffix = f"#{anchor}" if anchor else ""
        if self.origin is not None:
            names = self.origin.provenance.recipes if kind == "recette" else self.origin.provenance.ambassadors
            ident = names.get(ident, "")
        if kind == "recette" and ident in self.catalog.recipes:
            return relative(recipe_uri(ident), self.src) + suffix
        if kind == "ambassadeur" and ident in self.catalog.ambassadors:
            return relative(ambassador_uri(ident), self.src) + suffix
        return None


def linker(catalog: Catalog, src: str, origin: Origin | None = None) -> Linker:
    return Linker(catalog, src, origin)


def ambassador_link(catalog: Catalog, ident: str, src: str) -> str:
    entry = catalog.ambassadors.get(ident)
    if entry is None or entry.meta is None:
        return inline(ident)
    return f"[{inline(entry.meta.name)}]({relative(ambassador_uri(ident), src)})"


def recipe_list(catalog: Catalog, slugs: list[str], src: str) -> list[str]:
    out = [f"## {plural(len(slugs), 'recette')}", ""]
    for slug in slugs:
        meta = catalog.meta(slug)
        archived = " *(archivée)*" if catalog.is_archived(slug) else ""
        out.append(f"- [{inline(meta.title)}]({relative(recipe_uri(slug), src)}){archived} — {inline(meta.summary)}")
    return [*out, ""]


def theme_label(catalog: Catalog, theme: str) -> str:
    entry = catalog.vocabulary.themes.get(theme)
    return entry.label if entry else theme


def absolute_url(options: Options, src: str) -> str:
    """The public address of a page (root-relative without a site URL)."""
    return SiteUrls(options.site_url or "/").of_page(src)


def longest_run(text: str, char: str) -> int:
    best = run = 0
    for c in text:
        run = run + 1 if c == char else 0
        best = max(best, run)
    return best
