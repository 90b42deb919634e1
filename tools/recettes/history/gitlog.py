"""GitLog: the repository's history read in one ``git log`` pass, plus batched blob reads.

Everything here talks to git through gitpython and returns plain values; ``history.py`` turns
them into per-recipe histories. The number of git processes does not depend on the number of
recipes: one ``git log``, one ``git cat-file --batch`` for blob contents, one ``git status``
(run alongside the log), and ``git check-mailmap`` for co-authors (one call per 200 distinct
co-authors).
"""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

import git

_HEADER = "\x1e"
_TRAILER_SEP = "\x1f"
IMPORT_TRAILER = "Recettes-Import"
"""The trailer of a commit that adds recipes made by ``recettes import`` (``git commit --trailer
"Recettes-Import: <source>"``): its author did not write them, so it credits nobody (see
``Maintenance.covers``); the fiche's own authors are in the recipe's ``origin``."""
# sha, author date (strict ISO), author name and e-mail after .mailmap, subject, co-authors,
# import trailer.
_FORMAT = (
    f"--format={_HEADER}%H%x00%aI%x00%aN%x00%aE%x00%s%x00"
    "%(trailers:key=Co-authored-by,valueonly,separator=%x1f)%x00"
    f"%(trailers:key={IMPORT_TRAILER},valueonly,separator=%x1f)%x00"
)
_CONTACT = re.compile(r"^\s*(?P<name>.*?)\s*<(?P<email>[^<>]*)>\s*$")
_MAILMAP_CHUNK = 200


class UnknownRef(ValueError):
    """A revision (branch, tag, sha) that the repository does not know, or no repository."""


@dataclass(frozen=True)
class Person:
    """Someone credited, as named after ``.mailmap``."""

    name: str
    email: str

    @property
    def key(self) -> str:
        """Identity used for deduplication: the e-mail, else the name, case-insensitive."""
        return (self.email or self.name).casefold()


@dataclass(frozen=True)
class Commit:
    """One commit as shown to readers."""

    sha: str
    date: datetime  # author date, timezone-aware
    author: Person
    coauthors: tuple[Person, ...]
    summary: str  # first line of the message
    # Fields whose bytes were not UTF-8, read with the fallback of ``legacy_text`` ("author",
    # "co-author", "summary"): the history warns about them, naming the commit.
    legacy: tuple[str, ...] = ()
    # Fields whose name was empty after .mailmap ("author", "co-author"), credited ``ANONYMOUS``.
    unnamed: tuple[str, ...] = ()
    # Carries the ``Recettes-Import`` trailer (``IMPORT_TRAILER``): recipes brought in by an import.
    imported: bool = False


@dataclass(frozen=True)
class Change:
    """One file changed by a commit, as in ``git log --raw``."""

    status: str  # A, M, D, T, R or C (similarity score dropped)
    path: str  # the path after the commit (before it, for D)
    old_path: str | None  # the path before a rename or copy
    blob: str  # the file's blob after the commit ("0" * 40 for a deletion)


@dataclass(frozen=True)
class LoggedCommit:
    commit: Commit
    changes: tuple[Change, ...]


def open_repo(root: Path) -> tuple[git.Repo, str]:
    """The repository holding ``root`` and ``root``'s path inside it ("" or "sub/dir/").

    Raises ``git.InvalidGitRepositoryError``, ``git.NoSuchPathError`` or
    ``git.GitCommandNotFound`` when there is no usable repository.
    """
    repo = git.Repo(root, search_parent_directories=True)
    if repo.working_tree_dir is None:
        repo.close()
        raise git.InvalidGitRepositoryError(f"{root}: dépôt sans copie de travail (bare)")
    prefix = Path(root).resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
    return repo, "" if prefix == "." else prefix + "/"


def is_shallow(repo: git.Repo) -> bool:
    return (Path(repo.common_dir) / "shallow").exists()


def has_commits(repo: git.Repo) -> bool:
    return repo.head.is_valid()


SPLIT_AT = 4000  # commits: from here on, two git processes diff the two halves of history at once
_LOG_ARGS = ("--topo-order", "-M", "--raw", "--no-abbrev", "-z", "--no-color", "--no-ext-diff",
             "--no-show-signature", _FORMAT)


