"""core.french: what a reader sees of a failed file operation is French, whatever the system."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from recettes.core.french import os_reason


def _error_of(action) -> OSError:  # type: ignore[no-untyped-def]
    with pytest.raises(OSError) as caught:
        action()
    return caught.value


def test_real_file_errors_are_said_in_french(tmp_path: Path) -> None:
    (tmp_path / "dossier").mkdir()
    (tmp_path / "fichier").write_text("x")
    assert "c’est un dossier" == os_reason(_error_of(lambda: (tmp_path / "dossier").read_text()))
    assert "fichier ou dossier introuvable" == os_reason(_error_of(lambda: (tmp_path / "absent").read_text()))
    assert "un élément du chemin n’est pas un dossier" == os_reason(
        _error_of(lambda: (tmp_path / "fichier" / "dedans").read_text()))
    assert "existe déjà" == os_reason(_error_of(lambda: (tmp_path / "dossier").mkdir()))


def test_an_unlisted_error_is_named_by_its_code_never_in_english() -> None:
    reason = os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))
    assert "erreur système EXDEV" == reason
    assert "erreur système" == os_reason(OSError("sans numéro"))
