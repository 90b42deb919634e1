"""FicheSource: one source of ``recettes import`` — a folder, a single Markdown file or a git
address (cloned by ``history.sources`` into a scratch folder) — with its fiches, its git
history when it has one, and the licence its LICENSE file states.

Files named README, LICENSE, CONTRIBUTING, CHANGELOG, SUMMARY or index are not fiches; hidden
folders are skipped; a symbolic link to a file outside the source is never read.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from recettes.core.licences import Clue, licence_clues
from recettes.core.network import is_git_address, public_address
from recettes.core.problems import Code, Problem
from recettes.history.sources import GitSource, SourceError, clone, read_git_source

_SKIPPED = frozenset({"readme", "license", "licence", "copying", "contributing", "changelog", "code_of_conduct",
                      "summary", "sommaire", "index"})
_LICENCE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "LICENCE.txt", "COPYING")


@dataclass
class FicheSource:
    """A source read: ``label`` as shown and recorded (an address, or the path as given),
    ``identity`` what a re-run recognises it by (an address, or the resolved folder)."""

    label: str
    identity: str
    root: Path
    files: list[Path]
    git: GitSource | None
    clues: list[Clue]


def open_source(text: str, scratch: Path, problems: list[Problem]) -> FicheSource | None:
    """The source ``text`` names (a path or a git address, cloned into ``scratch``), or None
    with a problem said."""
    if is_git_address(text):
        try:
            clone(text, scratch)
        except SourceError as error:
            problems.append(Problem(public_address(text), 1, 1, Code.R200, str(error),
                                           "Vérifiez l’adresse et vos droits d’accès, ou clonez le dépôt "
                                           "vous-même et donnez son dossier."))
            return None
        folder = scratch
    else:
        folder = Path(text).expanduser().resolve()
        if not folder.exists():
            problems.append(Problem(text, 1, 1, Code.R200, "source introuvable",
                                           "Donnez un dossier de fiches, un fichier .md ou l’adresse d’un dépôt git."))
            return None
    root = folder if folder.is_dir() else folder.parent
    git = read_git_source(root)
    if git is not None and is_git_address(git.address):
        label = identity = git.address  # the repository's own address (credentials removed)
    elif is_git_address(text):
        label = identity = public_address(text)
    else:
        label = git.address if git is not None else text
        identity = str(git.top if git is not None else root.resolve())
    files = [folder] if folder.is_file() else markdown_files(folder)
    clue_root = git.top if git is not None and folder.is_relative_to(git.top) else root
    clues = [c for name in _LICENCE_FILES if (clue_root / name).is_file()
             for c in licence_clues((clue_root / name).read_text(encoding="utf-8", errors="replace")[:4000])[:1]]
    return FicheSource(label, identity, root, files, git, clues)


def markdown_files(folder: Path) -> list[Path]:
    top = folder.resolve()
    found = [p for p in folder.rglob("*") if p.suffix.lower() in (".md", ".markdown") and p.is_file()
             and not any(part.startswith(".") for part in p.relative_to(folder).parts)
             and p.stem.casefold() not in _SKIPPED
             and p.resolve().is_relative_to(top)]  # a link to a file outside the source is never read
    return sorted(found, key=lambda p: unicodedata.normalize("NFC", p.relative_to(folder).as_posix()))
