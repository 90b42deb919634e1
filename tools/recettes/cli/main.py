"""Command line: parse arguments, build, execute, exit 0 (valid), 1 (problems) or 2 (usage)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from recettes import __version__
from recettes.catalog.lineage import check_declared_versions
from recettes.cli import clickfr
from recettes.cli.duplicates import duplicates_command
from recettes.cli.export import export_command
from recettes.cli.importing import import_command
from recettes.cli.network import network_command
from recettes.cli.new import init_command, new_ambassador_command, new_command
from recettes.cli.options import format_option, repository_root, root_option
from recettes.cli.printing import print_command
from recettes.cli.versions import check_versions_command
from recettes.core.french import agree, plural
from recettes.core.problems import Problem, Report
from recettes.publish.reporters import REPORTERS, validation_summary
from recettes.publish.schema import write_schemas
from recettes.read.checks import validate_repository

__all__ = ["cli", "main"]


def main(args: list[str] | None = None, prog_name: str = "recettes") -> None:
    """The ``recettes`` command: click's own messages are French while it runs, and only then."""
    with clickfr.french():
        cli.main(args=args, prog_name=prog_name)


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             subcommand_metavar="COMMANDE [ARGUMENTS]...")
@click.version_option(__version__, "--version", message="recettes %(version)s",
                      help="Affiche la version et quitte.")
def cli() -> None:
    """Recettes libres : valider, créer et publier les recettes des innovations sociales."""


@cli.command()
@click.argument("paths", nargs=-1, metavar="[CHEMIN]...", type=click.Path(exists=True, path_type=Path))
@format_option
@root_option
def validate(paths: tuple[Path, ...], fmt: str, root: Path | None) -> None:
    """Vérifie les recettes, les fiches d’ambassadeur·rices, les pages de docs/ et mkdocs.yml.

    Sans CHEMIN, tout le dépôt est vérifié ; sinon seulement les recettes ou fichiers donnés
    (les références vers le reste du dépôt sont tout de même contrôlées).
    """
    root = repository_root(root, paths)
    selected = [p.resolve() for p in paths] or None
    if selected and any(p == root for p in selected):
        selected = None
    repo, report = validate_repository(root, selected, keep=False)
    report.problems += check_declared_versions(root, selected)  # adapted_from.version, from git (R275)
    recipes = len(repo.recipe_slugs) if selected is None else _count_selected(repo.root, selected)
    checked = f"{plural(recipes, 'recette')}, {plural(len(repo.ambassadors), 'fiche')} d’ambassadeur·rice"
    REPORTERS[fmt](sys.stdout).report(report, validation_summary(report, checked))
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.option("--check", is_flag=True, help="Ne rien écrire : échouer si les schémas publiés sont périmés.")
@root_option
def schema(check: bool, root: Path | None) -> None:
    """Écrit schema/recipe.schema.json et schema/ambassador.schema.json depuis les modèles."""
    from recettes.read.vocabulary import load_vocabulary

    root = repository_root(root)
    vocabulary, problems = load_vocabulary(root)
    _fail_on(problems)
    stale = write_schemas(root, vocabulary, check=check)
    if check and stale:
        click.echo("✗ Schémas périmés : " + ", ".join(f"schema/{s}" for s in stale)
                   + ". Régénérez-les avec « recettes schema » et validez le résultat.")
        sys.exit(1)
    click.echo("✓ Schémas à jour." if not stale else "✓ Écrits : " + ", ".join(f"schema/{s}" for s in stale))


@cli.command()
@root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Dossier de sortie (par défaut : build_dir du greffon, build/handbook/, ignoré par git).")
@click.option("--site-url", default=None, help="Adresse publique du guide (par défaut : site_url de mkdocs.yml).")
@click.option("--edit-url", default=None,
              help="Modèle du lien « modifier » d’une recette, avec {slug} (par défaut : celui du greffon).")
