"""How a recipe writes an official territory: ``commune:29019`` and the page id ``commune-29019``."""

from __future__ import annotations

import re

import pytest

from recettes.core.placecodes import (
    CODE_PATTERN,
    official_reference,
    page_id,
    parse_code,
    parse_page_id,
)


class TestWrittenCodes:
    @pytest.mark.parametrize(("text", "expected"), [
        ("commune:29019", ("commune", "29019")),
        ("commune:2a004", ("commune", "2A004")),
        (" epci:242900314 ", ("epci", "242900314")),
        ("departement:2B", ("departement", "2B")),
        ("region:53", ("region", "53")),
    ])
    def test_codes_are_read_in_their_official_form(self, text: str, expected: tuple[str, str]) -> None:
        """Corse's A and B are upper case whatever was typed; spaces around are ignored."""
        assert expected == parse_code(text)
        assert re.fullmatch(CODE_PATTERN, text.strip())

    @pytest.mark.parametrize("text", ["brest", "commune:", "canton:2901", "commune:29 019", "Commune:29019",
                                      "commune:29019x", "commune-29019", "29019"])
    def test_anything_else_is_not_a_code(self, text: str) -> None:
        """Readable ids, other kinds, spaces inside and bare numbers are no official code."""
        assert None is parse_code(text)
        assert None is re.fullmatch(CODE_PATTERN, text)

    def test_page_ids_are_lower_case_slugs_that_read_back(self) -> None:
        """A page id is a valid address (no colon, lower case) and names the same place."""
        assert "commune-2a004" == page_id("commune", "2A004")
        assert ("commune", "2A004") == parse_page_id("commune-2a004") == official_reference("commune:2A004")
        assert None is parse_page_id("pays-de-brest")

    @pytest.mark.parametrize("ident", ["commune-12", "departement-1", "epci-1234", "region-5", "commune-2900"])
    def test_ids_shorter_than_official_codes_stay_free(self, ident: str) -> None:
        """Each kind has the length of its codes: a hand-made ``commune-12`` is no official id."""
        assert None is parse_page_id(ident)
