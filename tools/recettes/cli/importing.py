"""``recettes import``: legacy Markdown fiches (folders, files or git repositories) -> draft
recipes in recipes/, with a report (text, JSON or GitHub annotations). Exit 0 when the drafts
were written (warnings allowed), 1 when errors were found (nothing written), 2 for usage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from recettes.cli.options import format_option, repository_root, root_option
from recettes.core.french import NBSP
from recettes.core.problems import Report
from recettes.publish.reporters import REPORTERS
from recettes.read.load import RECIPES_DIR
from recettes.read.vocabulary import load_vocabulary
from recettes.scaffold.importing.report import report_dict, summary
from recettes.scaffold.importing.run import ImportOptions, import_sources
from recettes.scaffold.scaffold import NewRecipe, recipe_errors


@click.command("import")
@click.argument("sources", nargs=-1, required=True)
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DOSSIER",
              help="Dossier des recettes à écrire (par défaut\u00a0: recipes/ du dépôt).")
@click.option("--territory", metavar="ID", help="Identifiant du territoire de ces recettes (schema/vocabularies/territories.yml).")
@click.option("--theme", "themes", multiple=True, metavar="ID", help="Thématique de ces recettes (répétable, 1 à 5).")
@click.option("--licence-version", metavar="VERSION", help="Version d’une licence que les fiches citent sans version (ex. 4.0), "
              "si vous l’avez vérifiée\u00a0: l’import n’en invente jamais.")
@click.option("--split/--no-split", default=None,
              help="Un fichier à plusieurs titres de niveau 1\u00a0: une recette par titre (--split) ou une "
                   "seule (--no-split). Par défaut, découpé seulement quand les fiches se ressemblent.")
@click.option("--no-download", is_flag=True, help="Ne télécharger aucune image distante (elles restent des liens).")
@click.option("--commit", "commit", is_flag=True,
              help="Committer les brouillons écrits, avec la mention Recettes-Import\u00a0: le commit ne "
                   "crédite personne, les crédits vont aux auteur·ices d’origine.")
@format_option
@root_option
def import_command(sources: tuple[str, ...], into: Path | None, territory: str | None, themes: tuple[str, ...],
                   licence_version: str | None, split: bool | None, no_download: bool, commit: bool, fmt: str,
                   root: Path | None) -> None:
    """Importe des fiches Markdown existantes en recettes brouillons.

    SOURCES\u00a0: dossiers, fichiers .md ou adresses de dépôts git. Chaque fiche devient
    recipes/<slug>/recipe.md, en brouillon (jamais publiée), avec sa provenance (dépôt, chemin,
    commit, auteur·ices et dates), ses sources et sa licence telle que la fiche la prouve. Un
    rapport dit ce qui a été écrit, les titres non reconnus et les noms relevés. Relancer l’import
    met à jour les brouillons que personne n’a modifiés et laisse les autres.
    """
    root = repository_root(root)
    if territory is None or not themes:
        raise click.UsageError(f"indiquez --territory et au moins un --theme{NBSP}: ils sont communs aux "
                               "recettes importées (modifiables ensuite dans chacune).")
    if licence_version is not None and licence_version not in ("1.0", "2.0", "2.5", "3.0", "4.0", "1.2", "1.3"):
        raise click.UsageError(f"--licence-version «{NBSP}{licence_version}{NBSP}» inconnue{NBSP}: par exemple 4.0 ou 3.0.")
    vocabulary, _ = load_vocabulary(root)
    errors = recipe_errors(NewRecipe("Import", territory, list(themes)), vocabulary, set())
    if errors:
        for message in errors:
            click.echo(f"✗ {message}", err=True)
        click.echo("Rien n’a été écrit.", err=True)
        sys.exit(1)
    options = ImportOptions(root, (into or root / RECIPES_DIR).resolve(), territory, list(themes), licence_version,
                            split)
    if no_download:
        options.fetch = None
    options.commit = commit
    result = import_sources(list(sources), options)
    if fmt == "json":
        json.dump(report_dict(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        REPORTERS[fmt](sys.stdout).report(Report(result.problems), summary(result))
    sys.exit(0 if result.ok else 1)
