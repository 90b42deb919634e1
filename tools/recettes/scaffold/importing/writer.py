"""Writing imported drafts: ``recipes/<slug>/recipe.md`` (front matter + sections, the one-file
layout of ``recettes new``) and ``media/``, and the import state that makes a re-run safe.

The state, ``recipes/.import.json`` (a dot-file: never read as a recipe, never published),
maps each fiche (source, path, rank in its file) to its slug and the SHA-256 of the recipe.md
written for it. A re-run rewrites a draft only when its recipe.md still has that hash: a draft
someone edited since is left alone (and said), one someone deleted is not recreated.

Every file is written to a temporary name in its final folder, then renamed (``os.replace``):
a crash leaves old files or new ones, never half a file. Nothing is written when the import
found errors (the caller checks).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from recettes.core.sections import RECIPE_MD, SECTIONS
from recettes.read.recipe_md import recipe_md_text

STATE_FILE = ".import.json"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Dumper(yaml.SafeDumper):
    """Plain YAML: no anchors or aliases (the project's reader refuses them), keys in order."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def front_matter(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def render(data: dict[str, Any], intro: str, sections: dict[str, list[tuple[str, str]]]) -> str:
    """The recipe.md text: metadata, then each section that has text, in the sections' order."""
    texts: dict[str, str] = {}
    for kind in SECTIONS:
        parts = [intro] if kind.id == "context" and intro.strip() else []
        parts += [f"## {title}\n\n{body}" for title, body in sections.get(kind.id, [])]
        if parts:
            texts[kind.id] = "\n\n".join(parts)
    return recipe_md_text(front_matter(data), texts)


@dataclass
class State:
    """Fiche key -> {"slug": …, "sha256": …}, as stored in ``recipes/.import.json``."""

    path: Path
    entries: dict[str, dict[str, str]]

    @classmethod
    def load(cls, recipes: Path) -> State:
        path = recipes / STATE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        entries = data.get("fiches", {}) if isinstance(data, dict) else {}
        return cls(path, {k: v for k, v in entries.items() if isinstance(v, dict) and isinstance(v.get("slug"), str)})

    def save(self) -> None:
        text = json.dumps({"version": 1, "fiches": dict(sorted(self.entries.items()))}, ensure_ascii=False, indent=2)
        write_atomic(self.path, (text + "\n").encode("utf-8"))


def fiche_key(source: str, path: str, part: int | None) -> str:
    return f"{source}::{path}" + (f"#{part}" if part else "")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_recipe(folder: Path, text: str, media: dict[str, bytes]) -> None:
    """recipe.md and media/ of one draft (media/.gitkeep when it has no image, as ``recettes new``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(media.items()):
        write_atomic(folder / "media" / name, data)
    if not media:
        (folder / "media").mkdir(exist_ok=True)
        (folder / "media" / ".gitkeep").touch()
    write_atomic(folder / RECIPE_MD, text.encode("utf-8"))
