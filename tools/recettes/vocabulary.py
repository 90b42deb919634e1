"""Vocabularies (themes, territories) read from editable YAML data in ``schema/vocabularies/``."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from .model import Location, TerritoryEntry, TerritoryKind, ThemeEntry
from .problems import Code, Problem, rel
from .yamlfile import read_yaml

VOCABULARY_DIR = Path("schema") / "vocabularies"
THEMES_FILE = "themes.yml"
TERRITORIES_FILE = "territories.yml"


def fold(text: str) -> str:
    """Accents, case and Unicode form removed: ``Économie`` and ``economie`` fold the same."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


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
        return _suggest(value, {t.id: t.label for t in self.themes.values()})

    def suggest_territory(self, value: str) -> list[str]:
        return _suggest(value, {t.id: t.label for t in self.territories.values()})


def _suggest(value: str, labels: dict[str, str]) -> list[str]:
    folded = {fold(key): key for key in labels} | {fold(label): key for key, label in labels.items()}
    matches = difflib.get_close_matches(fold(value), list(folded), n=3, cutoff=0.6)
    found: list[str] = []
    for match in matches:
        if folded[match] not in found:
            found.append(folded[match])
    return found


_THEMES = TypeAdapter(list[ThemeEntry])
_TERRITORIES = TypeAdapter(list[TerritoryEntry])


def load_vocabulary(root: Path) -> tuple[Vocabulary, list[Problem]]:
    vocabulary = Vocabulary()
    problems: list[Problem] = []
    folder = root / VOCABULARY_DIR
    for name, adapter in ((THEMES_FILE, _THEMES), (TERRITORIES_FILE, _TERRITORIES)):
        path = folder / name
        shown = rel(path, root)
        if not path.exists():
            problems.append(Problem(shown, 1, 1, Code.R080, "vocabulaire absent",
                                    f"Créez {shown} (voir le dépôt d’origine, ou « recettes init »)."))
            continue
        doc, found = read_yaml(path, shown, max_bytes=4 * 1024 * 1024)
        problems.extend(found)
        if doc is None:
            continue
        try:
            entries = adapter.validate_python(doc.data or [])
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = tuple(error["loc"])
                line, column = doc.position(loc)
                problems.append(Problem(shown, line, column, Code.R080,
                                        f"entrée de vocabulaire invalide ({'.'.join(map(str, loc))} : {error['msg']})",
                                        "Chaque entrée a un id (minuscules-et-tirets) et un label."))
            continue
        target = vocabulary.themes if name == THEMES_FILE else vocabulary.territories
        for index, entry in enumerate(entries):
            if entry.id in target:
                line, column = doc.position((index, "id"))
                problems.append(Problem(shown, line, column, Code.R080, f"identifiant « {entry.id} » en double",
                                        "Chaque identifiant n’apparaît qu’une fois."))
            target[entry.id] = entry  # type: ignore[assignment]
        if name == TERRITORIES_FILE:
            problems.extend(_check_tree(vocabulary, doc, shown, entries))  # type: ignore[arg-type]
    return vocabulary, problems


_LEVEL = {TerritoryKind.REGION: 0, TerritoryKind.DEPARTEMENT: 1, TerritoryKind.PAYS: 2, TerritoryKind.COMMUNE: 3}


def _check_tree(vocabulary: Vocabulary, doc, shown: str, entries: list[TerritoryEntry]) -> list[Problem]:  # type: ignore[no-untyped-def]
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
