from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from recettes.core.problems import Code, Severity
from recettes.history.history import (
    Person,
    UnknownRef,
    read_history,
    read_many_files_at,
)
from tests.support.gitfiles import read_files_at

from .conftest import GitRepo

ADA = ("Ada Lovelace", "ada@example.org")
FRANCOISE = ("Françoise Le Hénaff", "francoise@example.org")
GWENAEL = ("Gwénaël", "gwenael@example.org")
PARIS = timezone(timedelta(hours=1))


def recipe_yml(version: str, title: str = "Compost partagé") -> str:
    return f"title: {title}\nversion: {version}\n"


def day(n: int, hour: int = 10) -> str:
    return f"2024-01-{n:02d}T{hour:02d}:00:00+01:00"


class TestDates:
    def test_created_and_updated_come_from_first_and_last_commit(self, git_repo: GitRepo):
        """A recipe is created at its first commit and updated at its last one."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit("Add compost", date=day(2))
        git_repo.write("recipes/compost/how-to.md", "## Étape\n")
        git_repo.commit("Steps", date=day(5, 18))

        history = read_history(git_repo.path).recipes["compost"]

        assert datetime(2024, 1, 2, 10, tzinfo=PARIS) == history.created
        assert datetime(2024, 1, 5, 18, tzinfo=PARIS) == history.updated
        assert history.created.tzinfo is not None

    def test_commits_elsewhere_do_not_count(self, git_repo: GitRepo):
        """Only commits touching the folder date it."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit("Add compost", date=day(2))
        git_repo.write("recipes/velo/recipe.yml", recipe_yml("1.0.0"))
        git_repo.write("README.md", "hello\n")
        git_repo.commit("Add velo", date=day(9))

        index = read_history(git_repo.path)

        assert datetime(2024, 1, 2, 10, tzinfo=PARIS) == index.recipes["compost"].updated
        assert datetime(2024, 1, 9, 10, tzinfo=PARIS) == index.recipes["velo"].created
        assert [] == index.problems
        assert index.available


