"""Sanitize: rendered HTML keeps Material's markup and loses anything executable."""

from __future__ import annotations

import pytest

from recettes.site.sanitize import sanitize, text_only


class TestSanitize:
    @pytest.mark.parametrize("markup", [
        '<h2 id="freins">Freins<a class="headerlink" href="#freins" title="Permanent link">¶</a></h2>',
        '<div class="admonition abstract"><p class="admonition-title">En bref</p></div>',
        '<div class="highlight"><pre><span></span><code><span class="n">x</span></code></pre></div>',
        '<p><img alt="Le composteur" src="media/composteur.png"></p>',
        '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>',
        '<p><a href="../compost-rural/">lien</a> <a href="https://example.org/">web</a></p>',
    ])
    def test_material_markup_survives(self, markup: str) -> None:
        """Headings with anchors, admonitions, highlighted code, images, tables and links stay."""
        assert markup == sanitize(markup)

    @pytest.mark.parametrize(("markup", "expected"), [
        ("<p>a<script>alert(1)</script></p>", "<p>a</p>"),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ("<style>body{display:none}</style><p>b</p>", "<p>b</p>"),
        ('<iframe src="https://evil.example"></iframe>', ""),
        ('<form action="https://evil.example"><input name="p"></form>', ""),
        ('<p style="position:fixed" onclick="x">c</p>', "<p>c</p>"),
    ])
    def test_executable_markup_is_removed(self, markup: str, expected: str) -> None:
        """Scripts, event attributes, javascript: URLs, styles, frames and forms are removed."""
        assert expected == sanitize(markup)


class TestTextOnly:
    def test_tags_removed_text_escaped(self) -> None:
        """A title keeps its text only, escaped."""
        assert "a &lt;b&gt;" == text_only("a <i>&lt;b&gt;</i><script>x</script>")
