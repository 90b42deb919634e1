"""Territorial repositories made in tmp_path for the network tests: real git repositories with
distinct authors, recipes in one file or in the older five-file layout, and their vocabularies."""

from __future__ import annotations

import shutil
from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.core.network import Origin, Provenance

from ..conftest import GitRepo

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "data" / "minirepo"

SECTIONS = {
    "how-to": ("Comment faire", "## Réunir les voisin·es\n\nUne soirée au pied de l’immeuble.\n\n"
               "## Installer le bac\n\nAvec le bailleur, près des logements.\n"),
    "obstacles": ("Freins", "## Les odeurs\n\nRésolues par un bon équilibre de matières sèches.\n"),
    "enablers": ("Facilitations", "## Le bailleur social\n\nIl a prêté le terrain.\n"),
    "reproducibility": ("Conditions de reproductibilité", "## Un espace vert\n\nQuelques mètres carrés.\n"),
}


def territory(path: Path, *, territories: str = "", themes: str = "") -> GitRepo:
    """A new territorial repository: the test vocabularies (plus ``territories``/``themes``
    YAML entries appended) and no recipe yet."""
    shutil.copytree(MINI, path)
    vocab = path / "schema" / "vocabularies"
    if territories:
        with (vocab / "territories.yml").open("a", encoding="utf-8") as stream:
            stream.write(territories)
    if themes:
        with (vocab / "themes.yml").open("a", encoding="utf-8") as stream:
            stream.write(themes)
    return GitRepo(path)


def front(title: str, *, place: str = "brest", theme: str = "alimentation", holder: str | None = None,
          version: str = "1.0.0", summary: str = "Des habitant·es compostent ensemble au pied de leur immeuble.",
          extra: str = "") -> str:
    holders = f"holders:\n  - id: {holder}\n    role: holder\n" if holder else ""
    return (f"schema_version: 1\ntitle: \"{title}\"\nsummary: \"{summary}\"\nversion: {version}\n"
            f"status: published\nterritory:\n  place: {place}\nthemes: [{theme}]\n{holders}"
            f"documented_by:\n  - name: Équipe du territoire\nlicence: CC-BY-SA-4.0\n{extra}")


def write_recipe(repo: GitRepo, slug: str, title: str, *, text: str = "", **kwargs: str) -> None:
    """A recipe in one file (``recipes/<slug>/recipe.md``); ``text`` is added to « Comment faire »."""
    body = ""
    for kind, (heading, section) in SECTIONS.items():
        body += f"# {heading}\n\n{section}" + (f"\n{text}\n" if kind == "how-to" and text else "") + "\n"
    repo.write(f"recipes/{slug}/recipe.md", f"---\n{front(title, **kwargs)}---\n\n{body}")


def write_five_files(repo: GitRepo, slug: str, title: str, **kwargs: str) -> None:
    """A recipe in the five-file layout of the first version (``recipe.yml`` and one file a section)."""
    repo.write(f"recipes/{slug}/recipe.yml", front(title, **kwargs))
    for kind, (_, section) in SECTIONS.items():
        repo.write(f"recipes/{slug}/{kind}.md", section)


def write_ambassador(repo: GitRepo, ident: str, name: str, *, place: str = "brest") -> None:
    repo.write(f"ambassadors/{ident}.yml",
               f"schema_version: 1\nname: {name}\nkind: person\nterritory: {place}\n"
               "bio: Anime un collectif d’habitant·es.\nconsent:\n  date: \"2025-01-10\"\n"
               "  scope: [name, bio]\n")


def network_file(root: Path, sources: list[dict[str, str]], ambassadors: str = "") -> None:
    lines = ["sources:"]
    for source in sources:
        lines.append(f"  - id: {source['id']}")
        lines += [f"    {key}: {value}" for key, value in source.items() if key != "id"]
    (root / "network.yml").write_text("\n".join(lines) + "\n" + ambassadors, encoding="utf-8")


def give_sources(catalog: Catalog, labels: dict[str, str]) -> None:
    """Mark recipes of ``catalog`` as brought by network sources of these labels (slug -> label),
    as ``catalog.network`` does, without building a network."""
    catalog.origins = {slug: Origin(Provenance(label.lower(), label, "finistere", "", "main", "0" * 40),
                                    slug, f"recipes/{slug}/recipe.md") for slug, label in labels.items()}