class TestContributors:
    def test_authors_in_order_of_first_contribution(self, git_repo: GitRepo):
        """Several authors are listed once each, first contributor first."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit("Add", author=GWENAEL, date=day(2))
        git_repo.write("recipes/compost/how-to.md", "## Un\n")
        git_repo.commit("Steps", author=ADA, date=day(3))
        git_repo.write("recipes/compost/how-to.md", "## Un\n## Deux\n")
        git_repo.commit("More steps", author=GWENAEL, date=day(4))

        history = read_history(git_repo.path).recipes["compost"]

        assert [Person(*GWENAEL), Person(*ADA)] == history.contributors

    def test_mailmap_merges_two_identities(self, git_repo: GitRepo):
        """Two e-mails of one person, joined by .mailmap, give one contributor."""
        mailmap = "Françoise Le Hénaff <francoise@example.org> <fl@old.example>\n"
        git_repo.write(".mailmap", mailmap)
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit("Add", author=("F. Le Henaff", "fl@old.example"), date=day(2))
        git_repo.write("recipes/compost/how-to.md", "## Un\n")
        git_repo.commit("Steps", author=FRANCOISE, date=day(3))

        history = read_history(git_repo.path).recipes["compost"]

        assert [Person(*FRANCOISE)] == history.contributors
        assert Person(*FRANCOISE) == history.changelog[0].commits[-1].author

    def test_coauthors_are_credited_through_mailmap(self, git_repo: GitRepo):
        """Co-authored-by trailers add contributors, named after .mailmap."""
        git_repo.write(".mailmap", "Gwénaël <gwenael@example.org> <gwen@old.example>\n")
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit(
            "Add",
            author=ADA,
            date=day(2),
            coauthors=[("Gwen", "gwen@old.example"), FRANCOISE],
        )

        history = read_history(git_repo.path).recipes["compost"]

        assert [Person(*ADA), Person(*GWENAEL), Person(*FRANCOISE)] == history.contributors
        assert (Person(*GWENAEL), Person(*FRANCOISE)) == history.changelog[0].commits[0].coauthors

    def test_non_ascii_names_survive(self, git_repo: GitRepo):
        """Accented names and summaries are read as written."""
        git_repo.write("recipes/crêpes/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit("Crêpes à partager, « ensemble »", author=FRANCOISE, date=day(2))

        history = read_history(git_repo.path).recipes["crêpes"]

        assert "Françoise Le Hénaff" == history.contributors[0].name
        assert "Crêpes à partager, « ensemble »" == history.changelog[0].commits[0].summary


class TestChangelog:
    def test_commits_are_grouped_under_the_version_in_force(self, git_repo: GitRepo):
        """A version starts at the commit that changed recipe.yml's version."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        first = git_repo.commit("Add", date=day(2))
        git_repo.write("recipes/compost/how-to.md", "## Un\n")
        fix = git_repo.commit("Typo", date=day(3))
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.1.0", "Compost de quartier"))
        bump = git_repo.commit("New step", date=day(4))
        git_repo.write("recipes/compost/how-to.md", "## Un\n## Deux\n")
        last = git_repo.commit("Wording", date=day(5))

        changelog = read_history(git_repo.path).recipes["compost"].changelog

        assert ["1.1.0", "1.0.0"] == [e.version for e in changelog]
        assert [last, bump] == [c.sha for c in changelog[0].commits]
        assert [fix, first] == [c.sha for c in changelog[1].commits]
        assert (last, fix) == (changelog[0].sha, changelog[1].sha)
        assert datetime(2024, 1, 4, 10, tzinfo=PARIS) == changelog[0].date
        assert "recipes/compost" == changelog[0].folder

    def test_commits_before_any_version_belong_to_the_first(self, git_repo: GitRepo):
        """Drafting before recipe.yml existed is part of the first version."""
        git_repo.write("recipes/compost/how-to.md", "## Un\n")
        draft = git_repo.commit("Draft", date=day(2))
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("0.1.0"))
        meta = git_repo.commit("Metadata", date=day(3))

        changelog = read_history(git_repo.path).recipes["compost"].changelog

        assert ["0.1.0"] == [e.version for e in changelog]
        assert [meta, draft] == [c.sha for c in changelog[0].commits]
        assert datetime(2024, 1, 2, 10, tzinfo=PARIS) == changelog[0].date

    @pytest.mark.parametrize(
        "line", ['version: "2.0.0"', "version: '2.0.0'", "version: 2.0.0  # majeure"]
    )
    def test_quoted_and_commented_versions_are_read(self, git_repo: GitRepo, line: str):
        """The version line may be quoted or carry a comment."""
        git_repo.write("recipes/compost/recipe.yml", f"title: x\n{line}\n")
        git_repo.commit("Add", date=day(2))

        changelog = read_history(git_repo.path).recipes["compost"].changelog

        assert ["2.0.0"] == [e.version for e in changelog]

    def test_windows_line_endings_are_read(self, git_repo: GitRepo):
        """A recipe.yml saved with CRLF still gives its version."""
        git_repo.write("recipes/compost/recipe.yml", "title: x\r\nversion: 1.4.0\r\n")
        git_repo.commit("Add", date=day(2))

        changelog = read_history(git_repo.path).recipes["compost"].changelog

        assert ["1.4.0"] == [e.version for e in changelog]

    def test_ambassadors_have_a_history_but_no_changelog(self, git_repo: GitRepo):
        """Ambassador profiles get dates and contributors, not versions."""
        git_repo.write("ambassadors/gwenael.yml", "name: Gwénaël\nversion: 1.0.0\n")
        git_repo.commit("Profile", author=GWENAEL, date=day(2))

        index = read_history(git_repo.path)

        assert [Person(*GWENAEL)] == index.ambassadors["gwenael"].contributors
        assert [] == index.ambassadors["gwenael"].changelog
        assert {} == index.recipes


