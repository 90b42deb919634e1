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
from recettes.core.model import Kind, Source
from recettes.publish.texts import plain_text

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
        "@id": catalog.permanent_id(slug, urls),
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
            {"@type": "HowToStep", "position": n, "name": plain_text(item.title), "text": plain_text(item.body)}
            for n, item in enumerate(how.items, 1)
        ]
    authors = [{"@type": "Person" if a.kind is Kind.PERSON else "Organization", "name": a.name}
               for a in catalog.authors_of(meta)]
    if authors:
        data["author"] = authors
    based_on: list[Any] = [_creative_work(source) for source in meta.all_sources]
    origin = meta.adapted_from
    if origin is not None:
        based_on.append(origin.url or urls.of_recipe(str(origin.recipe)))
    if based_on:
        data["isBasedOn"] = based_on[0] if len(based_on) == 1 else based_on
    chain = catalog.vocabulary.ancestors(meta.territory.place)
    if chain:
        place: dict[str, Any] = {"@type": "Place", "name": chain[0].label}
        location = catalog.location(meta)
        if location is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": location.lat, "longitude": location.lon}
        if len(chain) > 1:
            place["containedInPlace"] = {"@type": "Place", "name": chain[1].label}
        data["spatialCoverage"] = place
    updated = catalog.updated(slug)
    if updated is not None:
        data["dateModified"] = updated.date().isoformat()
    elif (dated := next((s for s in meta.all_sources if s.date), None)) is not None:
        data["dateModified"] = dated.date
    created = catalog.created(slug)
    if created is not None:
        data["dateCreated"] = created.date().isoformat()
    return data


def _creative_work(source: Source) -> dict[str, Any]:
    """A source as a schema.org ``CreativeWork``: only what the recipe says of it."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    for key, value in (("name", source.title), ("url", source.url), ("datePublished", source.date),
                       ("author", source.author), ("publisher", source.publisher)):
        if value:
            work[key] = value
    if source.licence:
        work["license"] = licence(source.licence).url or source.licence
    return work


def script(data: dict[str, Any]) -> str:
    """The ``<script>`` element: ``<``, ``>`` and ``&`` escaped as JSON unicode escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
