"""Fiche: one legacy fiche read from Markdown, normalised before anything else is decided.

Normalisation (what people write in the wild, and what a strict CommonMark reader would
misread): Unicode NFC, no BOM, no invisible or control characters, line ends; ``#Titre`` and
``#`` + no-break space are headings; setext headings (``===``, ``---`` under a line) become
ATX; bold, emphasis, numbering and trailing « : » are not part of a heading's name. A front
matter is read with the project's YAML reader; placeholder titles and null fields are ignored.

A file holding several fiches (level-1 headings repeated, each followed by the same pattern of
level-2 headings) is split, one ``Fiche`` each; when the pattern differs, the file is ambiguous
and is not imported unless the caller says to split it or not (``split``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from recettes.core.characters import nfc, without_forbidden
from recettes.core.problems import Code, Problem, Severity
from recettes.read.markdown import Fence
from recettes.read.recipe_md import split_front_matter
from recettes.read.yamlfile import parse_yaml
from recettes.scaffold.importing.table import HeadingTable, clean_heading, heading_key

_LENIENT_ATX = re.compile(r"^ {0,3}(#{1,6})(?=[^#]|$)[ \t\u00a0\u202f]*(.*?)[ \t\u00a0\u202f]*(?:#+[ \t]*)?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_MAX_HEADING = 1000
"""Longer lines are never headings (and are not matched: the pattern is quadratic on them)."""
_LIST_OR_QUOTE = re.compile(r"^\s*(?:[-*+>]|\d{1,9}[.)])(?:\s|$)")


@dataclass
class Block:
    """A heading (``title`` cleaned, ``raw`` as written) and its text lines (line number, text);
    ``children`` are the headings one level below it."""

    level: int
    title: str
    raw: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines).strip("\n")

    def empty(self) -> bool:
        return not self.text.strip() and all(child.empty() for child in self.children)


@dataclass
class Fiche:
    """One fiche of a file: ``shown`` (its file, for messages), ``part`` (its rank in a file of
    several, else None), title, the front matter fields kept, the text before its first heading
    and its top-level blocks."""

    shown: str
    part: int | None
    title: str | None
    title_line: int
    meta: dict[str, Any] = field(default_factory=dict)
    intro: list[tuple[int, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """NFC, no BOM, ``\\n`` line ends, no invisible or control characters (tabs kept)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return without_forbidden(nfc(text))


def read_fiches(text: str, shown: str, table: HeadingTable, *, split: bool | None = None) -> tuple[list[Fiche], list[Problem]]:
    """The fiches of a Markdown file's ``text``: one, or one per fiche of a collection file."""
    problems: list[Problem] = []
    text = normalise_text(text)
    meta: dict[str, Any] = {}
    body, first = text, 1
    front = split_front_matter(text)
    if front is not None and front.closed:
        doc, found = parse_yaml("\n" * (front.line - 1) + front.text, shown)
        broken = next((p for p in found if p.is_error), None)
        if broken is not None:
            problems.append(Problem(shown, broken.line, broken.column, Code.R212,
                                    f"en-tête YAML illisible, ignoré ({broken.message})",
                                    "Rien à faire\u00a0: le titre et le texte viennent de la fiche elle-même.",
                                    Severity.WARNING))
        if doc is not None and isinstance(doc.data, dict):
            meta = _useful_meta(doc.data, table, shown, problems)
        body, first = front.body, front.body_line
    headings, before = _headings(body, first)
    level_one = [b for b in headings if b.level == 1]
    groups = _groups(headings)
    parts = [g for g in groups if any(h.level == 2 for h in g[1:])]
    if len(parts) >= 2 and split is not False:
        similar = _similar([{heading_key(h.title) for h in g[1:] if h.level == 2} for g in parts])
        if similar or split:
            fiches = []
            for rank, group in enumerate(parts, 1):
                fiche = Fiche(shown, rank, group[0].title, group[0].line, dict(meta))
                fiche.blocks = _tree(group[1:])
                fiches.append(fiche)
            leftover = [g for g in groups if g not in parts and (g[0].text.strip() or len(g) > 1)]
            if leftover or any(text.strip() for _, text in before):
                at = leftover[0][0].line if leftover else before[0][0]
                problems.append(Problem(shown, at, 1, Code.R211, "texte du recueil hors des fiches non importé",
                                        "Ce texte précède ou sépare les fiches du fichier\u00a0: recopiez-le dans la "
                                        "recette qu’il concerne si besoin.", Severity.WARNING))
            return fiches, problems
        listed = ", ".join(f"«\u00a0{g[0].title}\u00a0» (ligne {g[0].line})" for g in parts[:4])
        problems.append(Problem(shown, parts[1][0].line, 1, Code.R211,
                                f"plusieurs titres de niveau 1 suivis de titres différents\u00a0: {listed}",
                                "Dites si le fichier réunit plusieurs fiches\u00a0: relancez avec --split (une "
                                "recette par titre de niveau 1) ou --no-split (une seule recette).")) 
        return [], problems
    fiche = Fiche(shown, None, None, 1, meta)
    rest = headings
    if level_one and (not headings or headings[0] is level_one[0]):
        fiche.title, fiche.title_line = level_one[0].title, level_one[0].line
        before += level_one[0].lines
        rest = headings[1:]
    elif isinstance(meta.get("title"), str):
        fiche.title = meta["title"]
    for heading in rest:
        if heading.level == 1:  # a later level-1 heading is not a second title
            heading.level = 2
    fiche.intro = before
    fiche.blocks = _tree(rest)
    return [fiche], problems


