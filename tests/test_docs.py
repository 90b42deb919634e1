"""Documentation follows the code: every command is documented in README and has French help."""

from __future__ import annotations

import pytest

from recettes.cli.main import cli

from .conftest import ROOT

COMMANDS = sorted(cli.commands)


class TestCommandsAreDocumented:
    @pytest.mark.parametrize("name", COMMANDS)
    def test_command_is_in_readme(self, name: str) -> None:
        """README names every `recettes` command."""
        assert f"recettes {name}" in (ROOT / "README.md").read_text(encoding="utf-8")

    @pytest.mark.parametrize("name", COMMANDS)
    def test_command_has_help(self, name: str) -> None:
        """Each command explains itself in `--help`."""
        assert (cli.commands[name].help or "").strip()
