"""Snapshot: a recipe as it was at one of its published versions, for the handbook.

Every version a recipe had in git stays readable at ``recettes/<slug>/v<version>/``. The
files of all older versions are read together (``read_many_files_at``: a constant number of
git calls, not one per version) and parsed by the same functions as the working tree
(``parse_yaml`` + ``Recipe``, ``parse_section``), so the same page function renders them.

Choices:

- The **current** version (``version`` in today's ``recipe.yml``) is a snapshot of the working
  tree: its versioned address exists from the day it is published, so a citation of it stays
  valid after the next version.
- An **older** version is read at the last commit where it was in force. It is skipped (with
  an INFO message, never a warning: authors cannot fix the past) when its files do not load
  without error, when its version does not fit in an address, or when it was a draft.
- Without git history, only the current version has a versioned page.
- ``redactions.yml`` (``core.redaction``) is applied to the files of every older version
  before they are parsed; when it cannot be read, no older version is published at all.

``build_catalog`` is what the plugin and ``recettes generate`` call: history read once, the
catalog, the snapshots, and the messages to log with their level.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.catalog.readiness import unknown_versions
from recettes.core import memo
from recettes.core.model import Status
from recettes.core.problems import Problem
from recettes.core.redaction import REDACTIONS_FILE, Redactions
from recettes.core.sections import RECIPE_FILE, RECIPE_MD
from recettes.history.history import (
    HistoryIndex,
    VersionEntry,
    read_history,
    read_many_files_at,
    repository_wide,
)
from recettes.history.maintenance import Maintenance
from recettes.read.load import RecipeEntry, Repository, parse_recipe
from recettes.read.redactions import load_redactions
from recettes.read.yamlfile import decode_text

SAFE_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.-]*$")
Note = tuple[int, str]  # (logging level, message)


@dataclass
class Snapshot:
    """One version of a recipe as readers see it at its versioned address."""

    version: str
    entry: RecipeEntry  # metadata and sections of that version
    date: datetime | None = None  # when the version was first committed
    updated: datetime | None = None  # its last commit
    media: dict[str, bytes] = field(default_factory=dict)  # media/… files of an older version
    current: bool = False


def build_catalog(root: Path, repo: Repository, maintenance: Maintenance | None = None, *,
                  snapshots: bool = True) -> tuple[Catalog, list[Note]]:
    """The catalog with history (and, unless ``snapshots`` is False, older versions), and the
    messages to log: the one place where git history becomes a catalog, for the build, ``recettes
    generate`` and ``recettes export`` alike (so a feed, a JSON-LD ``@id`` and an exported record
    carry the same dates, credits and ids).

    The rule for git problems, the same everywhere: those that make dates and credits
    unreliable for the whole repository (not a repository, shallow clone: ``repository_wide``)
    are WARNING, so that ``mkdocs build --strict`` and ``recettes export --strict`` refuse to
    publish and say to fetch the full history; the others (a file not yet committed, a name
    read from another encoding) are INFO: an author editing locally must still pass a strict
    build. ``repo.identities`` links git e-mails to ambassadors (``read.identities``).
    """
    history = read_history(root, maintenance=maintenance)
    notes: list[Note] = [(_level(problem), str(problem)) for problem in history.problems]
    catalog = Catalog.build(repo, history)
    if history.available:
        notes += [(logging.WARNING, str(problem)) for problem in _report_versions(catalog, history)]
    redactions, _ = load_redactions(root)  # its problems are reported by validation
    catalog.redactions = redactions or Redactions()
    if snapshots:
        catalog.snapshots, skipped = read_snapshots(root, catalog, history, redactions)
        notes += [(logging.INFO, message) for message in skipped]
    return catalog, notes


def _report_versions(catalog: Catalog, history: HistoryIndex) -> list[Problem]:
    """Reports that follow a version their recipe never had (``readiness.unknown_versions``)."""
    problems: list[Problem] = []
    for slug in catalog.recipes:
        record = history.recipes.get(slug)
        meta = catalog.meta(slug)
        known = {meta.version, *(c.version for c in meta.changelog)}
        known |= {entry.version for entry in (record.changelog if record is not None else []) if entry.version}
        problems += unknown_versions([(slug, r) for r in catalog.reproductions(slug)], known)
    return problems


def read_snapshots(
    root: Path, catalog: Catalog, history: HistoryIndex, redactions: Redactions | None = None
) -> tuple[dict[str, list[Snapshot]], list[str]]:
    """Snapshots of every published recipe, newest first, and why some versions were skipped.

    ``redactions`` None means ``redactions.yml`` could not be read: only current versions."""
    snapshots: dict[str, list[Snapshot]] = {}
    skipped: list[str] = []
    wanted: dict[str, list[VersionEntry]] = {}
    for slug in catalog.recipes:
        meta = catalog.meta(slug)
        record = history.recipes.get(slug)
        changelog = record.changelog if record is not None else []
        current = Snapshot(meta.version, catalog.recipes[slug], current=True)
        if changelog and changelog[0].version == meta.version:
            current.date, current.updated = changelog[0].date, changelog[0].updated or changelog[0].date
        snapshots[slug] = [current] if SAFE_VERSION.match(meta.version) else []
        seen = {meta.version}
        for entry in changelog:
            if not entry.version or entry.version in seen:
                continue
            seen.add(entry.version)
            if redactions is None:
                skipped.append(f"recipes/{slug}: version {entry.version} non publiée\u00a0:"
                               f" {REDACTIONS_FILE} illisible")
            elif SAFE_VERSION.match(entry.version):
                wanted.setdefault(slug, []).append(entry)
            else:
                skipped.append(f"recipes/{slug}: version « {entry.version} » sans page propre"
                               " (adresse impossible)")
    redactions = redactions or Redactions()
    pairs = [(e.sha, e.folder) for slug, entries in wanted.items() for e in entries
             if _key(slug, e, redactions) not in _PARSED]
    files = read_many_files_at(root, pairs)
    if len(_PARSED) > _PARSED_LIMIT:
        _PARSED.clear()
    for slug, entries in wanted.items():
        for entry in entries:
            key = _key(slug, entry, redactions)
            if key not in _PARSED:
                found = redactions.apply(slug, files.get((entry.sha, entry.folder), {}))
                _PARSED[key] = _snapshot(slug, entry, found)
            snapshot, reason = _PARSED[key]
            if snapshot is not None:
                snapshots[slug].append(snapshot)
            else:
                skipped.append(f"recipes/{slug}: version {entry.version} ({entry.sha[:10]})"
                               f" non publiée dans le guide\u00a0: {reason}")
    return snapshots, skipped


_PARSED: dict[tuple[object, ...], tuple[Snapshot | None, str]] = {}
"""Older versions already read, by recipe and commit: a commit's files never change, so a
rebuild while serving reads and parses only versions it has not seen (measured: 1 s of a 7 s
rebuild at 1,000 recipes). Cleared past ``_PARSED_LIMIT`` entries."""
memo.register(_PARSED.clear)
_PARSED_LIMIT = 50_000


def _key(slug: str, version: VersionEntry, redactions: Redactions) -> tuple[object, ...]:
    return (slug, version.sha, version.folder, version.version, version.date, version.updated,
            redactions.patterns(slug), tuple(redactions.for_recipe(slug)[1]))


def _snapshot(slug: str, version: VersionEntry, files: dict[str, bytes]) -> tuple[Snapshot | None, str]:
    base = f"{version.folder}@{version.sha[:10]}"
    if RECIPE_MD not in files and RECIPE_FILE not in files:
        return None, "ni recipe.md ni recipe.yml à ce commit"
    entry = RecipeEntry(slug, Path(version.folder), f"{base}/{RECIPE_MD}")
    problems = parse_recipe(entry, files, base, lambda name, shown: decode_text(files[name], shown))
    errors = [p for p in problems if p.is_error]  # the older layout's warning is no reason to skip
    if errors or entry.meta is None:
        return None, str(errors[0]) if errors else "métadonnées illisibles"
    if entry.meta.status is Status.DRAFT:
        return None, "brouillon à ce moment-là"
    if entry.meta.version != version.version:
        return None, f"ses métadonnées indiquent la version {entry.meta.version}"
    entry.files = sorted(files)
    media = {name: data for name, data in files.items()
             if name.startswith("media/") and not {"", ".", ".."} & set(name.split("/"))}
    return Snapshot(version.version, entry, version.date, version.updated or version.date, media), ""


def _level(problem: Problem) -> int:
    """Repository-wide git problems are warnings; a file not yet committed is information."""
    return logging.WARNING if repository_wide(problem) else logging.INFO
