"""Impact sums: the recipes' ``impact`` indicators added up per theme and per territory, where
they measure the same thing in the same unit (« comment en évaluer l’utilité sociale ? »), pure.

Rules (the one place of them):

- Two figures are **the same indicator** when their names are equal once case, accents,
  apostrophes and spaces are set aside (``fold``): « Personnes formées » and « personnes
  formees » are one; « Personnes formées » and « Bénévoles formés » are two. Nothing closer
  is guessed.
- Their **units agree** when they are equal after the same folding, or when ``UNITS`` (an
  explicit table of French units: singular and plural, abbreviations, a few conversions such as
  tonnes to kg) gives them one canonical unit; a rate keeps its period (« tonnes par an » is
  « kg par an »). A unit outside the table agrees only with itself: no plural is guessed.
- Only numbers are added. A figure written as text (« une demi-douzaine ») is listed apart,
  and so is an indicator measured in units that do not agree (each unit keeps its own total).
- Every total lists each recipe, its figure as written, its date and its source; the **period**
  is the earliest and latest date of the figures, and undated figures are counted.
- A theme or territory sums each recipe once (a territory includes the recipes of the places
  inside it, as its page does).

``theme_group`` and ``territory_group`` give one theme's or territory's group (its page's
« Utilité sociale » section, ``site.impact_page``), ``impact_report`` all of them (the summary
page); ``to_json`` the same as open data (``utilite-sociale.json``, described by
``json_schema``), over the recipes of the combined files only (``publish.files``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from recettes.catalog.catalog import Catalog
from recettes.core.french import fold
from recettes.core.model import Impact
from recettes.publish.opendata import Dataset, LicenceOut

_UNIT_FORMS: dict[str, tuple[tuple[str, ...], float]] = {
    "personnes": (("personne", "personnes", "pers", "pers."), 1),
    "habitant·es": (("habitant", "habitants", "habitante", "habitantes", "habitant·es", "habitant.e.s"), 1),
    "bénévoles": (("benevole", "benevoles"), 1),
    "participant·es": (("participant", "participants", "participante", "participantes", "participant·es"), 1),
    "adhérent·es": (("adherent", "adherents", "adherente", "adherentes", "adherent·es"), 1),
    "abonné·es": (("abonne", "abonnes", "abonnee", "abonnees", "abonne·es"), 1),
    "familles": (("famille", "familles"), 1),
    "foyers": (("foyer", "foyers"), 1),
    "emplois": (("emploi", "emplois"), 1),
    "repas": (("repas",), 1),
    "visites": (("visite", "visites"), 1),
    "sessions": (("session", "sessions"), 1),
    "ateliers": (("atelier", "ateliers"), 1),
    "événements": (("evenement", "evenements"), 1),
    "parcelles": (("parcelle", "parcelles"), 1),
    "composteurs": (("composteur", "composteurs"), 1),
    "objets": (("objet", "objets"), 1),
    "vélos": (("velo", "velos"), 1),
    "heures": (("heure", "heures", "h"), 1),
    "jours": (("jour", "jours"), 1),
    "ans": (("an", "ans", "annee", "annees"), 1),
    "euros": (("euro", "euros", "eur", "€"), 1),
    "kg": (("kg", "kilo", "kilos", "kilogramme", "kilogrammes"), 1),
    "km": (("km", "kilometre", "kilometres"), 1),
    "m²": (("m2", "m²", "metre carre", "metres carres"), 1),
}
_SCALED: dict[str, tuple[str, float]] = {
    "g": ("kg", 0.001), "gramme": ("kg", 0.001), "grammes": ("kg", 0.001),
    "t": ("kg", 1000), "tonne": ("kg", 1000), "tonnes": ("kg", 1000),
    "ha": ("m²", 10_000), "hectare": ("m²", 10_000), "hectares": ("m²", 10_000),
}
UNITS: dict[str, tuple[str, float]] = {
    **{form: (unit, factor) for unit, (forms, factor) in _UNIT_FORMS.items() for form in forms},
    **_SCALED,
}
"""Folded written unit -> (canonical unit, factor to it). Explicit: a form not here is not guessed."""
_PERIODS = {"an": "an", "annee": "an", "mois": "mois", "semaine": "semaine", "jour": "jour"}
_RATE = re.compile(r"^(.+?)\s*(?:/|\bpar\b)\s*(an|annee|mois|semaine|jour)$")


def _folded(text: str) -> str:
    return " ".join(fold(text.replace("’", "'")).split()).rstrip(" .:")


def canonical_unit(unit: str | None) -> tuple[str, float]:
    """The canonical unit of a written one and the factor to it: ``"Tonnes par an"`` ->
    ``("kg par an", 1000)``, ``"personne"`` -> ``("personnes", 1)``, ``None`` -> ``("", 1)``;
    a unit outside ``UNITS`` is itself, folded."""
    if unit is None or not unit.strip():
        return "", 1.0
    written = _folded(unit)
    rate = _RATE.match(written)
    head, period = (rate.group(1), _PERIODS[rate.group(2)]) if rate else (written, "")
    name, factor = UNITS.get(head, (head, 1.0))
    return (f"{name} par {period}" if period else name), float(factor)


class _Out(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True, frozen=True, populate_by_name=True)


@dataclass(frozen=True)
class Figure:
    """One recipe's figure, as written, and its amount in the canonical unit."""

    slug: str
    title: str
    name: str
    value: float | str
    unit: str | None
    amount: float | None  # None for a figure written as text
    date: str | None
    source: str | None


