"""Readiness levels computed from evidence (``catalog/readiness.py``), on real repositories:
each level needs the one before, and taking evidence away lowers the level."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.catalog.catalog import Catalog
from recettes.catalog.readiness import Level, completeness
from recettes.read.checks import validate_repository

from ..repo_factory import add_ambassador, add_recipe, add_report, add_territories, mini_repo

IMPACT = "impact:\n  - name: Déchets évités\n    value: 2\n    unit: tonnes\n    date: \"2016\"\n"


def catalog_of(root: Path) -> Catalog:
    repo, report = validate_repository(root, site=False)
    assert report.ok, report.sorted()
    return Catalog.build(repo)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = mini_repo(tmp_path)
    add_ambassador(root, "collectif", "Collectif")
    add_territories(root)
    return root


class TestLevels:
    def test_written_sections_only_is_documentee(self, root: Path) -> None:
        add_recipe(root, "compost")
        level = catalog_of(root).readiness("compost")
        assert (Level.DOCUMENTED, Level.TESTED) == (level.level, level.next)
        assert ("toutes les sections sont écrites",) == level.reasons
        assert "indicateur d’utilité sociale" in level.missing[0]

    def test_an_impact_figure_makes_it_experimentee(self, root: Path) -> None:
        add_recipe(root, "compost", extra=IMPACT)
        level = catalog_of(root).readiness("compost")
        assert Level.TESTED == level.level
        assert "1 indicateur d’utilité sociale" in level.reasons

    def test_a_dated_source_with_a_start_year_makes_it_experimentee(self, root: Path) -> None:
        add_recipe(root, "compost", extra="sources:\n  - title: Compte rendu\n    date: \"2013-10\"\n")
        level = catalog_of(root).readiness("compost")
        assert Level.TESTED == level.level
        assert "démarrée en 2012, selon une source datée (octobre 2013)" in level.reasons

    def test_one_other_territory_makes_it_reproduite(self, root: Path) -> None:
        add_recipe(root, "compost", extra=IMPACT)
        add_report(root, "compost", "lannion", place="lannion")
        level = catalog_of(root).readiness("compost")
        assert (Level.REPRODUCED, ("lannion",)) == (level.level, level.territories)
        assert "reproduite à Lannion" in level.reasons
        assert ("publier les comptes rendus de reproductions sur 2 autres territoires encore",) == level.missing

    def test_three_other_territories_make_it_essaimee(self, root: Path) -> None:
        add_recipe(root, "compost", extra=IMPACT)
        for place in ("lannion", "rennes", "vannes"):
            add_report(root, "compost", place, place=place)
        level = catalog_of(root).readiness("compost")
        assert (Level.SPREAD, None, ()) == (level.level, level.next, level.missing)
        assert "reproduite à Lannion, à Rennes et à Vannes" in level.reasons

    def test_two_reports_in_one_territory_count_once(self, root: Path) -> None:
        add_recipe(root, "compost", extra=IMPACT)
        for ident, place in (("a", "lannion"), ("b", "lannion"), ("c", "rennes")):
            add_report(root, "compost", ident, place=place)
        level = catalog_of(root).readiness("compost")
        assert (Level.REPRODUCED, ("lannion", "rennes")) == (level.level, level.territories)

    def test_a_territory_and_one_inside_it_count_once(self, root: Path) -> None:
        """Perros-Guirec and the intercommunality around it: one territory, not two."""
        add_territories(root, "- id: tregor\n  label: Trégor\n  kind: epci\n  parent: bretagne\n"
                              "- id: perros\n  label: Perros-Guirec\n  kind: commune\n  parent: tregor\n")
        add_recipe(root, "compost", extra=IMPACT)
        add_report(root, "compost", "a", place="tregor", date="2023")
        add_report(root, "compost", "b", place="perros", date="2024")
        add_report(root, "compost", "c", place="rennes", date="2025")
        level = catalog_of(root).readiness("compost")
        assert (Level.REPRODUCED, ("tregor", "rennes")) == (level.level, level.territories)

    def test_a_regional_recipe_spreads_through_its_communes(self, root: Path) -> None:
        """A recipe written for the whole région: each of its communes is another territory."""
        add_recipe(root, "compost", place="bretagne", extra=IMPACT)
        for place in ("lannion", "rennes", "vannes"):
            add_report(root, "compost", place, place=place)
        assert Level.SPREAD == catalog_of(root).readiness("compost").level

    def test_reports_in_the_recipes_own_territory_do_not_count(self, root: Path) -> None:
        """Plouarzel, the Pays de Brest around it: a reproduction, but not elsewhere."""
        add_recipe(root, "compost", extra=IMPACT)
        add_report(root, "compost", "ici", place="plouarzel")
        add_report(root, "compost", "autour", place="pays-de-brest")
        level = catalog_of(root).readiness("compost")
        assert (Level.TESTED, ()) == (level.level, level.territories)

    def test_a_report_is_a_dated_result(self, root: Path) -> None:
        """Without impact figures, a reproduction elsewhere still proves the recipe was tried."""
        add_recipe(root, "compost")
        add_report(root, "compost", "lannion", place="lannion")
        assert Level.REPRODUCED == catalog_of(root).readiness("compost").level

    def test_a_section_left_to_write_is_below_every_level(self, root: Path) -> None:
        """An archived recipe (published, so in the catalog) whose « Freins » is an empty item."""
        folder = add_recipe(root, "compost", status="archived", extra=IMPACT)
        (folder / "obstacles.md").write_text("## À compléter : qu’est-ce qui vous a freiné ?\n\nTexte.\n",
                                             encoding="utf-8")
        repo, _ = validate_repository(root, site=False)
        level = Catalog.build(repo).readiness("compost")
        assert (None, Level.DOCUMENTED, "à documenter") == (level.level, level.next, level.label)
        assert "«\u00a0Freins\u00a0»" in level.missing[0]


class TestEvidenceRemoved:
    def test_removing_reports_and_figures_lowers_the_level_step_by_step(self, root: Path) -> None:
        folder = add_recipe(root, "compost", extra=IMPACT)
        reports = [add_report(root, "compost", place, place=place) for place in ("lannion", "rennes", "vannes")]
        assert Level.SPREAD == catalog_of(root).readiness("compost").level
        reports[0].unlink()
        assert Level.REPRODUCED == catalog_of(root).readiness("compost").level
        for path in reports[1:]:
            path.unlink()
        assert Level.TESTED == catalog_of(root).readiness("compost").level
        meta = folder / "recipe.yml"
        meta.write_text(meta.read_text(encoding="utf-8").replace(IMPACT, ""), encoding="utf-8")
        assert Level.DOCUMENTED == catalog_of(root).readiness("compost").level


class TestCompleteness:
    def test_what_a_bare_recipe_lacks(self, root: Path) -> None:
        add_recipe(root, "compost")
        catalog = catalog_of(root)
        missing = completeness(catalog.meta("compost"), catalog.recipes["compost"].sections,
                               catalog.readiness("compost"))
        assert ["level", "sources", "context", "resources", "impact"] == [m.key for m in missing]

    def test_a_complete_recipe_lacks_only_the_next_level(self, root: Path) -> None:
        extra = (IMPACT + "sources:\n  - title: Compte rendu\n    date: \"2013\"\n"
                 "resources:\n  people: 3 bénévoles\n  budget: {min: 0, max: 500}\n  duration: 3 mois\n")
        add_recipe(root, "compost", extra=extra)
        for place in ("lannion", "rennes", "vannes"):
            add_report(root, "compost", place, place=place)
        catalog = catalog_of(root)
        entry = catalog.recipes["compost"]
        assert entry.meta is not None
        assert ["context"] == [m.key for m in completeness(entry.meta, entry.sections, catalog.readiness("compost"))]


class TestVersionFollowed:
    """With git history, a report must follow a version its recipe really had (R261)."""

    @pytest.mark.parametrize(("version", "warned"), [("1.2.0", False), ("1.0.0", True), ("1.1.0", False)])
    def test_versions_from_git_and_changelog(self, root: Path, version: str, warned: bool) -> None:
        import logging

        from recettes.catalog.snapshots import build_catalog

        from ..conftest import GitRepo

        add_recipe(root, "compost", extra="changelog:\n  - version: 1.1.0\n    summary: Un bac de plus.\n")
        add_report(root, "compost", "lannion", place="lannion", version=version)
        GitRepo(root).commit("Recette et compte rendu")
        repo, report = validate_repository(root, site=False)
        assert report.ok, report.sorted()
        _, notes = build_catalog(root, repo, snapshots=False)
        found = [message for level, message in notes if "R261" in message and level == logging.WARNING]
        assert warned == bool(found), notes
        if warned:
            assert found[0].startswith("recipes/compost/reproductions/lannion.md:8:10: R261")
            assert "1.1.0, 1.2.0" in found[0]
