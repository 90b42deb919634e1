"""Open data: published recipes as records, then JSON, CSV and GeoJSON (the Atom feed is in ``feed``).

Pure functions over a ``Catalog`` (with its optional git history: without it, dates are None). Each record carries its licence and attribution. A recipe whose
licence cannot be combined into the handbook's licence is left out, and a warning says so.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from recettes.catalog.catalog import Catalog
from recettes.catalog.readiness import Level
from recettes.core import memo
from recettes.core.addresses import DATA, SiteUrls, reproduction_anchor
from recettes.core.licences import DEFAULT_LICENCE, combinable_into, left_out_of
from recettes.core.licences import licence as find_licence
from recettes.core.model import Adaptation, AdaptedFrom, Impact, Link, Resources, Source, Status
from recettes.core.problems import Problem
from recettes.core.sections import SECTION_TITLES
from recettes.publish.attribution import attribution
from recettes.publish.texts import absolute_links
from recettes.read.load import RecipeEntry

DATA_DIR = DATA


class _Out(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True, frozen=True)


class Named(_Out):
    id: str = Field(description="Identifiant (vocabulaire ou fiche).")
    label: str = Field(description="Nom affiché.")


class Place(Named):
    kind: str = Field(description="commune, epci, pays, departement ou region.")
    code: str | None = Field(default=None, description="Code officiel : commune:29019 (code INSEE), "
                             "epci:242900314 (SIREN), departement:29, region:53 ; absent pour un pays.")


class Territory(Place):
    within: list[Place] = Field(description="Territoires englobants, du plus proche au plus large.")


class Point(_Out):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    precision: Literal["recipe", "territory", "approximate"] = Field(
        description="recipe : position publique donnée par la recette ; territory : celle de la commune "
        "(ou du territoire) ; approximate : position de la recette arrondie à 0,01° (environ 1 km).")


class Person(_Out):
    id: str
    name: str
    role: str = Field(description="holder, ambassador, contributor ou reviewer.")
    url: str


class Documenter(_Out):
    name: str
    id: str | None = Field(description="Identifiant de sa fiche d’ambassadeur·rice, s’il y en a une.")
    kind: str | None = Field(description="person ou organisation, si c’est dit.")
    url: str | None = Field(description="Sa page dans le guide, s’il y en a une.")


class Item(_Out):
    title: str
    body: str = Field(description="Texte en Markdown.")


class SectionOut(_Out):
    title: str = Field(description="Titre de la section (Comment faire, Freins…).")
    items: list[Item]


class LicenceOut(_Out):
    id: str = Field(description="Identifiant SPDX.")
    name: str
    url: str | None


class ReadinessOut(_Out):
    """Niveau de la recette, calculé d’après ses preuves (jamais déclaré)."""

    level: Level | None = Field(
        description="documentee (toutes les sections écrites), experimentee (résultats datés ou indicateurs), "
        "reproduite (refaite sur au moins un autre territoire), essaimee (trois autres territoires ou plus) ; "
        "null : à documenter.")
    label: str = Field(description="Le niveau en français (« reproduite »).")
    reasons: list[str] = Field(description="Pourquoi la recette a ce niveau.")
    missing: list[str] = Field(description="Ce qui manque pour le niveau suivant.")


class ReproductionRecord(_Out):
    """Une reproduction de la recette sur un territoire : « nous l’avons fait aussi »."""

    id: str = Field(description="Identifiant du compte rendu (nom du fichier reproductions/<id>.md).")
    title: str
    url: str = Field(description="Le compte rendu sur la page de la recette.")
    by: str = Field(description="Qui l’a refait : ambassadeur·rice ou organisation.")
    ambassador: str | None = Field(description="Identifiant de sa fiche d’ambassadeur·rice, s’il y en a une.")
    ambassador_url: str | None = Field(description="Sa page dans le guide, s’il y en a une.")
    territory: Place
    counts: bool = Field(description="true si le territoire est un autre que celui de la recette (ni le même, "
                         "ni l’englobant, ni inclus) : la reproduction compte pour le niveau.")
    location: Point | None
    date: str = Field(description="Début de la reproduction : AAAA, AAAA-MM ou AAAA-MM-JJ.")
    version: str = Field(description="Version de la recette qui a été suivie.")
    adaptations: list[Adaptation]
    outcome: str
    obstacles: list[str]
    impact: list[Impact]
    story: str = Field(description="Récit en Markdown (vide s’il n’y en a pas).")


class RecipeRecord(_Out):
    """Une recette publiée, avec son crédit et sa licence."""

    id: str = Field(description="Identifiant permanent de la recette, le même toute sa vie (même si son "
                                "dossier est renommé) : l’adresse de sa première publication, ou un URI tag:.")
    slug: str
    title: str
    summary: str
    url: str = Field(description="Page de la recette dans le guide.")
    version: str
    started: int | None
    created: datetime | None = Field(description="Première publication (historique git).")
    updated: datetime | None = Field(description="Dernière modification (historique git).")
    territory: Territory
    location: Point | None
    themes: list[Named]
    holders: list[Person]
    organisations: list[str]
    contributors: list[str] = Field(description="Personnes qui ont modifié la recette (git).")
    licence: LicenceOut
    documented_by: list[Documenter] = Field(
        description="Qui a rédigé la recette (a documenté la recette) ; à défaut, le crédit nomme les porteur·euses.")
    sources: list[Source] = Field(description="Publications dont la recette est tirée.")
    attribution: str = Field(description="Crédit à reproduire : titre, auteur·rices, sources, licence.")
    adapted_from: AdaptedFrom | None
    resources: Resources | None
    impact: list[Impact]
    links: list[Link]
    sections: dict[str, SectionOut] = Field(description="how-to, obstacles, enablers, reproducibility.")
    readiness: ReadinessOut
    reproductions: list[ReproductionRecord] = Field(description="Reproductions sur d’autres territoires, "
                                                    "de la plus ancienne à la plus récente.")


class Excluded(_Out):
    slug: str
    licence: str
    reason: str


class Dataset(_Out):
    """Les recettes libres publiées, en données ouvertes."""

    title: str
    url: str
    licence: LicenceOut
    count: int
    excluded: list[Excluded] = Field(description="Recettes publiées laissées de côté, et pourquoi.")
    recipes: list[RecipeRecord]


def _history_of(history: Any, slug: str) -> Any:
    recipes = getattr(history, "recipes", None)
    return recipes.get(slug) if isinstance(recipes, dict) else None


def _utc(value: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _licence(ident: str) -> LicenceOut:
    known = find_licence(ident)
    return LicenceOut(id=ident, name=known.name, url=known.deed or None)


def build_record(catalog: Catalog, entry: RecipeEntry, urls: SiteUrls) -> RecipeRecord:
    meta = entry.meta
    assert meta is not None
    vocabulary = catalog.vocabulary
    chain = vocabulary.ancestors(meta.territory.place)
    places = [Place(id=t.id, label=t.label, kind=t.kind.value, code=t.code) for t in chain]
    here = places[0] if places else Place(id=meta.territory.place, label=meta.territory.place, kind="")
    found = catalog.location(meta)
    location = Point(lat=found.lat, lon=found.lon, precision=found.precision) if found else None
    holders = []
    for ref in meta.holders:
        ambassador = catalog.ambassadors.get(ref.id)
        name = ambassador.meta.name if ambassador and ambassador.meta else ref.id
        holders.append(Person(id=ref.id, name=name, role=ref.role.value, url=urls.of_ambassador(ref.id)))
    past = _history_of(catalog.history, entry.slug)
    contributors = [getattr(p, "name", str(p)) for p in getattr(past, "contributors", [])]
    url = urls.of_recipe(entry.slug)
    licence = _licence(meta.licence)
    sections = {
        kind: SectionOut(title=SECTION_TITLES[kind],
                         items=[Item(title=i.title, body=absolute_links(i.body, urls)) for i in section.items])
        for kind, section in entry.sections.items()
    }
    return RecipeRecord(
        id=catalog.permanent_id(entry.slug, urls), slug=entry.slug, title=meta.title, summary=meta.summary, url=url, version=meta.version,
        started=meta.started, created=_utc(getattr(past, "created", None)),
        updated=_utc(getattr(past, "updated", None)),
        territory=Territory(**here.model_dump(), within=places[1:]), location=location,
        themes=[Named(id=t, label=vocabulary.themes[t].label if t in vocabulary.themes else t)
                for t in meta.themes],
        holders=holders, organisations=list(meta.organisations), contributors=contributors,
        licence=licence, attribution=attribution(catalog, meta, url),
        documented_by=[Documenter(name=a.name, id=a.id, kind=a.kind.value if a.kind else None,
                                  url=urls.of_ambassador(a.id) if a.id else None)
                       for a in catalog.authors_of(meta) if meta.documented_by],
        sources=meta.all_sources, adapted_from=meta.adapted_from, resources=meta.resources,
        impact=list(meta.impact), links=list(meta.links), sections=sections,
        readiness=_readiness(catalog, entry.slug), reproductions=_reproductions(catalog, entry.slug, url, urls),
    )


def _readiness(catalog: Catalog, slug: str) -> ReadinessOut:
    level = catalog.readiness(slug)
    return ReadinessOut(level=level.level, label=level.label,
                        reasons=list(level.reasons), missing=list(level.missing))


def _place(catalog: Catalog, place: str) -> Place:
    found = catalog.vocabulary.territories.get(place)
    if found is None:
        return Place(id=place, label=place, kind="")
    return Place(id=found.id, label=found.label, kind=found.kind.value, code=found.code)


def _reproductions(catalog: Catalog, slug: str, url: str, urls: SiteUrls) -> list[ReproductionRecord]:
    counted = set(catalog.readiness(slug).territories)
    records = []
    for report in catalog.reproductions(slug):
        meta = report.meta
        assert meta is not None
        by, ambassador = catalog.reporter(meta)
        found = catalog.location(meta)
        place = _place(catalog, meta.territory.place)
        story = "\n\n".join([report.story.intro, *(f"## {item.title}\n\n{item.body}" for item in report.story.items)])
        records.append(ReproductionRecord(
            id=report.id, title=catalog.report_title(meta), url=f"{url}#{reproduction_anchor(report.id)}",
            by=by, ambassador=ambassador, ambassador_url=urls.of_ambassador(ambassador) if ambassador else None,
            territory=place, counts=place.id in counted,
            location=Point(lat=found.lat, lon=found.lon, precision=found.precision) if found else None,
            date=meta.date, version=meta.version, adaptations=list(meta.adaptations), outcome=meta.outcome,
            obstacles=list(meta.obstacles), impact=list(meta.impact),
            story=absolute_links(story.strip("\n"), urls)))
    return records


_RECORDS: dict[tuple[object, ...], RecipeRecord] = {}
"""Records already built, by the catalog's digest, the parse of the recipe and the site (see
``Catalog.digest``): a rebuild while serving rebuilds only the records of recipes that changed."""
memo.register(_RECORDS.clear)


def build_dataset(catalog: Catalog, urls: SiteUrls,
                  licence: str = DEFAULT_LICENCE) -> tuple[Dataset, list[Problem]]:
    """Every published, valid recipe whose licence may join a collection under ``licence``
    (``core.licences.combinable_into``); the others are listed in ``excluded``, each with a
    warning (R090): they stay published in the handbook, with their own terms."""
    allowed = combinable_into(licence)
    records, excluded, problems = [], [], []
    for slug in sorted(catalog.recipes):
        entry = catalog.recipes[slug]
        meta = entry.meta
        if meta is None or meta.status is not Status.PUBLISHED:
            continue
        if meta.licence not in allowed:
            line, column = entry.doc.position(("licence",)) if entry.doc else (1, 1)
            problem = left_out_of(entry.meta_path, line, column, meta.licence, licence)
            excluded.append(Excluded(slug=slug, licence=meta.licence, reason=problem.message))
            problems.append(problem)
            continue
        records.append(_cached_record(catalog, entry, urls))
    dataset = Dataset(title="Recettes libres", url=urls.base, licence=_licence(licence), count=len(records),
                      excluded=excluded, recipes=records)
    return dataset, problems


def site_records(catalog: Catalog, urls: SiteUrls) -> list[RecipeRecord]:
    """A record for every published recipe, whatever its licence: what the handbook's own pages
    (the map) show. Not open data: the combined files are ``build_dataset``'s."""
    return [_cached_record(catalog, entry, urls) for slug, entry in sorted(catalog.recipes.items())
            if entry.meta is not None and entry.meta.status is Status.PUBLISHED]


