"""Which characters contributed text may hold, defined once.

Invisible and control characters are refused everywhere (metadata, sections, ambassador
files): bidirectional overrides reorder what a reader sees (« Trojan Source » spoofing),
zero-width characters make two identical-looking names differ, and C0/C1 controls or U+FFFE
make the Atom feed and the sitemap invalid XML. The one exception is the zero-width joiner
inside an emoji sequence (👩‍🌾), which is how such emoji are written.

Text is normalised to NFC on load, so the same word written in composed or decomposed form is
one word for search, duplicate detection and addresses. Words mixing Latin with Cyrillic or
Greek letters (``Сompost`` with a Cyrillic С) are reported: homoglyphs pass for another name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; soft hyphen;
# Arabic letter mark; Mongolian vowel separator; zero-width space, (non-)joiner, LRM/RLM;
# line and paragraph separators; the bidirectional embeddings, overrides and isolates; word
# joiner and the invisible operators; the deprecated format characters; BOM inside the text;
# interlinear annotations; U+FFFE/U+FFFF (not characters, refused by XML); tag characters
# (invisible ASCII copies, used to smuggle text).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f]")
_ZWJ = "\u200d"
_MAX_REPORTED = 10

# Names of the controls, which have none in the Unicode database.
_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
    0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
}


@dataclass(frozen=True)
class Forbidden:
    """A refused character at a 1-based line and column of a text."""

    char: str
    line: int
    column: int

    @property
    def label(self) -> str:
        """``U+202E « RIGHT-TO-LEFT OVERRIDE »``."""
        return f"U+{ord(self.char):04X}\u00a0«\u00a0{char_name(self.char)}\u00a0»"


def char_name(char: str) -> str:
    code = ord(char)
    if code in _CONTROL_NAMES:
        return _CONTROL_NAMES[code]
    return unicodedata.name(char, "CONTROL" if unicodedata.category(char) == "Cc" else "NONCHARACTER")


def _emoji_joiner(text: str, index: int) -> bool:
    """A zero-width joiner between two pictographs (an emoji sequence such as 👩‍🌾)."""
    before = text[index - 1] if index else ""
    if before == "\ufe0f" and index > 1:  # variation selector: look at the pictograph itself
        before = text[index - 2]
    after = text[index + 1] if index + 1 < len(text) else ""
    return (bool(before) and unicodedata.category(before) == "So" and bool(after)
            and unicodedata.category(after) == "So")


def forbidden_characters(text: str) -> Iterator[Forbidden]:
    """Every refused character of ``text`` with its position, in order (fast when none)."""
    if text.isascii() and not _FORBIDDEN.search(text):
        return
    for match in _FORBIDDEN.finditer(text):
        index = match.start()
        char = match.group()
        if char == _ZWJ and _emoji_joiner(text, index):
            continue
        line_start = text.rfind("\n", 0, index) + 1
        yield Forbidden(char, text.count("\n", 0, index) + 1, index - line_start + 1)


def without_forbidden(text: str) -> str:
    """``text`` without its refused characters (emoji joiners kept)."""
    return "".join(char for i, char in enumerate(text)
                   if not _FORBIDDEN.match(char) or (char == _ZWJ and _emoji_joiner(text, i)))


def limited(found: Iterator[Forbidden]) -> tuple[list[Forbidden], int]:
    """The first refused characters worth reporting one by one, and how many more there are."""
    shown: list[Forbidden] = []
    more = 0
    for each in found:
        if len(shown) < _MAX_REPORTED:
            shown.append(each)
        else:
            more += 1
    return shown, more


def nfc(text: str) -> str:
    """``text`` in Unicode normalisation form C (composed): « é » is one character."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


_LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
# Greek and Coptic, Cyrillic and its supplement, Cyrillic extended A to C, Greek extended: a text
# without any of these mixes no script (measured: 170 µs per recipe without this pass, 2 µs with).
_NOT_LATIN = re.compile("[\u0370-\u052f\u1c80-\u1c8f\u1f00-\u1fff\u2de0-\u2dff\ua640-\ua69f]")
_WORD = re.compile(r"\w+")


def _script(char: str) -> str | None:
    if char.isascii():
        return "LATIN" if char.isalpha() else None
    if not char.isalpha():
        return None
    first = unicodedata.name(char, "").split(" ", 1)[0]
    return first if first in _LOOKALIKE_SCRIPTS else None


def may_mix_scripts(text: str) -> bool:
    """``text`` holds a Greek or Cyrillic letter: only then can one of its words mix scripts."""
    return not text.isascii() and _NOT_LATIN.search(text) is not None


def mixed_script_words(text: str) -> list[tuple[str, list[str]]]:
    """The words of ``text`` that mix Latin, Cyrillic or Greek letters, each with its scripts
    (« Сompost » → Cyrillic and Latin). A word in one script (« Москва », « λόγος ») is fine."""
    if not may_mix_scripts(text):  # the usual case, one regex pass
        return []
    found: list[tuple[str, list[str]]] = []
    for word in _WORD.findall(text):
        scripts = {s for s in map(_script, word) if s is not None}
        if len(scripts) > 1:
            found.append((word, sorted(scripts, key=_LOOKALIKE_SCRIPTS.index)))
    return found


SCRIPT_NAMES_FR = {"LATIN": "latines", "CYRILLIC": "cyrilliques", "GREEK": "grecques"}


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold (C0 controls but tab and line breaks,
    lone surrogates, U+FFFE, U+FFFF) replaced by U+FFFD: what the Atom feed and the sitemap
    write is always well-formed, whatever came in (a git author name, an older version)."""
    return _NOT_XML.sub("\ufffd", text)