class TestRenames:
    def test_a_renamed_folder_keeps_its_history(self, git_repo: GitRepo):
        """After git mv, the new slug has the old commits and the old slug redirects."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.write("recipes/compost/how-to.md", "## Un\n")
        first = git_repo.commit("Add", author=GWENAEL, date=day(2))
        git_repo.mv("recipes/compost", "recipes/compost-partage")
        git_repo.commit("Rename", author=ADA, date=day(3))
        git_repo.write("recipes/compost-partage/recipe.yml", recipe_yml("1.1.0"))
        git_repo.commit("Bump", author=ADA, date=day(4))

        index = read_history(git_repo.path)
        history = index.recipes["compost-partage"]

        assert ["compost-partage"] == list(index.recipes)
        assert {"compost": "compost-partage"} == index.redirects
        assert ["compost"] == history.former_slugs
        assert datetime(2024, 1, 2, 10, tzinfo=PARIS) == history.created
        assert [Person(*GWENAEL), Person(*ADA)] == history.contributors
        old = history.changelog[-1]
        assert ("1.0.0", "recipes/compost-partage") == (old.version, old.folder)
        assert first == old.commits[-1].sha

    def test_renames_chain_and_old_versions_stay_readable(self, git_repo: GitRepo):
        """a → b → c redirects both old slugs; a version last seen as a is rendered from a."""
        git_repo.write("recipes/a/recipe.yml", recipe_yml("1.0.0"))
        v1 = git_repo.commit("Add", date=day(2))
        git_repo.mv("recipes/a", "recipes/b")
        git_repo.write("recipes/b/recipe.yml", recipe_yml("2.0.0"))
        git_repo.commit("Rename and rewrite", date=day(3))
        git_repo.mv("recipes/b", "recipes/c")
        git_repo.commit("Rename again", date=day(4))

        index = read_history(git_repo.path)
        changelog = index.recipes["c"].changelog

        assert {"a": "c", "b": "c"} == index.redirects
        assert ["b", "a"] == index.recipes["c"].former_slugs
        assert [("2.0.0", "recipes/c"), ("1.0.0", "recipes/a")] == [
            (e.version, e.folder) for e in changelog
        ]
        assert v1 == changelog[1].sha
        files = read_files_at(git_repo.path, changelog[1].sha, changelog[1].folder)
        assert {"recipe.yml": recipe_yml("1.0.0").encode()} == files

    def test_a_slug_in_use_again_does_not_redirect(self, git_repo: GitRepo):
        """A new folder under an old name starts afresh; the renamed one keeps its past."""
        git_repo.write("recipes/a/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit("Add a", date=day(2))
        git_repo.mv("recipes/a", "recipes/b")
        git_repo.commit("Rename", date=day(3))
        git_repo.write("recipes/a/recipe.yml", recipe_yml("1.0.0", "Autre chose"))
        git_repo.commit("New a", date=day(4))

        index = read_history(git_repo.path)

        assert {} == index.redirects
        assert datetime(2024, 1, 4, 10, tzinfo=PARIS) == index.recipes["a"].created
        assert datetime(2024, 1, 2, 10, tzinfo=PARIS) == index.recipes["b"].created
        assert ["a"] == index.recipes["b"].former_slugs
        assert [] == index.recipes["a"].former_slugs


class TestMergesAndOrder:
    def test_merged_commits_are_credited_and_the_merge_adds_nothing(self, git_repo: GitRepo):
        """Branch commits keep their authors; a merge commit is no changelog entry."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        first = git_repo.commit("Add", author=ADA, date=day(2))
        git_repo.branch("steps")
        git_repo.write("recipes/compost/how-to.md", "## Un\n")
        step = git_repo.commit("Step", author=GWENAEL, date=day(3))
        git_repo.checkout("main")
        git_repo.write("recipes/compost/obstacles.md", "## Frein\n")
        obstacle = git_repo.commit("Obstacle", author=FRANCOISE, date=day(4))
        git_repo.merge("steps", "Merge steps", author=ADA, date=day(5))

        history = read_history(git_repo.path).recipes["compost"]

        shas = [c.sha for c in history.changelog[0].commits]
        assert {first, step, obstacle} == set(shas)
        assert first == shas[-1]
        assert [Person(*ADA), Person(*GWENAEL), Person(*FRANCOISE)] == sorted(
            history.contributors, key=lambda p: [ADA[1], GWENAEL[1], FRANCOISE[1]].index(p.email)
        )
        assert datetime(2024, 1, 4, 10, tzinfo=PARIS) == history.updated

    def test_identical_timestamps_keep_the_order_of_commits(self, git_repo: GitRepo):
        """Commits made in the same second stay in the order they were made."""
        shas = []
        for n in range(4):
            git_repo.write("recipes/compost/recipe.yml", recipe_yml(f"1.{n}.0"))
            shas.append(git_repo.commit(f"Commit {n}", author=(f"P{n}", f"p{n}@x.org")))

        history = read_history(git_repo.path).recipes["compost"]

        assert ["1.3.0", "1.2.0", "1.1.0", "1.0.0"] == [e.version for e in history.changelog]
        assert shas[::-1] == [e.sha for e in history.changelog]
        assert ["P0", "P1", "P2", "P3"] == [p.name for p in history.contributors]


