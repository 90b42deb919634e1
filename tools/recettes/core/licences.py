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

from recettes.core.french import NBSP


@dataclass(frozen=True)
class Licence:
    """One licence: ``id`` (SPDX), ``name`` (shown), ``deed`` (French summary for readers),
    ``url`` (canonical address, for machines), and its terms — the one place that says what a
    reuser may do (``terms``, on each recipe page; ``footer``, at the bottom of it)."""

    id: str
    name: str
    deed: str
    url: str
    share_alike: bool = False
    non_commercial: bool = False
    no_derivatives: bool = False
    public_domain: bool = False
    known: bool = True

    @property
    def free(self) -> bool:
        """A free licence (reuse for any purpose, adaptations allowed): not NC, not ND."""
        return self.known and not (self.non_commercial or self.no_derivatives)

    def terms(self) -> str:
        """What a reuser may do and must do, in one French sentence."""
        if not self.known:
            return (f"Les conditions de réutilisation sont celles de la licence {self.name}{NBSP}: "
                    "lisez-la avant de copier ou d’adapter cette recette.")
        if self.public_domain:
            return ("Vous pouvez copier, adapter et republier cette recette, y compris à des fins "
                    f"commerciales, sans aucune condition{NBSP}: elle est versée au domaine public "
                    "(citer ses auteur·ices reste apprécié).")
        what = "copier et republier cette recette telle quelle" if self.no_derivatives else \
            "copier, adapter et republier cette recette"
        purpose = "à des fins non commerciales seulement" if self.non_commercial else \
            "y compris à des fins commerciales"
        conditions = ["de créditer ses auteur·ices (noms, publication d’origine et licence)"]
        if self.share_alike:
            conditions.append("de partager vos modifications sous la même licence")
        if self.no_derivatives:
            conditions.append("de ne pas en diffuser de version modifiée")
        listed = ", ".join(conditions[:-1]) + " et " + conditions[-1] if len(conditions) > 1 else conditions[0]
        return f"Vous pouvez {what}, {purpose}, à condition {listed}."

    def footer(self) -> str:
        """The licence in a few words, for the bottom of the page."""
        label = self.name if self.name.lower().startswith("licence") else f"licence {self.name}"
        if not self.known:
            return f"Cette recette{NBSP}: {label}, voir ses conditions."
        if self.public_domain:
            return f"Cette recette{NBSP}: {self.name}, domaine public, réutilisation sans condition."
        parts = ["attribution"]
        if self.share_alike:
            parts.append("partage dans les mêmes conditions")
        parts.append("pas d’utilisation commerciale" if self.non_commercial else "utilisation commerciale permise")
        if self.no_derivatives:
            parts.append("pas de modification")
        return f"Cette recette{NBSP}: {label} ({', '.join(parts)})."


def _cc(ident: str, name: str, path: str, **terms: bool) -> Licence:
    return Licence(ident, name, f"https://creativecommons.org/{path}/deed.fr",
                   f"https://creativecommons.org/{path}/", **terms)


LICENCES: dict[str, Licence] = {
    licence.id: licence
    for licence in (
        _cc("CC-BY-SA-4.0", "CC BY-SA 4.0", "licenses/by-sa/4.0", share_alike=True),
        _cc("CC-BY-4.0", "CC BY 4.0", "licenses/by/4.0"),
        _cc("CC0-1.0", "CC0 1.0", "publicdomain/zero/1.0", public_domain=True),
        _cc("CC-BY-SA-3.0", "CC BY-SA 3.0", "licenses/by-sa/3.0", share_alike=True),
        _cc("CC-BY-3.0", "CC BY 3.0", "licenses/by/3.0"),
        Licence("LAL-1.3", "Licence Art Libre 1.3", "https://artlibre.org/licence/lal/",
                "https://artlibre.org/licence/lal/", share_alike=True),
        # Not free (no commercial use, or no adaptation): published with their real terms, but
        # never included in the combined collection.
        _cc("CC-BY-NC-4.0", "CC BY-NC 4.0", "licenses/by-nc/4.0", non_commercial=True),
        _cc("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0", "licenses/by-nc-sa/4.0", non_commercial=True, share_alike=True),
        _cc("CC-BY-ND-4.0", "CC BY-ND 4.0", "licenses/by-nd/4.0", no_derivatives=True),
        _cc("CC-BY-NC-ND-4.0", "CC BY-NC-ND 4.0", "licenses/by-nc-nd/4.0", non_commercial=True, no_derivatives=True),
    )
}
DEFAULT_LICENCE = "CC-BY-SA-4.0"
"""The licence the handbook suggests to every recipe (``recettes new`` writes it), and the
licence of its combined collection. A recipe that names none is not published (R113)."""

_SHARE_ALIKE_WITH: dict[str, frozenset[str]] = {
    "CC-BY-SA-3.0": frozenset({"CC-BY-SA-4.0"}),  # 3.0 § 4(b): « a later version of this License »
    "CC-BY-SA-4.0": frozenset({"LAL-1.3"}),  # Creative Commons: FAL 1.3 is a « BY-SA Compatible License »
    "LAL-1.3": frozenset({"CC-BY-SA-4.0"}),  # Art Libre: CC BY-SA 4.0 declared compatible (2014)
}
"""Share-alike licences whose works may be adapted under another licence than their own."""
UNLICENSED = frozenset({"NOASSERTION", "NONE", ""})
"""SPDX's « no licence stated » values: a recipe holding one (or none) cannot be published."""


def licence(ident: str) -> Licence:
    """The known licence ``ident``, or one named by its id alone (no address) if unknown."""
    return LICENCES.get(ident) or Licence(ident, ident, "", "", known=False)


def stated(value: object) -> bool:
    """Whether a recipe's raw ``licence`` value states a licence (not absent, not NOASSERTION)."""
    return isinstance(value, str) and value.strip().upper() not in UNLICENSED


def may_join(work: str, collection: str) -> bool:
    """Whether a recipe under ``work`` may be part of a combined dataset offered as a whole under
    ``collection`` (the handbook's open data files and feed), read from the licences' terms.

    A dataset that gathers all the recipes is, for the 4.0 licences, « Adapted Material » when
    it takes a substantial part of the contents (CC 4.0 § 4 b), and its reusers rely on its own
    licence: that licence must not give more than each recipe's licence gives, nor ask less.

    - the collection's licence must be free (« NC » would forbid what a BY-SA recipe allows
      others to do with it, and nobody may relicense a BY-SA recipe as NC);
    - NC and ND recipes never join a free collection: it would let reusers use them
      commercially (NC) or adapt them (ND);
    - a public-domain (CC0) recipe joins any collection;
    - an attribution-only recipe (CC BY) joins any collection that requires attribution;
    - a share-alike recipe joins only a collection under its own licence, or one its terms
      allow adaptations to take (``_SHARE_ALIKE_WITH``).
    Unknown licences join nothing: the handbook cannot read their terms."""
    mine, theirs = licence(work), licence(collection)
    if not (mine.free and theirs.free):
        return False
    if mine.public_domain:
        return True
    if theirs.public_domain:
        return False  # the recipe asks for attribution; a CC0 collection would waive it
    if mine.share_alike:
        return mine.id == theirs.id or theirs.id in _SHARE_ALIKE_WITH.get(mine.id, frozenset())
    return True


def combinable_into(collection: str) -> frozenset[str]:
    """Licence ids whose works may be included in a collection under ``collection`` (``may_join``)."""
    return frozenset(ident for ident in LICENCES if may_join(ident, collection))
