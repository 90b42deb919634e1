"""Versions: semantic versions of recipes, and the check that every changed recipe bumps its own.

``check_versions`` compares each recipe changed since a base revision (working tree included,
untracked files too) with its state at the point where the current branch left that base
(``git merge-base``, as ``git diff REF...`` does), so that recipes changed on the base branch
meanwhile are not blamed on this one.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from functools import total_ordering
from pathlib import Path

import git
import yaml

from recettes.history.gitlog import UnknownRef, changed_paths_since, merge_base, open_repo, read_blobs
from recettes.core.problems import Code, Problem

__all__ = ["Bump", "InvalidVersion", "SemVer", "UnknownRef", "check_versions", "default_base"]

SECTION_FILES = ("how-to.md", "obstacles.md", "enablers.md", "reproducibility.md")
_IDENT = r"(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)"
_SEMVER = re.compile(
    rf"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    rf"(?:-({_IDENT}(?:\.{_IDENT})*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)
_ITEM = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)


class InvalidVersion(ValueError):
    """Text that is not a strict semantic version (``MAJOR.MINOR.PATCH[-pre][+build]``)."""


class Bump(enum.Enum):
    """How much a change weighs, with its French name."""

    PATCH = "correctif"
    MINOR = "mineure"
    MAJOR = "majeure"


@total_ordering
@dataclass(frozen=True)
class SemVer:
    """A semantic version (semver.org 2.0.0); build metadata plays no part in ordering."""

    major: int
    minor: int
    patch: int
    prerelease: tuple[str, ...] = ()
    build: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def parse(cls, text: str) -> SemVer:
        match = _SEMVER.fullmatch(text)
        if match is None:
            raise InvalidVersion(text)
        major, minor, patch, pre, build = match.groups()
        return cls(
            int(major),
            int(minor),
            int(patch),
            tuple(pre.split(".")) if pre else (),
            tuple(build.split(".")) if build else (),
        )

    def _key(self) -> tuple[object, ...]:
        # A release sorts after its prereleases; numeric identifiers before alphanumeric ones.
        pre = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.prerelease)
        return (self.major, self.minor, self.patch, not self.prerelease, pre)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() < other._key()

    def bump(self, kind: Bump) -> SemVer:
        """The next version of this kind; a prerelease is first released (1.0.0-rc.1 → 1.0.0)."""
        pre = bool(self.prerelease)
        if kind is Bump.MAJOR:
            if pre and self.minor == 0 and self.patch == 0:
                return SemVer(self.major, 0, 0)
            return SemVer(self.major + 1, 0, 0)
        if kind is Bump.MINOR:
            if pre and self.patch == 0:
                return SemVer(self.major, self.minor, 0)
            return SemVer(self.major, self.minor + 1, 0)
        return SemVer(self.major, self.minor, self.patch + (0 if pre else 1))

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(self.prerelease)
        if self.build:
            text += "+" + ".".join(self.build)
        return text


def guess_bump(before: dict[str, str], after: dict[str, str]) -> Bump:
    """Major if at least half of the section items changed or went, minor if one was added.

    ``before`` and ``after`` map section file names to their text. Items are ``## `` headings
    with the text under them; whitespace changes do not count.
    """
    old = {(f, t): body for f, text in before.items() for t, body in _items(text).items()}
    new = {(f, t): body for f, text in after.items() for t, body in _items(text).items()}
    gone_or_changed = sum(1 for key, body in old.items() if new.get(key) != body)
    if old and 2 * gone_or_changed >= len(old):
        return Bump.MAJOR
    if new.keys() - old.keys():
        return Bump.MINOR
    return Bump.PATCH


def _items(text: str) -> dict[str, str]:
    parts = _ITEM.split(text)
    return {title: " ".join(body.split()) for title, body in zip(parts[1::2], parts[2::2])}


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
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return None
        if not isinstance(node, yaml.MappingNode):
            return None
        for key, value in node.value:
            if key.value == "version" and isinstance(value, yaml.ScalarNode):
                mark = value.start_mark
                return cls(str(value.value), mark.line + 1, mark.column + 1)
        return cls(None)

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
            if len(parts) >= 3 and (root / recipes_dir / parts[1] / "recipe.yml").is_file():
                changed.setdefault(parts[1], []).append("/".join(parts[2:]))
        names = [
            f"{sha}:{prefix}{recipes_dir}/{slug}/{name}"
            for slug in changed
            for name in ("recipe.yml", *SECTION_FILES)
        ]
        blobs = read_blobs(repo, names)
    problems: list[Problem] = []
    for slug, files in sorted(changed.items()):
        folder = root / recipes_dir / slug
        at_base = {
            name: data.decode("utf-8", "replace")
            for name in ("recipe.yml", *SECTION_FILES)
            if (data := blobs.get(f"{sha}:{prefix}{recipes_dir}/{slug}/{name}")) is not None
        }
        now = {name: _read_text(folder / name) for name in ("recipe.yml", *SECTION_FILES)}
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
    old = _Version.read(before.get("recipe.yml"))
    new = _Version.read(after.get("recipe.yml"))
    if old is None or new is None:  # new recipe, or YAML that `validate` reports
        return None
    previous = old.semver()
    if previous is None:  # no valid version to compare with at base
        if new.raw is not None and new.semver() is None:
            return _invalid(folder, new, SemVer(1, 0, 0), "")
        return None
    kind = guess_bump(
        {k: v for k, v in before.items() if k != "recipe.yml"},
        {k: v for k, v in after.items() if k != "recipe.yml"},
    )
    proposed = previous.bump(kind)
    hint = _hint(previous)
    path = f"{folder}/recipe.yml"
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
        return _invalid(folder, new, proposed, hint)
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


def _invalid(folder: str, version: _Version, proposed: SemVer, hint: str) -> Problem:
    return Problem(
        f"{folder}/recipe.yml",
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
