"""The import report: a machine-readable dictionary (``--format json``) and its French summary.

Names found in the fiches (authors of a front matter, « Contact », « Équipe ») appear here and
nowhere else: they are never written into a recipe or an ambassador file.
"""

from __future__ import annotations

from typing import Any

from recettes.core.french import NBSP, agree, and_list, plural
from recettes.core.problems import Report
from recettes.scaffold.importing.run import ImportResult

_ACTIONS = {
    "created": ("créée", "créées"), "updated": ("mise à jour", "mises à jour"),
    "unchanged": ("inchangée", "inchangées"), "kept-edited": ("laissée (modifiée depuis l’import)",
                                                              "laissées (modifiées depuis l’import)"),
    "kept-deleted": ("non recréée (supprimée depuis l’import)", "non recréées (supprimées depuis l’import)"),
    "not-written": ("non écrite", "non écrites"),
}


def report_dict(result: ImportResult) -> dict[str, Any]:
    """Everything the import did and noticed, for programs (stable keys, English)."""
    report = Report(result.problems)
    return {
        "ok": result.ok,
        "written": result.written,
        "commit": result.commit,
        "files": result.files,
        "recipes": [recipe.as_dict() for recipe in result.recipes],
        "unmapped_headings": sorted({h for r in result.recipes for h in r.unmapped}),
        "names": sorted({n for r in result.recipes for n in r.names}),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": [p.as_dict() for p in report.sorted()],
        "summary": summary(result),
    }


def summary(result: ImportResult) -> str:
    """What happened, in French, in a few lines."""
    report = Report(result.problems)
    if not result.ok:
        return (f"✗ {plural(len(report.errors), 'erreur')}, {plural(len(report.warnings), 'avertissement')} — "
                f"rien n’a été écrit ({plural(result.files, 'fichier')} lu{'s' if result.files > 1 else ''}).")
    counts: dict[str, int] = {}
    for recipe in result.recipes:
        counts[recipe.action] = counts.get(recipe.action, 0) + 1
    done = [f"{count} {agree(count, *_ACTIONS[action])}" for action, count in counts.items()]
    lines = [f"✓ {plural(result.files, 'fichier')} de fiches {agree(result.files, 'lu', 'lus')}, "
             f"{plural(len(result.recipes), 'recette')} en brouillon"
             + (f"{NBSP}: {and_list(done)}" if done else "") + "."]
    unmapped = sorted({h for r in result.recipes for h in r.unmapped})
    if unmapped:
        lines.append(f"Titres non reconnus (texte placé dans «\u00a0Contexte\u00a0»){NBSP}: "
                     + and_list([f"«{NBSP}{h}{NBSP}»" for h in unmapped]) + ".")
    names = sorted({n for r in result.recipes for n in r.names})
    if names:
        lines.append(f"Noms relevés, à ce rapport seulement{NBSP}: {and_list(names)}.")
    unlicensed = [r.slug for r in result.recipes if r.licence == "NOASSERTION"]
    if unlicensed:
        lines.append(f"Licence à établir avant publication{NBSP}: {and_list(unlicensed)}.")
    if result.commit:
        lines.append(f"Commit {result.commit[:12]} (mention Recettes-Import{NBSP}: il ne crédite personne).")
    if report.warnings:
        lines.append(f"{plural(len(report.warnings), 'avertissement')} ci-dessus, chacun avec sa fiche et sa ligne.")
    return "\n".join(lines)
