"""The six shapes of tests/data/import/fiches (copied from shared/cases/import), each behaving as
EXPECTED.md says, and inputs of our own for each class they stand for."""

from __future__ import annotations

import json
from pathlib import Path

from recettes.read.checks import validate_repository

from .conftest import case, codes, recipe, run


class TestHeadingsWithoutSpace:
    def test_case_01_headings_title_and_later_level_one(self, repo: Path, source: Path) -> None:
        """#Titre, ##Titre and # + no-break space are headings; the first level-1 is the title,
        a later one is a heading of the body, not a second title."""
        case(source, "01-headings-without-space.md")
        result = run(repo, source)
        assert result.ok and ["developper-la-vente-directe"] == [r.slug for r in result.recipes]
        data, sections, text = recipe(repo, "developper-la-vente-directe")
        assert "Développer la vente directe" == data["title"]
        assert ["Gouvernance", "Café itinérant"] == [item.title for item in sections["context"].items]
        assert "#Gouvernance" not in text and "#\u00a0" not in text
        assert ["Café itinérant", "Gouvernance"] == sorted(result.recipes[0].unmapped)

    def test_setext_numbered_bold_and_seven_hashes(self, repo: Path, source: Path) -> None:
        """Setext headings become headings; numbering, bold and « : » are not part of a name;
        a line of seven « # » is text, escaped so that the validator accepts it."""
        (source / "fiche.md").write_text(
            "Jardin partagé\n==============\n\nUn jardin au pied des immeubles.\n\n"
            "**Déroulement** :\n-----------------------\n\n1. Trouver un terrain.\n\n"
            "####### pas un titre\n\n## 3) Matériel :\n\nDes bêches.\n\n## 10 conseils\n\nArroser.\n", encoding="utf-8")
        result = run(repo, source)
        data, sections, text = recipe(repo, "jardin-partage")
        assert "Jardin partagé" == data["title"]
        assert ["Déroulement"] == [item.title for item in sections["how-to"].items]
        assert ["Matériel", "10 conseils"] == [item.title for item in sections["reproducibility"].items]
        assert "\\#######" in text
        _, report = validate_repository(repo)
        assert report.ok, [str(p) for p in report.errors]
        assert result.ok


class TestMixedLicences:
    def test_case_02_most_restrictive_without_invented_version(self, repo: Path, source: Path) -> None:
        """BY-NC-SA and BY-SA stated per paragraph: NC wins; no version is invented (NOASSERTION
        and R203), markers become links to a structured sources list."""
        case(source, "02-mixed-licences.md")
        result = run(repo, source)
        data, sections, text = recipe(repo, "world-cafe")
        assert "NOASSERTION" == data["licence"]
        assert ["CC BY-NC-SA", "CC BY-SA"] == result.recipes[0].licence_evidence
        assert "R203" in codes(result)
        assert [{"title": "Fondation Exemple", "url": "https://fondation.example.org"},
                {"title": "Camille Exemple, association Les Semeurs", "url": "https://semeurs.example.org"}] \
            == data["sources"]
        assert "[source 2](#sources)" in sections["how-to"].items[0].body
        assert "<a" not in text and "\x00" not in text
        assert "Des tables de 4 à 5 personnes changent de table à chaque tour." == data["summary"]

    def test_case_02_with_a_version_given_by_a_person(self, repo: Path, source: Path) -> None:
        """--licence-version 4.0 completes the most restrictive licence, and the report says so."""
        case(source, "02-mixed-licences.md")
        result = run(repo, source, licence_version="4.0")
        data, _, _ = recipe(repo, "world-cafe")
        assert "CC-BY-NC-SA-4.0" == data["licence"]
        assert any(p.code.name == "R203" and "--licence-version" in p.message for p in result.problems)

    def test_versions_stated_are_kept_and_nd_text_is_not_restructured(self, repo: Path, source: Path) -> None:
        """A version the fiche states is used as is; an ND licence keeps the text under Contexte."""
        (source / "a.md").write_text("# Fiche A\n\n## Déroulement\n\nFaire.\n\n## Sources\n\n"
                                     "* Réseau, sous licence CC BY-SA 3.0\n", encoding="utf-8")
        (source / "b.md").write_text("# Fiche B\n\n## Déroulement\n\nFaire ainsi.\n\n## Limites\n\nLe temps.\n\n"
                                     "Licence : CC BY-NC-ND 4.0\n", encoding="utf-8")
        result = run(repo, source)
        a, _, _ = recipe(repo, "fiche-a")
        b, sections, _ = recipe(repo, "fiche-b")
        assert ("CC-BY-SA-3.0", "CC-BY-NC-ND-4.0") == (a["licence"], b["licence"])
        assert ["Déroulement", "Limites"] == [item.title for item in sections["context"].items]
        assert set(sections) == {"context"}
        assert "R213" in codes(result)

    def test_licence_file_of_the_source_counts(self, repo: Path, source: Path) -> None:
        """The source's LICENSE is evidence for every fiche in it."""
        (source / "LICENSE").write_text("Attribution-ShareAlike 4.0 International\n", encoding="utf-8")
        (source / "fiche.md").write_text("# Troc de graines\n\n## Déroulement\n\nÉchanger.\n", encoding="utf-8")
        run(repo, source)
        assert "CC-BY-SA-4.0" == recipe(repo, "troc-de-graines")[0]["licence"]