def _cached_record(catalog: Catalog, entry: RecipeEntry, urls: SiteUrls) -> RecipeRecord:
    key = (catalog.digest(), entry.stamp, urls)
    record = _RECORDS.get(key)
    if record is None:
        if len(_RECORDS) > 50_000:
            _RECORDS.clear()
        record = _RECORDS[key] = build_record(catalog, entry, urls)
    return record


def to_json(dataset: Dataset, schema_url: str | None = None) -> str:
    """``recettes.json``: the dataset indented by two spaces, as ``json.dumps(indent=2)`` writes it.

    Indented output goes through the json module's pure-Python encoder (0.9 s for 1,000
    recipes); each recipe's indented text is therefore cached by its compact encoding (the C
    encoder), so a rebuild while serving re-indents only the recipes that changed. The result
    is byte for byte ``json.dumps(data, ensure_ascii=False, indent=2)`` (tested)."""
    rest = dataset.model_dump(mode="json", exclude={"recipes"})
    data = {name: rest[name] if name != "recipes" else _SLOT for name in type(dataset).model_fields}
    if schema_url:
        data = {"$schema": schema_url, **data}
    head = json.dumps(data, ensure_ascii=False, indent=2)
    slot = json.dumps(_SLOT)
    assert head.count(slot) == 1
    if dataset.recipes:
        items = ",\n".join("    " + _indented(_compact(r)).replace("\n", "\n    ") for r in dataset.recipes)
        array = "[\n" + items + "\n  ]"
    else:
        array = "[]"
    return head.replace(slot, array) + "\n"


