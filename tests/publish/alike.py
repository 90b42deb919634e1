"""Recipes alike, written as real recipe.md files: a text of our own, copies of it reworded,
reordered or stripped of accents (used by the duplicates tests)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from recettes.read.checks import validate_repository
from recettes.read.load import RecipeEntry
from tests.repo_factory import mini_repo

ITEMS = {
    "how-to": [
        ("Réunir les habitant·es du quartier", "Une soirée d’information au pied de l’immeuble présente "
         "l’idée du compost partagé. On y note les volontaires et les questions sur les odeurs."),
        ("Trouver un emplacement avec le bailleur", "Le bailleur social prête un coin de pelouse ombragé, "
         "proche des entrées, accessible aux poussettes et aux fauteuils roulants."),
        ("Former des guides composteurs", "Deux bénévoles suivent la formation de la communauté "
         "d’agglomération et apprennent à équilibrer les matières vertes et brunes."),
    ],
    "obstacles": [
        ("La peur des rats", "Un bac fermé, un grillage au fond et des apports réguliers de broyat "
         "ont rassuré les voisin·es les plus inquiets pendant le premier hiver."),
    ],
    "enablers": [
        ("Un broyeur prêté par la commune", "Les services techniques livrent du broyat chaque mois "
         "après l’élagage des arbres du parc voisin, sans frais pour l’association."),
    ],
    "reproducibility": [
        ("Un espace vert au pied des logements", "Quelques mètres carrés suffisent, à moins de cinquante "
         "mètres des entrées, avec l’accord écrit du propriétaire du terrain."),
    ],
}
OTHER = {
    "how-to": [("Ouvrir un atelier de réparation", "Chaque premier samedi, des bénévoles réparent "
                "vélos, grille-pains et vêtements avec les visiteurs, qui apprennent en faisant.")],
    "obstacles": [("L’assurance", "Il a fallu une attestation de responsabilité civile pour les "
                   "outils électriques prêtés par la maison de quartier.")],
    "enablers": [("Une salle municipale", "La mairie prête la salle et ses tables chaque mois.")],
    "reproducibility": [("Des bricoleur·euses", "Trois personnes habiles suffisent pour commencer.")],
}
TITLES = {"how-to": "Comment faire", "obstacles": "Freins", "enablers": "Facilitations",
          "reproducibility": "Conditions de reproductibilité"}


def write(root: Path, slug: str, items: dict[str, list[tuple[str, str]]], *, title: str = "Compost partagé",
          order: list[str] | None = None, extra: str = "", status: str = "published") -> Path:
    """A recipe.md with ``items`` (section id -> [(title, body)]), sections in ``order``."""
    folder = root / "recipes" / slug
    folder.mkdir(parents=True)
    body = "".join(f"# {TITLES[kind]}\n\n" + "".join(f"## {t}\n\n{b}\n\n" for t, b in items[kind])
                   for kind in order or list(TITLES))
    (folder / "recipe.md").write_text(
        f"---\nschema_version: 1\ntitle: \"{title}\"\n"
        "summary: \"Des habitant·es compostent ensemble au pied de leur immeuble.\"\n"
        f"version: 1.0.0\nstatus: {status}\nterritory:\n  place: plouarzel\nthemes: [alimentation]\n"
        f"licence: CC-BY-SA-4.0\ndocumented_by:\n  - name: Atelier d’écriture\n{extra}---\n\n{body}",
        encoding="utf-8")
    return folder


def strip_accents(items: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    def plain(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).upper()
    return {kind: [(plain(t), plain(b)) for t, b in pairs] for kind, pairs in items.items()}


def reworded(items: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    """One step rewritten from scratch, the steps reordered, a word changed in a condition."""
    how = list(reversed(items["how-to"]))
    how[0] = ("Former deux guides", "La communauté d’agglomération propose chaque printemps une "
              "journée gratuite pour apprendre à surveiller la température du bac.")
    return {**items, "how-to": how,
            "reproducibility": [(t, b.replace("cinquante", "cent")) for t, b in items["reproducibility"]]}


def entries(root: Path) -> dict[str, RecipeEntry]:
    repo, report = validate_repository(root)
    assert report.ok, [str(p) for p in report.errors]
    return repo.recipes


def two_recipes(tmp_path: Path) -> Path:
    """A repository with two unrelated recipes: « compost » (``ITEMS``) and « reparation »."""
    root = mini_repo(tmp_path)
    write(root, "compost", ITEMS)
    write(root, "reparation", OTHER, title="Atelier de réparation")
    return root
