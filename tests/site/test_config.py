"""Site configuration read by the commands (generate, export) from mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from recettes.site.config import mkdocs_settings


class TestMkdocsSettings:
    def test_python_tags_do_not_hide_the_site_url(self, tmp_path: Path) -> None:
        """Material configurations use `!!python/name:` tags; site_url is still read."""
        (tmp_path / "mkdocs.yml").write_text(
            "site_url: https://guide.example/\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
        assert "https://guide.example/" == mkdocs_settings(tmp_path)["site_url"]

    def test_absent_file_gives_nothing(self, tmp_path: Path) -> None:
        """No mkdocs.yml: no settings, no error."""
        assert {} == mkdocs_settings(tmp_path)
