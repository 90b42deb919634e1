"""import_sources end to end: a git repository source (two authors, a rename), re-runs that
update untouched drafts and leave edited ones, Unicode twins, text made safe to publish."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from recettes.read.checks import validate_repository
from tests.conftest import GitRepo

from .conftest import codes, recipe, run

ALICE = ("Alice Martin", "alice@example.org")
BOB = ("Bob Le Gall", "bob@example.org")


@pytest.fixture
def fiches(tmp_path: Path, git_env: None) -> GitRepo:
    """A forge's repository of fiches: Alice writes one, Bob renames it and edits it."""
    forge = GitRepo(tmp_path / "forge")
    forge.write("brouillons/cafe.md", "# Café réparation\n\n## Objectif\n\nRéparer ensemble plutôt que jeter.\n\n"
                "## Déroulement\n\nUn samedi par mois.\n\nLicence : CC BY-SA 4.0\n")
    forge.commit("Première fiche", author=ALICE, date="2021-03-04T10:00:00+01:00")
    forge.mv("brouillons/cafe.md", "fiches/cafe-reparation.md")
    forge.commit("Ranger", author=BOB, date="2022-05-06T10:00:00+02:00")
    forge.write("fiches/cafe-reparation.md", "# Café réparation\n\n## Objectif\n\nRéparer ensemble plutôt que jeter.\n\n"
                "## Déroulement\n\nUn samedi par mois, à la salle des fêtes.\n\nLicence : CC BY-SA 4.0\n")
    forge.commit("Préciser le lieu", author=BOB, date="2023-01-02T10:00:00+01:00")
    return forge


class TestGitSource:
    def test_provenance_from_the_repository(self, repo: Path, fiches: GitRepo) -> None:
        """Authors (names only) with their dates, the rename chain and the commit are kept."""
        result = run(repo, fiches.path / "fiches")
        assert result.ok, [str(p) for p in result.problems]
        data, _, text = recipe(repo, "cafe-reparation")
        origin = data["origin"]
        assert fiches.head() == origin["commit"]
        assert "fiches/cafe-reparation.md" == origin["path"]
        assert [{"name": "Alice Martin", "first": "2021-03-04", "last": "2021-03-04"},
                {"name": "Bob Le Gall", "first": "2022-05-06", "last": "2023-01-02"}] == origin["authors"]
        assert ("2021-03-04", "2023-01-02") == (origin["created"], origin["updated"])
        assert ["brouillons/cafe.md"] == origin["renamed_from"]
        assert "@" not in text
        assert "CC-BY-SA-4.0" == data["licence"]

    def test_a_git_address_is_cloned(self, repo: Path, fiches: GitRepo) -> None:
        """A file:// address is cloned by git; the address, not the scratch folder, is recorded."""
        address = f"file://{fiches.path}"
        result = run(repo, address)
        assert result.ok, [str(p) for p in result.problems]
        data, _, _ = recipe(repo, "cafe-reparation")
        assert address == data["origin"]["repository"]
        assert ["brouillons/cafe.md"] == data["origin"]["renamed_from"]

    def test_an_unreachable_address_is_an_error(self, repo: Path, tmp_path: Path, git_env: None) -> None:
        result = run(repo, f"file://{tmp_path}/absent.git")
        assert not result.ok and ["R200"] == codes(result)
        assert not (repo / "recipes").exists()


