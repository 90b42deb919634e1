"""Limits: the Markdown that Python-Markdown cannot render in reasonable time or depth.

One rule for both sides: the section parser reports each excess as a located error, and the
renderer (``site.text``) publishes a text that exceeds a limit as plain text in a code block,
so a non-strict build neither hangs nor crashes on it.

Measured with Python-Markdown 3.11 and our extensions (``benchmarks/markdown.py``):

- **Nesting.** Lists (and quotes holding lists) nested ``d`` deep cost about ``d³`` and raise
  ``RecursionError`` at about 200 levels; the error names the generated page. Admonitions and
  collapsible blocks (« !!! », « ??? ») nested 300 deep take 2 s and 9 s. Real recipes use
  two or three levels: ``MAX_NESTING`` is 16 (under a millisecond to render).
- **Brackets.** Each « [ » of a paragraph scans the rest of it for its « ] » and « ( »: a run
  of 30,000 « [ » takes minutes. ``MAX_BRACKETS`` per paragraph (per list item, per table
  row) is 250: a few milliseconds at worst, and 125 links in one paragraph.

Emphasis runs, nested quotes without lists, floods of link references and long tables were
measured linear and need no limit. Backtick runs were quadratic in our own parser, not in
Python-Markdown: see ``markdown.code_spans``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NESTING = 16
MAX_BRACKETS = 250
# What opens a level: a quote, a list item, an admonition or a collapsible block (« !!! note »,
# « ??? note »: pymdownx.details), each nested by four columns of indentation.
_CONTAINER = re.compile(r"[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)]|!!!|\?\?\?\+?)(?=[ \t]|$))[ \t]?")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_OPENERS = frozenset(">-*+!?0123456789")  # the first characters of the markers above
ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
"""A heading line (CommonMark; ``markdown.atx_heading``): one to six « # », then a space, a tab
or the end of the line. The renderer makes exactly these lines headings (``site.text``)."""
_LIST_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")


@dataclass(frozen=True)
class Excess:
    """Where a text goes beyond a limit: ``kind`` is « nesting » or « brackets », ``column``
    (from 1) is the marker or bracket past the limit, ``count`` how many there are."""

    kind: str
    column: int
    count: int


class Budget:
    """Follows a text line by line (the caller skips fenced code) and reports each excess once
    per paragraph (nesting: once per block between blank lines), at the line and column where
    the limit is crossed. Each line costs time proportional to its length."""

    def __init__(self) -> None:
        self.brackets = 0
        self.reported = False
        self.deep = False  # nesting already reported in this block
        self.table = False
        self.list_block = False
        self.previous = ""
        self.row = 0  # the line's rank in its block (a table's rule is its second line)

    def step(self, line: str) -> list[Excess]:
        found: list[Excess] = []
        first = line.lstrip(" \t")[:1]
        opener = first != "" and first in _OPENERS  # else: no quote, list or box on this line
        if opener:
            depth, column = nesting(line)
            if depth > MAX_NESTING and not self.deep:
                found.append(Excess("nesting", column, depth))
                self.deep = True
        if not first or (first == ">" and not line.strip(" \t>")):  # a blank line (in a quote too)
            self._new_paragraph()
            self.deep = False
            self.table = False
            self.previous = ""
            self.row = 0
            return found
        self.row += 1
        item = opener and _LIST_ITEM.match(line) is not None
        if self.row == 1:
            self.list_block = item  # Python-Markdown reads a list only from a block's first line
        if self.row == 2 and "|" in line and "|" in self.previous and _TABLE_RULE.match(line):
            self.table = True  # a table: a header row, then its rule, at the start of a block
        heading = first == "#" and ATX_HEADING.match(line) is not None
        if (item and self.list_block) or heading or self.table:
            self._new_paragraph()  # a list item, a heading, a table row: inline text of its own
        self.previous = line
        count = line.count("[")
        if count and not self.reported and self.brackets + count > MAX_BRACKETS:
            at = _nth(line, "[", MAX_BRACKETS - self.brackets + 1)
            self.reported = True
            found.append(Excess("brackets", at + 1, self.brackets + count))
        self.brackets += count
        return found

    def _new_paragraph(self) -> None:
        self.brackets = 0
        self.reported = False


def nesting(line: str) -> tuple[int, int]:
    """How many lists, quotes and admonitions a line opens (with four columns of indentation per level),
    and the column (from 1) of its innermost marker; (0, 0) for a line without marker."""
    if _RULE.match(line):
        return 0, 0
    depth = position = column = 0
    while (match := _CONTAINER.match(line, position)) is not None and match.end() > position:
        marker = match.group(0).lstrip(" \t")
        indent = line[position : match.end() - len(marker)].expandtabs(4)
        depth += 1 + len(indent) // 4
        column = match.end() - len(marker) + 1
        position = match.end()
    return depth, column


def _nth(text: str, char: str, n: int) -> int:
    index = -1
    for _ in range(n):
        index = text.find(char, index + 1)
    return index


def excessive(lines: list[str]) -> bool:
    """Whether any of these lines (fenced code left out) exceeds a limit."""
    budget = Budget()
    return any(budget.step(line) for line in lines)
