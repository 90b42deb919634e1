"""Options shared by the commands, each defined once: ``--root`` and ``--format``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from recettes.publish.reporters import REPORTERS
from recettes.read.load import find_root

F = TypeVar("F", bound=Callable[..., Any])

root_option: Callable[[F], F] = click.option(
    "--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="Un dossier du dépôt de recettes (par défaut\u00a0: le dossier courant)\u00a0; la racine "
         "est cherchée en remontant de là.")
format_option: Callable[[F], F] = click.option(
    "--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
    help="text pour les personnes, json pour les programmes, github pour les annotations de CI.")


def repository_root(root: Path | None, paths: Iterable[Path] = ()) -> Path:
    """The repository root: searched upward from ``--root``, else from the first path given,
    else from the current folder — the same rule for every command. A folder that is in no
    repository of recipes is a usage error (exit 2), with what to do."""
    start = root or next(iter(paths), None) or Path.cwd()
    found = find_root(Path(start)).resolve()
    if not (found / "recipes").is_dir() and not (found / "schema" / "vocabularies").is_dir():
        raise click.UsageError(f"{found} n’est pas dans un dépôt de recettes (ni recipes/ ni "
                               "schema/vocabularies/)\u00a0: placez-vous dans le dépôt, indiquez-le avec "
                               "--root, ou créez-en un avec « recettes init DOSSIER ».")
    return found
