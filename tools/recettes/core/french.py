"""French for what readers see and how they type: plurals and agreement (inclusive forms too),
numbers, no-break spaces, accent-insensitive comparison (``fold``), addresses made from titles
(``slugify``) and « Vouliez-vous dire » suggestions (``did_you_mean``).

Rules: Imprimerie nationale's typography (no-break space before « : » and inside « », narrow
no-break space before ; ! ? and between thousands); singular for 0 and 1, as French does.
"""

from __future__ import annotations

import difflib
import errno
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date

NBSP = "\u00a0"  # no-break space: before « : » and inside « guillemets »
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and between thousands
SLUG_MAX = 80


_BREAKABLE = re.compile(r"[ \t\r\n\f\v\u2028\u2029\x85]+")


def one_line(text: str) -> str:
    """Text on one line: runs of ordinary spaces and line breaks become one space; no-break
    spaces (typography: « guillemets », before : ; ! ?) are kept, unlike ``" ".join(text.split())``."""
    return _BREAKABLE.sub(" ", text).strip(" ")


def agree(count: int, one: str, many: str) -> str:
    """The word form that agrees with ``count``: ``one`` for 0 and 1, ``many`` above."""
    return many if count > 1 else one


def and_list(items: list[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``: a French enumeration ("" for none)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def plural(count: int, word: str) -> str:
    """``3 recettes``, ``2 ambassadeur·rices``, ``1 fiche``, ``0 erreur``."""
    many = word.replace("·rice", "·rices") if word.endswith("·rice") else word + "s"
    return f"{count} {agree(count, word, many)}"


def number(value: float) -> str:
    """``12\u202f000`` or ``2,5``: French thousands and decimal separators."""
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", NNBSP)
    return f"{value:,}".replace(",", NNBSP).replace(".", ",")


def fold(text: str) -> str:
    """Accents, case and Unicode form removed: ``Économie`` and ``economie`` fold the same."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(text: str, default: str = "recette") -> str:
    """An address made from a title: ``Café réparation !`` → ``cafe-reparation`` (≤ 80 characters)."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:SLUG_MAX].rstrip("-") or default


def did_you_mean(value: str, candidates: Iterable[str] | Mapping[str, str], *, count: int = 1,
                 cutoff: float = 0.6) -> list[str]:
    """The candidates closest to ``value``, ignoring accents and case, best first.

    ``candidates`` are identifiers, or a mapping identifier -> label where the label counts
    too (``economie`` finds ``economie-circulaire`` by its label « Économie circulaire »).
    """
    labels = dict(candidates) if isinstance(candidates, Mapping) else {c: c for c in candidates}
    folded = {fold(key): key for key in sorted(labels)} | {fold(label): key for key, label in labels.items()}
    found: list[str] = []
    for match in difflib.get_close_matches(fold(value), list(folded), n=count + 2, cutoff=cutoff):
        if folded[match] not in found:
            found.append(folded[match])
    return found[:count]


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def french_date(value: date | str) -> str:
    """A date as French readers write it: « 1er mars 2025 », « 22 novembre 2026 ».

    Also takes the partial dates of the metadata (``AAAA``, ``AAAA-MM``, ``AAAA-MM-JJ``):
    « 2016 », « mai 2016 ». No locale is involved. Times are left out (a datetime gives the
    day of its own time zone).
    """
    if isinstance(value, str):
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return f"{MONTHS[parts[1] - 1]} {parts[0]}"
        value = date(*parts[:3])
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


_OS_REASONS = {
    errno.EACCES: "accès refusé", errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable", errno.ENOTDIR: "un élément du chemin n’est pas un dossier",
    errno.EISDIR: "c’est un dossier", errno.EEXIST: "existe déjà", errno.ENOSPC: "disque plein",
    errno.EROFS: "système de fichiers en lecture seule", errno.ELOOP: "trop de liens symboliques",
    errno.ENAMETOOLONG: "nom trop long", errno.EMFILE: "trop de fichiers ouverts", errno.EIO: "erreur du disque",
    errno.EDQUOT: "quota de disque dépassé", errno.ENOTEMPTY: "dossier non vide", errno.EBUSY: "ressource occupée",
}


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in French: the operating system's own words (``strerror``)
    are English. By ``errno``; an unlisted one is named by its code (« erreur système EXDEV »)."""
    if error.errno in _OS_REASONS:
        return _OS_REASONS[error.errno]
    name = errno.errorcode.get(error.errno) if error.errno is not None else None
    return f"erreur système {name}" if name else "erreur système"
