"""Atom feed (RFC 4287) of new and updated recipes and of new reproductions, newest first.

Dates of recipes come from git (``created``, ``updated``); without history, from the files'
modification time, so the feed stays valid. A reproduction is news of its own: an entry dated
by its report (``date``, the first day of a month or year given alone), linking to the report
on the recipe's page. Each entry carries its rights (licence and attribution).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any

from recettes.core.addresses import FEED_FILE, SiteUrls, reproduction_anchor
from recettes.core.characters import xml_safe
from recettes.core.french import NBSP, french_date
from recettes.publish.opendata import Dataset, RecipeRecord, ReproductionRecord

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


def _report_time(report: ReproductionRecord) -> datetime:
    """The first moment of a report's date (« 2024 » is 1 January 2024), in UTC."""
    parts = [int(part) for part in report.date.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2], tzinfo=UTC)


def to_atom(dataset: Dataset, urls: SiteUrls, repo: Any = None, size: int = FEED_SIZE) -> str:
    ET.register_namespace("", ATOM)
    items: list[tuple[tuple[datetime, datetime | None], RecipeRecord, ReproductionRecord | None]] = [
        (_dates(r, repo), r, None) for r in dataset.recipes]
    items += [((_report_time(p), None), r, p) for r in dataset.recipes for p in r.reproductions]
    items.sort(key=lambda d: (d[0][0], d[1].slug, d[2].id if d[2] is not None else ""), reverse=True)
    dated = items[:size]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    _add(feed, "id", urls.of(FEED_FILE))
    _add(feed, "title", f"{dataset.title}\u00a0: nouvelles recettes, mises à jour et reproductions")
    _add(feed, "subtitle", "Le code source des innovations sociales, à réutiliser sur votre territoire.")
    _add(feed, "updated", _stamp(dated[0][0][0] if dated else _EPOCH))
    _add(feed, "link", href=urls.of(FEED_FILE), rel="self", type="application/atom+xml")
    _add(feed, "link", href=urls.base, rel="alternate", type="text/html")
    _add(_add(feed, "author"), "name", dataset.title)
    _add(feed, "rights", f"Recettes sous licence libre ({dataset.licence.name}), voir chaque entrée.")
    _add(feed, "generator", "recettes")
    for (updated, created), record, report in dated:
        if report is not None:
            _reproduction_entry(feed, record, report, updated)
            continue
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


def _reproduction_entry(feed: ET.Element, record: RecipeRecord, report: ReproductionRecord,
                        updated: datetime) -> None:
    """« Disco soupe — reproduite à Lannion »: who did it, where, when, and the outcome."""
    entry = _add(feed, "entry")
    _add(entry, "id", f"{record.id}#{reproduction_anchor(report.id)}")  # stable across renames, as the recipe's
    _add(entry, "title", f"{record.title} — reproduite à {report.territory.label}")
    _add(entry, "link", href=report.url, rel="alternate", type="text/html")
    _add(entry, "updated", _stamp(updated))
    author = _add(entry, "author")
    _add(author, "name", report.by)
    if report.ambassador_url:
        _add(author, "uri", report.ambassador_url)
    for theme in record.themes:
        _add(entry, "category", term=theme.id, label=theme.label)
    _add(entry, "summary", f"{report.by} a refait «{NBSP}{record.title}{NBSP}» à {report.territory.label} "
                           f"({french_date(report.date)}, version {report.version} de la recette){NBSP}: "
                           f"{report.outcome}")
    _add(entry, "rights", record.attribution)
