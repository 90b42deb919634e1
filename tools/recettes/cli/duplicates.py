"""``recettes duplicates``: the recipes whose texts are the same or nearly the same
(``publish.duplicates``), drafts included, as located warnings (text, GitHub) or pairs (JSON)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from recettes.catalog.network import read_catalog
from recettes.cli.options import format_option, repository_root, root_option
from recettes.core.french import NBSP, agree, plural
from recettes.core.network import NETWORK_FILE
from recettes.core.problems import Report
from recettes.publish.duplicate_report import as_dict, problems
from recettes.publish.duplicates import NEAR, VERY_NEAR, find_duplicates, percent
from recettes.publish.reporters import REPORTERS
from recettes.read.checks import validate_repository


@click.command("duplicates")
@format_option
@click.option("--strict", is_flag=True,
              help="Code de sortie 1 s’il y a au moins une paire (pour une vérification automatique).")
@root_option
def duplicates_command(fmt: str, strict: bool, root: Path | None) -> None:
    """Signale les recettes identiques ou proches (copiées, importées deux fois), brouillons compris.

    Le texte comparé (titre, résumé, sections) est lu sans mise en forme, sans accents ni
    majuscules. «\u00a0Identique\u00a0»\u00a0: les mêmes mots dans le même ordre\u202f; «\u00a0proche\u00a0»\u00a0:
    au moins la moitié des passages de trois mots en commun («\u00a0quasi identique\u00a0» dès
    80\u00a0%). Une adaptation déclarée (adapted_from) n’est pas signalée. Rien n’est fusionné ni
    modifié. Dans un dépôt régional (network.yml), les recettes des sources récupérées par
    «\u00a0recettes network update\u00a0» sont comparées aussi.
    """
    root = repository_root(root)
    repo, report = validate_repository(root)
    if not report.ok:
        click.echo(f"⚠ {plural(len(report.errors), 'erreur')} de validation\u00a0: une recette illisible "
                   "n’est pas comparée (voir « recettes validate »).", err=True)
    entries = {slug: entry for slug, entry in repo.recipes.items() if entry.meta is not None}
    sources: dict[str, str] | None = None
    if (root / NETWORK_FILE).is_file():  # a regional handbook: its sources' recipes too, as fetched
        catalog, _, found = read_catalog(root, repo, snapshots=False)
        for problem in found:  # a source not fetched yet: said with its fix, the others are compared
            click.echo(str(problem), err=True)
        for key, entry in catalog.recipes.items():
            entries.setdefault(key, entry)
        sources = catalog.sources
    pairs = find_duplicates(entries, sources=sources)
    compared = plural(len(entries), "recette") + f" {agree(len(entries), 'comparée', 'comparées')}"
    if pairs:
        exact = sum(1 for pair in pairs if pair.exact)
        which = f", dont {exact} {agree(exact, 'identique', 'identiques')}" if exact else ""
        summary = f"⚠ {plural(len(pairs), 'paire')} de recettes semblables{which}, sur {compared}."
    else:
        summary = (f"✓ Aucune recette identique ni proche ({compared}, seuil{NBSP}: {percent(NEAR)} "
                   "du texte en commun).")
    if fmt == "json":
        payload = {"summary": summary, "compared": len(entries), "thresholds": {"near": NEAR, "very_near": VERY_NEAR},
                   "pairs": [as_dict(pair, entries) for pair in pairs]}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        REPORTERS[fmt](sys.stdout).report(Report(problems(pairs, entries)), summary)
    sys.exit(1 if strict and pairs else 0)
