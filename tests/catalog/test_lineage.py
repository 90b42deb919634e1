"""catalog.lineage: which version of the original an adaptation is compared with, how each
section changed, and R275 for a version the original never had. Real git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.catalog.lineage import Reason, lineage, lineage_problems
from recettes.catalog.sectiondiff import Change
from recettes.catalog.snapshots import build_catalog
from recettes.core.problems import Code
from recettes.read.checks import validate_repository
from tests.support.lineage import ADAPTED, adaptation, lineage_repo

from ..conftest import GitRepo


def _catalog(root: Path):  # type: ignore[no-untyped-def]
    repo, report = validate_repository(root)
    assert report.ok, report.sorted()
    catalog, _ = build_catalog(root, repo)
    return catalog


class TestBase:
    def test_without_version_the_one_in_force_at_the_first_commit(self, tmp_path: Path) -> None:
        """No ``version``: 1.1.0, in force on 1 September 2025, not 1.0.0 nor today's 2.0.0."""
        catalog = _catalog(lineage_repo(tmp_path / "r").path)
        found = lineage(catalog, "compost-bourg")
        assert found is not None
        assert ("1.1.0", Reason.AT_ADAPTATION) == (found.base.version, found.base.reason)
        assert found.base.date is not None and found.base.date.date().isoformat() == "2025-09-01"

    def test_declared_version_is_read_from_history(self, tmp_path: Path) -> None:
        """``version: 1.0.0``: compared with the text of 1.0.0, read from git."""
        root = lineage_repo(tmp_path / "r", "  recipe: compost-partage\n  version: 1.0.0\n  changes: x y.\n").path
        found = lineage(_catalog(root), "compost-bourg")
        assert found is not None and (found.base.version, found.base.reason) == ("1.0.0", Reason.DECLARED)
        how = next(s for s in found.sections if s.kind == "how-to")
        removed = "".join(t for item in how.items for op, t in item.words if op == "-")
        assert "Frappez à chaque porte." in removed

    def test_unknown_version_is_a_located_error_and_the_current_one_is_used(self, tmp_path: Path) -> None:
        """A version the original never had: R275 at the key, known versions in the hint."""
        root = lineage_repo(tmp_path / "r", "  recipe: compost-partage\n  version: 1.5.0\n  changes: x y.\n").path
        catalog = _catalog(root)
        [problem] = lineage_problems(catalog)
        assert (ADAPTED, 15, 12, Code.R275) == (problem.path, problem.line, problem.column, problem.code)
        assert "n’a jamais eu la version 1.5.0" in problem.message
        assert "2.0.0, 1.1.0, 1.0.0" in problem.hint
        found = lineage(catalog, "compost-bourg")
        assert found is not None and (found.base.version, found.base.reason) == ("2.0.0", Reason.UNKNOWN)

    def test_without_git_the_current_version_is_stated(self, tmp_path: Path) -> None:
        """A copy without .git: nothing to go by, the current version; no R275 for 1.0.0 (unknowable),
        but one for 3.0.0, past the current version."""
        root = lineage_repo(tmp_path / "r", "  recipe: compost-partage\n  version: 1.0.0\n  changes: x y.\n").path
        import shutil
        shutil.rmtree(root / ".git")
        catalog = _catalog(root)
        found = lineage(catalog, "compost-bourg")
        assert found is not None and (found.base.version, found.base.reason) == ("2.0.0", Reason.NO_HISTORY)
        assert [] == lineage_problems(catalog)
        (root / ADAPTED).write_text(adaptation("  recipe: compost-partage\n  version: 3.0.0\n  changes: x y.\n"))
        assert [Code.R275] == [p.code for p in lineage_problems(_catalog(root))]

    def test_not_committed_yet_compares_with_the_current_version(self, tmp_path: Path) -> None:
        """An adaptation written but not committed has no date: the current version."""
        repo = lineage_repo(tmp_path / "r")
        repo.write("recipes/compost-neuf/recipe.md", adaptation("  recipe: compost-partage\n  changes: x y.\n")
                   .replace("Compost partagé au bourg", "Compost partagé neuf"))
        found = lineage(_catalog(repo.path), "compost-neuf")
        assert found is not None and (found.base.version, found.base.reason) == ("2.0.0", Reason.CURRENT)

    def test_an_url_origin_or_no_origin_has_no_lineage(self, tmp_path: Path) -> None:
        repo = lineage_repo(tmp_path / "r", "  url: https://example.org/compost\n  changes: x y.\n")
        catalog = _catalog(repo.path)
        assert lineage(catalog, "compost-bourg") is None and lineage(catalog, "compost-partage") is None


