"""Nearby: the « Recettes proches » block of a recipe page — the recipes whose text is the same
or nearly the same (``publish.duplicates``), linked, with their likeness in words (pure).

Never a merge: each recipe keeps its own page, and the block says so. A page lists at most
``SHOWN`` recipes, the most alike first, and counts the others (``recettes duplicates`` lists
every pair).
"""

from __future__ import annotations

from collections.abc import Sequence

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import recipe_uri, relative
from recettes.core.french import NBSP, NNBSP, and_list, number
from recettes.publish.duplicates import Likeness, percent
from recettes.site.search import OUT_OF_INDEX
from recettes.site.text import inline

SHOWN = 8
"""Most recipes named in one block."""
ANCHOR = "recettes-proches"


def nearby_block(catalog: Catalog, slug: str, pairs: Sequence[Likeness], src: str) -> list[str]:
    """The block's Markdown lines for the recipe ``slug`` and its ``pairs`` (empty: no block)."""
    shown = [pair for pair in pairs if pair.other(slug) in catalog.recipes]
    if not shown:
        return []
    out = [f"## Recettes proches {{#{ANCHOR} .{OUT_OF_INDEX}}}", "",
           "Le texte de cette recette ressemble à celui "
           + ("d’une autre recette" if len(shown) == 1 else "d’autres recettes")
           + f" du guide. Chacune garde sa page{NBSP}: rien n’a été fusionné. Si l’une reprend "
           f"l’autre, son en-tête peut le déclarer («{NBSP}adaptée de{NBSP}»).", ""]
    for pair in shown[:SHOWN]:
        out.append(f"- {_line(catalog, slug, pair, src)}")
    if len(shown) > SHOWN:
        more = len(shown) - SHOWN
        many = "s" if more > 1 else ""
        out.append(f"- … et {number(more)} autre{many} recette{many} proche{many}.")
    return [*out, ""]


def _line(catalog: Catalog, slug: str, pair: Likeness, src: str) -> str:
    other = pair.other(slug)
    meta = catalog.meta(other)
    link = f"[{inline(meta.title)}]({relative(recipe_uri(other), src)})"
    place = catalog.vocabulary.territories.get(meta.territory.place)
    where = [inline(place.label if place else meta.territory.place)]
    source = pair.source_b if other == pair.b else pair.source_a
    if pair.across and source:
        where.append(f"source «{NBSP}{inline(source)}{NBSP}»")
    text = f"{link} ({', '.join(where)}) — "
    if pair.exact:
        return text + "texte identique, à la mise en forme près."
    text += f"{pair.level}{NBSP}: {percent(pair.similarity)} du texte en commun"
    alike = pair.alike_sections()
    if alike:
        text += f"{NNBSP}; sections semblables{NBSP}: " + and_list([s.title for s in alike])
    return text + "."
