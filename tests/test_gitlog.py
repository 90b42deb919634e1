"""GitLog: one pass over history, in one git process or in two halves read at once."""

from __future__ import annotations

import git

from recettes.history.gitlog import read_log

from .conftest import GitRepo


class TestSplitLog:
    def test_two_halves_give_exactly_the_single_pass(self, git_repo: GitRepo) -> None:
        """Splitting history at a middle commit changes nothing: same commits, same order, same
        changes — with a merged side branch and a rename on either side of the split."""
        for n in range(6):
            git_repo.write(f"recipes/r{n}/recipe.yml", f"version: 1.{n}.0\n")
            git_repo.commit(f"r{n}", date=f"2024-01-0{n + 1}T10:00:00+01:00")
        git_repo.branch("side")
        git_repo.write("recipes/r1/how-to.md", "## Étape\n\nTexte.\n")
        git_repo.commit("side work", author=("Gwénaël", "g@example.org"), date="2024-02-01T10:00:00+01:00")
        git_repo.checkout("main")
        git_repo.mv("recipes/r0", "recipes/r0-bis")
        git_repo.commit("rename", date="2024-02-02T10:00:00+01:00")
        git_repo.merge("side", "merge side", date="2024-02-03T10:00:00+01:00")
        for n in range(4):
            git_repo.write("recipes/r2/obstacles.md", f"## Frein {n}\n\nTexte.\n")
            git_repo.commit(f"r2 {n}", date=f"2024-03-0{n + 1}T10:00:00+01:00")
        repo = git.Repo(git_repo.path)
        single = read_log(repo, split_at=0)
        halves = read_log(repo, split_at=1)
        assert 13 == len(single)
        assert single == halves
