"""read.recipe_md: a recipe in one file — front matter and sections, every problem located in
recipe.md — and recettes migrate, which brings the five-file layout there with nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from recettes.history.history import read_history
from recettes.read.checks import validate_repository
from recettes.read.recipe_md import parse_recipe_md, recipe_content, recipe_version
from recettes.scaffold.migrate import migrate_recipes
from tests.repo_factory import SECTIONS, add_ambassador, add_recipe, mini_repo

from ..conftest import ROOT, GitRepo, RunLine

SHOWN = "recipes/x/recipe.md"
GOOD = """---
title: Compost
version: 1.2.0
---

# Contexte

Né d’un besoin.

# Comment faire

## Réunir
Les voisins.

# Freins

## Odeurs
Des matières sèches.

# Leviers

## Bailleur
Il aide.

# Conditions de reproductibilité

## Un espace
Vert.
"""


class TestParse:
    def test_front_matter_and_sections_with_file_lines(self) -> None:
        parsed, problems = parse_recipe_md(GOOD, SHOWN)
        assert [] == problems
        assert parsed.doc is not None and {"title": "Compost", "version": "1.2.0"} == parsed.doc.data
        assert (3, 1) == (*parsed.doc.position(("version",))[:1], 1)
        assert ["context", "how-to", "obstacles", "enablers", "reproducibility"] == list(parsed.sections)
        assert [("Réunir", 12)] == [(i.title, i.line) for i in parsed.sections["how-to"].items]
        assert "Né d’un besoin." == parsed.sections["context"].intro

    @pytest.mark.parametrize(("text", "expected"), [
        ("title: x\n", ["recipes/x/recipe.md:1:1: R001 en-tête YAML absent"]),
        ("---\ntitle: x\n", ["recipes/x/recipe.md:1:1: R001 en-tête YAML non fermé"]),
        ("---\ntitle: [x\n---\n", ["recipes/x/recipe.md:2:8: R001 crochet « [ » ouvert ici"]),
        ("---\ntitle: x\n---\n\n# Fraines\n\n## a\nb\n", ["recipes/x/recipe.md:5:1: R032 section « Fraines » inconnue"]),
        ("---\nt: x\n---\n# Freins\n## a\nb\n# Freins\n## c\nd\n",
         ["recipes/x/recipe.md:7:1: R032 section « Freins » écrite deux fois"]),
        ("---\nt: x\n---\n# Freins\n## a\nb\n# Comment faire\n## c\nd\n",
         ["recipes/x/recipe.md:7:1: R032 (avertissement) section « Comment faire » hors de l’ordre habituel"]),
        ("---\nt: x\n---\nPerdu.\n# Freins\n## a\nb\n",
         ["recipes/x/recipe.md:4:1: R032 (avertissement) texte avant la première section"]),
        ("---\nt: x\n---\n# Freins\n## \nb\n", ["recipes/x/recipe.md:5:1: R032 titre « ## » vide"]),
        ("---\nt: x\n---\n# Freins\n```\n# pas un titre\n```\n## a\nb\n", []),
    ])
    def test_problems_point_at_the_file_line(self, text: str, expected: list[str]) -> None:
        _, problems = parse_recipe_md(text, SHOWN)
        lines = [str(p).splitlines()[0] for p in problems]
        assert len(expected) == len(lines), lines
        assert all(line.startswith(prefix) for line, prefix in zip(lines, expected, strict=True)), lines

    def test_version_is_read_from_the_front_matter_with_its_place(self) -> None:
        assert ("1.2.0", 3, 10) == recipe_version(GOOD)
        assert ("2.0.0", 1, 10) == recipe_version("version: 2.0.0\n")


class TestValidate:
    def test_a_recipe_md_validates_and_its_errors_are_located(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        folder = add_recipe(root, "compost")
        migrate_recipes(root, [folder])
        _, report = validate_repository(root)
        assert [] == [str(p) for p in report.problems]
        text = (folder / "recipe.md").read_text(encoding="utf-8")
        (folder / "recipe.md").write_text(text.replace("  - alimentation\n", "  - alimentaton\n")
                                          .replace("# Freins\n", "# Frein\n").replace("# Facilitations\n", ""),
                                          encoding="utf-8")
        _, report = validate_repository(root)
        found = sorted(f"{p.location()} {p.code.name}" for p in report.problems)
        line = text.splitlines().index("  - alimentation") + 1
        assert f"recipes/compost/recipe.md:{line}:5 R013" in found
        assert any(f.startswith("recipes/compost/recipe.md:") and f.endswith("R030") for f in found)

    def test_both_layouts_at_once_is_an_error(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        folder = add_recipe(root, "compost")
        (folder / "recipe.md").write_text(GOOD, encoding="utf-8")
        _, report = validate_repository(root)
        assert "R022" in [p.code.name for p in report.errors]


class TestMigrate:
    def test_nothing_lost_and_idempotent(self, tmp_path: Path, run_line: RunLine) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        folder = add_recipe(root, "compost", extra="# un commentaire gardé\n")
        before = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file()}
        run = run_line("migrate", "--root", str(root))
        assert "✓ 1 recette migrée." in run.stdout
        assert ["recipe.md"] == sorted(p.name for p in folder.iterdir() if p.is_file())
        text = (folder / "recipe.md").read_text(encoding="utf-8")
        assert "# un commentaire gardé" in text
        assert recipe_content(before) == recipe_content({"recipe.md": text}) or (
            recipe_content(before).items == recipe_content({"recipe.md": text}).items)
        for body in SECTIONS.values():
            assert body.strip() in text
        again = run_line("migrate", "--root", str(root))
        assert "déjà en un fichier" in again.stdout and text == (folder / "recipe.md").read_text(encoding="utf-8")

    def test_git_history_continues_and_no_version_bump_is_needed(self, git_repo: GitRepo, run_line: RunLine) -> None:
        """git mv keeps recipe.yml's history under recipe.md; a layout change needs no new version."""
        root = git_repo.path
        (root / "schema").mkdir()
        shutil.copytree(ROOT / "schema" / "vocabularies", root / "schema" / "vocabularies")
        add_ambassador(root, "collectif", "Collectif")
        add_recipe(root, "compost")
        git_repo.commit("Add compost")
        run_line("migrate", "--root", str(root))
        git_repo.commit("Migrate")
        history = read_history(root).recipes["compost"]
        assert ["Migrate", "Add compost"] == [c.summary for e in history.changelog for c in e.commits]
        run_line("check-versions", "--base", "HEAD~1", "--root", str(root))
        text = (root / "recipes/compost/recipe.md").read_text(encoding="utf-8")
        (root / "recipes/compost/recipe.md").write_text(text.replace("Avec le bailleur.", "Avec la mairie."),
                                                       encoding="utf-8")
        run = run_line("check-versions", "--base", "HEAD", "--root", str(root), code=1)
        assert "recipes/compost/recipe.md:5:10: R060" in run.stdout

    def test_a_separator_line_in_the_metadata_is_refused(self, tmp_path: Path, run_line: RunLine) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        folder = add_recipe(root, "compost", extra="---\n")
        run = run_line("migrate", "--root", str(root), code=1)
        assert "recipes/compost/recipe.yml:" in run.stdout and "R001" in run.stdout
        assert (folder / "recipe.yml").is_file() and not (folder / "recipe.md").exists()