class TestPlaceholderFrontMatter:
    def test_case_03_placeholders_ignored_names_to_the_report(self, repo: Path, source: Path) -> None:
        """Title from the first heading, summary from « Objectif », authors (split on « ; »)
        only in the report, no ambassador file written."""
        case(source, "03-placeholder-front-matter.md")
        result = run(repo, source)
        data, sections, text = recipe(repo, "vote-pondere")
        assert "Vote pondéré" == data["title"]
        assert data["summary"].startswith("Prendre une décision à plusieurs")
        assert ["Dominique", "Sam", "Alex"] == result.recipes[0].names
        assert "Dominique" not in text and not (repo / "ambassadors").exists()
        assert "draft" == data["status"]
        assert {"R209", "R212"} <= set(codes(result))
        assert ["Déroulement"] == [item.title for item in sections["how-to"].items]


class TestAdvantagesAndLimits:
    def test_case_04_enablers_obstacles_resources(self, repo: Path, source: Path) -> None:
        """« Avantages » -> enablers (one item holding the list); empty « Limites » dropped and
        reported; structured practical values -> resources, « très variable » -> reproducibility."""
        case(source, "04-advantages-and-limits.md")
        result = run(repo, source, licence_version="4.0")
        data, sections, _ = recipe(repo, "repas-partage")
        assert [("Avantages", "* Favorise l'échange\n* peu coûteux")] == \
            [(i.title, i.body) for i in sections["enablers"].items]
        assert "obstacles" not in sections
        assert any(p.code.name == "R202" and "Limites" in p.message for p in result.problems)
        assert {"people": "10 à 40 personnes", "duration": "2 heures"} == data["resources"]
        assert "très variable" in sections["reproducibility"].items[0].body
        _, report = validate_repository(repo)
        assert report.ok and any(p.code.name == "R030" and "Freins" in p.message for p in report.warnings)

    def test_budget_is_structured_only_with_an_amount(self, repo: Path, source: Path) -> None:
        (source / "f.md").write_text("# Disco soupe\n\n## Infos pratiques\n\n- Coût : 50 à 200 €\n"
                                     "- Durée : une soirée\n- Lieu : une place\n", encoding="utf-8")
        run(repo, source)
        data, sections, _ = recipe(repo, "disco-soupe")
        assert {"budget": {"min": 50.0, "max": 200.0, "currency": "EUR"}} == data["resources"]
        assert "une soirée" in sections["reproducibility"].items[0].body


