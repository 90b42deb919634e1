"""read.limits: the whole-text shortcut never hides an excess that the line-by-line budget finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recettes.read.limits import MAX_BRACKETS, MAX_NESTING, Budget, within_limits

CHUNKS = ["[", "[" * 40, "]", "](x)", " ", " " * 4, "\t", "- ", "* ", "+ ", "1. ", "12) ", "> ", "!!! note",
          "??? ", "\n", "\n\n", "`", "**", "_", "&", "<", "\\", "a", "mot ", "|", "#", "٣. "]


def _budget_finds(text: str) -> bool:
    budget = Budget()
    return any(budget.step(line) for line in text.splitlines())


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(st.sampled_from(CHUNKS), max_size=120).map("".join))
def test_within_limits_only_when_the_budget_finds_nothing(text: str) -> None:
    assert not (within_limits(text) and _budget_finds(text))


@pytest.mark.parametrize("line", [
    "\t" * MAX_NESTING + "- un",  # a tab is four columns: one level per character
    "> " * (MAX_NESTING + 1) + "citée",
    ">" * (MAX_NESTING + 1) + " citée",
    "1. " * (MAX_NESTING + 1) + "un",
    "!!! " * (MAX_NESTING + 1) + "note",
    "    " * MAX_NESTING + "- x",
], ids=["tabs", "quotes", "tight-quotes", "numbered", "boxes", "indent"])
def test_deep_lines_are_followed(line: str) -> None:
    """Each of these lines is too deep for the budget, so the shortcut must not vouch for it."""
    assert _budget_finds(line)
    assert not within_limits(line)


@pytest.mark.parametrize("text", [
    "[" * (MAX_BRACKETS + 1),
    "[ " * 300 + "a" * 400,
    "a" * 200_000 + "`a " * 30,
], ids=["brackets", "stray", "marks"])
def test_costly_texts_are_followed(text: str) -> None:
    assert _budget_finds(text)
    assert not within_limits(text)


def test_ordinary_prose_is_within_limits() -> None:
    text = ("Une réunion publique permet de présenter l’idée ([voir](recette:autre)).\n\n"
            "- un *point*\n    - un sous-point\n\n> une citation\n") * 5
    assert within_limits(text)
    assert not _budget_finds(text)
