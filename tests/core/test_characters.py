"""The character rules (``core.characters``) and the name rules (``core.names``) on their own."""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

import pytest

from recettes.core.characters import (
    forbidden_characters,
    mixed_script_words,
    nfc,
    without_forbidden,
    xml_safe,
)
from recettes.core.names import generated_clash, windows_reserved


class TestForbidden:
    @pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\u200b", "\u200e", "\u202a", "\u202e",
                                      "\u2066", "\u2069", "\u2028", "\ufeff", "\ufffe", "\U000e0041"])
    def test_refused_with_its_place(self, char: str) -> None:
        found = list(forbidden_characters(f"ab\ncd{char}e"))
        assert [(char, 2, 3)] == [(f.char, f.line, f.column) for f in found]
        assert f"U+{ord(char):04X}" in found[0].label

    @pytest.mark.parametrize("text", ["tab\there\r\n", "Café crème, « guillemets », 10\u202f000\u00a0€",
                                      "👩\u200d🌾 et 👨\u200d❤\ufe0f\u200d👨", "Москва λόγος"])
    def test_ordinary_text_passes(self, text: str) -> None:
        assert [] == list(forbidden_characters(text))
        assert text == without_forbidden(text)

    def test_removal_keeps_emoji_joiners(self) -> None:
        assert "ab👩\u200d🌾" == without_forbidden("a\u202eb\u200b👩\u200d🌾")


class TestNfcAndScripts:
    def test_nfc(self) -> None:
        assert "é" == nfc("e\u0301") and "plain" == nfc("plain")
        assert unicodedata.is_normalized("NFC", nfc(unicodedata.normalize("NFD", "Pléhédel à l’été")))

    def test_mixed_scripts(self) -> None:
        assert [("\u0421ompost", ["LATIN", "CYRILLIC"])] == mixed_script_words("\u0421ompost partagé")
        assert [] == mixed_script_words("10 µg de λ-carraghénane à Москва")


class TestXmlSafe:
    def test_feed_text_always_parses(self) -> None:
        text = "".join(map(chr, range(0x20))) + "\ud800\ufffe\uffff ok"
        element = ET.Element("t")
        element.text = xml_safe(text)
        assert ET.fromstring(ET.tostring(element, encoding="unicode")).text.endswith(" ok")  # type: ignore[union-attr]


class TestNames:
    @pytest.mark.parametrize("name", ["con", "CON", "aux.yml", "nul.tar.gz", "com1", "lpt9", "prn ", "com\u00b9"])
    def test_windows_reserved(self, name: str) -> None:
        assert windows_reserved(name)

    @pytest.mark.parametrize("name", ["console", "com10", "lpt0", "auxiliaire", "nulle-part", "a.con"])
    def test_not_reserved(self, name: str) -> None:
        assert not windows_reserved(name)

    def test_generated_clash(self) -> None:
        assert "ambassadeurs" == generated_clash("ambassadors", "index")
        assert "ambassadeurs" == generated_clash("ambassadors", "photos")
        assert generated_clash("recipes", "photos") is None
        assert "thematiques" == generated_clash("themes", "index")
