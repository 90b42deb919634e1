"""Portraits croisés: the people an ambassador's page suggests meeting (« Vous pourriez aussi
rencontrer »), each with why (pure).

Each ambassador has a *profile*: the themes and territories of the recipes they carry
(``Catalog.by_ambassador``), with their own expertise and territory. Another ambassador is
suggested when they carry at least one published recipe and share with it:

- a recipe (« porte aussi : … »), worth 3;
- a territory (« même territoire : … ») or a neighbouring one (« territoire voisin : … »), worth 2;
  two territories are neighbours when one contains the other or when the smallest territory
  containing both is at most a *pays* (a commune, an intercommunalité or a pays: ``NEAR_LEVEL``),
  so Plouarzel and Brest (pays de Brest) are, Brest and Quimper (Finistère) are not;
- themes (« même thématique : … »), worth 1 each.

Highest score first, then by name (accents and case folded), then by id: the same order at every
build. Never someone whose name consent does not let the handbook publish
(``core.personal.may_publish``), nor a withdrawn consent.
"""

from __future__ import annotations

from dataclasses import dataclass

from recettes.catalog.catalog import Catalog
from recettes.core.french import NBSP, and_list, fold
from recettes.core.model import TERRITORY_LEVELS, Scope, TerritoryKind
from recettes.core.personal import may_publish

PORTRAITS = 4
"""How many people an ambassador's page suggests at most."""
NEAR_LEVEL = TERRITORY_LEVELS[TerritoryKind.PAYS]
"""The widest territory two neighbours may have as their smallest common one."""
SHOWN_THEMES = 3
"""Themes named in one reason at most (the score counts them all)."""


@dataclass(frozen=True)
class Encounter:
    """Someone to meet: the ambassador's id, the score, and the reasons in French (plain text,
    labels of the vocabulary)."""

    ident: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Profile:
    recipes: frozenset[str]
    themes: frozenset[str]
    places: frozenset[str]


def cross_portraits(catalog: Catalog, ident: str, limit: int = PORTRAITS) -> list[Encounter]:
    """The people ``ident``'s page suggests, best first (see the module's docstring)."""
    if ident not in catalog.ambassadors:
        return []
    mine = _profile(catalog, ident)
    found = []
    for other, entry in catalog.ambassadors.items():
        person = entry.meta
        if other == ident or person is None or not catalog.by_ambassador.get(other):
            continue
        if not may_publish(person, Scope.NAME):
            continue
        encounter = _compare(catalog, other, mine, _profile(catalog, other))
        if encounter is not None:
            found.append((encounter, fold(person.name)))
    found.sort(key=lambda pair: (-pair[0].score, pair[1], pair[0].ident))
    return [encounter for encounter, _ in found[:limit]]


def _profile(catalog: Catalog, ident: str) -> _Profile:
    person = catalog.ambassadors[ident].meta
    assert person is not None
    slugs = [carrier.slug for carrier in catalog.by_ambassador.get(ident, [])]
    themes = {theme for slug in slugs for theme in catalog.meta(slug).themes} | set(person.expertise)
    known = catalog.vocabulary.territories
    places = [catalog.meta(slug).territory.place for slug in slugs] + ([person.territory] if person.territory else [])
    canonical = {known.canonical(place) for place in places}
    return _Profile(frozenset(slugs), frozenset(themes & set(catalog.vocabulary.themes)),
                    frozenset(place for place in canonical if place is not None))


def _compare(catalog: Catalog, other: str, mine: _Profile, theirs: _Profile) -> Encounter | None:
    score, reasons = 0, []
    shared = sorted(mine.recipes & theirs.recipes, key=lambda slug: (fold(catalog.meta(slug).title), slug))
    if shared:
        score += 3
        reasons.append(f"porte aussi{NBSP}: " + and_list([f"«{NBSP}{catalog.meta(s).title}{NBSP}»" for s in shared]))
    place = _territory_reason(catalog, mine.places, theirs.places)
    if place is not None:
        score += 2
        reasons.append(place)
    themes = sorted(mine.themes & theirs.themes, key=lambda t: (fold(catalog.vocabulary.themes[t].label), t))
    if themes:
        score += len(themes)
        labels = [catalog.vocabulary.themes[t].label for t in themes[:SHOWN_THEMES]]
        more = len(themes) - SHOWN_THEMES
        word = "même thématique" if len(themes) == 1 else "mêmes thématiques"
        reasons.append(f"{word}{NBSP}: " + ", ".join(labels) + (f" (et {more} autre{'s' if more > 1 else ''})"
                                                                if more > 0 else ""))
    return Encounter(other, score, tuple(reasons)) if score else None


def _territory_reason(catalog: Catalog, mine: frozenset[str], theirs: frozenset[str]) -> str | None:
    """« même territoire : Brest » or « territoire voisin : Plouarzel (Pays de Brest) », for the
    closest pair of territories (same before contained before sharing a pays), by label."""
    known = catalog.vocabulary.territories
    same = sorted(mine & theirs, key=lambda p: (fold(known[p].label), p))
    if same:
        return f"même territoire{NBSP}: {known[same[0]].label}"
    best: tuple[int, str, str, str] | None = None
    for a in mine:
        chain_a = {t.id: t for t in catalog.vocabulary.ancestors(a)}
        for b in theirs:
            chain_b = catalog.vocabulary.ancestors(b)
            if a in {t.id for t in chain_b} or b in chain_a:  # one contains the other
                rank, common = 0, ""
            else:
                common_entry = next((t for t in chain_b if t.id in chain_a), None)
                if common_entry is None or TERRITORY_LEVELS[common_entry.kind] > NEAR_LEVEL:
                    continue
                rank, common = 1 + TERRITORY_LEVELS[common_entry.kind], common_entry.label
            candidate = (rank, fold(known[b].label), b, common)
            if best is None or candidate < best:
                best = candidate
    if best is None:
        return None
    _, _, place, common = best
    label = known[place].label
    return f"territoire voisin{NBSP}: {label}" + (f" ({common})" if common else "")
