"""``recettes import`` as users run it: exit codes, the French summary, the JSON report, and a
folder of fiches imported then validated and built strictly by MkDocs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from recettes.read.checks import validate_repository
from recettes.scaffold.starter import write_starter
from tests.conftest import GitRepo, RunLine
from tests.repo_factory import DATA, mini_repo
from tests.site.conftest import mkdocs

CASES = DATA / "import" / "fiches"


class TestCommand:
    def test_text_report_and_exit_0(self, tmp_path: Path, run_line: RunLine) -> None:
        """Drafts written, warnings listed with their fiche and line, a French summary."""
        root = mini_repo(tmp_path)
        result = run_line("import", str(CASES), "--root", str(root), "--territory", "plouarzel",
                          "--theme", "alimentation")
        assert "02-mixed-licences.md:1:1: R203 (avertissement)" in result.stdout
        assert "7 recettes en brouillon\u00a0: 7 créées." in result.stdout
        assert "Noms relevés, à ce rapport seulement\u00a0: Alex, Dominique et Sam." in result.stdout
        assert 7 == len([p for p in (root / "recipes").iterdir() if p.is_dir()])

    def test_json_report(self, tmp_path: Path, run_line: RunLine) -> None:
        root = mini_repo(tmp_path)
        result = run_line("import", str(CASES), "--root", str(root), "--territory", "plouarzel",
                          "--theme", "alimentation", "--licence-version", "4.0", "--format", "json")
        report = json.loads(result.stdout)
        assert report["ok"] and report["written"] and 6 == report["files"]
        by_slug = {r["slug"]: r for r in report["recipes"]}
        assert "CC-BY-NC-SA-4.0" == by_slug["world-cafe"]["licence"]
        assert {"draft"} == {r["status"] for r in report["recipes"]}
        assert ["Café itinérant", "Gouvernance"] == report["unmapped_headings"]
        assert ["Alex", "Dominique", "Sam"] == report["names"]
        assert {"path", "line", "column", "code", "title", "severity", "message", "hint"} == set(report["problems"][0])
        again = json.loads(run_line("import", str(CASES), "--root", str(root), "--territory", "plouarzel",
                                    "--theme", "alimentation", "--licence-version", "4.0", "--format", "json").stdout)
        assert {"unchanged"} == {r["action"] for r in again["recipes"]}

    def test_errors_exit_1_and_write_nothing(self, tmp_path: Path, run_line: RunLine) -> None:
        root = mini_repo(tmp_path)
        result = run_line("import", str(tmp_path / "absente"), "--root", str(root), "--territory", "plouarzel",
                          "--theme", "alimentation", code=1)
        assert "R200 source introuvable" in result.stdout and "rien n’a été écrit" in result.stdout
        assert not (root / "recipes").exists()

    def test_unknown_territory_exit_1(self, tmp_path: Path, run_line: RunLine) -> None:
        root = mini_repo(tmp_path)
        result = run_line("import", str(CASES), "--root", str(root), "--territory", "plouarzell",
                          "--theme", "alimentation", code=1)
        assert "Vouliez-vous dire « plouarzel »" in result.stderr

    @pytest.mark.parametrize("args", [(), ("--territory", "plouarzel"), ("--theme", "alimentation"),
                                      ("--territory", "plouarzel", "--theme", "alimentation", "--licence-version", "5")])
    def test_usage_errors_exit_2(self, tmp_path: Path, run_line: RunLine, args: tuple[str, ...]) -> None:
        root = mini_repo(tmp_path)
        result = run_line("import", str(CASES), "--root", str(root), *args, code=2)
        assert "Erreur" in result.stderr
        assert not (root / "recipes").exists()


@pytest.mark.build
def test_imported_folder_validates_and_builds_strictly(tmp_path: Path, run_line: RunLine, git_env: None) -> None:
    """A territory imports a repository of fiches shaped like the cases: drafts with located
    warnings only, and the handbook builds with --strict. Once one is finished and published, its
    page states the NC terms, its « historique d’origine » and its original authors; the import
    commit (trailer Recettes-Import) credits nobody; open data leaves the NC recipe out."""
    root = tmp_path / "territoire"
    write_starter(root, name="Recettes du pays d’exemple", git=False)
    fiches = tmp_path / "fiches"
    shutil.copytree(CASES, fiches)
    forge = GitRepo(fiches)
    forge.commit("Fiches", author=("Alice Martin", "alice@example.org"), date="2020-02-03T10:00:00+01:00")
    (fiches / "02-mixed-licences.md").write_text((fiches / "02-mixed-licences.md").read_text(encoding="utf-8")
                                                 + "\nUne variante existe en ligne.\n", encoding="utf-8")
    forge.commit("Variante", author=("Bob Le Gall", "bob@example.org"), date="2021-04-05T10:00:00+02:00")
    run_line("import", str(fiches), "--root", str(root), "--territory", "brest", "--theme", "solidarite",
             "--licence-version", "4.0")
    _, report = validate_repository(root)
    assert [] == [str(p) for p in report.errors]
    assert all(re.match(r"^recipes/[a-z0-9-]+/recipe\.md:\d+:\d+$", p.location())
               for p in report.warnings if p.path.startswith("recipes/") and p.path != "recipes/exemple-atelier-de-reparation/recipe.md")
    recipe_md = root / "recipes" / "world-cafe" / "recipe.md"
    text = recipe_md.read_text(encoding="utf-8").replace("status: draft", "status: published\ndocumented_by:\n- name: Équipe du réseau")
    text += ("\n# Freins\n\n## Le bruit\n\nDes salles trop petites.\n\n# Facilitations\n\n## Des hôtes\n\nIls relancent.\n\n"
             "# Conditions de reproductibilité\n\n## Une grande salle\n\nPour les tables.\n")
    recipe_md.write_text(text, encoding="utf-8")
    _, report = validate_repository(root)
    assert [] == [str(p) for p in report.errors]
    GitRepo(root).commit("Import des fiches\n\nRecettes-Import: fiches", author=("Ida Importe", "ida@example.org"))
    built = mkdocs(root, "--strict")
    assert 0 == built.returncode, built.stderr
    page = (root / "site" / "recettes" / "world-cafe" / "index.html").read_text(encoding="utf-8")
    assert "à des fins non commerciales seulement" in page
    assert "Historique d’origine" in page and "02-mixed-licences.md" in page
    assert "d’après la fiche d’origine d’Alice Martin et Bob Le Gall" in page
    assert "Bob Le Gall (le 5 avril 2021)" in page
    assert "Ida Importe" not in page and "@example.org" not in page
    assert not (root / "site" / "recettes" / "vote-pondere").exists()
    combined = json.loads((root / "site" / "donnees" / "recettes.json").read_text(encoding="utf-8"))
    assert "world-cafe" not in {r["slug"] for r in combined["recipes"]}
    assert ["world-cafe"] == [r["slug"] for r in combined["excluded"]]


class TestCommit:
    def test_the_import_commit_credits_nobody(self, tmp_path: Path, run_line: RunLine, git_env: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
        """--commit commits the drafts and the import state with the Recettes-Import trailer:
        the history knows the recipes (dates) but credits no contributor for them."""
        from recettes.history.history import read_history

        root = mini_repo(tmp_path)
        repo = GitRepo(root)
        repo.commit("Vocabulaires")
        for key, value in {"GIT_AUTHOR_NAME": "Ida Importe", "GIT_AUTHOR_EMAIL": "ida@example.org",
                           "GIT_COMMITTER_NAME": "Ida Importe", "GIT_COMMITTER_EMAIL": "ida@example.org"}.items():
            monkeypatch.setenv(key, value)
        result = run_line("import", str(CASES / "03-placeholder-front-matter.md"), "--root", str(root),
                          "--territory", "plouarzel", "--theme", "alimentation", "--commit", "--format", "json")
        report = json.loads(result.stdout)
        assert report["commit"] == repo.head()
        assert "Recettes-Import: " in repo.git("log", "-1", "--format=%B")
        assert "" == repo.git("status", "--porcelain")
        history = read_history(root).recipes["vote-pondere"]
        assert history.created is not None and [] == history.contributors

    def test_outside_git_the_drafts_stay_written(self, tmp_path: Path, run_line: RunLine, git_env: None) -> None:
        root = mini_repo(tmp_path)
        result = run_line("import", str(CASES / "03-placeholder-front-matter.md"), "--root", str(root),
                          "--territory", "plouarzel", "--theme", "alimentation", "--commit")
        assert "brouillons écrits mais commit impossible" in result.stdout
        assert (root / "recipes" / "vote-pondere" / "recipe.md").is_file()
