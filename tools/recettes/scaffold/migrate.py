"""Migrate: a recipe in five files (``recipe.yml`` and one file per section) becomes one
``recipe.md`` — the metadata as front matter, text for text (comments and formatting kept),
then the sections under their French level-1 headings.

Nothing is lost: every section's text, intro included, is kept as written, and the new file is
read back and compared with the old ones (same metadata, same items) before anything is
removed. In a git repository the metadata file is moved with ``git mv`` and the section files
removed with ``git rm`` (``history.worktree``); the handbook reads history by folder, so the
recipe's history and credits continue. Idempotent: a recipe
already in one file is left alone. Errors raised: none; problems are returned as values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from recettes.core.problems import Code, Problem, rel
from recettes.core.sections import RECIPE_FILE, RECIPE_MD, SECTION_FILES
from recettes.history.worktree import WorktreeError, move, remove, stage, tracked_files
from recettes.read.load import read_text
from recettes.read.markdown import Fence
from recettes.read.recipe_md import (
    level_one_heading,
    recipe_content,
    recipe_md_text,
    split_front_matter,
)


@dataclass
class Migration:
    """What a run did: recipes migrated, already in one file, and problems (nothing written)."""

    migrated: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def migrate_recipes(root: Path, folders: list[Path]) -> Migration:
    """Migrate each recipe folder of ``folders`` (under ``root``)."""
    result = Migration()
    tracked = tracked_files(root, "recipes")
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
            problems += [p for p in found if p.is_error]  # a BOM is dropped: no reason to stop
            if text is not None:
                files[name] = text.replace("\r\n", "\n").replace("\r", "\n")
    if RECIPE_FILE not in files:
        return problems or [Problem(f"{shown}/{RECIPE_FILE}", 1, 1, Code.R022, "recipe.yml absent : rien à migrer",
                                    "Une recette en cinq fichiers a un recipe.yml ; sinon, écrivez recipe.md.")]
    for number, line in enumerate(files[RECIPE_FILE].splitlines(), 1):
        if line.rstrip() in ("---", "..."):
            problems.append(Problem(f"{shown}/{RECIPE_FILE}", number, 1, Code.R001,
                                    f"ligne « {line.rstrip()} » dans les métadonnées",
                                    "Elle fermerait l’en-tête de recipe.md : retirez-la (un seul document YAML)."))
    for name, text in files.items():
        if name != RECIPE_FILE:
            problems += _level_one_headings(text, f"{shown}/{name}")
    if problems:
        return problems
    text = one_file_text(files)
    was, now = recipe_content(files), recipe_content({RECIPE_MD: text})
    if split_front_matter(text) is None or was.items != now.items or was.data != now.data:
        return [Problem(f"{shown}/{RECIPE_FILE}", 1, 1, Code.R032, "la migration perdrait du texte",
                        "Vérifiez les fichiers de la recette avec « recettes validate », puis relancez "
                        "« recettes migrate ».")]
    names = [name for name in files if name != RECIPE_FILE]
    try:
        move(root, f"{shown}/{RECIPE_FILE}", f"{shown}/{RECIPE_MD}", tracked=f"{shown}/{RECIPE_FILE}" in tracked)
        (folder / RECIPE_MD).write_text(text, encoding="utf-8")
        for name in names:
            remove(root, f"{shown}/{name}", tracked=f"{shown}/{name}" in tracked)
        if f"{shown}/{RECIPE_FILE}" in tracked:
            stage(root, f"{shown}/{RECIPE_MD}")
    except (WorktreeError, OSError) as error:
        return [Problem(f"{shown}/{RECIPE_FILE}", 1, 1, Code.R009, f"migration interrompue ({error})",
                        "Vérifiez l’état du dossier avec « git status » ; rien n’a été perdu : le texte "
                        f"complet est dans {RECIPE_MD} ou encore dans les anciens fichiers.")]
    return []


def _level_one_headings(text: str, shown: str) -> list[Problem]:
    """A ``#`` heading in a section file would become a section heading of recipe.md."""
    problems = []
    fence = Fence()
    for number, line in enumerate(text.splitlines(), 1):
        if not fence.step(line) and level_one_heading(line) is not None:
            problems.append(Problem(shown, number, 1, Code.R032, "titre de niveau 1 (« # ») dans une section",
                                    "Dans recipe.md, « # » ouvre une section : écrivez « ## » pour un "
                                    "élément, puis relancez « recettes migrate »."))
    return problems
