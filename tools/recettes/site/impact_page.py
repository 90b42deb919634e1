"""Impact indicators in the handbook (pure): each theme's and territory's page gets a section
« Utilité sociale » with its totals, every figure as written with its recipe, date and source,
and what could not be added (``publish.impact`` decides what adds up); the « Utilité sociale »
page sums up every theme and territory, one line a total, linking to those sections.

The details live on the theme and territory pages, not on one page: at 1,000 recipes with two
figures each, one page listing every figure under every theme and enclosing territory measured
819 KiB of Markdown; split, the summary is 22 KiB and the largest page (the region's, with its
list of 1,000 recipes) 266 KiB. Computing all groups takes 0.2 s there.
"""

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

ANCHOR = "utilite-sociale"
"""The section's fragment on a theme's or territory's page."""

RULES = (
    "Les chiffres s’additionnent quand ils mesurent la même chose (même nom, accents et majuscules mis "
    f"à part) dans la même unité{NBSP}: «{NBSP}tonne{NBSP}» et «{NBSP}kg{NBSP}» sont convertis, "
    f"«{NBSP}personne{NBSP}» et «{NBSP}personnes{NBSP}» réunis, mais rien n’est deviné. Des années "
    "différentes sont additionnées telles quelles\u202f: la période couverte est indiquée."
)


def impact_page(catalog: Catalog) -> Page:
    """The summary: every theme and territory with figures, each total on one line."""
    report = impact_report(catalog)
    src = IMPACT_URI
    out = ["# Utilité sociale", "",
           "Les indicateurs d’utilité sociale des recettes, additionnés par thématique et par territoire "
           "(un territoire compte aussi les recettes des territoires qu’il contient). " + RULES, "",
           "Chaque total renvoie à la page de sa thématique ou de son territoire, qui détaille ses "
           f"recettes, leurs chiffres tels qu’ils sont écrits et leurs sources. En données ouvertes{NBSP}: "
           f"[utilite-sociale.json]({relative(IMPACT_DATA, src)}) (recettes des fichiers combinés).", ""]
    if not report.themes and not report.territories:
        return Page(src, "\n".join([*out, "Aucune recette publiée ne donne encore d’indicateur chiffré.", ""]),
                    {"title": "Utilité sociale"})
    for title, groups, address in (("Par thématique", report.themes, theme_uri),
                                   ("Par territoire", report.territories, territory_uri)):
        out += [f"## {title}", ""]
        for found in groups:
            target = f"{relative(address(found.id), src)}#{ANCHOR}"
            lines = [_headline(total) for total in found.totals]
            if found.texts:
                lines.append(f"{plural(len(found.texts), 'chiffre')} en texte, non {_added(len(found.texts))}")
            out += [f"- [{inline(found.label)}]({target})"] + [f"    - {line}" for line in lines]
        out.append("")
    return Page(src, "\n".join(out), {"title": "Utilité sociale"})


def impact_section(found: Group, src: str) -> list[str]:
    """A theme's or territory's « Utilité sociale » section, or nothing without figures."""
    if found.empty:
        return []
    scope = "de cette thématique" if found.kind == "theme" else "de ce territoire et des territoires qu’il contient"
    out = [f"## Utilité sociale {{#{ANCHOR}}}", "",
           f"Les indicateurs des recettes {scope}, additionnés. {RULES} "
           f"Tous les territoires et thématiques{NBSP}: [Utilité sociale]({relative(IMPACT_URI, src)}).", ""]
    for total in found.totals:
        out += [f"- {_headline(total)}"]
        out += [f"    - {_figure(figure, src)}" for figure in total.figures]
    if found.texts or found.split:
        out += ["", f"Non additionnés{NBSP}:", ""]
        out += [f"- {_recipe(f, src)}, «{NBSP}{inline(f.name)}{NBSP}»{NBSP}: «{NBSP}{inline(str(f.value))}{NBSP}»"
                " (un texte, pas un nombre)" for f in found.texts]
        out += [f"- «{NBSP}{inline(name)}{NBSP}»{NBSP}: mesuré en "
                + and_list([inline(unit) if unit else "nombre sans unité" for unit in units])
                + ", unités qui ne s’additionnent pas (un total par unité ci-dessus)" for name, units in found.split]
    return [*out, ""]


def _added(count: int) -> str:
    return "additionné" if count == 1 else "additionnés"


def _headline(total: Total) -> str:
    """« **Déchets évités** : 2 500 kg par an — 2 recettes, de 2016 à 2019 »."""
    unit = f" {inline(total.unit)}" if total.unit else ""
    first, last = total.period
    period = ""
    if first is not None and last is not None:
        period = f", en {french_date(first)}" if first == last else f", de {french_date(first)} à {french_date(last)}"
    if total.undated:
        period += f" ({plural(total.undated, 'chiffre')} sans date)"
    count = plural(len({f.slug for f in total.figures}), "recette")
    return f"**{inline(total.name)}**{NBSP}: {number(total.total)}{unit} — {count}{period}"


def _figure(figure: Figure, src: str) -> str:
    written = number(figure.value) if isinstance(figure.value, float | int) else inline(str(figure.value))
    details = [french_date(figure.date)] if figure.date else []
    details.append(f"source{NBSP}: {inline(figure.source)}" if figure.source else "source non indiquée")
    unit = f" {inline(figure.unit)}" if figure.unit else ""
    return f"{_recipe(figure, src)}{NBSP}: {written}{unit} ({', '.join(details)})"


def _recipe(figure: Figure, src: str) -> str:
    return f"[{inline(figure.title)}]({relative(recipe_uri(figure.slug), src)})"


__all__ = ["ANCHOR", "impact_page", "impact_section"]
