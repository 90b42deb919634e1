"""catalog.sectiondiff: sections, items and words of two texts compared."""

from __future__ import annotations

import time

import pytest

from recettes.catalog.sectiondiff import Change, compare, word_diff
from recettes.read.markdown import parse_section


class TestWords:
    @pytest.mark.parametrize(("old", "new", "expected"), [
        ("un  deux\ntrois", "un deux trois", (("=", "un deux trois"),)),
        ("", "", ()),
        ("a b c", "a c", (("=", "a "), ("-", "b "), ("=", "c"))),
        ("le chat dort", "le chien dort bien", (("=", "le "), ("-", "chat"), ("+", "chien"),
                                                ("=", " dort"), ("+", " bien"))),
        ("Étape 1 : 3 bacs.", "Étape 1 : 4 bacs.", (("=", "Étape 1 : "), ("-", "3"), ("+", "4"), ("=", " bacs."))),
    ])
    def test_word_diff(self, old: str, new: str, expected: tuple[tuple[str, str], ...]) -> None:
        """Words kept, removed before added; spacing alone is no change."""
        assert expected == word_diff(old, new)

    def test_word_diff_rebuilds_both_texts(self) -> None:
        """Kept plus removed words give the old text, kept plus added the new one (spaces aside)."""
        old = "Réunir les voisins une fois par mois, au pied de l’immeuble, avec le bailleur."
        new = "Réunir les habitants deux fois par mois au café, avec la mairie et le bailleur."
        words = word_diff(old, new)
        assert old.split() == "".join(t for op, t in words if op != "+").split()
        assert new.split() == "".join(t for op, t in words if op != "-").split()

    def test_long_texts_are_diffed_quickly(self) -> None:
        """6,000 words of a small vocabulary, one in ten changed: well under a second."""
        words = [("bac", "compost", "jardin", "voisin", "mairie", "été")[(i * 7) % 6] for i in range(6000)]
        changed = [w if i % 10 else "autre" for i, w in enumerate(words)]
        start = time.perf_counter()
        result = word_diff(" ".join(words), " ".join(changed))
        assert time.perf_counter() - start < 1.0
        assert 600 == sum(1 for op, _ in result if op == "+")

    def test_an_item_title_match_ignores_case_and_accents(self) -> None:
        old, _ = parse_section("obstacles", "## Les Odeurs\n\nTexte.\n", "a.md")
        new, _ = parse_section("obstacles", "## les odeurs\n\nTexte.\n", "b.md")
        [section] = compare({"obstacles": old}, {"obstacles": new})
        assert [(Change.CHANGED, "Les Odeurs")] == [(i.change, i.old_title) for i in section.items]
