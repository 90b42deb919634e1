"""``recettes print``: printable cards and « recueils » (PDF) written to a folder."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from recettes.catalog.network import read_catalog
from recettes.cli.options import format_option, handbook_address, repository_root, root_option
from recettes.core.addresses import PRINT, SiteUrls
from recettes.core.french import NBSP, agree, and_list, os_reason, plural
from recettes.core.problems import Report
from recettes.publish.files import write_files
from recettes.publish.reporters import REPORTERS
from recettes.read.checks import validate_repository

if TYPE_CHECKING:
    from recettes.site.printing import Printed


@click.command("print")
@click.option("--territoire", "territories", multiple=True, metavar="ID",
              help="Le recueil d’un territoire (identifiant du vocabulaire ou code officiel, par exemple "
                   "pays-de-brest)\u00a0; plusieurs fois pour plusieurs recueils.")
@click.option("--thematique", "themes", multiple=True, metavar="ID",
              help="Le recueil d’une thématique (par exemple lien-social)\u00a0; plusieurs fois possible.")
@click.option("--sans-fiches", "no_cards", is_flag=True,
              help="Les recueils seulement, sans la fiche d’une page de chaque recette.")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"Dossier où écrire fiches/ et recueils/ (par défaut\u00a0: build/{PRINT} du dépôt).")
@click.option("--site-url", help="Adresse du guide publié (par défaut\u00a0: site_url de mkdocs.yml).")
@format_option
@root_option
def print_command(territories: tuple[str, ...], themes: tuple[str, ...], no_cards: bool, output: Path | None,
                  site_url: str | None, fmt: str, root: Path | None) -> None:
    """Écrit les documents à imprimer, en PDF\u00a0: la fiche d’une page de chaque recette (A5, avec
    un code QR vers l’adresse de la version imprimée) et un recueil par territoire ou par
    thématique (A4\u00a0: couverture, sommaire, recettes, portraits des ambassadeur·rices, sources
    et licences).

    Sans --territoire ni --thematique\u00a0: toutes les fiches, un recueil par territoire et un par
    thématique. Seules les recettes dont la licence permet d’en distribuer des copies sont
    imprimées\u00a0; les autres sont nommées dans le compte rendu. Les fichiers sont écrits tous ou
    aucun\u00a0: en cas d’échec, les précédents restent.
    """
    from recettes.site.printing import print_all  # WeasyPrint loads in 0.5 s: only for this command

    root = repository_root(root)
    site_url, config = handbook_address(root, site_url, "chaque fiche porte l’adresse de sa recette")
    output = output or root / "build" / PRINT
    repo, report = validate_repository(root)
    if not report.ok:
        click.echo(f"⚠ {plural(len(report.errors), 'erreur')} de validation\u00a0: les recettes concernées "
                   "peuvent manquer (voir «\u00a0recettes validate\u00a0»).", err=True)
    maintenance = config.maintenance if config is not None else None
    catalog, notes, network_problems = read_catalog(root, repo, maintenance, snapshots=False)
    for level, message in notes:
        if level >= logging.WARNING:
            click.echo(message, err=True)
    printed = print_all(catalog, SiteUrls(site_url), territories=territories or None,
                        themes=themes or None, cards=not no_cards)
    problems = network_problems + printed.problems
    if printed.ok and printed.files:
        try:
            write_files({output / path.removeprefix(f"{PRINT}/"): data for path, data in printed.files.items()})
        except OSError as error:
            click.echo(f"✗ {error.filename or output}\u00a0: écriture impossible ({os_reason(error)})"
                       "\u00a0; aucun fichier n’a été remplacé.\n"
                       "  → Choisissez avec --output un dossier où vous pouvez écrire.", err=True)
            sys.exit(1)
    REPORTERS[fmt](sys.stdout).report(Report(problems), _summary(printed, output, [catalog.meta(s).title for s in printed.excluded]))
    sys.exit(0 if printed.ok and printed.files else 1)


def _summary(printed: Printed, output: Path, excluded_titles: list[str]) -> str:
    excluded = ""
    if excluded_titles:
        count = len(excluded_titles)
        names = and_list([f"«{NBSP}{title}{NBSP}»" for title in excluded_titles])
        excluded = f" {plural(count, 'recette')} non {agree(count, 'imprimée', 'imprimées')} (licence)\u00a0: {names}."
    if not printed.ok or not printed.files:
        return f"✗ Rien n’a été écrit.{excluded}"
    cards = plural(len(printed.cards), "fiche")
    books = plural(len(printed.collections), "recueil")
    return f"✓ {cards} et {books} écrits dans {output}{NBSP}: fiches/ et recueils/.{excluded}"
