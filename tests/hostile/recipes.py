"""Hostile recipes and ambassadors written into a repository, and sites built from them.

``recipe_md(**fields)`` is a valid recipe.md (the base recipe of ``tests/data/base``) with some
header lines replaced or added, and optional extra Markdown; ``build_site`` copies the site
fixture, adds the given files, commits, and runs a real ``mkdocs build`` (not strict: a
contribution with errors is still built, which is what the scan is about).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from ..site.conftest import FIXTURE, REPO, commit_all, mkdocs

BASE = (REPO / "tests" / "data" / "base" / "recipes" / "jardin-partage" / "recipe.md").read_text(encoding="utf-8")


def recipe_md(header: dict[str, str] | None = None, body: str = "", holder: str = "marie-exemple",
              link: str = "jardin-partage") -> str:
    """The base recipe with header keys ``key: value`` replaced, block and all (or added when new; the value is
    written as given, YAML and all), ``body`` appended to « Comment faire », its holder and the
    recipe its links point to."""
    text = BASE.replace("marie-exemple", holder).replace("recette:jardin-partage", f"recette:{link}")
    for key, value in (header or {}).items():
        line = f"{key}: {value}" if value else f"{key}:"
        pattern = re.compile(rf"^{re.escape(key)}:.*(?:\n[ ].*)*", re.MULTILINE)  # with its indented block
        found = pattern.search(text)
        text = text[:found.start()] + line + text[found.end():] if found else text.replace(
            "\n---\n", f"\n{line}\n---\n", 1)
    if body:
        text = text.replace("\n# Freins\n", f"\n{body}\n\n# Freins\n", 1)
    return text


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def site_recipe(header: dict[str, str] | None = None, body: str = "") -> str:
    """``recipe_md`` for the site fixture (its ambassador, its recipes)."""
    return recipe_md(header, body, holder="marie-le-gall", link="compost-partage")


def build_site(root: Path, files: dict[str, str | bytes]) -> Path:
    """The site fixture plus ``files``, committed and built; returns the built ``site/``."""
    shutil.copytree(FIXTURE, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write(root, files)
    commit_all(root)
    result = mkdocs(root)
    assert 0 == result.returncode, result.stderr
    return root / "site"


def problems(stdout: str) -> list[dict[str, object]]:
    """The problems of ``recettes validate --format json``."""
    return list(json.loads(stdout)["problems"])


def located(found: list[dict[str, object]], code: str) -> list[str]:
    """``path:line:column message`` of the problems with this code."""
    return [f"{p['path']}:{p['line']}:{p['column']} {p['message']}" for p in found if p["code"] == code]
