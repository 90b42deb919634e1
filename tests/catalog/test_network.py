"""The union catalog of a regional handbook: sources read from their clones, addresses,
identity groups, merged vocabularies, and the located problems of a network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from recettes.catalog.network import read_catalog
from recettes.core.addresses import SiteUrls
from recettes.core.problems import Code, Problem
from recettes.read.checks import validate_repository
from tests.conftest import GitRepo, invoke
from tests.support.network import network_file, territory, write_ambassador, write_recipe

BREST = {"id": "brest", "label": "Pays de Brest", "url": "../brest", "ref": "main", "territory": "pays-de-brest"}


@pytest.fixture
def region(tmp_path: Path, git_env: None) -> GitRepo:
    repo = territory(tmp_path / "region")
    write_recipe(repo, "compost", "Compost de la région", holder="marie")
    write_ambassador(repo, "marie", "Marie Le Gall")
    repo.commit("Région", author=("Équipe régionale", "region@example.org"))
    return repo


@pytest.fixture
def brest(tmp_path: Path, git_env: None) -> GitRepo:
    repo = territory(tmp_path / "brest")
    write_recipe(repo, "compost", "Compost de Brest", holder="marie", text="Voir [velo](recette:velo).")
    write_recipe(repo, "velo", "Vélos de Brest", holder="yann")
    write_ambassador(repo, "marie", "Marie Kerjean")
    write_ambassador(repo, "yann", "Yann Kervella")
    repo.commit("Brest", author=("Brest Team", "brest@example.org"))
    return repo


def union(root: Path, *sources: dict[str, str], groups: str = "", update: bool = True) -> tuple[Any, list[Problem]]:
    network_file(root, list(sources), groups)
    if update:
        invoke("network", "update", "--root", str(root))
    repo, report = validate_repository(root)
    assert [] == report.errors
    catalog, _, problems = read_catalog(root, repo)
    return catalog, problems


def codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.code.name, p.severity.value) for p in problems]


class TestUnion:
    def test_without_network_file_nothing_changes(self, region: GitRepo) -> None:
        repo, _ = validate_repository(region.path)
        catalog, _, problems = read_catalog(region.path, repo)
        assert ["compost"] == list(catalog.recipes) and {} == catalog.origins and [] == problems

    def test_collisions_are_renamed_and_reported(self, region: GitRepo, brest: GitRepo) -> None:
        """The region keeps its names; Brest's compost and Marie become « -brest », told as warnings."""
        catalog, problems = union(region.path, BREST)
        assert {"compost", "compost-brest", "velo"} == set(catalog.recipes)
        assert {"marie", "marie-brest", "yann"} == set(catalog.ambassadors)
        assert [("R227", "warning"), ("R227", "warning")] == codes(problems)
        assert ".recettes/reseau/brest/recipes/compost/recipe.md" == problems[0].path
        assert ["marie-brest"] == [h.id for h in catalog.meta("compost-brest").holders]  # followed
        assert "Marie Kerjean" == catalog.ambassadors["marie-brest"].meta.name
        assert ["compost-brest"] == [c.slug for c in catalog.by_ambassador["marie-brest"]]
        origin = catalog.origin("compost-brest")
        assert ("brest", "compost", "velo") == (origin.provenance.source, origin.slug,
                                                origin.provenance.recipes["velo"])

    def test_identity_group_makes_one_profile(self, region: GitRepo, brest: GitRepo) -> None:
        catalog, problems = union(region.path, BREST, groups="ambassadors:\n  - [local:marie, brest:marie]\n")
        assert {"marie", "yann"} == set(catalog.ambassadors)
        assert "Marie Le Gall" == catalog.ambassadors["marie"].meta.name  # the first member's file
        assert ["compost", "compost-brest"] == sorted(c.slug for c in catalog.by_ambassador["marie"])
        assert [("R227", "warning")] == codes(problems)

    def test_history_and_credits_from_the_source(self, region: GitRepo, brest: GitRepo) -> None:
        catalog, _ = union(region.path, BREST)
        assert ["Brest Team"] == [p.name for p in catalog.contributors("velo")]
        assert ["Équipe régionale"] == [p.name for p in catalog.contributors("compost")]
        urls = SiteUrls("https://region.example/")
        ids = {catalog.permanent_id(slug, urls) for slug in catalog.recipes}
        assert 3 == len(ids)

    def test_drafts_of_a_source_take_no_address(self, region: GitRepo, brest: GitRepo) -> None:
        write_recipe(brest, "brouillon", "Brouillon de Brest")
        text = (brest.path / "recipes/brouillon/recipe.md").read_text(encoding="utf-8")
        brest.write("recipes/brouillon/recipe.md", text.replace("status: published", "status: draft"))
        write_recipe(region, "brouillon", "Recette régionale")
        brest.commit("Brouillon")
        catalog, _ = union(region.path, BREST)
        assert "brouillon" in catalog.recipes and catalog.origin("brouillon") is None

    def test_a_renamed_recipe_never_claims_another_ones_permanent_id(self, region: GitRepo, brest: GitRepo) -> None:
        """Brest's « velos » was first called « velo », a name the region uses today: its permanent id
        is made of its first name with the source's suffix, never the region's recipe's."""
        brest.mv("recipes/velo", "recipes/velos")
        brest.commit("Renommage")
        write_recipe(region, "velo", "Vélos de la région")
        region.commit("Vélos")
        catalog, _ = union(region.path, BREST)
        urls = SiteUrls("https://region.example/")
        assert "https://region.example/recettes/velo/" == catalog.permanent_id("velo", urls)
        assert "https://region.example/recettes/velo-brest/" == catalog.permanent_id("velos", urls)


    def test_an_old_address_of_the_region_keeps_redirecting(self, region: GitRepo, brest: GitRepo) -> None:
        """The region renamed « compost »: its old address is not given to Brest's « compost »."""
        region.mv("recipes/compost", "recipes/compost-urbain")
        region.commit("Renommage")
        catalog, problems = union(region.path, BREST)
        assert {"compost-urbain", "compost-brest", "velo"} == set(catalog.recipes)
        assert {"compost": "compost-urbain"} == catalog.history.redirects
        assert "publiée sous «\u00a0compost-brest\u00a0»" in problems[0].message


