"""Options shared by the commands, each defined once: ``--root`` and ``--format``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from recettes.publish.reporters import REPORTERS
from recettes.read.load import find_root

if TYPE_CHECKING:
    from recettes.site.config import HandbookConfig

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


def handbook_address(root: Path, given: str | None, why: str) -> tuple[str, HandbookConfig | None]:
    """The handbook's public address (``--site-url``, else ``site_url`` of mkdocs.yml) and the
    configuration read, for the commands that write absolute addresses (``export``, ``print``).
    An invalid mkdocs.yml without ``--site-url``, or no address at all, is a usage error (exit
    2); ``why`` says in French why the command needs it."""
    from recettes.site.config import HandbookConfigError, read_mkdocs_config

    config = None
    try:
        config = read_mkdocs_config(root)
        given = given or config.site_url
    except HandbookConfigError as error:
        if not given and (root / "mkdocs.yml").is_file():
            click.echo(f"✗ {error}\n  → Corrigez mkdocs.yml, ou donnez l’adresse avec --site-url.", err=True)
            sys.exit(2)
    if not given:
        click.echo(f"✗ Option --site-url manquante\u00a0: mkdocs.yml n’a pas de site_url, or {why}. "
                   "Exemple\u00a0: --site-url https://recettes.example.org/", err=True)
        sys.exit(2)
    return given, config
