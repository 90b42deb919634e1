"""Limits: the Markdown that Python-Markdown cannot render in reasonable time or depth.

One rule for both sides: the section parser reports each excess as a located error, and the
renderer (``site.text``) publishes a text that exceeds a limit as plain text in a code block,
so a non-strict build neither hangs nor crashes on it.

Measured with Python-Markdown 3.11 and our extensions (``benchmarks/markdown_linear.py``
times the renderer on each shape, past these limits and within them):

- **Nesting.** Lists (and quotes holding lists) nested ``d`` deep cost about ``d³`` and raise
  ``RecursionError`` at about 200 levels; the error names the generated page. Admonitions and
  collapsible blocks (« !!! », « ??? ») nested 300 deep take 2 s and 9 s. Real recipes use
  two or three levels: ``MAX_NESTING`` is 16 (under a millisecond to render).
- **Brackets.** Each « [ » without its « ] » scans, in Python, the rest of its paragraph: 250
  such brackets in a paragraph of 8 KB take 5 s, 25 in 64 KB take 5 s, 30,000 in a row take
  minutes. Per paragraph (list item, table row), at most ``MAX_BRACKETS`` « [ » (125 links),
  and the number of unclosed « [ » times the paragraph's length stays under
  ``MAX_STRAY_COST`` (about half a second at worst).
- **Inline marks.** Each match of an inline pattern (code, emphasis, link) costs Python-
  Markdown a pass over the rest of the paragraph: « ``a` » repeated over 4 KB takes 2.6 s, and
  250 links in one paragraph of 64 KB take 2 s, « <a » (shown as « &lt;a ») repeated over 16 KB
  5 s. The number of marks (« [ », « & », « < », « \\ », and runs of « ` », « * » or « _ »)
  times the paragraph's length stays under ``MAX_MARK_COST`` (about a second at worst). A
  single run is cheap: 64 KB of backticks render in 0.2 s.

An ordinary paragraph (2 KB, ten links, some emphasis) costs a hundredth of these budgets.
Backtick runs were also quadratic in our own parser: see ``markdown.code_spans``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NESTING = 16
MAX_BRACKETS = 250
MAX_STRAY_COST = 100_000  # unclosed « [ » x characters of the paragraph
MAX_MARK_COST = 4_000_000  # « [ », « & », « < », « \\ » and runs of « ` * _ » x characters of the paragraph
_MARK_RUNS = re.compile(r"`+|\*+|_+")  # a run is one mark: Python-Markdown reads it at once
_MARK_CHARS = frozenset("`*_")
_COSTLY = re.compile(r"[\[&<\\`*_]")
"""Any character ``Budget.step`` counts: a line without one (most prose) adds only its length."""
_CLOSED = re.compile(r"\[[^\[\]]*\]")  # an innermost bracket pair: its « [ » finds its « ] » at once
# What opens a level: a quote, a list item, an admonition or a collapsible block (« !!! note »,
# « ??? note »: pymdownx.details), each nested by four columns of indentation.
_CONTAINER = re.compile(r"[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)]|!!!|\?\?\?\+?)(?=[ \t]|$))[ \t]?")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_OPENERS = frozenset(">-*+!?0123456789")  # the first characters of the markers above
ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?!#)")
"""A heading line (``markdown.atx_heading``): one to six « # » not followed by another. Like
Python-Markdown, and unlike CommonMark, « #Titre » and « #\u00a0Titre » are headings too: fiches
written on wikis and forges use them, and the validator, the import and the renderer
(``site.text``, which adds the missing space) all read them as their authors meant."""
ATX_SPACED = re.compile(r" {0,3}#{1,6}(?=[ \t]|$)")
"""A heading written as CommonMark wants it: its « # » followed by a space, a tab or the end."""
_LIST_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
# Each level of nesting takes at least one character before a line's innermost marker (a
# marker, or a tab of indentation): a line without this many such characters cannot go deeper.
_DEEP_PREFIX = re.compile(rf"^[ \t>\-*+!?\d.)]{{{MAX_NESTING + 1}}}", re.MULTILINE)


@dataclass(frozen=True)
class Excess:
    """Where a text goes beyond a limit: ``kind`` is « nesting », « brackets » or « cost »;
    ``column`` (from 1) is the marker or bracket past the limit; ``count`` is the depth, the
    number of brackets, or (« cost ») the paragraph's length so far; ``marks`` is the number of
    brackets and marks of the paragraph so far."""

    kind: str
    column: int
    count: int
    marks: int = 0


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
        self.stray = self.marks = self.length = 0

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
        self.length += len(line) + 1
        if _COSTLY.search(line) is None:  # nothing to count (measured: half the time of a prose line)
            if not self.reported and (self.stray * self.length > MAX_STRAY_COST
                                      or self.marks * self.length > MAX_MARK_COST):
                self.reported = True
                found.append(Excess("cost", 1, self.length, self.marks))
            return found
        count = line.count("[")
        if count:
            self.stray += count - len(_CLOSED.findall(line))
        self.marks += count + line.count("&") + line.count("<") + line.count("\\")
        if _MARK_CHARS.intersection(line):
            self.marks += len(_MARK_RUNS.findall(line))
        if not self.reported:
            if count and self.brackets + count > MAX_BRACKETS:
                at = _nth(line, "[", MAX_BRACKETS - self.brackets + 1)
                self.reported = True
                found.append(Excess("brackets", at + 1, self.brackets + count))
            elif self.stray * self.length > MAX_STRAY_COST or self.marks * self.length > MAX_MARK_COST:
                self.reported = True
                found.append(Excess("cost", line.find("[") + 1 or 1, self.length, self.marks))
        self.brackets += count
        return found

    def _new_paragraph(self) -> None:
        self.brackets = 0
        self.reported = False
        self.stray = 0
        self.marks = 0
        self.length = 0


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


def within_limits(text: str) -> bool:
    """Whether no paragraph of ``text`` can exceed a limit, judged on the whole text at once: a
    paragraph's brackets, marks and length are at most the text's, and nesting needs a long run
    of markers or indentation. ``False`` means « follow it line by line with ``Budget`` ».
    Measured: a section of ordinary prose is judged in a few microseconds, against about two
    microseconds per line for ``Budget.step``."""
    length = len(text) + 1
    brackets = text.count("[")
    if brackets > MAX_BRACKETS or brackets * length > MAX_STRAY_COST:
        return False
    if len(_COSTLY.findall(text)) * length > MAX_MARK_COST:
        return False
    return _DEEP_PREFIX.search(text) is None


def excessive(lines: list[str]) -> bool:
    """Whether any of these lines (fenced code left out) exceeds a limit."""
    if within_limits("\n".join(lines)):
        return False
    budget = Budget()
    return any(budget.step(line) for line in lines)
