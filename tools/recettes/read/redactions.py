"""Reading ``redactions.yml`` and checking it against the repository (see ``core.redaction``).

``load_redactions`` returns None with located problems when the file cannot be trusted: the
handbook then publishes no older version at all rather than one that may still hold what was
to be removed. ``check_redactions`` also reports every redacted text or file still present in the
current version of a recipe: that one is published from the working tree, and must be edited.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from recettes.core.french import did_you_mean
from recettes.core.problems import Code, Problem, Severity
from recettes.core.redaction import ALL, REDACTIONS_FILE, Redactions, RedactionsFile, text_pattern
from recettes.read.load import RECIPES_DIR, Repository
from recettes.read.validation import problems_from_error
from recettes.read.yamlfile import read_yaml

PRIVACY_DOC = "docs/donnees-personnelles.md"


def load_redactions(root: Path) -> tuple[Redactions | None, list[Problem]]:
    """The redactions of ``root`` (none without the file), or None and why it cannot be read."""
    path = root / REDACTIONS_FILE
    if not path.exists() and not path.is_symlink():
        return Redactions(), []
    doc, problems = read_yaml(path, REDACTIONS_FILE)
    if doc is None or any(p.is_error for p in problems):
        return None, problems
    data = doc.data if doc.data is not None else {}
    try:
        parsed = RedactionsFile.model_validate(data)
    except ValidationError as exc:
        return None, problems + problems_from_error(exc, doc, REDACTIONS_FILE, RedactionsFile)
    for index, entry in enumerate(parsed.redactions):
        if not entry.strings and not entry.media:
            line, column = doc.position(("redactions", index))
            problems.append(Problem(REDACTIONS_FILE, line, column, Code.R154, "caviardage vide",
                                    "Indiquez les textes (strings) ou les fichiers (media) à retirer."))
    if any(p.is_error for p in problems):
        return None, problems
    return Redactions(tuple(parsed.redactions)), problems


def check_redactions(repo: Repository) -> list[Problem]:
    """Problems of ``redactions.yml``, its unknown recipes, and what the current versions still hold."""
    redactions, problems = load_redactions(repo.root)
    if redactions is None:
        return [_closed(p) for p in problems]
    doc_lines = _lines(repo.root / REDACTIONS_FILE)
    for entry in redactions.entries:
        if entry.recipe != ALL and entry.recipe not in repo.recipe_slugs:
            close = did_you_mean(entry.recipe, repo.recipe_slugs)
            line = next((n for n, text in enumerate(doc_lines, 1) if entry.recipe in text), 1)
            problems.append(Problem(REDACTIONS_FILE, line, 1, Code.R154,
                                    f"recette « {entry.recipe} » inconnue",
                                    (f"Vouliez-vous dire « {close[0]} » ? " if close else "")
                                    + "Indiquez le nom actuel de son dossier dans recipes/ (après un "
                                    "renommage, le nouveau).", Severity.WARNING))
    slugs = sorted(repo.recipe_slugs) if any(e.recipe == ALL for e in redactions.entries) else \
        sorted({e.recipe for e in redactions.entries} & repo.recipe_slugs)
    for slug in slugs:
        problems.extend(_still_present(repo.root, slug, redactions))
    return problems


def _still_present(root: Path, slug: str, redactions: Redactions) -> Iterator[Problem]:
    strings, media = redactions.for_recipe(slug)
    folder = root / RECIPES_DIR / slug
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(current) / name
            relative = path.relative_to(folder).as_posix()
            shown = f"{RECIPES_DIR}/{slug}/{relative}"
            if relative in media:
                yield Problem(shown, 1, 1, Code.R155, "fichier caviardé encore présent",
                              f"Supprimez-le (git rm {shown}) : redactions.yml le retire des anciennes "
                              f"versions, la version actuelle doit le retirer aussi ({PRIVACY_DOC}).")
            if not name.endswith((".md", ".yml", ".yaml")) or path.is_symlink():
                continue
            text = "\n".join(_lines(path))
            for string in strings:
                for match in text_pattern(string).finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                    yield Problem(shown, line, column, Code.R155, "texte caviardé encore présent",
                                  "Retirez-le de la version actuelle : redactions.yml ne le retire que "
                                  f"des anciennes versions ({PRIVACY_DOC}).")


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _closed(problem: Problem) -> Problem:
    """A problem of an unreadable file, with what it means for the handbook."""
    if not problem.is_error:
        return problem
    hint = (problem.hint + " " if problem.hint else "") + \
        "Tant que redactions.yml est illisible, aucune ancienne version n’est publiée."
    return Problem(problem.path, problem.line, problem.column, problem.code, problem.message, hint)