def generate(root: Path | None, out: Path | None, site_url: str | None, edit_url: str | None) -> None:
    """Écrit le guide en pages Markdown ordinaires, sans rien construire.

    Le dossier produit contient docs/ (pages générées, médias, pages écrites à la main de docs/)
    et un mkdocs.yml sans greffon tiers : « mkdocs build -f build/handbook/mkdocs.yml » le construit.
    Les réglages (site_url, repo_url, options du greffon « recettes ») sont ceux de mkdocs.yml, comme
    pour « mkdocs build ». Les problèmes sont affichés comme par « recettes validate » ; code de
    sortie 1 s’il y a des erreurs.
    """
    from recettes.site.config import HandbookConfigError, read_mkdocs_config
    from recettes.site.lock import OutputLock, OutputLocked
    from recettes.site.pipeline import build_handbook

    root = repository_root(root)
    try:
        config = read_mkdocs_config(root)
    except HandbookConfigError as error:
        raise click.UsageError(str(error)) from error
    options = config.options(site_url=site_url, edit_url_template=edit_url)
    target = (out or root / config.plugin.build_dir).resolve()
    lock = OutputLock(target, root)  # the tree a running « mkdocs build » may be writing
    try:
        lock.acquire(config.plugin.lock_timeout)
    except OutputLocked as locked:
        click.echo(str(locked.problem), err=True)
        sys.exit(1)
    try:
        build = build_handbook(root, target, options, config.docs_dir, config.maintenance)
    finally:
        lock.release()
    for _, message in build.notes:
        click.echo(message, err=True)
    result = build.generated
    click.echo(f"✓ Guide écrit dans {result.docs_dir.parent} ({plural(result.written, 'fichier')} mis à jour, "
               f"{plural(result.removed, 'fichier')} {agree(result.removed, 'retiré', 'retirés')}).")
    sys.exit(0 if build.report.ok and not any(p.is_error for p in result.problems) else 1)


@cli.command()
@click.argument("paths", nargs=-1, metavar="[CHEMIN]...", type=click.Path(exists=True, path_type=Path))
@root_option
def migrate(paths: tuple[Path, ...], root: Path | None) -> None:
    """Réunit chaque recette en cinq fichiers en un seul recipe.md.

    Les métadonnées deviennent l’en-tête du fichier (commentaires compris), les sections suivent
    sous leurs titres « # Comment faire », « # Freins »… Rien n’est perdu : le nouveau fichier est
    relu et comparé avant que les anciens soient retirés ; dans un dépôt git, « git mv » garde
    l’historique et les crédits. Sans CHEMIN, toutes les recettes du dépôt ; une recette déjà en
    un fichier est laissée telle quelle. Code de sortie 1 si une recette n’a pas pu être migrée.
    """
    from recettes.scaffold.migrate import migrate_recipes

    root = repository_root(root, paths)
    recipes = root / "recipes"
    chosen = [p.resolve() for p in paths] or [recipes]
    folders = sorted({folder for path in chosen for folder in _recipe_folders(recipes, path)})
    result = migrate_recipes(root, folders)
    for problem in Report(result.problems).sorted():
        click.echo(str(problem))
    done = f"{plural(len(result.migrated), 'recette')} {agree(len(result.migrated), 'migrée', 'migrées')}"
    if result.already:
        done += f", {plural(len(result.already), 'recette')} déjà en un fichier"
    failed = len({p.path.rsplit("/", 1)[0] for p in result.problems})
    click.echo(f"{'✗' if failed else '✓'} {done}" + (f", {plural(failed, 'recette')} en échec." if failed else "."))
    sys.exit(1 if failed else 0)


def _recipe_folders(recipes: Path, path: Path) -> list[Path]:
    """The recipe folders a path designates: itself, the one it is in, or all under it."""
    if path.parent == recipes and path.is_dir():
        return [path]
    if recipes in path.parents:
        return [recipes / path.relative_to(recipes).parts[0]]
    if path == recipes or recipes.is_relative_to(path):
        return [p for p in sorted(recipes.iterdir()) if p.is_dir() and not p.name.startswith(".")] \
            if recipes.is_dir() else []
    return []


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


for command in (new_command, new_ambassador_command, init_command, export_command, check_versions_command,
                import_command, duplicates_command, network_command, print_command):
    cli.add_command(command)
