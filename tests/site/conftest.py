"""Fixtures of the handbook tests: fixture repositories copied to tmp, and MkDocs builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "data" / "site"


def copy_fixture(target: Path) -> Path:
    """The site fixture with the repository's mkdocs.yml, committed in a new git repository
    (a build outside git warns: see ``snapshots.build_catalog``). The documents to print are
    left out (``printable``): tests/site/test_printing.py turns them on where it tests them."""
    shutil.copytree(FIXTURE, target)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config.replace("\n      printable: true", "", 1), encoding="utf-8")
    commit_all(target)
    return target


def commit_all(root: Path) -> None:
    """Make ``root`` a git repository with everything in one commit, at a fixed date."""
    from ..conftest import GitRepo

    GitRepo(root).commit("Import", date="2026-11-22T10:00:00+01:00")


def mkdocs(root: Path, *args: str, config: str = "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` as users do, in the test's Python (which has the plugin entry point).

    Only tests marked ``build`` may call it."""
    from ..conftest import require_marker

    require_marker("build", "runs mkdocs build")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "tools")}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", config, *args], cwd=root,
                          env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture
def fixture_repo(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "repo")


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture repository built once with ``mkdocs build --strict``; returns its site/."""
    root = copy_fixture(tmp_path_factory.mktemp("built") / "repo")
    result = mkdocs(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"