def read_log(repo: git.Repo, *, split_at: int = SPLIT_AT) -> list[LoggedCommit]:
    """All commits with their changed files, newest first in topological order.

    No pathspec on purpose: with one, git diffs every commit twice (once to simplify history,
    once for ``--raw``), and hides side-branch commits whose merge kept one parent's tree.
    Callers keep the paths they want. Merge commits carry no changes of their own (git's
    default ``--diff-merges=off``): the commits merged in are listed with their own changes,
    and credited to their own authors. Renames are detected (``-M``) so that a moved folder
    keeps its history.

    Diffing each commit is most of the cost. On a long history (``split_at`` commits or more)
    and a machine with several cores, one ``git log`` reads the commits that are not ancestors
    of a middle commit M (``HEAD ^M``) while a second reads M and its ancestors: still one pass
    over history, in two halves at once. The first half's commits all come before the second's
    in topological order (none is an ancestor of M), so the two outputs, one after the other,
    are exactly what a single ``git log`` prints.
    """
    middle = _middle_commit(repo, split_at)
    if middle is None:
        process = repo.git.log(*_LOG_ARGS, as_process=True)
        # Parsed while git is still diffing older commits: the two overlap on two cores.
        commits = _parse_log(_tokens(process.proc.stdout), _MailmapCache(repo))
        process.wait()  # raises GitCommandError if git failed
        return commits
    newer = repo.git.log(*_LOG_ARGS, "HEAD", f"^{middle}", as_process=True)
    older = repo.git.log(*_LOG_ARGS, middle, as_process=True)
    older_out: list[bytes] = []
    reader = threading.Thread(target=lambda: older_out.append(older.proc.stdout.read()), daemon=True)
    reader.start()  # drains the second process while the first one's output is parsed
    tokens = itertools.chain(_tokens(newer.proc.stdout), _deferred_tokens(reader, older_out))
    commits = _parse_log(tokens, _MailmapCache(repo))
    newer.wait()
    older.wait()
    return commits