class TestSections:
    def test_each_section_unchanged_changed_added_or_removed(self, tmp_path: Path) -> None:
        """Against 1.1.0: Contexte added, Comment faire and Freins changed, the rest unchanged."""
        found = lineage(_catalog(lineage_repo(tmp_path / "r").path), "compost-bourg")
        assert found is not None
        assert {"context": Change.ADDED, "how-to": Change.CHANGED, "obstacles": Change.CHANGED,
                "enablers": Change.SAME, "reproducibility": Change.SAME} == {
            s.kind: s.change for s in found.sections}
        how = {item.title: item for item in next(s for s in found.sections if s.kind == "how-to").items}
        renamed = how["Réunir les habitant·es"]
        assert (Change.CHANGED, "Réunir les voisin·es") == (renamed.change, renamed.old_title)
        assert (("=", "Affichez un mot "), ("-", "dans le hall"), ("+", "à la mairie"),
                ("=", " et proposez un café.")) == renamed.words
        assert Change.SAME is how["Installer les bacs"].change
        obstacles = next(s for s in found.sections if s.kind == "obstacles").items
        assert [("Les odeurs", Change.SAME), ("Le bailleur", Change.REMOVED)] == [
            (i.title, i.change) for i in obstacles]


def test_repository_fixture_is_real_git(tmp_path: Path) -> None:
    """The fixture's history has the four commits the tests rely on."""
    repo: GitRepo = lineage_repo(tmp_path / "r")
    assert 4 == len(repo.git("log", "--format=%H").split())


class TestNetwork:
    def test_an_adaptation_inside_a_source_is_compared_under_union_names(self, tmp_path: Path) -> None:
        """A source's adaptation of its own recipe, renamed in the union (the region has a
        « compost-partage » too): compared with the declared version, read from the source's
        history; a version it never had is R275 located in the source's clone."""
        from recettes.catalog.network import read_catalog
        from tests.conftest import invoke
        from tests.support.network import network_file, territory, write_recipe

        region = territory(tmp_path / "region")
        write_recipe(region, "compost-partage", "Compost partagé de la région")
        region.commit("Région", date="2024-01-01T10:00:00+01:00")
        brest = territory(tmp_path / "brest")
        write_recipe(brest, "compost-partage", "Compost partagé de Brest", text="Frappez à chaque porte.")
        brest.commit("Compost", date="2024-03-01T10:00:00+01:00")
        write_recipe(brest, "compost-partage", "Compost partagé de Brest", version="1.1.0",
                     text="Affichez un mot dans le hall.")
        brest.commit("Compost 1.1", date="2024-05-01T10:00:00+01:00")
        block = "adapted_from:\n  recipe: compost-partage\n  version: {}\n  changes: Au bourg.\n"
        write_recipe(brest, "compost-bourg", "Compost du bourg", text="Affichez un mot à la mairie.",
                     extra=block.format("1.0.0"))
        brest.commit("Bourg", date="2024-06-01T10:00:00+01:00")
        network_file(region.path, [{"id": "brest", "label": "Pays de Brest", "url": "../brest", "ref": "main",
                                    "territory": "brest"}])
        invoke("network", "update", "--root", str(region.path))
        repo, _ = validate_repository(region.path)
        catalog, _, problems = read_catalog(region.path, repo)
        assert [] == [p for p in problems if p.is_error]
        found = lineage(catalog, "compost-bourg")
        assert found is not None
        assert ("compost-partage-brest", "1.0.0", Reason.DECLARED) == (
            found.base.origin, found.base.version, found.base.reason)
        how = next(s for s in found.sections if s.kind == "how-to")
        removed = " ".join(t for item in how.items for op, t in item.words if op == "-")
        assert "Frappez chaque porte." == removed  # 1.0.0's words, « à » kept
        assert [] == lineage_problems(catalog)

        write_recipe(brest, "compost-bourg", "Compost du bourg", version="1.0.1", text="Affichez un mot à la mairie.",
                     extra=block.format("0.9.0"))
        brest.commit("Bourg, version inconnue", date="2024-07-01T10:00:00+01:00")
        invoke("network", "update", "--root", str(region.path))
        repo, _ = validate_repository(region.path)
        catalog, _, _ = read_catalog(region.path, repo)
        [problem] = lineage_problems(catalog)
        assert (".recettes/reseau/brest/recipes/compost-bourg/recipe.md", Code.R275) == (problem.path, problem.code)
        assert "1.1.0, 1.0.0" in problem.hint


