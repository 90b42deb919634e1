"""Reproduction reports (``read/reproductions.py``) read from real files and checked with the
repository (``read/checks.py``, ``check_reproductions``): located French problems, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.core.problems import Code, Problem, Severity
from recettes.read.checks import validate_repository
from recettes.read.reproductions import other_territory
from recettes.read.vocabulary import load_vocabulary

from ..conftest import ROOT
from ..repo_factory import add_ambassador, add_recipe, add_report, add_territories, mini_repo

REPORTS = "recipes/compost/reproductions"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A recipe of Plouarzel (version 1.2.0, started 2012), an ambassador, three far communes."""
    root = mini_repo(tmp_path)
    add_ambassador(root, "collectif", "Collectif")
    add_recipe(root, "compost", place="plouarzel")
    add_territories(root)
    return root


def problems_of(root: Path, path: str) -> list[Problem]:
    _, report = validate_repository(root, site=False)
    return [p for p in report.sorted() if p.path == path]


class TestValidReport:
    def test_a_complete_report_has_no_problem_and_is_read(self, root: Path) -> None:
        """Who, where, when, version, adaptations, outcome, obstacles, impact and an account."""
        add_report(root, "compost", "lannion-2024", place="lannion", extra=(
            "title: Compost à Lannion\n"
            "adaptations:\n  - what: Un bac par cage d’escalier\n    why: Les immeubles sont petits.\n"
            "obstacles: [Trouver un bailleur volontaire]\n"
            "impact:\n  - name: Déchets évités\n    value: 0.5\n    unit: tonnes par an\n    date: \"2025\"\n"),
            story="Nous avons commencé par un café.\n\n## La suite\n\nUn deuxième bac, [comme ici](recette:compost).\n")
        repo, report = validate_repository(root, site=False)
        assert [] == [p for p in report.problems if p.path.startswith(REPORTS)]
        found = repo.recipes["compost"].reproductions["lannion-2024"]
        assert found.meta is not None
        assert ("Compost à Lannion", "lannion", "2024-05", "1.2.0") == (
            found.meta.title, found.meta.territory.place, found.meta.date, found.meta.version)
        assert ["La suite"] == [item.title for item in found.story.items]
        assert found.story.intro.startswith("Nous avons commencé")

    def test_an_official_code_is_a_territory(self, root: Path) -> None:
        """Any French commune by its INSEE code, as for a recipe."""
        add_report(root, "compost", "morlaix", place="commune:29151", who="organisation: Voisins de Morlaix")
        assert [] == problems_of(root, f"{REPORTS}/morlaix.md")


