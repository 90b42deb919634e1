"""Every image the hand-written pages show exists, is a real PNG or JPEG, and is described."""

from __future__ import annotations

import re

from .conftest import ROOT

IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)  # examples in code are not shown as images


def test_images_of_the_guide_exist_and_are_described() -> None:
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for alt, target in IMAGE.findall(CODE.sub("", page.read_text(encoding="utf-8"))):
            path = page.parent / target
            found.append(target)
            assert alt.strip(), f"{page.name}: image {target} sans description"
            assert path.is_file(), f"{page.name}: {target} introuvable"
            assert path.read_bytes()[:8] in (b"\x89PNG\r\n\x1a\n",) or path.read_bytes()[:3] == b"\xff\xd8\xff"
    assert "images/atelier-nouvelle-recette.png" in found
