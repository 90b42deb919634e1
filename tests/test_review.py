"""Review by pull request: the template lists the network's criteria in French, CODEOWNERS asks a
maintainer for anything but recipes and profiles, and new territories get the same template."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from recettes.scaffold.starter import write_starter

from .conftest import ROOT

CRITERIA = ["se comprend seule", "Chaque section est écrite", "source citée", "consentement", "version"]


def _owners(path: str, lines: list[str]) -> list[str] | None:
    """GitHub's rule: the last matching pattern decides; a pattern without owners means none."""
    found = None
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pattern, *owners = line.split()
        anchored = pattern.startswith("/")
        glob = pattern.lstrip("/")
        if glob.endswith("/"):
            matches = path.startswith(glob) if anchored else f"/{glob}" in f"/{path}"
        else:
            matches = fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], glob)
        if matches:
            found = owners
    return found


class TestReview:
    @pytest.mark.parametrize("template", [".github/pull_request_template.md",
                                          ".gitlab/merge_request_templates/Default.md"])
    def test_template_lists_the_criteria_in_french(self, template: str) -> None:
        text = (ROOT / template).read_text(encoding="utf-8")
        assert all(criterion in text for criterion in CRITERIA)
        assert text.count("- [ ]") >= len(CRITERIA)

    @pytest.mark.parametrize(("path", "maintainer"), [
        ("recipes/compost/recipe.md", False), ("recipes/compost/media/photo.jpg", False),
        ("ambassadors/anne.yml", False), ("mkdocs.yml", True), (".github/workflows/ci.yml", True),
        ("tools/recettes/site/plugin.py", True), (".pre-commit-hooks.yaml", True), ("Makefile", True),
        ("schema/vocabularies/themes.yml", True)])
    def test_codeowners_asks_a_maintainer_outside_content(self, path: str, maintainer: bool) -> None:
        lines = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        assert maintainer == bool(_owners(path, lines))

    def test_a_new_territory_gets_the_templates(self, tmp_path: Path) -> None:
        write_starter(tmp_path / "territoire", name="Recettes du pays", git=False)
        for target in (".github/pull_request_template.md", ".gitlab/merge_request_templates/Default.md"):
            assert "Chaque section est écrite" in (tmp_path / "territoire" / target).read_text(encoding="utf-8")

    def test_a_new_territory_asks_a_maintainer_for_its_configuration(self, tmp_path: Path) -> None:
        write_starter(tmp_path / "territoire", name="Recettes du pays", git=False)
        for target in (".github/CODEOWNERS", ".gitlab/CODEOWNERS"):
            lines = (tmp_path / "territoire" / target).read_text(encoding="utf-8").splitlines()
            assert _owners("mkdocs.yml", lines) and _owners(".gitlab-ci.yml", lines)
            assert not _owners("recipes/compost/recipe.md", lines)

    def test_a_new_territory_has_the_local_writing_workshop(self, tmp_path: Path) -> None:
        """« make atelier » in a territory: the same pinned decap-server as this repository."""
        write_starter(tmp_path / "territoire", name="Recettes du pays", git=False)
        made = tmp_path / "territoire"
        assert "\natelier: validate $(DECAP_SERVER)\n" in (made / "Makefile").read_text(encoding="utf-8")
        for name in ("package.json", "package-lock.json"):
            assert (ROOT / "tools" / "atelier" / name).read_bytes() == (made / "atelier" / name).read_bytes()