_SLOT = "\x00recettes\x00"
_COMPACT: dict[int, tuple[RecipeRecord, str]] = {}
memo.register(_COMPACT.clear)


def _compact(record: RecipeRecord) -> str:
    """A record as compact JSON, dumped once per record object (records are cached too)."""
    found = _COMPACT.get(id(record))
    if found is None or found[0] is not record:
        if len(_COMPACT) > 50_000:
            _COMPACT.clear()
        found = _COMPACT[id(record)] = (record, json.dumps(record.model_dump(mode="json"), ensure_ascii=False))
    return found[1]


@lru_cache(maxsize=1 << 16)
def _indented(compact: str) -> str:
    return json.dumps(json.loads(compact), ensure_ascii=False, indent=2)


memo.register(_indented.cache_clear)


def json_schema(schema_id: str) -> dict[str, Any]:
    """The JSON Schema of ``recettes.json``, published beside it."""
    schema = Dataset.model_json_schema(mode="serialization")
    schema["properties"] = {"$schema": {"type": "string"}, **schema["properties"]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, **schema}


CSV_COLUMNS = [
    "slug", "titre", "resume", "url", "version", "demarrage", "creation", "mise_a_jour",
    "territoire", "territoire_nom", "territoires_englobants", "latitude", "longitude", "thematiques",
    "thematiques_noms", "porteurs", "documente_par", "organisations", "licence", "licence_url", "attribution",
    "sources", "adaptee_de", "identifiant", "niveau", "reproductions",
]


