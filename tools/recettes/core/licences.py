"""Licences the handbook knows: their SPDX id, the name readers see, where to read them, and
what may be combined into the handbook's own collection.

Sources: SPDX licence list (ids); Creative Commons' French deeds (``deed.fr``) and canonical
legal-code addresses (``licenses/.../``, what schema.org ``license`` expects); Creative Commons'
compatibility declarations (BY and CC0 may be included in a BY-SA 4.0 collection, BY-SA 3.0 may
be adapted under a later version, and the Licence Art Libre 1.3 was declared compatible with
BY-SA 4.0 in 2014).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recettes.core.french import NBSP, fold
from recettes.core.problems import Code, Problem, Severity


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


def may_redistribute(work: str) -> bool:
    """Whether a recipe under ``work`` may be printed and handed out as it is, each copy with its
    credits and licence (a card, a « recueil »), read from the licence's terms.

    A printed copy reproduces the recipe without adapting it (a new layout is a change of format,
    which every Creative Commons licence allows, ND included: CC 4.0 § 2 a 4), and a recueil is
    a collection of separate works, each keeping its own licence (CC 4.0 § 1 a: a collection is
    not Adapted Material). Every licence the handbook knows lets anyone share verbatim copies;
    NC ones only for non-commercial purposes, which ``print_terms`` says on the recueil. An
    unknown licence gives nothing the handbook can read: its recipes are not printed."""
    return licence(work).known


def print_terms(works: list[str]) -> str:
    """One French sentence on what a reader may do with a printed collection of recipes under
    ``works`` (licence ids): each recipe keeps its licence; any NC recipe makes the whole
    collection non-commercial (copies of it would copy that recipe)."""
    found = [licence(ident) for ident in dict.fromkeys(works)]
    text = ("Chaque recette de ce recueil reste sous sa propre licence, indiquée avec ses "
            f"crédits{NBSP}: vous pouvez copier et distribuer ce recueil en les gardant")
    restricted = sorted(known.name for known in found if known.non_commercial)
    if restricted:
        return (f"{text}, à des fins non commerciales seulement (licence{'s' if len(restricted) > 1 else ''} "
                f"{', '.join(restricted)}).")
    return f"{text}, y compris à des fins commerciales."


def combinable_into(collection: str) -> frozenset[str]:
    """Licence ids whose works may be included in a collection under ``collection`` (``may_join``)."""
    return frozenset(ident for ident in LICENCES if may_join(ident, collection))


def left_out_of(path: str, line: int, column: int, work: str, collection: str) -> Problem:
    """The warning (R090) for a recipe under ``work`` that the handbook's combined open data
    and feed, under ``collection``, leave out (``may_join``), located at its ``licence`` key:
    said by the validator and by the build in the same words."""
    reason = (f"licence «{NBSP}{work}{NBSP}» non compatible avec {licence(collection).name}{NBSP}: "
              "recette exclue des fichiers combinés")
    return Problem(path, line, column, Code.R090, reason,
                   f"Elle reste publiée dans le guide. Pour l’inclure, publiez-la sous {collection} ou une "
                   f"licence compatible ({', '.join(sorted(combinable_into(collection)))}) ; la licence des "
                   "données ouvertes est l’option « data_licence » de mkdocs.yml.", Severity.WARNING)


# Licences read from evidence (``recettes import``): what a text says, never more.
_CC_CLUE = re.compile(
    r"(?:creative[\s\u00a0-]*commons|\bCC)[\s\u00a0-]*(?P<terms>(?:BY|NC|SA|ND)(?:[\s\u00a0-]*(?:BY|NC|SA|ND))*)"
    r"(?:[\s\u00a0-]*(?:v(?:ersion)?\.?\s*)?(?P<version>[1-4]\.0))?(?![\w.])", re.IGNORECASE)
_CC_ZERO = re.compile(r"\bCC[\s\u00a0-]*(?:0|zero)(?:[\s\u00a0-]*(?P<version>1\.0))?\b", re.IGNORECASE)
_ART_LIBRE = re.compile(r"\b(?:licence\s+)?art\s+libre(?:\s+(?P<version>1\.[0-9]))?\b|\bLAL(?:[\s-]*(?P<v2>1\.[0-9]))?\b",
                        re.IGNORECASE)
_CC_DEED = re.compile(  # the long names of the legal codes: « Attribution-NonCommercial-ShareAlike 4.0 »
    r"\bAttribution(?P<long>(?:[\s-]+(?:NonCommercial|Pas\s+d’Utilisation\s+Commerciale|ShareAlike|"
    r"Partage\s+dans\s+les\s+Mêmes\s+Conditions|NoDerivatives|NoDerivs|Pas\s+de\s+Modification))*)"
    r"(?:\s+(?P<version>[1-4]\.0))?", re.IGNORECASE)
_LONG_TERMS = {"noncommercial": "NC", "pasdutilisationcommerciale": "NC", "sharealike": "SA",
               "partagedanslesmemesconditions": "SA", "noderivatives": "ND", "noderivs": "ND",
               "pasdemodification": "ND"}


@dataclass(frozen=True)
class Clue:
    """A licence stated somewhere (``text``, as written): its ``terms`` (a subset of NC, ND, SA;
    empty for CC BY; ``None`` for the public domain), the ``family`` (``CC``, ``CC0`` or ``LAL``)
    and its ``version`` when the text gives one, else None — never guessed."""

    family: str
    terms: frozenset[str]
    version: str | None
    text: str

    @property
    def name(self) -> str:
        """The licence as people write it: « CC BY-NC-SA », « CC BY-SA 4.0 », « CC0 1.0 »."""
        if self.family == "LAL":
            base = "Licence Art Libre"
        elif self.family == "CC0":
            base = "CC0"
        else:
            base = "CC " + "-".join(["BY", *[t for t in ("NC", "ND", "SA") if t in self.terms]])
        return f"{base} {self.version}" if self.version else base


def licence_clues(text: str) -> list[Clue]:
    """Every licence ``text`` states, in order (Creative Commons in short or long form, CC0,
    Licence Art Libre). A bare « Creative Commons » without terms says nothing, nor does
    « domaine public » (which tool, CC0 or a mark, is for a person to say)."""
    found: list[tuple[int, Clue]] = []
    for match in _CC_CLUE.finditer(text):
        terms = frozenset(re.findall(r"NC|SA|ND", match.group("terms").upper()))
        if "BY" not in match.group("terms").upper():
            continue
        found.append((match.start(), Clue("CC", terms, match.group("version"), match.group(0).strip())))
    for match in _CC_DEED.finditer(text):
        words = [re.sub(r"[^a-z]", "", fold(word)) for word in re.split(r"-(?=[A-Z])|\s*-\s*", match.group("long"))]
        terms = frozenset(_LONG_TERMS[w] for w in words if w in _LONG_TERMS)
        if match.group("version") or terms:
            found.append((match.start(), Clue("CC", terms, match.group("version"), match.group(0).strip())))
    for match in _CC_ZERO.finditer(text):
        found.append((match.start(), Clue("CC0", frozenset(), match.group("version"), match.group(0).strip())))
    for match in _ART_LIBRE.finditer(text):
        found.append((match.start(), Clue("LAL", frozenset({"SA"}), match.group("version") or match.group("v2"),
                                          match.group(0).strip())))
    return [clue for _, clue in sorted(found, key=lambda pair: pair[0])]


def most_restrictive(clues: list[Clue]) -> Clue | None:
    """The licence that honours every clue: the union of their terms (ND makes SA moot), its
    version only when the clues that have those terms agree on one (else None: to be asked).
    A single clue is returned as it is; none gives None."""
    if not clues:
        return None
    if len({(c.family, c.terms, c.version) for c in clues}) == 1:
        return clues[0]
    terms = frozenset().union(*(c.terms for c in clues if c.family != "CC0"))
    if "ND" in terms:
        terms -= {"SA"}
    families = {c.family for c in clues}
    family = "LAL" if families == {"LAL"} or (families <= {"LAL", "CC0"} and "LAL" in families) else \
        ("CC0" if families == {"CC0"} else "CC")
    same = [c for c in clues if c.family == family and c.terms == terms]
    versions = {c.version for c in same} if same else {c.version for c in clues}
    version = versions.pop() if len(versions) == 1 else None
    return Clue(family, terms, version, "; ".join(dict.fromkeys(c.text for c in clues)))


def spdx_id(clue: Clue, version: str | None = None) -> str | None:
    """The SPDX id of ``clue`` with its own version, else ``version`` (given by a person, never
    guessed); None when no version is known. ``CC-BY-NC-SA-4.0``, ``CC0-1.0``, ``LAL-1.3``."""
    chosen = clue.version or version
    if clue.family == "CC0":
        return "CC0-1.0"  # CC0 has only ever had version 1.0
    if chosen is None:
        return None
    if clue.family == "LAL":
        return f"LAL-{chosen}"
    return "CC-" + "-".join(["BY", *[t for t in ("NC", "ND", "SA") if t in clue.terms]]) + f"-{chosen}"
