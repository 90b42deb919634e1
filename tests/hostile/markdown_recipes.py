"""Recipes whose sections hold hostile Markdown, for ``test_markdown`` and ``test_links``.

Also the helpers the hostile tests share: ``hang_guard`` (fail instead of hanging),
``validate`` (``recettes validate`` under that guard), ``located`` (one located message); the ``repo``
fixture is in ``conftest.py``.

``write_recipe(root, slug, hostile)`` writes a valid published ``recipes/<slug>/recipe.md``
whose « Freins » section has one item holding ``hostile``; ``line_of`` gives the line of the
file where a piece of it starts, for asserting located messages.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..conftest import RunLine

FRONT = """---
schema_version: 1
title: {title}
summary: Une recette d’essai qui porte un texte piégé.
version: 1.0.0
status: published
territory:
  place: brest
themes: [alimentation]
documented_by:
  - name: Équipe d’essai
licence: CC-BY-SA-4.0
{extra}---
"""

BODY = """
# Comment faire

## Réunir les voisins

Une réunion publique présente l’idée.

## Trouver un lieu

Le lieu est visible et accessible.

# Freins

## Le texte piégé

{hostile}

# Facilitations

## Une mairie partante

Elle prête la salle.

# Conditions de reproductibilité

## Une petite équipe

Quatre personnes suffisent.
"""


def recipe_text(hostile: str, title: str = "Recette piégée", extra: str = "") -> str:
    """``extra``: more front matter lines (e.g. the ``media:`` credits of its images)."""
    return FRONT.format(title=title, extra=extra) + BODY.format(hostile=hostile)


def write_recipe(root: Path, slug: str, hostile: str, title: str = "Recette piégée", extra: str = "") -> str:
    """Write the recipe; returns its path as messages show it (``recipes/<slug>/recipe.md``)."""
    folder = root / "recipes" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "recipe.md").write_text(recipe_text(hostile, title, extra), encoding="utf-8")
    return f"recipes/{slug}/recipe.md"


def line_of(root: Path, slug: str, piece: str) -> int:
    """The line (from 1) of ``recipes/<slug>/recipe.md`` where ``piece`` first appears."""
    text = (root / "recipes" / slug / "recipe.md").read_text(encoding="utf-8")
    return text[: text.index(piece)].count("\n") + 1


@contextmanager
def hang_guard(seconds: int = 120) -> Iterator[None]:
    """Fail instead of hanging: the quadratic code took minutes on these inputs; linear code
    takes milliseconds. Not a timing assertion, a guard far above any normal duration
    (SIGALRM: main thread only)."""
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"plus de {seconds} s : le traitement ne se termine pas")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def validate(run_line: RunLine, root: Path, code: int = 1) -> str:
    with hang_guard():
        return run_line("validate", "--root", str(root), code=code).stdout


def located(output: str, path: str, line: int, code: str) -> str:
    """The message of ``path:line:…: code``; fails, showing the output, when there is none."""
    match = re.search(rf"^{re.escape(path)}:{line}:(\d+): {code} (.*)$", output, re.MULTILINE)
    assert match is not None, f"no {code} at {path}:{line} in:\n{output}"
    return match.group(0)
