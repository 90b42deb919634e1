"""Regression tests of the four faults found when the package was split into layers (issue 8):
each failed on the flat package and passes now."""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, GitRepo, RunLine
from .site.conftest import copy_fixture, mkdocs


class TestCheckVersionsFromAnyFolder:
    def test_inside_a_recipe_folder_an_unbumped_change_fails(self, git_repo: GitRepo, run_line: RunLine,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
        """Run from recipes/compost/, the check finds the repository root and exits 1."""
        git_repo.write("recipes/compost/recipe.yml", "title: Compost\nversion: 1.0.0\n")
        git_repo.write("recipes/compost/how-to.md", "## Réunir\nLes voisins.\n")
        git_repo.commit("Add compost")
        git_repo.write("recipes/compost/how-to.md", "## Réunir\nLes voisines et voisins.\n")
        monkeypatch.chdir(git_repo.path / "recipes" / "compost")
        result = run_line("check-versions", "--base", "HEAD", code=1)
        assert result.stdout.startswith("recipes/compost/recipe.yml:2:10: R060 ")

    def test_root_option_inside_the_repository_searches_upward(self, git_repo: GitRepo, run_line: RunLine) -> None:
        """``--root recipes/compost`` means the same repository as ``--root .``."""
        git_repo.write("recipes/compost/recipe.yml", "title: Compost\nversion: 1.0.0\n")
        git_repo.commit("Add compost")
        git_repo.write("recipes/compost/how-to.md", "## Réunir\nLes voisins.\n")
        folder = str(git_repo.path / "recipes" / "compost")
        result = run_line("check-versions", "--base", "HEAD", "--root", folder, code=1)
        assert result.stdout.startswith("recipes/compost/recipe.yml:2:10: R060 ")


class TestExportReadsMkdocsAsMkdocsDoes:
    def test_site_url_from_an_environment_variable(self, tmp_path: Path, run_line: RunLine,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
        """``site_url: !ENV SITE_URL``: export cites the variable's address."""
        root = copy_fixture(tmp_path / "repo")
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(text.replace("site_url: https://recettes-libres.example.org/",
                                                      "site_url: !ENV SITE_URL"), encoding="utf-8")
        monkeypatch.setenv("SITE_URL", "https://territoire.example/guide/")
        result = run_line("export", "--format", "json", "--output", "-", "--root", str(root))
        data = json.loads(result.stdout)
        assert data["recipes"] and all(r["url"].startswith("https://territoire.example/guide/recettes/")
                                       for r in data["recipes"])


class TestClickStaysEnglishOutsideTheCommand:
    def test_importing_the_package_and_plugin_leaves_click_alone(self) -> None:
        """MkDocs imports our plugin: click's messages (MkDocs' command line) must not change."""
        code = ("import click.core, recettes.cli.main, recettes.site.plugin\n"
                "print(click.core._('Usage:'))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"PYTHONPATH": str(ROOT / "tools")}).stdout
        assert "Usage:" == out.strip()

    def test_the_command_speaks_french_then_restores_click(self) -> None:
        """``recettes --inconnue`` answers in French; afterwards click is English again."""
        import click.core

        from recettes.cli.main import main

        with pytest.raises(SystemExit) as exit_info:
            main(["--inconnue"])
        assert 2 == exit_info.value.code
        assert "Usage:" == click.core._("Usage:")

    def test_console_script_usage_error_is_french(self) -> None:
        proc = subprocess.run([sys.executable, "-m", "recettes", "--inconnue"], capture_output=True, text=True,
                              env={"PYTHONPATH": str(ROOT / "tools")})
        assert 2 == proc.returncode
        assert "Option inconnue" in proc.stderr and "Utilisation\u00a0:" in proc.stderr


@pytest.mark.build
class TestOnePipeline:
    def test_generate_and_mkdocs_build_write_the_same_handbook(self, tmp_path: Path, run_line: RunLine) -> None:
        """With plugin options set (latest, edit_branch, map tiles), ``recettes generate`` and the
        plugin write the same tree."""
        root = copy_fixture(tmp_path / "repo")
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        options = ("      latest: 1\n      edit_branch: brouillons\n"
                   "      map_tiles: https://tuiles.example/{z}/{x}/{y}.png\n      map_attribution: Tuiles d’exemple\n")
        text = re.sub(r"^  - recettes:?\n", "  - recettes:\n" + options.replace("\\", "\\\\"), text, flags=re.M)
        assert "edit_branch: brouillons" in text
        (root / "mkdocs.yml").write_text(text, encoding="utf-8")
        GitRepo(root, init=False).commit("Options", date="2026-11-23T10:00:00+01:00")
        run_line("generate", "--root", str(root), "--out", str(tmp_path / "cli"))
        built = mkdocs(root, "--strict")
        assert 0 == built.returncode, built.stderr
        ours, plugin = tmp_path / "cli" / "docs", root / "build" / "handbook" / "docs"
        home = (ours / "index.md").read_text(encoding="utf-8")
        assert "/edit/brouillons/recipes/" in (ours / "recettes" / "compost-partage" / "index.md").read_text()
        assert "tuiles.example" in (ours / "carte" / "index.md").read_text(encoding="utf-8")
        assert 1 == home.count("](recettes/") - home.count("](recettes/index.md")
        assert _differences(filecmp.dircmp(ours, plugin)) == []


def _differences(cmp: filecmp.dircmp[str]) -> list[str]:
    found = [*cmp.left_only, *cmp.right_only, *cmp.diff_files, *cmp.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    found += mismatch + errors
    for sub in cmp.subdirs.values():
        found += _differences(sub)
    return found