class TestValidation:
    @pytest.mark.parametrize(("block", "expected"), [
        ("  url: https://example.org/compost\n  version: 1.0.0\n  changes: x y.\n",
         "«\u00a0version\u00a0» désigne une version d’une recette du guide"),
        ("  recipe: compost-partage\n  version: v1\n  changes: x y.\n", "adapted_from.version"),
    ])
    def test_a_version_without_recipe_or_not_semver_is_refused(self, tmp_path: Path, block: str,
                                                                 expected: str) -> None:
        """Located French problems from validation, without git."""
        root = lineage_repo(tmp_path / "r").path
        (root / ADAPTED).write_text(adaptation(block), encoding="utf-8")
        _, report = validate_repository(root)
        [problem] = report.errors
        assert (ADAPTED, Code.R012) == (problem.path, problem.code)
        assert expected in problem.message


class TestValidateCommand:
    def test_recettes_validate_reports_a_version_the_original_never_had(self, tmp_path: Path) -> None:
        """``recettes validate`` reads the history for the adaptations that declare a version:
        R275 at the key, exit 1; the whole repository or the adaptation alone."""
        from tests.conftest import invoke

        root = lineage_repo(tmp_path / "r", "  recipe: compost-partage\n  version: 1.5.0\n  changes: x y.\n").path
        for args in (["--root", str(root)], [str(root / "recipes" / "compost-bourg")]):
            result = invoke("validate", *args, code=1)
            assert f"{ADAPTED}:15:12: R275 la recette d’origine «\u00a0compost-partage\u00a0» n’a jamais eu la " \
                   "version 1.5.0" in result.stdout
        (root / ADAPTED).write_text(adaptation("  recipe: compost-partage\n  version: 1.0.0\n  changes: x y.\n"),
                                    encoding="utf-8")
        invoke("validate", "--root", str(root))

    def test_without_git_validate_still_works(self, tmp_path: Path) -> None:
        """A copy outside git: 1.0.0 cannot be checked (passes), 3.0.0 is past the current 2.0.0 (R275)."""
        import shutil

        from tests.conftest import invoke

        root = lineage_repo(tmp_path / "r", "  recipe: compost-partage\n  version: 1.0.0\n  changes: x y.\n").path
        shutil.rmtree(root / ".git")
        invoke("validate", "--root", str(root))
        (root / ADAPTED).write_text(adaptation("  recipe: compost-partage\n  version: 3.0.0\n  changes: x y.\n"),
                                    encoding="utf-8")
        assert "R275" in invoke("validate", "--root", str(root), code=1).stdout