def _middle_commit(repo: git.Repo, split_at: int) -> str | None:
    """A commit in the middle of the first-parent line, when history is long enough to split."""
    if split_at <= 0 or (os.cpu_count() or 1) < 2:
        return None
    count = int(repo.git.rev_list("--count", "HEAD"))
    if count < split_at:
        return None
    line = repo.git.rev_list("--first-parent", "HEAD").split()
    return line[len(line) // 2] if len(line) >= 2 else None


def _deferred_tokens(reader: threading.Thread, out: list[bytes]) -> Iterator[str]:
    reader.join()
    yield from _tokens(io.BytesIO(out[0] if out else b""))


def _tokens(stream: IO[bytes]) -> Iterator[str]:
    """NUL-separated tokens of a stream, decoded as they arrive."""
    carry = b""
    while chunk := stream.read(1 << 20):
        parts = (carry + chunk).split(b"\0")
        carry = parts.pop()
        for part in parts:
            yield part.decode("utf-8", "surrogateescape")
    if carry:
        yield carry.decode("utf-8", "surrogateescape")


def _parse_log(tokens: Iterator[str], mailmap: _MailmapCache) -> list[LoggedCommit]:
    """Commits from ``--format=<_FORMAT> --raw -z`` output, read positionally.

    A header token starts with ``\\x1e``; a raw token starts with ``:`` and is followed by one
    path, or two for a rename or copy. Paths are taken by position, so none is mistaken for a
    header, whatever characters it holds.
    """
    commits: list[LoggedCommit] = []
    header: list[str] | None = None
    changes: list[Change] = []
    for raw in tokens:
        token = raw.lstrip("\n")
        if token.startswith(_HEADER):
            if header is not None:
                commits.append(_commit(header, changes, mailmap))
            header = [token[1:], *(next(tokens) for _ in range(6))]
            changes = []
            next(tokens)  # the empty token closing the format
        elif token.startswith(":"):
            meta = token.split(" ")
            status = meta[4][0]
            if status in "RC":
                old = next(tokens)
                changes.append(Change(status, next(tokens), old, meta[3]))
            else:
                changes.append(Change(status, next(tokens), None, meta[3]))
    if header is not None:
        commits.append(_commit(header, changes, mailmap))
    mailmap.resolve()
    return [LoggedCommit(_decoded(mailmap.apply(c.commit)), c.changes) for c in commits]


LEGACY_ENCODING = "cp1252"
"""How bytes that are not UTF-8 are read in commit headers and messages (names, subjects).

Git stores them as given: a commit made by an old tool, an import from another system, or with
``i18n.commitEncoding`` unset on a Latin-1 system carries ``Fran\\xe7oise``; a commit that declares
its encoding is already re-encoded by ``git log`` (``i18n.logOutputEncoding``, UTF-8). Each byte
that is not part of a UTF-8 sequence is read as Windows-1252 (Latin-1 plus the typographic
quotes and « œ » of Windows), so valid UTF-8 around it is kept; the five bytes Windows-1252
leaves undefined become U+FFFD. Paths are not read this way: they keep their bytes
(``surrogateescape``), as the file system gives them."""


def legacy_text(value: str) -> tuple[str, bool]:
    """``value`` (decoded from UTF-8 with ``surrogateescape``) as text, and whether any byte had
    to be read with ``LEGACY_ENCODING``."""
    if not _ESCAPED.search(value):
        return value, False
    return _ESCAPED.sub(lambda m: bytes(ord(c) - 0xDC00 for c in m.group())
                        .decode(LEGACY_ENCODING, "replace"), value), True


_ESCAPED = re.compile("[\udc80-\udcff]+")


def _decoded(commit: Commit) -> Commit:
    """``commit`` with its names and subject read as text (see ``LEGACY_ENCODING``), and an
    empty name (after .mailmap) replaced by ``ANONYMOUS``: every reader of history (pages,
    feed, open data) gets a name to show."""
    legacy: list[str] = []
    unnamed: list[str] = []

    def text(value: str, field: str) -> str:
        decoded, fallback = legacy_text(value)
        if fallback and field not in legacy:
            legacy.append(field)
        return decoded

    def person(p: Person, field: str) -> Person:
        name = text(p.name, field)
        if not any(unicodedata.category(c)[0] not in "ZC" for c in name):  # nothing visible
            name = ANONYMOUS
            if field not in unnamed:
                unnamed.append(field)
        return Person(name, text(p.email, field))

    author = person(commit.author, "author")
    coauthors = tuple(person(p, "co-author") for p in commit.coauthors)
    summary = text(commit.summary, "summary")
    if not legacy and not unnamed:
        return commit
    return Commit(commit.sha, commit.date, author, coauthors, summary, tuple(legacy), tuple(unnamed),
                  commit.imported)


ANONYMOUS = "contributeur·rice sans nom"
"""How a git author without a name (empty after .mailmap) is credited: never an empty line,
which Markdown would turn into a heading or an empty item, nor the e-mail address."""


def _commit(header: list[str], changes: list[Change], mailmap: _MailmapCache) -> LoggedCommit:
    sha, date, name, email, summary, trailers, imported = header
    coauthors = tuple(mailmap.request(value) for value in trailers.split(_TRAILER_SEP) if value)
    commit = Commit(sha, datetime.fromisoformat(date), Person(name, email), coauthors, summary,
                    imported=bool(imported.strip()))
    return LoggedCommit(commit, tuple(changes))


class _MailmapCache:
    """Co-authors named in trailers, mapped through ``.mailmap`` in batched calls."""

    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        self.raw: dict[str, Person] = {}
        self.mapped: dict[Person, Person] = {}

    def request(self, value: str) -> Person:
        person = self.raw.get(value)
        if person is None:
            match = _CONTACT.match(value)
            person = Person(*match.group("name", "email")) if match else Person(value.strip(), "")
            self.raw[value] = person
        return person

    def resolve(self) -> None:
        people = [p for p in dict.fromkeys(self.raw.values()) if p.email]
        for start in range(0, len(people), _MAILMAP_CHUNK):
            chunk = people[start : start + _MAILMAP_CHUNK]
            out = self.repo.git.check_mailmap(*(f"{p.name} <{p.email}>" for p in chunk))
            for person, line in zip(chunk, out.splitlines(), strict=True):
                match = _CONTACT.match(line)
                self.mapped[person] = Person(*match.group("name", "email")) if match else person

    def apply(self, commit: Commit) -> Commit:
        if not commit.coauthors:
            return commit
        coauthors = tuple(self.mapped.get(p, p) for p in commit.coauthors)
        return Commit(commit.sha, commit.date, commit.author, coauthors, commit.summary, imported=commit.imported)


def read_blobs(repo: git.Repo, names: Iterable[str]) -> dict[str, bytes]:
    """Contents of many objects in one ``git cat-file --batch``; missing ones are left out.

    ``names`` are blob shas or ``<rev>:<path>`` expressions (paths without newlines).
    """
    return {name: data for name, (_, data) in read_objects(repo, names).items()}


def read_objects(repo: git.Repo, names: Iterable[str]) -> dict[str, tuple[str, bytes]]:
    """Type (``blob``, ``tree``...) and contents of many objects in one ``git cat-file --batch``."""
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return {}
    process = repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)
    out, _ = process.proc.communicate("".join(f"{n}\n" for n in wanted).encode())
    objects: dict[str, tuple[str, bytes]] = {}
    pos = 0
    for name in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        pos = end + 1
        if header[-1] == b"missing" or len(header) != 3:
            continue
        size = int(header[2])
        objects[name] = (header[1].decode(), out[pos : pos + size])
        pos += size + 1
    return objects


