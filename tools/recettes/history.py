"""History: when each recipe and ambassador was created and updated, by whom, and its versions.

``read_history`` reads the whole repository in one ``git log`` pass (see ``gitlog.py``), not one
git call per recipe. Choices, so that readers see what the holders did:

- **Merges** add nothing of their own: the commits they bring in are listed with their own
  authors and changes (no ``--first-parent``, which would credit whoever merged). A conflict
  resolution made inside a merge commit is therefore not shown.
- **Renames**: a folder whose files were moved (``git mv``, detected with ``-M``) to a new
  folder keeps its history; the old slug is kept in ``former_slugs`` and in ``redirects``,
  unless a folder of that name exists again today.
- **People** are named after ``.mailmap``, co-authors (``Co-authored-by:`` trailers) too, and
  deduplicated by e-mail.
- **Order**: commits are in git's topological order (children first), so identical timestamps
  keep the order in which they were made.
- **Versions**: a version starts at the commit where ``recipe.yml``'s ``version`` changed.
  Commits made before any version was set belong to the first version.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

import git

from recettes.gitlog import (
    Commit,
    LoggedCommit,
    Person,
    UnknownRef,
    changed_paths_in_worktree,
    has_commits,
    is_shallow,
    open_repo,
    read_blobs,
    read_log,
)
from recettes.problems import Code, Problem, Severity

__all__ = [
    "Commit", "History", "HistoryIndex", "Person", "UnknownRef", "VersionEntry",
    "read_files_at", "read_history",
]

_VERSION_LINE = re.compile(
    rb"""^version[ \t]*:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"]+))[ \t]*(?:\#.*)?$""",
    re.MULTILINE,
)
_Unit = tuple[str, str]  # ("recipe" | "ambassador", slug)
_RECIPE, _AMBASSADOR = "recipe", "ambassador"


@dataclass
class VersionEntry:
    """One version of a recipe, with the commits made while it was in force."""

    version: str  # "" when recipe.yml never had a readable version
    date: datetime  # date of the version's first commit
    commits: list[Commit]  # newest first
    sha: str  # last commit at which this version was in force: render it from there
    folder: str = ""  # the recipe's folder at ``sha`` (an older name, before a rename)


@dataclass
class History:
    """What git knows about one recipe folder or ambassador file."""

    created: datetime | None = None
    updated: datetime | None = None
    contributors: list[Person] = field(default_factory=list)  # by first contribution
    changelog: list[VersionEntry] = field(default_factory=list)  # newest first; recipes only
    former_slugs: list[str] = field(default_factory=list)  # older names, most recent first
    uncommitted: bool = False  # the working tree differs from HEAD here


@dataclass
class HistoryIndex:
    recipes: dict[str, History] = field(default_factory=dict)
    ambassadors: dict[str, History] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # old recipe slug -> current slug
    problems: list[Problem] = field(default_factory=list)  # warnings with a fix hint
    available: bool = False  # False when no git history could be read


def read_history(
    root: Path, *, recipes_dir: str = "recipes", ambassadors_dir: str = "ambassadors"
) -> HistoryIndex:
    """Histories of the recipes and ambassadors present in ``root``'s working tree."""
    layout = _Layout(recipes_dir.strip("/"), ambassadors_dir.strip("/"))
    present = layout.present(Path(root))
    index = HistoryIndex(
        recipes={slug: History() for kind, slug in present if kind == _RECIPE},
        ambassadors={slug: History() for kind, slug in present if kind == _AMBASSADOR},
    )
    try:
        repo, prefix = open_repo(Path(root))
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandNotFound) as e:
        index.problems.append(_warning(
            ".",
            "Pas de dépôt git ici : dates, contributeurs et versions sont inconnus"
            f" ({type(e).__name__}).",
            "Construisez depuis un clone git du dépôt (git clone …) ; sans historique, les"
            " dates viennent des métadonnées.",
        ))
        return index
    index.available = True
    layout = layout.within(prefix)
    if is_shallow(repo):
        index.problems.append(_warning(
            ".",
            "Historique git incomplet (clone superficiel) : dates et contributeurs partiels.",
            "Récupérez tout l’historique : git fetch --unshallow (ou fetch-depth: 0 en CI).",
        ))
    log = read_log(repo, layout.pathspecs()) if has_commits(repo) else []
    _fill(index, present, log, layout, repo)
    _flag_uncommitted(index, present, layout, repo)
    return index


