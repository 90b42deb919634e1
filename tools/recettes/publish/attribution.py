"""The credit to copy under a reuse (TASL: title, author, source, licence), one rule for the
recipe page, the open data records and the feed.

Authors are those who documented the recipe (``documented_by``), else — for recipes written by
the people who carry them — the declared holders (``Catalog.authors_of``); the sources the text
was written from follow « d’après ». Rule of Creative Commons' « Best practices for attribution ».
"""

from __future__ import annotations

from recettes.catalog.catalog import Catalog
from recettes.core.french import NBSP, one_line
from recettes.core.licences import licence
from recettes.core.model import Recipe

NETWORK = "Recettes libres"
ANONYMOUS = "les contributeur·ices de Recettes libres"


def author_names(catalog: Catalog, meta: Recipe) -> list[str]:
    """The names the credit gives, never empty."""
    return [author.name for author in catalog.authors_of(meta)] or [ANONYMOUS]


def attribution(catalog: Catalog, meta: Recipe, url: str) -> str:
    """``« Titre », par A et B, d’après « Source », version 1.0.1, Recettes libres, URL, licence CC BY-SA 4.0``."""
    names = author_names(catalog, meta)
    by = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    text = f"«{NBSP}{meta.title}{NBSP}», par {by}"
    if meta.all_sources:
        text += ", d’après " + " ; ".join(source.citation() for source in meta.all_sources)
    text = f"{text}, version {meta.version}, {NETWORK}, {url}, licence {licence(meta.licence).name}"
    return one_line(text)