@dataclass(frozen=True)
class Total:
    """An indicator's figures in one unit, added up."""

    name: str  # as the first recipe wrote it
    unit: str  # canonical ("" for a count without unit)
    total: float
    figures: tuple[Figure, ...]

    @property
    def period(self) -> tuple[str | None, str | None]:
        dates = sorted(f.date for f in self.figures if f.date)
        return (dates[0], dates[-1]) if dates else (None, None)

    @property
    def undated(self) -> int:
        return sum(1 for f in self.figures if not f.date)


@dataclass(frozen=True)
class Group:
    """The indicators of one theme or territory: totals, and what cannot be added."""

    kind: str  # "theme" or "territory"
    id: str
    label: str
    totals: tuple[Total, ...]
    texts: tuple[Figure, ...] = ()  # figures written as text
    split: tuple[tuple[str, tuple[str, ...]], ...] = ()  # indicator name -> its units that do not agree

    @property
    def empty(self) -> bool:
        return not self.totals and not self.texts


@dataclass
class ImpactReport:
    themes: list[Group] = field(default_factory=list)
    territories: list[Group] = field(default_factory=list)


def figures_of(catalog: Catalog, slug: str) -> list[Figure]:
    meta = catalog.meta(slug)
    return [_figure(slug, meta.title, item) for item in meta.impact]


def _figure(slug: str, title: str, item: Impact) -> Figure:
    amount = None
    if isinstance(item.value, float | int) and not isinstance(item.value, bool):
        amount = float(item.value) * canonical_unit(item.unit)[1]
    return Figure(slug, title, item.name, item.value, item.unit, amount, item.date, item.source)


def group(kind: str, ident: str, label: str, figures: Iterable[Figure]) -> Group:
    """Add up ``figures`` by indicator and unit (rules in the module docstring)."""
    by_key: dict[tuple[str, str], list[Figure]] = {}
    texts: list[Figure] = []
    for figure in figures:
        if figure.amount is None:
            texts.append(figure)
        else:
            by_key.setdefault((_folded(figure.name), canonical_unit(figure.unit)[0]), []).append(figure)
    totals = tuple(Total(found[0].name, unit, sum(f.amount or 0.0 for f in found), tuple(found))
                   for (_, unit), found in by_key.items())
    units: dict[str, list[str]] = {}
    for (name, unit) in by_key:
        units.setdefault(name, []).append(unit)
    split = tuple((by_key[(name, found[0])][0].name, tuple(found)) for name, found in units.items() if len(found) > 1)
    ordered = tuple(sorted(totals, key=lambda t: (-len(t.figures), _folded(t.name), t.unit)))
    return Group(kind, ident, label, ordered, tuple(texts), split)


def theme_group(catalog: Catalog, theme: str, chosen: set[str] | None = None) -> Group:
    """The indicators of a theme's recipes (those in ``chosen`` when given)."""
    themes = catalog.vocabulary.themes
    label = themes[theme].label if theme in themes else theme
    slugs = [s for s in catalog.by_theme.get(theme, []) if chosen is None or s in chosen]
    return group("theme", theme, label, (f for s in slugs for f in figures_of(catalog, s)))


def territory_group(catalog: Catalog, place: str, chosen: set[str] | None = None) -> Group:
    """The indicators of the recipes of a territory and of the places inside it."""
    slugs = [s for s in catalog.by_territory.get(place, []) if chosen is None or s in chosen]
    return group("territory", place, catalog.vocabulary.territories[place].label,
                 (f for s in slugs for f in figures_of(catalog, s)))


