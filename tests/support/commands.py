"""The ``recettes`` commands a text cites: in Markdown, only inside code (inline or fenced), so
that prose such as « les recettes sont libres » is not read as a command."""

from __future__ import annotations

import re
from collections.abc import Iterable

_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)
_COMMAND = re.compile(r"(?:^|(?<=[\s/`]))recettes +([a-z][a-z-]*)", re.MULTILINE)
_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$", re.MULTILINE)


def commands_in_shell(text: str) -> set[str]:
    """``recettes validate`` or ``.venv/bin/recettes check-versions --base HEAD`` → the command
    (shell comments are prose: ``make serve  # vérifie les recettes et…`` cites nothing)."""
    return set(_COMMAND.findall(_COMMENT.sub("", text)))


def commands_in_markdown(markdown: str) -> set[str]:
    """The commands cited in the code of a Markdown text."""
    return {command for code in _CODE.findall(markdown) for command in commands_in_shell(code)}


def unknown(cited: Iterable[str], known: Iterable[str]) -> list[str]:
    """Cited commands that do not exist, sorted."""
    return sorted(set(cited) - set(known))
