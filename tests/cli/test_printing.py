"""``recettes print``: documents written all or none, a French report, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdf

from ..conftest import RunLine, make_repo

SITE = "https://recettes.example.org/"


def repo_with_closed_recipe(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "depot")
    shutil.copytree(root / "recipes" / "jardin-partage", root / "recipes" / "jardin-ferme")
    closed = root / "recipes" / "jardin-ferme" / "recipe.md"
    closed.write_text(closed.read_text(encoding="utf-8")
                      .replace("licence: CC-BY-SA-4.0", "licence: LicenseRef-maison")
                      .replace("title: Jardin partagé d’essai", "title: Jardin fermé"), encoding="utf-8")
    return root


class TestPrint:
    def test_writes_cards_and_recueils_and_names_the_recipes_left_out(self, tmp_path: Path, run_line: RunLine) -> None:
        root = repo_with_closed_recipe(tmp_path)
        out = tmp_path / "imprime"
        result = run_line("print", "--territoire", "brest", "--site-url", SITE, "-o", str(out), "--root", str(root))
        assert ["fiches/jardin-partage.pdf", "recueils/territoire-brest.pdf"] == sorted(
            p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
        assert 1 == len(pypdf.PdfReader(out / "fiches" / "jardin-partage.pdf").pages)
        assert "✓ 1 fiche et 1 recueil écrits dans" in result.stdout
        assert "1 recette non imprimée (licence)\u00a0: «\u00a0Jardin fermé\u00a0»." in result.stdout
        assert "recipes/jardin-ferme/recipe.md:" in result.stdout and "R295" in result.stdout
        assert not list(out.rglob(".*.tmp"))

    def test_everything_by_default(self, tmp_path: Path, run_line: RunLine) -> None:
        root = make_repo(tmp_path / "depot")
        out = tmp_path / "imprime"
        run_line("print", "--site-url", SITE, "-o", str(out), "--root", str(root), "--format", "json")
        names = sorted(p.name for p in (out / "recueils").iterdir())
        assert "territoire-brest.pdf" in names and "thematique-alimentation.pdf" in names
        assert ["jardin-partage.pdf"] == [p.name for p in (out / "fiches").iterdir()]

    def test_an_unknown_territory_writes_nothing(self, tmp_path: Path, run_line: RunLine) -> None:
        root = make_repo(tmp_path / "depot")
        out = tmp_path / "imprime"
        result = run_line("print", "--territoire", "brets", "--thematique", "alimentation", "--site-url", SITE,
                          "-o", str(out), "--root", str(root), "--format", "json", code=1)
        report = json.loads(result.stdout)
        assert ["R296"] == [p["code"] for p in report["problems"]]
        assert "«\u00a0brest\u00a0»" in report["problems"][0]["hint"]
        assert report["summary"].startswith("✗ Rien n’a été écrit.")
        assert not out.exists()

    def test_a_folder_that_cannot_be_written_is_reported_in_french(self, tmp_path: Path, run_line: RunLine) -> None:
        root = make_repo(tmp_path / "depot")
        blocker = tmp_path / "fichier"
        blocker.write_text("", encoding="utf-8")
        result = run_line("print", "--site-url", SITE, "-o", str(blocker / "sous-dossier"), "--root", str(root), code=1)
        assert "écriture impossible" in result.stderr and "--output" in result.stderr
        assert "Traceback" not in result.stderr

    def test_the_address_of_the_handbook_is_required(self, tmp_path: Path, run_line: RunLine) -> None:
        root = make_repo(tmp_path / "depot")
        result = run_line("print", "-o", str(tmp_path / "imprime"), "--root", str(root), code=2)
        assert "--site-url" in result.stderr and "chaque fiche porte l’adresse de sa recette" in result.stderr
