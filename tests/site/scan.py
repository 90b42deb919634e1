"""Scan: what a built HTML page contains that could run script (for the injection tests)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

OUR_SCRIPT = "assets/carte/carte.js"
SEARCH_SCRIPTS = ("pagefind/pagefind-ui.js", "assets/recettes/recherche.js")  # the header's search box
ADMIN_PAGE = Path(__file__).resolve().parents[2] / "tools" / "recettes" / "assets" / "admin"
MATERIAL_SCRIPT = "assets/javascripts/"
MATERIAL_FORMS = {"md-header__option", "md-search__form"}  # palette toggle, search box
MATERIAL_INLINE = ("__md_scope=", "var palette=__md_get", "var target=document.getElementById")


class Scan(HTMLParser):
    """Scripts, event attributes, dangerous URLs and embedding elements of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.problems: list[str] = []
        self.title = ""
        self._in: str | None = None
        self._data: list[str] = []
        self._attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    value.strip().lower().startswith(("javascript:", "vbscript:", "data:text")):
                self.problems.append(f"<{tag} {name}={value}>")
        material_form = tag == "form" and values.get("class") in MATERIAL_FORMS
        our_redirect = tag == "meta" and values.get("http-equiv") == "refresh" and \
            re.fullmatch(r"0; url=[./a-z0-9-]*/", values.get("content") or "") is not None
        if tag in ("iframe", "object", "embed", "form", "frame", "base", "meta") and not material_form and (
                tag != "meta" or "http-equiv" in values) and not our_redirect:
            self.problems.append(f"<{tag}>")
        if tag in ("script", "title", "style"):
            self._in, self._data, self._attrs = tag, [], values

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            text = "".join(self._data)
            if tag == "script":
                self.scripts.append((self._attrs, text))
            elif tag == "title":
                self.title = text
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._data.append(data)

    def json_ld(self) -> list[dict[str, object]]:
        return [json.loads(text) for attrs, text in self.scripts if attrs.get("type") == "application/ld+json"]

    def foreign_scripts(self) -> list[str]:
        """Scripts that are neither JSON-LD nor Material's own (its bundle and inline config)."""
        found = []
        for attrs, text in self.scripts:
            src = attrs.get("src") or ""
            if attrs.get("type") == "application/ld+json":
                json.loads(text)
            elif src and MATERIAL_SCRIPT in src:
                continue
            elif src.endswith((OUR_SCRIPT, *SEARCH_SCRIPTS)) and not text.strip():
                continue  # the map loader of mkdocs.yml's extra_javascript, the search box
            elif (not src and attrs.get("id") == "__config" and attrs.get("type") == "application/json") or (not src and text.strip().startswith(MATERIAL_INLINE)):
                continue
            else:
                found.append(src or text[:80])
        return found


def scan(path: Path) -> Scan:
    parser = Scan()
    if path.parent.name == "admin" and path.read_bytes() == (ADMIN_PAGE / path.name).read_bytes():
        return parser  # the web form's page, published as shipped: no contributed text reaches it
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
