"""``recettes new`` and ``new-ambassador``: with flags, through a pseudo-terminal, and prompt by prompt."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from recettes.cli.prompts import FoldingCompleter, TerritoryCompleter, ask_territory, ask_themes
from recettes.read.checks import validate_repository
from recettes.read.vocabulary import load_vocabulary
from tests.repo_factory import add_ambassador, mini_repo

from .conftest import invoke

TOOLS = Path(__file__).parents[1] / "tools"


def run(root: Path, *args: str, code: int = 0) -> str:
    """``recettes ARGS --root ROOT`` in-process; stdout and stderr as the terminal shows them."""
    return invoke(*args, "--root", str(root), code=code).output


class TestNewWithFlags:
    def test_flags_create_a_valid_draft(self, tmp_path: Path) -> None:
        """Title, territory, themes and a new holder: recipe and profile both validate."""
        root = mini_repo(tmp_path)
        out = run(root, "new", "--title", "Repair café", "--territory", "brest", "--theme", "habitat",
                  "--theme", "economie-circulaire", "--new-holder", "Les Bricoleurs", "--holder-kind",
                  "organisation", "--summary", "On répare ensemble au lieu de jeter.", "--yes")
        assert "✓ Recette créée (brouillon)\u00a0: recipes/repair-cafe/" in out
        repo, report = validate_repository(root)
        assert [] == [str(p) for p in report.errors]
        meta = repo.recipes["repair-cafe"].meta
        assert meta is not None and ["habitat", "economie-circulaire"] == meta.themes
        assert "les-bricoleurs" == meta.holders[0].id
        assert "organisation" == repo.ambassadors["les-bricoleurs"].meta.kind.value

    @pytest.mark.parametrize("missing", ["--title", "--territory", "--theme"])
    def test_missing_required_flag_exits_2_naming_it(self, tmp_path: Path, missing: str) -> None:
        root = mini_repo(tmp_path)
        flags = {"--title": "Repair café", "--territory": "brest", "--theme": "habitat"}
        del flags[missing]
        out = run(root, "new", *[x for pair in flags.items() for x in pair], "--yes", code=2)
        assert f"Option {missing} manquante" in out
        assert not (root / "recipes").exists()

    def test_existing_slug_exits_1_and_keeps_files(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        flags = ["new", "--title", "Repair café", "--territory", "brest", "--theme", "habitat", "--yes"]
        run(root, *flags)
        how_to = root / "recipes" / "repair-cafe" / "how-to.md"
        how_to.write_text("## Fait main\n\nTexte.\n", encoding="utf-8")
        assert "existe déjà" in run(root, *flags, code=1)
        assert "## Fait main\n\nTexte.\n" == how_to.read_text(encoding="utf-8")

    def test_unknown_values_exit_1_with_suggestions(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        out = run(root, "new", "--title", "Repair café", "--territory", "brets", "--theme", "habita",
                  "--holder", "personne", "--yes", code=1)
        assert "« brest »" in out and "« habitat »" in out and "ambassadors/personne.yml" in out
        assert not (root / "recipes").exists()

    def test_any_commune_by_its_code_and_a_name_gets_the_code(self, tmp_path: Path) -> None:
        """``--territory commune:29190`` (in no vocabulary entry) gives a valid recipe; the
        name alone is refused with the code to write."""
        root = mini_repo(tmp_path)
        out = run(root, "new", "--title", "Repair café", "--territory", "Plougonvelin", "--theme", "habitat",
                  "--new-holder", "Les Bricoleurs", "--yes", code=1)
        assert "« commune:29190 » pour Plougonvelin (commune, Finistère)" in out
        run(root, "new", "--title", "Repair café", "--territory", "commune:29190", "--theme", "habitat",
            "--new-holder", "Les Bricoleurs", "--yes")
        repo, report = validate_repository(root)
        assert [] == [str(p) for p in report.errors]
        assert "commune:29190" == repo.recipes["repair-cafe"].meta.territory.place  # type: ignore[union-attr]

    def test_new_ambassador_with_flags(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        run(root, "new-ambassador", "--name", "Anne Le Gall", "--territory", "plouarzel",
            "--expertise", "alimentation", "--yes")
        assert "consent: false" in (root / "ambassadors" / "anne-le-gall.yml").read_text(encoding="utf-8")
        assert "existe déjà" in run(root, "new-ambassador", "--name", "Anne Le Gall", "--yes", code=1)
        assert "Option --name manquante" in run(root, "new-ambassador", "--yes", code=2)


class TestPrompts:
    """Single questions driven by prompt_toolkit's pipe input."""

    def test_completion_ignores_accents_and_case(self) -> None:
        """Typing « eco » offers « Économie circulaire »."""
        completer = FoldingCompleter({"economie-circulaire": "Économie circulaire", "habitat": "Habitat"})
        found = [c.text for c in completer.get_completions(Document("ECO"), None)]
        assert ["Économie circulaire"] == found

    def test_themes_accept_a_unique_beginning(self, tmp_path: Path) -> None:
        """« eco » then Enter picks the only matching theme; an empty answer ends the list."""
        vocabulary, _ = load_vocabulary(mini_repo(tmp_path))
        with create_pipe_input() as keys:
            keys.send_text("eco\rhabitat\r\r")
            themes = ask_themes(vocabulary, {"input": keys, "output": DummyOutput()})
        assert ["economie-circulaire", "habitat"] == themes

    def test_territory_accepts_a_label(self, tmp_path: Path) -> None:
        assert "plouarzel" == _territory_typed(tmp_path, "Plouarzel (commune)\r")

    def test_territory_finds_any_commune_by_name(self, tmp_path: Path) -> None:
        """« Plougonvelin », in no vocabulary entry, is written by its official code."""
        assert "commune:29190" == _territory_typed(tmp_path, "plougonvelin\r")

    def test_homonyms_are_refused_until_one_is_chosen(self, tmp_path: Path) -> None:
        """« saint-denis » names four communes: refused; the completed label of one is taken."""
        assert "commune:97411" == _territory_typed(tmp_path, "saint-denis\r\x15Saint-Denis (commune, La Réunion)\r")

    def test_territory_completion_offers_official_places(self, tmp_path: Path) -> None:
        """Typing « plougon » offers Plougonvelin with where it is, and its code beside."""
        vocabulary, _ = load_vocabulary(mini_repo(tmp_path))
        completer = TerritoryCompleter(vocabulary.territories)
        found = {c.text: c.display_meta_text for c in completer.get_completions(Document("plougon"), None)}
        assert "commune:29190" == found["Plougonvelin (commune, Finistère)"]


