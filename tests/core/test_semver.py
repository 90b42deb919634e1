"""core.semver: the one SemVer grammar (semver.org 2.0.0), as ``SemVer.parse`` and as the
``SEMVER_PATTERN`` that the model and the published JSON Schema use: all must agree.

Listed strings (semver.org's own examples of valid and invalid versions, and the edge cases of
Python's regular expressions: a final newline before ``$``, ``\\d`` matching non-ASCII digits),
then Hypothesis: versions drawn from the grammar, and near-versions (one character inserted,
replaced or removed) on which the three readers must give the same verdict.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import pytest
import regress  # ECMAScript regular expressions, installed with check-jsonschema
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import StringConstraints, TypeAdapter, ValidationError

from recettes.core.semver import SEMVER_PATTERN, Bump, InvalidVersion, SemVer

ROOT = Path(__file__).parents[2]
# semver.org (FAQ: "Is there a suggested regular expression?") lists these valid and invalid ones.
VALID = [
    "0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta", "1.1.2+meta-valid", "1.0.0-alpha",
    "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.beta.1", "1.0.0-alpha.1", "1.0.0-alpha0.valid",
    "1.0.0-alpha.0valid", "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay", "1.0.0-rc.1+build.1",
    "2.0.0-rc.1+build.123", "1.2.3-beta", "10.2.3-DEV-SNAPSHOT", "1.2.3-SNAPSHOT-123", "1.0.0", "2.0.0",
    "1.1.7", "2.0.0+build.1848", "2.0.1-alpha.1227", "1.0.0-alpha+beta", "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
    "1.2.3----R-S.12.9.1--.12+meta", "1.2.3----RC-SNAPSHOT.12.9.1--.12", "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
    "99999999999999999999999.999999999999999999.99999999999999999", "1.0.0-0A.is.legal",
]
INVALID = [
    "1", "1.2", "1.2.3-0123", "1.2.3-0123.0123", "1.1.2+.123", "+invalid", "-invalid", "-invalid+invalid",
    "-invalid.01", "alpha", "alpha.beta", "alpha.beta.1", "alpha.1", "alpha+beta", "alpha_beta", "alpha.",
    "alpha..", "beta", "1.0.0-alpha_beta", "-alpha.", "1.0.0-alpha..", "1.0.0-alpha..1", "1.0.0-alpha...1",
    "01.1.1", "1.01.1", "1.1.01", "1.2.3.DEV", "1.2-SNAPSHOT", "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788",
    "1.2-RC-SNAPSHOT", "-1.0.3-gamma+b7718", "+justmeta", "9.8.7+meta+meta", "9.8.7-whatever+meta+meta",
    # ours: a "v", spaces, empty parts, a final newline (Python's "$" would let it through)
    "v1.2.0", " 1.2.0", "1.2.0 ", "", "1.2.0-", "1.2.0+", "1.2.0\n", "1.2.0\r\n", "１.2.0",
]
# Python's \d takes any Unicode digit (« 1\u0661.0.0 » would read as 11.0.0) while JSON Schema
# (ECMAScript) refuses them: core.semver writes [0-9].
NON_ASCII = [pytest.param(text, id=ascii(text))
             for text in ("1\u0661.0.0", "1.1\u0662.0", "1.0.0-rc.1\u0663")]
_MODEL = TypeAdapter(Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)])
_ECMA = regress.Regex(SEMVER_PATTERN)


def parses(text: str) -> bool:
    try:
        SemVer.parse(text)
    except InvalidVersion:
        return False
    return True


def model_accepts(text: str) -> bool:
    """What the recipe model (pydantic, ``StringConstraints(pattern=SEMVER_PATTERN)``) says."""
    try:
        _MODEL.validate_python(text)
    except ValidationError:
        return False
    return True


def schema_accepts(text: str) -> bool:
    """What a JSON Schema validator says: ECMAScript regular expressions (as editors and
    check-jsonschema use them), where ``$`` is the end and ``\\d`` is 0-9."""
    return _ECMA.find(text) is not None


class TestOneGrammar:
    @pytest.mark.parametrize("text", VALID)
    def test_valid_everywhere_and_printed_back(self, text: str) -> None:
        assert (True, True, True) == (parses(text), model_accepts(text), schema_accepts(text))
        assert text == str(SemVer.parse(text))

    @pytest.mark.parametrize("text", INVALID, ids=[ascii(t) for t in INVALID])
    def test_invalid_everywhere(self, text: str) -> None:
        assert (False, False, False) == (parses(text), model_accepts(text), schema_accepts(text))

    @pytest.mark.parametrize("text", NON_ASCII)
    def test_only_ascii_digits(self, text: str) -> None:
        """SemVer digits are 0-9: other scripts' digits are refused by all three."""
        assert (False, False, False) == (parses(text), model_accepts(text), schema_accepts(text))

    def test_the_published_schema_uses_the_pattern(self) -> None:
        """schema/recipe.schema.json spells the version with this very pattern."""
        schema = json.loads((ROOT / "schema" / "recipe.schema.json").read_text(encoding="utf-8"))
        assert SEMVER_PATTERN == schema["properties"]["version"]["pattern"]

    def test_the_engines_can_disagree(self) -> None:
        """The comparison is not vacuous: Python's "$" accepts a final newline, ECMAScript's does not."""
        assert re.search(SEMVER_PATTERN, "1.2.0\n") is not None
        assert not schema_accepts("1.2.0\n")


