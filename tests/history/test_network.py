"""Fetching a network's sources with git into the cache: pinned commits, tags and branches,
full or shallow history, incremental updates, what changed, and located failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.core.network import Lock
from recettes.core.problems import Code
from recettes.history.network import cache_commit, cache_dir, update_network
from recettes.read.network import Network, load_lock, load_network
from tests.conftest import GitRepo
from tests.support.network import network_file, territory, write_recipe


@pytest.fixture
def brest(tmp_path: Path, git_env: None) -> GitRepo:
    repo = territory(tmp_path / "brest")
    write_recipe(repo, "compost", "Compost partagé")
    write_recipe(repo, "velo", "Vélos partagés")
    repo.commit("Deux recettes", author=("Brest Team", "b@example.org"))
    repo.git("tag", "v1")
    return repo


def region(tmp_path: Path, *sources: dict[str, str]) -> tuple[Path, Network]:
    root = tmp_path / "region"
    root.mkdir(exist_ok=True)
    network_file(root, [{"label": s["id"].capitalize(), "territory": "brest"} | s for s in sources])
    network, problems = load_network(root)
    assert [] == problems and network is not None
    return root, network


def count(repo: Path) -> int:
    return int(GitRepo(repo, init=False).git("rev-list", "--count", "HEAD").strip())


class TestFetch:
    @pytest.mark.parametrize("ref", ["v1", "main", "HEAD-SHA"])
    def test_tag_branch_or_commit_is_checked_out_and_locked(self, tmp_path: Path, brest: GitRepo, ref: str) -> None:
        head = brest.head()
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": head if ref == "HEAD-SHA" else ref})
        result = update_network(root, network, Lock())
        assert [] == result.problems
        locked = result.lock.sources["brest"]
        assert head == locked.commit == cache_commit(root, "brest")
        assert {"compost", "velo"} == set(locked.recipes)
        assert (cache_dir(root, "brest") / "recipes/compost/recipe.md").is_file()
        assert "*" in (root / ".recettes/.gitignore").read_text(encoding="utf-8")
        assert result.lock == load_lock(root)[0]  # written, and read back the same
        assert 1 == count(cache_dir(root, "brest"))

    def test_full_history_by_default_shallow_on_request(self, tmp_path: Path, brest: GitRepo) -> None:
        """Credits need history: all ancestors of the pin; ``history: false``: the pinned commit only."""
        write_recipe(brest, "jardin", "Jardin partagé")
        brest.commit("Jardin", author=("Yann", "y@example.org"))
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": "main"},
                               {"id": "plat", "url": "../brest", "ref": "main", "history": "false"})
        update_network(root, network, Lock())
        assert 2 == count(cache_dir(root, "brest"))
        assert 1 == count(cache_dir(root, "plat"))
        assert (cache_dir(root, "plat") / ".git/shallow").is_file()
        root, network = region(tmp_path, {"id": "plat", "url": "../brest", "ref": "main"})
        update_network(root, network, load_lock(root)[0])
        assert 2 == count(cache_dir(root, "plat"))  # unshallowed when history is asked again

    def test_update_is_incremental_and_says_what_changed(self, tmp_path: Path, brest: GitRepo) -> None:
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": "main"})
        first = update_network(root, network, Lock())
        marker = cache_dir(root, "brest") / ".git" / "kept"
        marker.write_text("same clone", encoding="utf-8")
        write_recipe(brest, "jardin", "Jardin partagé")
        write_recipe(brest, "compost", "Compost partagé", version="1.1.0")
        brest.remove("recipes/velo")
        brest.commit("Changements", author=("Yann", "y@example.org"))
        second = update_network(root, network, first.lock)
        change = second.changes[0]
        assert (["jardin"], ["compost"], ["velo"]) == (change.added, change.changed, change.removed)
        assert change.before is not None and change.before.commit != change.after.commit  # type: ignore[union-attr]
        assert marker.is_file() and brest.head() == cache_commit(root, "brest")
        assert not (cache_dir(root, "brest") / "recipes/velo").exists()

    def test_a_clone_changed_by_hand_is_put_back(self, tmp_path: Path, brest: GitRepo) -> None:
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": "v1"})
        update_network(root, network, Lock())
        recipe = cache_dir(root, "brest") / "recipes/compost/recipe.md"
        recipe.write_text("modifié", encoding="utf-8")
        (cache_dir(root, "brest") / "recipes/ajout").mkdir()
        (cache_dir(root, "brest") / "recipes/ajout/recipe.md").write_text("x", encoding="utf-8")
        update_network(root, network, load_lock(root)[0])
        assert "modifié" != recipe.read_text(encoding="utf-8")
        assert not (cache_dir(root, "brest") / "recipes/ajout").exists()


class TestFailures:
    def test_unknown_revision_and_unreachable_source_are_located(self, tmp_path: Path, brest: GitRepo) -> None:
        """Each failure at its line of network.yml; the sources that worked are locked."""
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": "v9"},
                               {"id": "absent", "url": "../nulle-part", "ref": "main"},
                               {"id": "ok", "url": "../brest", "ref": "v1"})
        result = update_network(root, network, Lock())
        assert [("network.yml", 6, 10, Code.R223), ("network.yml", 10, 10, Code.R222)] == \
            [(p.path, p.line, p.column, p.code) for p in result.problems]
        assert "révision «\u00a0v9\u00a0» introuvable dans la source «\u00a0brest\u00a0»" in result.problems[0].message
        assert "v9" in result.problems[0].message.split("(", 1)[1]  # git's own words follow
        assert ["ok"] == sorted(result.lock.sources)
        assert None is cache_commit(root, "absent")

    def test_a_failed_source_keeps_its_previous_pin(self, tmp_path: Path, brest: GitRepo) -> None:
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": "v1"})
        first = update_network(root, network, Lock()).lock
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": "v2"})
        result = update_network(root, network, first)
        assert [Code.R223] == [p.code for p in result.problems]
        assert first.sources["brest"] == load_lock(root)[0].sources["brest"]
        assert first.sources["brest"].commit == cache_commit(root, "brest")


class TestSelection:
    def test_only_one_source(self, tmp_path: Path, brest: GitRepo) -> None:
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": "v1"},
                               {"id": "autre", "url": "../brest", "ref": "main"})
        result = update_network(root, network, Lock(), only="autre")
        assert ["autre"] == [c.id for c in result.changes] and ["autre"] == sorted(result.lock.sources)
        assert cache_commit(root, "brest") is None

    def test_a_source_removed_from_the_file_is_dropped(self, tmp_path: Path, brest: GitRepo) -> None:
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": "v1"},
                               {"id": "autre", "url": "../brest", "ref": "main"})
        update_network(root, network, Lock())
        root, network = region(tmp_path, {"id": "brest", "url": "../brest", "ref": "v1"})
        result = update_network(root, network, load_lock(root)[0])
        assert ["autre"] == result.dropped and ["brest"] == sorted(load_lock(root)[0].sources)
        assert not cache_dir(root, "autre").exists()