class TestInteractiveTerminal:
    """The whole conversation through a pseudo-terminal, as a project holder types it."""

    def test_new_interactive_creates_a_valid_recipe(self, tmp_path: Path) -> None:
        pexpect = pytest.importorskip("pexpect")
        root = mini_repo(tmp_path)
        add_ambassador(root, "maison-du-quartier", "Maison du quartier")
        env = {**os.environ, "PYTHONPATH": str(TOOLS), "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm",
               "NO_COLOR": "1"}
        child = pexpect.spawn(sys.executable, ["-m", "recettes", "new", "--root", str(root)], env=env,
                              encoding="utf-8", timeout=15, dimensions=(40, 120))
        try:
            for expected, answer in [
                ("Titre de la recette", "Épicerie solidaire\r"),
                ("Résumé", "Une épicerie où chacun paie selon ses moyens.\r"),
                ("Territoire", "plouarz\r"),
                ("Thématique", "Solidarité\r"),
                ("Autre thématique", "\r"),
                ("Qui porte ce projet", "\r"),  # first choice: an existing profile
                ("Porteur·euse", "maison\r"),
                ("Créer recipes/epicerie-solidaire/", "\r"),
            ]:
                child.expect(expected)
                child.send(answer)
            child.expect("Recette créée")
            child.expect(pexpect.EOF)
        finally:
            child.close()
        assert 0 == child.exitstatus, child.before
        repo, report = validate_repository(root)
        assert [] == [str(p) for p in report.errors]
        meta = repo.recipes["epicerie-solidaire"].meta
        assert meta is not None
        assert ("plouarzel", ["solidarite"], "maison-du-quartier") == (
            meta.territory.place, meta.themes, meta.holders[0].id)


def _territory_typed(tmp_path: Path, typed: str) -> str:
    """What the territory prompt of ``recettes new`` returns for these keys (a mini repository)."""
    vocabulary, _ = load_vocabulary(mini_repo(tmp_path))
    with create_pipe_input() as keys:
        keys.send_text(typed)
        return ask_territory(vocabulary, {"input": keys, "output": DummyOutput()})
