"""Vocabularies (themes, territories) read from editable YAML data in ``schema/vocabularies/``.

Territories are the hand-made entries of ``territories.yml`` plus every official French place
(``read/territories.py``): the file keeps the network's groupings (``kind: pays`` with
``members:``), local names and positions, each checked here against the official data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from recettes.core.french import did_you_mean
from recettes.core.model import (
    TERRITORY_KIND_LABELS,
    TERRITORY_LEVELS,
    Location,
    TerritoryEntry,
    TerritoryKind,
    ThemeEntry,
)
from recettes.core.names import name_problems
from recettes.core.placecodes import parse_code, parse_page_id, written
from recettes.core.problems import Code, Problem, Severity, rel
from recettes.read.territories import Territories
from recettes.read.yamlfile import YamlDoc, read_yaml

VOCABULARY_DIR = Path("schema") / "vocabularies"
THEMES_FILE = "themes.yml"
TERRITORIES_FILE = "territories.yml"


@dataclass
class Vocabulary:
    themes: dict[str, ThemeEntry] = field(default_factory=dict)
    territories: Territories = field(default_factory=Territories)
    """Hand-made entries by id; lookups also take official codes (``read/territories.py``)."""

    def __post_init__(self) -> None:
        if not isinstance(self.territories, Territories):
            self.territories = Territories(self.territories)

    def ancestors(self, place: str) -> list[TerritoryEntry]:
        """The territory and those that contain it, innermost first; [] for an unknown place."""
        return self.territories.ancestors(place)

    def location(self, place: str) -> Location | None:
        entry = self.territories.get(place)
        return entry.location if entry else None

    def suggest_theme(self, value: str) -> list[str]:
        return did_you_mean(value, {t.id: t.label for t in self.themes.values()}, count=3)

    def suggest_territory(self, value: str) -> list[str]:
        """Hand-made ids and official codes close to ``value`` (by id or name, accents folded)."""
        return self.territories.suggest(value)


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
        vocabulary.territories = Territories(_by_id(territories[0], territories[1], shown, problems, "territories"))
        problems.extend(_check_tree(vocabulary, territories[1], shown, territories[0]))
        problems.extend(_check_official(vocabulary.territories, territories[1], shown, territories[0]))
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
        elif TERRITORY_LEVELS[parent.kind] <= TERRITORY_LEVELS[entry.kind]:
            problems.append(Problem(shown, line, column, Code.R080,
                                    f"« {entry.id} » ({entry.kind}) ne peut pas être dans « {parent.id} » ({parent.kind})",
                                    "Une commune est dans une intercommunalité ou un pays, un pays dans un "
                                    "département, un département dans une région."))
    return problems


def _check_official(territories: Territories, doc: YamlDoc, shown: str,
                    entries: list[TerritoryEntry]) -> list[Problem]:
    """Codes and groupings checked against the official data: R241 unknown code (R242 for a
    former commune), R244 a code claimed twice, R245 an id that reads as an official one, R246
    a kind or link that contradicts the data, R243 a grouping's member that does not exist."""
    problems: list[Problem] = []
    claimed: dict[str, str] = {}

    def add(loc: tuple[str | int, ...], code: Code, message: str, hint: str,
            severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(shown, *doc.position(loc), code, message, hint, severity))

    for index, entry in enumerate(entries):
        named = territories.official_place(entry.id) if parse_page_id(entry.id) else None
        if named is not None and (not entry.code or territories.official_place(entry.code) != named):
            add((index, "id"), Code.R245, f"l’identifiant « {entry.id} » est celui d’un territoire officiel",
                "Choisissez un nom lisible (plougonvelin) et donnez le code dans « code: commune:29190 ».")
        if entry.code:
            _check_code(territories, entry, (index, "code"), add, claimed)
        if entry.members and entry.kind is not TerritoryKind.PAYS:
            add((index, "members"), Code.R246, f"« {entry.id} » ({_kind(entry.kind)}) ne peut pas avoir de membres",
                "Seul un groupement (kind: pays) liste ses membres ; les autres territoires viennent "
                "des données officielles.")
        for number, member in enumerate(entry.members if entry.kind is TerritoryKind.PAYS else []):
            found = territories.get(member)
            if found is None:
                _code, message, hint = territories.unknown(member)
                add((index, "members", number), Code.R243, f"membre inconnu : {message}", hint)
            elif TERRITORY_LEVELS[found.kind] >= TERRITORY_LEVELS[entry.kind]:
                add((index, "members", number), Code.R246,
                    f"« {member} » ({_kind(found.kind)}) est trop vaste pour être membre de « {entry.id} »",
                    "Un pays regroupe des intercommunalités (epci:…) ou des communes (commune:…).")
    return problems


def _kind(kind: str) -> str:
    return TERRITORY_KIND_LABELS[str(kind)].lower()


def _check_code(territories: Territories, entry: TerritoryEntry, loc: tuple[str | int, ...], add: Any,
                claimed: dict[str, str]) -> None:
    code = entry.code or ""
    parsed = parse_code(code)
    place = territories.official_place(code)
    if parsed is None or place is None:
        _found, message, hint = territories.unknown(code)
        add(loc, Code.R241, message, hint)
        return
    if (former := territories.former_code(code)) is not None:
        add(loc, Code.R242, f"la commune {code} a fusionné dans {former} ({place.name})",
            f"Écrivez « code: {former} ».", Severity.WARNING)
    if parsed[0] != entry.kind.value:
        add(loc, Code.R246, f"« {entry.id} » est de type « {_kind(entry.kind)} », mais « {code} » est de type "
            f"« {_kind(parsed[0])} »",
            f"Accordez « kind » et le code : kind: {parsed[0]}, ou un autre code.")
    if entry.parent:
        add((loc[0], "parent"), Code.R246, f"« {entry.id} » a un code officiel et un « parent »",
            "Retirez « parent » : les territoires englobants viennent des données officielles "
            "(et des groupements qui listent ce territoire).")
    key = written(*parsed)
    if key in claimed:
        add(loc, Code.R244, f"le code « {code} » est déjà celui de « {claimed[key]} »",
            "Un territoire officiel n’a qu’une entrée dans le vocabulaire : gardez-en une.")
    claimed.setdefault(key, entry.id)
