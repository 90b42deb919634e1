"""Decap CMS and js-yaml, vendored from npm by tools/scripts/vendor-decap.sh: the committed files
are the ones the script fetched, nothing more, and the pinned versions are the script's."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from .conftest import ROOT

ADMIN = ROOT / "tools" / "recettes" / "assets" / "admin"
FOLDER = ADMIN / "decap"
VENDORED = [FOLDER, ADMIN / "js-yaml"]
SCRIPT = ROOT / "tools" / "scripts" / "vendor-decap.sh"


def _sums(folder: Path = FOLDER) -> dict[str, str]:
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines)}


class TestVendoredDecap:
    @pytest.mark.parametrize("folder", VENDORED, ids=lambda p: p.name)
    def test_files_match_their_checksums(self, folder: Path) -> None:
        """A byte changed in a vendored file (by hand, or by a bad merge) fails here."""
        for name, digest in _sums(folder).items():
            assert digest == hashlib.sha256((folder / name).read_bytes()).hexdigest(), name

    @pytest.mark.parametrize("folder", VENDORED, ids=lambda p: p.name)
    def test_every_file_is_listed(self, folder: Path) -> None:
        """Nothing lies in the folder that the script did not fetch (and so that no sum covers)."""
        present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert present - {"SHA256SUMS"} == set(_sums(folder))

    def test_versions_are_the_scripts_defaults(self) -> None:
        """VERSION says what was fetched; re-running the script without arguments fetches the same."""
        script = SCRIPT.read_text(encoding="utf-8")
        decap = re.search(r'VERSION="\$\{1:-([0-9.]+)\}"', script)
        locales = re.search(r'LOCALES_VERSION="\$\{2:-([0-9.]+)\}"', script)
        js_yaml = re.search(r'JS_YAML_VERSION="\$\{3:-([0-9.]+)\}"', script)
        assert decap and locales and js_yaml
        expected = f"decap-cms {decap[1]}\ndecap-cms-locales {locales[1]}\n"
        assert expected == (FOLDER / "VERSION").read_text(encoding="utf-8")
        assert f"js-yaml {js_yaml[1]}\n" == (ADMIN / "js-yaml" / "VERSION").read_text(encoding="utf-8")
        assert decap[1].startswith("3.")

    def test_runtime_files_only(self) -> None:
        """The bundle, its on-demand chunks and WebAssembly, the French locale, the licences:
        no source map (24 MB), and every chunk name the bundle can ask for is present."""
        names = set(_sums())
        assert not [name for name in names if name.endswith(".map")]
        assert {"decap-cms.js", "decap-cms.js.LICENSE.txt", "LICENSE", "VERSION", "locales/fr.js"} <= names
        bundle = (FOLDER / "decap-cms.js").read_text(encoding="utf-8")
        assert '__webpack_require__.u=e=>e+".decap-cms.js"' in bundle
        chunks = {name for name in names if re.fullmatch(r"[0-9]+\.decap-cms\.js", name)}
        assert len(chunks) > 50
        for wasm in (name for name in names if name.endswith(".wasm")):
            assert wasm in "".join((FOLDER / chunk).read_text(encoding="utf-8") for chunk in chunks)

    def test_licence_is_mit(self) -> None:
        assert (FOLDER / "LICENSE").read_text(encoding="utf-8").strip().startswith("Copyright (c) 2016 Netlify")
        assert "MIT License" in (FOLDER / "LICENSE").read_text(encoding="utf-8")

    def test_french_locale_is_an_es_module(self) -> None:
        """index.html imports it (``import fr from``) and registers it: its default export."""
        text = (FOLDER / "locales" / "fr.js").read_text(encoding="utf-8")
        assert text.startswith("const fr = {")
        assert text.rstrip().endswith("export default fr;")
        assert "login: 'Se connecter'" in text