VERSIONS = st.from_regex(SEMVER_PATTERN, fullmatch=True)
# Characters that matter to the grammar, plus a few that must never pass (a non-ASCII digit, a
# fullwidth digit, a newline, a space, an underscore).
NEAR = st.sampled_from("0123456789.-+aZ\u0661\uff11\n _")
PROPERTIES = settings(max_examples=300, deadline=None, database=None)  # no .hypothesis/ in the tree


@st.composite
def near_versions(draw: st.DrawFn) -> str:
    """A valid version with one character inserted, replaced or removed."""
    text = draw(VERSIONS)
    at = draw(st.integers(0, len(text)))
    edit = draw(st.sampled_from(["insert", "replace", "remove"]))
    if edit == "insert":
        return text[:at] + draw(NEAR) + text[at:]
    if edit == "replace":
        return text[:at] + draw(NEAR) + text[at + 1:]
    return text[:at] + text[at + 1:]


class TestProperties:
    @PROPERTIES
    @given(VERSIONS)
    def test_every_version_of_the_grammar_is_read_and_printed_back(self, text: str) -> None:
        assert (True, True, True) == (parses(text), model_accepts(text), schema_accepts(text))
        assert text == str(SemVer.parse(text))

    @PROPERTIES
    @given(near_versions())
    @example("1.2.0\n").via("a final newline")
    @example("1\u0661.0.0").via("an Arabic-Indic digit")
    def test_the_three_readers_agree_on_near_versions(self, text: str) -> None:
        assert parses(text) == model_accepts(text) == schema_accepts(text), ascii(text)

    @PROPERTIES
    @given(VERSIONS, st.sampled_from(list(Bump)))
    def test_a_bump_always_goes_up_to_a_release(self, text: str, kind: Bump) -> None:
        """Whatever the version, the proposed one is higher, without prerelease or build."""
        version = SemVer.parse(text)
        bumped = version.bump(kind)
        assert version < bumped
        assert ((), ()) == (bumped.prerelease, bumped.build)

    @PROPERTIES
    @given(VERSIONS, VERSIONS)
    def test_order_ignores_build_metadata_only(self, first: str, second: str) -> None:
        """Two versions are equal exactly when they differ by build metadata at most."""
        a, b = SemVer.parse(first), SemVer.parse(second)
        assert (a == b) is (first.split("+")[0] == second.split("+")[0])
        assert (a < b) + (a == b) + (b < a) == 1


class TestSemVer:
    @pytest.mark.parametrize("text", ["0.0.0", "1.2.3", "10.20.30", "1.0.0-rc.1", "1.0.0+b.5"])
    def test_parses_and_prints_back(self, text: str):
        """Valid versions round-trip through str()."""
        assert text == str(SemVer.parse(text))

    @pytest.mark.parametrize(
        "text", ["1.2", "v1.2.0", "01.2.0", "1.2.0-", "1.2.0-01", " 1.2.0", ""]
    )
    def test_rejects_what_semver_rejects(self, text: str):
        """Two parts, a "v", leading zeros or stray spaces are invalid."""
        with pytest.raises(InvalidVersion):
            SemVer.parse(text)

    def test_orders_by_semver_precedence(self):
        """Numbers compare as numbers; prereleases come before their release (semver §11)."""
        ordered = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.9.0",
            "1.10.0",
            "2.0.0",
        ]
        assert ordered == [str(v) for v in sorted(SemVer.parse(t) for t in reversed(ordered))]

    def test_build_metadata_does_not_count(self):
        """1.0.0+a and 1.0.0+b are the same version."""
        assert SemVer.parse("1.0.0+a") == SemVer.parse("1.0.0+b")

    @pytest.mark.parametrize(
        ("version", "kind", "expected"),
        [
            ("1.2.3", Bump.PATCH, "1.2.4"),
            ("1.2.3", Bump.MINOR, "1.3.0"),
            ("1.2.3", Bump.MAJOR, "2.0.0"),
            ("1.2.3+build", Bump.PATCH, "1.2.4"),
            ("2.0.0-rc.1", Bump.MAJOR, "2.0.0"),
            ("1.3.0-rc.1", Bump.MINOR, "1.3.0"),
            ("1.2.4-rc.1", Bump.PATCH, "1.2.4"),
        ],
    )
    def test_bumps(self, version: str, kind: Bump, expected: str):
        """Bumping resets lower numbers and releases a prerelease first."""
        assert expected == str(SemVer.parse(version).bump(kind))
