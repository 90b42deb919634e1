"""Territories: the hand-made entries of ``territories.yml`` and every official French place.

``Territories`` is the ``dict`` of the hand-made entries by id (what iterating, ``len`` and
``repr`` see, so merging and caching keep working), whose lookups (``get``, ``[]``, ``in``) also
resolve official places written as codes (``commune:29019``, ``epci:242900314``,
``departement:29``, ``region:53``, see ``core/placecodes.py``) or as their page ids
(``commune-29019``). A hand-made entry that claims a code (``code: commune:29019``) stands for
that place: its id, label and position win, so ``brest`` and ``commune:29019`` are one
territory with one page.

Containment (``ancestors``) comes from the official data (commune → EPCI → département →
région), from the network's groupings (``kind: pays`` with ``members:`` EPCIs or communes: a
commune of a member EPCI is in the pays) and from the ``parent`` of hand-made entries without a
code. Official entries are made on demand, so a handbook pays only for the places it names.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

from recettes.core.french import NBSP, and_list, did_you_mean, fold
from recettes.core.model import (
    TERRITORY_KIND_LABELS,
    TERRITORY_LEVELS,
    TerritoryEntry,
    TerritoryKind,
)
from recettes.core.placecodes import official_reference, page_id, written
from recettes.core.problems import Code
from recettes.read.official import OfficialPlace, official_data

MAX_LISTED = 8
"""Homonyms and suggestions shown in one hint; the count of the others follows."""


class Territories(dict[str, TerritoryEntry]):
    """Hand-made territories by id; lookups also resolve official places (see the module)."""

    def __init__(self, entries: Mapping[str, TerritoryEntry] | Iterable[tuple[str, TerritoryEntry]] = ()) -> None:
        super().__init__(entries)
        self._memo: dict[tuple[str, str], Any] = {}

    # Any change of the hand-made entries forgets what was derived from them.
    def __setitem__(self, key: str, value: TerritoryEntry) -> None:
        self._memo.clear()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._memo.clear()
        super().__delitem__(key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._memo.clear()
        super().update(*args, **kwargs)

    def clear(self) -> None:
        self._memo.clear()
        super().clear()

    def pop(self, *args: Any) -> Any:
        self._memo.clear()
        return super().pop(*args)

    def setdefault(self, key: str, default: TerritoryEntry) -> TerritoryEntry:
        self._memo.clear()
        return super().setdefault(key, default)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (worker processes) without the memo
        return (Territories, (dict(self),))

    def __getitem__(self, key: str) -> TerritoryEntry:
        found: TerritoryEntry | None = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def is_local(self, key: str) -> bool:
        """``key`` is the id of a hand-made entry (``in`` also finds official places)."""
        return dict.__contains__(self, key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def get(self, key: str, default: Any = None) -> Any:
        """The entry named by a hand-made id, an official code or an official page id."""
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        if not isinstance(key, str):
            return default
        return self._remember("entry", key, lambda: self._official_entry(key)) or default

    # Official places ----------------------------------------------------------------------------

    def _claims(self) -> dict[str, str]:
        """Written code → id of the hand-made entry that claims it."""
        def build() -> dict[str, str]:
            claims: dict[str, str] = {}
            for entry in self.values():
                place = self.official_place(entry.code) if entry.code else None
                if place is not None:  # a former commune's code claims the commune now
                    claims.setdefault(place.ref, entry.id)
            return claims
        return self._remember("claims", "", build)  # type: ignore[no-any-return]

    def _official_entry(self, key: str) -> TerritoryEntry | None:
        place = self.official_place(key)
        if place is None:
            return None
        claimed = self._claims().get(place.ref)
        if claimed is not None:
            return dict.__getitem__(self, claimed)
        return TerritoryEntry.model_construct(id=page_id(place.kind, place.code), label=place.name,
                                              kind=TerritoryKind(place.kind), parent=None, code=place.ref,
                                              members=[], location=None)

    def official_place(self, key: str) -> OfficialPlace | None:
        """The official place a reference names (a former commune code: the commune now), or None."""
        parsed = official_reference(key)
        if parsed is None:
            return None
        data = official_data()
        place = data.get(written(*parsed))
        if place is None and parsed[0] == "commune" and parsed[1] in data.former:
            place = data.get(data.former[parsed[1]])
        return place

    def former_code(self, key: str) -> str | None:
        """The written code of the commune that absorbed the former commune ``key``, or None."""
        parsed = official_reference(key)
        if parsed is None or parsed[0] != "commune":
            return None
        data = official_data()
        return data.former.get(parsed[1]) if data.get(written(*parsed)) is None else None

    def canonical(self, key: str) -> str | None:
        """The id of the territory ``key`` names (its page name), or None."""
        entry = self.get(key)
        return entry.id if entry is not None else None

    # Containment --------------------------------------------------------------------------------

    def groupings(self) -> dict[str, list[str]]:
        """Id of a member (resolved) → ids of the groupings that list it."""
        def build() -> dict[str, list[str]]:
            found: dict[str, list[str]] = {}
            for entry in self.values():
                for member in entry.members:
                    ident = self.canonical(member)
                    if ident is not None and entry.id not in found.get(ident, []):
                        found.setdefault(ident, []).append(entry.id)
            return found
        return self._remember("groupings", "", build)  # type: ignore[no-any-return]

    def _plain_parents(self, entry: TerritoryEntry) -> list[str]:
        """Enclosing territories from the official data and ``parent`` (groupings left out)."""
        parents: list[str] = []
        if entry.code:
            place = self.official_place(entry.code)
            parents += [p for p in (self.canonical(ref) for ref in (place.parents if place else ())) if p]
        if entry.parent:
            parents.append(entry.parent)
        return parents

    def _closure(self, entry: TerritoryEntry, with_groupings: bool) -> list[TerritoryEntry]:
        seen = {entry.id: entry}
        queue = deque([entry])
        while queue:
            current = queue.popleft()
            for ident in self.parents(current) if with_groupings else self._plain_parents(current):
                if ident not in seen and (found := self.get(ident)) is not None:
                    seen[ident] = found
                    queue.append(found)
        del seen[entry.id]
        return sorted(seen.values(), key=lambda t: (TERRITORY_LEVELS[t.kind], fold(t.label), t.id))

    def parents(self, entry: TerritoryEntry) -> list[str]:
        """Ids of the territories directly around ``entry``: official ones, its ``parent``, the
        groupings that list it; a grouping without ``parent`` is in what holds all its members."""
        def build() -> list[str]:
            parents = self._plain_parents(entry)
            parents += self.groupings().get(entry.id, [])
            if entry.members and not entry.parent:
                level = TERRITORY_LEVELS[entry.kind]
                common: set[str] | None = None
                for member in entry.members:
                    found = self.get(member)
                    if found is None:
                        continue
                    wider = {t.id for t in self._closure(found, False) if TERRITORY_LEVELS[t.kind] > level}
                    common = wider if common is None else common & wider
                parents += sorted(common or ())
            return list(dict.fromkeys(p for p in parents if p != entry.id))
        return self._remember("parents", entry.id, build)  # type: ignore[no-any-return]

    def ancestors(self, place: str) -> list[TerritoryEntry]:
        """The territory and every territory around it, innermost first (commune, EPCI, pays,
        département, région; by name within a level); [] for an unknown place."""
        def build() -> list[TerritoryEntry]:
            entry = self.get(place)
            if entry is None:
                return []
            around = self._closure(entry, True)
            # A commune is in its own département only, though its EPCI (the Métropole du Grand
            # Paris, a few rural ones) may reach into others: a département given directly wins.
            own = [p for p in self._plain_parents(entry)
                   if (found := self.get(p)) is not None and found.kind is TerritoryKind.DEPARTEMENT]
            if own:
                wider = {t.id for d in own for t in self.ancestors(d)}
                around = [t for t in around if t.id in wider
                          or t.kind not in (TerritoryKind.DEPARTEMENT, TerritoryKind.REGION)]
            return [entry, *around]
        return list(self._remember("ancestors", place, build))

    # Finding a territory by name --------------------------------------------------------------

    def search(self, text: str, count: int = 20) -> list[TerritoryEntry]:
        """Territories for a person typing ``text`` (a name, an id or a code), best first: the
        hand-made ones whose name or id contains it, then official places (``official.search``)."""
        wanted = fold(text.strip())
        if not wanted:
            return []
        exact = self.get(text.strip())
        found = [exact] if exact is not None else []
        found += [t for t in self.values() if wanted in fold(t.label) or wanted in t.id]
        if len(found) < count and len(wanted) >= 2:
            found += [e for e in (self.get(p.ref) for p in official_data().search(text, count)) if e]
        return list({t.id: t for t in found}.values())[:count]

    def describe(self, entry: TerritoryEntry) -> str:
        """``Plougonvelin (commune, Finistère)``: a name with its kind and where it is."""
        wide = (TerritoryKind.DEPARTEMENT, TerritoryKind.REGION)
        around = [t for t in self.ancestors(entry.id)[1:] if t.kind in wide and t.kind is not entry.kind]
        where = f", {and_list([t.label for t in around if t.kind is around[0].kind])}" if around else ""
        return f"{entry.label} ({TERRITORY_KIND_LABELS[entry.kind.value].lower()}{where})"

    def reference(self, entry: TerritoryEntry) -> str:
        """How to write ``entry`` in a recipe: its hand-made id, or its official code."""
        return entry.id if self.is_local(entry.id) else (entry.code or entry.id)

    def suggest(self, value: str, count: int = 3) -> list[str]:
        """References close to ``value``: hand-made ids by id or name, then official places by
        name (same name first, then misspelt)."""
        found = did_you_mean(value, {t.id: t.label for t in self.values()}, count=count)
        data = official_data()
        places = data.named(value) or data.close_names(value, count)
        found += [self.reference(e) for e in (self.get(p.ref) for p in places) if e]
        return list(dict.fromkeys(found))[:count]

    def unknown(self, value: str) -> tuple[Code, str, str]:
        """Why ``value`` names no territory, and how to fix it: ``(code, message, hint)``.

        R241 for an official code that does not exist (a postcode written as a commune code is
        recognised), R240 for a name several places bear (each listed with where it is), R014
        otherwise, with the closest names."""
        data = official_data()
        parsed = official_reference(value)
        if parsed is not None:
            kind, code = parsed
            hint = f"Vérifiez le code dans le Code officiel géographique de l’INSEE ({_KIND_CODE[kind]})."
            if kind == "commune" and code in data.by_postcode:
                named = [self.get(r) for r in data.by_postcode[code]]
                hint = (f"{code} est un code postal{NBSP}; une commune se désigne par son code INSEE, "
                        f"souvent différent{NBSP}: {self._listing([e for e in named if e])}.")
            return Code.R241, f"code officiel « {value} » inconnu", hint
        homonyms = [e for e in (self.get(p.ref) for p in data.named(value)) if e]
        homonyms += [t for t in self.values() if fold(t.label) == fold(value) and t not in homonyms]
        if len(homonyms) > 1:
            return (Code.R240, f"« {value} » désigne {len(homonyms)} territoires",
                    f"Écrivez le code de celui que vous voulez{NBSP}: {self._listing(homonyms)}.")
        if len(homonyms) == 1:
            return (Code.R014, f"territoire « {value} » inconnu", f"Écrivez {self._listing(homonyms)}.")
        close = self.suggest(value)
        if close:
            return (Code.R014, f"territoire « {value} » inconnu",
                    "Vouliez-vous dire " + " ou ".join(self._listing([self[c]]) for c in close)
                    + f"{NBSP}? Toute commune de France s’écrit aussi par son code INSEE{NBSP}: "
                    "commune:29190.")
        return (Code.R014, f"territoire « {value} » inconnu",
                "Écrivez l’identifiant d’un territoire de schema/vocabularies/territories.yml ou le code "
                "officiel d’une commune, d’une intercommunalité, d’un département ou d’une région"
                f"{NBSP}: commune:29190 (code INSEE), epci:242900314 (SIREN), departement:29, region:53.")

    def _listing(self, entries: list[TerritoryEntry]) -> str:
        shown = [f"« {self.reference(e)} » pour {self.describe(e)}" for e in entries[:MAX_LISTED]]
        more = len(entries) - len(shown)
        return ", ".join(shown) + (f" et {more} autres" if more > 0 else "")

    def _remember(self, kind: str, key: str, build: Any) -> Any:
        try:
            return self._memo[(kind, key)]
        except KeyError:
            value = self._memo[(kind, key)] = build()
            return value


_KIND_CODE = {"commune": "code INSEE à cinq caractères, 29019 pour Brest",
              "epci": "numéro SIREN à neuf chiffres",
              "departement": "29, 2A, 971…", "region": "53 pour la Bretagne"}
