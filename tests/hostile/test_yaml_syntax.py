"""Class 8 (YAML part) and class 17 (YAML part) of issue 12.

8: YAML nested hundreds deep is refused at a stated depth (``MAX_YAML_DEPTH``), located, with no
recursion error. 17: every libyaml error reaches users in French, at the place to fix (the
opening bracket or quote of what is left open), « autre document » for a second ``---``; every
tag (``!!binary``, ``!!float``, ``!!str``, ``!local``, even ``!``) is refused where it stands.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recettes.read.yamlfile import MAX_YAML_DEPTH, decode_text, parse_yaml

from ..conftest import RunLine
from .recipes import located, problems, write

AMBASSADOR = "ambassadors/marie-exemple.yml"
HEAD = "schema_version: 1\nname: Marie Exemple\nkind: person\n"
# Words of libyaml's and PyYAML's English messages: none may reach a user.
ENGLISH = re.compile(r"\b(?:found|expected|while|could not|did not|mapping|scalar|sequence|stream|"
                     r"token|document start|block end|character|indicator|anchor)\b")  # « alias » is French too


def validate(repo: Path, run_line: RunLine, code: int) -> list[dict[str, object]]:
    run = run_line("validate", "--root", str(repo), "--format", "json", code=code)
    assert "Traceback" not in run.output
    return problems(run.stdout)


def ambassador(repo: Path, text: str) -> None:
    write(repo, {AMBASSADOR: text})


class TestDepth:
    @pytest.mark.parametrize(("tail", "line", "column"), [
        ("bio: " + "[" * 300 + "]" * 300 + "\n", 4, 6 + MAX_YAML_DEPTH - 1),  # the list at depth 33
        ("bio: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n", 4, None),
        ("links:\n" + "".join("  " * i + "- \n" for i in range(200)), None, None),
    ])
    def test_deep_nesting_is_refused_at_the_limit(self, base_repo: Path, run_line: RunLine, tail: str,
                                                  line: int | None, column: int | None) -> None:
        ambassador(base_repo, HEAD + tail)
        found = located(validate(base_repo, run_line, 1), "R125")
        assert 1 == len(found), found
        place, message = found[0].split(" ", 1)
        assert f"imbrication trop profonde : plus de {MAX_YAML_DEPTH} niveaux de listes ou de groupes de clés" == message
        path, at_line, at_column = place.split(":")
        assert AMBASSADOR == path
        assert (line or int(at_line), column or int(at_column)) == (int(at_line), int(at_column))
        assert int(at_line) >= 4

    def test_depth_inside_a_recipe_front_matter(self, base_repo: Path, run_line: RunLine) -> None:
        text = (base_repo / "recipes/jardin-partage/recipe.md").read_text(encoding="utf-8")
        text = text.replace("themes: [alimentation]", "themes: " + "[" * 100 + "alimentation" + "]" * 100)
        write(base_repo, {"recipes/jardin-partage/recipe.md": text})
        found = located(validate(base_repo, run_line, 1), "R125")
        assert 1 == len(found) and found[0].startswith("recipes/jardin-partage/recipe.md:11:")

    def test_real_metadata_depth_passes(self) -> None:
        doc, found = parse_yaml("a:\n  b:\n    - c:\n        d: [[1]]\n", "f.yml")
        assert [] == found and doc is not None


class TestFrenchSyntaxErrors:
    @pytest.mark.parametrize(("tail", "line", "column", "message"), [
        ("expertise: [alimentation, habitat\nbio: x\n", 4, 12, "crochet « [ » ouvert ici et jamais fermé"),
        ("links:\n  - {title: Site, url: https://example.org\nbio: x\n", 5, 5, "accolade « { » ouverte ici et jamais fermée"),
        ("bio: \"Une bio\n\nsans fin\n", 4, 6, "guillemet ouvert ici et jamais fermé"),
        ("bio: 'L''atelier\n", 4, 6, "guillemet ouvert ici et jamais fermé"),
    ])
    def test_left_open_is_reported_where_it_opens(self, base_repo: Path, run_line: RunLine, tail: str,
                                                  line: int, column: int, message: str) -> None:
        ambassador(base_repo, HEAD + tail)
        found = located(validate(base_repo, run_line, 1), "R001")
        assert 1 == len(found)
        assert found[0].startswith(f"{AMBASSADOR}:{line}:{column} {message}")

    @pytest.mark.parametrize("second", ["---\nbio: x\n", "...\n---\nname: Autre\n", "--- \n"])
    def test_second_document_says_autre_document(self, base_repo: Path, run_line: RunLine, second: str) -> None:
        ambassador(base_repo, HEAD + second)
        found = located(validate(base_repo, run_line, 1), "R001")
        assert [f"{AMBASSADOR}:4:1 début d’un autre document YAML : une ligne « --- » de trop"] == found or (
            second.startswith("...") and [f"{AMBASSADOR}:5:1 début d’un autre document YAML : une ligne « --- » de trop"] == found)

    @pytest.mark.parametrize("tail", [
        'bio: "x\\q"\n', "bio: *nope\n", "bio: &a x\nterritory: &a y\n", "bio: a: b\n", "links:\n  - a\n b: 2\n",
        "bio: @x\n", "bio: `x\n", "%YAML 1.1\n", "bio: x\n...\nautre\n", "bio: |0\n  x\n", "bio: [a, b]]\n",
        "bio: {a: b}}\n", 'bio: "\\x4"\n', "bio: !e!x 1\n", "bio: x\n  b: y\n", "bio: >\n x\n- y\n",
        "? [a]\n: 1\n", "bio: !<tag:x> 1\n",
    ])
    def test_no_english_reaches_the_user(self, base_repo: Path, run_line: RunLine, tail: str) -> None:
        text = tail + HEAD if tail.startswith("%") else HEAD + tail
        ambassador(base_repo, text)
        found = [p for p in validate(base_repo, run_line, 1) if p["code"] in ("R001", "R003")]
        assert found
        for problem in found:
            assert problem["path"] == AMBASSADOR and int(str(problem["line"])) >= 1
            assert not ENGLISH.search(f"{problem['message']} {problem['hint']}"), problem


class TestTags:
    @pytest.mark.parametrize(("tail", "tag", "column"), [
        ("bio: !!binary aGVsbG8=\n", "!!binary", 6),
        ("bio: !!str 12\n", "!!str", 6),
        ("bio: !!float \"3\"\n", "!!float", 6),
        ("bio: !local texte\n", "!local", 6),
        ("bio: ! texte\n", "!", 6),
        ("expertise: !!set {alimentation}\n", "!!set", 12),
        ("expertise: !!seq [alimentation]\n", "!!seq", 12),
        ("bio: &x !!str texte\n", "!!str", 6),
        ("!!str bio: texte\n", "!!str", 1),
    ])
    def test_every_tag_is_refused_where_it_stands(self, base_repo: Path, run_line: RunLine, tail: str, tag: str,
                                                  column: int) -> None:
        ambassador(base_repo, HEAD + tail)
        found = located(validate(base_repo, run_line, 1), "R001")
        assert [f"{AMBASSADOR}:4:{column} étiquette YAML « {tag} » non permise"] == found

    def test_tag_on_the_whole_document(self, base_repo: Path, run_line: RunLine) -> None:
        ambassador(base_repo, "--- !!map\n" + HEAD)
        found = located(validate(base_repo, run_line, 1), "R001")
        assert 1 == len(found) and "étiquette YAML « !!map » non permise" in found[0]

    def test_exclamation_inside_text_is_no_tag(self, base_repo: Path, run_line: RunLine) -> None:
        ambassador(base_repo, HEAD + "bio: Bravo ! Et « !important » aussi.\nterritory: \"!brest\"\n")
        assert [] == located(validate(base_repo, run_line, 1), "R001")


YAML_PIECES = ["a", ": ", "- ", "[", "]", "{", "}", ",", "\n", "  ", "!", "!!str ", "&x ", "*x", "'", '"', "#",
               "---\n", "...\n", "%YAML 1.1\n", "|", ">", "? ", "1", "01", ".inf", "1e400", "\t", "\\", "é",
               "\u202e", "\x00", "e\u0301", "9" * 70]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=40))
def test_any_yaml_gives_values_or_located_french_problems(pieces: list[str]) -> None:
    """Generated YAML never raises: a document, or problems located inside the text."""
    text = "".join(pieces)
    cleaned, found = decode_text(text.encode("utf-8"), "f.yml")
    assert cleaned is not None
    doc, more = parse_yaml(cleaned, "f.yml", found)
    assert doc is not None or any(p.is_error for p in more)
    lines = text.count("\n") + 2
    for problem in more:
        assert 1 <= problem.line <= lines and problem.column >= 1
        assert not ENGLISH.search(problem.message), problem
