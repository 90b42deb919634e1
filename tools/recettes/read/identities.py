"""Identities: which git e-mail addresses belong to which ambassador (``git-identities.yml``).

A git author's name and e-mail are whatever the committer typed: anyone can commit as
« Michel Briand ». The handbook therefore links a git contributor to an ambassador's profile
only when the contributor's e-mail (after ``.mailmap``) is listed for that ambassador in
``git-identities.yml``, at the repository's root. The file is maintainer-owned (CODEOWNERS:
everything outside ``recipes/`` and ``ambassadors/``), so each link is a reviewed change, never a
match on a name. Format, one ambassador id to its list of e-mails::

    michel-briand:
      - michel.briand@example.org
      - mbriand@users.noreply.github.com

The addresses are only compared, never published. Rules (``docs/contribuer.md``): the file is a
mapping of known ambassador ids (R074) to lists of e-mail addresses (R073), and an address
belongs to one ambassador only (R075).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recettes.core.french import did_you_mean
from recettes.core.problems import Code, Problem
from recettes.read.yamlfile import YamlDoc, read_yaml

IDENTITIES_FILE = "git-identities.yml"
_EXAMPLE = "Exemple :\n      michel-briand:\n        - michel.briand@example.org"


def identity_key(email: str) -> str:
    """How an e-mail is compared: trimmed, case-insensitive (``Person.email`` after .mailmap)."""
    return email.strip().casefold()


def load_identities(root: Path, ambassador_ids: set[str]) -> tuple[dict[str, str], list[Problem]]:
    """The e-mail -> ambassador id mapping of ``root/git-identities.yml`` (empty when the file
    is absent) and every problem in it, located at its line and column; a wrong entry is left
    out, the others are kept."""
    path = root / IDENTITIES_FILE
    if not path.exists() and not path.is_symlink():
        return {}, []
    doc, problems = read_yaml(path, IDENTITIES_FILE)
    if doc is None or doc.data is None:
        return {}, problems
    if not isinstance(doc.data, dict):
        return {}, [*problems, _problem(doc, (), Code.R073, "le fichier doit associer des identifiants "
                                        "d’ambassadeur·rices à des listes de courriels", _EXAMPLE)]
    found: dict[str, str] = {}
    first: dict[str, tuple[int, int]] = {}
    for ident, emails in doc.data.items():
        if ident not in ambassador_ids:
            close = did_you_mean(str(ident), ambassador_ids)
            hint = f"Vouliez-vous dire « {close[0]} » ? " if close else ""
            problems.append(_problem(doc, (ident,), Code.R074, f"fiche « {ident} » inconnue",
                                     hint + "La clé est le nom du fichier de la fiche dans "
                                     "ambassadors/, sans « .yml ».", key=True))
            continue
        if not isinstance(emails, list):
            problems.append(_problem(doc, (ident,), Code.R073, f"« {ident} » doit être suivi d’une "
                                     "liste de courriels", _EXAMPLE))
            continue
        for index, email in enumerate(emails):
            problems += _email_problems(doc, (ident, index), email, ident, found, first)
    return found, problems


def _email_problems(doc: YamlDoc, loc: tuple[Any, ...], email: Any, ident: str,
                    found: dict[str, str], first: dict[str, tuple[int, int]]) -> list[Problem]:
    text = email.strip() if isinstance(email, str) else ""
    if text.count("@") != 1 or any(c.isspace() or c in "<>" for c in text) or text.startswith("@") \
            or text.endswith("@"):
        return [_problem(doc, loc, Code.R073, f"« {email} » n’est pas un courriel",
                         "Écrivez le courriel seul, tel que git le montre après .mailmap "
                         "(git log --format='%aE'), sans nom ni chevrons.")]
    key = identity_key(text)
    if key in found:
        line, _ = first[key]
        same = found[key] == ident
        return [_problem(doc, loc, Code.R075, f"courriel « {text} » déjà listé"
                         + (" pour cette fiche" if same else f" pour « {found[key]} »") + f" (ligne {line})",
                         "Une identité git appartient à une seule personne : gardez-la sous la "
                         "bonne fiche, une seule fois.")]
    found[key] = ident
    first[key] = doc.position(loc)
    return []


def _problem(doc: YamlDoc, loc: tuple[Any, ...], code: Code, message: str, hint: str, *,
             key: bool = False) -> Problem:
    line, column = doc.position(loc, key=key)
    return Problem(IDENTITIES_FILE, line, column, code, message, hint)
