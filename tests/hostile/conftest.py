"""Fixtures of the hostile-input tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import make_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A minimal valid repository (``tests.conftest.make_repo``) to add hostile recipes to."""
    return make_repo(tmp_path / "depot")
