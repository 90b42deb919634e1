"""history.sources: a git repository read as an import source (names and dates only, renames
followed), addresses told from paths and stripped of credentials."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.history.sources import SourceError, clone, read_git_source
from tests.conftest import GitRepo


class TestHistory:
    def test_two_authors_and_a_rename_chain(self, git_repo: GitRepo) -> None:
        text = "# A\n\n" + "".join(f"Ligne {n} de la fiche.\n" for n in range(20))
        git_repo.write("a.md", text)
        git_repo.write("autre.md", "# Autre\n")
        git_repo.commit("a", author=("Alice", "alice@example.org"), date="2020-01-02T10:00:00+01:00")
        git_repo.mv("a.md", "b/a.md")
        git_repo.commit("b", author=("Bob", "bob@example.org"), date="2021-01-02T10:00:00+01:00")
        git_repo.mv("b/a.md", "c/fiche.md")
        git_repo.write("c/fiche.md", text + "Plus.\n")
        git_repo.commit("c", author=("Alice", "alice@example.org"), date="2022-01-02T10:00:00+01:00")
        source = read_git_source(git_repo.path / "c")
        assert source is not None and git_repo.head() == source.commit
        history = source.history_of(git_repo.path / "c" / "fiche.md")
        assert history is not None
        assert ["b/a.md", "a.md"] == history.renamed_from
        assert [("Alice", "2020-01-02", "2022-01-02"), ("Bob", "2021-01-02", "2021-01-02")] == history.authors
        other = source.history_of(git_repo.path / "autre.md")
        assert other is not None and [] == other.renamed_from and ["Alice"] == [a[0] for a in other.authors]

    def test_outside_git(self, tmp_path: Path, git_env: None) -> None:
        (tmp_path / "seul").mkdir()
        assert None is read_git_source(tmp_path / "seul")

    def test_clone_failure_is_said_in_french(self, tmp_path: Path, git_env: None) -> None:
        with pytest.raises(SourceError, match=r"clonage de «\xa0file://.*accès refusé"):
            clone(f"file://{tmp_path}/absent", tmp_path / "copie")
