"""Readiness of a recipe, computed from evidence and never declared, and its completeness.

The one rule of the levels (issue 14), each requiring the one before:

1. **documentée** — every required section is written (at least one item, no « À compléter »
   left) and the summary too;
2. **expérimentée** — there are results: an impact indicator (``impact``), or a start year
   with a dated source that tells of it, or a reproduction report (a dated outcome);
3. **reproduite** — at least one reproduction report in *another* territory
   (``read.reproductions.other_territory``: neither the recipe's territory, nor around it, nor
   inside the commune or intercommunality the recipe is written for);
4. **essaimée** — reproductions in three or more other territories (two reports in one
   territory count once, however the territory is written, and so do two reports one of whose
   territories contains the other: Lannion and its intercommunality).

``readiness`` returns the level with its reasons (French sentences, shown beside the badge,
in the data files) and what is missing to reach the next level; ``completeness`` lists what a
good recipe has and this one lacks (sources, impact, resources, holders…), for contributors
(« Pour compléter cette recette », « Recettes à compléter »). Both are pure functions of one
recipe's values: the page, the search filter, the data files and the contributors' page all
call them, so they always agree.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from recettes.core.french import NBSP, agree, and_list, french_date, plural
from recettes.core.model import Recipe, Reproduction
from recettes.core.problems import Code, Problem
from recettes.core.sections import PLACEHOLDER, SECTIONS
from recettes.read.markdown import Section
from recettes.read.reproductions import other_territory
from recettes.read.territories import Territories

SPREAD_TERRITORIES = 3
"""Other territories a recipe must be reproduced in to be « essaimée »."""


class Level(enum.StrEnum):
    """The readiness levels, in order."""

    DOCUMENTED = "documentee"
    TESTED = "experimentee"
    REPRODUCED = "reproduite"
    SPREAD = "essaimee"


LEVEL_LABELS: dict[Level, str] = {
    Level.DOCUMENTED: "documentée", Level.TESTED: "expérimentée",
    Level.REPRODUCED: "reproduite", Level.SPREAD: "essaimée",
}
"""The French name of each level (lower case, as in a sentence: « recette reproduite »)."""
UNDOCUMENTED_LABEL = "à documenter"
"""What a recipe below the first level is called (badge, search filter)."""
LEVEL_MEANINGS: dict[Level, str] = {
    Level.DOCUMENTED: "toutes les sections sont écrites",
    Level.TESTED: "des résultats datés ou des indicateurs d’utilité sociale",
    Level.REPRODUCED: "refaite au moins une fois sur un autre territoire",
    Level.SPREAD: f"refaite sur {SPREAD_TERRITORIES} autres territoires ou plus",
}
"""What each level asks, in a few words (the legend of the badge)."""
ORDER = tuple(Level)


@dataclass(frozen=True)
class Readiness:
    """A recipe's level (None: not yet documented), why it has it (``reasons``), the other
    territories its reproductions count in (canonical ids, first reproduction first), the next
    level (None at the top) and what is missing to reach it (``missing``)."""

    level: Level | None
    reasons: tuple[str, ...]
    territories: tuple[str, ...]
    next: Level | None
    missing: tuple[str, ...]

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level] if self.level is not None else UNDOCUMENTED_LABEL

    @property
    def rank(self) -> int:
        """0 below the first level, then 1 to 4."""
        return ORDER.index(self.level) + 1 if self.level is not None else 0


@dataclass(frozen=True)
class Missing:
    """Something a good recipe has and this one lacks: ``key`` (the metadata key or section id
    to fill), ``what`` (French, for contributors) and ``how`` (the fix)."""

    key: str
    what: str
    how: str


def readiness(meta: Recipe, sections: Mapping[str, Section], reports: Sequence[Reproduction],
              territories: Territories) -> Readiness:
    """The level of the recipe ``meta`` with its ``sections``, given its valid reproduction
    ``reports`` (in any order) and the territories they are read with."""
    reasons: list[str] = []
    unwritten = _unwritten(meta, sections)
    counted: dict[str, list[Reproduction]] = {}
    for report in sorted(reports, key=lambda r: (r.date, r.territory.place)):
        place = other_territory(territories, meta.territory.place, report.territory.place)
        if place is None:
            continue
        chain = {t.id for t in territories.ancestors(place)}
        nested = next((q for q in counted if q in chain or place in {t.id for t in territories.ancestors(q)}), None)
        counted.setdefault(nested or place, []).append(report)
    names = [territories[place].label for place in counted]
    if unwritten:
        return Readiness(None, (), tuple(counted), Level.DOCUMENTED,
                         (f"écrire {and_list(unwritten)}",))
    reasons.append("toutes les sections sont écrites")
    results = _results(meta, reports)
    if not results:
        return Readiness(Level.DOCUMENTED, tuple(reasons), tuple(counted), Level.TESTED,
                         (f"ajouter un indicateur d’utilité sociale (impact{NBSP}: nom, valeur, unité, date, source)"
                          ", ou l’année de démarrage (started) avec une source datée qui en parle, ou le compte "
                          "rendu d’une reproduction",))
    reasons += results
    if not counted:
        return Readiness(Level.TESTED, tuple(reasons), (), Level.REPRODUCED,
                         ("publier le compte rendu d’une reproduction sur un autre territoire "
                          "(reproductions/<identifiant>.md)",))
    reasons.append(f"reproduite {_in_places(names)}")
    if len(counted) < SPREAD_TERRITORIES:
        more = SPREAD_TERRITORIES - len(counted)
        todo = ("publier le compte rendu d’une reproduction sur un autre territoire encore" if more == 1
                else f"publier les comptes rendus de reproductions sur {more} autres territoires encore")
        return Readiness(Level.REPRODUCED, tuple(reasons), tuple(counted), Level.SPREAD, (todo,))
    return Readiness(Level.SPREAD, tuple(reasons), tuple(counted), None, ())


def _unwritten(meta: Recipe, sections: Mapping[str, Section]) -> list[str]:
    """The required sections not written (absent, without an item, or still « À compléter »)."""
    missing = [f"«{NBSP}{kind.title}{NBSP}»" for kind in SECTIONS if kind.required
               and not _written(sections.get(kind.id))]
    if meta.summary.startswith(PLACEHOLDER):
        missing.insert(0, "le résumé")
    return missing


def _written(section: Section | None) -> bool:
    if section is None or not section.items:
        return False
    return not section.intro.startswith(PLACEHOLDER) and not any(
        item.title.startswith(PLACEHOLDER) for item in section.items)


def _results(meta: Recipe, reports: Sequence[Reproduction]) -> list[str]:
    """Why the recipe counts as tried: its indicators, its dated start, its reproductions."""
    found: list[str] = []
    if meta.impact:
        found.append(plural(len(meta.impact), "indicateur") + " d’utilité sociale")
    dated = next((source for source in meta.all_sources if source.date), None)
    if meta.started is not None and dated is not None and dated.date is not None:
        found.append(f"démarrée en {meta.started}, selon une source datée ({french_date(dated.date)})")
    if reports:
        found.append(f"{len(reports)} {agree(len(reports), 'compte rendu', 'comptes rendus')} de reproduction")
    return found


def _in_places(names: list[str]) -> str:
    """« à Lannion », « à Lannion, à Rennes et à Vannes »."""
    return and_list([f"à {name}" for name in names])


def completeness(meta: Recipe, sections: Mapping[str, Section], level: Readiness) -> list[Missing]:
    """What the recipe lacks, for its next level first, then for a good recipe: who wrote it
    and from what (sources), its context, who carries it (holders), its start, its resources
    (people, budget, duration) and its impact. Empty when nothing is missing."""
    out = [Missing("level", f"pour être «{NBSP}{LEVEL_LABELS[level.next]}{NBSP}»", what)
           for what in level.missing if level.next is not None]
    if not meta.all_sources:
        out.append(Missing("sources", "aucune source", "citez les publications d’où viennent les faits "
                           f"(sources{NBSP}: titre, adresse, date, licence)"))
    if "context" not in sections:
        out.append(Missing("context", "pas de section de contexte",
                           "racontez pourquoi l’innovation est née, où et avec qui (section facultative, en tête)"))
    if not meta.holders:
        out.append(Missing("holders", "personne à contacter", f"nommez qui porte le projet (holders{NBSP}: une "
                           "fiche d’ambassadeur·rice, avec son accord)"))
    if meta.started is None:
        out.append(Missing("started", "année de démarrage inconnue", "indiquez l’année (started)"))
    resources = meta.resources
    lacking = [] if resources is not None and resources.people else ["les personnes mobilisées"]
    lacking += [] if resources is not None and resources.budget else ["le budget"]
    lacking += [] if resources is not None and resources.duration else ["la durée"]
    if lacking:
        out.append(Missing("resources", f"moyens incomplets{NBSP}: {and_list(lacking)}",
                           f"décrivez les moyens (resources{NBSP}: people, budget, duration)"))
    if not meta.impact:
        out.append(Missing("impact", "aucun indicateur d’utilité sociale",
                           "ajoutez au moins un chiffre mesuré, avec sa date et sa source (impact)"))
    return out


def unknown_versions(reports: Sequence[tuple[str, Any]], known: set[str]) -> list[Problem]:
    """R261 for each report (``ReproductionEntry`` with its recipe's slug) that follows a version
    its recipe never had: neither its current version nor one of ``known`` (the versions git
    history and the declared ``changelog`` know). Only git knows every published version, so
    ``catalog.snapshots.build_catalog`` runs this when history is available."""
    problems = []
    for _, report in reports:
        meta, doc = report.meta, report.doc
        if meta is None or meta.version in known:
            continue
        line, column = doc.position(("version",)) if doc is not None else (1, 1)
        versions = ", ".join(sorted(known, key=_version_key))
        problems.append(Problem(report.shown, line, column, Code.R261,
                                f"la recette n’a jamais eu de version {meta.version}",
                                f"Ses versions publiées{NBSP}: {versions}. Indiquez celle que vous avez suivie "
                                "(elle est écrite sous le titre de la page, et dans « Historique »)."))
    return problems


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("-")[0].split("."))
