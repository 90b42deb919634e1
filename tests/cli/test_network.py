"""``recettes network update`` as people run it: French messages, exit codes 0, 1 and 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from recettes.site.lock import OutputLock
from tests.conftest import GitRepo, RunLine
from tests.support.network import network_file, territory, write_recipe

REPO = Path(__file__).resolve().parents[2]
SOURCE = {"id": "brest", "label": "Pays de Brest", "url": "../brest", "ref": "main", "territory": "brest"}


@pytest.fixture
def region(tmp_path: Path, git_env: None) -> Path:
    brest = territory(tmp_path / "brest")
    write_recipe(brest, "compost", "Compost partagé")
    brest.commit("Compost", author=("Brest Team", "b@example.org"))
    root = territory(tmp_path / "region").path
    network_file(root, [SOURCE])
    return root


class TestUpdate:
    def test_first_then_unchanged(self, region: Path, run_line: RunLine) -> None:
        first = run_line("network", "update", "--root", str(region))
        assert "✓ brest\u00a0: première récupération (" in first.stdout
        assert "1 dossier de recette." in first.stdout and "✓ 1 source à jour dans network.lock.yml." in first.stdout
        assert "… récupération de «\u00a0brest\u00a0»" in first.stderr
        again = run_line("network", "update", "--root", str(region))
        assert "✓ brest\u00a0: inchangée (" in again.stdout

    def test_what_changed_is_listed(self, region: Path, run_line: RunLine) -> None:
        run_line("network", "update", "--root", str(region))
        brest = GitRepo(region.parent / "brest", init=False)
        for index in range(10):
            write_recipe(brest, f"recette-{index:02d}", f"Recette numéro {index}")
        brest.remove("recipes/compost")
        brest.commit("Dix recettes")
        shown = run_line("network", "update", "--source", "brest", "--root", str(region)).stdout
        assert ("10 recettes ajoutées (recette-00, recette-01, recette-02, recette-03, recette-04, "
                "recette-05, recette-06, recette-07, …)\u202f; 1 recette retirée (compost).") in shown

    def test_failures_exit_1_with_located_messages(self, region: Path, run_line: RunLine) -> None:
        network_file(region, [SOURCE | {"ref": "v404"}])
        result = run_line("network", "update", "--root", str(region), code=1)
        assert "network.yml:5:10: R223 révision «\u00a0v404\u00a0» introuvable dans la source «\u00a0brest\u00a0»" in result.stdout
        assert "✗ 0 source à jour dans network.lock.yml, 1 source en échec (révision précédente conservée)." \
            in result.stdout
        assert "Traceback" not in result.stdout + result.stderr

    def test_invalid_file_exit_1_nothing_fetched(self, region: Path, run_line: RunLine) -> None:
        (region / "network.yml").write_text("sources:\n  - id: Brest\n", encoding="utf-8")
        result = run_line("network", "update", "--root", str(region), code=1)
        assert "network.yml:2:9: R220" in result.stdout and "rien n’a été récupéré" in result.stdout
        assert not (region / ".recettes").exists() and not (region / "network.lock.yml").exists()

    def test_waits_for_a_running_build(self, region: Path, run_line: RunLine) -> None:
        """A build holds the lock (``lock_timeout: 0``): exit 1 with R140, no clone moved."""
        shutil.copy(REPO / "mkdocs.yml", region / "mkdocs.yml")
        (region / "docs").mkdir()
        config = region / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "  - recettes:\n", "  - recettes:\n      lock_timeout: 0\n", 1), encoding="utf-8")
        held = OutputLock((region / "build/handbook").resolve(), region)
        held.acquire(0)
        try:
            result = run_line("network", "update", "--root", str(region), code=1)
        finally:
            held.release()
        assert "build/handbook.lock:1:1: R140" in result.stdout and "Rien n’a été récupéré" in result.stdout
        assert not (region / ".recettes").exists()
        run_line("network", "update", "--root", str(region))  # free again

    def test_usage_errors_exit_2(self, region: Path, run_line: RunLine) -> None:
        result = run_line("network", "update", "--source", "bres", "--root", str(region), code=2)
        assert "source «\u00a0bres\u00a0» inconnue dans network.yml\u202f; vouliez-vous dire «\u00a0brest\u00a0»" in result.stderr
        (region / "network.yml").unlink()
        result = run_line("network", "update", "--root", str(region), code=2)
        assert "pas de network.yml" in result.stderr and "docs/reseau.md" in result.stderr


def test_export_holds_every_source(region: Path, run_line: RunLine, tmp_path: Path) -> None:
    """``recettes export`` reads the same union as the build: the source's recipe is in the data."""
    run_line("network", "update", "--root", str(region))
    out = tmp_path / "recettes.json"
    run_line("export", "--format", "json", "--output", str(out), "--site-url", "https://region.example/",
             "--root", str(region))
    assert ["compost"] == [r["slug"] for r in json.loads(out.read_text(encoding="utf-8"))["recipes"]]
    (region / ".recettes/reseau/brest/.git/HEAD").write_text("ref: refs/heads/ailleurs\n", encoding="utf-8")
    result = run_line("export", "--strict", "--format", "json", "--output", str(out),
                      "--site-url", "https://region.example/", "--root", str(region), code=1)
    assert "network.yml:5:10: R221 la source «\u00a0brest\u00a0» n’est pas à la révision fixée" in result.stderr
