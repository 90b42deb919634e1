"""``recettes network update``: fetch the pinned sources of ``network.yml`` and say what changed."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from recettes.cli.options import repository_root, root_option
from recettes.core.french import NBSP, NNBSP, agree, did_you_mean, plural
from recettes.core.network import LOCK_FILE, NETWORK_FILE
from recettes.core.problems import Report
from recettes.history.network import SourceChange, update_network
from recettes.read.network import has_network, load_lock, load_network
from recettes.site.config import HandbookConfigError, read_mkdocs_config
from recettes.site.generate import DEFAULT_BUILD_DIR
from recettes.site.lock import DEFAULT_TIMEOUT, OutputLock, OutputLocked

SHOWN_NAMES = 8  # recipe names listed per kind of change; the others are counted


@click.group("network", subcommand_metavar="COMMANDE [ARGUMENTS]...")
def network_command() -> None:
    """Le réseau de territoires : les dépôts des territoires (sources) dont le guide régional
    réunit les recettes, listés dans network.yml."""


@network_command.command("update")
@click.option("--source", "only", metavar="ID", default=None,
              help="Ne récupérer que cette source (son identifiant dans network.yml).")
@root_option
def update_command(only: str | None, root: Path | None) -> None:
    """Récupère chaque source à sa révision fixée et dit ce qui a changé depuis la dernière fois.

    Chaque source est un clone git dans .recettes/reseau/<id>/ (ignoré par git), avec tout son
    historique (sauf « history: false ») ; les commits obtenus sont écrits dans network.lock.yml,
    à enregistrer avec git. La construction du guide n’utilise que ces clones : elle ne récupère
    jamais rien, et la mise à jour attend qu’une construction en cours soit finie (même verrou,
    lock_timeout). Code de sortie 1 si une source n’a pas pu être récupérée.
    """
    root = repository_root(root)
    if not has_network(root):
        raise click.UsageError(f"pas de {NETWORK_FILE} dans {root}{NBSP}: ce dépôt n’est pas un guide "
                               "régional. Décrivez ses sources dans network.yml (voir docs/reseau.md).")
    network, problems = load_network(root)
    if network is None:
        _print(Report(problems))
        click.echo(f"✗ {NETWORK_FILE} est invalide{NBSP}: rien n’a été récupéré.")
        sys.exit(1)
    if only is not None and network.source(only) is None:
        close = did_you_mean(only, [s.id for s in network.sources])
        raise click.UsageError(f"source «\u00a0{only}\u00a0» inconnue dans {NETWORK_FILE}"
                               + (f"{NNBSP}; vouliez-vous dire «\u00a0{close[0]}\u00a0»{NNBSP}?" if close else "")
                               + f" Sources{NBSP}: " + ", ".join(s.id for s in network.sources) + ".")
    lock, found = load_lock(root)
    for problem in found:  # an unreadable lock is rewritten from what is fetched now
        click.echo(str(problem), err=True)
    build, timeout = _build_lock(root)  # a build reading the clones while they move would mix two revisions
    try:
        build.acquire(timeout)
    except OutputLocked as locked:
        click.echo(str(locked.problem))
        click.echo(f"✗ Rien n’a été récupéré{NBSP}: une construction du guide lit les clones en ce moment.")
        sys.exit(1)
    try:
        result = update_network(root, network, lock, only,
                                progress=lambda ident: click.echo(f"… récupération de «\u00a0{ident}\u00a0»",
                                                                  err=True))
    finally:
        build.release()
    for change in result.changes:
        click.echo(_describe(change))
    for ident in result.dropped:
        click.echo(f"− {ident}{NBSP}: retirée de {NETWORK_FILE}, son clone est supprimé.")
    _print(Report(problems + result.problems))
    failed = len(result.problems)
    done = plural(len(result.changes) - failed, "source")
    click.echo(f"{'✗' if failed else '✓'} {done} à jour dans {LOCK_FILE}"
               + (f", {plural(failed, 'source')} en échec (révision précédente conservée)." if failed else "."))
    sys.exit(1 if failed else 0)


def _build_lock(root: Path) -> tuple[OutputLock, float]:
    """The lock builds hold on the generated tree (``site.lock``) and how long to wait for it
    (``lock_timeout``): the update waits for a running build, and a build waits for the update,
    so none reads a clone half checked out. Without a readable mkdocs.yml: the defaults."""
    try:
        plugin = read_mkdocs_config(root).plugin
        folder, timeout = str(plugin.build_dir), float(plugin.lock_timeout)
    except HandbookConfigError:
        folder, timeout = str(DEFAULT_BUILD_DIR), DEFAULT_TIMEOUT
    return OutputLock((root / folder).resolve(), root), timeout


def _describe(change: SourceChange) -> str:
    """One line per source: what the new pin brings, in French."""
    after, before = change.after, change.before
    if after is None:
        return f"✗ {change.id}{NBSP}: non récupérée."
    revision = after.commit[:12] + (f", {after.ref}" if after.ref != after.commit else "")
    if before is None:
        return (f"✓ {change.id}{NBSP}: première récupération ({revision}), "
                f"{plural(len(after.recipes), 'dossier')} de recette.")
    if not (change.added or change.changed or change.removed):
        same = "inchangée" if before.commit == after.commit else "aucune recette modifiée"
        return f"✓ {change.id}{NBSP}: {same} ({revision})."
    parts = [_names(change.added, "ajoutée", "ajoutées"), _names(change.changed, "modifiée", "modifiées"),
             _names(change.removed, "retirée", "retirées")]
    return (f"✓ {change.id}{NBSP}: {before.commit[:12]} → {revision}{NBSP}: "
            + "\u202f; ".join(part for part in parts if part) + ".")


def _names(slugs: list[str], one: str, many: str) -> str:
    if not slugs:
        return ""
    shown = ", ".join(slugs[:SHOWN_NAMES]) + (", …" if len(slugs) > SHOWN_NAMES else "")
    return f"{plural(len(slugs), 'recette')} {agree(len(slugs), one, many)} ({shown})"


def _print(report: Report) -> None:
    for problem in report.sorted():
        click.echo(str(problem))