def _cell(value: Any) -> str:
    """Text safe in a spreadsheet: a formula-looking cell is prefixed with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") or text[:2] == "-=" else text


CSV_LIST_COLUMNS = ("territoires_englobants", "thematiques", "thematiques_noms", "porteurs", "documente_par",
                    "organisations", "sources", "reproductions")
"""Columns holding several values: each cell is a JSON array of strings (``["Pays de Brest",
"Finistère"]``, ``[]`` when empty). A separator such as « ; » could not be told apart from the
same character inside a value (a source's citation, an organisation's name); a JSON array reads
back exactly with any JSON parser (``json.loads`` of the cell) and stays legible in a spreadsheet.
The data page of the handbook says so (``site/reuse.py``)."""


def _many(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def to_csv(dataset: Dataset) -> str:
    """One row per recipe (RFC 4180, CRLF), one header row; the cells of ``CSV_LIST_COLUMNS``
    are JSON arrays."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in dataset.recipes:
        origin = r.adapted_from.recipe or r.adapted_from.url if r.adapted_from else None
        row = [
            r.slug, r.title, r.summary, r.url, r.version, r.started,
            r.created.isoformat() if r.created else None, r.updated.isoformat() if r.updated else None,
            r.territory.id, r.territory.label, _many(p.label for p in r.territory.within),
            r.location.lat if r.location else None, r.location.lon if r.location else None,
            _many(t.id for t in r.themes), _many(t.label for t in r.themes),
            _many(h.name for h in r.holders), _many(d.name for d in r.documented_by),
            _many(r.organisations), r.licence.id,
            r.licence.url, r.attribution, _many(s.citation() for s in r.sources), origin, r.id,
            r.readiness.level or "", _many(p.territory.label for p in r.reproductions),
        ]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def to_geojson(dataset: Dataset) -> str:
    """RFC 7946 FeatureCollection: one Point Feature per located recipe, [longitude, latitude]."""
    return records_geojson(dataset.recipes)