class TestProblems:
    def test_missing_or_stale_clone_is_located_and_the_others_still_build(self, region: GitRepo,
                                                                         brest: GitRepo) -> None:
        catalog, problems = union(region.path, BREST, update=False)
        assert [("R221", "error")] == codes(problems)
        assert ("network.yml", 5, 10) == (problems[0].path, problems[0].line, problems[0].column)
        assert "recettes network update" in problems[0].hint
        assert ["compost"] == list(catalog.recipes)
        union(region.path, BREST)
        brest.commit("Plus tard")
        catalog, problems = union(region.path, BREST | {"ref": brest.head()}, update=False)
        assert "a changé dans network.yml" in problems[0].message

    def test_a_clone_changed_by_hand_is_refused(self, region: GitRepo, brest: GitRepo) -> None:
        union(region.path, BREST)
        clone = region.path / ".recettes/reseau/brest/recipes/velo/recipe.md"
        clone.write_text(clone.read_text(encoding="utf-8").replace("Vélos de Brest", "Vélos modifiés"),
                         encoding="utf-8")
        catalog, problems = union(region.path, BREST, update=False)
        assert ("R228", "error") in codes(problems) and "velo" not in catalog.recipes

    def test_problems_of_a_source_are_located_in_its_clone(self, region: GitRepo, brest: GitRepo) -> None:
        text = (brest.path / "recipes/velo/recipe.md").read_text(encoding="utf-8")
        brest.write("recipes/velo/recipe.md", text.replace("themes: [alimentation]", "themes: [inconnue]"))
        brest.commit("Erreur")
        _, problems = union(region.path, BREST)
        error = next(p for p in problems if p.is_error)
        assert (".recettes/reseau/brest/recipes/velo/recipe.md", Code.R013) == (error.path, error.code)
        assert error.hint.startswith("À corriger dans le dépôt de la source «\u00a0brest\u00a0» (Pays de Brest).")

    def test_vocabulary_conflict_and_unknown_territory(self, region: GitRepo, brest: GitRepo) -> None:
        themes = brest.path / "schema/vocabularies/themes.yml"
        themes.write_text(themes.read_text(encoding="utf-8").replace("label: Mobilité", "label: Transports"),
                          encoding="utf-8")
        brest.commit("Vocabulaire")
        _, problems = union(region.path, BREST | {"territory": "nulle-part"})
        found = {(p.code.name, p.path) for p in problems if p.is_error}
        assert {("R224", ".recettes/reseau/brest/schema/vocabularies/themes.yml"),
                ("R220", "network.yml")} == found

    def test_identity_group_with_an_unknown_file(self, region: GitRepo, brest: GitRepo) -> None:
        _, problems = union(region.path, BREST, groups="ambassadors:\n  - [local:marie, brest:mari]\n")
        error = next(p for p in problems if p.is_error)
        assert ("R225", 8) == (error.code.name, error.line)
        assert "pas de fiche «\u00a0mari\u00a0» dans la source «\u00a0brest\u00a0» (Pays de Brest)" == error.message

    def test_shallow_source_has_no_history_but_builds(self, region: GitRepo, brest: GitRepo) -> None:
        catalog, problems = union(region.path, BREST | {"history": "false"})
        assert [] == [p for p in problems if p.is_error]
        assert [] == catalog.contributors("velo") and "velo" in catalog.recipes
