"""« Recettes proches » in a real ``mkdocs build --strict``: a copy is shown on both pages, an
adaptation and older versions are not, and nothing is merged (slow: marked ``build``)."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import recipe_uri
from recettes.publish.duplicates import Neighbours, catalog_duplicates
from recettes.read.checks import validate_repository
from recettes.read.load import Repository
from recettes.site.nearby import nearby_block
from tests.publish.alike import ITEMS, strip_accents, write
from tests.repo_factory import mini_repo
from tests.support.network import give_sources

from ..conftest import GitRepo
from .conftest import copy_fixture, mkdocs


def entries_repo(root: Path) -> Repository:
    repo, report = validate_repository(root)
    assert report.ok, [str(p) for p in report.errors]
    return repo


def _no_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site fixture, then: a copy of « compost-partage » in another territory (accents
    stripped from its steps), a declared adaptation with the same text, and a new version of
    the original (so that version 1.2.0 has a page of its own); built strictly."""
    root = copy_fixture(tmp_path_factory.mktemp("nearby") / "repo")
    recipes = root / "recipes"
    for slug, change in (("compost-quimper", "title: Compost partagé à Quimper\n"),
                         ("compost-adapte", "title: Compost adapté\nadapted_from:\n  recipe: compost-partage\n"
                                            "  changes: Un quartier de Quimper.\n")):
        shutil.copytree(recipes / "compost-partage", recipes / slug)
        meta = recipes / slug / "recipe.yml"
        meta.write_text(meta.read_text(encoding="utf-8").replace(
            "title: Compost partagé en pied d'immeuble\n", change), encoding="utf-8")
    how_to = recipes / "compost-quimper" / "how-to.md"
    how_to.write_text(_no_accents(how_to.read_text(encoding="utf-8")), encoding="utf-8")
    repo = GitRepo(root, init=False)
    repo.commit("Deux copies", date="2026-11-23T10:00:00+01:00")
    original = recipes / "compost-partage"
    (original / "recipe.yml").write_text((original / "recipe.yml").read_text(encoding="utf-8").replace(
        "version: 1.2.0", "version: 1.2.1"), encoding="utf-8")
    (original / "obstacles.md").write_text((original / "obstacles.md").read_text(encoding="utf-8").replace(
        "six mois", "six longs mois"), encoding="utf-8")
    repo.commit("Correctif", date="2026-11-24T10:00:00+01:00")
    result = mkdocs(root, "--strict")
    assert result.returncode == 0, result.stderr
    # The build log names each pair once, at INFO level (a warning would fail --strict): the
    # copy with the original and with the adaptation, never the adaptation with its origin.
    lines = [line for line in result.stderr.splitlines() if "R251" in line]
    assert 2 == len(lines), result.stderr
    assert all(line.startswith("INFO") and "compost-quimper" in line for line in lines)
    assert any("recipes/compost-partage/recipe.yml:2:8: R251 (avertissement) recette quasi identique à" in line
               for line in lines)
    return root / "site"


def _block(html: str) -> str:
    start = html.index('id="recettes-proches"')
    return html[start:html.index("<h2", start)]


class TestBlockText:
    def test_sources_and_a_long_list(self, tmp_path: Path) -> None:
        """Eleven copies: the block names the most alike eight, counts the others, and says the
        source of a recipe from another source of the network; nothing is said of the draft."""
        root = mini_repo(tmp_path)
        write(root, "compost", ITEMS)
        for n in range(10):
            write(root, f"copie-{n}", strip_accents(ITEMS), title=f"Copie {n}")
        write(root, "brouillon", ITEMS, title="Brouillon", status="draft")
        catalog = Catalog.build(entries_repo(root))
        give_sources(catalog, {"compost": "Brest", **{f"copie-{n}": "Quimper" for n in range(10)}})
        block = "\n".join(nearby_block(catalog, "compost", Neighbours(catalog_duplicates(catalog)).of("compost"),
                                       recipe_uri("compost")))
        assert 8 == block.count("](../copie-")
        assert "- … et 2 autres recettes proches." in block
        assert "(Plouarzel, source «\u00a0Quimper\u00a0») — quasi identique\u00a0: " in block
        assert "brouillon" not in block.lower()


@pytest.mark.build
class TestNearbyBlock:
    def test_both_pages_name_each_other_with_the_likeness_in_words(self, site: Path) -> None:
        """Each copy links to the other, says how alike they are and which sections; both stay."""
        original = _block((site / "recettes/compost-partage/index.html").read_text(encoding="utf-8"))
        copy = _block((site / "recettes/compost-quimper/index.html").read_text(encoding="utf-8"))
        assert 'href="../compost-quimper/"' in original and "Compost partagé à Quimper" in original
        assert 'href="../compost-partage/"' in copy
        for block in (original, copy):
            assert "quasi identique" in block and "du texte en commun" in block
            assert "rien n’a été fusionné" in block
            assert "sections semblables" in block and "Freins" in block

    def test_a_declared_adaptation_is_not_listed_with_its_origin(self, site: Path) -> None:
        """The adaptation has the same text, but declares its origin: neither page lists the
        other (nor the fixture's older adaptation, compost-rural). The undeclared copy is still
        named on the adaptation's page: it is a copy of that text too."""
        adapted = (site / "recettes/compost-adapte/index.html").read_text(encoding="utf-8")
        assert 'id="adaptee-de"' in adapted
        assert "compost-partage/" not in _block(adapted) and "compost-quimper/" in _block(adapted)
        original = _block((site / "recettes/compost-partage/index.html").read_text(encoding="utf-8"))
        assert "compost-adapte" not in original and "compost-rural" not in original

    def test_an_older_version_page_has_no_block(self, site: Path) -> None:
        """A recipe is never « proche » of its own older versions, and their pages say nothing."""
        older = (site / "recettes/compost-partage/v1.2.0/index.html").read_text(encoding="utf-8")
        assert "Version archivée" in older
        assert 'id="recettes-proches"' not in older
        current = _block((site / "recettes/compost-partage/index.html").read_text(encoding="utf-8"))
        assert "v1.2.0" not in current
