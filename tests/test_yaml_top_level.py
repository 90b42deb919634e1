"""``top_level_value``, the fast reading of one key that git history uses for every version of
every recipe, always agrees with the full reader (``parse_yaml``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recettes.read.recipe_md import recipe_version, split_front_matter
from recettes.read.yamlfile import parse_yaml, top_level_value

from .conftest import ROOT


def _full(text: str, key: str) -> tuple[object, int, int] | None:
    doc, _ = parse_yaml(text, "")
    if doc is None or not isinstance(doc.data, dict):
        return None
    if key not in doc.data:
        return None, 1, 1
    return (doc.data[key], *doc.position((key,)))


def _same(a: object, b: object) -> bool:
    return repr(a) == repr(b)  # nan == nan, and 1 vs 1.0 vs "1" told apart


CASES = [
    "version: 1.0.0\n", "title: x\nversion: '1.2.0' # commentaire\n", 'version: "2.0.0"\nstatus: draft\n',
    "version: 1.0\n", "version: 010\n", "version: 0x1A\n", "version: yes\n", "version: ~\n", "version:\n",
    "title: x\n", "version:1.0.0\n", "  version: 1.0.0\n", "version: [1, 0]\n", "version: &v 1.0.0\n",
    "{version: 1.0.0}\n", "---\nversion: 1.0.0\n", "version: 1.0.0\nversion: 2.0.0\n",
    "summary: >-\n  version: 9.9.9\nversion: 1.0.0\n", "version: 'it''s'\n", 'version: "a\\"b"\n',
    "version: 1.0.0\r\n", "version: 1.0.0   \n", "version: 1.0.0-rc.1+build.5\n", "version: .inf\n",
    "[1, 2]\n", "version: {a: 1}\n", "version: !!str 1.0\n", "version: \"1.0.0\n", "\tversion: 1\n",
]


class TestAgreesWithTheFullReader:
    @pytest.mark.parametrize("text", CASES)
    def test_hand_written_cases(self, text: str) -> None:
        assert _same(_full(text, "version"), top_level_value(text, "version"))

    def test_every_recipe_of_the_repository(self) -> None:
        files = sorted((ROOT / "recipes").glob("*/recipe.md"))
        assert files
        for path in files:
            front = split_front_matter(Path(path).read_text(encoding="utf-8"))
            assert front is not None and front.closed, path
            text = "\n" * (front.line - 1) + front.text
            assert _same(_full(text, "version"), top_level_value(text, "version")), path
            assert _same(_full(text, "version"), recipe_version(Path(path).read_text(encoding="utf-8"))), path

    @settings(max_examples=400, deadline=None)
    @given(
        before=st.lists(st.sampled_from(["title: Compost", "status: draft", "themes: [a, b]", "# note", "",
                                         "summary: >-\n  version: 0.0.1", "holders:\n  - id: x"]), max_size=4),
        value=st.text(alphabet="0123456789.-+abrcxyeo'\" #:~", max_size=12),
        quote=st.sampled_from(["", "'", '"']),
        spaces=st.sampled_from([" ", "  ", "\t", ""]),
        after=st.lists(st.sampled_from(["licence: CC0-1.0", "version: 3.0.0", "x: 1"]), max_size=2),
    )
    def test_generated_documents(self, before: list[str], value: str, quote: str, spaces: str,
                                 after: list[str]) -> None:
        text = "\n".join([*before, f"version:{spaces}{quote}{value}{quote}", *after]) + "\n"
        assert _same(_full(text, "version"), top_level_value(text, "version")), text
