"""Incremental builds: which outputs of the previous build can be kept as they are.

``mkdocs serve --dirty`` (``make serve``) and ``mkdocs build --dirty`` skip the files MkDocs
thinks unchanged, but MkDocs decides by file dates, so it keeps pages whose navigation, theme,
configuration or tool changed (it warns of « inaccurate navigation »). The plugin decides
instead: a file is kept only when its **key** equals the key recorded when the previous build
wrote it, and its output is still there. A key is a SHA-256 of

- for a page: its Markdown source bytes, and what the plugin adds to it from the catalog
  (JSON-LD, search filters: ``extra``);
- for any other file: its source path, size and modification time (recipe media, assets);
- for both, the **build key**: every file of the ``recettes`` package (the tool's version, as
  it runs), the versions of MkDocs, Material, Python-Markdown, PyMdown and Pagefind, the
  configuration as loaded (site address, navigation, theme, Markdown extensions, ``extra``,
  plugin options) and the theme overrides' files.

So a cache can never serve a page made from other inputs: anything unknown changes the build
key and every page is rendered again. Older versions of a recipe, whose pages never change,
are rendered once and kept. Keys are recorded per site folder in ``<build_dir>/rendu.json``
after a successful build only. Measured by ``benchmarks/preview.py`` and ``benchmarks/build.py``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from recettes.core import memo

MANIFEST = "rendu.json"
FORMAT = 1
DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pagefind")


@cache
def tool_key() -> str:
    """SHA-256 of every file of the installed ``recettes`` package (code, templates, assets)."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def versions() -> dict[str, str]:
    """The versions of the libraries that shape the HTML (missing ones as ``""``)."""
    found = {}
    for name in DISTRIBUTIONS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = ""
    return found


