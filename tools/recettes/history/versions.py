"""Versions: semantic versions of recipes, and the check that every changed recipe bumps its own.

``check_versions`` compares each recipe changed since a base revision (working tree included,
untracked files too) with its state at the point where the current branch left that base
(``git merge-base``, as ``git diff REF...`` does), so that recipes changed on the base branch
meanwhile are not blamed on this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import git

from recettes.core.problems import Code, Problem
from recettes.core.sections import RECIPE_FILE, RECIPE_FILES, RECIPE_MD
from recettes.core.semver import Bump, InvalidVersion, SemVer
from recettes.history.gitlog import (
    UnknownRef,
    changed_paths_since,
    merge_base,
    open_repo,
    read_blobs,
)
from recettes.read.recipe_md import recipe_content, recipe_version

ALL_FILES = (RECIPE_MD, *RECIPE_FILES)
"""Every file that may hold a recipe, in either layout."""

__all__ = ["Bump", "InvalidVersion", "SemVer", "UnknownRef", "check_versions", "default_base"]


def guess_bump(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> Bump:
    """Major if at least half of the section items changed or went, minor if one was added.

    ``before`` and ``after`` map section ids to their items (title -> text, see
    ``recipe_content``); a section's intro counts as an item.
    """
    old = {(kind, title): body for kind, items in before.items() for title, body in items.items() if title}
    new = {(kind, title): body for kind, items in after.items() for title, body in items.items() if title}
    gone_or_changed = sum(1 for key, body in old.items() if new.get(key) != body)
    if old and 2 * gone_or_changed >= len(old):
        return Bump.MAJOR
    if new.keys() - old.keys():
        return Bump.MINOR
    return Bump.PATCH


def default_base(root: Path) -> str:
    """``origin/main`` when the repository knows it, else ``HEAD``."""
    try:
        repo, _ = open_repo(Path(root))
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandNotFound):
        return "HEAD"
    with repo:
        try:
            repo.git.rev_parse("--verify", "--quiet", "origin/main^{commit}")
        except git.GitCommandError:
            return "HEAD"
        return "origin/main"


@dataclass(frozen=True)
class _Version:
    """The ``version`` value of a recipe.yml text, where it is, or why it is missing."""

    raw: str | None
    line: int = 1
    column: int = 1

    @classmethod
    def read(cls, text: str | None) -> _Version | None:
        """None when the YAML cannot be read (``validate`` reports it), raw None if absent."""
        if text is None:
            return None
        found = recipe_version(text)
        if found is None:
            return None
        value, line, column = found
        return cls(None) if value is None else cls(str(value), line, column)

    def semver(self) -> SemVer | None:
        try:
            return SemVer.parse(self.raw or "")
        except InvalidVersion:
            return None


def check_versions(root: Path, base: str, *, recipes_dir: str = "recipes") -> list[Problem]:
    """Problems for each recipe changed since ``base`` whose version did not go up.

    Raises ``UnknownRef`` when ``base`` is unknown or ``root`` is not in a git repository.
    """
    root = Path(root)
    try:
        repo, prefix = open_repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandNotFound) as error:
        raise UnknownRef(
            f"pas de dépôt git dans {root}\u00a0: impossible de lire {base!r}"
        ) from error
    recipes_dir = recipes_dir.strip("/")
    with repo:
        sha = merge_base(repo, base)
        changed: dict[str, list[str]] = {}
        for path in changed_paths_since(repo, sha, [prefix + recipes_dir]):
            parts = path[len(prefix) :].split("/")
            folder = root / recipes_dir / parts[1] if len(parts) >= 3 else None
            if folder is not None and any((folder / name).is_file() for name in (RECIPE_MD, RECIPE_FILE)):
                changed.setdefault(parts[1], []).append("/".join(parts[2:]))
        names = [
            f"{sha}:{prefix}{recipes_dir}/{slug}/{name}"
            for slug in changed
            for name in ALL_FILES
        ]
        blobs = read_blobs(repo, names)
    problems: list[Problem] = []
    for slug, files in sorted(changed.items()):
        folder = root / recipes_dir / slug
        at_base = {
            name: data.decode("utf-8", "replace")
            for name in ALL_FILES
            if (data := blobs.get(f"{sha}:{prefix}{recipes_dir}/{slug}/{name}")) is not None
        }
        now = {name: _read_text(folder / name) for name in ALL_FILES}
        problem = _check_recipe(
            f"{recipes_dir}/{slug}",
            base,
            sorted(files),
            at_base,
            {k: v for k, v in now.items() if v is not None},
        )
        if problem is not None:
            problems.append(problem)
    return problems


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _check_recipe(
    folder: str,
    base: str,
    files: list[str],
    before: dict[str, str],
    after: dict[str, str],
) -> Problem | None:
    was, now = recipe_content(before), recipe_content(after)
    if set(files) <= set(ALL_FILES) and was.data == now.data and was.items == now.items:
        return None  # layout or spacing only (e.g. « recettes migrate »): the same recipe
    old = _Version.read(was.meta_text)
    new = _Version.read(now.meta_text)
    if old is None or new is None:  # new recipe, or YAML that `validate` reports
        return None
    previous = old.semver()
    if previous is None:  # no valid version to compare with at base
        if new.raw is not None and new.semver() is None:
            return _invalid(f"{folder}/{now.meta_name}", new, SemVer(1, 0, 0), "")
        return None
    kind = guess_bump(was.items, now.items)
    proposed = previous.bump(kind)
    hint = _hint(previous)
    path = f"{folder}/{now.meta_name}"
    if new.raw is None:
        return Problem(
            path,
            1,
            1,
            Code.R011,
            f"Clé « version » absente (elle valait {previous} sur {base})\u00a0:"
            f" ajoutez version: {proposed} ({kind.value}).",
            hint,
        )
    current = new.semver()
    if current is None:
        return _invalid(path, new, proposed, hint)
    listing = ", ".join(files)
    if current == previous:
        return Problem(
            path,
            new.line,
            new.column,
            Code.R060,
            f"La recette a changé depuis {base} ({listing}) mais sa version reste {current}"
            f"\u00a0: passez à {proposed} ({kind.value}).",
            hint,
        )
    if current < previous:
        return Problem(
            path,
            new.line,
            new.column,
            Code.R061,
            f"La version descend de {previous} (sur {base}) à {current}\u00a0: une version"
            f" publiée ne recule pas, passez à {proposed} ({kind.value}).",
            hint,
        )
    return None


def _invalid(path: str, version: _Version, proposed: SemVer, hint: str) -> Problem:
    return Problem(
        path,
        version.line,
        version.column,
        Code.R012,
        f"Version « {version.raw} » invalide\u00a0: attendu MAJEURE.MINEURE.CORRECTIF"
        f" (semver), par exemple {proposed}.",
        hint or "Une version s’écrit avec trois nombres, par exemple 1.0.0.",
    )


def _hint(previous: SemVer) -> str:
    patch, minor, major = (previous.bump(k) for k in (Bump.PATCH, Bump.MINOR, Bump.MAJOR))
    return (
        f"Augmentez « version » selon le changement\u00a0: correctif ({patch}) pour une"
        f" reformulation, mineure ({minor}) pour un nouvel élément, majeure ({major}) pour"
        " une réécriture."
    )
