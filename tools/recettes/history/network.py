"""Fetching the sources of a network with git: one clone per source in the cache
(``.recettes/reseau/<id>/``), checked out at the pinned commit, and ``network.lock.yml``.

Choices:

- **Full history by default.** Dates, contributors and versions of a source's recipes come from
  its own history (``history.read_history`` on the clone), so a source is fetched with all the
  ancestors of its pinned commit. ``history: false`` in ``network.yml`` fetches only that commit
  (``--depth 1``): the build then reads no history for it (no dates from git, no contributors).
- **Incremental.** The clone is kept between updates: ``git fetch`` brings only the objects it
  does not have. Only the pinned revision is fetched (``git fetch origin <ref>``), not every
  branch of the source.
- **Nothing at build time.** The build only checks that each clone is at the locked commit
  (``cache_commit``, a file read, no git process) and says to run the update otherwise.
- **Untrusted addresses.** Every git call goes through ``history.remote.run_git``: no helper
  transport (``ext::``), no hooks, no password prompt, a time limit.
- **Atomic lock.** The lock is written once, at the end, through a temporary file: each entry
  says what its clone holds. A source that failed keeps its previous entry (and clone).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from recettes.core.french import NBSP
from recettes.core.network import (
    CACHE_DIR,
    LOCK_FILE,
    Lock,
    LockedSource,
    SourceSpec,
    is_git_address,
)
from recettes.core.problems import Code, Problem
from recettes.history.remote import RemoteGitError, run_git
from recettes.read.network import Network, dump_lock


class UnknownRevision(RemoteGitError):
    """The source answered, but has no such tag, branch or commit."""


@dataclass
class SourceChange:
    """What one update did to one source."""

    id: str
    before: LockedSource | None
    after: LockedSource | None  # None when the fetch failed
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class UpdateResult:
    lock: Lock
    changes: list[SourceChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # sources no longer listed: clone and entry removed


def cache_dir(root: Path, ident: str) -> Path:
    return root / CACHE_DIR / ident


def cache_commit(root: Path, ident: str) -> str | None:
    """The commit checked out in a source's clone (detached HEAD), or None when there is none."""
    head = cache_dir(root, ident) / ".git" / "HEAD"
    try:
        text = head.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if len(text) in (40, 64) and all(c in "0123456789abcdef" for c in text) else None


def update_network(root: Path, network: Network, lock: Lock, only: str | None = None,
                   progress: Callable[[str], None] | None = None) -> UpdateResult:
    """Fetch every source (or only ``only``) at its ref, check it out, write the lock.

    Returns the new lock, what changed per source, and the problems (R222 unreachable,
    R223 unknown revision), located at the source's ``url`` or ``ref`` in ``network.yml``."""
    result = UpdateResult(lock)
    entries = dict(lock.sources)
    (root / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    ignore = root / CACHE_DIR.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Cache de «\u00a0recettes network update\u00a0»\u00a0: jamais enregistré.\n*\n", encoding="utf-8")
    for spec in network.sources:
        if only is not None and spec.id != only:
            continue
        if progress is not None:
            progress(spec.id)
        before = lock.sources.get(spec.id)
        change = SourceChange(spec.id, before, None)
        result.changes.append(change)
        try:
            after = fetch_source(root, spec)
        except RemoteGitError as error:
            unknown = isinstance(error, UnknownRevision)
            code, key = (Code.R223, "ref") if unknown else (Code.R222, "url")
            message = (f"révision «\u00a0{spec.ref}\u00a0» introuvable dans la source «\u00a0{spec.id}\u00a0»" if unknown
                       else f"source «\u00a0{spec.id}\u00a0» injoignable")
            result.problems.append(network.problem(
                spec.id, key, code, f"{message} (git{NBSP}: {error})",
                "Vérifiez la révision (commit, étiquette ou branche publiée)." if unknown else
                "Vérifiez l’adresse et l’accès au dépôt (réseau, droits), puis relancez "
                "«\u00a0recettes network update\u00a0»."))
            continue
        change.after = entries[spec.id] = after
        old = before.recipes if before is not None else {}
        change.added = sorted(set(after.recipes) - set(old))
        change.removed = sorted(set(old) - set(after.recipes))
        change.changed = sorted(s for s in set(old) & set(after.recipes) if old[s] != after.recipes[s])
    if only is None:
        listed = {spec.id for spec in network.sources}
        for ident in sorted(set(entries) - listed):
            del entries[ident]
            result.dropped.append(ident)
        for folder in sorted((root / CACHE_DIR).iterdir()):
            if folder.is_dir() and not folder.is_symlink() and folder.name not in listed:
                shutil.rmtree(folder)
    result.lock = Lock(entries)
    write_lock(root, result.lock)
    return result


def fetch_source(root: Path, spec: SourceSpec) -> LockedSource:
    """Fetch ``spec.ref`` of ``spec.url`` into the source's clone and check it out (detached)."""
    folder = cache_dir(root, spec.id)
    url = spec.url if is_git_address(spec.url) else str((root / spec.url).resolve())
    if not (folder / ".git").is_dir():
        if folder.exists() or folder.is_symlink():
            _remove(folder)
        folder.mkdir(parents=True)
        run_git(folder, "init", "--quiet")
    remotes = run_git(folder, "remote").split()
    run_git(folder, "remote", "set-url" if "origin" in remotes else "add", "origin", url)
    shallow = (folder / ".git" / "shallow").exists()
    depth = ["--depth", "1"] if not spec.history else (["--unshallow"] if shallow else [])
    try:
        run_git(folder, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", *depth, "origin", "--",
             _wanted(spec.ref))
        commit = run_git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options",
                      "refs/recettes/pinned^{commit}").strip()
    except RemoteGitError as error:
        if "couldn't find remote ref" in str(error) or "not our ref" in str(error) \
                or "unadvertised object" in str(error) or "no such remote ref" in str(error):
            raise UnknownRevision(str(error)) from None
        raise
    run_git(folder, "checkout", "--quiet", "--force", "--detach", commit)
    run_git(folder, "clean", "-ffdxq")
    listing = run_git(folder, "ls-tree", "-z", commit, "--", "recipes/")
    recipes = {}
    for item in listing.split("\0"):
        meta, _, path = item.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "tree" and path.startswith("recipes/"):
            recipes[path.removeprefix("recipes/")] = parts[2]
    return LockedSource(spec.id, spec.url, spec.ref, commit, spec.history, recipes)


def _wanted(ref: str) -> str:
    """The refspec that stores the fetched revision under one local name, whatever it is."""
    return f"+{ref}:refs/recettes/pinned"


def write_lock(root: Path, lock: Lock) -> None:
    """Write ``network.lock.yml`` atomically (a temporary file renamed over it)."""
    path = root / LOCK_FILE
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(dump_lock(lock), encoding="utf-8")
    os.replace(tmp, path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