class TestLinksWithoutScheme:
    def test_case_05_scheme_added_and_wiki_link_to_text(self, repo: Path, source: Path) -> None:
        case(source, "05-links-without-scheme.md")
        result = run(repo, source)
        _, sections, _ = recipe(repo, "debat-mouvant")
        body = sections["context"].items[0].body
        assert "[Fondation Exemple](https://www.fondation-exemple.org)" in body
        assert "[le site](https://debat.example)" in body
        assert "La communication médiatisée par ordinateur (CMC)" in body
        assert ["R205", "R205", "R206"] == [c for c in codes(result) if c in ("R205", "R206")]
        assert [(4, 6), (4, 56), (5, 4)] == sorted((p.line, p.column) for p in result.problems
                                                   if p.code.name in ("R205", "R206"))

    def test_problems_point_at_the_line_of_the_fiche(self, repo: Path, source: Path) -> None:
        """A blank line or two after a heading does not shift the lines the report gives."""
        (source / "f.md").write_text("# Troc\n\nVoir [ici](troc.example).\n\n## Déroulement\n\n\n"
                                     "Échanger.\n\nPuis [là](www.troc.example).\n", encoding="utf-8")
        result = run(repo, source)
        assert [(3, 6), (10, 6)] == sorted((p.line, p.column) for p in result.problems if p.code.name == "R205")

    def test_wiki_and_file_links_to_imported_fiches(self, repo: Path, source: Path) -> None:
        """A wiki link or a .md link to another imported fiche becomes recette:slug."""
        (source / "Compost_partagé.md").write_text("# Compost partagé\n\n## Déroulement\n\nComposter.\n",
                                                   encoding="utf-8")
        (source / "b.md").write_text("# Jardin\n\n## Présentation\n\nVoir [[Compost partagé]], "
                                     "[le compost](Compost_partagé.md) et [ici](compost_partagé \"wikilink\").\n",
                                     encoding="utf-8")
        result = run(repo, source)
        body = recipe(repo, "jardin")[1]["context"].items[0].body
        assert body.count("(recette:compost-partage)") == 3
        _, report = validate_repository(repo)
        assert report.ok and result.ok


class TestCollectionFile:
    def test_case_06_split_into_one_recipe_each(self, repo: Path, source: Path) -> None:
        case(source, "06-collection-file.md")
        result = run(repo, source, licence_version="4.0")
        assert ["jeu-du-ninja", "le-clap"] == [r.slug for r in result.recipes]
        data, sections, _ = recipe(repo, "le-clap")
        assert "Le clap" == data["title"]
        assert {"people": "8 à 20", "duration": "5 minutes"} == data["resources"]
        assert ["Déroulé et consignes aux participants"] == [i.title for i in sections["how-to"].items]
        assert ["Energizer"] == result.recipes[1].categories
        assert {"repository": str(source), "path": "06-collection-file.md", "part": 2} == \
            {k: v for k, v in data["origin"].items() if k in ("repository", "path", "part")}

    def test_different_patterns_stop_and_ask(self, repo: Path, source: Path) -> None:
        """Level-1 headings followed by unrelated level-2 headings: an error, nothing written;
        --split or --no-split decides."""
        (source / "f.md").write_text("# Premier\n\n## Déroulement\n\nA.\n\n# Second\n\n## Histoire\n\nB.\n", encoding="utf-8")
        result = run(repo, source)
        assert not result.ok and ["R211"] == [p.code.name for p in result.problems if p.is_error]
        assert not (repo / "recipes").exists()
        assert ["premier"] == [r.slug for r in run(repo, source, split=False).recipes]
        state = json.loads((repo / "recipes" / ".import.json").read_text(encoding="utf-8"))
        assert ["premier"] == [entry["slug"] for entry in state["fiches"].values()]
        assert ["premier-2", "second"] == sorted([r.slug for r in run(repo, source, split=True).recipes])


class TestEveryShape:
    def test_drafts_only_and_warnings_only(self, repo: Path) -> None:
        """All six shapes at once: every recipe a draft, validation with warnings only."""
        from .conftest import CASES

        result = run(repo, CASES)
        assert result.ok and 7 == len(result.recipes)
        for imported in result.recipes:
            assert "draft" == recipe(repo, imported.slug)[0]["status"]
        _, report = validate_repository(repo)
        assert [] == [str(p) for p in report.errors]
        assert report.warnings
