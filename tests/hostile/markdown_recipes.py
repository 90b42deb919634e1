"""Recipes whose sections hold hostile Markdown, for ``test_markdown`` and ``test_links``.

``write_recipe(root, slug, hostile)`` writes a valid published ``recipes/<slug>/recipe.md``
whose « Freins » section has one item holding ``hostile``; ``line_of`` gives the line of the
file where a piece of it starts, for asserting located messages.
"""

from __future__ import annotations

from pathlib import Path

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
