"""A territory repository made before recipe.md (five files per recipe) still validates and
builds; after « recettes migrate » it validates with no warning at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.core.sections import RECIPE_FILE, RECIPE_MD, SECTION_FILES
from recettes.read.checks import validate_repository
from recettes.read.recipe_md import parse_recipe_md, split_front_matter
from recettes.scaffold.starter import write_starter

from .conftest import RunLine
from .site.conftest import commit_all, mkdocs


def _five_files(folder: Path) -> None:
    """Write a recipe back in the five-file layout of the first version (the inverse of migrate)."""
    text = (folder / RECIPE_MD).read_text(encoding="utf-8")
    front = split_front_matter(text)
    assert front is not None
    (folder / RECIPE_FILE).write_text(front.text + "\n", encoding="utf-8")
    lines = text.split("\n")
    parsed, _ = parse_recipe_md(text, RECIPE_MD)
    starts = sorted((section.line, kind) for kind, section in parsed.sections.items())
    for index, (line, kind) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        if kind in SECTION_FILES:
            body = "\n".join(lines[line:end]).strip("\n") + "\n"
            (folder / SECTION_FILES[kind]).write_text(body, encoding="utf-8")
    (folder / RECIPE_MD).unlink()


@pytest.mark.build
def test_an_older_territory_builds_then_migrates_clean(tmp_path: Path, run_line: RunLine) -> None:
    root = tmp_path / "territoire"
    write_starter(root, name="Recettes du pays d’exemple", git=False)
    folders = [p for p in (root / "recipes").iterdir() if p.is_dir()]
    for folder in folders:
        _five_files(folder)
    _, report = validate_repository(root)
    assert report.ok
    assert ["R023"] * len(folders) == [p.code.name for p in report.warnings]
    commit_all(root)
    built = mkdocs(root, "--strict")
    assert 0 == built.returncode, built.stderr
    run_line("migrate", "--root", str(root))
    _, report = validate_repository(root)
    assert [] == [str(p) for p in report.problems]
    assert [RECIPE_MD] == sorted(p.name for p in folders[0].iterdir() if p.is_file())
