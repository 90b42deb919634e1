"""Reproduction reports, ``recipes/<slug>/reproductions/<id>.md``: « nous l’avons fait aussi ».

One small file per reproduction of a recipe somewhere else: YAML front matter (the
``core.model.Reproduction``: who, where, when, which version was followed, what was adapted and
why, the outcome, the obstacles, optional impact figures) between ``---`` lines, then an optional
account in Markdown. Read as a recipe.md is (``recipe_md.split_front_matter``, the one YAML
reader, ``markdown.parse_section`` for the account), so every problem is located at
``file:line:column``. Cross-file checks (the ambassador, the territory, the version followed)
are in ``read.checks`` (``check_reproductions``).

The rule of what counts as *another* territory (``other_territory``) is defined here, once: the
validator warns with it and the readiness level (``catalog.readiness``) counts with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from recettes.core.model import SLUG_PATTERN, TERRITORY_LEVELS, Reproduction, TerritoryKind
from recettes.core.problems import Code, Problem
from recettes.read.markdown import Section, parse_section
from recettes.read.recipe_md import split_front_matter
from recettes.read.territories import Territories
from recettes.read.yamlfile import YamlDoc, parse_yaml

REPRODUCTIONS_DIR = "reproductions"
"""The folder of a recipe that holds its reproduction reports."""
REPORT_SUFFIX = ".md"
STORY_KIND = "reproduction"
"""The kind given to a report's account when it is read as a section (``parse_section``)."""
_ID = re.compile(SLUG_PATTERN)
PLACE_LEVELS = TERRITORY_LEVELS[TerritoryKind.EPCI]
"""The widest recipe territory that is a *place* (a commune, an intercommunality): nothing
inside it is another territory (``other_territory``)."""

TextReader = Callable[[str, str], tuple["str | None", list[Problem]]]
Validator = Callable[[YamlDoc, str], tuple["Reproduction | None", list[Problem]]]


@dataclass
class ReproductionEntry:
    """One report as read: its id (the file name without ``.md``), the path shown in problems,
    its metadata (None when invalid), its YAML document and its account (a ``Section`` whose
    intro and ``##`` items are the Markdown after the front matter)."""

    id: str
    shown: str
    meta: Reproduction | None = None
    doc: YamlDoc | None = None
    story: Section = field(default_factory=lambda: Section(STORY_KIND))


def is_report_file(name: str) -> bool:
    """Whether ``name`` (relative to the recipe folder) is inside ``reproductions/``."""
    return name.startswith(REPRODUCTIONS_DIR + "/")


def load_reports(names: list[str], base: str, read: TextReader,
                 validate: Validator) -> tuple[dict[str, ReproductionEntry], list[Problem]]:
    """The reports among the files ``names`` of the recipe folder ``base`` (``recipes/<slug>``),
    by id, in name order, and their problems: a file that is not ``reproductions/<id>.md`` (R260),
    an id unfit for a web address (R020), and every problem of each report's front matter and
    account. ``read(name, shown)`` gives a file's text (bounded, decoded); ``validate`` checks a
    front matter document against ``Reproduction``."""
    reports: dict[str, ReproductionEntry] = {}
    problems: list[Problem] = []
    for name in sorted(n for n in names if is_report_file(n)):
        shown = f"{base}/{name}"
        inner = name[len(REPRODUCTIONS_DIR) + 1:]
        if "/" in inner or not inner.endswith(REPORT_SUFFIX):
            problems.append(Problem(shown, 1, 1, Code.R260, "fichier inattendu dans reproductions/",
                                    "Ce dossier ne contient que des comptes rendus en Markdown, un par "
                                    "reproduction : reproductions/<identifiant>.md (ex. reproductions/"
                                    "lannion-2024.md). Les images vont dans le dossier media/ de la recette."))
            continue
        ident = inner[: -len(REPORT_SUFFIX)]
        if not _ID.match(ident):
            problems.append(Problem(shown, 1, 1, Code.R020, f"nom « {ident} » invalide pour une adresse web",
                                    "Nommez le fichier en minuscules sans accents, avec des chiffres et des "
                                    "tirets : reproductions/lannion-2024.md."))
            continue
        entry = ReproductionEntry(ident, shown)
        text, found = read(name, shown)
        problems += found
        if text is not None:
            problems += parse_report(entry, text, validate)
        reports[ident] = entry
    return reports, problems


def parse_report(entry: ReproductionEntry, text: str, validate: Validator) -> list[Problem]:
    """Fill ``entry`` from a report's text: front matter validated, then the account."""
    front = split_front_matter(text)
    if front is None or not front.closed:
        what = "absent : le fichier doit commencer par « --- »" if front is None else "non fermé"
        return [Problem(entry.shown, 1, 1, Code.R001, f"en-tête YAML {what}",
                        "Écrivez « --- », puis les informations (schema_version: 1, territory:, date:, "
                        "version:, outcome:…), puis « --- » avant le récit.")]
    doc, problems = parse_yaml("\n" * (front.line - 1) + front.text, entry.shown)
    entry.doc = doc
    if doc is not None:
        entry.meta, found = validate(doc, entry.shown)
        problems += found
    entry.story, found = parse_section(STORY_KIND, front.body, entry.shown, front.body_line)
    return problems + found


def other_territory(territories: Territories, origin: str, place: str) -> str | None:
    """The territory a reproduction in ``place`` adds to a recipe of ``origin``, or None.

    ``place`` counts as another territory when it is known and is neither the recipe's
    territory, nor a territory around it (the Pays de Brest, the Finistère for a recipe of
    Plouarzel), nor a place inside a recipe's *place* — its commune or its intercommunality
    (``PLACE_LEVELS``): a reproduction there may be the same project growing. A recipe written
    for a wider area (a pays, a département, the région) describes a practice, not a place: a
    reproduction in one of its communes is another territory. Both names may be vocabulary ids
    or official codes; the canonical id is returned, so two reports in one territory, however
    written, count once."""
    here = territories.canonical(place)
    there = territories.canonical(origin)
    if here is None:
        return None
    if there is None:
        return here
    around = {t.id for t in territories.ancestors(there)}
    if here in around:
        return None
    inside = {t.id for t in territories.ancestors(here)}
    if there in inside and TERRITORY_LEVELS[territories[there].kind] <= PLACE_LEVELS:
        return None
    return here
