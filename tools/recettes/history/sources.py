"""Sources of ``recettes import`` that are git repositories: clone one given by its address, and
read who wrote each file, when, and under which earlier names (one ``git log`` pass).

Only names and dates are read (``%aN``, after ``.mailmap``), never e-mail addresses. Renames are
followed with git's own detection (``-M``), from the file's current path back to its first one.

git runs under the rules for repositories that are not ours (``history.remote``: no helper
transport, no hooks, no password prompt, a time limit).

Errors raised: ``SourceError`` with a French message (git missing, clone refused).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from recettes.core.network import public_address
from recettes.history.remote import RemoteGitError, run_git

_HEADER = "\x1e"


class SourceError(Exception):
    """A source that git cannot read or fetch; the message is French and says what to do."""


def _git(cwd: Path, *args: str) -> str:
    try:
        return run_git(cwd, *args)
    except RemoteGitError as error:
        raise SourceError(str(error)) from None


def clone(address: str, dest: Path) -> None:
    """Clone ``address`` (full history: the credits need it) into the new folder ``dest``."""
    try:
        _git(dest.parent, "clone", "--quiet", "--no-hardlinks", "--", address, str(dest))
    except SourceError:
        raise SourceError(f"clonage de «\u00a0{public_address(address)}\u00a0» impossible\u00a0: dépôt "
                          "introuvable ou accès refusé (lancez «\u00a0git clone\u00a0» vous-même pour voir "
                          "la réponse de git)") from None


@dataclass
class FileHistory:
    """What git says of one file: its authors (name, first date, last date, in order of first
    change), its first and last dates (AAAA-MM-JJ), and its earlier paths, newest first."""

    authors: list[tuple[str, str, str]] = field(default_factory=list)
    created: str | None = None
    updated: str | None = None
    renamed_from: list[str] = field(default_factory=list)


@dataclass
class GitSource:
    """A working tree read as an import source: its top folder, address, commit and the history
    of each file (paths relative to ``top``)."""

    top: Path
    address: str
    commit: str
    files: dict[str, FileHistory]

    def history_of(self, path: Path) -> FileHistory | None:
        try:
            relative = path.resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None
        return self.files.get(relative)


def read_git_source(folder: Path) -> GitSource | None:
    """The repository holding ``folder`` and its files' histories, or None when ``folder`` is not
    in a git working tree with commits."""
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip()).resolve()
        commit = _git(folder, "rev-parse", "HEAD").strip()
    except SourceError:
        return None
    try:
        address = public_address(_git(top, "remote", "get-url", "origin").strip())
    except SourceError:
        address = top.name
    log = _git(top, "log", "-M", "--name-status", "-z", f"--format={_HEADER}%aN%x00%aI%x00", "HEAD")
    return GitSource(top, address, commit, _histories(log))


def _histories(log: str) -> dict[str, FileHistory]:
    """Each path of the newest commit's tree followed back through renames (``log`` is newest first)."""
    commits: list[tuple[str, str, list[tuple[str, str, str | None]]]] = []
    for chunk in log.split(_HEADER)[1:]:
        parts = chunk.split("\0")
        name, date = parts[0], parts[1][:10]
        changes: list[tuple[str, str, str | None]] = []
        rest = [p.strip("\n") for p in parts[2:]]
        index = 0
        while index < len(rest):
            status = rest[index]
            if not status:
                index += 1
                continue
            if status[0] in "RC" and index + 2 < len(rest):
                changes.append((status[0], rest[index + 2], rest[index + 1]))
                index += 3
            elif index + 1 < len(rest):
                changes.append((status[0], rest[index + 1], None))
                index += 2
            else:
                break
        commits.append((name or "contributeur·rice sans nom", date, changes))
    current: dict[str, str] = {}  # file (its newest path) -> the path it had at this point of the log
    owner_of: dict[str, str] = {}  # the reverse: path at this point of the log -> file
    histories: dict[str, FileHistory] = {}
    dated: dict[str, list[tuple[str, str]]] = {}
    for name, date, changes in commits:
        for status, path, old in changes:
            if status == "D":
                continue
            owner = owner_of.get(path)
            if owner is None:
                if path in histories:
                    continue  # ended (added earlier in the log, i.e. later in time): another file
                owner = path  # first seen (newest commit touching it): its newest path
                histories[owner] = FileHistory()
            dated.setdefault(owner, []).append((name, date))
            owner_of.pop(current.get(owner, ""), None)
            if status == "R" and old:
                histories[owner].renamed_from.append(old)
                current[owner] = old
                owner_of[old] = owner
            elif status != "A":
                current[owner] = path
                owner_of[path] = owner
    for owner, history in histories.items():
        oldest_first = list(reversed(dated[owner]))
        history.created, history.updated = oldest_first[0][1], max(d for _, d in oldest_first)
        people: dict[str, list[str]] = {}
        for name, date in oldest_first:
            people.setdefault(name, []).append(date)
        history.authors = [(name, min(dates), max(dates)) for name, dates in people.items()]
    return histories
