"""History: when each recipe and ambassador was created and updated, by whom, and its versions.

``read_history`` reads the whole repository in one ``git log`` pass (see ``gitlog.py``), not one
git call per recipe. Choices, so that readers see what the holders did:

- **Merges** add nothing of their own: the commits they bring in are listed with their own
  authors and changes (no ``--first-parent``, which would credit whoever merged). A conflict
  resolution made inside a merge commit is therefore not shown.
- **Renames**: a folder whose files were moved (``git mv``, detected with ``-M``) keeps its
  history when the move emptied the old folder into one that did not exist yet (files are
  counted along the history). The old slug goes to ``former_slugs`` and to ``redirects``,
  unless a folder of that name exists again today: that one starts its own history.
- **People** are named after ``.mailmap``, co-authors (``Co-authored-by:`` trailers) too, and
  deduplicated by e-mail.
- **Order and dates**: commits are in git's topological order (children first), so identical
  timestamps keep the order in which they were made. ``created``/``updated`` are the earliest
  and latest author dates, which a rebase may leave out of order.
- **Versions**: a version starts at the commit where ``recipe.yml``'s ``version`` changed.
  Commits made before any version was set belong to the first version.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import git

from recettes.core import memo
from recettes.core.problems import Code, Problem, Severity
from recettes.core.sections import RECIPE_FILE, RECIPE_MD
from recettes.history.gitlog import (
    ANONYMOUS,
    Commit,
    LoggedCommit,
    Person,
    UnknownRef,
    has_commits,
    is_shallow,
    open_repo,
    read_blobs,
    read_folders,
    read_log,
    start_status,
)
from recettes.history.maintenance import Maintenance
from recettes.read.recipe_md import recipe_version

__all__ = [
    "Commit",
    "History",
    "HistoryIndex",
    "Person",
    "UnknownRef",
    "VersionEntry",
    "read_history",
    "read_many_files_at",
]

_Unit = tuple[str, str]  # ("recipe" | "ambassador", slug)
_RECIPE, _AMBASSADOR = "recipe", "ambassador"


@dataclass
class VersionEntry:
    """One version of a recipe, with the commits made while it was in force."""

    version: str  # "" when recipe.yml never had a readable version
    date: datetime  # date of the version's first commit
    commits: list[Commit]  # newest first; maintenance commits left out (see Maintenance)
    sha: str  # last commit at which this version was in force: render it from there
    folder: str = ""  # the recipe's folder at ``sha`` (an older name, before a rename)
    updated: datetime | None = None  # date of its last commit that is not maintenance


@dataclass
class History:
    """What git knows about one recipe folder or ambassador file."""

    created: datetime | None = None
    updated: datetime | None = None
    contributors: list[Person] = field(default_factory=list)  # by first contribution
    changelog: list[VersionEntry] = field(default_factory=list)  # newest first; recipes only
    former_slugs: list[str] = field(default_factory=list)  # older names, most recent first
    first_slug: str = ""  # its name at its first commit (even if it was renamed back to it since)
    uncommitted: bool = False  # the working tree differs from HEAD here


@dataclass
class HistoryIndex:
    recipes: dict[str, History] = field(default_factory=dict)
    ambassadors: dict[str, History] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # old recipe slug -> current slug
    problems: list[Problem] = field(default_factory=list)  # warnings with a fix hint
    available: bool = False  # False when no git history could be read


def read_history(
    root: Path, *, recipes_dir: str = "recipes", ambassadors_dir: str = "ambassadors",
    maintenance: Maintenance | None = None,
) -> HistoryIndex:
    """Histories of the recipes and ambassadors present in ``root``'s working tree.

    ``maintenance`` (with ``.git-blame-ignore-revs`` of the repository added) says which commits
    credit nobody."""
    layout = _Layout(recipes_dir.strip("/"), ambassadors_dir.strip("/"))
    present = layout.present(Path(root))
    try:
        repo, prefix = open_repo(Path(root))
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandNotFound) as e:
        return _without_git(
            present,
            _warning(
                ".",
                "Pas de dépôt git ici\u00a0: dates, contributeurs et versions sont inconnus"
                f" ({type(e).__name__}).",
                "Construisez depuis un clone git du dépôt (git clone …)\u00a0; sans"
                " historique, les dates viennent des métadonnées.",
            ),
        )
    index = _without_git(present)
    index.available = True
    with repo:
        layout = layout.within(prefix)
        if is_shallow(repo):
            index.problems.append(
                _warning(
                    ".",
                    "Historique git incomplet (clone superficiel)\u00a0: dates, contributeurs,"
                    " renommages et identifiants permanents partiels.",
                    "Récupérez tout l’historique\u00a0: git fetch --unshallow"
                    " (ou fetch-depth: 0 en CI).",
                )
            )
        try:
            dirty = start_status(repo, layout.pathspecs())
            try:
                rules = (maintenance or Maintenance()).with_file(Path(repo.working_tree_dir or root))
                head = repo.head.commit.hexsha if has_commits(repo) else ""
                key = (str(Path(repo.common_dir).resolve()), head, tuple(present), layout, rules,
                       _mailmap(Path(repo.working_tree_dir or root)))
                filled = _FILLED.get(key)
                if filled is None:
                    log = read_log(repo) if head else []
                    _fill(index, present, log, layout, repo, rules)
                    if len(_FILLED) > 8:
                        _FILLED.clear()
                    _FILLED[key] = filled = index
                index = _copy(filled)
            finally:
                changed = dirty()
            _flag_uncommitted(index, present, layout, changed)
        except git.GitCommandError as error:
            reason = (error.stderr or str(error)).strip().splitlines()
            return _without_git(
                present,
                _warning(
                    ".",
                    "Lecture de l’historique git impossible\u00a0: dates, contributeurs et"
                    f" versions sont inconnus ({reason[0] if reason else error.status}).",
                    "Vérifiez le dépôt (git fsck) ou reclonez-le\u00a0; en attendant, les dates"
                    " viennent des métadonnées.",
                ),
            )
    return index


_FILLED: dict[tuple[object, ...], HistoryIndex] = {}
"""Histories already read, by repository, HEAD commit, folders present, rules and .mailmap:
the same commits give the same histories, so a rebuild while serving (nothing committed in
between) skips ``git log`` and its parsing (measured: 0.5 s at 1,000 recipes). What is not
committed yet is flagged on a copy at every call."""
memo.register(_FILLED.clear)


def _copy(index: HistoryIndex) -> HistoryIndex:
    """A copy whose ``History`` objects and problem list can be changed (``_flag_uncommitted``)."""
    return HistoryIndex(
        recipes={slug: replace(history) for slug, history in index.recipes.items()},
        ambassadors={ident: replace(history) for ident, history in index.ambassadors.items()},
        redirects=dict(index.redirects), problems=list(index.problems), available=index.available)


def _mailmap(top: Path) -> str:
    try:
        return (top / ".mailmap").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _without_git(present: list[_Unit], *problems: Problem) -> HistoryIndex:
    """An index listing what is on disk, with no history (``available`` is False)."""
    return HistoryIndex(
        recipes={slug: History() for kind, slug in present if kind == _RECIPE},
        ambassadors={slug: History() for kind, slug in present if kind == _AMBASSADOR},
        problems=list(problems),
    )


def read_many_files_at(
    root: Path, wanted: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, bytes]]:
    """The files under each ``folder`` (relative to ``root``) at each commit ``sha``, by relative
    name, for many ``(sha, folder)`` pairs with a constant number of git calls.

    The handbook renders every older version of every recipe: one process per version would
    not scale. A pair whose folder did not exist at ``sha``, or whose ``sha`` is unknown, is
    left out; without a repository the result is empty.
    """
    pairs = list(dict.fromkeys(wanted))
    try:
        repo, prefix = open_repo(Path(root))
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandNotFound):
        return {}
    with repo:
        names = {f"{sha}:{prefix}{folder.strip('/')}": (sha, folder) for sha, folder in pairs}
        found = read_folders(repo, names)
    return {names[name]: files for name, files in found.items()}


@dataclass(frozen=True)
class _Layout:
    recipes: str
    ambassadors: str
    prefix: str = ""

    def within(self, prefix: str) -> _Layout:
        return _Layout(self.recipes, self.ambassadors, prefix)

    def pathspecs(self) -> list[str]:
        return [self.prefix + self.recipes, self.prefix + self.ambassadors]

    def unit(self, path: str) -> _Unit | None:
        """The recipe or ambassador a repository path belongs to."""
        if not path.startswith(self.prefix):
            return None
        parts = path[len(self.prefix) :].split("/")
        if len(parts) >= 3 and parts[0] == self.recipes and parts[1]:
            return (_RECIPE, parts[1])
        if len(parts) == 2 and parts[0] == self.ambassadors and parts[1].endswith(".yml"):
            return (_AMBASSADOR, parts[1][: -len(".yml")])
        return None

    def is_recipe_file(self, path: str) -> bool:
        return path.endswith(("/" + RECIPE_MD, "/" + RECIPE_FILE)) and path.count("/") == self.prefix.count("/") + 2

    def present(self, root: Path) -> list[_Unit]:
        recipes = root / self.recipes
        ambassadors = root / self.ambassadors
        units: list[_Unit] = []
        if recipes.is_dir():
            units += [(_RECIPE, p.name) for p in sorted(recipes.iterdir()) if p.is_dir()]
        if ambassadors.is_dir():
            units += [(_AMBASSADOR, p.stem) for p in sorted(ambassadors.glob("*.yml"))]
        return units

    def folder(self, unit: _Unit) -> str:
        kind, slug = unit
        return f"{self.recipes}/{slug}" if kind == _RECIPE else f"{self.ambassadors}/{slug}.yml"


def _fill(
    index: HistoryIndex,
    present: list[_Unit],
    log: list[LoggedCommit],
    layout: _Layout,
    repo: git.Repo,
    maintenance: Maintenance,
) -> None:
    touched = [_Touched.of(logged, layout) for logged in log]
    _confirm_folder_renames(touched)
    versions = _read_versions(repo, touched)
    per_unit = _assign_to_present(touched, set(present))
    warned: set[str] = set()
    for unit, seen in per_unit.items():
        history = (index.recipes if unit[0] == _RECIPE else index.ambassadors)[unit[1]]
        commits = [log[position].commit for position, _ in seen]
        for commit in commits:
            if commit.sha not in warned and (found := _identity_problems(commit, layout.folder(unit))):
                warned.add(commit.sha)
                index.problems += found
        history.created = min(c.date for c in commits)
        # Maintenance (a migration, a reformatting) does not make a recipe « mise à jour ».
        credited = [c.date for c in commits if not maintenance.covers(c)]
        history.updated = max(credited) if credited else max(c.date for c in commits)
        history.contributors = _contributors(c for c in reversed(commits) if not maintenance.covers(c))
        history.former_slugs = [n for n in dict.fromkeys(n for _, n in seen) if n != unit[1]]
        history.first_slug = seen[-1][1]
        if unit[0] == _RECIPE:
            history.changelog = _changelog(unit, seen, log, touched, versions, layout, maintenance)
            if history.changelog and not credited:  # only maintenance: its current version's start
                history.updated = history.changelog[0].date
            elif history.changelog and history.updated is not None:
                history.updated = max(history.updated, history.changelog[0].date)
            for old in history.former_slugs:
                if (_RECIPE, old) not in present:
                    index.redirects[old] = unit[1]


@dataclass
class _Touched:
    """What one commit did to recipes and ambassadors."""

    units: dict[_Unit, str | None]  # unit -> blob of its new recipe.yml (None if untouched)
    moves: list[tuple[_Unit, _Unit]]  # files moved from one unit to another
    deltas: dict[_Unit, int]  # change in each unit's number of files
    renames: list[tuple[_Unit, _Unit]] = field(default_factory=list)  # whole-folder renames

    @classmethod
    def of(cls, logged: LoggedCommit, layout: _Layout) -> _Touched:
        units: dict[_Unit, str | None] = {}
        moves: list[tuple[_Unit, _Unit]] = []
        deltas: dict[_Unit, int] = defaultdict(int)
        for change in logged.changes:
            unit = layout.unit(change.path)
            old = layout.unit(change.old_path) if change.old_path else None
            if unit is not None:
                if change.status != "D" and layout.is_recipe_file(change.path):
                    units[unit] = change.blob
                else:
                    units.setdefault(unit, None)
                deltas[unit] += {"A": 1, "C": 1, "D": -1, "R": 1}.get(change.status, 0)
            if old is not None and change.status == "R":
                deltas[old] -= 1
                if unit is not None and unit != old and unit[0] == old[0]:
                    moves.append((old, unit))
                else:
                    units.setdefault(old, None)
        return cls(units, list(dict.fromkeys(moves)), deltas)


def _confirm_folder_renames(touched: list[_Touched]) -> None:
    """Keep the moves that emptied a folder into one that did not exist before (oldest first)."""
    files: dict[_Unit, int] = defaultdict(int)
    for commit in reversed(touched):
        before = {new: files[new] for _, new in commit.moves}
        for unit, delta in commit.deltas.items():
            files[unit] += delta
        commit.renames = [
            (old, new) for old, new in commit.moves if before[new] <= 0 and files[old] <= 0
        ]


def _assign_to_present(
    touched: list[_Touched], present: set[_Unit]
) -> dict[_Unit, list[tuple[int, str]]]:
    """For each present unit, its commits (newest first) and its name at each of them."""
    owner: dict[_Unit, _Unit | None] = {unit: unit for unit in present}
    seen: dict[_Unit, list[tuple[int, str]]] = defaultdict(list)
    for position, commit in enumerate(touched):
        for unit in commit.units:
            if (current := owner.get(unit)) is not None:
                seen[current].append((position, unit[1]))
        if commit.renames:  # before this commit, the new names were the old ones
            earlier = {old: owner.get(new) for old, new in commit.renames}
            for _, new in commit.renames:
                owner[new] = None
            owner.update(earlier)
    return seen


def _read_versions(repo: git.Repo, touched: list[_Touched]) -> dict[str, str]:
    """The ``version`` of every recipe.yml blob seen in history, in one batch, read as the
    validator reads it (``top_level_value``)."""
    blobs = read_blobs(repo, (b for commit in touched for b in commit.units.values() if b))
    versions: dict[str, str] = {}
    for sha, data in blobs.items():
        found = recipe_version(data.decode("utf-8", "replace"))
        if found is not None and found[0] is not None and str(found[0]).strip():
            versions[sha] = str(found[0]).strip()
    return versions


def _contributors(commits_oldest_first: Iterable[Commit]) -> list[Person]:
    people: dict[str, Person] = {}
    for commit in commits_oldest_first:
        for person in (commit.author, *commit.coauthors):
            people.setdefault(person.key, person)
    return list(people.values())


def _changelog(
    unit: _Unit,
    seen: list[tuple[int, str]],
    log: list[LoggedCommit],
    touched: list[_Touched],
    versions: dict[str, str],
    layout: _Layout,
    maintenance: Maintenance,
) -> list[VersionEntry]:
    entries: list[VersionEntry] = []  # oldest first while building
    in_force: str | None = None
    for position, name in reversed(seen):
        commit = log[position].commit
        blob = touched[position].units.get((unit[0], name))
        version = versions.get(blob) if blob else None
        if not entries or (version is not None and version != in_force):
            if entries and in_force is None:  # commits before any version: the first one's
                entries[-1].version = version or ""
            else:
                entries.append(VersionEntry(version or "", commit.date, [], commit.sha))
            in_force = version
        entry = entries[-1]
        if not maintenance.covers(commit):
            entry.commits.insert(0, commit)
        entry.sha = commit.sha
        if not maintenance.covers(commit):
            entry.updated = commit.date
        entry.folder = layout.folder((unit[0], name))
    for entry in entries:
        entry.updated = entry.updated or entry.date
    return entries[::-1]


def _flag_uncommitted(
    index: HistoryIndex, present: list[_Unit], layout: _Layout, changed: list[str]
) -> None:
    dirty = {layout.unit(path) for path in changed}
    for unit in present:
        history = (index.recipes if unit[0] == _RECIPE else index.ambassadors)[unit[1]]
        if unit not in dirty:
            continue
        history.uncommitted = True
        what = "Recette" if unit[0] == _RECIPE else "Fiche d’ambassadeur·rice"
        if history.updated is None:
            message = (
                f"{what} pas encore commitée\u00a0: ni dates ni contributeurs dans git,"
                " les dates viennent des métadonnées."
            )
        else:
            message = (
                f"{what} modifiée depuis le dernier commit\u00a0: ces changements ne"
                " comptent pas encore dans les dates, contributeurs et versions."
            )
        index.problems.append(
            _warning(
                layout.folder(unit),
                message,
                f"Commitez-la\u00a0: git add {layout.folder(unit)} && git commit",
            )
        )


_LEGACY_FIELDS = {"author": "nom d’auteur·rice", "co-author": "nom de co-auteur·rice",
                  "summary": "message"}


def _identity_problems(commit: Commit, folder: str) -> list[Problem]:
    """Warnings about a commit that credits someone: bytes that were not UTF-8 (read with
    ``gitlog.LEGACY_ENCODING``), an author or co-author without a name (after .mailmap)."""
    problems = []
    short = commit.sha[:10]
    for part in commit.legacy:
        shown = {"author": commit.author.name, "summary": commit.summary}.get(
            part, ", ".join(p.name for p in commit.coauthors))
        problems.append(Problem(
            folder, 1, 1, Code.R071,
            f"commit {short}\u00a0: {_LEGACY_FIELDS[part]} qui n’est pas en UTF-8, lu en"
            f" Windows-1252\u00a0: « {shown} ».",
            ("Le message reste tel que lu (seule une réécriture de l’historique le corrigerait)"
             if part == "summary" else
             "Si le nom est mal lu, donnez-le dans .mailmap (« Nom Exact <courriel> »)")
            + "\u00a0; réglez en UTF-8 l’outil qui a fait ce commit.", Severity.WARNING))
    if commit.unnamed:
        who = "un·e co-auteur·rice" if commit.unnamed == ("co-author",) else "un·e auteur·rice"
        problems.append(Problem(
            folder, 1, 1, Code.R072,
            f"commit {short}\u00a0: {who} sans nom (après .mailmap)\u00a0: crédité·e"
            f" « {ANONYMOUS} ».",
            "Donnez son nom dans .mailmap (« Nom <courriel> »).", Severity.WARNING))
    return problems


def repository_wide(problem: Problem) -> bool:
    """Whether a history problem makes dates and credits unreliable for the whole repository
    (no repository, shallow clone, unreadable history), rather than for one file: the build
    logs these as warnings (``--strict`` fails) and so does ``recettes export`` (the same rule,
    the same ``--strict``)."""
    return problem.code is Code.R070 and problem.path == "."


def _warning(path: str, message: str, hint: str) -> Problem:
    """A git warning about a whole folder or file, placed at 1:1 like every whole-file problem
    (editors and CI annotations need a real line)."""
    return Problem(path, 1, 1, Code.R070, message, hint, Severity.WARNING)