class TestEditLink:
    def test_the_edit_link_opens_the_recipe_file(self, tmp_path: Path) -> None:
        """One file per recipe: « Modifier cette page » opens recipe.md in the forge's editor."""
        from recettes.catalog.catalog import Catalog
        from recettes.site.config import PluginConfig, handbook_options
        from recettes.site.recipe_page import recipe_page

        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        migrate_recipes(root, [add_recipe(root, "compost")])
        add_recipe(root, "ancienne")
        repo, _ = validate_repository(root)
        plugin = PluginConfig()
        plugin.load_dict({})
        plugin.validate()
        options = handbook_options("https://g/", "https://forge.example/r", plugin)
        catalog = Catalog.build(repo)
        assert ("https://forge.example/r/edit/main/recipes/compost/recipe.md"
                == recipe_page(catalog, "compost", options).meta["edit_url"])
        assert ("https://forge.example/r/edit/main/recipes/ancienne/recipe.yml"
                == recipe_page(catalog, "ancienne", options).meta["edit_url"])


class TestMigrateOddInputs:
    @pytest.fixture
    def repo(self, git_repo: GitRepo) -> GitRepo:
        shutil.copytree(ROOT / "schema" / "vocabularies", git_repo.path / "schema" / "vocabularies")
        add_ambassador(git_repo.path, "collectif", "Collectif")
        add_recipe(git_repo.path, "compost")
        git_repo.commit("Add compost")
        return git_repo

    def test_uncommitted_edits_are_migrated_not_a_crash(self, repo: GitRepo, run_line: RunLine) -> None:
        """A section edited but not committed: git rm would refuse; its new text is in recipe.md."""
        folder = repo.path / "recipes" / "compost"
        (folder / "enablers.md").write_text("## Le bailleur\n\nIl a prêté le terrain, et l’eau.\n", encoding="utf-8")
        run_line("migrate", "--root", str(repo.path))
        assert ["recipe.md"] == sorted(p.name for p in folder.iterdir() if p.is_file())
        assert "Il a prêté le terrain, et l’eau." in (folder / "recipe.md").read_text(encoding="utf-8")

    def test_bom_and_crlf_do_not_stop_it(self, repo: GitRepo, run_line: RunLine) -> None:
        folder = repo.path / "recipes" / "compost"
        (folder / "obstacles.md").write_bytes(b"\xef\xbb\xbf## Les odeurs\r\n\r\nDes mati\xc3\xa8res s\xc3\xa8ches.\r\n")
        run_line("migrate", "--root", str(repo.path))
        data = (folder / "recipe.md").read_bytes()
        assert b"\r" not in data and b"\xef\xbb\xbf" not in data and "Des matières sèches.".encode() in data

    def test_a_level_one_heading_is_located_in_its_file(self, repo: GitRepo, run_line: RunLine) -> None:
        folder = repo.path / "recipes" / "compost"
        (folder / "how-to.md").write_text("## Réunir\n\nLes voisins.\n\n# Annexe\n\nTexte.\n", encoding="utf-8")
        run = run_line("migrate", "--root", str(repo.path), code=1)
        assert "recipes/compost/how-to.md:5:1: R032 titre de niveau 1" in run.stdout
        assert (folder / "recipe.yml").is_file() and not (folder / "recipe.md").exists()

    def test_outside_a_repository_is_a_usage_error(self, tmp_path: Path, run_line: RunLine) -> None:
        run = run_line("validate", "--root", str(tmp_path), code=2)
        assert "n’est pas dans un dépôt de recettes" in run.stderr


def test_every_problem_at_once_even_when_the_schema_fails(tmp_path: Path) -> None:
    """An invalid status and an unknown key do not hide the unknown theme, territory and sections."""
    root = mini_repo(tmp_path)
    (root / "recipes" / "x").mkdir(parents=True)
    (root / "recipes" / "x" / "recipe.md").write_text(
        "---\nschema_version: 1\ntitle: Titre ok\nsummary: Un résumé assez long.\nversion: 1.0.0\n"
        "status: publiée\ncouleur: bleu\nterritory: {place: brets}\nthemes: [lien-socal]\n---\n\n"
        "# Comment faire\n\n## a\nb\n", encoding="utf-8")
    _, report = validate_repository(root)
    found = [f"{p.line} {p.code.name}" for p in report.sorted()]
    assert ["1 R030", "1 R030", "1 R030", "1 R113", "6 R012", "7 R010", "8 R014", "9 R013"] == found
