"""The heading table: the shipped headings of the issue are mapped, a repository's
import-headings.yml adds or corrects entries, a broken one is a located problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.scaffold.importing.table import clean_heading, heading_key, load_table

from .conftest import recipe, run

ISSUE_HEADINGS = {
    "Objectif": "summary", "En une phrase": "summary", "Qu’est-ce que c’est ?": "context",
    "Présentation": "context", "Histoire": "context", "À quoi ça sert ?": "context", "Déroulement": "how-to",
    "Procédure": "how-to", "Méthodologie": "how-to", "Préparation": "how-to", "Mise en place": "how-to",
    "Avantages et limites": "container", "Avantages": "enablers", "Limites": "obstacles",
    "Points de vigilance": "obstacles", "Recommandations": "reproducibility", "Conseils": "reproducibility",
    "Matériel": "reproducibility", "Informations pratiques": "practical", "Durée": "duration",
    "Lieu": "reproducibility", "Publics cibles": "reproducibility", "Sources": "sources", "Contact": "names",
    "Équipe": "names", "Aller plus loin": "links", "Nombre de participants": "people", "Timing": "duration",
    "Déroulé et consignes aux participants": "how-to",
}


class TestShippedTable:
    @pytest.mark.parametrize(("heading", "target"), sorted(ISSUE_HEADINGS.items()))
    def test_headings_seen_in_the_wild(self, heading: str, target: str) -> None:
        table, problems = load_table(None)
        assert [] == problems
        assert target == table.target(heading)

    @pytest.mark.parametrize("written", ["**Objectif** :", "2. Objectif", "II - Objectif", "OBJECTIF ?",
                                         "Étape 1 : objectif", "objectif\u00a0:"])
    def test_compared_without_marks_numbering_case(self, written: str) -> None:
        assert "objectif" == heading_key(written)

    def test_shown_without_bold_numbering_or_colon(self) -> None:
        assert "Timing" == clean_heading("2. **Timing** :")
        assert "2024 en chiffres" == clean_heading("2024 en chiffres")


class TestRepositoryTable:
    def test_a_repository_adds_and_corrects(self, repo: Path, source: Path) -> None:
        (repo / "import-headings.yml").write_text(
            "headings:\n  enablers: [Gouvernance]\n  how-to: [Les étapes du projet…]\n", encoding="utf-8")
        (source / "f.md").write_text("# Marché paysan\n\n## Gouvernance\n\nLa commune.\n\n"
                                     "## Les étapes du projet en 2020\n\nOuvrir.\n", encoding="utf-8")
        result = run(repo, source)
        sections = recipe(repo, "marche-paysan")[1]
        assert ["Gouvernance"] == [i.title for i in sections["enablers"].items]
        assert ["Les étapes du projet en 2020"] == [i.title for i in sections["how-to"].items]
        assert [] == result.recipes[0].unmapped

    def test_a_broken_table_is_located(self, repo: Path) -> None:
        (repo / "import-headings.yml").write_text("headings:\n  nulle-part: [X]\n  how-to: [\n", encoding="utf-8")
        _, problems = load_table(repo)
        assert ["R200"] == [p.code.name for p in problems]
        assert problems[0].path == "import-headings.yml" and problems[0].line > 1
        (repo / "import-headings.yml").write_text("headings:\n  nulle-part: [X]\n", encoding="utf-8")
        _, problems = load_table(repo)
        assert ["destination «\u00a0nulle-part\u00a0» inconnue"] == [p.message for p in problems]

    @pytest.mark.parametrize("text", ["- une liste\n", "headings: [a, b]\n", "placeholders: Titre\n",
                                      "resources: 3\n"])
    def test_a_table_of_another_shape_is_a_problem_not_a_traceback(self, repo: Path, text: str) -> None:
        (repo / "import-headings.yml").write_text(text, encoding="utf-8")
        _, problems = load_table(repo)
        assert ["R200"] == [p.code.name for p in problems]
