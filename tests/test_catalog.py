"""Catalog: published recipes and their indexes, from a validated repository."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from recettes.catalog.catalog import Carrier, Catalog
from recettes.core.model import Role
from recettes.history.history import History, HistoryIndex, read_history
from recettes.read.checks import validate_repository

from .conftest import GitRepo
from .repo_factory import add_ambassador, add_recipe, mini_repo

FIXTURE = Path(__file__).parent / "data" / "site"


@pytest.fixture(scope="module")
def repo():  # type: ignore[no-untyped-def]
    repository, report = validate_repository(FIXTURE)
    assert report.ok, report.sorted()
    return repository


class TestBuild:
    def test_drafts_are_left_out(self, repo) -> None:  # type: ignore[no-untyped-def]
        """A draft is not published; archived and published recipes are, sorted by title."""
        catalog = Catalog.build(repo)
        assert ["repair-cafe", "compost-rural", "compost-partage"] == list(catalog.recipes)
        assert "brouillon-velo" not in catalog.recipes

    def test_territories_include_ancestors(self, repo) -> None:  # type: ignore[no-untyped-def]
        """A recipe in a commune is listed in its pays, département and région."""
        catalog = Catalog.build(repo)
        assert ["compost-partage"] == catalog.by_territory["brest"]
        assert {"compost-partage", "compost-rural", "repair-cafe"} == set(catalog.by_territory["bretagne"])
        assert ["bretagne", "finistere", "pays-de-brest", "brest", "plouarzel"] == catalog.territory_ids()

    def test_ambassadors_with_roles(self, repo) -> None:  # type: ignore[no-untyped-def]
        """Each ambassador knows the recipes they carry and in which role."""
        catalog = Catalog.build(repo)
        assert [Carrier("compost-rural", Role.AMBASSADOR), Carrier("compost-partage", Role.HOLDER)] == (
            catalog.by_ambassador["marie-le-gall"])

    def test_adapted_by_is_the_reverse_of_adapted_from(self, repo) -> None:  # type: ignore[no-untyped-def]
        """The origin lists the recipes adapted from it."""
        assert {"compost-partage": ["compost-rural"]} == Catalog.build(repo).adapted_by

    def test_counts(self, repo) -> None:  # type: ignore[no-untyped-def]
        """The network in numbers counts published recipes and the territories they are in."""
        assert {"recipes": 3, "ambassadors": 2, "territories": 3, "themes": 4} == Catalog.build(repo).counts()


class TestHistory:
    def test_dates_fall_back_to_metadata(self, repo) -> None:  # type: ignore[no-untyped-def]
        """Without history there is no update date and the latest are the latest started."""
        catalog = Catalog.build(repo)
        assert None is catalog.updated("compost-partage")
        assert ["compost-rural", "compost-partage", "repair-cafe"] == catalog.latest()

    def test_history_orders_latest(self, repo) -> None:  # type: ignore[no-untyped-def]
        """With history, the most recently updated recipe comes first."""
        when = datetime(2024, 5, 1, tzinfo=UTC)
        history = HistoryIndex(recipes={"repair-cafe": History(created=when, updated=when)}, available=True)
        catalog = Catalog.build(repo, history)
        assert when == catalog.updated("repair-cafe")
        assert "repair-cafe" == catalog.latest(1)[0]

    def test_history_read_from_git_orders_latest(self, tmp_path: Path, git_env: None) -> None:
        """From a real repository: the recipe changed last comes first, with its commit's date
        (without history, the order would be the other way round)."""
        root = mini_repo(tmp_path)
        repo = GitRepo(root)
        add_ambassador(root, "collectif", "Collectif")
        add_recipe(root, "compost")
        repo.commit("Compost", date="2024-01-02T10:00:00+01:00")
        add_recipe(root, "repair-cafe", title="Repair café", place="brest")
        repo.commit("Repair café", date="2024-03-04T10:00:00+01:00")
        how_to = root / "recipes" / "compost" / "how-to.md"
        how_to.write_text(how_to.read_text(encoding="utf-8") + "\n## Retourner le compost\n\nChaque mois.\n",
                          encoding="utf-8")
        repo.commit("Compost : une étape", date="2024-05-06T10:00:00+01:00")
        validated, report = validate_repository(root)
        assert report.ok, report.sorted()
        assert ["repair-cafe", "compost"] == Catalog.build(validated).latest()
        catalog = Catalog.build(validated, read_history(root))
        assert ["compost", "repair-cafe"] == catalog.latest()
        assert datetime(2024, 5, 6, 9, tzinfo=UTC) == catalog.updated("compost")
        assert datetime(2024, 3, 4, 9, tzinfo=UTC) == catalog.updated("repair-cafe")
