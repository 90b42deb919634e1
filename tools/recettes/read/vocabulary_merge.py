"""Merging the vocabularies (themes, territories) of the repositories of a network.

Each repository of a network (the regional one and its sources) has its own
``schema/vocabularies/``. The regional handbook uses their union: an id defined by several
repositories is one entry when it means the same thing everywhere, and an error (R224) naming
both repositories, at the line of the second definition, when it does not. « The same thing »:

- a theme: the same label, accents, case and spaces aside (its description may differ);
- a territory: the same label (same comparison), the same kind, the same official code
  (``commune:29019``) and the same enclosing territory (its position on the map and the members
  of a grouping may differ: the first one is kept).

The first definition wins (the regional repository first, then the sources in the order of
``network.yml``), so a conflict never changes what the other pages show.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recettes.core.french import NBSP, fold
from recettes.core.model import TerritoryEntry, ThemeEntry
from recettes.core.problems import Code, Problem
from recettes.read.vocabulary import TERRITORIES_FILE, THEMES_FILE, VOCABULARY_DIR, Vocabulary
from recettes.read.yamlfile import read_yaml


@dataclass(frozen=True)
class VocabularyPart:
    """One repository's vocabularies: who it is (``name``, as messages say it), where its files
    are (``root``) and how paths are shown (``shown``: a prefix such as ``.recettes/reseau/brest/``)."""

    name: str
    root: Path
    shown: str
    vocabulary: Vocabulary


def merge_vocabularies(parts: list[VocabularyPart]) -> tuple[Vocabulary, list[Problem]]:
    """The union of the parts' vocabularies and one R224 error per conflicting id."""
    merged = Vocabulary()
    owner: dict[tuple[str, str], VocabularyPart] = {}
    problems: list[Problem] = []
    for part in parts:
        for kind, table, target in (("theme", part.vocabulary.themes, merged.themes),
                                    ("territory", part.vocabulary.territories, merged.territories)):
            for ident, entry in table.items():
                first = target.get(ident)
                if first is None:
                    target[ident] = entry  # type: ignore[assignment]
                    owner[(kind, ident)] = part
                elif _meaning(first) != _meaning(entry):
                    problems.append(_conflict(kind, ident, first, entry, owner[(kind, ident)], part))
    return merged, problems


def _meaning(entry: ThemeEntry | TerritoryEntry) -> tuple[Any, ...]:
    if isinstance(entry, TerritoryEntry):
        return (" ".join(fold(entry.label).split()), entry.kind, entry.code, entry.parent)
    return (" ".join(fold(entry.label).split()),)


def _describe(entry: ThemeEntry | TerritoryEntry) -> str:
    text = f"«{NBSP}{entry.label}{NBSP}»"
    if isinstance(entry, TerritoryEntry):
        text += f" ({entry.kind.value}" + (f", {entry.code}" if entry.code else "") \
            + (f" dans {entry.parent})" if entry.parent else ")")
    return text


def _conflict(kind: str, ident: str, first: Any, second: Any, first_part: VocabularyPart,
              second_part: VocabularyPart) -> Problem:
    name = THEMES_FILE if kind == "theme" else TERRITORIES_FILE
    what = "thématique" if kind == "theme" else "territoire"
    line, column = _position(second_part.root / VOCABULARY_DIR / name, ident)
    shown = f"{second_part.shown}{VOCABULARY_DIR.as_posix()}/{name}"
    return Problem(shown, line, column, Code.R224,
                   f"{what} «\u00a0{ident}\u00a0»\u00a0: {_describe(first)} dans {first_part.name}, mais "
                   f"{_describe(second)} dans {second_part.name}",
                   "Un même identifiant doit avoir le même sens dans tout le réseau\u00a0: alignez les deux "
                   "définitions, ou renommez l’identifiant dans l’un des deux dépôts (puis fixez sa "
                   "nouvelle révision et lancez «\u00a0recettes network update\u00a0»).")


def _position(path: Path, ident: str) -> tuple[int, int]:
    """Line and column of the ``id`` of entry ``ident`` in a vocabulary file (1, 1 if not found)."""
    doc, _ = read_yaml(path, path.name, max_bytes=4 * 1024 * 1024)
    if doc is None or not isinstance(doc.data, list):
        return 1, 1
    for index, entry in enumerate(doc.data):
        if isinstance(entry, dict) and entry.get("id") == ident:
            return doc.position((index, "id"))
    return 1, 1