def read_files_at(root: Path, sha: str, folder: str) -> dict[str, bytes]:
    """The files under ``folder`` (relative to ``root``) at commit ``sha``, by relative name.

    Empty when the folder did not exist then; ``UnknownRef`` when ``sha`` is unknown.
    """
    try:
        repo, prefix = open_repo(Path(root))
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as error:
        raise UnknownRef(f"pas de dépôt git dans {root}") from error
    try:
        tree = repo.commit(sha).tree
    except (git.BadName, ValueError) as error:
        raise UnknownRef(f"commit inconnu : {sha!r}") from error
    try:
        folder_tree = tree / (prefix + folder.strip("/"))
    except KeyError:
        return {}
    if folder_tree.type != "tree":
        return {}
    base = PurePosixPath(folder_tree.path)
    return {
        PurePosixPath(item.path).relative_to(base).as_posix(): item.data_stream.read()
        for item in folder_tree.traverse()
        if item.type == "blob"
    }


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
        parts = path[len(self.prefix):].split("/")
        if len(parts) >= 3 and parts[0] == self.recipes and parts[1]:
            return (_RECIPE, parts[1])
        if len(parts) == 2 and parts[0] == self.ambassadors and parts[1].endswith(".yml"):
            return (_AMBASSADOR, parts[1][: -len(".yml")])
        return None

    def is_recipe_file(self, path: str) -> bool:
        return path.endswith("/recipe.yml") and path.count("/") == self.prefix.count("/") + 2

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
    index: HistoryIndex, present: list[_Unit], log: list[LoggedCommit], layout: _Layout,
    repo: git.Repo,
) -> None:
    current = set(present)
    touched: list[dict[_Unit, str | None]] = []  # per commit: unit -> new recipe.yml blob
    renames: list[list[tuple[_Unit, _Unit]]] = []  # per commit: (old unit, new unit)
    for logged in log:
        units: dict[_Unit, str | None] = {}
        moved: list[tuple[_Unit, _Unit]] = []
        for change in logged.changes:
            unit = layout.unit(change.path)
            if unit is not None:
                blob = None
                if change.status != "D" and layout.is_recipe_file(change.path):
                    blob = change.blob
                if blob or unit not in units:
                    units[unit] = blob
            old = layout.unit(change.old_path) if change.old_path else None
            if old is not None:
                units.setdefault(old, None)
                if change.status == "R" and unit is not None and old != unit and old[0] == unit[0]:
                    moved.append((old, unit))
        touched.append(units)
        renames.append(list(dict.fromkeys(moved)))

    final = _resolve_renames(renames, current)
    versions = _read_versions(repo, touched)
    per_unit: dict[_Unit, list[int]] = defaultdict(list)  # commit positions, newest first
    for position, units in enumerate(touched):
        for owner in dict.fromkeys(final.get(u) for u in units):
            if owner is not None:
                per_unit[owner].append(position)

    for old, new in final.items():
        if old != new:
            target = index.recipes if new[0] == _RECIPE else index.ambassadors
            target[new[1]].former_slugs.append(old[1])
            if new[0] == _RECIPE:
                index.redirects[old[1]] = new[1]
    for unit, positions in per_unit.items():
        history = (index.recipes if unit[0] == _RECIPE else index.ambassadors)[unit[1]]
        commits = [log[p].commit for p in positions]
        history.created = min(c.date for c in commits)
        history.updated = max(c.date for c in commits)
        history.contributors = _contributors(reversed(commits))
        history.former_slugs = _by_recency(history.former_slugs, unit, positions, renames)
        if unit[0] == _RECIPE:
            history.changelog = _changelog(
                unit, positions, log, touched, renames, versions, layout,
            )