class TestReRun:
    def test_untouched_drafts_updated_edited_ones_left(self, repo: Path, source: Path) -> None:
        (source / "a.md").write_text("# Fiche alpha\n\n## Déroulement\n\nUn.\n", encoding="utf-8")
        (source / "b.md").write_text("# Fiche beta\n\n## Déroulement\n\nDeux.\n", encoding="utf-8")
        assert ["created", "created"] == [r.action for r in run(repo, source).recipes]
        assert ["unchanged", "unchanged"] == [r.action for r in run(repo, source).recipes]
        edited = repo / "recipes" / "fiche-beta" / "recipe.md"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Deux.", "Deux, revu."), encoding="utf-8")
        (source / "a.md").write_text("# Fiche alpha\n\n## Déroulement\n\nUn, corrigé.\n", encoding="utf-8")
        (source / "b.md").write_text("# Fiche beta\n\n## Déroulement\n\nDeux, corrigé.\n", encoding="utf-8")
        result = run(repo, source)
        assert ["updated", "kept-edited"] == [r.action for r in result.recipes]
        assert "Un, corrigé." in recipe(repo, "fiche-alpha")[2]
        assert "Deux, revu." in edited.read_text(encoding="utf-8")
        assert ["R210"] == [c for c in codes(result) if c == "R210"]
        (repo / "recipes" / "fiche-alpha" / "recipe.md").unlink()
        (repo / "recipes" / "fiche-alpha" / "media" / ".gitkeep").unlink()
        (repo / "recipes" / "fiche-alpha" / "media").rmdir()
        (repo / "recipes" / "fiche-alpha").rmdir()
        assert "kept-deleted" == run(repo, source).recipes[0].action
        assert not (repo / "recipes" / "fiche-alpha").exists()

    def test_the_same_folder_named_another_way_is_the_same_source(self, repo: Path, source: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
        (source / "a.md").write_text("# Fiche alpha\n\n## Déroulement\n\nUn.\n", encoding="utf-8")
        run(repo, source)
        monkeypatch.chdir(source.parent)
        assert [("fiche-alpha", "updated")] == [(r.slug, r.action) for r in run(repo, Path("fiches")).recipes]
        assert [("fiche-alpha", "unchanged")] == [(r.slug, r.action) for r in run(repo, Path("fiches")).recipes]
        assert ["fiche-alpha"] == [r.slug for r in run(repo, Path("fiches/../fiches/")).recipes]
        assert ["fiche-alpha"] == [p.name for p in (repo / "recipes").iterdir() if p.is_dir()]

    def test_a_new_title_never_takes_an_existing_folder(self, repo: Path, source: Path) -> None:
        (repo / "recipes" / "fiche-alpha").mkdir(parents=True)
        (source / "a.md").write_text("# Fiche alpha\n\n## Déroulement\n\nUn.\n", encoding="utf-8")
        assert ["fiche-alpha-2"] == [r.slug for r in run(repo, source).recipes]


class TestNormalisation:
    def test_nfc_nfd_twins_imported_once(self, repo: Path, source: Path) -> None:
        """Two files whose names differ only in Unicode form, same text: one recipe."""
        text = "# Épicerie solidaire\n\n## Déroulement\n\nOuvrir.\n"
        (source / unicodedata.normalize("NFC", "épicerie.md")).write_text(text, encoding="utf-8")
        try:
            (source / unicodedata.normalize("NFD", "épicerie.md")).write_text(unicodedata.normalize("NFD", text),
                                                                             encoding="utf-8")
        except OSError:
            pytest.skip("file system merges NFC and NFD names")
        if len(list(source.iterdir())) < 2:
            pytest.skip("file system merges NFC and NFD names")
        result = run(repo, source)
        assert ["epicerie-solidaire"] == [r.slug for r in result.recipes]
        assert "R215" in codes(result)
        assert unicodedata.is_normalized("NFC", recipe(repo, "epicerie-solidaire")[2])

    def test_html_contacts_and_team_never_published(self, repo: Path, source: Path) -> None:
        """Raw HTML is removed (text kept), e-mails and phones are removed, « Équipe » and
        « Contact » go to the report only; the result validates without errors."""
        (source / "f.md").write_text(
            "# Ressourcerie\n\n## Présentation\n\nUn <b>lieu</b> ouvert.<br>Écrire à marie@exemple.org ou "
            "au 02 98 00 00 00.\n\n## Équipe\n\n- Marie Durand\n- Paul Kerouac\n\n## Contact\n\n"
            "Jeanne Le Bihan, jeanne@exemple.org\n", encoding="utf-8")
        result = run(repo, source)
        _, sections, text = recipe(repo, "ressourcerie")
        assert "<" not in text and "@" not in text and "98 00" not in text and "Durand" not in text
        assert "Un lieu ouvert." in sections["context"].items[0].body
        assert ["Marie Durand", "Paul Kerouac", "Jeanne Le Bihan"] == result.recipes[0].names
        assert {"R209", "R216", "R217"} <= set(codes(result))
        _, report = validate_repository(repo)
        assert [] == [str(p) for p in report.errors]
        assert not [p for p in report.warnings if p.code.name == "R150"]

    def test_markup_in_titles_and_file_names_stays_plain_text(self, repo: Path, source: Path) -> None:
        (source / "<b>gras.md").write_text("# Un <i>jardin</i> <script>x</script>\n\n## Déroulement\n\n"
                                                "Planter.\n", encoding="utf-8")
        result = run(repo, source)
        data, _, text = recipe(repo, result.recipes[0].slug)
        assert "<" not in text.split("---")[1]
        assert "Un jardin x" == data["title"]
        _, report = validate_repository(repo)
        assert [] == [str(p) for p in report.errors]

    def test_unreadable_fiche_stops_everything(self, repo: Path, source: Path) -> None:
        (source / "a.md").write_text("# Fiche alpha\n\n## Déroulement\n\nUn.\n", encoding="utf-8")
        (source / "b.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
        result = run(repo, source)
        assert not result.ok and not result.written and "R200" in codes(result)
        assert not (repo / "recipes").exists()

    def test_a_broken_front_matter_is_ignored_not_fatal(self, repo: Path, source: Path) -> None:
        (source / "f.md").write_text("---\ntitle: [non fermé\nauthor: &a x\n---\n# Bricothèque\n\n"
                                     "## Déroulement\n\nPrêter.\n", encoding="utf-8")
        result = run(repo, source)
        assert result.ok and "R212" in codes(result)
        assert "Bricothèque" == recipe(repo, "bricotheque")[0]["title"]


class TestHostile:
    @pytest.mark.parametrize("line", ["[" * 200_000, "<!--" * 50_000, "#" + " " * 200_000 + "x",
                                      "[x](" + "a" * 200_000 + ")", "**" + "_" * 1_000, "<a " * 60_000,
                                      "![x](" + "b/" * 100_000 + ")", "<!--" * 50_000 + "\n" + "=" * 3],
                             ids=["brackets", "comments", "heading-spaces", "long-target", "marks", "tags",
                                  "deep-image-path", "setext-comments"])
    def test_long_lines_are_read_in_linear_time(self, repo: Path, source: Path, line: str) -> None:
        """A fiche of one pathological line is imported in well under a second or two, whatever it holds."""
        import time

        (source / "f.md").write_text(f"# Fiche piégée\n\n## Présentation\n\n{line}\n", encoding="utf-8")
        started = time.perf_counter()
        result = run(repo, source)
        assert time.perf_counter() - started < 5
        assert ["fiche-piegee"] == [r.slug for r in result.recipes]

    def test_a_link_to_a_file_outside_the_source_is_not_read(self, repo: Path, source: Path, tmp_path: Path) -> None:
        (tmp_path / "secret.md").write_text("# Secret\n\n## Déroulement\n\nmot de passe\n", encoding="utf-8")
        (source / "lien.md").symlink_to(tmp_path / "secret.md")
        (source / "f.md").write_text("# Vraie fiche\n\n## Déroulement\n\nFaire.\n", encoding="utf-8")
        assert ["vraie-fiche"] == [r.slug for r in run(repo, source).recipes]


def test_a_refused_draft_is_said_in_the_validator_s_french() -> None:
    """A draft the recipe model refuses (a bug of the import) is not written, and the report
    quotes the validator's located French message, never pydantic's English."""
    from recettes.scaffold.importing.run import refused_draft

    text = ("---\nschema_version: 1\ntitle: Café réparation\nsummary: Réparer ensemble plutôt que jeter.\n"
            "version: un\nstatus: draft\nterritory:\n  place: brest\nthemes: [alimentation]\n---\n\n"
            "# Comment faire\n\n## Réparer\n\nUn samedi par mois.\n")
    [problem] = refused_draft(text, "fiches/cafe.md", "recipes/cafe/recipe.md")
    assert ("fiches/cafe.md", "R200") == (problem.path, problem.code.name)
    assert "recette non écrite\u00a0: recipes/cafe/recipe.md:5:10 « version » : « un » n’a pas la forme attendue" \
        == problem.message
    assert not any(word in problem.message for word in ("String should", "Input should", "validation error"))
    assert "signalez ce cas" in problem.hint