def impact_report(catalog: Catalog, slugs: Sequence[str] | None = None) -> ImpactReport:
    """Every theme and territory with at least one figure, in the catalog's order; only the
    recipes ``slugs`` when given (the combined open data)."""
    chosen = set(slugs) if slugs is not None else None
    report = ImpactReport()
    report.themes = [g for t in catalog.theme_ids() if not (g := theme_group(catalog, t, chosen)).empty]
    report.territories = [g for p in catalog.territory_ids() if not (g := territory_group(catalog, p, chosen)).empty]
    return report


class FigureOut(_Out):
    """Le chiffre d’une recette, tel qu’il est écrit."""

    recipe: str = Field(description="Identifiant (dossier) de la recette.")
    url: str = Field(description="Page de la recette dans le guide.")
    name: str = Field(description="Nom de l’indicateur, tel que la recette l’écrit.")
    value: float | str = Field(description="Valeur, telle qu’écrite (un nombre, ou un texte jamais additionné).")
    unit: str | None = Field(description="Unité, telle qu’écrite.")
    date: str | None = Field(description="Date de la mesure : AAAA, AAAA-MM ou AAAA-MM-JJ.")
    source: str | None = Field(description="D’où vient ce chiffre.")


class PeriodOut(_Out):
    start: str | None = Field(alias="from", description="Date la plus ancienne des chiffres additionnés.")
    end: str | None = Field(alias="to", description="Date la plus récente.")


class TotalOut(_Out):
    """Un indicateur additionné dans une unité."""

    name: str = Field(description="Nom de l’indicateur (tel que la première recette l’écrit).")
    unit: str | None = Field(description="Unité commune après conversion (kg pour des tonnes…), ou null.")
    total: float = Field(description="Somme des chiffres, dans cette unité.")
    period: PeriodOut = Field(description="Période couverte par les chiffres datés.")
    undated: int = Field(description="Nombre de chiffres sans date.")
    figures: list[FigureOut] = Field(description="Chaque chiffre additionné.")


class UnitsApartOut(_Out):
    name: str = Field(description="Indicateur mesuré dans des unités qui ne s’additionnent pas.")
    units: list[str] = Field(description="Ses unités, chacune avec son propre total.")


class GroupOut(_Out):
    """Les indicateurs d’une thématique ou d’un territoire."""

    id: str = Field(description="Identifiant de la thématique ou du territoire (vocabulaire).")
    label: str
    totals: list[TotalOut]
    not_added: list[FigureOut] = Field(description="Chiffres écrits en texte, non additionnés.")
    units_apart: list[UnitsApartOut] = Field(description="Indicateurs aux unités qui ne concordent pas.")


class ImpactData(_Out):
    """Indicateurs d’utilité sociale des recettes, additionnés par thématique et par territoire quand
    leur nom et leur unité concordent."""

    licence: LicenceOut = Field(description="Licence du recueil dont ces chiffres sont tirés.")
    themes: list[GroupOut]
    territories: list[GroupOut]


def to_json(report: ImpactReport, dataset: Dataset, schema_url: str | None = None) -> str:
    """``utilite-sociale.json``: the report as open data, each figure with its recipe's address
    (from ``dataset``, whose licence it carries), two-space indented."""
    urls = {record.slug: record.url for record in dataset.recipes}

    def figure(f: Figure) -> FigureOut:
        return FigureOut(recipe=f.slug, url=urls.get(f.slug, ""), name=f.name, value=f.value, unit=f.unit,
                         date=f.date, source=f.source)

    def out(g: Group) -> GroupOut:
        totals = [TotalOut(name=t.name, unit=t.unit or None, total=t.total,
                           period=PeriodOut.model_validate({"from": t.period[0], "to": t.period[1]}),
                           undated=t.undated, figures=[figure(f) for f in t.figures]) for t in g.totals]
        return GroupOut(id=g.id, label=g.label, totals=totals, not_added=[figure(f) for f in g.texts],
                        units_apart=[UnitsApartOut(name=name, units=list(units)) for name, units in g.split])

    data = ImpactData(licence=dataset.licence, themes=[out(g) for g in report.themes],
                      territories=[out(g) for g in report.territories]).model_dump(mode="json", by_alias=True)
    if schema_url:
        data = {"$schema": schema_url, **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def json_schema(schema_id: str) -> dict[str, Any]:
    """The JSON Schema of ``utilite-sociale.json``, published beside it."""
    schema = ImpactData.model_json_schema(mode="serialization", by_alias=True)
    schema["properties"] = {"$schema": {"type": "string"}, **schema["properties"]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, **schema}


__all__ = ["UNITS", "Figure", "Group", "ImpactReport", "Total", "canonical_unit", "group", "impact_report",
           "json_schema", "territory_group", "theme_group", "to_json"]