def _resolve_renames(
    renames: list[list[tuple[_Unit, _Unit]]], current: set[_Unit]
) -> dict[_Unit, _Unit]:
    """Map every unit name seen in history to the present unit it became (if any)."""
    successor: dict[_Unit, _Unit] = {}
    for moved in renames:  # newest first: the latest rename of a name wins
        for old, new in moved:
            if old not in current:
                successor.setdefault(old, new)
    final: dict[_Unit, _Unit] = {unit: unit for unit in current}
    for start in successor:
        seen, unit = {start}, successor[start]
        while unit not in current and unit in successor and unit not in seen:
            seen.add(unit)
            unit = successor[unit]
        if unit in current:
            final[start] = unit
    return final


def _read_versions(repo: git.Repo, touched: list[dict[_Unit, str | None]]) -> dict[str, str]:
    """The ``version:`` value of every recipe.yml blob seen in history, in one batch."""
    blobs = read_blobs(repo, (b for units in touched for b in units.values() if b))
    versions: dict[str, str] = {}
    for sha, data in blobs.items():
        match = _VERSION_LINE.search(data)
        if match:
            value = next(g for g in match.groups() if g is not None).strip()
            if value:
                versions[sha] = value.decode("utf-8", "replace")
    return versions


def _contributors(commits_oldest_first: Iterable[Commit]) -> list[Person]:
    people: dict[str, Person] = {}
    for commit in commits_oldest_first:
        for person in (commit.author, *commit.coauthors):
            people.setdefault(person.key, person)
    return list(people.values())


def _names_at(
    unit: _Unit, positions: list[int], renames: list[list[tuple[_Unit, _Unit]]]
) -> list[str]:
    """The unit's name at each of its commits (newest first), walking renames backwards."""
    name, names = unit, []
    for position in positions:
        names.append(name[1])
        for old, new in renames[position]:
            if new == name:
                name = old
                break
    return names


def _by_recency(
    former: list[str], unit: _Unit, positions: list[int],
    renames: list[list[tuple[_Unit, _Unit]]],
) -> list[str]:
    order = list(dict.fromkeys(_names_at(unit, positions, renames)))
    return sorted(former, key=lambda s: order.index(s) if s in order else len(order))


def _changelog(
    unit: _Unit, positions: list[int], log: list[LoggedCommit],
    touched: list[dict[_Unit, str | None]], renames: list[list[tuple[_Unit, _Unit]]],
    versions: dict[str, str], layout: _Layout,
) -> list[VersionEntry]:
    names = _names_at(unit, positions, renames)
    entries: list[VersionEntry] = []  # oldest first while building
    in_force: str | None = None
    for position, name in zip(reversed(positions), reversed(names), strict=True):
        commit = log[position].commit
        blob = touched[position].get((unit[0], name))
        version = versions.get(blob) if blob else None
        if not entries or (version is not None and version != in_force):
            if entries and in_force is None:  # commits before any version: the first one's
                entries[-1].version = version or ""
            else:
                entries.append(VersionEntry(version or "", commit.date, [], commit.sha))
            in_force = version
        entry = entries[-1]
        entry.commits.insert(0, commit)
        entry.sha = commit.sha
        entry.folder = layout.folder((unit[0], name))
    return entries[::-1]


def _flag_uncommitted(
    index: HistoryIndex, present: list[_Unit], layout: _Layout, repo: git.Repo
) -> None:
    dirty = {layout.unit(path) for path in changed_paths_in_worktree(repo, layout.pathspecs())}
    for unit in present:
        history = (index.recipes if unit[0] == _RECIPE else index.ambassadors)[unit[1]]
        if unit not in dirty:
            continue
        history.uncommitted = True
        what = "Recette" if unit[0] == _RECIPE else "Fiche ambassadeur·ice"
        if history.updated is None:
            message = (f"{what} pas encore commitée : ni dates ni contributeurs dans git,"
                       " les dates viennent des métadonnées.")
        else:
            message = (f"{what} modifiée depuis le dernier commit : ces changements ne"
                       " comptent pas encore dans les dates, contributeurs et versions.")
        index.problems.append(_warning(
            layout.folder(unit), message,
            f"Commitez-la : git add {layout.folder(unit)} && git commit",
        ))


def _warning(path: str, message: str, hint: str) -> Problem:
    """A git warning about a whole folder or file: no line, no column (0:0)."""
    return Problem(path, 0, 0, Code.R070, message, hint, Severity.WARNING)
