"""Smoke tests of the installed command in a real process: ``python -m recettes`` and the
``recettes`` console script. Everything else drives the CLI in-process (``run_line``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA, ROOT, make_repo

SCRIPT = Path(sys.executable).with_name("recettes")
LAUNCHERS = {"python -m recettes": [sys.executable, "-m", "recettes"], "recettes": [str(SCRIPT)]}


@pytest.fixture(params=sorted(LAUNCHERS))
def launcher(request: pytest.FixtureRequest) -> list[str]:
    if request.param == "recettes":
        assert SCRIPT.is_file(), f"{SCRIPT}: installez le paquet (pip install -e '.[test]')"
    return LAUNCHERS[request.param]


def console(launcher: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tools")}
    return subprocess.run([*launcher, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


class TestConsoleScript:
    def test_valid_repository_exits_0(self, launcher: list[str], base_repo: Path) -> None:
        """Run from the repository folder without --root: the summary on stdout, nothing on stderr."""
        proc = console(launcher, "validate", cwd=base_repo)
        assert (0, "") == (proc.returncode, proc.stderr), proc.stdout
        assert proc.stdout.startswith("✓ Tout est valide (")

    def test_problems_exit_1_with_located_messages(self, launcher: list[str], tmp_path: Path) -> None:
        """A content error: the located problem, the summary, exit 1."""
        repo = make_repo(tmp_path / "depot", DATA / "invalid" / "R013-unknown-theme")
        proc = console(launcher, "validate", "--root", str(repo), cwd=tmp_path)
        assert 1 == proc.returncode, proc.stdout + proc.stderr
        assert "recipes/cas-theme/recipe.yml:9:24: R013 thématique « numérique » inconnue" in proc.stdout.splitlines()
        assert "✗ 1 erreur" in proc.stdout

    def test_usage_error_exits_2_in_french(self, launcher: list[str], base_repo: Path) -> None:
        """click's usage errors reach the terminal in French, on stderr."""
        proc = console(launcher, "validate", "--format", "xml", cwd=base_repo)
        assert (2, "") == (proc.returncode, proc.stdout), proc.stderr
        assert "Utilisation\u00a0: recettes validate" in proc.stderr
        assert "Erreur\u00a0: Valeur invalide pour '--format'" in proc.stderr
