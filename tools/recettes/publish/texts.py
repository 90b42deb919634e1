"""Contributed Markdown for machines (open data, JSON-LD): internal links (``recette:slug``,
``ambassadeur:id``) made absolute, or the text reduced to plain words. Pure; the links are read
by ``read.markdown.internal_link``, the same rule as the checker and the handbook."""

from __future__ import annotations

import re
from functools import lru_cache

from recettes.core import memo
from recettes.core.addresses import SiteUrls
from recettes.read.markdown import internal_link

_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_MARKS = re.compile(r"(\*\*|__|\*|_|`+|^#{1,6}[ \t]+|^[ \t]*[-*+][ \t]+)", re.MULTILINE)


@lru_cache(maxsize=1 << 16)
def absolute_links(markdown: str, urls: SiteUrls) -> str:
    """``[texte](recette:compost#freins)`` -> ``[texte](https://…/recettes/compost/#freins)``.

    Cached by text and site: every build asks again for every section of every recipe."""
    def target(match: re.Match[str]) -> str:
        found = internal_link(match.group(3))
        if found is None:
            return match.group(0)
        kind, ident, anchor = found
        url = urls.of_recipe(ident) if kind == "recette" else urls.of_ambassador(ident)
        return f"{match.group(1)}[{match.group(2)}]({url}{'#' + anchor if anchor else ''})"
    return _LINK.sub(target, markdown)


memo.register(absolute_links.cache_clear)


def plain_text(markdown: str) -> str:
    """The words of a Markdown text: link and image texts kept, marks and targets dropped."""
    text = _LINK.sub(lambda m: m.group(2), markdown)
    return " ".join(_MARKS.sub("", text).split())
