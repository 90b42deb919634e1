"""Portraits croisés: the people an ambassador's page suggests meeting (« Vous pourriez aussi
rencontrer »), each with why (pure).

Each ambassador has a *profile*: the themes and territories of the recipes they carry
(``Catalog.by_ambassador``), with their own expertise and territory. Another ambassador is
suggested when they carry at least one published recipe and share with it:

- a recipe (« porte aussi : … »), worth 3;
- a territory (« même territoire : … ») or a neighbouring one (« territoire voisin : … »), worth 2;
  two territories are neighbours when the smallest territory containing both (one of them, if
  one contains the other) is at most a *pays* (a commune, an intercommunalité or a pays:
  ``NEAR_LEVEL``), so Plouarzel and Brest (pays de Brest) are, Brest and Quimper (Finistère) are
  not, nor a région and its communes;
- themes (« même thématique : … »), worth 1 each.

Highest score first, then by name (accents and case folded), then by id: the same order at every
build. Never someone whose name consent does not let the handbook publish
(``core.personal.may_publish``), nor a withdrawn consent.
"""

from __future__ import annotations

from dataclasses import dataclass

from recettes.catalog.catalog import Catalog
from recettes.core import memo
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
    near: frozenset[str]  # the places and what contains them, up to a pays


@dataclass
class _People:
    """Every ambassador's profile and who shares what, made once per catalog: the pages of
    every ambassador then cost one pass over the few people each one shares something with
    (measured with ``benchmarks/validate.py``'s repositories: 1,000 recipes and 200 ambassadors,
    0.95 s for all pages when each profile was made per pair, 0.11 s so; 2,000 recipes and 1,000
    ambassadors, 1.6 s)."""

    profiles: dict[str, _Profile]
    sharing: dict[str, dict[str, list[str]]]  # "recipe", "theme", "near" -> value -> ambassadors
    names: dict[str, str]  # folded names of those who may be suggested


_PEOPLE: dict[str, _People] = {}
memo.register(_PEOPLE.clear)


def cross_portraits(catalog: Catalog, ident: str, limit: int = PORTRAITS) -> list[Encounter]:
    """The people ``ident``'s page suggests, best first (see the module's docstring)."""
    if ident not in catalog.ambassadors:
        return []
    people = _people(catalog)
    mine = people.profiles[ident]
    candidates: set[str] = set()
    for kind, values in (("recipe", mine.recipes), ("theme", mine.themes), ("near", mine.near)):
        for value in values:
            candidates.update(people.sharing[kind].get(value, ()))
    scored = []
    for other in candidates - {ident}:
        theirs = people.profiles[other]
        score = 3 * bool(mine.recipes & theirs.recipes) + 2 * bool(mine.near & theirs.near) \
            + len(mine.themes & theirs.themes)
        if score:
            scored.append((-score, people.names[other], other))
    scored.sort()
    return [_encounter(catalog, other, -negative, mine, people.profiles[other])
            for negative, _, other in scored[:limit]]


def _people(catalog: Catalog) -> _People:
    key = catalog.digest()
    found = _PEOPLE.get(key)
    if found is None:
        _PEOPLE.clear()
        profiles = {ident: _profile(catalog, ident) for ident in catalog.ambassadors}
        names = {}
        sharing: dict[str, dict[str, list[str]]] = {"recipe": {}, "theme": {}, "near": {}}
        for ident, entry in catalog.ambassadors.items():
            person = entry.meta
            if person is None or not catalog.by_ambassador.get(ident) or not may_publish(person, Scope.NAME):
                continue  # never suggested: nothing carried, or a name that is not published
            names[ident] = fold(person.name)
            profile = profiles[ident]
            for kind, values in (("recipe", profile.recipes), ("theme", profile.themes), ("near", profile.near)):
                for value in values:
                    sharing[kind].setdefault(value, []).append(ident)
        found = _PEOPLE[key] = _People(profiles, sharing, names)
    return found


def _profile(catalog: Catalog, ident: str) -> _Profile:
    person = catalog.ambassadors[ident].meta
    assert person is not None
    slugs = [carrier.slug for carrier in catalog.by_ambassador.get(ident, [])]
    themes = {theme for slug in slugs for theme in catalog.meta(slug).themes} | set(person.expertise)
    known = catalog.vocabulary.territories
    places = [catalog.meta(slug).territory.place for slug in slugs] + ([person.territory] if person.territory else [])
    canonical = {place for place in (known.canonical(p) for p in places) if place is not None}
    near = {t.id for place in canonical for t in catalog.vocabulary.ancestors(place)
            if TERRITORY_LEVELS[t.kind] <= NEAR_LEVEL}
    return _Profile(frozenset(slugs), frozenset(themes & set(catalog.vocabulary.themes)), frozenset(canonical),
                    frozenset(near))


def _encounter(catalog: Catalog, other: str, score: int, mine: _Profile, theirs: _Profile) -> Encounter:
    """The reasons, in French, of a suggestion already scored."""
    reasons = []
    shared = sorted(mine.recipes & theirs.recipes, key=lambda slug: (fold(catalog.meta(slug).title), slug))
    if shared:
        reasons.append(f"porte aussi{NBSP}: " + and_list([f"«{NBSP}{catalog.meta(s).title}{NBSP}»" for s in shared]))
    if mine.near & theirs.near:
        reasons.append(_territory_reason(catalog, mine.places, theirs.places))
    themes = sorted(mine.themes & theirs.themes, key=lambda t: (fold(catalog.vocabulary.themes[t].label), t))
    if themes:
        labels = [catalog.vocabulary.themes[t].label for t in themes[:SHOWN_THEMES]]
        more = len(themes) - SHOWN_THEMES
        word = "même thématique" if len(themes) == 1 else "mêmes thématiques"
        reasons.append(f"{word}{NBSP}: " + ", ".join(labels) + (f" (et {more} autre{'s' if more > 1 else ''})"
                                                                if more > 0 else ""))
    return Encounter(other, score, tuple(reasons))


def _territory_reason(catalog: Catalog, mine: frozenset[str], theirs: frozenset[str]) -> str:
    """« même territoire : Brest » or « territoire voisin : Plouarzel (Pays de Brest) », for the
    closest pair of territories (the same one up to a pays, smallest first; then the smallest
    common territory, by label); called for profiles that share a territory up to a pays."""
    known = catalog.vocabulary.territories
    same = sorted((p for p in mine & theirs if TERRITORY_LEVELS[known[p].kind] <= NEAR_LEVEL),
                  key=lambda p: (TERRITORY_LEVELS[known[p].kind], fold(known[p].label), p))
    if same:
        return f"même territoire{NBSP}: {known[same[0]].label}"
    best: tuple[int, str, str, str] | None = None
    for a in mine:
        chain_a = {t.id for t in catalog.vocabulary.ancestors(a)}
        for b in theirs:
            chain_b = catalog.vocabulary.ancestors(b)
            common = next((t for t in chain_b if t.id in chain_a), None)
            if common is None or TERRITORY_LEVELS[common.kind] > NEAR_LEVEL:
                continue
            around = "" if common.id in (a, b) else common.label  # one contains the other: no parenthesis
            candidate = (TERRITORY_LEVELS[common.kind], fold(known[b].label), b, around)
            if best is None or candidate < best:
                best = candidate
    assert best is not None  # the profiles share a territory up to a pays
    _, _, place, around = best
    return f"territoire voisin{NBSP}: {known[place].label}" + (f" ({around})" if around else "")
