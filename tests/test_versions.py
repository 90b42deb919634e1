from __future__ import annotations

from pathlib import Path

import pytest

from recettes.core.problems import Code
from recettes.history.versions import (
    Bump,
    UnknownRef,
    check_versions,
    default_base,
    guess_bump,
)
from recettes.read.recipe_md import recipe_content

from .conftest import GitRepo

NEW_ITEM = "\n## L’argent\nEn trouver.\n"
OBSTACLES = "# Freins\n\n## Le local\nTrouver un local.\n\n## Les bénévoles\nLes garder.\n"


def add_recipe(repo: GitRepo, slug: str = "compost", version: str = "1.2.0") -> None:
    repo.write(f"recipes/{slug}/recipe.yml", f"title: Compost partagé\nversion: {version}\n")
    repo.write(f"recipes/{slug}/obstacles.md", OBSTACLES)
    repo.write(f"recipes/{slug}/how-to.md", "# Comment faire\n\n## Réunir\nLes voisins.\n")


@pytest.fixture
def published(git_repo: GitRepo) -> GitRepo:
    """A repository whose HEAD has recipe "compost" at 1.2.0."""
    add_recipe(git_repo)
    git_repo.commit("Add compost")
    return git_repo


def _items(text: str) -> dict[str, dict[str, str]]:
    """The items of an obstacles section, as check_versions compares them."""
    return recipe_content({"recipe.yml": "version: 1.0.0\n", "obstacles.md": text}).items


class TestGuessBump:
    def test_rewording_is_a_patch(self):
        """Same items, one body reworded among several: a patch."""
        after = OBSTACLES.replace("Les garder.", "Les garder longtemps.")
        three = OBSTACLES + "## Le temps\nEn trouver.\n"
        after3 = three.replace("Les garder.", "Les garder longtemps.")
        assert Bump.PATCH == guess_bump(_items(three), _items(after3))
        assert Bump.MAJOR == guess_bump(_items(OBSTACLES), _items(after))

    def test_a_new_item_is_minor(self):
        """An added ## item makes a minor version."""
        after = OBSTACLES + NEW_ITEM
        assert Bump.MINOR == guess_bump(_items(OBSTACLES), _items(after))

    def test_a_rewrite_is_major(self):
        """Half the items gone or changed makes a major version."""
        after = "# Freins\n\n## Tout autre chose\nNouveau.\n"
        assert Bump.MAJOR == guess_bump(_items(OBSTACLES), _items(after))

    def test_whitespace_does_not_count(self):
        """Re-wrapping a paragraph changes nothing."""
        after = OBSTACLES.replace("Trouver un local.", "Trouver\n  un local.")
        assert Bump.PATCH == guess_bump(_items(OBSTACLES), _items(after))


class TestCheckVersions:
    def test_a_missing_bump_is_located_and_proposes_the_next_version(self, published: GitRepo):
        """Changed files without a new version: R060 at the version value, with a proposal."""
        published.write("recipes/compost/obstacles.md", OBSTACLES.replace("un local.", "un lieu."))
        published.commit("Reword")

        [problem] = check_versions(published.path, "HEAD~1")

        assert (Code.R060, "recipes/compost/recipe.yml", 2, 10) == (
            problem.code,
            problem.path,
            problem.line,
            problem.column,
        )
        assert "passez à 1.2.1 (correctif)" in problem.message
        assert "obstacles.md" in problem.message
        assert "correctif (1.2.1) pour une reformulation" in problem.hint
        assert "majeure (2.0.0) pour une réécriture" in problem.hint

    def test_a_new_item_proposes_a_minor_version(self, published: GitRepo):
        """Uncommitted changes count, and an added item proposes a minor version."""
        published.write("recipes/compost/obstacles.md", OBSTACLES + NEW_ITEM)

        [problem] = check_versions(published.path, "HEAD")

        assert Code.R060 == problem.code
        assert "passez à 1.3.0 (mineure)" in problem.message

    def test_a_correct_bump_passes(self, published: GitRepo):
        """A higher version with the change: nothing to say."""
        published.write("recipes/compost/obstacles.md", OBSTACLES + NEW_ITEM)
        published.write("recipes/compost/recipe.yml", "title: Compost partagé\nversion: 1.3.0\n")

        assert [] == check_versions(published.path, "HEAD")

    def test_a_decrease_is_caught(self, published: GitRepo):
        """Going down is R061, located at the value."""
        published.write("recipes/compost/recipe.yml", "title: Compost partagé\nversion: '1.1.9'\n")

        [problem] = check_versions(published.path, "HEAD")

        assert (Code.R061, 2, 10) == (problem.code, problem.line, problem.column)
        assert "descend de 1.2.0" in problem.message

    def test_an_invalid_version_is_caught(self, published: GitRepo):
        """A version that is not semver is R012, with an example."""
        published.write("recipes/compost/recipe.yml", "title: Compost partagé\nversion: 1.3\n")

        [problem] = check_versions(published.path, "HEAD")

        assert (Code.R012, 2, 10) == (problem.code, problem.line, problem.column)
        assert "« 1.3 » invalide" in problem.message

    def test_a_new_recipe_passes(self, published: GitRepo):
        """A recipe absent at base has nothing to be compared with."""
        add_recipe(published, "velo", "0.1.0")

        assert [] == check_versions(published.path, "HEAD")

    def test_untracked_files_count(self, published: GitRepo):
        """A new, not yet added file in a recipe is a change."""
        published.write("recipes/compost/media/photo.txt", "photo\n")

        [problem] = check_versions(published.path, "HEAD")

        assert Code.R060 == problem.code
        assert "media/photo.txt" in problem.message

    def test_unchanged_recipes_are_not_checked(self, published: GitRepo):
        """Only changed recipes are compared, and files outside recipes/ do not count."""
        published.write("README.md", "hello\n")

        assert [] == check_versions(published.path, "HEAD")

    def test_changes_made_on_the_base_branch_are_not_blamed(self, published: GitRepo):
        """Compared with the merge base: a bump on main after branching is not a decrease."""
        published.branch("reword")
        published.checkout("main")
        published.write("recipes/compost/recipe.yml", "title: Compost partagé\nversion: 2.0.0\n")
        published.commit("Bump on main")
        published.checkout("reword")

        assert [] == check_versions(published.path, "main")

    def test_an_unknown_base_raises(self, published: GitRepo, tmp_path: Path):
        """An unknown revision, or no repository at all, is UnknownRef (a ValueError)."""
        with pytest.raises(UnknownRef):
            check_versions(published.path, "no-such-branch")
        (tmp_path / "plain").mkdir()
        with pytest.raises(ValueError):
            check_versions(tmp_path / "plain", "HEAD")

    def test_default_base(self, published: GitRepo, tmp_path: Path):
        """origin/main when it exists, else HEAD."""
        assert "HEAD" == default_base(published.path)
        clone = published.clone(tmp_path / "clone")
        assert "origin/main" == default_base(clone.path)
