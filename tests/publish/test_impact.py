"""publish.impact: which figures add up (same indicator, units that agree), the period they
cover, and what is kept apart."""

from __future__ import annotations

import pytest

from recettes.publish.impact import Figure, canonical_unit, group


class TestUnits:
    @pytest.mark.parametrize(("written", "expected"), [
        ("personnes", ("personnes", 1.0)),
        ("Personne", ("personnes", 1.0)),
        ("pers.", ("personnes", 1.0)),
        ("Bénévoles", ("bénévoles", 1.0)),
        ("benevole", ("bénévoles", 1.0)),
        ("tonnes", ("kg", 1000.0)),
        ("kilos", ("kg", 1.0)),
        ("Tonnes par an", ("kg par an", 1000.0)),
        ("kg/an", ("kg par an", 1.0)),
        ("t / année", ("kg par an", 1000.0)),
        ("€", ("euros", 1.0)),
        ("hectares", ("m²", 10_000.0)),
        (None, ("", 1.0)),
        ("  ", ("", 1.0)),
    ])
    def test_table(self, written: str | None, expected: tuple[str, float]) -> None:
        assert expected == canonical_unit(written)

    @pytest.mark.parametrize("written", ["gobelets", "Gobelets", "gobelets."])
    def test_a_unit_outside_the_table_is_itself_folded(self, written: str) -> None:
        """No plural is guessed: « gobelets » stays « gobelets », never « gobelet »."""
        assert ("gobelets", 1.0) == canonical_unit(written)
        assert canonical_unit("gobelet")[0] != canonical_unit(written)[0]


def _figure(slug: str, name: str, value: float | str, unit: str | None, date: str | None = None,
            source: str | None = "Bilan") -> Figure:
    amount = value * canonical_unit(unit)[1] if isinstance(value, float | int) else None
    return Figure(slug, slug.title(), name, value, unit, amount, date, source)


class TestGroup:
    def test_same_indicator_and_agreeing_units_add_up(self) -> None:
        """2 tonnes/an + 500 kg par an of « Déchets évités » (case, accents aside): 2,500 kg par an,
        from 2016 to 2018, one figure undated."""
        found = group("theme", "alimentation", "Alimentation", [
            _figure("a", "Déchets évités", 2, "tonnes par an", "2016"),
            _figure("b", "dechets  évités", 500, "kg/an", "2018"),
            _figure("c", "Déchets évités.", 100, "kilos par an"),
        ])
        [total] = found.totals
        assert ("Déchets évités", "kg par an", 2600.0) == (total.name, total.unit, total.total)
        assert (("2016", "2018"), 1) == (total.period, total.undated)
        assert ["a", "b", "c"] == [f.slug for f in total.figures]

    def test_units_that_do_not_agree_each_keep_a_total_and_are_listed_apart(self) -> None:
        found = group("territory", "brest", "Brest", [
            _figure("a", "Déchets évités", 2, "tonnes"),
            _figure("b", "Déchets évités", 3, "m3"),
            _figure("c", "Déchets évités", 1, "tonne"),
        ])
        assert [("kg", 3000.0), ("m3", 3.0)] == [(t.unit, t.total) for t in found.totals]
        assert (("Déchets évités", ("kg", "m3")),) == found.split

    def test_text_values_are_not_added(self) -> None:
        found = group("theme", "t", "T", [_figure("a", "Interventions", "une demi-douzaine", None),
                                          _figure("b", "Interventions", 4, None)])
        assert [("", 4.0)] == [(t.unit, t.total) for t in found.totals]
        assert ["a"] == [f.slug for f in found.texts]

    def test_different_indicators_never_merge(self) -> None:
        """Names are compared whole: « Personnes formées » and « Personnes accueillies » stay two."""
        found = group("theme", "t", "T", [_figure("a", "Personnes formées", 10, "personnes"),
                                          _figure("b", "Personnes accueillies", 10, "personnes")])
        assert 2 == len(found.totals)

    def test_nothing_numeric_nor_textual_is_empty(self) -> None:
        assert group("theme", "t", "T", []).empty
