"""Licences the handbook knows: their SPDX id, the name readers see, where to read them, and
what may be combined into the handbook's own collection.

Sources: SPDX licence list (ids); Creative Commons' French deeds (``deed.fr``) and canonical
legal-code addresses (``licenses/.../``, what schema.org ``license`` expects); Creative Commons'
compatibility declarations (BY and CC0 may be included in a BY-SA 4.0 collection, BY-SA 3.0 may
be adapted under a later version, and the Licence Art Libre 1.3 was declared compatible with
BY-SA 4.0 in 2014).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    """One free licence: ``id`` (SPDX), ``name`` (shown), ``deed`` (French summary for readers),
    ``url`` (canonical address, for machines)."""

    id: str
    name: str
    deed: str
    url: str


LICENCES: dict[str, Licence] = {
    licence.id: licence
    for licence in (
        Licence("CC-BY-SA-4.0", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
                "https://creativecommons.org/licenses/by-sa/4.0/"),
        Licence("CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.fr",
                "https://creativecommons.org/licenses/by/4.0/"),
        Licence("CC0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
        Licence("CC-BY-SA-3.0", "CC BY-SA 3.0", "https://creativecommons.org/licenses/by-sa/3.0/deed.fr",
                "https://creativecommons.org/licenses/by-sa/3.0/"),
        Licence("CC-BY-3.0", "CC BY 3.0", "https://creativecommons.org/licenses/by/3.0/deed.fr",
                "https://creativecommons.org/licenses/by/3.0/"),
        Licence("LAL-1.3", "Licence Art Libre 1.3", "https://artlibre.org/licence/lal/",
                "https://artlibre.org/licence/lal/"),
    )
}
DEFAULT_LICENCE = "CC-BY-SA-4.0"
"""The licence of a recipe that names none, and of the handbook's combined collection."""

_COMPATIBLE: dict[str, frozenset[str]] = {"CC-BY-SA-4.0": frozenset(LICENCES)}


def licence(ident: str) -> Licence:
    """The known licence ``ident``, or one named by its id alone (no address) if unknown."""
    return LICENCES.get(ident) or Licence(ident, ident, "", "")


def combinable_into(collection: str) -> frozenset[str]:
    """Licence ids whose works may be included in a collection under ``collection``."""
    return _COMPATIBLE.get(collection, frozenset({collection}))
