"""The handbook's configuration, read from mkdocs.yml as MkDocs reads it (site.config)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.site.config import HandbookConfigError, read_mkdocs_config


def _write(root: Path, text: str) -> None:
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")


class TestReadMkdocsConfig:
    def test_python_tags_do_not_hide_the_site_url(self, tmp_path: Path) -> None:
        """Material configurations use `!!python/name:` tags; site_url is still read."""
        _write(tmp_path, "site_name: X\nsite_url: https://guide.example/\nmarkdown_extensions:\n"
               "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
        assert "https://guide.example/" == read_mkdocs_config(tmp_path).site_url

    def test_env_tag_is_resolved_as_mkdocs_does(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`site_url: !ENV SITE_URL` takes the variable's value (regression: it used to read as nothing)."""
        monkeypatch.setenv("RECETTES_TEST_SITE_URL", "https://env.example/guide/")
        _write(tmp_path, "site_name: X\nsite_url: !ENV RECETTES_TEST_SITE_URL\n")
        assert "https://env.example/guide/" == read_mkdocs_config(tmp_path).site_url

    def test_env_tag_default_when_unset(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`!ENV [VAR, default]` falls back to the default, as in MkDocs."""
        monkeypatch.delenv("RECETTES_TEST_UNSET", raising=False)
        _write(tmp_path, "site_name: X\nsite_url: !ENV [RECETTES_TEST_UNSET, 'https://defaut.example/']\n")
        assert "https://defaut.example/" == read_mkdocs_config(tmp_path).site_url

    def test_plugin_options_are_read_and_validated(self, tmp_path: Path) -> None:
        """The recettes plugin's options come with MkDocs' validation and defaults."""
        _write(tmp_path, "site_name: X\nrepo_url: https://forge.example/r\nplugins:\n"
               "  - recettes:\n      latest: 2\n      edit_branch: principal\n")
        config = read_mkdocs_config(tmp_path)
        options = config.options()
        assert 2 == options.latest
        assert "https://forge.example/r/edit/principal/recipes/{slug}/{file}" == options.edit_url_template

    def test_without_the_plugin_the_defaults_apply(self, tmp_path: Path) -> None:
        _write(tmp_path, "site_name: X\n")
        assert 6 == read_mkdocs_config(tmp_path).options().latest

    def test_absent_file_is_a_french_error(self, tmp_path: Path) -> None:
        """No mkdocs.yml: a French error that says what to do."""
        with pytest.raises(HandbookConfigError, match=r"mkdocs\.yml introuvable"):
            read_mkdocs_config(tmp_path)


class TestIntroductionUrl:
    @pytest.mark.parametrize(("repo_url", "value", "expected"), [
        ("https://github.com/reseau/guide", "forge", "https://github.com/reseau/guide/issues/new?title={title}&body={body}"),
        ("", "'mailto:animation@reseau.example?subject={title}&body={body}'",
         "mailto:animation@reseau.example?subject={title}&body={body}"),
        ("https://github.com/reseau/guide", "''", ""),
    ])
    def test_resolved_into_the_page_options(self, tmp_path: Path, repo_url: str, value: str, expected: str) -> None:
        repo = f"repo_url: {repo_url}\n" if repo_url else ""
        _write(tmp_path, f"site_name: X\n{repo}plugins:\n  - recettes:\n      introduction_url: {value}\n")
        assert expected == read_mkdocs_config(tmp_path).options().introduction_url

    @pytest.mark.parametrize(("repo_url", "value", "message"), [
        ("", "'ftp://x.example/{title}'", "n’est ni une adresse en https://"),
        ("https://forge.example/reseau/guide", "forge", "demande un repo_url sur une forge connue"),
    ])
    def test_a_wrong_value_is_a_french_error(self, tmp_path: Path, repo_url: str, value: str, message: str) -> None:
        repo = f"repo_url: {repo_url}\n" if repo_url else ""
        _write(tmp_path, f"site_name: X\n{repo}plugins:\n  - recettes:\n      introduction_url: {value}\n")
        with pytest.raises(HandbookConfigError) as caught:
            read_mkdocs_config(tmp_path).options()
        said = str(caught.value).replace("\u00a0", " ")
        assert message in said and said.startswith("mkdocs.yml invalide : ")
        assert "Aborted" not in said  # MkDocs' English words are replaced by what it logged
        if not repo_url:
            assert said.startswith("mkdocs.yml invalide : option « introduction_url » du greffon recettes : ")
