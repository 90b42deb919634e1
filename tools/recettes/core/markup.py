"""Markup: which classes and ids published content may carry, and how contributed Markdown
asks for them (admonition types, attribute lists, code fence options) — the one place of the
rule, read by the validator (``read.markdown``), the renderer (``site.text``) and the sanitizer
(``site.sanitize``).

A contributed page must not restyle the handbook: a class such as ``md-header`` or an id such
as ``__search`` would take the theme's place (Material's own classes start with ``md-`` and its
ids with ``__``). Published content keeps only the classes the Markdown extensions produce
(admonitions, code highlighting, permalinks) and ids free of those prefixes.
"""

from __future__ import annotations

import re

from pygments.token import STANDARD_TYPES

ADMONITION_MAIN_TYPES = ("note", "abstract", "info", "tip", "success", "question", "warning",
                         "failure", "danger", "bug", "example", "quote")
"""The admonition types Material styles (https://squidfunk.github.io/mkdocs-material/reference/admonitions/)."""
ADMONITION_ALIASES = {
    "summary": "abstract", "tldr": "abstract", "todo": "info", "hint": "tip", "important": "tip",
    "check": "success", "done": "success", "help": "question", "faq": "question",
    "caution": "warning", "attention": "warning", "fail": "failure", "missing": "failure",
    "error": "danger", "cite": "quote",
}
"""Material's own aliases of those types, styled like them (no French alias is used)."""
ADMONITION_TYPES = frozenset(ADMONITION_MAIN_TYPES) | frozenset(ADMONITION_ALIASES)
"""Admonition types a page may use (``!!! tip "Titre"``); Material styles each of them."""
ADMONITION_PLACEMENT = frozenset({"inline", "end"})
"""Extra words Material accepts after the type: a side box (``!!! tip inline end``)."""

_EXTENSION_CLASSES = frozenset({
    "admonition", "admonition-title", "headerlink", "toc", "toclink", "highlight", "highlighttable",
    "linenos", "linenodiv", "normal", "code", "filename", "hll",
})
_HIGHLIGHT_CLASSES = frozenset(value for value in STANDARD_TYPES.values() if value)
_LANGUAGE_CLASS = re.compile(r"language-[a-z0-9_+-]{1,30}")
_OUR_CLASS = re.compile(r"recettes-[a-z-]{1,30}")
"""The handbook's own classes (``recettes-credit``…), written by the page generator around
contributed text: contributed attribute lists never reach the renderer (``site.text``), so a
contributor cannot ask for one."""
ALLOWED_CLASSES = ADMONITION_TYPES | ADMONITION_PLACEMENT | _EXTENSION_CLASSES | _HIGHLIGHT_CLASSES
"""Every class published content may carry, besides ``language-<name>`` and ``recettes-<name>``."""

_RESERVED_ID = re.compile(r"^(?:_+|md[-_])+", re.IGNORECASE)
_GENERATED_ID = re.compile(r"__(?:codelineno|span)-\d+-\d+")  # line anchors of highlighted code

ADMONITION = re.compile(r"^([ \t]*)(!!!|\?\?\?\+?)([ \t]+)([^\"\n]*?)([ \t]*(?:\".*)?)$")
"""An admonition's first line: indent, marker, space, its classes (type first), then the title."""
ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*(?:[#.][^\s{}]+|[A-Za-z_][\w:-]*[ \t]*=)[^{}\n]*\}")
"""An attribute list (``{: .classe #id cle=valeur }``, ``{#id}``) as attr_list reads it."""
_LANGUAGE = re.compile(r"[A-Za-z0-9_+-]{1,30}")


def allowed_class(name: str) -> bool:
    return name in ALLOWED_CLASSES or _LANGUAGE_CLASS.fullmatch(name) is not None or \
        _OUR_CLASS.fullmatch(name) is not None


def safe_classes(value: str) -> str | None:
    """A ``class`` attribute with only the allowed classes, or None when none is left."""
    kept = [name for name in value.split() if allowed_class(name)]
    return " ".join(kept) or None


def safe_id(value: str) -> str | None:
    """An ``id`` (or a fragment) without the theme's prefixes (``__``, ``md-``), or None when
    nothing is left: ``__proto__`` -> ``proto__``, ``md-header`` -> ``header``."""
    if _GENERATED_ID.fullmatch(value):
        return value
    return _RESERVED_ID.sub("", value) or None


def refused_admonition_classes(words: list[str]) -> list[str]:
    """The words of an admonition line (type first) that are not an allowed type or placement."""
    if not words:
        return []
    refused = [] if words[0].lower() in ADMONITION_TYPES else [words[0]]
    return refused + [word for word in words[1:] if word.lower() not in ADMONITION_PLACEMENT]


def safe_admonition(line: str) -> str:
    """An admonition line with refused classes replaced: an unknown type becomes ``note``."""
    match = ADMONITION.match(line)
    if match is None:
        return line
    words = match.group(4).split()
    if not refused_admonition_classes(words):
        return line
    kept = [words[0].lower() if words and words[0].lower() in ADMONITION_TYPES else "note"]
    kept += [word.lower() for word in words[1:] if word.lower() in ADMONITION_PLACEMENT]
    title = match.group(5).strip()
    return f"{match.group(1)}{match.group(2)} {' '.join(kept)}" + (f" {title}" if title else "")


def fence_options(info: str) -> tuple[str, bool]:
    """The language of a code fence's info string and whether anything else was asked (classes,
    ids, attributes, title…): ``python`` -> ("python", False); ``{.python .md-header}`` ->
    ("", True)."""
    info = info.strip()
    if not info:
        return "", False
    if _LANGUAGE.fullmatch(info):
        return info, False
    first = info.lstrip("{").split()[0] if info.lstrip("{").split() else ""
    first = first[1:] if first.startswith(".") and info.startswith("{") else first
    return (first if _LANGUAGE.fullmatch(first) else ""), True
