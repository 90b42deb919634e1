"""Section files: `##` items, links, raw HTML, located structure problems."""

from __future__ import annotations

from recettes.read.markdown import parse_section


class TestItems:
    def test_each_level_two_heading_is_an_item(self) -> None:
        """Intro, then items with their text and line; `###` stays inside its item."""
        text = "Intro.\n\n## Un\n\nTexte un.\n\n### Détail\n\nPlus.\n\n## Deux\n\nTexte deux.\n"
        section, problems = parse_section("how-to", text, "f.md")
        assert [] == problems
        assert "Intro." == section.intro
        assert [("Un", 3), ("Deux", 11)] == [(i.title, i.line) for i in section.items]
        assert "### Détail" in section.items[0].body

    def test_headings_inside_code_blocks_are_text(self) -> None:
        """A `## ` line inside a fenced block is not an item, nor is HTML there."""
        text = "## Un\n\n```\n## pas un titre\n<script>\n```\n"
        section, problems = parse_section("how-to", text, "f.md")
        assert ["Un"] == [i.title for i in section.items]
        assert [] == problems

    def test_empty_item_and_level_one_heading_are_located(self) -> None:
        """Structure problems point at their line."""
        _, problems = parse_section("how-to", "# Titre\n\n## Vide\n\n## Plein\n\nTexte.\n", "f.md")
        assert [("R032", 1), ("R032", 3)] == [(p.code.name, p.line) for p in problems]


class TestInline:
    def test_links_are_collected_with_positions(self) -> None:
        """Recipe, ambassador, media and reference links are all found."""
        text = "## Un\n\nVoir [A](recette:a) et ![photo](media/p.jpg \"titre\").\n\n[ref]: https://example.org\n"
        section, _ = parse_section("how-to", text, "f.md")
        assert [("recette:a", 3, 6, False), ("media/p.jpg", 3, 24, True), ("https://example.org", 5, 8, False)] == [
            (link.target, link.line, link.column, link.image) for link in section.links]

    def test_raw_html_is_flagged_but_not_autolinks_or_code(self) -> None:
        """`<b>` is flagged; `<https://…>`, `a < b` and `` `<b>` `` are not."""
        text = "## Un\n\n<https://example.org> a < b `<b>` et <b>gras</b>\n"
        _, problems = parse_section("how-to", text, "f.md")
        assert [("R033", 3, 38), ("R033", 3, 45)] == [(p.code.name, p.line, p.column) for p in problems]


class TestInternalLinks:
    def test_internal_targets_are_read_one_way(self) -> None:
        """The checker and the renderer share one reading: kind, identifier, anchor."""
        from recettes.read.markdown import internal_link

        assert ("recette", "compost", "freins") == internal_link("recette:compost/#freins")
        assert ("ambassadeur", "marie", "") == internal_link("Ambassadrice:marie")
        assert internal_link("https://example.org") is None
