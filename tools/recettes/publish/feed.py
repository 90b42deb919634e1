"""Atom feed (RFC 4287) of new and updated recipes, newest first.

Dates come from git (``created``, ``updated``); without history, from the files' modification
time, so the feed stays valid. Each entry carries its rights (licence and attribution).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any

from recettes.core.addresses import FEED_FILE, SiteUrls
from recettes.core.characters import xml_safe
from recettes.publish.opendata import Dataset, RecipeRecord

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _file_time(repo: Any, slug: str) -> datetime | None:
    entry = repo.recipes.get(slug) if repo is not None else None
    if entry is None:
        return None
    times = [(entry.folder / name).stat().st_mtime for name in entry.files]
    return datetime.fromtimestamp(max(times), UTC).replace(microsecond=0) if times else None


def _dates(record: RecipeRecord, repo: Any) -> tuple[datetime, datetime | None]:
    updated = record.updated or _file_time(repo, record.slug) or _EPOCH
    return updated, record.created


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_safe(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def to_atom(dataset: Dataset, urls: SiteUrls, repo: Any = None, size: int = FEED_SIZE) -> str:
    ET.register_namespace("", ATOM)
    dated = sorted(((_dates(r, repo), r) for r in dataset.recipes), key=lambda d: (d[0][0], d[1].slug),
                   reverse=True)[:size]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    _add(feed, "id", urls.of(FEED_FILE))
    _add(feed, "title", f"{dataset.title}\u00a0: nouvelles recettes et mises à jour")
    _add(feed, "subtitle", "Le code source des innovations sociales, à réutiliser sur votre territoire.")
    _add(feed, "updated", _stamp(dated[0][0][0] if dated else _EPOCH))
    _add(feed, "link", href=urls.of(FEED_FILE), rel="self", type="application/atom+xml")
    _add(feed, "link", href=urls.base, rel="alternate", type="text/html")
    _add(_add(feed, "author"), "name", dataset.title)
    _add(feed, "rights", f"Recettes sous licence libre ({dataset.licence.name}), voir chaque entrée.")
    _add(feed, "generator", "recettes")
    for (updated, created), record in dated:
        entry = _add(feed, "entry")
        _add(entry, "id", record.id)  # stable across renames (Catalog.permanent_id)
        _add(entry, "title", record.title)
        _add(entry, "link", href=record.url, rel="alternate", type="text/html")
        _add(entry, "updated", _stamp(updated))
        if created is not None:
            _add(entry, "published", _stamp(created))
        # Who wrote the recipe; its holders carry the project, they are not its authors.
        for name, uri in [(d.name, d.url) for d in record.documented_by]:
            author = _add(entry, "author")
            _add(author, "name", name)
            if uri:
                _add(author, "uri", uri)
        for name in record.contributors:
            _add(_add(entry, "contributor"), "name", name)
        for theme in record.themes:
            _add(entry, "category", term=theme.id, label=theme.label)
        _add(entry, "summary", f"{record.summary} (version {record.version}, {record.territory.label})")
        _add(entry, "rights", record.attribution)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
