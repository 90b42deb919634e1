"""``recettes export``: the open data files, one format to a file or all of them to a folder."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from recettes.catalog.network import read_catalog
from recettes.cli.options import handbook_address, repository_root, root_option
from recettes.core.addresses import IMPACT_SCHEMA, SiteUrls
from recettes.core.french import os_reason, plural
from recettes.core.licences import DEFAULT_LICENCE
from recettes.history.maintenance import Maintenance
from recettes.publish.feed import to_atom
from recettes.publish.files import write_files, write_open_data
from recettes.publish.impact import impact_report
from recettes.publish.impact import to_json as impact_json
from recettes.publish.opendata import (
    DATA_DIR,
    build_dataset,
    json_schema,
    to_csv,
    to_geojson,
    to_json,
)
from recettes.read.checks import validate_repository

FORMATS = ["json", "csv", "geojson", "atom", "schema", "impact", "all"]


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="all", show_default=True,
              help="json, csv, geojson, atom (flux), schema (schéma JSON de recettes.json), impact "
                   "(indicateurs d’utilité sociale additionnés, utilite-sociale.json), ou all.")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="Fichier à écrire (« - » pour la sortie standard) ; un dossier avec --format all.")
@click.option("--site-url", help="Adresse du guide publié (par défaut\u00a0: site_url de mkdocs.yml).")
@click.option("--strict", is_flag=True,
              help="Refuser d’écrire s’il y a une erreur de validation ou si l’historique git est "
                   "incomplet (clone superficiel), comme « mkdocs build --strict ».")
@root_option
def export_command(fmt: str, output: Path, site_url: str | None, strict: bool, root: Path | None) -> None:
    """Exporte les recettes publiées en données ouvertes (JSON, CSV, GeoJSON, Atom).

    Les fichiers sont écrits en entier ou pas du tout\u00a0: en cas d’échec, les précédents restent."""
    root = repository_root(root)
    site_url, config = handbook_address(root, site_url, "les données citent l’adresse de chaque recette")
    maintenance = config.maintenance if config is not None else Maintenance()
    licence = config.plugin.data_licence if config is not None else DEFAULT_LICENCE
    repo, report = validate_repository(root)
    if not report.ok:
        click.echo(f"⚠ {plural(len(report.errors), 'erreur')} de validation\u00a0: les recettes concernées "
                   "peuvent manquer (voir « recettes validate »).", err=True)
    # The build's rule and words for git problems (shallow clone, no repository: warnings).
    catalog, notes, network_problems = read_catalog(root, repo, maintenance, snapshots=False)
    report.problems += network_problems
    notes += [(logging.WARNING if p.is_error else logging.INFO, str(p)) for p in network_problems]
    for _, message in notes:
        click.echo(message, err=True)
    if strict and (not report.ok or any(level >= logging.WARNING for level, _ in notes)):
        for problem in report.errors:
            click.echo(str(problem), err=True)
        click.echo("✗ Export refusé (--strict)\u00a0: corrigez les erreurs et avertissements ci-dessus"
                   "\u00a0; aucun fichier n’a été écrit.", err=True)
        sys.exit(1)
    urls = SiteUrls(site_url)
    try:
        if fmt == "all":
            problems = write_open_data(catalog, output, site_url=site_url, urls=urls, licence=licence)
        else:
            dataset, problems = build_dataset(catalog, urls, licence)
            schema_url = urls.of(f"{DATA_DIR}/recettes.schema.json")
            text = {
                "json": lambda: to_json(dataset, schema_url),
                "csv": lambda: "\ufeff" + to_csv(dataset),
                "geojson": lambda: to_geojson(dataset),
                "atom": lambda: to_atom(dataset, urls, catalog),
                "schema": lambda: json.dumps(json_schema(schema_url), ensure_ascii=False, indent=2) + "\n",
                "impact": lambda: impact_json(impact_report(catalog, [r.slug for r in dataset.recipes]), dataset,
                                              urls.of(IMPACT_SCHEMA)),
            }[fmt]()
            if str(output) == "-":
                click.echo(text.lstrip("\ufeff"), nl=False)
            else:
                write_files({output: text})
    except OSError as error:
        where = error.filename or output
        click.echo(f"✗ {where}\u00a0: écriture impossible ({os_reason(error)})\u00a0; aucun fichier "
                   "n’a été remplacé, les précédents restent intacts.\n"
                   "  → Choisissez avec --output un fichier (un dossier avec --format all) où vous pouvez écrire.",
                   err=True)
        sys.exit(1)
    for problem in problems:
        click.echo(str(problem), err=True)
    if str(output) != "-":
        click.echo(f"✓ Écrit{'s' if fmt == 'all' else ''}\u00a0: {output}", err=True)
