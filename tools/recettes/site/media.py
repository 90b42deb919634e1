"""PublishedMedia: the bytes the handbook publishes for a medium — a clean copy, or nothing.

Whatever ``recettes validate`` said, a file reaches the site only if ``media.judge`` accepts it
as an image, and then only as ``media.clean_image`` encodes it again: no EXIF (GPS), XMP,
comment or appended data. Recipe media of the current version, media of older versions read
from git, and ambassador photos all go through ``clean`` (``site.generate`` calls nothing else).

Encoding costs tens of milliseconds per photo, so clean copies are kept in a hidden folder of
the build folder, named by the SHA-256 of the cleaner's version, the extension and the source
bytes (the verdict depends on both): a rebuild only hashes each medium (the repository's file
is never touched). Copies no medium used in the last run are removed (``prune``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import posixpath
from pathlib import Path

from recettes.core import memo
from recettes.core.problems import Code, Problem
from recettes.read.load import MAX_MEDIA_BYTES
from recettes.read.media import CLEANER_VERSION, clean_image, judge

CACHE_DIR = ".media-propres"


class PublishedMedia:
    """Clean copies of media, cached on disk under ``folder`` by content.

    ``problems`` lists the images the validator accepted (from their header) whose pixels
    Pillow could not decode (a truncated file): they are left out of the site, and reported."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.problems: list[Problem] = []

    def clean_file(self, path: Path, name: str, shown: str) -> Path | None:
        """The clean copy of the medium file ``path`` (``name`` in its recipe, ``shown`` in
        messages); None when refused or unreadable."""
        try:
            stat = path.stat()
            if stat.st_size > MAX_MEDIA_BYTES:
                return None
            ident = (str(path), name, stat.st_ino, stat.st_size, stat.st_mtime_ns)
            known = _KEYS.get(ident)
            if known is not None and (self.folder / known).is_file():
                self.used.add(known)
                return self.folder / known
            data = path.read_bytes()
        except OSError:
            return None  # the validator reports unreadable files (R009)
        found = self.clean(data, name, shown)
        if found is not None:
            if len(_KEYS) > 100_000:
                _KEYS.clear()
            _KEYS[ident] = found.name
        return found

    def clean(self, data: bytes, name: str, shown: str | None) -> Path | None:
        """The clean copy of the medium ``name`` holding ``data``; None when refused. An image
        that does not decode is reported as ``shown`` (not at all when None: a medium of an
        older version, which nobody can fix any more)."""
        if len(data) > MAX_MEDIA_BYTES:
            return None
        extension = posixpath.splitext(name)[1].lower().encode()
        key = hashlib.sha256(CLEANER_VERSION.encode() + b"\0" + extension + b"\0" + data).hexdigest()
        cached = self.folder / key
        if cached.is_file():
            self.used.add(key)
            return cached
        if not judge(data, name).ok:
            return None  # the validator says why (R100-R102)
        try:
            clean = clean_image(data)
        except Exception as exc:  # judged from its header, yet its pixels do not decode
            if shown is None:
                return None
            self.problems.append(Problem(
                shown, 1, 1, Code.R100, f"image illisible ({type(exc).__name__}) : ses pixels ne se "
                "décodent pas, elle n’est pas publiée",
                "Ouvrez-la dans un logiciel d’images et enregistrez-la de nouveau en PNG ou JPEG."))
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{key}.tmp")
        tmp.write_bytes(clean)
        os.replace(tmp, cached)
        self.used.add(key)
        return cached

    def prune(self) -> None:
        """Remove the clean copies this run did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                with contextlib.suppress(OSError):
                    path.unlink()


_KEYS: dict[tuple[str, str, int, int, int], str] = {}
"""The cache key of each medium file already hashed in this process, by path, name, inode, size
and date: a rebuild while serving does not read unchanged photos again."""
memo.register(_KEYS.clear)
