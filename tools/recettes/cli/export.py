"""``recettes export``: the open data files, one format to a file or all of them to a folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from recettes.catalog.catalog import Catalog
from recettes.publish.opendata import (
    SiteUrls,
    build_dataset,
    json_schema,
    to_csv,
    to_geojson,
    to_json,
    write_open_data,
)

FORMATS = ["json", "csv", "geojson", "atom", "schema", "all"]


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="all", show_default=True,
              help="json, csv, geojson, atom (flux), schema (schéma JSON de recettes.json), ou all.")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="Fichier à écrire (« - » pour la sortie standard) ; un dossier avec --format all.")
@click.option("--site-url", help="Adresse du guide publié (par défaut\u00a0: site_url de mkdocs.yml).")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Racine du dépôt (par défaut\u00a0: trouvée depuis le dossier courant).")
def export_command(fmt: str, output: Path, site_url: str | None, root: Path | None) -> None:
    """Exporte les recettes publiées en données ouvertes (JSON, CSV, GeoJSON, Atom)."""
    from recettes.read.checks import validate_repository
    from recettes.publish.feed import to_atom
    from recettes.history.history import read_history
    from recettes.read.load import find_root
    from recettes.site.config import mkdocs_settings

    root = (root or find_root(Path.cwd())).resolve()
    site_url = site_url or str(mkdocs_settings(root).get("site_url") or "")
    if not site_url:
        click.echo("✗ Option --site-url manquante\u00a0: mkdocs.yml n’a pas de site_url, or les données "
                   "citent l’adresse de chaque recette. Exemple\u00a0: --site-url https://recettes.example.org/",
                   err=True)
        sys.exit(2)
    repo, report = validate_repository(root)
    if not report.ok:
        click.echo(f"⚠ {len(report.errors)} erreur(s) de validation\u00a0: les recettes concernées "
                   "peuvent manquer (voir « recettes validate »).", err=True)
    history = read_history(root)
    catalog = Catalog.build(repo, history if history.available else None)
    urls = SiteUrls(site_url)
    if fmt == "all":
        problems = write_open_data(catalog, output, site_url=site_url, urls=urls)
    else:
        dataset, problems = build_dataset(catalog, urls)
        schema_url = urls.of("donnees/recettes.schema.json")
        text = {
            "json": lambda: to_json(dataset, schema_url),
            "csv": lambda: "\ufeff" + to_csv(dataset),
            "geojson": lambda: to_geojson(dataset),
            "atom": lambda: to_atom(dataset, urls, catalog),
            "schema": lambda: json.dumps(json_schema(schema_url), ensure_ascii=False, indent=2) + "\n",
        }[fmt]()
        if str(output) == "-":
            click.echo(text.lstrip("\ufeff"), nl=False)
        else:
            output.write_text(text, encoding="utf-8", newline="")
    for problem in problems:
        click.echo(str(problem), err=True)
    if str(output) != "-":
        click.echo(f"✓ Écrit{'s' if fmt == 'all' else ''}\u00a0: {output}", err=True)
