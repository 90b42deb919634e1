"""Every validation message and hint is French, whatever pydantic says underneath: bad values of
every kind of field, checked against a list of English words."""

from __future__ import annotations

import re

import pytest

from recettes.core.model import Ambassador, Recipe
from recettes.read.load import validate_document
from recettes.read.yamlfile import parse_yaml

BASE = {
    "schema_version": "1", "title": "Un titre correct", "summary": "Un résumé suffisamment long.",
    "version": "1.0.0", "status": "published", "territory": "{place: brest}", "themes": "[alimentation]",
}
BAD = [
    "started: 20.5", "started: '2012'", "started: 1500", "started: true",
    "territory: {place: brest, location: {lat: 100, lon: 0}}", "territory: brest",
    "resources: {budget: {min: 5, max: 1}}", "resources: {budget: {min: -1, max: 1}}",
    "resources: {budget: {min: 1, max: 2, currency: euro}}", "impact: [{name: x, value: [1]}]",
    "links: [{title: x, url: 'ftp://x'}]", "adapted_from: {recipe: a, url: 'https://x', changes: ok}",
    "documented_by: [{id: a, name: b}]", "documented_by: oui", "sources: [{date: '2013'}]",
    "sources: [{title: t, date: 2013-13}]", "sources: {title: x}", "changelog: [{version: 1.0, summary: x}]",
    "licence: 'CC BY'", "status: publie", "schema_version: 2", "themes: []", "holders: [{id: a, role: owner}]",
    "title: ab", "summary: " + "x" * 500, "version: 1.0", "inconnue: 1",
]
ENGLISH = re.compile(r"\b(?:or|and|Input|should|Value error|Field required|valid|expected|must|not a)\b")


def _messages(line: str, model: type[Recipe] | type[Ambassador] = Recipe) -> list[str]:
    key = line.split(":", 1)[0]
    text = "".join(f"{k}: {v}\n" for k, v in BASE.items() if k != key) + line + "\n"
    doc, problems = parse_yaml(text, "r.yml")
    assert doc is not None
    _, found = validate_document(doc, "r.yml", model)
    problems += found
    assert problems, f"« {line} » devrait être refusé"
    return [part for p in problems for part in (p.message, p.hint)]


class TestFrenchMessages:
    @pytest.mark.parametrize("line", BAD)
    def test_no_english_in_message_or_hint(self, line: str) -> None:
        english = [text for text in _messages(line) if ENGLISH.search(text)]
        assert [] == english

    def test_choices_are_listed_in_french(self) -> None:
        """The statuses are « draft », « published » ou « archived », not pydantic's « or »."""
        hint = _messages("status: publie")[1]
        assert "Valeurs possibles\u00a0: «\u00a0draft\u00a0», «\u00a0published\u00a0» ou «\u00a0archived\u00a0»." == hint

    def test_the_detector_catches_english(self) -> None:
        assert ENGLISH.search("Valeurs possibles : 'draft', 'published' or 'archived'.")
        assert ENGLISH.search("valeur invalide « x » (Input should be a valid integer)")
        assert not ENGLISH.search("Valeurs possibles : « draft » ou « archived ».")
