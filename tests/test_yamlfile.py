"""Safe YAML reading: YAML 1.2 values, refused aliases, located problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.read.yamlfile import parse_yaml, read_yaml


def codes(problems) -> list[str]:
    return [p.code.name for p in problems]


class TestValues:
    @pytest.mark.parametrize(("text", "expected"), [
        ("v: non", "non"), ("v: no", "no"), ("v: off", "off"), ("v: yes", "yes"),
        ("v: 2013-10-24", "2013-10-24"), ("v: 1:20", "1:20"),
        ("v: true", True), ("v: false", False), ("v: ~", None), ("v:", None), ("v: 1.5", 1.5),
        ("v: '1.0'", "1.0"), ('v: "true"', "true"), ("v: 12", 12),
    ])
    def test_yaml_1_1_surprises_cannot_change_a_value(self, text: str, expected: object) -> None:
        """Words, dates and leading zeros keep their written value (YAML 1.2 core rules)."""
        doc, problems = parse_yaml(text, "f.yml")
        assert [] == problems
        assert expected == doc.data["v"]

    @pytest.mark.parametrize(("text", "expected"), [("v: 010", 10), ("v: 0o17", 15), ("v: 0x1F", 31)])
    def test_numbers_that_would_be_published_otherwise_are_reported(self, text: str, expected: object) -> None:
        """Leading zeros, octal and hexadecimal are read by YAML 1.2 rules, and reported: the
        open data would publish another text than the one written (R124)."""
        doc, problems = parse_yaml(text, "f.yml")
        assert ["R124"] == codes(problems)
        assert expected == doc.data["v"]

    def test_ambiguous_plain_scalars_are_remembered(self) -> None:
        """`non` and bare dates are noted, so a type error can explain the YAML 1.1 trap."""
        doc, _ = parse_yaml("a: non\nb: 2013-10-24\nc: texte\n", "f.yml")
        assert {("a",): "bool", ("b",): "date"} == doc.ambiguous  # `non`: French, meant as false


class TestPositions:
    def test_values_and_keys_have_lines_and_columns(self) -> None:
        """Every value and key is located (1-based), nested ones included."""
        doc, _ = parse_yaml("title: x\nholders:\n  - id: marie\n    role: holder\n", "f.yml")
        assert (3, 9) == doc.position(("holders", 0, "id"))
        assert (4, 5) == doc.position(("holders", 0, "role"), key=True)
        assert (3, 5) == doc.position(("holders", 0, "missing"))


class TestRefusals:
    def test_alias_bomb_is_refused_without_expanding(self) -> None:
        """A billion-laughs document is reported once per anchor and never expanded."""
        lines = ['a0: &a0 ["lol", "lol"]'] + [
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)
        ]
        _, problems = parse_yaml("\n".join(lines), "f.yml")
        assert set(codes(problems)) == {"R004"}
        assert 29 == len(problems)

    def test_duplicate_key_is_located_at_the_second(self) -> None:
        """The second occurrence is reported with the line of the first."""
        _, problems = parse_yaml("title: a\nsummary: b\ntitle: c\n", "f.yml")
        assert ["R003"] == codes(problems)
        assert (3, 1) == (problems[0].line, problems[0].column)
        assert "ligne 1" in problems[0].message

    def test_tabs_are_reported_on_every_line(self) -> None:
        """Each indented line with a tab is named."""
        _, problems = parse_yaml("a:\n\tb: 1\n\tc: 2\n", "f.yml")
        assert [("R005", 2), ("R005", 3)] == [(p.code.name, p.line) for p in problems]

    def test_custom_tags_are_refused(self) -> None:
        """No `!!python/object` or other tag can reach a constructor."""
        _, problems = parse_yaml("a: !!python/object/apply:os.system ['true']\n", "f.yml")
        assert ["R001"] == codes(problems)

    def test_syntax_error_is_located_and_french(self) -> None:
        """A stray colon points at its column, in French."""
        _, problems = parse_yaml("title: Recette: deux\n", "f.yml")
        assert ["R001"] == codes(problems)
        assert (1, 15) == (problems[0].line, problems[0].column)
        assert "deux-points" in problems[0].message


class TestFiles:
    def test_bom_is_a_warning_and_the_document_is_read(self, tmp_path: Path) -> None:
        """A BOM (Windows Notepad) does not block, but is reported."""
        path = tmp_path / "f.yml"
        path.write_bytes(b"\xef\xbb\xbftitle: x\n")
        doc, problems = read_yaml(path, "f.yml")
        assert {"title": "x"} == doc.data
        assert ["R008"] == codes(problems) and not problems[0].is_error

    def test_invalid_utf8_is_located(self, tmp_path: Path) -> None:
        """The first invalid byte is named with its line and column."""
        path = tmp_path / "f.yml"
        path.write_bytes(b"a: 1\ntitle: caf" + b"\xe9\n")
        doc, problems = read_yaml(path, "f.yml")
        assert doc is None
        assert ("R002", 2, 11) == (problems[0].code.name, problems[0].line, problems[0].column)

    def test_huge_file_is_refused_without_reading_it_whole(self, tmp_path: Path) -> None:
        """A file over the limit is reported with its size."""
        path = tmp_path / "f.yml"
        path.write_bytes(b"a: 1\n" * 100_000)
        doc, problems = read_yaml(path, "f.yml", max_bytes=1000)
        assert doc is None
        assert ["R006"] == codes(problems)
        assert "500\u202f000 octets" in problems[0].message

    def test_symlink_is_refused(self, tmp_path: Path) -> None:
        """A link is never followed, even to a valid file."""
        (tmp_path / "real.yml").write_text("a: 1\n")
        (tmp_path / "f.yml").symlink_to(tmp_path / "real.yml")
        doc, problems = read_yaml(tmp_path / "f.yml", "f.yml")
        assert doc is None and ["R007"] == codes(problems)