def records_geojson(records: Iterable[RecipeRecord]) -> str:
    """``to_geojson`` for any records (the map's, ``site_records``); each feature names its licence.

    A recipe is a feature of ``kind`` ``"recipe"`` (its origin); each of its located reproductions
    is a feature of ``kind`` ``"reproduction"``, with the ``recipe`` (slug) it reproduces, its
    ``title``, ``url`` (the report on the recipe's page) and ``territory`` (label)."""
    features: list[dict[str, Any]] = []
    for r in records:
        if r.location is not None:
            features.append({
                "type": "Feature",
                "id": r.id,
                "geometry": {"type": "Point", "coordinates": [round(r.location.lon, 6), round(r.location.lat, 6)]},
                "properties": {
                    "kind": "recipe",
                    "slug": r.slug, "title": r.title, "summary": r.summary, "url": r.url,
                    "themes": [t.id for t in r.themes], "theme_labels": [t.label for t in r.themes],
                    "territory": r.territory.label, "precision": r.location.precision,
                    "licence": r.licence.id, "attribution": r.attribution,
                    "updated": r.updated.isoformat() if r.updated else None,
                    "readiness": r.readiness.level, "readiness_label": r.readiness.label,
                },
            })
        for p in r.reproductions:
            if p.location is None:
                continue
            features.append({
                "type": "Feature",
                "id": f"{r.id}#{reproduction_anchor(p.id)}",
                "geometry": {"type": "Point", "coordinates": [round(p.location.lon, 6), round(p.location.lat, 6)]},
                "properties": {
                    "kind": "reproduction", "recipe": r.slug, "recipe_title": r.title,
                    "title": p.title, "url": p.url, "territory": p.territory.label, "by": p.by,
                    "date": p.date, "counts": p.counts, "precision": p.location.precision,
                    "themes": [t.id for t in r.themes], "theme_labels": [t.label for t in r.themes],
                    "licence": r.licence.id, "attribution": r.attribution,
                },
            })
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"