def build_key(configuration: dict[str, Any], theme_dirs: Iterable[Path]) -> str:
    """The key every output shares: tool, library versions, ``configuration`` (JSON-able, or
    made so with ``str``) and the files of the theme folders outside installed packages."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"format": FORMAT, "tool": tool_key(), "versions": versions(),
                              "configuration": configuration}, sort_keys=True, default=str).encode())
    for folder in theme_dirs:
        if "site-packages" in folder.parts or "dist-packages" in folder.parts:
            continue  # Material's own templates: its version is in the key
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def page_key(build: str, source: Path, extra: str = "") -> str:
    """The key of a page: the build key, its source bytes and what is added to it (``extra``)."""
    digest = hashlib.sha256(build.encode())
    digest.update(_content(source).encode())
    digest.update(b"\0" + extra.encode())
    return digest.hexdigest()


_CONTENTS: dict[tuple[str, int, int, int], str] = {}
memo.register(_CONTENTS.clear)


def _content(source: Path) -> str:
    """SHA-256 of a file's bytes, read again only when its inode, size or date changed (the
    generated pages are replaced, never rewritten in place: a new content is a new inode)."""
    stat = source.stat()
    key = (str(source), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    found = _CONTENTS.get(key)
    if found is None:
        if len(_CONTENTS) > 200_000:
            _CONTENTS.clear()
        found = _CONTENTS[key] = hashlib.sha256(source.read_bytes()).hexdigest()
    return found


def file_key(build: str, source: Path) -> str:
    """The key of a copied file: the build key, its path, size and modification time."""
    stat = source.stat()
    return hashlib.sha256(f"{build}\0{source}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()


@dataclass
class Manifest:
    """The keys of the outputs of the last successful build of each site folder.

    ``previous``: site folder -> {output path: key}, read from ``path``; ``current``: the keys
    of this build, recorded with ``record`` and written by ``save``."""

    path: Path
    previous: dict[str, dict[str, str]] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest at ``path``; empty when missing, unreadable or of another format."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("sites"), dict):
            return cls(path)
        return cls(path, {site: keys for site, keys in data["sites"].items() if isinstance(keys, dict)})

    def reusable(self, site: Path, output: str, key: str) -> bool:
        """Whether the last build of ``site`` wrote ``output`` from the same ``key``."""
        return self.previous.get(str(site), {}).get(output) == key

    def record(self, output: str, key: str) -> None:
        self.current[output] = key

    def save(self, site: Path) -> None:
        """Record this build as the last one of ``site`` (atomically); forget vanished sites."""
        sites = {name: keys for name, keys in self.previous.items() if name != str(site) and Path(name).is_dir()}
        sites[str(site)] = self.current
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text(json.dumps({"format": FORMAT, "sites": sites}, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, self.path)


def link_copy(source: Path, target: Path) -> None:
    """``target`` as a copy of the folder ``source`` made of hard links (instant, no space; a
    real copy where links are refused); a file about to be rewritten must be ``unshare``d."""
    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link, symlinks=True)


def unshare(path: Path) -> None:
    """Remove ``path`` so that writing it does not change the hard-linked previous site."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def remove_stale(site: Path, keep: set[str], since: float, folders: tuple[str, ...] = ()) -> int:
    """Delete files of ``site`` that are neither outputs of this build (``keep``), nor written
    since ``since`` (a timestamp: sitemaps…), nor under ``folders`` (written after the build:
    the search index); then empty folders. The number of files removed."""
    removed = 0
    top = str(site)
    emptied: set[str] = set()  # folders a file was removed from: the only ones that may be empty now
    for folder, dirs, names in os.walk(top, topdown=True):
        prefix = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        # Hidden folders (the search index being written, in the background while serving) and
        # ``folders`` are not this build's business.
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (folders and (prefix + d + "/").startswith(folders))]
        for name in names:
            output = prefix + name
            path = os.path.join(folder, name)
            with contextlib.suppress(FileNotFoundError):
                if output not in keep and os.lstat(path).st_mtime < since:
                    os.unlink(path)
                    removed += 1
                    emptied.add(folder)
    # Then the folders left empty, from the deepest up (one listing per folder that lost a file,
    # not one per folder of the site: a live preview's rebuild walked 18,000 folders twice).
    for folder in sorted(emptied, key=len, reverse=True):
        while folder != top and os.path.dirname(folder) != folder:
            with contextlib.suppress(OSError):
                if not os.path.islink(folder) and not os.listdir(folder):
                    os.rmdir(folder)
                    folder = os.path.dirname(folder)
                    continue
            break
    return removed


_OUTPUTS: dict[str, frozenset[str]] = {}
"""What each folder held after this process last cleaned it (``remove_leftovers``)."""
memo.register(_OUTPUTS.clear)


def remove_leftovers(root: Path, keep: set[str], since: float = math.inf, folders: tuple[str, ...] = (),
                     *, remember: bool = True) -> int:
    """Remove the files of ``root`` this build does not make (``keep``): the first time in a
    process, by listing ``root`` (``remove_stale``, with ``since`` and ``folders``); after that,
    when ``remember`` (a live preview's rebuilds), only those the previous build made
    (``remove_gone``). The number of files removed."""
    previous = _OUTPUTS.get(str(root)) if remember else None
    removed = remove_stale(root, keep, since, folders) if previous is None else remove_gone(root, previous, keep)
    if remember:
        _OUTPUTS[str(root)] = frozenset(keep)
    return removed


def remove_gone(root: Path, previous: frozenset[str], keep: set[str]) -> int:
    """Delete the files of ``root`` that a previous build of this process wrote (``previous``)
    and this one does not (``keep``), then the folders they leave empty: what ``remove_stale``
    does, without listing every folder (a live preview's rebuild at 1,000 recipes listed 6,000
    folders twice, 0.2 s). The number of files removed."""
    removed = 0
    for uri in sorted(previous - keep, key=len, reverse=True):
        path = root / uri
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
        folder = path.parent
        with contextlib.suppress(OSError):
            while folder != root and not folder.is_symlink() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    return removed
