"""Migrate: a recipe in five files (``recipe.yml`` and one file per section) becomes one
``recipe.md`` — the metadata as front matter, text for text (comments and formatting kept),
then the sections under their French level-1 headings.

Nothing is lost: every section's text, intro included, is kept as written, and the new file is
read back and compared with the old ones (same metadata, same items) before anything is
removed. In a git repository the metadata file is moved with ``git mv`` and the section files
removed with ``git rm``, so the folder's history and credits continue. Idempotent: a recipe
already in one file is left alone. Errors raised: none; problems are returned as values.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from recettes.core.problems import Code, Problem, rel
from recettes.core.sections import RECIPE_FILE, RECIPE_MD, SECTION_FILES
from recettes.read.load import read_text
from recettes.read.recipe_md import recipe_content, recipe_md_text, split_front_matter


@dataclass
class Migration:
    """What a run did: recipes migrated, already in one file, and problems (nothing written)."""

    migrated: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def migrate_recipes(root: Path, folders: list[Path]) -> Migration:
    """Migrate each recipe folder of ``folders`` (under ``root``)."""
    result = Migration()
    tracked = _git_tracked(root)
    for folder in folders:
        shown = rel(folder, root)
        if (folder / RECIPE_MD).exists() and not (folder / RECIPE_FILE).exists():
            result.already.append(shown)
            continue
        problems = _migrate(folder, shown, root, tracked)
        if problems:
            result.problems += problems
        else:
            result.migrated.append(shown)
    return result


def one_file_text(files: dict[str, str]) -> str:
    """The recipe.md holding the five files' texts (by file name)."""
    sections = {kind: files[name].strip("\n") for kind, name in SECTION_FILES.items() if name in files}
    return recipe_md_text(files[RECIPE_FILE], sections)


def _migrate(folder: Path, shown: str, root: Path, tracked: set[str]) -> list[Problem]:
    if (folder / RECIPE_MD).exists():
        return [Problem(f"{shown}/{RECIPE_MD}", 1, 1, Code.R022, f"{RECIPE_MD} et {RECIPE_FILE} coexistent",
                        f"Gardez un seul des deux : supprimez {RECIPE_MD} pour relancer la migration, "
                        f"ou {RECIPE_FILE} et les fichiers de section s’ils sont déjà repris.")]
    files: dict[str, str] = {}
    problems: list[Problem] = []
    for name in (RECIPE_FILE, *SECTION_FILES.values()):
        if (folder / name).is_file():
            text, found = read_text(folder / name, f"{shown}/{name}", regular=False)
            problems += found
            if text is not None:
                files[name] = text
    if RECIPE_FILE not in files:
        return problems or [Problem(f"{shown}/{RECIPE_FILE}", 1, 1, Code.R022, "recipe.yml absent : rien à migrer",
                                    "Une recette en cinq fichiers a un recipe.yml ; sinon, écrivez recipe.md.")]
    for number, line in enumerate(files[RECIPE_FILE].splitlines(), 1):
        if line.rstrip() in ("---", "..."):
            problems.append(Problem(f"{shown}/{RECIPE_FILE}", number, 1, Code.R001,
                                    f"ligne « {line.rstrip()} » dans les métadonnées",
                                    "Elle fermerait l’en-tête de recipe.md : retirez-la (un seul document YAML)."))
    if problems:
        return problems
    text = one_file_text(files)
    front = split_front_matter(text)
    if front is None or recipe_content({RECIPE_MD: text}).items != recipe_content(files).items \
            or recipe_content({RECIPE_MD: text}).data != recipe_content(files).data:
        return [Problem(f"{shown}/{RECIPE_FILE}", 1, 1, Code.R032, "la migration perdrait du texte",
                        "Un fichier de section contient sans doute un titre « # » : remplacez-le par « ## », "
                        "puis relancez « recettes migrate ».")]
    meta = f"{shown}/{RECIPE_FILE}"
    if meta in tracked:
        _git(root, "mv", meta, f"{shown}/{RECIPE_MD}")
    else:
        (folder / RECIPE_FILE).rename(folder / RECIPE_MD)
    (folder / RECIPE_MD).write_text(text, encoding="utf-8")
    for name in SECTION_FILES.values():
        if name in files:
            if f"{shown}/{name}" in tracked:
                _git(root, "rm", "-q", f"{shown}/{name}")
            else:
                (folder / name).unlink()
    if meta in tracked:
        _git(root, "add", f"{shown}/{RECIPE_MD}")
    return []


def _git_tracked(root: Path) -> set[str]:
    try:
        done = subprocess.run(["git", "ls-files", "-z", "--full-name", "--", "recipes"], cwd=root,
                              capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return set()
    prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True,
                            text=True).stdout.strip()
    return {name[len(prefix):] for name in done.stdout.decode("utf-8").split("\0") if name.startswith(prefix)}


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
