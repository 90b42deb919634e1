"""history.remote: git on repositories that are not ours, one set of rules for the network's
sources and for ``recettes import``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from recettes.history.remote import RemoteGitError, run_git
from recettes.history.sources import SourceError, clone


def test_helper_transports_are_refused(tmp_path: Path) -> None:
    """``ext::`` would run a program: git refuses it before running anything."""
    witness = tmp_path / "lance"
    with pytest.raises(RemoteGitError) as raised:
        run_git(tmp_path, "clone", "--quiet", "--", f"ext::sh -c touch% {witness}", str(tmp_path / "copie"))
    assert not witness.exists()
    assert "ext" in str(raised.value)


def test_a_repository_hook_never_runs(tmp_path: Path) -> None:
    """Hooks are off for every call: a hook planted in a source (here by hand) stays inert."""
    source = tmp_path / "source"
    subprocess.run(["git", "init", "-q", str(source)], check=True)
    witness = tmp_path / "hook-lance"
    hook = source / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\ntouch {witness}\n", encoding="utf-8")
    hook.chmod(0o755)
    (source / "a.md").write_text("# A\n", encoding="utf-8")
    run_git(source, "add", "a.md")
    run_git(source, "-c", "user.name=Anne", "-c", "user.email=a@example.org", "commit", "-q", "-m", "a")
    assert not witness.exists()


def test_import_clone_gives_a_french_error_without_the_token(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as raised:
        clone("file://jeton:secret@" + str(tmp_path / "absent"), tmp_path / "copie")
    message = str(raised.value)
    assert "clonage de" in message and "impossible" in message and "secret" not in message
