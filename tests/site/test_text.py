"""Text: contributed strings made safe for titles, inline Markdown and section Markdown."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from recettes.core.french import french_date
from recettes.site.text import contributed, inline, plain


def _resolve(scheme: str, rest: str) -> str | None:
    ident, _, anchor = rest.partition("#")
    found = {"recette": {"b": "../b/index.md"}, "ambassadeur": {"m": "../../ambassadeurs/m.md"}}[scheme].get(ident)
    return found and found + (f"#{anchor}" if anchor else "")


class TestPlain:
    def test_no_markup_characters_survive(self) -> None:
        """Titles printed raw by the theme cannot open a tag, an entity or an attribute."""
        assert "‹/title›‹script›x ＆lt; ”q”" == plain('</title><script>x &lt; "q"')

    def test_one_line(self) -> None:
        """Newlines become spaces."""
        assert "a b" == plain("a\n  b")


class TestInline:
    def test_markdown_and_html_are_literal(self) -> None:
        """Link, emphasis, attribute list and tag syntax are escaped."""
        assert r"\[x\]\(javascript:y\) \*a\* \{: onclick=z\} &lt;b&gt; &amp;" == inline(
            "[x](javascript:y) *a* {: onclick=z} <b> &")


class TestContributed:
    def test_raw_html_is_shown_as_text(self) -> None:
        """A tag becomes text; code spans and autolinks stay."""
        assert "&lt;script>x &lt;/script> `<b>` <https://a.fr>" == contributed(
            "<script>x </script> `<b>` <https://a.fr>", _resolve)

    def test_internal_links_are_resolved(self) -> None:
        """recette: and ambassadeur: links become relative Markdown links; unknown ones go nowhere."""
        assert "[b](../b/index.md) [m](../../ambassadeurs/m.md#x) [z](#)" == contributed(
            "[b](recette:b) [m](ambassadeur:m#x) [z](recette:zz)", _resolve)

    def test_dangerous_schemes_are_disabled(self) -> None:
        """javascript: and data: links point nowhere."""
        assert "[a](#) [b](#)" == contributed("[a](javascript:alert(1)) [b](data:text/html,x)", _resolve)

    def test_attribute_lists_are_neutralised(self) -> None:
        """{: onclick=…} cannot set attributes."""
        assert r"Texte \{: onclick=alert(1) \}" == contributed("Texte {: onclick=alert(1) }", _resolve)

    def test_headings_move_down_and_code_is_kept(self) -> None:
        """### inside an item becomes ####; fenced code is untouched."""
        assert "#### Sous-titre\n```\n<b>{x}\n```" == contributed("### Sous-titre\n```\n<b>{x}\n```", _resolve)


class TestFrenchDate:
    def test_full_dates(self) -> None:
        """Day, month name, year; the first of the month is « 1er »."""
        assert "22 novembre 2026" == french_date(date(2026, 11, 22))
        assert "1er mars 2025" == french_date(date(2025, 3, 1))

    def test_a_datetime_keeps_its_own_day(self) -> None:
        """A commit at 23:30 in Paris is dated that day, whatever the machine's locale."""
        late = datetime(2024, 8, 15, 23, 30, tzinfo=timezone(timedelta(hours=2)))
        assert "15 août 2024" == french_date(late)

    def test_partial_dates_of_the_metadata(self) -> None:
        """AAAA, AAAA-MM and AAAA-MM-JJ as written in recipe.yml."""
        assert ["2016", "mai 2016", "3 février 2016"] == [
            french_date(v) for v in ("2016", "2016-05", "2016-02-03")]
