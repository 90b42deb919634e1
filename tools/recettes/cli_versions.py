"""``recettes check-versions``: every recipe changed since a base revision must bump its version.

Usable as a pre-commit hook (base ``HEAD``) and as a CI step (base ``origin/main``). Exit codes:
0 when every changed recipe has a higher version, 1 when one does not, 2 for a usage error
(unknown revision, no git repository).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from recettes.problems import Problem
from recettes.versions import UnknownRef, check_versions, default_base


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _github(problem: Problem) -> str:
    level = "error" if problem.is_error else "warning"
    where = ",".join(
        f"{k}={_github_escape(str(v), prop=True)}"
        for k, v in (("file", problem.path), ("line", problem.line), ("col", problem.column))
    )
    text = f"{problem.code.name} {problem.message}"
    if problem.hint:
        text += f"\n{problem.hint}"
    return f"::{level} {where}::{_github_escape(text)}"


def _summary(problems: list[Problem], base: str) -> str:
    errors = sum(p.is_error for p in problems)
    if not errors:
        return (
            f"Versions à jour\u00a0: chaque recette modifiée depuis {base} a une version"
            " plus haute."
        )
    s = "s" if errors > 1 else ""
    return f"{errors} recette{s} modifiée{s} depuis {base} sans version plus haute."


@click.command("check-versions")
@click.option(
    "--base",
    metavar="REF",
    default=None,
    help="Révision de comparaison (défaut\u00a0: origin/main si elle existe, sinon HEAD).",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Racine du projet (qui contient recipes/).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text pour un terminal, json pour un outil, github pour GitHub Actions.",
)
@click.pass_context
def check_versions_command(
    ctx: click.Context, base: str | None, root: Path, output_format: str
) -> None:
    """Vérifie que chaque recette modifiée depuis REF a une version (semver) plus haute."""
    base = base or default_base(root)
    try:
        problems = check_versions(root, base)
    except UnknownRef as error:
        raise click.UsageError(str(error)) from error
    summary = _summary(problems, base)
    if output_format == "json":
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
        click.echo(summary, err=True)  # stdout stays valid JSON
    else:
        for problem in problems:
            click.echo(_github(problem) if output_format == "github" else str(problem))
        click.echo(summary)
    ctx.exit(1 if any(p.is_error for p in problems) else 0)