class TestInvalidReports:
    def test_every_problem_of_a_report_at_once_each_located(self, root: Path) -> None:
        """Unknown ambassador, unknown territory, future date, version beyond the recipe's, a
        recipe that is not its folder's: five problems in one run, each at its line."""
        add_report(root, "compost", "faux", place="lanion", date="2999", version="2.0.0",
                   who="ambassador: colectif", extra="recipe: jardin\n")
        found = {(p.code, p.line) for p in problems_of(root, f"{REPORTS}/faux.md")}
        assert {(Code.R040, 4), (Code.R014, 6), (Code.R263, 7), (Code.R261, 8), (Code.R260, 10)} == found

    def test_unknown_ambassador_suggests_the_close_one(self, root: Path) -> None:
        add_report(root, "compost", "faux", place="lannion", who="ambassador: colectif")
        (problem,) = problems_of(root, f"{REPORTS}/faux.md")
        assert "Vouliez-vous dire « collectif » ?" in problem.hint
        assert (4, 13) == (problem.line, problem.column)

    def test_nobody_is_a_schema_problem(self, root: Path) -> None:
        """Neither an ambassador nor an organisation: who did it must be said."""
        add_report(root, "compost", "anonyme", place="lannion", who="title: Sans auteur")
        (problem,) = problems_of(root, f"{REPORTS}/anonyme.md")
        assert Code.R012 == problem.code and "organisation" in problem.message

    @pytest.mark.parametrize("place", ["plouarzel", "pays-de-brest", "finistere"])
    def test_the_recipes_own_territory_is_a_warning(self, root: Path, place: str) -> None:
        """Plouarzel itself, or a territory around it: published, not counted."""
        add_report(root, "compost", "ici", place=place)
        (problem,) = problems_of(root, f"{REPORTS}/ici.md")
        assert (Code.R262, Severity.WARNING) == (problem.code, problem.severity)

    def test_a_reproduction_before_the_recipe_started_is_a_warning(self, root: Path) -> None:
        add_report(root, "compost", "tot", place="lannion", date="2009-03")
        (problem,) = problems_of(root, f"{REPORTS}/tot.md")
        assert (Code.R264, Severity.WARNING) == (problem.code, problem.severity)

    def test_raw_html_and_dangerous_links_in_the_account(self, root: Path) -> None:
        """The account is checked as a recipe's text is: no raw HTML, no javascript: link."""
        add_report(root, "compost", "html", place="lannion",
                   story="Un <script>alert(1)</script> et [ceci](javascript:alert(1)).\n")
        codes = [p.code for p in problems_of(root, f"{REPORTS}/html.md")]
        assert Code.R033 in codes and len(codes) >= 2

    def test_contact_details_in_a_report_are_flagged(self, root: Path) -> None:
        add_report(root, "compost", "contact", place="lannion", outcome="Écrivez à jean.dupont@example.org.")
        assert Code.R150 in {p.code for p in problems_of(root, f"{REPORTS}/contact.md")}

    @pytest.mark.parametrize(("name", "code"), [("photo.jpg", Code.R260), ("sous/dossier.md", Code.R260),
                                                ("Majuscule.md", Code.R020)])
    def test_misplaced_or_misnamed_files(self, root: Path, name: str, code: Code) -> None:
        path = root / REPORTS / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\nschema_version: 1\n---\n", encoding="utf-8")
        assert [code] == [p.code for p in problems_of(root, f"{REPORTS}/{name}")]

    def test_the_report_marker_is_required(self, root: Path) -> None:
        """``report: reproduction`` is how the web form finds a report: a file without it is told."""
        path = add_report(root, "compost", "sans", place="lannion")
        path.write_text(path.read_text(encoding="utf-8").replace("report: reproduction\n", ""), encoding="utf-8")
        (problem,) = problems_of(root, f"{REPORTS}/sans.md")
        assert Code.R011 == problem.code and "report: reproduction" in problem.hint, problem

    def test_no_front_matter(self, root: Path) -> None:
        path = root / REPORTS / "vide.md"
        path.parent.mkdir(parents=True)
        path.write_text("Nous l’avons fait aussi.\n", encoding="utf-8")
        assert [Code.R001] == [p.code for p in problems_of(root, f"{REPORTS}/vide.md")]

    def test_yaml_errors_are_located_in_the_report(self, root: Path) -> None:
        add_report(root, "compost", "yaml", place="lannion", extra="date: \"2024\"\n")
        (problem,) = problems_of(root, f"{REPORTS}/yaml.md")
        assert (Code.R003, 10) == (problem.code, problem.line)


class TestOtherTerritory:
    @pytest.fixture
    def territories(self, root: Path):  # type: ignore[no-untyped-def]
        vocabulary, problems = load_vocabulary(root)
        assert [] == problems
        return vocabulary.territories

    @pytest.mark.parametrize(("origin", "place", "expected"), [
        ("plouarzel", "lannion", "lannion"),
        ("plouarzel", "brest", "brest"),  # a neighbour commune of the same pays
        ("plouarzel", "plouarzel", None),
        ("plouarzel", "pays-de-brest", None),  # around the recipe
        ("pays-de-brest", "brest", "brest"),  # a commune of a recipe written for a whole pays
        ("bretagne", "lannion", "lannion"),  # a commune of a regional recipe
        ("brest", "pays-de-brest", None),  # around a commune
        ("plouarzel", "inconnu", None),
    ])
    def test_elsewhere_means_neither_inside_nor_around(self, territories, origin: str, place: str,  # type: ignore[no-untyped-def]
                                                       expected: str | None) -> None:
        assert expected == other_territory(territories, origin, place)

    @pytest.mark.parametrize(("place", "expected"), [
        ("commune:29177", None),  # Plouarzel, by its INSEE code
        ("commune:29019", "brest"),  # Brest by its code: the vocabulary's entry
        ("commune:22113", "commune-22113"),  # Lannion, only official
        ("region:53", None),  # Bretagne, around Plouarzel
    ])
    def test_codes_and_ids_name_the_same_places(self, place: str, expected: str | None) -> None:
        """With the repository's vocabulary, where Plouarzel and Brest have their codes."""
        vocabulary, _ = load_vocabulary(ROOT)
        assert expected == other_territory(vocabulary.territories, "plouarzel", place)

    @pytest.mark.parametrize(("origin", "place", "expected"), [
        ("epci:242900314", "commune:29019", None),  # Brest inside Brest Métropole: the same place
        ("epci:242900314", "commune:29177", "plouarzel"),  # Plouarzel is not in Brest Métropole
        ("finistere", "commune:29019", "brest"),  # a commune of a recipe written for the département
    ])
    def test_inside_an_intercommunality_is_the_same_place(self, origin: str, place: str,
                                                          expected: str | None) -> None:
        vocabulary, _ = load_vocabulary(ROOT)
        assert expected == other_territory(vocabulary.territories, origin, place)
