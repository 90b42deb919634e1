"""Duplicates: copies found over real repositories written in tmp_path, adaptations left alone."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from recettes.catalog.catalog import Catalog
from recettes.core import memo
from recettes.core.addresses import SiteUrls
from recettes.publish.duplicates import (
    NEAR,
    STORE,
    Likeness,
    catalog_duplicates,
    find_duplicates,
    fingerprints,
    words,
)
from recettes.read.checks import validate_repository
from tests.publish.alike import (
    ITEMS,
    OTHER,
    TITLES,
    entries,
    reworded,
    strip_accents,
    two_recipes,
    write,
)
from tests.support.network import give_sources


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return two_recipes(tmp_path)


def pairs_of(found: list[Likeness]) -> set[tuple[str, str]]:
    return {(pair.a, pair.b) for pair in found}


class TestWords:
    def test_markdown_accents_case_and_form_are_ignored(self) -> None:
        """NFD text, capitals, emphasis, links and images compare as the plain words."""
        assert ["le", "cafe", "reparation", "a", "brest", "photo"] == words(
            unicodedata.normalize("NFD", "**Le café** [réparation](recette:x) à BREST ![photo](media/a.jpg)"))


class TestFingerprints:
    def test_worker_processes_give_the_same_fingerprints(self, root: Path) -> None:
        """Made in one process or shared among several (from ``PARALLEL_FROM`` recipes): the same
        words, shingles and MinHash signatures, so the same pairs."""
        write(root, "compost-quimper", reworded(ITEMS), title="Compost partagé à Quimper")
        recipes = entries(root)
        memo.clear()
        alone = fingerprints(recipes, parallel_from=10**9)
        memo.clear()
        shared = fingerprints(recipes, parallel_from=1)
        assert alone.keys() == shared.keys() == recipes.keys()
        for key in recipes:
            assert (alone[key].count, alone[key].digest) == (shared[key].count, shared[key].digest)
            assert np.array_equal(alone[key].shingles, shared[key].shingles)
            assert np.array_equal(alone[key].signature, shared[key].signature)
        assert [("compost", "compost-quimper")] == [(p.a, p.b) for p in find_duplicates(recipes)]


    def test_the_store_gives_the_fingerprints_of_a_new_process(self, root: Path, tmp_path: Path) -> None:
        """A build keeps fingerprints in its build folder by text; the next build (a new
        process: the caches of this one emptied) takes them from the file, measures only the
        edited recipe, and keeps only the fingerprints still in use."""
        build = tmp_path / "build"
        write(root, "compost-quimper", reworded(ITEMS), title="Compost partagé à Quimper")
        memo.clear()
        STORE.open(build)
        measured = fingerprints(entries(root))
        STORE.save()
        [file] = list(build.iterdir())
        written = file.read_bytes()
        memo.clear()  # a new process
        STORE.open(build)
        again = fingerprints(entries(root))
        assert not STORE.changed and len(STORE.known) == 3
        STORE.save()
        assert written == file.read_bytes()  # nothing measured, nothing written
        for key, found in measured.items():
            assert (found.count, found.digest) == (again[key].count, again[key].digest)
            assert np.array_equal(found.shingles, again[key].shingles)
            assert np.array_equal(found.signature, again[key].signature)
        shutil.rmtree(root / "recipes" / "compost-quimper")
        write(root, "compost-quimper", OTHER, title="Autre chose")  # edited: measured, the old one dropped
        memo.clear()
        STORE.open(build)
        fingerprints(entries(root))
        assert STORE.changed
        STORE.save()
        memo.clear()
        STORE.open(build)
        assert 3 == len(STORE.known)
        memo.clear()

    def test_a_live_preview_keeps_every_fingerprint(self, root: Path, tmp_path: Path) -> None:
        """Rebuilds in one process answer from the parse cache: what the store writes when the
        preview stops still holds every recipe, not only those measured by the last rebuild."""
        build = tmp_path / "build"
        recipes = entries(root)
        memo.clear()
        STORE.open(build)
        fingerprints(recipes)
        STORE.open(build)  # a rebuild
        fingerprints(recipes)
        STORE.save()
        memo.clear()
        STORE.open(build)
        assert len(recipes) == len(STORE.known)
        memo.clear()

    def test_a_damaged_store_is_an_empty_one(self, root: Path, tmp_path: Path) -> None:
        build = tmp_path / "build"
        build.mkdir()
        (build / STORE.FORMAT).write_bytes(b"PK\x03\x04 pas une archive")
        memo.clear()
        STORE.open(build)
        assert {} == STORE.known
        assert 2 == len(fingerprints(entries(root)))
        STORE.save()
        memo.clear()
        STORE.open(build)
        assert 2 == len(STORE.known)
        memo.clear()

    def test_a_kept_index_gives_what_a_new_one_gives(self, root: Path) -> None:
        """The live preview keeps the LSH index between rebuilds: after a copy is made, edited
        away, removed and made again, each answer equals the one of a fresh process."""
        def edit_away() -> None:
            shutil.rmtree(root / "recipes" / "compost-copie")
            write(root, "compost-copie", OTHER, title="Copie")

        steps = [lambda: write(root, "compost-copie", strip_accents(ITEMS), title="Copie"), edit_away,
                 lambda: shutil.rmtree(root / "recipes" / "compost-copie"),
                 lambda: write(root, "compost-quimper", reworded(ITEMS), title="Compost à Quimper"),
                 lambda: write(root, "compost-copie", strip_accents(ITEMS), title="Copie")]
        memo.clear()
        for step in steps:
            step()
            kept = pairs_of(find_duplicates(entries(root)))
            memo.clear()
            assert pairs_of(find_duplicates(entries(root))) == kept
        assert {("compost", "compost-copie"), ("compost", "compost-quimper"),
                ("compost-copie", "compost-quimper")} == kept


class TestFindDuplicates:
    def test_unrelated_recipes_are_not_reported(self, root: Path) -> None:
        assert [] == find_duplicates(entries(root))

    def test_a_copy_without_accents_nor_capitals_is_identical(self, root: Path) -> None:
        """Accents, case and Markdown aside, the same words in the same order: « identique »."""
        write(root, "compost-copie", strip_accents(ITEMS), title="COMPOST PARTAGE")
        [pair] = find_duplicates(entries(root))
        assert ("compost", "compost-copie", True, 1.0, "identique") == (
            pair.a, pair.b, pair.exact, pair.similarity, pair.level)

    def test_reordered_sections_are_the_same_text(self, root: Path) -> None:
        write(root, "compost-desordre", ITEMS, order=["reproducibility", "enablers", "how-to", "obstacles"])
        [pair] = find_duplicates(entries(root))
        assert pair.exact

    def test_a_reworded_copy_is_near_and_names_its_alike_sections(self, root: Path) -> None:
        """A step rewritten, steps reordered, a word changed: near, not identical; the untouched
        sections are named, the rewritten one less alike."""
        write(root, "compost-quimper", reworded(ITEMS), title="Compost partagé à Quimper")
        [pair] = find_duplicates(entries(root))
        assert not pair.exact
        assert NEAR <= pair.similarity < 0.95
        sections = {s.id: s.similarity for s in pair.sections}
        assert 1.0 == sections["obstacles"] == sections["enablers"]
        assert sections["how-to"] < 1.0
        assert "Freins" in [s.title for s in pair.alike_sections()]

    def test_a_recipe_sharing_only_one_section_is_not_near(self, root: Path) -> None:
        """One section of six copied into another recipe is below the threshold."""
        write(root, "reparation-bis", {**OTHER, "obstacles": ITEMS["obstacles"]}, title="Réparer ensemble")
        found = find_duplicates(entries(root))
        assert not any("compost" in (pair.a, pair.b) for pair in found)

    @pytest.mark.parametrize("extra", [
        "adapted_from:\n  recipe: compost\n  changes: Un autre quartier.\n",
        "adapted_from:\n  url: https://recettes-libres.example.org/recettes/compost/\n  changes: Ailleurs.\n",
    ])
    def test_a_declared_adaptation_is_not_a_duplicate(self, root: Path, extra: str) -> None:
        """By its slug, or by the address of the original's page."""
        write(root, "compost-adapte", strip_accents(ITEMS), title="Compost adapté", extra=extra)
        found = find_duplicates(entries(root), addresses={
            "compost": ["https://recettes-libres.example.org/recettes/compost/"]})
        assert [] == found

    def test_the_origin_declaring_its_adaptation_the_other_way_is_not_a_duplicate(self, root: Path) -> None:
        """Either direction: here the older text names the newer one as its origin."""
        write(root, "compost-source", ITEMS, title="Compost à la source")
        (root / "recipes" / "compost").rename(root / "compost-old")
        write(root, "compost", ITEMS, extra="adapted_from:\n  recipe: compost-source\n  changes: Rien.\n")
        assert [] == find_duplicates(entries(root))

    def test_two_adaptations_of_one_origin_are_not_duplicates(self, root: Path) -> None:
        """Siblings share an origin, here an address outside the handbook; a third copy without
        lineage is still reported against both."""
        origin = "adapted_from:\n  url: https://ailleurs.example.org/compost\n  changes: Un quartier.\n"
        write(root, "compost-a", ITEMS, title="Compost A", extra=origin)
        write(root, "compost-b", ITEMS, title="Compost B", extra=origin.replace("/compost", "/compost/"))
        found = pairs_of(find_duplicates(entries(root)))
        assert ("compost-a", "compost-b") not in found
        assert {("compost", "compost-a"), ("compost", "compost-b")} <= found

    def test_a_lineage_loop_ends_and_stays_one_family(self, root: Path) -> None:
        """Two recipes each declaring the other as origin (a mistake) are one family; a third,
        undeclared copy is still reported against both."""
        write(root, "compost-a", ITEMS, title="Compost A",
              extra="adapted_from:\n  recipe: compost-b\n  changes: Un quartier.\n")
        write(root, "compost-b", ITEMS, title="Compost B",
              extra="adapted_from:\n  recipe: compost-a\n  changes: Un autre.\n")
        found = pairs_of(find_duplicates(entries(root)))
        assert ("compost-a", "compost-b") not in found
        assert {("compost", "compost-a"), ("compost", "compost-b")} <= found

    def test_the_handbook_pairs_carry_sources_and_know_its_addresses(self, root: Path) -> None:
        """Over a Catalog: each pair says its sources (``Catalog.sources``), and an adaptation
        naming the original's page in this handbook is recognised only with the site's address."""
        write(root, "compost-copie", strip_accents(ITEMS))
        write(root, "compost-adapte", ITEMS, title="Compost adapté", extra=(
            "adapted_from:\n  url: https://recettes.example.org/recettes/compost/\n  changes: Ailleurs.\n"))
        catalog = Catalog.build(validate_repository(root)[0])
        sources = {"compost": "Brest", "compost-copie": "Quimper", "compost-adapte": "Brest"}
        give_sources(catalog, sources)
        assert sources == catalog.sources
        found = catalog_duplicates(catalog, SiteUrls("https://recettes.example.org/"))
        assert {("compost", "compost-copie"), ("compost-adapte", "compost-copie")} == pairs_of(found)
        assert [("Brest", "Quimper", True)] * 2 == [(p.source_a, p.source_b, p.across) for p in found]
        assert ("compost", "compost-adapte") in pairs_of(catalog_duplicates(catalog))  # no site: no address

    def test_template_drafts_are_not_compared(self, root: Path) -> None:
        """Two drafts that only hold « À compléter » texts are not copies of each other."""
        todo = {kind: [("À compléter", "À compléter : qu’avez-vous fait en premier ?")] for kind in TITLES}
        write(root, "brouillon-a", todo, title="Nouveau", status="draft")
        write(root, "brouillon-b", todo, title="Nouveau", status="draft")
        assert [] == find_duplicates(entries(root))

    def test_pairs_across_sources_are_marked(self, root: Path) -> None:
        """With a source per recipe (a network), a pair says which sources it joins."""
        write(root, "compost-copie", strip_accents(ITEMS))
        [pair] = find_duplicates(entries(root), sources={"compost": "Brest", "compost-copie": "Quimper"})
        assert (True, "Brest", "Quimper") == (pair.across, pair.source_a, pair.source_b)
        [same] = find_duplicates(entries(root), sources={"compost": "Brest", "compost-copie": "Brest"})
        assert not same.across
