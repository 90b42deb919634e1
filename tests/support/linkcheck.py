"""LinkCheck: every internal link and asset of a built site points at something that exists.

Reads the HTML files of a ``site/`` folder (no server): ``href`` and ``src`` of links, images,
scripts and stylesheets are resolved like a browser would from the page's address; a target
folder means its ``index.html``; a ``#fragment`` on another page must be an ``id`` there.
External (``https:``…) and ``mailto:``/``tel:`` links are not followed.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target} ({self.reason})"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        for name in ("href", "src"):
            value = values.get(name)
            if value and tag in ("a", "link", "img", "script", "source", "iframe"):
                self.targets.append(value)


def check_site(site: Path) -> list[BrokenLink]:
    site = site.resolve()
    parsed: dict[Path, _Collector] = {}

    def parse(path: Path) -> _Collector:
        if path not in parsed:
            collector = _Collector()
            collector.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed[path] = collector
        return parsed[path]

    broken: list[BrokenLink] = []
    for page in sorted(site.rglob("*.html")):
        shown = page.relative_to(site).as_posix()
        base = "/" + shown
        for target in parse(page).targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue
            if not parts.path:
                if parts.fragment and parts.fragment not in parse(page).ids:
                    broken.append(BrokenLink(shown, target, "ancre absente"))
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
            if path.startswith(".."):
                broken.append(BrokenLink(shown, target, "hors du site"))
                continue
            file = site / path.lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file() or site not in file.resolve().parents:
                broken.append(BrokenLink(shown, target, "introuvable"))
            elif parts.fragment and file.suffix == ".html" and parts.fragment not in parse(file).ids:
                broken.append(BrokenLink(shown, target, "ancre absente"))
    return broken