class TestDegradedRepositories:
    def test_a_shallow_clone_warns_and_gives_partial_data(self, git_repo: GitRepo, tmp_path):
        """In a shallow clone, dates are partial and a warning says how to fetch the rest."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit("Add", author=ADA, date=day(2))
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.1.0"))
        git_repo.commit("Bump", author=GWENAEL, date=day(3))
        clone = git_repo.clone(tmp_path / "shallow", "--depth", "1")

        index = read_history(clone.path)

        assert index.available
        history = index.recipes["compost"]
        assert datetime(2024, 1, 3, 10, tzinfo=PARIS) == history.created
        assert [Person(*GWENAEL)] == history.contributors
        [problem] = index.problems
        assert (Code.R070, Severity.WARNING) == (problem.code, problem.severity)
        assert "clone superficiel" in problem.message
        assert "git fetch --unshallow" in problem.hint

    def test_a_plain_folder_is_not_available_but_lists_recipes(self, tmp_path, git_env):
        """Outside a repository the recipes are still listed, with a warning."""
        (tmp_path / "site" / "recipes" / "compost").mkdir(parents=True)
        (tmp_path / "site" / "ambassadors").mkdir()
        (tmp_path / "site" / "ambassadors" / "ada.yml").write_text("name: Ada\n")

        index = read_history(tmp_path / "site")

        assert not index.available
        assert (None, None) == (index.recipes["compost"].created, index.recipes["compost"].updated)
        assert ["ada"] == list(index.ambassadors)
        [problem] = index.problems
        assert (Code.R070, Severity.WARNING) == (problem.code, problem.severity)
        assert "Pas de dépôt git" in problem.message

    def test_a_damaged_repository_warns_instead_of_failing(self, git_repo: GitRepo):
        """When git cannot read a tree, the build goes on without history, and says why."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit("Add", date=day(2))
        tree = git_repo.git("rev-parse", "HEAD:recipes").strip()
        (git_repo.path / ".git" / "objects" / tree[:2] / tree[2:]).unlink()

        index = read_history(git_repo.path)

        assert not index.available
        assert (None, []) == (index.recipes["compost"].created, index.recipes["compost"].changelog)
        [problem] = index.problems
        assert "Lecture de l’historique git impossible" in problem.message
        assert "git fsck" in problem.hint

    def test_uncommitted_changes_are_flagged(self, git_repo: GitRepo):
        """A modified recipe and a never-committed one are flagged, with a warning each."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.write("recipes/velo/recipe.yml", recipe_yml("1.0.0"))
        git_repo.commit("Add", date=day(2))
        git_repo.write("recipes/compost/how-to.md", "## Un\n")
        git_repo.write("recipes/nouvelle/recipe.yml", recipe_yml("0.1.0"))

        index = read_history(git_repo.path)

        assert index.recipes["compost"].uncommitted
        assert not index.recipes["velo"].uncommitted
        assert index.recipes["nouvelle"].uncommitted
        assert None is index.recipes["nouvelle"].created
        assert ["recipes/compost", "recipes/nouvelle"] == [p.path for p in index.problems]
        assert "pas encore commitée" in index.problems[1].message

    def test_a_repository_without_commits_reads_nothing(self, git_repo: GitRepo):
        """A fresh repository: everything is uncommitted, nothing fails."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))

        index = read_history(git_repo.path)

        assert index.available
        assert index.recipes["compost"].uncommitted
        assert [] == index.recipes["compost"].changelog

    def test_the_project_may_live_in_a_subfolder(self, git_repo: GitRepo):
        """Paths are taken relative to the given root, not the repository's top."""
        git_repo.write("site/recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.write("recipes/other/recipe.yml", recipe_yml("1.0.0"))
        sha = git_repo.commit("Add", date=day(2))

        index = read_history(git_repo.path / "site")

        assert ["compost"] == list(index.recipes)
        assert sha == index.recipes["compost"].changelog[0].sha
        assert {"recipe.yml"} == set(read_files_at(git_repo.path / "site", sha, "recipes/compost"))


class TestReadFilesAt:
    def test_reads_a_folder_as_it_was(self, git_repo: GitRepo):
        """Files of an older commit, by name relative to the folder, subfolders included."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.write("recipes/compost/media/plan.txt", "plan\n")
        old = git_repo.commit("Add", date=day(2))
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("2.0.0"))
        git_repo.commit("Bump", date=day(3))

        files = read_files_at(git_repo.path, old, "recipes/compost")

        assert {"recipe.yml": recipe_yml("1.0.0").encode(), "media/plan.txt": b"plan\n"} == files

    def test_a_missing_folder_is_empty_and_an_unknown_sha_raises(self, git_repo: GitRepo):
        """No folder then: nothing; no such commit: UnknownRef."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        sha = git_repo.commit("Add", date=day(2))

        assert {} == read_files_at(git_repo.path, sha, "recipes/velo")
        with pytest.raises(UnknownRef):
            read_files_at(git_repo.path, "0" * 40, "recipes/compost")

    def test_outside_a_repository_raises(self, tmp_path: Path, git_env):
        """Without git there is no old version to read."""
        with pytest.raises(UnknownRef):
            read_files_at(tmp_path, "HEAD", "recipes/compost")


class TestReadManyFilesAt:
    def test_reads_many_versions_in_a_constant_number_of_git_calls(
        self, git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
    ):
        """Same files as read_files_at, for several (sha, folder) pairs, one cat-file per depth."""
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("1.0.0"))
        git_repo.write("recipes/compost/media/plans/plan.txt", "plan\n")
        old = git_repo.commit("Add", date=day(2))
        git_repo.write("recipes/compost/recipe.yml", recipe_yml("2.0.0"))
        git_repo.write("recipes/velo/recipe.yml", recipe_yml("1.0.0"))
        new = git_repo.commit("Bump", date=day(3))
        from recettes.history import gitlog

        calls: list[int] = []
        real = gitlog.read_objects
        monkeypatch.setattr(gitlog, "read_objects", lambda r, n: calls.append(1) or real(r, n))
        wanted = [(old, "recipes/compost"), (new, "recipes/compost"), (new, "recipes/velo"),
                  (old, "recipes/velo"), ("0" * 40, "recipes/compost")]

        found = read_many_files_at(git_repo.path, wanted)

        assert {pair: read_files_at(git_repo.path, *pair) for pair in wanted[:3]} == found
        assert b"plan\n" == found[(old, "recipes/compost")]["media/plans/plan.txt"]
        assert 4 == len(calls)  # folder, its files and media/, plans/, plan.txt

    def test_outside_a_repository_is_empty(self, tmp_path: Path, git_env):
        """No repository: nothing to read, no error."""
        assert {} == read_many_files_at(tmp_path, [("0" * 40, "recipes/compost")])
