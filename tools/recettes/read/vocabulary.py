"""Vocabularies (themes, territories) read from editable YAML data in ``schema/vocabularies/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError

from recettes.core.french import did_you_mean
from recettes.core.model import Location, TerritoryEntry, TerritoryKind, ThemeEntry
from recettes.core.names import name_problems
from recettes.core.problems import Code, Problem, rel
from recettes.read.yamlfile import YamlDoc, read_yaml

VOCABULARY_DIR = Path("schema") / "vocabularies"
THEMES_FILE = "themes.yml"
TERRITORIES_FILE = "territories.yml"


@dataclass
class Vocabulary:
    themes: dict[str, ThemeEntry] = field(default_factory=dict)
    territories: dict[str, TerritoryEntry] = field(default_factory=dict)

    def ancestors(self, place: str) -> list[TerritoryEntry]:
        """The territory and those that contain it, innermost first."""
        chain: list[TerritoryEntry] = []
        current = self.territories.get(place)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.territories.get(current.parent) if current.parent else None
        return chain

    def location(self, place: str) -> Location | None:
        entry = self.territories.get(place)
        return entry.location if entry else None

    def suggest_theme(self, value: str) -> list[str]:
        return did_you_mean(value, {t.id: t.label for t in self.themes.values()}, count=3)

    def suggest_territory(self, value: str) -> list[str]:
        return did_you_mean(value, {t.id: t.label for t in self.territories.values()}, count=3)


def load_vocabulary(root: Path) -> tuple[Vocabulary, list[Problem]]:
    vocabulary = Vocabulary()
    problems: list[Problem] = []
    folder = root / VOCABULARY_DIR
    themes = _entries(folder / THEMES_FILE, root, ThemeEntry, problems)
    if themes is not None:
        vocabulary.themes = _by_id(themes[0], themes[1], rel(folder / THEMES_FILE, root), problems, "themes")
    territories = _entries(folder / TERRITORIES_FILE, root, TerritoryEntry, problems)
    if territories is not None:
        shown = rel(folder / TERRITORIES_FILE, root)
        vocabulary.territories = _by_id(territories[0], territories[1], shown, problems, "territories")
        problems.extend(_check_tree(vocabulary, territories[1], shown, territories[0]))
    return vocabulary, problems


Entry = TypeVar("Entry", ThemeEntry, TerritoryEntry)


def _entries(path: Path, root: Path, model: type[Entry],
             problems: list[Problem]) -> tuple[list[Entry], YamlDoc] | None:
    """The validated entries of one vocabulary file, or None (with its problems)."""
    shown = rel(path, root)
    if not path.exists():
        problems.append(Problem(shown, 1, 1, Code.R080, "vocabulaire absent",
                                f"Créez {shown} (voir le dépôt d’origine, ou « recettes init »)."))
        return None
    doc, found = read_yaml(path, shown, max_bytes=4 * 1024 * 1024)
    problems.extend(found)
    if doc is None:
        return None
    try:
        return TypeAdapter(list[model]).validate_python(doc.data or []), doc  # type: ignore[valid-type]
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            line, column = doc.position(loc)
            problems.append(Problem(shown, line, column, Code.R080,
                                    f"entrée de vocabulaire invalide ({'.'.join(map(str, loc))} : {error['msg']})",
                                    "Chaque entrée a un id (minuscules-et-tirets) et un label."))
        return None


def _by_id(entries: list[Entry], doc: YamlDoc, shown: str, problems: list[Problem], kind: str) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    for index, entry in enumerate(entries):
        problems.extend(name_problems(kind, entry.id, shown, *doc.position((index, "id"))))
        if entry.id in found:
            line, column = doc.position((index, "id"))
            problems.append(Problem(shown, line, column, Code.R080, f"identifiant « {entry.id} » en double",
                                    "Chaque identifiant n’apparaît qu’une fois."))
        found[entry.id] = entry
    return found


_LEVEL = {TerritoryKind.REGION: 0, TerritoryKind.DEPARTEMENT: 1, TerritoryKind.PAYS: 2, TerritoryKind.COMMUNE: 3}


def _check_tree(vocabulary: Vocabulary, doc: YamlDoc, shown: str, entries: list[TerritoryEntry]) -> list[Problem]:
    problems = []
    for index, entry in enumerate(entries):
        if entry.parent is None:
            continue
        parent = vocabulary.territories.get(entry.parent)
        line, column = doc.position((index, "parent"))
        if parent is None:
            problems.append(Problem(shown, line, column, Code.R080,
                                    f"territoire englobant « {entry.parent} » inconnu",
                                    "Ajoutez ce territoire au vocabulaire ou corrigez « parent »."))
        elif _LEVEL[parent.kind] >= _LEVEL[entry.kind]:
            problems.append(Problem(shown, line, column, Code.R080,
                                    f"« {entry.id} » ({entry.kind}) ne peut pas être dans « {parent.id} » ({parent.kind})",
                                    "Une commune est dans un pays, un pays dans un département, "
                                    "un département dans une région."))
    return problems
