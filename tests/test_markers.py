"""The slow tests are marked: ``browser`` for Chromium, ``build`` for a real MkDocs build."""

from __future__ import annotations

import pytest

from .conftest import missing_markers, require_marker


class TestMissingMarkers:
    def test_a_fixture_that_builds_needs_build(self) -> None:
        """``built_fixture`` (a whole MkDocs build) asks for the ``build`` marker."""
        assert ["build"] == missing_markers(["tmp_path", "built_fixture"], set())
        assert [] == missing_markers(["tmp_path", "built_fixture"], {"build"})

    def test_chromium_needs_browser(self) -> None:
        """The Chromium fixture asks for ``browser``; a build marker does not stand in for it."""
        assert ["browser"] == missing_markers(["chromium", "map_site"], {"build"})
        assert ["browser", "build"] == missing_markers(["chromium", "map_site"], {"parametrize"})

    def test_other_fixtures_need_nothing(self) -> None:
        assert [] == missing_markers(["tmp_path", "run_line", "git_repo"], set())


class TestRequireMarker:
    def test_an_unmarked_test_fails_when_it_builds(self) -> None:
        """mkdocs() and the Chromium fixture call this: unmarked, the test fails and says why."""
        with pytest.raises(pytest.fail.Exception, match=r"test_markers.py::.* runs mkdocs build without "
                                                        r"@pytest.mark.build"):
            require_marker("build", "runs mkdocs build")

    @pytest.mark.build
    def test_a_marked_test_may_build(self) -> None:
        require_marker("build", "runs mkdocs build")