def read_folders(repo: git.Repo, folders: Iterable[str]) -> dict[str, dict[str, bytes]]:
    """Regular files under many ``<rev>:<folder>`` trees, by path relative to each folder.

    One ``git cat-file --batch`` per level of depth, whatever the number of folders: each
    round reads the files found so far and the subtrees to open next. Symbolic links and
    submodules are left out; a name that is not a tree gives no entry.
    """
    result: dict[str, dict[str, bytes]] = {}
    # object name -> where it goes: (folder requested, path inside it, "" for its root)
    queue: dict[str, list[tuple[str, str]]] = {f: [(f, "")] for f in dict.fromkeys(folders)}
    while queue:
        objects = read_objects(repo, queue)
        following: dict[str, list[tuple[str, str]]] = {}
        for name, places in queue.items():
            kind, data = objects.get(name, ("", b""))
            for folder, path in places:
                if kind == "blob" and path and not path.endswith("/"):
                    result[folder][path] = data
                elif kind == "tree" and (not path or path.endswith("/")):
                    result.setdefault(folder, {})  # an empty folder still gives an entry
                    for mode, entry, sha in _tree_entries(data):
                        if mode == b"40000":
                            following.setdefault(sha, []).append((folder, f"{path}{entry}/"))
                        elif mode.startswith(b"100"):
                            following.setdefault(sha, []).append((folder, f"{path}{entry}"))
        queue = following
    return result


def _tree_entries(data: bytes) -> Iterator[tuple[bytes, str, str]]:
    """(mode, name, sha) of each entry of a raw tree object."""
    pos = 0
    while pos < len(data):
        space = data.index(b" ", pos)
        nul = data.index(b"\0", space)
        yield (
            data[pos:space],
            data[space + 1 : nul].decode("utf-8", "surrogateescape"),
            data[nul + 1 : nul + 21].hex(),
        )
        pos = nul + 21


def start_status(repo: git.Repo, pathspecs: Iterable[str]) -> Callable[[], list[str]]:
    """Start ``git status`` now; the returned function collects the paths that differ from
    HEAD (from the top of the repository), untracked ones included.

    Started before ``read_log`` so that both run at once.
    """
    process = repo.git.status(
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--no-renames",
        "--",
        *pathspecs,
        as_process=True,
    )

    def collect() -> list[str]:
        out = process.proc.stdout.read().decode("utf-8", "surrogateescape")
        process.wait()
        return [entry[3:] for entry in out.split("\0") if len(entry) > 3]

    return collect


def resolve_ref(repo: git.Repo, ref: str) -> str:
    """The commit sha a revision names, or ``UnknownRef``."""
    try:
        return str(
            repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        )
    except git.GitCommandError as error:
        raise UnknownRef(f"référence git inconnue\u00a0: {ref!r}") from error


def merge_base(repo: git.Repo, ref: str) -> str:
    """Where HEAD's branch left ``ref`` (``ref`` itself without HEAD or common ancestor)."""
    sha = resolve_ref(repo, ref)
    if not has_commits(repo):
        return sha
    try:
        return str(repo.git.merge_base(sha, "HEAD"))
    except git.GitCommandError:
        return sha


def changed_paths_since(repo: git.Repo, sha: str, pathspecs: Iterable[str]) -> list[str]:
    """Paths that differ between commit ``sha`` and the working tree, untracked ones included."""
    specs = list(pathspecs)
    tracked = repo.git.diff("--name-only", "-z", "--no-renames", "--no-ext-diff", sha, "--", *specs)
    untracked = repo.git.ls_files("-z", "--others", "--exclude-standard", "--", *specs)
    return [p for p in dict.fromkeys([*tracked.split("\0"), *untracked.split("\0")]) if p]
