"""Duplicates: copies found over real repositories written in tmp_path, adaptations left alone,
the report command as users run it."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from recettes.publish.duplicates import NEAR, Likeness, find_duplicates, problems, words
from recettes.read.checks import validate_repository
from recettes.read.load import RecipeEntry
from tests.repo_factory import mini_repo

from ..conftest import RunLine

ITEMS = {
    "how-to": [
        ("Réunir les habitant·es du quartier", "Une soirée d’information au pied de l’immeuble présente "
         "l’idée du compost partagé. On y note les volontaires et les questions sur les odeurs."),
        ("Trouver un emplacement avec le bailleur", "Le bailleur social prête un coin de pelouse ombragé, "
         "proche des entrées, accessible aux poussettes et aux fauteuils roulants."),
        ("Former des guides composteurs", "Deux bénévoles suivent la formation de la communauté "
         "d’agglomération et apprennent à équilibrer les matières vertes et brunes."),
    ],
    "obstacles": [
        ("La peur des rats", "Un bac fermé, un grillage au fond et des apports réguliers de broyat "
         "ont rassuré les voisin·es les plus inquiets pendant le premier hiver."),
    ],
    "enablers": [
        ("Un broyeur prêté par la commune", "Les services techniques livrent du broyat chaque mois "
         "après l’élagage des arbres du parc voisin, sans frais pour l’association."),
    ],
    "reproducibility": [
        ("Un espace vert au pied des logements", "Quelques mètres carrés suffisent, à moins de cinquante "
         "mètres des entrées, avec l’accord écrit du propriétaire du terrain."),
    ],
}
OTHER = {
    "how-to": [("Ouvrir un atelier de réparation", "Chaque premier samedi, des bénévoles réparent "
                "vélos, grille-pains et vêtements avec les visiteurs, qui apprennent en faisant.")],
    "obstacles": [("L’assurance", "Il a fallu une attestation de responsabilité civile pour les "
                   "outils électriques prêtés par la maison de quartier.")],
    "enablers": [("Une salle municipale", "La mairie prête la salle et ses tables chaque mois.")],
    "reproducibility": [("Des bricoleur·euses", "Trois personnes habiles suffisent pour commencer.")],
}
TITLES = {"how-to": "Comment faire", "obstacles": "Freins", "enablers": "Facilitations",
          "reproducibility": "Conditions de reproductibilité"}


def write(root: Path, slug: str, items: dict[str, list[tuple[str, str]]], *, title: str = "Compost partagé",
          order: list[str] | None = None, extra: str = "", status: str = "published") -> Path:
    """A recipe.md with ``items`` (section id -> [(title, body)]), sections in ``order``."""
    folder = root / "recipes" / slug
    folder.mkdir(parents=True)
    body = "".join(f"# {TITLES[kind]}\n\n" + "".join(f"## {t}\n\n{b}\n\n" for t, b in items[kind])
                   for kind in order or list(TITLES))
    (folder / "recipe.md").write_text(
        f"---\nschema_version: 1\ntitle: \"{title}\"\n"
        "summary: \"Des habitant·es compostent ensemble au pied de leur immeuble.\"\n"
        f"version: 1.0.0\nstatus: {status}\nterritory:\n  place: plouarzel\nthemes: [alimentation]\n"
        f"licence: CC-BY-SA-4.0\ndocumented_by:\n  - name: Atelier d’écriture\n{extra}---\n\n{body}",
        encoding="utf-8")
    return folder


def strip_accents(items: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    def plain(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).upper()
    return {kind: [(plain(t), plain(b)) for t, b in pairs] for kind, pairs in items.items()}


def reworded(items: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    """One step rewritten from scratch, the steps reordered, a word changed in a condition."""
    how = list(reversed(items["how-to"]))
    how[0] = ("Former deux guides", "La communauté d’agglomération propose chaque printemps une "
              "journée gratuite pour apprendre à surveiller la température du bac.")
    return {**items, "how-to": how,
            "reproducibility": [(t, b.replace("cinquante", "cent")) for t, b in items["reproducibility"]]}


def entries(root: Path) -> dict[str, RecipeEntry]:
    repo, report = validate_repository(root)
    assert report.ok, [str(p) for p in report.errors]
    return repo.recipes


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = mini_repo(tmp_path)
    write(root, "compost", ITEMS)
    write(root, "reparation", OTHER, title="Atelier de réparation")
    return root


def pairs_of(found: list[Likeness]) -> set[tuple[str, str]]:
    return {(pair.a, pair.b) for pair in found}


class TestWords:
    def test_markdown_accents_case_and_form_are_ignored(self) -> None:
        """NFD text, capitals, emphasis, links and images compare as the plain words."""
        assert ["le", "cafe", "reparation", "a", "brest", "photo"] == words(
            unicodedata.normalize("NFD", "**Le café** [réparation](recette:x) à BREST ![photo](media/a.jpg)"))


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

    def test_problems_are_located_warnings_naming_the_other_recipe(self, root: Path) -> None:
        write(root, "compost-quimper", reworded(ITEMS), title="Compost partagé à Quimper")
        recipes = entries(root)
        [problem] = problems(find_duplicates(recipes), recipes)
        assert ("recipes/compost/recipe.md", 3, "R251", False) == (
            problem.path, problem.line, problem.code.name, problem.is_error)
        assert "«\u00a0Compost partagé à Quimper\u00a0» (recipes/compost-quimper/recipe.md)" in problem.message
        assert "adapted_from" in problem.hint


class TestCommand:
    def test_no_duplicate(self, root: Path, run_line: RunLine) -> None:
        result = run_line("duplicates", "--root", str(root))
        assert "✓ Aucune recette identique ni proche (2 recettes comparées" in result.stdout

    def test_text_report_lists_each_pair_once_drafts_included(self, root: Path, run_line: RunLine) -> None:
        """A draft copy (an import) is reported too; exit 0 unless --strict."""
        write(root, "compost-import", strip_accents(ITEMS), status="draft")
        write(root, "compost-quimper", reworded(ITEMS), title="Compost partagé à Quimper")
        out = run_line("duplicates", "--root", str(root)).stdout
        assert 1 == out.count("recipes/compost/recipe.md:3:8: R250 (avertissement) recette identique à")
        assert "R251 (avertissement) recette quasi identique" in out or "R251 (avertissement) recette proche" in out
        assert "⚠ 3 paires de recettes semblables, dont 1 identique, sur 4 recettes comparées." in out
        run_line("duplicates", "--root", str(root), "--strict", code=1)

    def test_an_unreadable_recipe_is_skipped_and_said(self, root: Path, run_line: RunLine) -> None:
        """Broken front matter: no traceback, the others are still compared, the user is told."""
        write(root, "compost-copie", strip_accents(ITEMS))
        broken = write(root, "casse", ITEMS) / "recipe.md"
        broken.write_text(broken.read_text(encoding="utf-8").replace("version: 1.0.0", "version: [1"),
                          encoding="utf-8")
        result = run_line("duplicates", "--root", str(root))
        assert "une recette illisible n’est pas comparée" in result.stderr
        assert "recipes/casse" not in result.stdout
        assert "recette identique à «\u00a0Compost partagé\u00a0» (recipes/compost-copie/recipe.md)" in result.stdout

    def test_json_report(self, root: Path, run_line: RunLine) -> None:
        write(root, "compost-quimper", reworded(ITEMS), title="Compost partagé à Quimper")
        data = json.loads(run_line("duplicates", "--root", str(root), "--format", "json").stdout)
        [pair] = data["pairs"]
        assert ("compost", "compost-quimper", False) == (pair["a"]["slug"], pair["b"]["slug"], pair["exact"])
        assert {"how-to", "obstacles", "enablers", "reproducibility"} == {s["id"] for s in pair["sections"]}
        assert NEAR == data["thresholds"]["near"]

    def test_github_annotations(self, root: Path, run_line: RunLine) -> None:
        write(root, "compost-copie", strip_accents(ITEMS))
        out = run_line("duplicates", "--root", str(root), "--format", "github").stdout
        assert out.startswith("::warning file=recipes/compost/recipe.md,line=3,col=8,title=R250::")
