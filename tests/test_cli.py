"""The `recettes` command as users run it: exit codes, formats, selected paths."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import DATA, make_repo, run_recettes


class TestValidateCommand:
    def test_usage_error_exits_2(self, base_repo: Path) -> None:
        """An unknown option is a usage error, not a content error."""
        run = run_recettes("validate", "--format", "xml", "--root", str(base_repo))
        assert 2 == run.code, run
        assert "Erreur\u00a0: Valeur invalide pour '--format'" in run.err  # click's messages, in French
        assert "n’est pas parmi 'github', 'json', 'text'" in run.err

    def test_help_is_french(self) -> None:
        """Help headings and the standard options speak French too."""
        run = run_recettes("--help")
        assert 0 == run.code
        assert "Utilisation\u00a0: recettes" in run.out and "Affiche cette aide et quitte." in run.out

    def test_every_problem_is_reported_at_once(self, tmp_path: Path) -> None:
        """Problems of several recipes come in one run, sorted by file and line."""
        repo = make_repo(tmp_path / "d", DATA / "invalid" / "R013-unknown-theme", DATA / "invalid" / "R040-unknown-holder")
        run = run_recettes("validate", "--root", str(repo))
        assert 1 == run.code
        lines = [line for line in run.out.splitlines() if ": R0" in line]
        assert ["R040", "R013"] == [line.split(": ")[1].split()[0] for line in lines]
        assert "✗ 2 erreurs" in run.out

    def test_github_format_gives_annotations(self, tmp_path: Path) -> None:
        """--format github prints workflow commands with file, line and column."""
        repo = make_repo(tmp_path / "d", DATA / "invalid" / "R013-unknown-theme")
        run = run_recettes("validate", "--root", str(repo), "--format", "github")
        assert 1 == run.code
        assert "::error file=recipes/cas-theme/recipe.yml,line=9,col=24,title=R013::R013 thématique" in run.out

    def test_selected_recipe_only_reports_its_problems(self, tmp_path: Path) -> None:
        """`recettes validate recipes/x` checks x fully, others only as link targets."""
        repo = make_repo(tmp_path / "d", DATA / "invalid" / "R013-unknown-theme")
        run = run_recettes("validate", str(repo / "recipes" / "jardin-partage"))
        assert 0 == run.code, run
        assert "1 recette" in run.out
        run = run_recettes("validate", str(repo / "recipes" / "cas-theme" / "recipe.yml"))
        assert 1 == run.code, run

    def test_json_is_machine_readable(self, base_repo: Path) -> None:
        """--format json is valid JSON with counts."""
        run = run_recettes("validate", "--root", str(base_repo), "--format", "json")
        payload = json.loads(run.out)
        assert {"valid": True, "errors": 0, "warnings": 0} == {k: payload[k] for k in ("valid", "errors", "warnings")}
