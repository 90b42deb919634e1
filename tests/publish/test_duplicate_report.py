"""DuplicateReport: located warnings naming the other recipe."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.publish.duplicate_report import problems
from recettes.publish.duplicates import find_duplicates
from tests.publish.alike import ITEMS, entries, reworded, write
from tests.repo_factory import mini_repo


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = mini_repo(tmp_path)
    write(root, "compost", ITEMS)
    return root


class TestProblems:
    def test_problems_are_located_warnings_naming_the_other_recipe(self, root: Path) -> None:
        write(root, "compost-quimper", reworded(ITEMS), title="Compost partagé à Quimper")
        recipes = entries(root)
        [problem] = problems(find_duplicates(recipes), recipes)
        assert ("recipes/compost/recipe.md", 3, "R251", False) == (
            problem.path, problem.line, problem.code.name, problem.is_error)
        assert "«\u00a0Compost partagé à Quimper\u00a0» (recipes/compost-quimper/recipe.md)" in problem.message
        assert "adapted_from" in problem.hint
