"""Which names a contribution may take, defined once: slugs, ids and file names.

Two rules beyond the slug pattern (``model.SLUG_PATTERN``):

- names Windows reserves for devices (``con``, ``prn``, ``aux``, ``nul``, ``com1``–``com9``,
  ``lpt1``–``lpt9``), also with an extension (``con.yml``) and in any case: such a file cannot
  be created or checked out on Windows, so the repository would break for every contributor
  there (source: Microsoft, « Naming Files, Paths, and Namespaces »);
- names the handbook itself uses in a folder of generated pages (``addresses.GENERATED_NAMES``):
  an ambassador ``index`` would replace the list of ambassadors.
"""

from __future__ import annotations

from recettes.core.addresses import AMBASSADORS, GENERATED_NAMES, RECIPES, TERRITORIES, THEMES
from recettes.core.problems import Code, Problem

WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul",
                              *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10)),
                              "com¹", "com²", "com³", "lpt¹", "lpt²", "lpt³"})
"""Device names of Windows (the superscript digits are reserved too)."""

PAGE_FOLDERS = {"recipes": RECIPES, "ambassadors": AMBASSADORS, "themes": THEMES, "territories": TERRITORIES}
"""Each kind of contributed name, and the folder of the handbook where it becomes a page."""


def windows_reserved(name: str) -> bool:
    """``name`` (a slug, an id or a file name) is a Windows device name: ``nul``, ``CON.yml``,
    ``aux.tar.gz``, ``com1 .md``. Characters: the part before the first dot, spaces trimmed."""
    return name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_RESERVED


def generated_clash(kind: str, name: str) -> str | None:
    """The handbook folder where ``name`` of this ``kind`` (a key of ``PAGE_FOLDERS``) would
    replace a generated page, or None."""
    folder = PAGE_FOLDERS[kind]
    return folder if name in GENERATED_NAMES[folder] else None


_WHAT = {"recipes": "une recette", "ambassadors": "une fiche", "themes": "une thématique",
         "territories": "un territoire"}


def name_problems(kind: str, name: str, shown: str, line: int = 1, column: int = 1) -> list[Problem]:
    """The problems of ``name``, a slug or id of this ``kind`` (a key of ``PAGE_FOLDERS``),
    located at ``shown:line:column``: R122 for a Windows device name, R127 for a generated page's."""
    problems: list[Problem] = []
    if windows_reserved(name):
        problems.append(Problem(shown, line, column, Code.R122,
                                f"« {name} » est un nom réservé par Windows",
                                "Choisissez un autre nom, plus parlant : ni con, prn, aux, nul, com1 à com9 ni "
                                "lpt1 à lpt9, qu’aucun fichier ne peut porter sous Windows (le dépôt y serait "
                                "inutilisable)."))
    folder = generated_clash(kind, name)
    if folder is not None:
        problems.append(Problem(shown, line, column, Code.R127,
                                f"« {name} » remplacerait la page {folder}/{name} que le guide crée lui-même",
                                f"Choisissez un autre nom pour {_WHAT[kind]} : « {name} » est réservé au guide."))
    return problems


def file_name_problem(name: str, shown: str) -> Problem | None:
    """R122 for a file or folder named like a Windows device (``media/con.jpg``)."""
    if not windows_reserved(name):
        return None
    return Problem(shown, 1, 1, Code.R122, f"le nom de fichier « {name} » est réservé par Windows",
                   "Renommez le fichier : ni con, prn, aux, nul, com1 à com9 ou lpt1 à lpt9, même suivis "
                   "d’une extension (con.jpg), qu’aucun fichier ne peut porter sous Windows.")
