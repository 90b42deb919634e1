"""Lineage: what an adapted recipe changed from the version of its original it started from.

A recipe that declares ``adapted_from: {recipe: …}`` is compared, section by section
(``core.sections``), with one version of its original, its **base**:

- the version it names (``adapted_from.version``), read from the original's history
  (``Catalog.snapshots``, the same reading as the versioned pages); a version the original
  never had is a located error (R275) and the page compares with the current version instead,
  saying so;
- else the version in force when the adaptation was first committed (the original's
  ``Catalog.changelog``: the newest version whose first commit is not after it);
- else (no git history, adaptation not committed yet) the original's current version.

Every fallback is stated on the page (``Base.reason``), never silent. An original of another
source of the network works the same: the union catalog keeps its history and versions under its
union name (``catalog.network``). An ``url`` origin cannot be compared: the page says so.

How sections, items and words differ is ``catalog.sectiondiff``'s.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.catalog.sectiondiff import Change, SectionDiff, compare
from recettes.core.french import NBSP
from recettes.core.network import CACHE_DIR
from recettes.core.problems import Code, Problem
from recettes.core.sections import RECIPE_FILE, RECIPE_MD
from recettes.core.semver import InvalidVersion, SemVer
from recettes.history.history import read_history
from recettes.read.load import RECIPES_DIR, RecipeEntry, load_repository


class Reason(enum.StrEnum):
    """Why the original's version compared with is this one."""

    DECLARED = "declared"  # adapted_from.version, found in the original's history
    UNKNOWN = "unknown"  # adapted_from.version the original never had: current one instead (R275)
    UNREADABLE = "unreadable"  # a version of its history that cannot be read (draft, invalid): current one
    NO_HISTORY = "no-history"  # adapted_from.version, but no git history of the original: current one
    AT_ADAPTATION = "at-adaptation"  # no version declared: the one in force at the adaptation's first commit
    CURRENT = "current"  # no version declared, no date to go by: the current one


@dataclass(frozen=True)
class Base:
    """The original's version an adaptation is compared with, and why that one.

    ``declared``: what ``adapted_from.version`` says (None when absent); ``version``: the version
    compared with; ``date``: when the adaptation was first committed (``AT_ADAPTATION``)."""

    origin: str
    version: str
    reason: Reason
    declared: str | None = None
    date: datetime | None = None


@dataclass(frozen=True)
class Lineage:
    """What an adaptation changed: its base and every section of either text, in order."""

    slug: str
    base: Base
    sections: tuple[SectionDiff, ...]

    @property
    def changed(self) -> tuple[SectionDiff, ...]:
        return tuple(s for s in self.sections if s.change is not Change.SAME)


def lineage(catalog: Catalog, slug: str, entry: RecipeEntry | None = None) -> Lineage | None:
    """What ``slug`` (or ``entry``, one of its versions) changed from its original, or None when it
    is not adapted from a recipe of the catalog. Pure: reads the catalog's versions only."""
    entry = entry if entry is not None else catalog.recipes[slug]
    meta = entry.meta
    origin = meta.adapted_from.recipe if meta is not None and meta.adapted_from is not None else None
    if meta is None or meta.adapted_from is None or origin is None or origin not in catalog.recipes \
            or origin == slug:
        return None
    base, old = _base(catalog, slug, origin, meta.adapted_from.version)
    return Lineage(slug, base, compare(old.sections, entry.sections))


def _base(catalog: Catalog, slug: str, origin: str, declared: str | None) -> tuple[Base, RecipeEntry]:
    current = catalog.meta(origin).version
    readable = {s.version: s.entry for s in catalog.snapshots.get(origin, [])}
    readable.setdefault(current, catalog.recipes[origin])
    if declared is not None:
        if declared in readable:
            return Base(origin, declared, Reason.DECLARED, declared), readable[declared]
        reason = Reason.UNREADABLE if declared in known_versions(catalog, origin) \
            else Reason.NO_HISTORY if not catalog.changelog(origin) and not _beyond(declared, current) \
            else Reason.UNKNOWN
        return Base(origin, current, reason, declared), catalog.recipes[origin]
    created = catalog.created(slug)
    if created is not None:
        at = next((v.version for v in catalog.changelog(origin) if v.version and v.date <= created), None)
        if at is not None and at in readable:
            return Base(origin, at, Reason.AT_ADAPTATION, date=created), readable[at]
        if at is not None:
            return Base(origin, current, Reason.UNREADABLE, at, created), catalog.recipes[origin]
    return Base(origin, current, Reason.CURRENT), catalog.recipes[origin]


