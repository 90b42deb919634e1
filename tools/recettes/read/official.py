"""Every French commune, EPCI, département and région, from the extract shipped in the package.

``data/territoires-fr.tsv.gz`` is made by ``tools/scripts/extract_territories.py`` from the npm
package ``@etalab/decoupage-administratif`` at a pinned version (its header names the version;
data under the Licence Ouverte 2.0 of Etalab); a test checks that it matches the package. It is
read once per process, on the first question about an official place (``official_data()``):
0.4 MB on disk, about 0.1 s to load (``benchmarks/territories.py``; the name index is built on
the first search), nothing when every recipe
names a hand-made territory without a code. A ``pip install`` user has the data without npm.

Names are searched folded (accents, case and punctuation ignored: « Plougonvelin »,
``plougonvelin``, « PLOUGONVELIN » are one name), with ``rapidfuzz`` for misspellings: over
35,000 names, a fuzzy search takes milliseconds where ``difflib`` takes about a second.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from rapidfuzz import fuzz, process

from recettes.core.french import fold
from recettes.core.placecodes import written

EXTRACT = Path(__file__).parent / "data" / "territoires-fr.tsv.gz"
SOURCE = "@etalab/decoupage-administratif"


@dataclass(frozen=True, slots=True)
class OfficialPlace:
    """One official place. ``parents`` are written codes (``departement:29``), innermost first."""

    kind: str
    code: str
    name: str
    parents: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        """The written code: ``commune:29019``."""
        return written(self.kind, self.code)


def name_key(text: str) -> str:
    """A name as searched: folded, punctuation as spaces (``Saint-Denis`` → ``saint denis``)."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


@dataclass
class OfficialData:
    """The official places by written code, the former commune codes, and name and postcode indexes."""

    version: str = ""
    places: dict[str, OfficialPlace] = field(default_factory=dict)
    former: dict[str, str] = field(default_factory=dict)
    """A former commune code (merged into another) → the written code of the current commune."""

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        """Folded name → written codes, built on the first search (a third of the load time)."""
        names: dict[str, list[str]] = defaultdict(list)
        for ref, place in self.places.items():
            names[name_key(place.name)].append(ref)
        return dict(names)

    @cached_property
    def by_postcode(self) -> dict[str, list[str]]:
        """Postcode → written codes of the communes it serves."""
        codes: dict[str, list[str]] = defaultdict(list)
        for ref, place in self.places.items():
            for postcode in place.postcodes:
                codes[postcode].append(ref)
        return dict(codes)

    def get(self, ref: str) -> OfficialPlace | None:
        return self.places.get(ref)

    def named(self, text: str) -> list[OfficialPlace]:
        """Every place of exactly this name (folded), widest first: homonyms included."""
        return [self.places[r] for r in self.by_name.get(name_key(text), [])]

    def close_names(self, text: str, count: int = 5) -> list[OfficialPlace]:
        """Places whose name is close to ``text`` (misspelt, partial), best first."""
        wanted = name_key(text)
        if not wanted:
            return []
        found: list[OfficialPlace] = []
        for name, _score, _index in process.extract(wanted, list(self.by_name), scorer=fuzz.ratio,
                                                    limit=count, score_cutoff=75):
            found += [self.places[r] for r in self.by_name[name]]
        return found[:count]

    def search(self, text: str, count: int = 20) -> list[OfficialPlace]:
        """Places for a person typing ``text``: same name first, then names starting with it,
        then close names; communes before wider places of the same name."""
        wanted = name_key(text)
        if not wanted:
            return []
        found = list(self.named(text))
        if len(found) < count:
            starting = sorted(n for n in self.by_name if n.startswith(wanted) and n != wanted)
            for name in starting[: count * 2]:
                found += [self.places[r] for r in self.by_name[name]]
        if len(found) < count:
            found += [p for p in self.close_names(text, count) if p not in found]
        return found[:count]


def load_official(path: Path = EXTRACT) -> OfficialData:
    """Read an extract (see ``tools/scripts/extract_territories.py`` for its lines).

    Raises OSError when the file cannot be read (an installation fault, not a content problem)."""
    data = OfficialData()
    epci_departements: dict[str, set[str]] = defaultdict(set)
    epcis: list[list[str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            tag = fields[0]
            if tag == "# version":
                data.version = fields[1]
            elif tag == "r":
                _add(data, OfficialPlace("region", fields[1], fields[2]))
            elif tag == "d":
                _add(data, OfficialPlace("departement", fields[1], fields[2], (written("region", fields[3]),)))
            elif tag == "e":
                epcis.append(fields)
            elif tag == "c":
                code, name, departement, epci, postcodes = fields[1:6]
                if epci:
                    epci_departements[epci].add(departement)
                parents = ((written("epci", epci),) if epci else ()) + (written("departement", departement),)
                _add(data, OfficialPlace("commune", code, name, parents, tuple(postcodes.split())))
            elif tag == "o":
                data.former[fields[1]] = written("commune", fields[2])
    for fields in epcis:
        # An EPCI lies in the départements of its communes (a few span two).
        parents = tuple(written("departement", d) for d in sorted(epci_departements.get(fields[1], ())))
        _add(data, OfficialPlace("epci", fields[1], fields[2], parents))
    return data


def _add(data: OfficialData, place: OfficialPlace) -> None:
    data.places[place.ref] = place


@cache
def official_data() -> OfficialData:
    """The shipped extract, read once per process."""
    return load_official(EXTRACT)
