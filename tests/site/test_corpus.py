"""The repository's own corpus builds strictly, with every recipe page and no broken link."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.linkcheck import check_site

from .conftest import REPO, commit_all, mkdocs
from .scan import scan
from .test_french import english_in

pytestmark = pytest.mark.build


@pytest.mark.skipif(not (REPO / "recipes").is_dir(), reason="pas encore de recettes dans le dépôt")
class TestCorpus:
    def test_strict_build_of_the_repository(self, tmp_path: Path) -> None:
        """mkdocs build --strict passes; each published recipe has its page; links resolve."""
        root = tmp_path / "repo"
        root.mkdir()
        for name in ("recipes", "ambassadors", "schema", "docs"):
            if (REPO / name).is_dir():
                shutil.copytree(REPO / name, root / name, symlinks=True)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        commit_all(root)  # a copy: its own history is tested in test_history_pages
        result = mkdocs(root, "--strict")
        assert 0 == result.returncode, result.stderr
        site = root / "site"
        recipes = [p.name for p in (root / "recipes").iterdir() if p.is_dir()]
        built = [p.name for p in (site / "recettes").iterdir() if (p / "index.html").is_file()]
        assert len(built) >= len(recipes) - sum("status: draft" in (root / "recipes" / r / "recipe.md").read_text()
                                                for r in recipes)
        assert [] == [str(b) for b in check_site(site)]
        for page in site.rglob("*.html"):
            found = scan(page)
            assert ([], []) == (found.problems, found.foreign_scripts()), page
        english = {p.relative_to(site).as_posix(): w for p in site.rglob("*.html")
                   if (w := english_in(p.read_text(encoding="utf-8")))}
        assert {} == english
