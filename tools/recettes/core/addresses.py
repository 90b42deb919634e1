"""The address of every page and file of the handbook, defined once.

Two forms of one layout: the *source* path of a page in the generated tree (``src_uri``, what
MkDocs reads, e.g. ``recettes/compost/index.md``) and its *published* path with directory URLs
(``recettes/compost/``). ``SiteUrls`` turns published paths into absolute addresses for open
data, the feed and JSON-LD. Ambassadors link their expertise pages, so these addresses are a
promise: change them only with redirects.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from recettes.core import memo

RECIPES = "recettes"
AMBASSADORS = "ambassadeurs"
THEMES = "thematiques"
TERRITORIES = "territoires"
MAP = "carte"
DATA = "donnees"
FEED_FILE = "flux.atom"
PRINT = "imprimer"
"""The printable cards and « recueils » (PDF) the handbook offers for download (``site.printing``)."""
ADMIN = "admin"  # the web form (Decap CMS): raw files, no page, kept out of search and sitemap
HOME_URI = "index.md"
GENERATED_NAMES: dict[str, frozenset[str]] = {
    RECIPES: frozenset({"index"}),
    AMBASSADORS: frozenset({"index", "photos"}),
    THEMES: frozenset({"index"}),
    TERRITORIES: frozenset({"index"}),
}
"""The names the handbook itself takes in each folder of per-item pages (its index page, the
ambassadors' photos): a recipe, ambassador, theme or territory of that name would replace a
generated page. A test builds the site and checks this list against what it writes."""
MAP_URI = f"{MAP}/index.md"
MAP_DATA = f"{MAP}/recettes.geojson"
"""The map's own GeoJSON: every published recipe that has a position, whatever its licence (a
recipe left out of the combined open data stays on the map, as on the site)."""
DATA_URI = f"{DATA}/index.md"
IMPACT = "utilite-sociale"
IMPACT_URI = f"{IMPACT}/index.md"
"""The impact indicators added up per theme and territory (``site.impact_page``)."""
IMPACT_DATA = f"{DATA}/utilite-sociale.json"
"""The same sums as open data, over the recipes of the combined files (``publish.impact``)."""
IMPACT_SCHEMA = f"{DATA}/utilite-sociale.schema.json"
TO_COMPLETE = "a-completer"
TO_COMPLETE_URI = f"{TO_COMPLETE}/index.md"
"""« Recettes à compléter »: what each recipe lacks for its next readiness level."""


def index_uri(folder: str) -> str:
    """The index page of a folder: ``recettes/index.md``."""
    return f"{folder}/index.md"


def recipe_uri(slug: str) -> str:
    return f"{RECIPES}/{slug}/index.md"


def version_uri(slug: str, version: str) -> str:
    """A version's stable address: ``recettes/<slug>/v1.2.0/``."""
    return f"{RECIPES}/{slug}/v{version}/index.md"


def reproduction_anchor(ident: str) -> str:
    """The anchor of a reproduction report on its recipe's page: ``reproduction-<id>`` (the
    report ``recipes/<slug>/reproductions/<id>.md``); the map and open data link to it."""
    return f"reproduction-{ident}"


def ambassador_uri(ident: str) -> str:
    return f"{AMBASSADORS}/{ident}.md"


def theme_uri(theme: str) -> str:
    return f"{THEMES}/{theme}.md"


def territory_uri(place: str) -> str:
    return f"{TERRITORIES}/{place}.md"


def card_file(slug: str) -> str:
    """The printable card of a recipe, under the site root: ``imprimer/fiches/<slug>.pdf``."""
    return f"{PRINT}/fiches/{slug}.pdf"


def collection_file(kind: str, ident: str) -> str:
    """A « recueil » of a territory or a theme: ``imprimer/recueils/<kind>-<id>.pdf``, with
    ``kind`` ``territoire`` or ``thematique``."""
    return f"{PRINT}/recueils/{kind}-{ident}.pdf"


def page_url(src_uri: str) -> str:
    """The published address of a page, relative to the site root, with directory URLs."""
    if src_uri == HOME_URI:
        return ""
    return src_uri[: -len("index.md")] if src_uri.endswith("/index.md") else src_uri[:-3] + "/"


@lru_cache(maxsize=1 << 18)
def relative(target: str, source: str) -> str:
    """A link from page ``source`` to page ``target`` (both source paths), as MkDocs resolves it.

    ``posixpath.relpath`` on two relative paths; cached, since every build asks for the same
    links again (26,000 calls, 0.7 s of a rebuild at 1,000 recipes)."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


memo.register(relative.cache_clear)


@dataclass(frozen=True)
class SiteUrls:
    """Absolute addresses under ``base``, the handbook's public address (``/`` when unknown)."""

    base: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", self.base.rstrip("/") + "/")

    def of_page(self, src_uri: str) -> str:
        return self.base + page_url(src_uri)

    def of_recipe(self, slug: str) -> str:
        return self.of_page(recipe_uri(slug))

    def of_ambassador(self, ident: str) -> str:
        return self.of_page(ambassador_uri(ident))

    def of(self, path: str) -> str:
        """A file published as it is, e.g. ``donnees/recettes.json``."""
        return self.base + path
