"""``recettes check-versions``: every recipe changed since a base revision must bump its version.

Usable as a pre-commit hook (base ``HEAD``) and as a CI step (base ``origin/main``). Exit codes:
0 when every changed recipe has a higher version, 1 when one does not, 2 for a usage error
(unknown revision, no git repository).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from recettes.cli.options import format_option, repository_root, root_option
from recettes.core.french import agree, plural
from recettes.core.problems import Problem, Report
from recettes.history.versions import UnknownRef, check_versions, default_base
from recettes.publish.reporters import REPORTERS


def _summary(problems: list[Problem], base: str) -> str:
    errors = sum(p.is_error for p in problems)
    if not errors:
        return (
            f"Versions à jour\u00a0: chaque recette modifiée depuis {base} a une version"
            " plus haute."
        )
    return f"{plural(errors, 'recette')} {agree(errors, 'modifiée', 'modifiées')} depuis {base} sans version plus haute."


@click.command("check-versions")
@click.option(
    "--base",
    metavar="REF",
    default=None,
    help="Révision de comparaison (défaut\u00a0: origin/main si elle existe, sinon HEAD).",
)
@root_option
@format_option
@click.pass_context
def check_versions_command(
    ctx: click.Context, base: str | None, root: Path | None, fmt: str
) -> None:
    """Vérifie que chaque recette modifiée depuis REF a une version (semver) plus haute."""
    root = repository_root(root)
    base = base or default_base(root)
    try:
        problems = check_versions(root, base)
    except UnknownRef as error:
        raise click.UsageError(str(error)) from error
    report = Report(problems)
    REPORTERS[fmt](sys.stdout).report(report, _summary(problems, base))
    ctx.exit(0 if report.ok else 1)
