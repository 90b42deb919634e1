"""Every invalid fixture folder: `recettes validate` exits as expected and reports exactly the
problems of its golden file, each with its place and French message.

``tests/data/invalid/<case>/expected.txt`` holds ``exit: N`` then the first line of every problem
as the text format prints it (``path:line:column: CODE message``; hints are left out, they quote
the model's keys and change with it). ``pytest --update-goldens tests/test_fixtures.py`` rewrites
them from the current output: review the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import DATA, RunLine, make_repo

CASES = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())
GOLDEN = "expected.txt"


def expected_of(case: Path) -> tuple[int, list[str]]:
    """The golden file of a case: exit code, then one line per problem."""
    lines = case.joinpath(GOLDEN).read_text(encoding="utf-8").splitlines()
    code = int(lines[0].removeprefix("exit: "))
    return code, [line for line in lines[1:] if line]


def write_golden(case: Path, code: int, problems: list[str]) -> None:
    case.joinpath(GOLDEN).write_text("".join(f"{line}\n" for line in [f"exit: {code}", *problems]),
                                     encoding="utf-8")


def problem_lines(text_output: str) -> list[str]:
    """The first line of each problem in ``--format text`` output; the summary must end it."""
    lines = text_output.splitlines()
    assert lines and lines[-1][:1] in ("✓", "✗"), f"no summary at the end:\n{text_output}"
    return [line for line in lines[:-1] if not line.startswith(" ")]


def json_line(problem: dict[str, object]) -> str:
    """A ``--format json`` problem written as the text format's first line."""
    level = " (avertissement)" if problem["severity"] == "warning" else ""
    return f"{problem['path']}:{problem['line']}:{problem['column']}: {problem['code']}{level} {problem['message']}"


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
    def test_reports_exactly_the_golden_problems(self, case: Path, tmp_path: Path, run_line: RunLine,
                                                 request: pytest.FixtureRequest) -> None:
        """Each fixture exits with its code and prints exactly its golden problems, in order, with
        their place and French message, and no traceback."""
        repo = prepare(case, tmp_path / "depot")
        if request.config.getoption("update_goldens"):
            run = run_line("validate", "--root", str(repo), code=expected_of(case)[0])
            write_golden(case, run.exit_code, problem_lines(run.stdout))
        exit_code, expected = expected_of(case)
        run = run_line("validate", "--root", str(repo), code=exit_code)
        assert "Traceback" not in run.stdout + run.stderr, run.output
        assert expected == problem_lines(run.stdout)

    @pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
    def test_json_format_lists_the_same_problems(self, case: Path, tmp_path: Path, run_line: RunLine) -> None:
        """--format json gives programs the same problems, places and messages."""
        repo = prepare(case, tmp_path / "depot")
        exit_code, expected = expected_of(case)
        run = run_line("validate", "--root", str(repo), "--format", "json", code=exit_code)
        payload = json.loads(run.stdout)
        assert expected == [json_line(p) for p in payload["problems"]]
        assert payload["valid"] is (exit_code == 0)

    @pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
    def test_each_case_shows_its_own_code(self, case: Path) -> None:
        """The case named R0xx reports R0xx (its other problems are consequences of the same file)."""
        _, expected = expected_of(case)
        assert any(f": {case.name[:4]} " in line for line in expected), expected


class TestGoldenHelpers:
    def test_problem_lines_keep_first_lines_only(self) -> None:
        out = ("a.yml:1:2: R010 clé inconnue « x »\n    → Clés possibles ici : a,\n      b\n"
               "b.md:3:1: R008 (avertissement) BOM\n✗ 1 erreur, 1 avertissement — 1 recette.\n")
        assert ["a.yml:1:2: R010 clé inconnue « x »", "b.md:3:1: R008 (avertissement) BOM"] == problem_lines(out)

    def test_an_output_without_summary_is_refused(self) -> None:
        """A run cut short (no summary line) cannot pass for a clean one."""
        with pytest.raises(AssertionError, match="no summary"):
            problem_lines("a.yml:1:2: R010 clé inconnue « x »\n")

    def test_json_line_matches_the_text_format(self) -> None:
        problem = {"path": "b.md", "line": 3, "column": 1, "code": "R008", "severity": "warning", "message": "BOM"}
        assert "b.md:3:1: R008 (avertissement) BOM" == json_line(problem)
        assert "b.md:3:1: R008 BOM" == json_line({**problem, "severity": "error"})


class TestValidRepository:
    def test_base_fixture_is_valid(self, base_repo: Path, run_line: RunLine) -> None:
        """The base of every fixture is itself valid, so each case shows only its own problem."""
        run = run_line("validate", "--root", str(base_repo))
        assert "✓ Tout est valide" in run.stdout

    def test_project_repository_is_valid(self, run_line: RunLine) -> None:
        """The starter corpus of this repository validates."""
        run_line("validate", "--root", str(Path(__file__).resolve().parents[1]))
