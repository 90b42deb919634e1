"""Helpers of the import tests: a repository with vocabularies, sources of fiches, one import."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from recettes.read.recipe_md import parse_recipe_md
from recettes.scaffold.importing.run import ImportOptions, ImportResult, import_sources
from tests.repo_factory import DATA, mini_repo

CASES = DATA / "import" / "fiches"
TODAY = datetime.date(2026, 12, 1)


def options(root: Path, **changes: object) -> ImportOptions:
    chosen = ImportOptions(root, root / "recipes", "plouarzel", ["alimentation"], fetch=None, today=TODAY)
    for key, value in changes.items():
        setattr(chosen, key, value)
    return chosen


def run(root: Path, *sources: Path | str, **changes: object) -> ImportResult:
    return import_sources([str(s) for s in sources], options(root, **changes))


def recipe(root: Path, slug: str) -> tuple[dict[str, object], dict[str, object], str]:
    """The front matter (data), sections (by id) and text of an imported recipe."""
    text = (root / "recipes" / slug / "recipe.md").read_text(encoding="utf-8")
    parsed, problems = parse_recipe_md(text, "recipe.md")
    assert [] == [str(p) for p in problems if p.is_error]
    assert parsed.doc is not None
    return parsed.doc.data, parsed.sections, text


def codes(result: ImportResult) -> list[str]:
    return sorted(p.code.name for p in result.problems)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return mini_repo(tmp_path)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "fiches"
    folder.mkdir()
    return folder


def case(folder: Path, name: str) -> Path:
    """Copy one of the six shared cases into ``folder``."""
    return Path(shutil.copy(CASES / name, folder / name))
