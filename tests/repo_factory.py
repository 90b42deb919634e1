"""Small repositories built in tmp_path for the contribute and reuse tests."""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).parent / "data"

SECTIONS = {
    "how-to.md": "## Réunir les voisin·es\n\nUne soirée au pied de l’immeuble.\n\n## Installer le bac\n\nAvec le bailleur.\n",
    "obstacles.md": "## Les odeurs\n\nRésolues par un bon équilibre de matières sèches.\n",
    "enablers.md": "## Le bailleur social\n\nIl a prêté le terrain.\n",
    "reproducibility.md": "## Un espace vert\n\nQuelques mètres carrés près des logements.\n",
}


def mini_repo(tmp_path: Path) -> Path:
    """A repository with the test vocabularies and nothing else."""
    root = tmp_path / "depot"
    shutil.copytree(DATA / "minirepo", root)
    return root


def add_ambassador(root: Path, ident: str, name: str) -> None:
    folder = root / "ambassadors"
    folder.mkdir(exist_ok=True)
    (folder / f"{ident}.yml").write_text(
        f"schema_version: 1\nname: {name}\nkind: organisation\nterritory: brest\n", encoding="utf-8")


def add_recipe(root: Path, slug: str, *, title: str = "Compost partagé", place: str = "plouarzel",
               themes: tuple[str, ...] = ("alimentation",), holder: str = "collectif",
               licence: str = "CC-BY-SA-4.0", status: str = "published", extra: str = "") -> Path:
    folder = root / "recipes" / slug
    folder.mkdir(parents=True)
    theme_lines = "".join(f"  - {t}\n" for t in themes)
    (folder / "recipe.yml").write_text(
        "schema_version: 1\n"
        f"title: \"{title}\"\n"
        "summary: \"Des habitant·es compostent ensemble au pied de leur immeuble.\"\n"
        "version: 1.2.0\n"
        f"status: {status}\n"
        "started: 2012\n"
        f"territory:\n  place: {place}\n"
        f"themes:\n{theme_lines}"
        f"holders:\n  - id: {holder}\n    role: holder\n"
        f"licence: {licence}\n" + extra,
        encoding="utf-8",
    )
    for name, text in SECTIONS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


MORE_TERRITORIES = """- id: lannion
  label: Lannion
  kind: commune
  parent: bretagne
  location: {lat: 48.7326, lon: -3.4566}
- id: rennes
  label: Rennes
  kind: commune
  parent: bretagne
  location: {lat: 48.1113, lon: -1.68}
- id: vannes
  label: Vannes
  kind: commune
  parent: bretagne
  location: {lat: 47.6582, lon: -2.7608}
"""
"""Three communes far from the Pays de Brest, for reproductions elsewhere (append to the
minirepo's territories.yml)."""


def add_territories(root: Path, text: str = MORE_TERRITORIES) -> None:
    path = root / "schema" / "vocabularies" / "territories.yml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def add_report(root: Path, slug: str, ident: str, *, place: str, date: str = "2024-05",
               version: str = "1.2.0", who: str = "ambassador: collectif", outcome: str = "Trois immeubles compostent.",
               extra: str = "", story: str = "") -> Path:
    """A reproduction report ``recipes/<slug>/reproductions/<ident>.md``."""
    folder = root / "recipes" / slug / "reproductions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ident}.md"
    path.write_text(
        "---\nschema_version: 1\nreport: reproduction\n"
        f"{who}\n"
        f"territory:\n  place: {place}\n"
        f"date: \"{date}\"\n"
        f"version: {version}\n"
        f"outcome: {outcome}\n" + extra + "---\n\n" + story,
        encoding="utf-8")
    return path
