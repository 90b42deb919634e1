"""Sanitize: rendered HTML cleaned with nh3, keeping the markup Material and our pages use.

The second line of defence (the first is ``text``): whatever a contributor managed to put in
rendered content, no script, frame, form, style, event attribute or ``javascript:`` URL survives.
Allowed: headings with their anchors, paragraphs, lists, tables, quotes, code (with the
highlighting spans), images (``src``, ``alt``, ``title``, ``width``, ``height``), links
(``http``, ``https``, ``mailto``, ``tel`` and relative), admonitions (``div`` with classes),
``details``/``summary``. ``class`` and ``id`` are kept everywhere, but only the classes of
``core.markup`` (admonitions, highlighting, permalinks) and ids without the theme's prefixes
(``__``, ``md-``; fragments of links likewise), so no content restyles the page.
"""

from __future__ import annotations

import nh3

from recettes.core.markup import safe_classes, safe_id

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul", "var", "wbr",
}
GENERIC_ATTRIBUTES = {"class", "id", "title", "lang", "dir"}
ATTRIBUTES = {
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "details": {"open"},
    "code": {"data-lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html: str) -> str:
    """Rendered page content with only the allowed markup left."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "textarea"},
        attributes={"*": GENERIC_ATTRIBUTES, **ATTRIBUTES},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_theme_safe,
    )


def _theme_safe(tag: str, attribute: str, value: str) -> str | None:
    """Classes from the allow-list only, ids and ``#fragments`` without the theme's prefixes."""
    if attribute == "class":
        return safe_classes(value)
    if attribute == "id":
        return safe_id(value)
    if attribute == "href" and value.startswith("#") and len(value) > 1:
        fragment = safe_id(value[1:])
        return f"#{fragment}" if fragment else "#"
    return value


def text_only(html: str) -> str:
    """A title or label with every tag removed and the text escaped for HTML."""
    return nh3.clean(html, tags=set(), clean_content_tags={"script", "style"}, attributes={})

