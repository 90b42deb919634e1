"""PDF: HTML and CSS made into PDF by WeasyPrint, with nothing fetched from outside.

Why WeasyPrint (PyPI ``weasyprint``): it lays out paged HTML with CSS Paged Media (page sizes,
running footers, ``target-counter`` for a table of contents) with fonts found by fontconfig,
so the printed documents are written with the same kind of templates as the handbook. It takes
about a second to import: only printing imports this module (``site.printing`` lazily).

The printed text comes from contributors. Whatever it says, rendering never reaches the
network nor reads a file it names: ``LocalFetcher`` only serves ``data:`` addresses (the QR
codes) and files inside the folders it is given (the package's own stylesheet); every other
address is refused before any request, and counted in ``Rendered.refused``. Fonts are the
system's (``.ci/run`` installs Debian's DejaVu fonts), never downloaded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from PIL import ImageFile
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it is imported:
# a truncated image would then pass ``read.media`` (R100) and be published. Printed documents
# hold only inline images already cleaned, so the safe default is put back.
ImageFile.LOAD_TRUNCATED_IMAGES = False


class LocalFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint is untyped
    """A WeasyPrint fetcher that refuses the network: ``data:`` addresses and ``file:`` paths
    inside ``allowed`` folders only. Refused addresses are listed in ``refused``."""

    def __init__(self, allowed: tuple[Path, ...] = ()) -> None:
        super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)
        self.allowed = tuple(folder.resolve() for folder in allowed)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(unquote(parts.path)).resolve()
            if any(path.is_relative_to(folder) for folder in self.allowed) and path.is_file():
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})
        self.refused.append(url)
        raise ValueError(f"adresse refusée à l’impression\u00a0: {url}")


def _content_type(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}.get(path.suffix, "application/octet-stream")


@dataclass
class Rendered:
    """A PDF (``data``), its number of pages, and the addresses the document asked for that were
    refused (``refused``: none for the handbook's own templates)."""

    data: bytes
    pages: int
    refused: list[str] = field(default_factory=list)


def render_pdf(html: str, base: Path, allowed: tuple[Path, ...] = ()) -> Rendered:
    """``html`` laid out and written as PDF; relative addresses resolve against the folder
    ``base``, which is also allowed for reading (with ``allowed``). Raises ``OSError`` or
    WeasyPrint's errors when the document cannot be laid out (the caller reports R298)."""
    fetcher = LocalFetcher((base, *allowed))
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)  # refused addresses are reported by us, in French
    try:
        document = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher).render()
        data = document.write_pdf()
    finally:
        logger.setLevel(level)
    return Rendered(data, len(document.pages), fetcher.refused)