def known_versions(catalog: Catalog, slug: str) -> list[str]:
    """Every version ``slug`` ever had, newest first: its git history, then its current one."""
    found = [v.version for v in catalog.changelog(slug) if v.version]
    return list(dict.fromkeys([catalog.meta(slug).version, *found]))


def lineage_problems(catalog: Catalog) -> list[Problem]:
    """R275 for each ``adapted_from.version`` its original never had, at the key in the
    adaptation's file: not in its git history nor its current version; without the original's
    history, only a version past its current one (the build warns of the missing history, R070)."""
    problems = []
    for slug, entry in catalog.recipes.items():
        meta = entry.meta
        adapted = meta.adapted_from if meta is not None else None
        if adapted is None or adapted.version is None or adapted.recipe not in catalog.recipes:
            continue
        known = known_versions(catalog, adapted.recipe)
        current = catalog.meta(adapted.recipe).version
        if adapted.version in known or (not catalog.changelog(adapted.recipe)
                                        and not _beyond(adapted.version, current)):
            continue  # without history, only a version past the current one is known not to exist
        line, column = entry.doc.position(("adapted_from", "version")) if entry.doc is not None else (1, 1)
        listed = ", ".join(known[:8]) + ("…" if len(known) > 8 else "")
        source = catalog.origin(slug)  # a source's recipe: located in its clone, as its other problems
        shown = f"{CACHE_DIR.as_posix()}/{source.provenance.source}/{source.path}" if source is not None \
            else entry.meta_path
        problems.append(Problem(
            shown, line, column, Code.R275,
            f"la recette d’origine «{NBSP}{adapted.recipe}{NBSP}» n’a jamais eu la version {adapted.version}",
            f"Versions connues{NBSP}: {listed}. Indiquez celle dont l’adaptation est partie, ou retirez "
            f"«{NBSP}version{NBSP}»{NBSP}: la comparaison se fera avec la version en vigueur lors du premier "
            "enregistrement de l’adaptation."))
    return problems


_DECLARES_VERSION = re.compile(r"^adapted_from:[^\n]*\n(?:[ \t]+[^\n]*\n)*?[ \t]+version:", re.MULTILINE)
"""A recipe file that may declare ``adapted_from.version`` (a cheap filter; the YAML decides)."""


def check_declared_versions(root: Path, selected: Iterable[Path] | None = None) -> list[Problem]:
    """R275 without a build, for ``recettes validate``: the recipes (under ``selected``, or all)
    whose file declares ``adapted_from.version`` are read with their originals, and checked
    against the git history (one ``git log`` pass, only when one such recipe exists). Problems
    of the files themselves are validation's; without git, only a version past the original's
    current one is reported (as ``lineage_problems``)."""
    recipes = Path(root) / RECIPES_DIR
    chosen = [Path(p).resolve() for p in selected] if selected is not None else None
    folders = []
    for folder in sorted(recipes.iterdir()) if recipes.is_dir() else []:
        if chosen is not None and not any(folder.resolve() == c or c in folder.resolve().parents
                                          or folder.resolve() in c.parents for c in chosen):
            continue
        text = next((f.read_text(encoding="utf-8", errors="replace") for name in (RECIPE_MD, RECIPE_FILE)
                     if (f := folder / name).is_file()), "")
        if _DECLARES_VERSION.search(text.replace("\r\n", "\n")):
            folders.append(folder)
    if not folders:
        return []
    repo = load_repository(Path(root), folders)
    originals = {entry.meta.adapted_from.recipe for entry in repo.recipes.values()
                 if entry.meta is not None and entry.meta.adapted_from is not None and entry.meta.adapted_from.recipe}
    repo = load_repository(Path(root), folders + [recipes / slug for slug in sorted(originals)
                                                  if slug in repo.recipe_slugs])
    catalog = Catalog.build(repo, read_history(Path(root)))
    wanted = {folder.name for folder in folders}
    return [p for p in lineage_problems(catalog) if p.path.split("/")[1:2] and p.path.split("/")[1] in wanted]


def _beyond(version: str, current: str) -> bool:
    """Whether ``version`` comes after ``current`` (semantic versions; False when unreadable)."""
    try:
        return SemVer.parse(version) > SemVer.parse(current)
    except InvalidVersion:
        return False


__all__ = ["Base", "Lineage", "Reason", "check_declared_versions", "known_versions", "lineage", "lineage_problems"]
