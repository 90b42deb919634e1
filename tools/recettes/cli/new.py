"""``recettes new`` and ``recettes new-ambassador``: interactive in a terminal, scriptable with flags.

Flags given are not asked again. With ``--yes`` (or without a terminal) nothing is asked: a
missing required flag exits 2 naming it. Exit 1 when something already exists or a value is
unknown; nothing is written then.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from recettes.cli.options import repository_root, root_option
from recettes.core.french import NBSP
from recettes.core.model import Kind
from recettes.core.problems import shell_command
from recettes.read.load import AMBASSADORS_DIR, RECIPES_DIR, load_repository
from recettes.scaffold.scaffold import (
    NewAmbassador,
    NewRecipe,
    ScaffoldError,
    ambassador_errors,
    create_ambassador,
    create_recipe,
    recipe_errors,
)

_ROOT = root_option
_YES = click.option("--yes", "-y", is_flag=True,
                    help="Ne rien demander\u00a0: les options obligatoires manquantes sont une erreur.")


def _usage(flag: str, what: str) -> NoReturn:
    click.echo(f"✗ Option {flag} manquante{NBSP}: {what}. Sans question (--yes ou hors terminal), "
               f"indiquez-la, par exemple {flag} …", err=True)
    sys.exit(2)


def _fail(messages: list[str]) -> NoReturn:
    for message in messages:
        click.echo(f"✗ {message}", err=True)
    click.echo("Rien n’a été écrit.", err=True)
    sys.exit(1)


def _interactive(yes: bool) -> bool:
    return not yes and sys.stdin.isatty()


def _context(root: Path | None) -> tuple[Path, Any]:
    root = repository_root(root)
    repo = load_repository(root, selected=[])
    if not repo.vocabulary.themes or not repo.vocabulary.territories:
        _fail([f"Vocabulaires introuvables dans {root}/schema/vocabularies/{NBSP}: êtes-vous dans un "
               "dépôt de recettes\u00a0? (sinon, créez-en un avec « recettes init DOSSIER »)"])
    return root, repo


def _ambassador_labels(repo: Any) -> dict[str, str]:
    from recettes.read.load import load_ambassador

    labels = {}
    for ident in sorted(repo.ambassador_ids):
        entry, _ = load_ambassador(repo.root / AMBASSADORS_DIR / f"{ident}.yml", repo.root)
        labels[ident] = entry.meta.name if entry.meta else ident
    return labels


@click.command("new")
@click.option("--title", "-t", help="Titre de la recette.")
@click.option("--summary", help="Résumé en une ou deux phrases (facultatif pour un brouillon).")
@click.option("--territory", help="Identifiant du territoire (schema/vocabularies/territories.yml) ou code "
              "officiel : commune:29190 (code INSEE), epci:…, departement:29, region:53.")
@click.option("--theme", "themes", multiple=True, help="Thématique (répétable, 1 à 5).")
@click.option("--holder", "holders", multiple=True, help="Identifiant d’une fiche ambassadors/ existante (répétable).")
@click.option("--new-holder", help="Nom d’un·e porteur·euse dont la fiche est créée en même temps.")
@click.option("--holder-kind", type=click.Choice([k.value for k in Kind]), default=Kind.PERSON.value,
              show_default=True, help="Avec --new-holder\u00a0: personne ou organisation.")
@click.option("--started", type=click.IntRange(1800, 2100), help="Année de démarrage.")
@click.option("--lat", type=click.FloatRange(-90, 90), help="Latitude précise (avec --lon).")
@click.option("--lon", type=click.FloatRange(-180, 180), help="Longitude précise (avec --lat).")
@click.option("--slug", help="Nom du dossier (par défaut\u00a0: tiré du titre).")
@_YES
@_ROOT
def new_command(title: str | None, summary: str | None, territory: str | None, themes: tuple[str, ...],
                holders: tuple[str, ...], new_holder: str | None, holder_kind: str, started: int | None,
                lat: float | None, lon: float | None, slug: str | None, yes: bool, root: Path | None) -> None:
    """Crée une recette brouillon\u00a0: recipes/<slug>/recipe.md, ses sections à remplir et media/."""
    if (lat is None) != (lon is None):
        _usage("--lon" if lon is None else "--lat", "la position demande la latitude et la longitude")
    root, repo = _context(root)
    new = NewRecipe(title or "", territory or "", list(dict.fromkeys(themes)), summary, list(holders), started,
                    (lat, lon) if lat is not None and lon is not None else None, slug)
    holder = NewAmbassador(new_holder, Kind(holder_kind)) if new_holder else None
    if _interactive(yes):
        from recettes.cli.prompts import ask_recipe, confirm

        try:
            new, asked = ask_recipe(new, repo.vocabulary, _ambassador_labels(repo), repo.recipe_slugs,
                                    ask_holders=holder is None)
            holder = holder or asked
            if not confirm(f"Créer {RECIPES_DIR}/{new.folder_name}/{NBSP}?", {}):
                _fail([])
        except KeyboardInterrupt:
            _fail(["Interrompu."])
    else:
        for flag, value, what in (("--title", new.title, "le titre de la recette"),
                                  ("--territory", new.territory, "l’identifiant du territoire"),
                                  ("--theme", new.themes, "au moins une thématique")):
            if not value:
                _usage(flag, what)
    if holder is not None:
        new.holders.append(holder.file_id)
    errors = recipe_errors(new, repo.vocabulary, repo.ambassador_ids | ({holder.file_id} if holder else set()))
    if holder is not None:
        errors += ambassador_errors(holder, repo.vocabulary)
        if holder.file_id in repo.ambassador_ids:
            errors.append(f"{AMBASSADORS_DIR}/{holder.file_id}.yml existe déjà{NBSP}: "
                          f"utilisez --holder {holder.file_id}.")
    if (root / RECIPES_DIR / new.folder_name).exists():
        errors.append(f"{RECIPES_DIR}/{new.folder_name}/ existe déjà{NBSP}: choisissez un autre titre "
                      "ou un autre nom de dossier avec --slug.")
    if errors:
        _fail(errors)
    try:
        if holder is not None:
            path = create_ambassador(root, holder)
            click.echo(f"✓ Fiche créée{NBSP}: {path.relative_to(root).as_posix()}")
        folder = create_recipe(root, new)
    except ScaffoldError as error:
        _fail([str(error)])
    shown = folder.relative_to(root).as_posix()
    click.echo(f"✓ Recette créée (brouillon){NBSP}: {shown}/\n"
               f"Et maintenant{NBSP}:\n"
               f"  1. Dans {shown}/recipe.md, remplacez chaque texte « À compléter » (un titre « ## » "
               "par élément, sous « # Comment faire », « # Freins »…).\n"
               f"  2. Vérifiez{NBSP}: {shell_command('recettes', 'validate', shown)}\n"
               "  3. Quand tout est écrit, passez status à published et version à 1.0.0 dans l’en-tête "
               "du fichier.")


@click.command("new-ambassador")
@click.option("--name", "-n", help="Nom de la personne ou de l’organisation.")
@click.option("--kind", type=click.Choice([k.value for k in Kind]), help="person ou organisation.")
@click.option("--territory", help="Identifiant du territoire ou code officiel, commune:29190 (facultatif).")
@click.option("--expertise", multiple=True, help="Thématique d’expertise (répétable).")
@click.option("--bio", help="Courte présentation.")
@click.option("--id", "ident", help="Identifiant du fichier (par défaut\u00a0: tiré du nom).")
@_YES
@_ROOT
def new_ambassador_command(name: str | None, kind: str | None, territory: str | None,
                           expertise: tuple[str, ...], bio: str | None, ident: str | None, yes: bool,
                           root: Path | None) -> None:
    """Crée une fiche d’ambassadeur·rice\u00a0: ambassadors/<id>.yml."""
    root, repo = _context(root)
    new = NewAmbassador(name or "", Kind(kind or Kind.PERSON.value), territory, list(expertise), bio, ident)
    if _interactive(yes):
        from recettes.cli.prompts import ask_new_ambassador, ask_themes, confirm

        try:
            new = ask_new_ambassador(repo.vocabulary, repo.ambassador_ids, {}, new)
            if not new.expertise:
                new.expertise = ask_themes(repo.vocabulary, {}, minimum=0)
            if not confirm(f"Créer {AMBASSADORS_DIR}/{new.file_id}.yml{NBSP}?", {}):
                _fail([])
        except KeyboardInterrupt:
            _fail(["Interrompu."])
    elif not new.name:
        _usage("--name", "le nom de la personne ou de l’organisation")
    errors = ambassador_errors(new, repo.vocabulary)
    if errors:
        _fail(errors)
    try:
        path = create_ambassador(root, new)
    except ScaffoldError as error:
        _fail([str(error)])
    click.echo(f"✓ Fiche créée{NBSP}: {path.relative_to(root).as_posix()}\n"
               f"Citez-la dans une recette avec{NBSP}: holders: [{{id: {new.file_id}, role: holder}}]")


@click.command("init")
@click.argument("directory", metavar="DOSSIER", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Recettes libres", show_default=True, help="Nom du guide (site_name).")
@click.option("--requirement", help="Ligne pip qui installe l’outil (par défaut\u00a0: d’où vient cet outil).")
@click.option("--git/--no-git", default=True, show_default=True, help="Initialiser un dépôt git.")
def init_command(directory: Path, name: str, requirement: str | None, git: bool) -> None:
    """Crée le dépôt de recettes d’un nouveau territoire dans DOSSIER (nouveau ou vide)."""
    from recettes.scaffold.starter import package_requirement, write_starter

    requirement = requirement or package_requirement()
    try:
        written = write_starter(directory, name=name, requirement=requirement, git=git)
    except ScaffoldError as error:
        _fail([str(error)])
    click.echo(f"✓ Dépôt créé dans {directory} ({len(written)} fichiers).\n"
               f"Et maintenant{NBSP}:\n"
               f"  cd {directory}\n"
               f"  make test     # installe l’outil, valide les recettes et construit le guide\n"
               f"  make serve    # le guide sur http://127.0.0.1:8000")
    if "file:" in requirement:
        click.echo(f"⚠ requirements.txt installe l’outil depuis un dossier local ({requirement}).\n"
                   f"  Pour la publication automatique (CI), remplacez cette ligne par l’adresse git de "
                   f"l’outil{NBSP}: recettes @ git+https://…/recettes.git@vX.Y.Z")
