"""``recettes duplicates`` as users run it: text, JSON and GitHub reports, --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recettes.publish.duplicates import NEAR
from tests.publish.alike import ITEMS, reworded, strip_accents, two_recipes, write

from .conftest import RunLine


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return two_recipes(tmp_path)


class TestCommand:
    def test_no_duplicate(self, root: Path, run_line: RunLine) -> None:
        result = run_line("duplicates", "--root", str(root))
        assert "✓ Aucune recette identique ni proche (2 recettes comparées" in result.stdout

    def test_text_report_lists_each_pair_once_drafts_included(self, root: Path, run_line: RunLine) -> None:
        """A draft copy (an import) is reported too; exit 0 unless --strict."""
        write(root, "compost-import", strip_accents(ITEMS), status="draft")
        write(root, "compost-quimper", reworded(ITEMS), title="Compost partagé à Quimper")
        out = run_line("duplicates", "--root", str(root)).stdout
        assert 1 == out.count("recipes/compost/recipe.md:3:8: R250 (avertissement) recette identique à")
        assert "R251 (avertissement) recette quasi identique" in out or "R251 (avertissement) recette proche" in out
        assert "⚠ 3 paires de recettes semblables, dont 1 identique, sur 4 recettes comparées." in out
        run_line("duplicates", "--root", str(root), "--strict", code=1)

    def test_an_unreadable_recipe_is_skipped_and_said(self, root: Path, run_line: RunLine) -> None:
        """Broken front matter: no traceback, the others are still compared, the user is told."""
        write(root, "compost-copie", strip_accents(ITEMS))
        broken = write(root, "casse", ITEMS) / "recipe.md"
        broken.write_text(broken.read_text(encoding="utf-8").replace("version: 1.0.0", "version: [1"),
                          encoding="utf-8")
        result = run_line("duplicates", "--root", str(root))
        assert "une recette illisible n’est pas comparée" in result.stderr
        assert "recipes/casse" not in result.stdout
        assert "recette identique à «\u00a0Compost partagé\u00a0» (recipes/compost-copie/recipe.md)" in result.stdout

    def test_json_report(self, root: Path, run_line: RunLine) -> None:
        write(root, "compost-quimper", reworded(ITEMS), title="Compost partagé à Quimper")
        data = json.loads(run_line("duplicates", "--root", str(root), "--format", "json").stdout)
        [pair] = data["pairs"]
        assert ("compost", "compost-quimper", False) == (pair["a"]["slug"], pair["b"]["slug"], pair["exact"])
        assert {"how-to", "obstacles", "enablers", "reproducibility"} == {s["id"] for s in pair["sections"]}
        assert NEAR == data["thresholds"]["near"]

    def test_github_annotations(self, root: Path, run_line: RunLine) -> None:
        write(root, "compost-copie", strip_accents(ITEMS))
        out = run_line("duplicates", "--root", str(root), "--format", "github").stdout
        assert out.startswith("::warning file=recipes/compost/recipe.md,line=3,col=8,title=R250::")
