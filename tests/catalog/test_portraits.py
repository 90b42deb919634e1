"""Portraits croisés: who an ambassador's page suggests meeting, and why (catalog.portraits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.catalog.catalog import Catalog
from recettes.catalog.portraits import cross_portraits
from recettes.read.checks import validate_repository

from ..support.reach import reach_repo

NB = "\u00a0"


def _catalog(root: Path) -> Catalog:
    repo, report = validate_repository(root)
    assert not report.errors, report.sorted()
    return Catalog.build(repo)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return reach_repo(tmp_path / "depot")


class TestCrossPortraits:
    def test_best_first_with_reasons(self, root: Path) -> None:
        """Neighbouring territory and shared theme before territory alone before theme alone;
        Quimper is not near Brest (their smallest common territory is the département)."""
        found = [(e.ident, e.score, e.reasons) for e in cross_portraits(_catalog(root), "anne-essai")]
        assert [
            ("epicerie-essai", 3, (f"territoire voisin{NB}: Saint-Renan (Pays de Brest)", f"même thématique{NB}: Alimentation")),
            ("fanny-voisine", 2, (f"territoire voisin{NB}: Plouzané (Brest Métropole)",)),
            ("dora-lointaine", 1, (f"même thématique{NB}: Alimentation",)),
        ] == found

    def test_never_someone_whose_name_is_not_published(self, root: Path) -> None:
        """Bruno (no name in the consent's scope) and Chloé (withdrawn) carry the same recipe as
        Anne, yet are never suggested; Anne is suggested to them, for that recipe first."""
        catalog = _catalog(root)
        everyone = {e.ident for ident in catalog.ambassadors for e in cross_portraits(catalog, ident)}
        assert not everyone & {"porteur-plouarzel", "ancienne-porteuse"}
        [first, *_] = cross_portraits(catalog, "porteur-plouarzel")
        assert "anne-essai" == first.ident
        assert f"porte aussi{NB}: «{NB}Jardin partagé d’essai{NB}»" == first.reasons[0]

    def test_giving_the_name_makes_them_suggested(self, root: Path) -> None:
        """The control: the same person with ``name`` in scope is suggested, first (same recipe)."""
        path = root / "ambassadors" / "porteur-plouarzel.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("scope: [bio]", "scope: [name, bio]"), encoding="utf-8")
        assert "porteur-plouarzel" == cross_portraits(_catalog(root), "anne-essai")[0].ident

    def test_limit_order_and_nobody_without_a_recipe(self, root: Path) -> None:
        """Ties are broken by name, then id; nobody without a published recipe; at most ``limit``."""
        catalog = _catalog(root)
        assert ["epicerie-essai"] == [e.ident for e in cross_portraits(catalog, "anne-essai", limit=1)]
        assert "marie-exemple" not in {e.ident for e in cross_portraits(catalog, "anne-essai", limit=10)}
        assert [] == cross_portraits(catalog, "inconnue")
        for name in ("zoe-voisine", "alice-voisine"):  # same profile as Fanny: sorted by name after her score
            (root / "ambassadors" / f"{name}.yml").write_text(
                (root / "ambassadors" / "fanny-voisine.yml").read_text(encoding="utf-8")
                .replace("Fanny Voisine", name.split("-")[0].capitalize() + " Voisine"), encoding="utf-8")
            recipe = (root / "recipes" / "velo-plouzane" / "recipe.md").read_text(encoding="utf-8")
            (root / "recipes" / f"velo-{name}").mkdir()
            (root / "recipes" / f"velo-{name}" / "recipe.md").write_text(
                recipe.replace("fanny-voisine", name).replace("Vélos de Plouzané", f"Vélos {name}"), encoding="utf-8")
        order = [e.ident for e in cross_portraits(_catalog(root), "anne-essai", limit=10)]
        assert ["epicerie-essai", "alice-voisine", "fanny-voisine", "zoe-voisine", "dora-lointaine"] == order

    def test_a_shared_region_is_not_the_same_territory(self, root: Path) -> None:
        """Both say Bretagne (a région) and are neighbours elsewhere (Brest, Plouzané): the reason
        is the neighbourhood, never « même territoire : Bretagne »."""
        for ident in ("anne-essai", "dora-lointaine"):
            path = root / "ambassadors" / f"{ident}.yml"
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("territory: brest\n", "territory: bretagne\n")
                            .replace("territory: quimper\n", "territory: bretagne\n"), encoding="utf-8")
        recipe = root / "recipes" / "compost-quimper" / "recipe.md"
        recipe.write_text(recipe.read_text(encoding="utf-8").replace("place: quimper", "place: plouzane"), encoding="utf-8")
        dora = next(e for e in cross_portraits(_catalog(root), "anne-essai") if e.ident == "dora-lointaine")
        assert (3, (f"territoire voisin{NB}: Plouzané (Brest Métropole)", f"même thématique{NB}: Alimentation")) == (
            dora.score, dora.reasons)
