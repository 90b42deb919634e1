"""A real git repository where a recipe is adapted from another that kept changing: the
original at 1.0.0, then 1.1.0, the adaptation made from 1.1.0, then the original at 2.0.0."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import GitRepo

SITE = Path(__file__).resolve().parents[1] / "data" / "site"
REPO = Path(__file__).resolve().parents[2]
ORIGINAL = "recipes/compost-partage/recipe.md"
ADAPTED = "recipes/compost-bourg/recipe.md"
MARIE = ("Marie Le Gall", "marie@example.org")
HOSTILE = "Une salle & un `<b>code</b>`, 3 < 4 et **gras**."


def recipe_md(title: str, version: str, place: str, how: str, obstacles: str, *, extra: str = "",
              context: str = "") -> str:
    """A one-file recipe with the four sections (and « Contexte » when given)."""
    front = (f"---\nschema_version: 1\ntitle: \"{title}\"\n"
             "summary: \"Des voisin·es compostent ensemble leurs déchets de cuisine.\"\n"
             f"version: {version}\nstatus: published\nterritory:\n  place: {place}\n"
             "themes: [alimentation]\nholders:\n  - id: marie-le-gall\nlicence: CC-BY-SA-4.0\n"
             f"{extra}---\n\n")
    body = f"# Contexte\n\n{context}\n\n" if context else ""
    body += (f"# Comment faire\n\n{how}\n\n# Freins\n\n{obstacles}\n\n"
             "# Facilitations\n\n## Le bailleur\n\nIl a prêté le terrain.\n\n"
             "# Conditions de reproductibilité\n\n## Un espace vert\n\nQuelques mètres carrés.\n")
    return front + body


HOW_1_0 = ("## Réunir les voisin·es\n\nFrappez à chaque porte.\n\n"
           "## Installer les bacs\n\nTrois bacs suffisent.")
HOW_1_1 = ("## Réunir les voisin·es\n\nAffichez un mot dans le hall et proposez un café.\n\n"
           "## Installer les bacs\n\nTrois bacs suffisent : apports, maturation, matière sèche.")
HOW_2_0 = ("## Former des guides composteurs\n\nUne formation de deux jours.\n\n"
           "## Installer les bacs\n\nQuatre bacs, dont un de réserve.")
OBSTACLES = "## Les odeurs\n\nUn bon équilibre de matières sèches.\n\n## Le bailleur\n\nSix mois d’attente."
HOW_ADAPTED = ("## Réunir les habitant·es\n\nAffichez un mot à la mairie et proposez un café.\n\n"
               "## Installer les bacs\n\nTrois bacs suffisent : apports, maturation, matière sèche.")
OBSTACLES_ADAPTED = "## Les odeurs\n\nUn bon équilibre de matières sèches."


def adaptation(adapted_from: str) -> str:
    """The adaptation's file with this ``adapted_from`` block (YAML, indented by two)."""
    return recipe_md("Compost partagé au bourg", "1.0.0", "plouarzel", HOW_ADAPTED, OBSTACLES_ADAPTED,
                     extra=f"adapted_from:\n{adapted_from}", context=HOSTILE)


def lineage_repo(path: Path, adapted_from: str = "  recipe: compost-partage\n  changes: Un seul site.\n"
                 ) -> GitRepo:
    """The history described above; ``adapted_from`` is the adaptation's block."""
    repo = GitRepo(path)
    for folder in ("schema", "ambassadors", "docs"):
        shutil.copytree(SITE / folder, path / folder)
    shutil.copy(REPO / "mkdocs.yml", path / "mkdocs.yml")
    repo.write(ORIGINAL, recipe_md("Compost partagé", "1.0.0", "brest", HOW_1_0, OBSTACLES))
    repo.commit("Compost partagé", author=MARIE, date="2025-01-10T10:00:00+01:00")
    repo.write(ORIGINAL, recipe_md("Compost partagé", "1.1.0", "brest", HOW_1_1, OBSTACLES))
    repo.commit("Un café dans le hall", author=MARIE, date="2025-06-01T10:00:00+02:00")
    repo.write(ADAPTED, adaptation(adapted_from))
    repo.commit("Compost au bourg", author=MARIE, date="2025-09-01T10:00:00+02:00")
    repo.write(ORIGINAL, recipe_md("Compost partagé", "2.0.0", "brest", HOW_2_0, OBSTACLES))
    repo.commit("Des guides composteurs", author=MARIE, date="2026-02-01T10:00:00+01:00")
    return repo
