"""The credit to copy under a reuse (TASL: title, author, source, licence), one rule for the
recipe page, the open data records and the feed.

Authors are those who documented the recipe (``documented_by``); a recipe that does not say who
wrote it names who carries it (« recette portée par »), never as its author. The sources the
text was written from follow « d’après ». Rule of Creative Commons' « Best practices for
attribution ».
"""

from __future__ import annotations

from recettes.catalog.catalog import Catalog
from recettes.core.french import NBSP, and_list, one_line
from recettes.core.licences import licence
from recettes.core.model import Recipe

NETWORK = "Recettes libres"
ANONYMOUS = "les contributeur·ices de Recettes libres"


def attribution(catalog: Catalog, meta: Recipe, url: str) -> str:
    """``« Titre », par A et B, d’après « Source », version 1.0.1, Recettes libres, URL, licence CC BY-SA 4.0``."""
    authors = [author.name for author in catalog.authors_of(meta)]
    holders = catalog.holder_names(meta)
    if authors:
        by = f", par {and_list(authors)}"
    elif holders:
        by = f", recette portée par {and_list(holders)}"
    else:
        by = f", par {ANONYMOUS}"
    text = f"«{NBSP}{meta.title}{NBSP}»{by}"
    if meta.all_sources:
        text += ", d’après " + " ; ".join(source.citation() for source in meta.all_sources)
    text = f"{text}, version {meta.version}, {NETWORK}, {url}, licence {licence(meta.licence).name}"
    return one_line(text)
