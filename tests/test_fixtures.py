"""Every invalid fixture folder: `recettes validate` exits as expected, at the expected places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import DATA, RunLine, make_repo

CASES = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())


def expected_of(case: Path) -> tuple[int, list[str]]:
    lines = case.joinpath("expected.txt").read_text(encoding="utf-8").splitlines()
    code = int(lines[0].removeprefix("exit: "))
    return code, [line for line in lines[1:] if line]


def prepare(case: Path, target: Path) -> Path:
    repo = make_repo(target, case)
    if case.name == "R006-huge-file":
        huge = repo / "recipes" / "cas-enorme" / "recipe.yml"
        with huge.open("wb") as stream:
            stream.write(b"title: x\n" * (50 * 1024 * 1024 // 9))
    if case.name == "R022-empty-folder":
        (repo / "recipes" / "dossier-vide").mkdir()
    return repo


class TestInvalidFixtures:
    @pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
    def test_reports_each_expected_problem(self, case: Path, tmp_path: Path, run_line: RunLine) -> None:
        """Each fixture exits with its code and names file:line:column and code, without a traceback."""
        repo = prepare(case, tmp_path / "depot")
        exit_code, expected = expected_of(case)
        run = run_line("validate", "--root", str(repo), code=exit_code)
        assert "Traceback" not in run.stdout + run.stderr, run.output
        for problem in expected:
            assert any(line.startswith(problem + " ") for line in run.stdout.splitlines()), (
                f"{problem}\n{run.stdout}")
        if case.name[:4] != "R008":
            assert case.name[:4] in run.stdout

    @pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
    def test_json_format_lists_the_same_problems(self, case: Path, tmp_path: Path, run_line: RunLine) -> None:
        """--format json gives the same located problems to programs."""
        repo = prepare(case, tmp_path / "depot")
        exit_code, expected = expected_of(case)
        run = run_line("validate", "--root", str(repo), "--format", "json", code=exit_code)
        payload = json.loads(run.stdout)
        found = {f"{p['path']}:{p['line']}:{p['column']}: {p['code']}" for p in payload["problems"]}
        assert set(expected) <= found
        assert payload["valid"] is (exit_code == 0)


class TestValidRepository:
    def test_base_fixture_is_valid(self, base_repo: Path, run_line: RunLine) -> None:
        """The base of every fixture is itself valid, so each case shows only its own problem."""
        run = run_line("validate", "--root", str(base_repo))
        assert "✓ Tout est valide" in run.stdout

    def test_project_repository_is_valid(self, run_line: RunLine) -> None:
        """The starter corpus of this repository validates."""
        run_line("validate", "--root", str(Path(__file__).resolve().parents[1]))