def _useful_meta(data: dict[Any, Any], table: HeadingTable, shown: str, problems: list[Problem]) -> dict[str, Any]:
    """The front matter fields worth reading; placeholders and null values are left out and said."""
    kept: dict[str, Any] = {}
    ignored: list[str] = []
    for key, value in data.items():
        name = str(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            ignored.append(name)
        elif name == "title" and isinstance(value, str) and table.is_placeholder(value):
            ignored.append(f"{name} («\u00a0{value}\u00a0», un titre de modèle)")
        else:
            kept[name] = value
    if ignored:
        problems.append(Problem(shown, 2, 1, Code.R212, "champs vides ou de modèle ignorés\u00a0: " + ", ".join(ignored),
                                "Rien à faire\u00a0: le titre et le résumé viennent du texte de la fiche.",
                                Severity.WARNING))
    return kept


def _headings(body: str, first: int) -> tuple[list[Block], list[tuple[int, str]]]:
    """The headings of ``body`` in order, each with its lines, and the lines before the first."""
    lines = body.split("\n")
    fence = Fence()
    headings: list[Block] = []
    before: list[tuple[int, str]] = []

    def target() -> list[tuple[int, str]]:
        return headings[-1].lines if headings else before

    for index, line in enumerate(lines):
        number = first + index
        if fence.step(line):
            target().append((number, line))
            continue
        match = _LENIENT_ATX.match(line) if "#" in line[:4] and len(line) <= _MAX_HEADING else None
        if match is not None:
            headings.append(Block(len(match.group(1)), clean_heading(match.group(2)), match.group(2), number))
            continue
        setext = _SETEXT.match(line) if line[:4].strip()[:1] in ("=", "-") else None
        current = target()
        if setext is not None and current and current[-1][1].strip() and not _LIST_OR_QUOTE.match(current[-1][1]) \
                and (len(current) == 1 or not current[-2][1].strip()):
            at, title = current.pop()
            headings.append(Block(1 if setext.group(1)[0] == "=" else 2, clean_heading(title), title.strip(), at))
            continue
        current.append((number, line))
    return headings, before


def _groups(headings: list[Block]) -> list[list[Block]]:
    """The headings cut at each level-1 heading (each group starts with one)."""
    groups: list[list[Block]] = []
    for heading in headings:
        if heading.level == 1 or not groups:
            groups.append([heading])
        else:
            groups[-1].append(heading)
    return [g for g in groups if g[0].level == 1]


def _similar(patterns: list[set[str]]) -> bool:
    """Whether each group's level-2 headings share at least half of them with the first's."""
    reference = patterns[0]
    return all(len(reference & other) * 2 >= max(len(reference), len(other)) for other in patterns[1:])


def _tree(headings: list[Block]) -> list[Block]:
    """Top-level blocks (the lowest level present) with the deeper headings nested under them."""
    if not headings:
        return []
    top = min(h.level for h in headings)
    blocks: list[Block] = []
    stack: list[Block] = []
    for heading in headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        if heading.level == top or not stack:
            heading.level = top
            blocks.append(heading)
        else:
            stack[-1].children.append(heading)
        stack.append(heading)
    return blocks
