"""Shared fixtures: repositories copied to tmp_path and the CLI run as users run it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def run_recettes(*args: str, cwd: Path | None = None, input: str | None = None) -> Run:
    """Run the real `recettes` command in a subprocess, as a user would."""
    proc = subprocess.run([sys.executable, "-m", "recettes", *args], cwd=cwd, capture_output=True,
                          text=True, input=input, timeout=300)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def run_cli():
    return run_recettes


def make_repo(target: Path, *overlays: Path) -> Path:
    """A minimal valid repository (the project's vocabularies + tests/data/base), plus overlays."""
    shutil.copytree(ROOT / "schema" / "vocabularies", target / "schema" / "vocabularies")
    shutil.copytree(DATA / "base", target, dirs_exist_ok=True)
    for overlay in overlays:
        shutil.copytree(overlay, target, dirs_exist_ok=True, symlinks=True,
                        ignore=shutil.ignore_patterns("expected.txt"))
    return target


@pytest.fixture
def base_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "depot")
