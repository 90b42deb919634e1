"""The layout described to maintainers (README, docs/architecture.md, the import contract)
is the package tree on disk."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT

PACKAGE = ROOT / "tools" / "recettes"


def _packages() -> set[str]:
    return {p.parent.name for p in PACKAGE.glob("*/__init__.py")}


def _layers() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return {name.strip().removeprefix("recettes.") for layer in contract["layers"] for name in layer.split("|")}


class TestLayoutIsDescribed:
    def test_every_package_is_a_layer_of_the_import_contract(self) -> None:
        """A new sub-package must be placed in the layers (else its imports go unchecked)."""
        assert _packages() == _layers()

    def test_architecture_page_names_every_package_and_only_those(self) -> None:
        text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
        named = set(re.findall(r"\| `([a-z]+)/`", text)) | set(re.findall(r"`([a-z]+)/`, `([a-z]+)/`", text)[0])
        assert _packages() == named

    def test_readme_names_every_package(self) -> None:
        line = next(x for x in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                    if x.startswith("| `tools/recettes/`"))
        assert _packages() == set(re.findall(r"`([a-z]+)/`", line)) - {"tools"}

    def test_files_named_on_the_architecture_page_exist(self) -> None:
        """Every ``package/module.py`` the page points to is in the tree."""
        text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
        for package, module in re.findall(r"`([a-z]+)/([a-z_]+\.py)`", text):
            assert (PACKAGE / package / module).is_file(), f"{package}/{module}"
