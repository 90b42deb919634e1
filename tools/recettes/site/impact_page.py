"""The « Utilité sociale » page: the recipes' impact indicators added up per theme and per
territory (``publish.impact`` decides what adds up), each total with its recipes, figures as
written, dates and sources, then what could not be added (pure)."""

from __future__ import annotations

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import (
    IMPACT_DATA,
    IMPACT_URI,
    recipe_uri,
    relative,
    territory_uri,
    theme_uri,
)
from recettes.core.french import NBSP, and_list, french_date, number, plural
from recettes.publish.impact import Figure, Group, Total, impact_report
from recettes.site.page import Page
from recettes.site.text import inline

INTRO = (
    "Les indicateurs d’utilité sociale des recettes, additionnés par thématique et par territoire "
    f"quand ils mesurent la même chose (même nom, accents et majuscules mis à part) dans la même unité"
    f"{NBSP}: «{NBSP}tonne{NBSP}» et «{NBSP}kg{NBSP}» sont convertis, «{NBSP}personne{NBSP}» et «{NBSP}personnes"
    f"{NBSP}» réunis, mais rien n’est deviné. Chaque total nomme ses recettes, leurs chiffres tels qu’ils sont "
    "écrits et leurs sources, et la période couverte par ces chiffres (des années différentes sont "
    "additionnées telles quelles). Un territoire compte aussi les recettes des territoires qu’il contient."
)


def anchor(group: Group) -> str:
    """The fragment of a theme's or territory's part of the page."""
    return f"{'thematique' if group.kind == 'theme' else 'territoire'}-{group.id}"


def impact_page(catalog: Catalog) -> Page:
    report = impact_report(catalog)
    src = IMPACT_URI
    out = ["# Utilité sociale", "", INTRO, "",
           f"Les mêmes totaux en données ouvertes{NBSP}: [utilite-sociale.json]({relative(IMPACT_DATA, src)}) "
           "(recettes des fichiers combinés seulement).", ""]
    if not report.themes and not report.territories:
        return Page(src, "\n".join([*out, "Aucune recette publiée ne donne encore d’indicateur chiffré.", ""]),
                    {"title": "Utilité sociale"})
    out += ["## Par thématique", ""]
    for group in report.themes:
        out += _group(group, f"[{inline(group.label)}]({relative(theme_uri(group.id), src)})", src)
    out += ["## Par territoire", ""]
    for group in report.territories:
        out += _group(group, f"[{inline(group.label)}]({relative(territory_uri(group.id), src)})", src)
    return Page(src, "\n".join(out), {"title": "Utilité sociale"})


def _group(group: Group, link: str, src: str) -> list[str]:
    out = [f"### {inline(group.label)} {{#{anchor(group)}}}", "", f"Page{NBSP}: {link}.", ""]
    for total in group.totals:
        out += _total(total, src)
    if group.texts or group.split:
        out += ["", f"Non additionnés{NBSP}:", ""]
        out += [f"- {_recipe(f, src)}, «{NBSP}{inline(f.name)}{NBSP}»{NBSP}: «{NBSP}{inline(str(f.value))}{NBSP}»"
                " (un texte, pas un nombre)" for f in group.texts]
        out += [f"- «{NBSP}{inline(name)}{NBSP}»{NBSP}: mesuré en "
                + and_list([inline(unit) if unit else "nombre sans unité" for unit in units])
                + ", unités qui ne s’additionnent pas (un total par unité ci-dessus)" for name, units in group.split]
    return [*out, ""]


def _total(total: Total, src: str) -> list[str]:
    unit = f" {inline(total.unit)}" if total.unit else ""
    first, last = total.period
    period = ""
    if first is not None and last is not None:
        period = f", en {french_date(first)}" if first == last else f", de {french_date(first)} à {french_date(last)}"
    if total.undated:
        period += f" ({plural(total.undated, 'chiffre')} sans date)"
    count = plural(len({f.slug for f in total.figures}), "recette")
    out = [f"- **{inline(total.name)}**{NBSP}: {number(total.total)}{unit} — {count}{period}"]
    for figure in total.figures:
        written = number(figure.value) if isinstance(figure.value, float | int) else inline(str(figure.value))
        details = [french_date(figure.date)] if figure.date else []
        details.append(f"source{NBSP}: {inline(figure.source)}" if figure.source else "source non indiquée")
        shown_unit = f" {inline(figure.unit)}" if figure.unit else ""
        out.append(f"    - {_recipe(figure, src)}{NBSP}: {written}{shown_unit} ({', '.join(details)})")
    return out


def _recipe(figure: Figure, src: str) -> str:
    return f"[{inline(figure.title)}]({relative(recipe_uri(figure.slug), src)})"


__all__ = ["anchor", "impact_page"]
