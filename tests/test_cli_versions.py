from __future__ import annotations

import json

import pytest
from click.testing import Result

from .conftest import GitRepo, invoke


def run(*args: str, code: int) -> Result:
    """``recettes check-versions ARGS`` in-process."""
    return invoke("check-versions", *args, code=code)


@pytest.fixture
def unbumped(git_repo: GitRepo) -> GitRepo:
    """Recipe "compost" changed in the working tree without a new version."""
    git_repo.write("recipes/compost/recipe.yml", "title: Compost\nversion: 1.0.0\n")
    git_repo.write("recipes/compost/how-to.md", "## Réunir\nLes voisins.\n")
    git_repo.commit("Add compost")
    git_repo.write("recipes/compost/how-to.md", "## Réunir\nLes voisines et voisins.\n")
    return git_repo


class TestCheckVersionsCommand:
    def test_text_output_fails_with_the_problem_and_a_summary(self, unbumped: GitRepo):
        """Exit 1, the located problem, then a French summary."""
        result = run("--root", str(unbumped.path), code=1)

        lines = result.output.splitlines()
        assert lines[0].startswith("recipes/compost/recipe.yml:2:10: R060 ")
        assert "1 recette modifiée depuis HEAD sans version plus haute." == lines[-1]

    def test_a_bumped_recipe_passes(self, unbumped: GitRepo):
        """Exit 0 once the version is raised."""
        unbumped.write("recipes/compost/recipe.yml", "title: Compost\nversion: 1.0.1\n")

        result = run("--root", str(unbumped.path), "--base", "HEAD", code=0)

        assert result.output.startswith("Versions à jour")

    def test_json_output_lists_the_problems(self, unbumped: GitRepo):
        """stdout is JSON only, in the same shape as `recettes validate --format json`."""
        result = run("--root", str(unbumped.path), "--format", "json", code=1)

        payload = json.loads(result.stdout)
        [problem] = payload["problems"]
        assert ("R060", 2, 10) == (problem["code"], problem["line"], problem["column"])
        assert "sans version plus haute" in payload["summary"]

    def test_github_output_annotates_the_line(self, unbumped: GitRepo):
        """GitHub Actions annotations point at the file, line and column."""
        result = run("--root", str(unbumped.path), "--format", "github", code=1)

        first = result.output.splitlines()[0]
        assert first.startswith("::error file=recipes/compost/recipe.yml,line=2,col=10,title=R060::R060 ")
        assert "%0AAugmentez" in first

    def test_an_unknown_base_is_a_usage_error(self, unbumped: GitRepo):
        """Exit 2 and the reason when the revision does not exist."""
        result = run("--root", str(unbumped.path), "--base", "nope", code=2)

        assert "référence git inconnue" in result.output
