"""JSON-LD: a recipe described as a schema.org ``HowTo`` for search engines (pure).

``how_to`` returns data (kept in the page's front matter); ``script`` serialises it into the one
``<script type="application/ld+json">`` the handbook writes itself, with ``<`` escaped so no
contributed string can close the element.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from recettes.core.addresses import SiteUrls
from recettes.core.licences import licence

if TYPE_CHECKING:
    from recettes.catalog.catalog import Catalog



def how_to(catalog: Catalog, slug: str, urls: SiteUrls) -> dict[str, Any]:
    """The schema.org ``HowTo`` of a published recipe, addresses under ``urls``."""
    url = urls.of_recipe(slug)
    meta = catalog.meta(slug)
    entry = catalog.recipes[slug]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": meta.title,
        "description": meta.summary,
        "url": url,
        "inLanguage": "fr",
        "version": meta.version,
        "license": licence(meta.licence).url or meta.licence,
    }
    how = entry.sections.get("how-to")
    if how is not None:
        data["step"] = [
            {"@type": "HowToStep", "position": n, "name": item.title, "text": item.body}
            for n, item in enumerate(how.items, 1)
        ]
    authors = []
    for holder in meta.holders:
        person = catalog.ambassadors.get(holder.id)
        if person is not None and person.meta is not None:
            kind = "Person" if person.meta.kind.value == "person" else "Organization"
            authors.append({"@type": kind, "name": person.meta.name})
    if authors:
        data["author"] = authors
    origin = meta.adapted_from
    if origin is not None:
        data["isBasedOn"] = origin.url or urls.of_recipe(str(origin.recipe))
    chain = catalog.vocabulary.ancestors(meta.territory.place)
    if chain:
        place: dict[str, Any] = {"@type": "Place", "name": chain[0].label}
        location = meta.territory.location or chain[0].location
        if location is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": location.lat, "longitude": location.lon}
        if len(chain) > 1:
            place["containedInPlace"] = {"@type": "Place", "name": chain[1].label}
        data["spatialCoverage"] = place
    updated = catalog.updated(slug)
    if updated is not None:
        data["dateModified"] = updated.date().isoformat()
    elif meta.source and meta.source.date:
        data["dateModified"] = meta.source.date
    created = catalog.created(slug)
    if created is not None:
        data["dateCreated"] = created.date().isoformat()
    return data


def script(data: dict[str, Any]) -> str:
    """The ``<script>`` element: ``<``, ``>`` and ``&`` escaped as JSON unicode escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
