"""Maintenance: commits that reorganise the corpus (starter content, formatting, migrations,
imports) and must credit nobody — by identity (``maintenance_authors`` of the plugin), by commit
(``.git-blame-ignore-revs``, the file ``git blame`` and the forges read for the same purpose) or
by trailer (``Recettes-Import:``, the commit that adds recipes made by ``recettes import``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from recettes.core import memo
from recettes.core.french import fold
from recettes.history.gitlog import Commit

IGNORE_REVS_FILE = ".git-blame-ignore-revs"
"""Commits that only reorganise the corpus, one full SHA a line (``#`` comments): the file that
``git blame --ignore-revs-file`` and the forges already read for the same purpose."""


@dataclass(frozen=True)
class Maintenance:
    """Commits that credit nobody: made by a maintenance identity (``authors``: e-mails or names,
    compared without case or accents) or listed in ``.git-blame-ignore-revs`` (``commits``).
    They still date the files and mark versions; they add no contributor and no line to
    « Historique »."""

    authors: frozenset[str] = frozenset()
    commits: frozenset[str] = frozenset()

    @classmethod
    def of(cls, authors: Iterable[str] = (), commits: Iterable[str] = ()) -> Maintenance:
        return cls(frozenset(_folded(a) for a in authors if a.strip()), frozenset(c.lower() for c in commits))

    def covers(self, commit: Commit) -> bool:
        """Whether ``commit`` is maintenance (its co-authors too are then not credited)."""
        if commit.imported or commit.sha.lower() in self.commits:
            return True
        author = commit.author
        return bool(self.authors & {_folded(author.email), _folded(author.name)} - {""})

    def with_file(self, root: Path) -> Maintenance:
        """These rules plus the commits listed in ``root/.git-blame-ignore-revs``."""
        try:
            lines = (root / IGNORE_REVS_FILE).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return self
        listed = {line.split("#", 1)[0].strip().lower() for line in lines}
        return Maintenance(self.authors, self.commits | {sha for sha in listed if sha})


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """Cached: the same few authors come back for every commit of every build."""
    return " ".join(fold(text).split())


memo.register(_folded.cache_clear)
