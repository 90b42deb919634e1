"""The `recettes` command as users run it: exit codes, formats, selected paths."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA, RunLine, make_repo


class TestValidateCommand:
    def test_usage_error_exits_2(self, base_repo: Path, run_line: RunLine) -> None:
        """An unknown option is a usage error, not a content error."""
        run = run_line("validate", "--format", "xml", "--root", str(base_repo), code=2)
        assert "Erreur\u00a0: Valeur invalide pour '--format'" in run.stderr  # click's messages, in French
        assert "n’est pas parmi 'github', 'json', 'text'" in run.stderr
        assert "" == run.stdout

    def test_help_is_french(self, run_line: RunLine) -> None:
        """Help headings and the standard options speak French too."""
        run = run_line("--help")
        assert "Utilisation\u00a0: recettes" in run.stdout and "Affiche cette aide et quitte." in run.stdout

    def test_no_english_placeholder_in_any_help(self, run_line: RunLine) -> None:
        """Every command's help, subcommands included: click's type names (TEXT, DIRECTORY…) and
        argument names are shown in French."""
        from recettes.cli.main import cli

        def commands(group: Any, path: list[str]) -> list[list[str]]:
            found = [path]
            for name, command in getattr(group, "commands", {}).items():
                found += commands(command, [*path, name])
            return found

        english = re.compile(r"\b(TEXT|INTEGER|FLOAT|BOOLEAN|DIRECTORY|FILE|FILENAME|PATHS?)\b")
        for path in commands(cli, []):
            shown = run_line(*path, "--help").stdout
            assert not english.search(shown), (path, english.findall(shown))

    def test_every_problem_is_reported_at_once(self, tmp_path: Path, run_line: RunLine) -> None:
        """Problems of several recipes come in one run, sorted by file and line."""
        repo = make_repo(tmp_path / "d", DATA / "invalid" / "R013-unknown-theme", DATA / "invalid" / "R040-unknown-holder")
        run = run_line("validate", "--root", str(repo), code=1)
        lines = [line for line in run.stdout.splitlines() if ": R0" in line and "(avertissement)" not in line]
        assert ["R040", "R013"] == [line.split(": ")[1].split()[0] for line in lines]
        assert "✗ 2 erreurs" in run.stdout

    def test_github_format_gives_annotations(self, tmp_path: Path, run_line: RunLine) -> None:
        """--format github prints workflow commands with file, line and column."""
        repo = make_repo(tmp_path / "d", DATA / "invalid" / "R013-unknown-theme")
        run = run_line("validate", "--root", str(repo), "--format", "github", code=1)
        assert "::error file=recipes/cas-theme/recipe.yml,line=9,col=24,title=R013::R013 thématique" in run.stdout

    def test_selected_recipe_only_reports_its_problems(self, tmp_path: Path, run_line: RunLine) -> None:
        """`recettes validate recipes/x` checks x fully, others only as link targets."""
        repo = make_repo(tmp_path / "d", DATA / "invalid" / "R013-unknown-theme")
        run = run_line("validate", str(repo / "recipes" / "jardin-partage"))
        assert "1 recette" in run.stdout
        run_line("validate", str(repo / "recipes" / "cas-theme" / "recipe.yml"), code=1)

    def test_relative_paths_are_read_from_the_current_folder(self, tmp_path: Path, run_line: RunLine,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
        """From the repository root, `recettes validate recipes/x` needs no --root."""
        repo = make_repo(tmp_path / "d", DATA / "invalid" / "R013-unknown-theme")
        monkeypatch.chdir(repo)
        assert "1 recette" in run_line("validate", "recipes/jardin-partage").stdout
        run = run_line("validate", "recipes/cas-theme", code=1)
        assert "recipes/cas-theme/recipe.yml:9:24: R013 thématique « numérique » inconnue" in run.stdout.splitlines()

    def test_json_is_machine_readable(self, base_repo: Path, run_line: RunLine) -> None:
        """--format json is valid JSON with counts."""
        run = run_line("validate", "--root", str(base_repo), "--format", "json")
        payload = json.loads(run.stdout)
        assert {"valid": True, "errors": 0, "warnings": 0} == {k: payload[k] for k in ("valid", "errors", "warnings")}
