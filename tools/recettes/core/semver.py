"""Semantic versions of recipes (semver.org 2.0.0), the one grammar used by the model, the
version check and the versioned addresses of the handbook.

``SemVer.parse`` raises ``InvalidVersion`` on anything else than ``MAJOR.MINOR.PATCH[-pre][+build]``.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from functools import total_ordering

_NUMBER = r"(0|[1-9][0-9]*)"  # [0-9], not \d: Python's \d takes any Unicode digit
_IDENT = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
_GRAMMAR = (
    rf"{_NUMBER}\.{_NUMBER}\.{_NUMBER}"
    rf"(?:-({_IDENT}(?:\.{_IDENT})*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)
SEMVER_PATTERN = f"^{_GRAMMAR}$"
"""The grammar as an anchored regular expression (for the JSON Schema of ``version``)."""
_SEMVER = re.compile(_GRAMMAR)


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
    """A semantic version; build metadata plays no part in ordering."""

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
