"""Text: contributed strings made safe for the places the handbook puts them (pure).

Three places, three rules:

- ``plain`` for front matter (page titles, descriptions, tags): MkDocs and Material put these
  *unescaped* into ``<title>``, ``<meta content="…">``, the header and the navigation, sometimes
  after ``striptags`` (which unescapes entities). Escaping with entities is therefore not enough:
  the characters that could open markup (``< > & "``) are replaced by typographic look-alikes.
- ``inline`` for a contributed string written into generated Markdown (a link text, a table
  cell, a list item): HTML is escaped and Markdown punctuation is backslash-escaped, so the
  string shows as written and cannot become a link, an attribute list or a tag.
- ``contributed`` for contributed Markdown (section text): Markdown stays, raw HTML is shown as
  text, attribute lists (``{: onclick=…}``) are neutralised, headings move one level down, and
  ``recette:`` / ``ambassadeur:`` links become relative links that MkDocs checks. Code spans and
  headings are found by the validator's own rules (``read.markdown``): « #Titre » is a heading
  written with its missing space, a line it does not take for a heading (« ####### ») is shown
  as text, and a text beyond ``read.limits`` (lists nested
  too deep, thousands of « [ ») is published as plain text in a code block, so that a page
  never crashes or stalls the build (the validator reports it, naming the recipe file).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from recettes.core import memo
from recettes.core.french import one_line
from recettes.core.markup import fence_options, safe_admonition
from recettes.read.limits import ATX_HEADING, excessive
from recettes.read.markdown import AUTOLINK, INTERNAL_SCHEMES, Fence, code_spans, misread_heading

_LOOKALIKES = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "\n": " ", "\r": " "})
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^-])")
_FENCE_RUN = re.compile(r"^ {0,3}(~+)", re.MULTILINE)
_LINK_TARGET = re.compile(r"(\]\(\s*<?|^ {0,3}\[[^\]]+\]:\s*<?)([A-Za-z][A-Za-z0-9+.-]*):((?:[^()\s>]|\([^()\s]*\))*)")
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}

Resolver = Callable[[str, str], str | None]


def plain(text: str) -> str:
    """A single-line string safe even where a template prints it raw or after ``striptags``."""
    return one_line(text.translate(_LOOKALIKES))


def inline(text: str) -> str:
    """A contributed string as literal Markdown inline text (no markup, no HTML, one line)."""
    text = one_line(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def contributed(markdown: str, resolve: Resolver) -> str:
    """Contributed Markdown made safe to render; ``resolve(scheme, rest)`` maps internal links.

    ``resolve`` returns the replacement target for ``recette:`` and ``ambassadeur:`` links, or
    None for an unknown one (then the link points nowhere: ``#``).

    The work that depends on the text alone is cached by text (``_prepared``): a rebuild while
    serving handles only the texts that changed (measured: 2 s of a 7 s rebuild at 1,000
    recipes went into this function); only the internal links are resolved each time.
    """
    markdown = unicodedata.normalize("NFC", markdown)  # the form media are published under
    if _SLOT_MARK in markdown:  # a text that could fake a slot: the direct way, uncached
        return _contributed(markdown, resolve)
    text, links = _prepared(markdown)
    if not links:
        return text
    return _SLOT.sub(lambda m: resolve(*links[int(m.group(1))]) or "#", text)


_SLOT_MARK = "\x01"
_SLOT = re.compile("\x01(\\d+)\x01")


@lru_cache(maxsize=1 << 16)
def _prepared(markdown: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``_contributed`` with each internal link left as a numbered slot, and the links."""
    links: list[tuple[str, str]] = []

    def slot(scheme: str, rest: str) -> str:
        links.append((scheme, rest))
        return f"{_SLOT_MARK}{len(links) - 1}{_SLOT_MARK}"

    return _contributed(markdown, slot), tuple(links)


memo.register(_prepared.cache_clear)


def page_markdown(markdown: str, resolve: Resolver) -> str:
    """The body of a hand-written page of docs/ made safe as contributed Markdown is (raw HTML
    shown as text, attribute lists neutralised, admonition types and fence options allowed
    ones only, internal links resolved), its headings kept at their level."""
    return _contributed(markdown, resolve, shift=False)


def _contributed(markdown: str, resolve: Resolver, *, shift: bool = True) -> str:
    out: list[str] = []
    fence = Fence()
    text: list[str] = []  # the lines outside fenced code, for the limits
    for line in markdown.splitlines():
        if fence.step(line):
            if fence.info:  # only the language stays: no class, id nor attribute (core.markup)
                line = fence.opening(line, fence_options(fence.info)[0])
            out.append(line)
            continue
        text.append(line)
        heading = ATX_HEADING.match(line) if "#" in line[:4] else None
        if heading is not None:
            # At column 1, where Python-Markdown sees it, with an ordinary space after its « # »
            # (« ##Titre », « ##\u00a0Titre » are headings: ``read.markdown.atx_heading``); one
            # level down in a recipe's section.
            hashes = heading.group(1)
            rest = line[heading.end():].lstrip()  # any space, as ``read.markdown.atx_heading``
            line = ("#" if shift and len(hashes) < 6 else "") + hashes + (" " + rest if rest else "")
        elif misread_heading(line) is not None:  # seven « # »: Python-Markdown's heading, not ours
            line = line.replace("#", "\\#", 1)
        if line.lstrip(" ")[:1] in ("!", "?"):
            line = safe_admonition(line)
        out.append(_outside_code(line, lambda part: _safe_part(part, resolve)))
    if fence.open is not None:
        out.append(fence.open)
    if excessive(text):
        return as_code(markdown)
    return "\n".join(out)


def as_code(markdown: str) -> str:
    """The text as a fenced code block: shown exactly as written, not read as Markdown."""
    longest = max((len(m.group(1)) for m in _FENCE_RUN.finditer(markdown)), default=0)
    fence = "~" * max(3, longest + 1)
    return f"{fence} text\n{markdown}\n{fence}"


def _outside_code(line: str, change: Callable[[str], str]) -> str:
    pieces: list[str] = []
    last = 0
    for start, end in code_spans(line):
        pieces.append(change(line[last:start]))
        pieces.append(line[start:end])
        last = end
    pieces.append(change(line[last:]))
    return "".join(pieces)


def _safe_part(text: str, resolve: Resolver) -> str:
    autolinks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        autolinks.append(match.group(0))
        return f"\x00{len(autolinks) - 1}\x00"

    text = AUTOLINK.sub(keep, text)
    text = text.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")
    text = _LINK_TARGET.sub(lambda m: m.group(1) + _target(m.group(2), m.group(3), resolve), text)
    return re.sub("\x00(\\d+)\x00", lambda m: autolinks[int(m.group(1))], text)


def _target(scheme: str, rest: str, resolve: Resolver) -> str:
    lowered = scheme.lower()
    if lowered in _SAFE_SCHEMES:
        return f"{scheme}:{rest}"
    if lowered in INTERNAL_SCHEMES:
        return resolve(lowered, rest) or "#"
    return "#"
