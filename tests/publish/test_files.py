"""publish.files.write_files: texts and bytes written all or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from recettes.publish.files import write_files


class TestWriteFiles:
    def test_texts_and_bytes_are_written_as_given(self, tmp_path: Path) -> None:
        pdf = b"%PDF-1.7\r\n\x00\xff binaire\n"
        write_files({tmp_path / "a" / "fiche.pdf": pdf, tmp_path / "texte.csv": "é;\r\nà\n"})
        assert pdf == (tmp_path / "a" / "fiche.pdf").read_bytes()
        assert "é;\r\nà\n".encode() == (tmp_path / "texte.csv").read_bytes()

    def test_nothing_is_replaced_when_one_write_fails(self, tmp_path: Path) -> None:
        (tmp_path / "ancien.pdf").write_bytes(b"ancien")
        (tmp_path / "dossier").mkdir()
        with pytest.raises(IsADirectoryError):
            write_files({tmp_path / "ancien.pdf": b"nouveau", tmp_path / "dossier": b"x"})
        assert b"ancien" == (tmp_path / "ancien.pdf").read_bytes()
        assert ["ancien.pdf", "dossier"] == sorted(p.name for p in tmp_path.iterdir())
