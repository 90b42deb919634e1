"""Command line: parse arguments, build, execute, exit 0 (valid), 1 (problems) or 2 (usage)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from recettes import __version__
from recettes.cli import clickfr
from recettes.read.checks import validate_repository
from recettes.core.french import plural
from recettes.read.load import find_root
from recettes.core.problems import Problem, Report
from recettes.publish.reporters import REPORTERS, validation_summary
from recettes.publish.schema import write_schemas

clickfr.install()
FORMATS = click.Choice(sorted(REPORTERS))


__all__ = ["main", "validate_repository"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             subcommand_metavar="COMMANDE [ARGUMENTS]...")
@click.version_option(__version__, "--version", message="recettes %(version)s")
def main() -> None:
    """Recettes libres : valider, créer et publier les recettes des innovations sociales."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
              help="text pour les personnes, json pour les programmes, github pour les annotations de CI.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Racine du dépôt (par défaut : trouvée à partir des chemins ou du dossier courant).")
def validate(paths: tuple[Path, ...], fmt: str, root: Path | None) -> None:
    """Vérifie les recettes et les fiches d’ambassadeur·rices.

    Sans PATHS, tout le dépôt est vérifié ; sinon seulement les recettes ou fichiers donnés
    (les références vers le reste du dépôt sont tout de même contrôlées).
    """
    root = (root or find_root(paths[0] if paths else Path.cwd())).resolve()
    selected = [p.resolve() for p in paths] or None
    if selected and any(p == root for p in selected):
        selected = None
    repo, report = validate_repository(root, selected, keep=False)
    recipes = len(repo.recipe_slugs) if selected is None else _count_selected(repo.root, selected)
    checked = f"{plural(recipes, 'recette')}, {plural(len(repo.ambassadors), 'fiche')} d’ambassadeur·rice"
    REPORTERS[fmt](sys.stdout).report(report, validation_summary(report, checked))
    sys.exit(0 if report.ok else 1)


@main.command()
@click.option("--check", is_flag=True, help="Ne rien écrire : échouer si les schémas publiés sont périmés.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".")
def schema(check: bool, root: Path) -> None:
    """Écrit schema/recipe.schema.json et schema/ambassador.schema.json depuis les modèles."""
    from recettes.read.vocabulary import load_vocabulary

    root = find_root(root)
    vocabulary, problems = load_vocabulary(root)
    _fail_on(problems)
    stale = write_schemas(root, vocabulary, check=check)
    if check and stale:
        click.echo("✗ Schémas périmés : " + ", ".join(f"schema/{s}" for s in stale)
                   + ". Régénérez-les avec « recettes schema » et validez le résultat.")
        sys.exit(1)
    click.echo("✓ Schémas à jour." if not stale else "✓ Écrits : " + ", ".join(f"schema/{s}" for s in stale))


@main.command()
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".",
              help="Racine du dépôt (par défaut : trouvée à partir du dossier courant).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Dossier de sortie (par défaut : build/handbook/, ignoré par git).")
@click.option("--site-url", default=None, help="Adresse publique du guide (par défaut : site_url de mkdocs.yml).")
@click.option("--edit-url", default=None,
              help="Modèle du lien « modifier » d’une recette, avec {slug} (par défaut : tiré de repo_url).")
def generate(root: Path, out: Path | None, site_url: str | None, edit_url: str | None) -> None:
    """Écrit le guide en pages Markdown ordinaires, sans rien construire.

    Le dossier produit contient docs/ (pages générées, médias, pages écrites à la main de docs/)
    et un mkdocs.yml sans greffon tiers : « mkdocs build -f build/handbook/mkdocs.yml » le construit.
    Les problèmes sont affichés comme par « recettes validate » ; code de sortie 1 s’il y a des erreurs.
    """
    from recettes.site.config import mkdocs_settings
    from recettes.site.generate import generate as write_handbook
    from recettes.site.pages import Options
    from recettes.catalog.snapshots import build_catalog

    root = find_root(root).resolve()
    settings = mkdocs_settings(root)
    if edit_url is None and settings.get("repo_url"):
        edit_url = f"{str(settings['repo_url']).rstrip('/')}/edit/main/recipes/{{slug}}/"
    repo, report = validate_repository(root)
    for problem in report.sorted():
        click.echo(str(problem), err=True)
    options = Options(site_url=site_url if site_url is not None else str(settings.get("site_url") or ""),
                      edit_url_template=edit_url or "")
    catalog, notes = build_catalog(root, repo)
    for _, message in notes:
        click.echo(message, err=True)
    result = write_handbook(catalog, root, out, options)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    click.echo(f"✓ Guide écrit dans {result.docs_dir.parent} ({result.written} fichier(s) mis à jour, "
               f"{result.removed} retiré(s)).")
    sys.exit(0 if report.ok else 1)


def _count_selected(root: Path, selected: list[Path]) -> int:
    recipes = root / "recipes"
    return len({p.relative_to(recipes).parts[0] for s in selected for p in (s, *s.parents)
                if recipes in p.parents and p.parent == recipes})


def _fail_on(problems: list[Problem]) -> None:
    report = Report(problems)
    if not report.ok:
        for problem in report.sorted():
            click.echo(str(problem))
        sys.exit(1)


# Contribute and reuse (issue 5): commands live in their own modules.
from recettes.cli.new import new_ambassador_command, new_command  # noqa: E402

main.add_command(new_command)
main.add_command(new_ambassador_command)

from recettes.cli.export import export_command  # noqa: E402

main.add_command(export_command)

from recettes.cli.new import init_command  # noqa: E402

main.add_command(init_command)

from recettes.cli.versions import check_versions_command  # noqa: E402

main.add_command(check_versions_command)
