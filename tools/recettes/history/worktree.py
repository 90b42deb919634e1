"""Changes to a git working tree made for the contributors: create a repository, move or remove
files the way ``git mv`` / ``git rm`` do. The only module besides the history readers that runs
git (the import contract keeps ``subprocess`` here).

Errors raised: ``WorktreeError`` with git's own message, when git refuses.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class WorktreeError(Exception):
    """git refused a change; the message is git's."""


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        stderr = getattr(error, "stderr", "") or str(error)
        raise WorktreeError(stderr.strip()) from error
    return done.stdout


def init_repository(dest: Path) -> bool:
    """``git init`` on branch main; False when git is not installed."""
    if shutil.which("git") is None:
        return False
    _git(dest, "init", "--quiet", "--initial-branch=main", str(dest))
    return True


def tracked_files(root: Path, under: str) -> set[str]:
    """Paths (relative to ``root``, forward slashes) of the files git tracks under ``under``;
    empty outside a git repository."""
    try:
        prefix = _git(root, "rev-parse", "--show-prefix").strip()
        listed = _git(root, "ls-files", "-z", "--full-name", "--", under)
    except WorktreeError:
        return set()
    return {name[len(prefix):] for name in listed.split("\0") if name and name.startswith(prefix)}


def move(root: Path, old: str, new: str, *, tracked: bool) -> None:
    """Move a file: ``git mv`` when git tracks it (its history follows), a rename otherwise."""
    if tracked:
        _git(root, "mv", "--", old, new)
    else:
        (root / old).rename(root / new)


def remove(root: Path, path: str, *, tracked: bool) -> None:
    """Remove a file: ``git rm -f`` when git tracks it (local edits are in what replaced it)."""
    if tracked:
        _git(root, "rm", "-q", "-f", "--", path)
    else:
        (root / path).unlink()


def stage(root: Path, path: str) -> None:
    _git(root, "add", "--", path)


def commit_paths(root: Path, paths: list[str], message: str, trailers: dict[str, str]) -> str:
    """Stage ``paths`` (relative to ``root``) and commit only them, with ``trailers`` added to
    ``message`` (``git commit --trailer``); the new commit's sha. The author is git's configured
    identity. Raises ``WorktreeError`` when git refuses (no repository, no identity...)."""
    _git(root, "add", "--", *paths)
    extra = [arg for key, value in trailers.items() for arg in ("--trailer", f"{key}: {value}")]
    _git(root, "commit", "--quiet", "-m", message, *extra, "--", *paths)
    return _git(root, "rev-parse", "HEAD").strip()
