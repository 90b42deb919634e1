"""Scaffold: new recipes and ambassadors are valid drafts and never overwrite anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.core.model import Kind
from recettes.read.checks import validate_repository
from recettes.read.vocabulary import load_vocabulary
from recettes.scaffold.scaffold import (
    PLACEHOLDER,
    NewAmbassador,
    NewRecipe,
    ScaffoldError,
    create_ambassador,
    create_recipe,
    match_choice,
    recipe_errors,
)
from tests.repo_factory import mini_repo


def _codes(root: Path) -> list[str]:
    _, report = validate_repository(root)
    return [f"{p.code.name} {p.severity} {p}" for p in report.problems]


class TestCreateRecipe:
    def test_minimal_recipe_is_a_valid_draft(self, tmp_path: Path) -> None:
        """Title, territory and one theme are enough for a draft with no error."""
        root = mini_repo(tmp_path)
        folder = create_recipe(root, NewRecipe("Épicerie solidaire : « Le Panier »", "brest", ["solidarite"]))
        assert "epicerie-solidaire-le-panier" == folder.name
        _, report = validate_repository(root)
        assert [] == [str(p) for p in report.errors]
        assert ["recipe.md", "media"] == sorted((p.name for p in folder.iterdir()), reverse=True)
        text = (folder / "recipe.md").read_text(encoding="utf-8")
        assert text.startswith("---\n# Recette créée avec")
        assert "status: draft" in text.split("\n---\n")[0]

    def test_sections_ask_the_guiding_questions(self, tmp_path: Path) -> None:
        """Each section has placeholder items with a question in its title; the context asks why."""
        root = mini_repo(tmp_path)
        folder = create_recipe(root, NewRecipe("Repair café", "brest", ["economie-circulaire"]))
        repo, _ = validate_repository(root)
        sections = repo.recipes["repair-cafe"].sections
        assert ["context", "how-to", "obstacles", "enablers", "reproducibility"] == list(sections)
        assert sections.pop("context").intro.startswith(PLACEHOLDER)
        for section in sections.values():
            assert section.items
            assert all(item.title.startswith(PLACEHOLDER) and item.title.endswith("?") for item in section.items)
        text = (folder / "recipe.md").read_text(encoding="utf-8")
        assert "# Comment faire\n\n## À compléter\u00a0: par quoi avez-vous commencé" in text.replace(" :", "\u00a0:")
        assert (folder / "media").is_dir()

    def test_all_fields_are_written(self, tmp_path: Path) -> None:
        """Summary, holders, start year and location round-trip through validation."""
        root = mini_repo(tmp_path)
        create_ambassador(root, NewAmbassador("Maison de quartier", Kind.ORGANISATION, "brest", ["habitat"]))
        new = NewRecipe("Habitat partagé", "plouarzel", ["habitat", "solidarite"],
                        summary="Des familles partagent une maison et un jardin.",
                        holders=["maison-de-quartier"], started=2015, location=(48.37, -4.73))
        create_recipe(root, new)
        repo, report = validate_repository(root)
        assert report.ok, [str(p) for p in report.problems]
        meta = repo.recipes["habitat-partage"].meta
        assert meta is not None
        assert ("maison-de-quartier", 2015, 48.37) == (meta.holders[0].id, meta.started, meta.territory.location.lat)
        assert "Des familles partagent une maison et un jardin." == meta.summary

    def test_existing_folder_is_never_overwritten(self, tmp_path: Path) -> None:
        """A second recipe with the same slug raises and leaves the first untouched."""
        root = mini_repo(tmp_path)
        folder = create_recipe(root, NewRecipe("Repair café", "brest", ["economie-circulaire"]))
        (folder / "recipe.md").write_text("## Mon texte\n\nÉcrit à la main.\n", encoding="utf-8")
        with pytest.raises(ScaffoldError, match="existe déjà"):
            create_recipe(root, NewRecipe("Repair Café", "plouarzel", ["habitat"]))
        assert "## Mon texte\n\nÉcrit à la main.\n" == (folder / "recipe.md").read_text(encoding="utf-8")


class TestCreateAmbassador:
    def test_ambassador_is_valid(self, tmp_path: Path) -> None:
        """A new profile has the modeline and validates."""
        root = mini_repo(tmp_path)
        path = create_ambassador(root, NewAmbassador("Anne Le Gall", territory="plouarzel",
                                                     expertise=["alimentation"], bio="Jardinière : compost"))
        assert "ambassadors/anne-le-gall.yml" == path.relative_to(root).as_posix()
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schema/ambassador.schema.json\n")
        _, report = validate_repository(root)
        assert [] == [str(p) for p in report.problems]

    def test_existing_file_is_never_overwritten(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        path = create_ambassador(root, NewAmbassador("Anne"))
        before = path.read_text(encoding="utf-8")
        with pytest.raises(ScaffoldError, match="existe déjà"):
            create_ambassador(root, NewAmbassador("ANNE", Kind.ORGANISATION))
        assert before == path.read_text(encoding="utf-8")


class TestRequestErrors:
    def test_unknown_values_are_explained_with_suggestions(self, tmp_path: Path) -> None:
        """Unknown theme, territory and holder are reported before anything is written."""
        vocabulary, _ = load_vocabulary(mini_repo(tmp_path))
        errors = recipe_errors(NewRecipe("Titre", "brets", ["alimentaton"], holders=["x"]), vocabulary, set())
        assert 3 == len(errors)
        assert "« brest »" in errors[0] and "« alimentation »" in errors[1] and "new-ambassador" in errors[2]

    @pytest.mark.parametrize("answer", ["Économie circulaire", "economie circulaire", "economie-circulaire"])
    def test_choices_match_labels_and_ids_without_accents(self, answer: str) -> None:
        labels = {"economie-circulaire": "Économie circulaire", "habitat": "Habitat"}
        assert "economie-circulaire" == match_choice(answer, labels)


class TestPlaceholders:
    def test_placeholders_warn_in_a_draft_and_block_publication(self, tmp_path: Path) -> None:
        """« À compléter » texts (6 items and the context) are warnings in a draft, errors once published."""
        root = mini_repo(tmp_path)
        folder = create_recipe(root, NewRecipe("Repair café", "brest", ["habitat"]))
        _, report = validate_repository(root)
        assert report.ok and 7 == sum(p.code.name == "R034" for p in report.warnings)
        meta = folder / "recipe.md"
        meta.write_text(meta.read_text(encoding="utf-8").replace("status: draft", "status: published"),
                        encoding="utf-8")
        _, report = validate_repository(root)
        assert 7 == sum(p.code.name == "R034" for p in report.errors)
