"""docs/contribuer.md: every command it cites exists, every command is in it, and its examples
exist in the corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recettes.cli.main import cli
from tests.support.commands import commands_in_markdown, unknown

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "contribuer.md").read_text(encoding="utf-8")
CONTRIBUTOR_COMMANDS = ["new", "new-ambassador", "init", "export", "validate", "check-versions", "import"]
MAINTAINER_ONLY = {"generate", "schema"}
"""Commands for the handbook's maintainers, described in README (see test_docs.py), not in the
contributors' guide. Once the guide cites one, take it out of here."""
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])


class TestGuideFollowsTheCommands:
    @pytest.mark.parametrize("command", CONTRIBUTOR_COMMANDS)
    def test_contributor_command_exists_and_is_documented(self, command: str) -> None:
        """The commands contributors use are commands, and the guide shows them in code."""
        assert command in cli.commands
        assert command in commands_in_markdown(GUIDE)

    @pytest.mark.parametrize("document", DOCUMENTS, ids=[p.relative_to(ROOT).as_posix() for p in DOCUMENTS])
    def test_every_cited_command_exists(self, document: Path) -> None:
        """A `recettes x` in the code of README or docs/ names a command that exists."""
        assert [] == unknown(commands_in_markdown(document.read_text(encoding="utf-8")), cli.commands)

    def test_every_command_is_in_the_guide(self) -> None:
        """The guide cites every command but the maintainers' ones, and those exist."""
        missing = set(cli.commands) - commands_in_markdown(GUIDE)
        assert MAINTAINER_ONLY == missing, (
            "documentez dans docs/contribuer.md : " + ", ".join(sorted(missing - MAINTAINER_ONLY))
            if missing - MAINTAINER_ONLY else "retirez de MAINTAINER_ONLY : "
            + ", ".join(sorted(MAINTAINER_ONLY - missing)))


class TestTheCheckCanFail:
    """The helpers above catch what they are meant to catch."""

    def test_a_made_up_command_is_reported(self) -> None:
        text = GUIDE + "\n```sh\n.venv/bin/recettes publier --tout\n```\nou `recettes imprimer`.\n"
        assert ["imprimer", "publier"] == unknown(commands_in_markdown(text), cli.commands)

    def test_a_guide_without_a_command_is_reported(self) -> None:
        text = GUIDE.replace("recettes export", "recettes validate")
        assert {"export"} | MAINTAINER_ONLY == set(cli.commands) - commands_in_markdown(text)

    def test_prose_is_not_a_command(self) -> None:
        """« recettes » in a sentence is a word; in code it is the command."""
        assert set() == commands_in_markdown("Les recettes sont libres ; recettes validate aussi.")
        assert {"validate"} == commands_in_markdown("Lancez `recettes validate` puis\n```\nrecettes\n```")
        assert set() == commands_in_markdown("```sh\nmake test  # vérifie les recettes et le guide\n```")


def test_examples_come_from_the_corpus() -> None:
    """Every recipes/<slug> and recette:<slug> cited in the guide is a recipe of this repository."""
    cited = set(re.findall(r"recipes/([a-z0-9-]+)/", GUIDE)) | set(re.findall(r"recette:([a-z0-9-]+)", GUIDE))
    cited -= {"ma-recette", "mon-innovation", "disco-soupe-du-quartier"}
    assert cited, "the guide cites recipes of the corpus"
    assert [] == sorted(s for s in cited if not (ROOT / "recipes" / s / "recipe.md").is_file())
