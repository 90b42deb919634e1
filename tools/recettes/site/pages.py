"""Pages: the handbook as plain Markdown pages with front matter, built from a Catalog (pure).

Every page is ordinary Markdown that a stock mkdocs-material build understands: no plugin is
needed to render it. Contributed strings pass through ``text`` (see its docstring for the
rules). Addresses: ``recettes/<slug>/``, ``ambassadeurs/<id>/``, ``thematiques/<id>/``,
``territoires/<id>/``, indexes at ``recettes/``, ``thematiques/``, ``territoires/``,
``ambassadeurs/`` and the home page at ``/``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any

from recettes.catalog.catalog import Catalog
from recettes.core import memo
from recettes.core.addresses import (
    AMBASSADORS,
    DATA_URI,
    FEED_FILE,
    HOME_URI,
    MAP_URI,
    RECIPES,
    TERRITORIES,
    THEMES,
    TO_COMPLETE_URI,
    SiteUrls,
    ambassador_uri,
    index_uri,
    recipe_uri,
    relative,
    territory_uri,
    theme_uri,
)
from recettes.core.french import NBSP, agree, plural
from recettes.core.model import ROLE_LABELS, TERRITORY_KIND_LABELS
from recettes.publish.duplicates import Likeness, Neighbours, catalog_duplicates
from recettes.publish.impact import territory_group, theme_group
from recettes.site.impact_page import impact_page, impact_section
from recettes.site.lineage import lineage_key
from recettes.site.page import (
    DEFAULT_OPTIONS,
    Options,
    Page,
    ambassador_link,
    linker,
    recipe_list,
    theme_label,
)
from recettes.site.printing import TERRITORY, THEME, download_lines
from recettes.site.reach import contact_block, offers_block, offers_summary, portraits_block
from recettes.site.readiness import reproduced_by, reproduced_here, to_complete_page
from recettes.site.recipe_page import recipe_page
from recettes.site.text import inline, plain


def build_pages(catalog: Catalog, options: Options = DEFAULT_OPTIONS, near: Neighbours | None = None) -> list[Page]:
    """Every generated page of the handbook; ``near``: the recipes alike (« Recettes proches »),
    found here when not given (``nearby_pairs``)."""
    pages = [home_page(catalog, options), recipes_index(catalog), themes_index(catalog),
             territories_index(catalog), ambassadors_index(catalog), to_complete_page(catalog)]
    near = near if near is not None else Neighbours(nearby_pairs(catalog, options))
    pages += [_recipe_page(catalog, slug, options, near=near.of(slug)) for slug in catalog.recipes]
    # Older versions get a page of their own; the current one's versioned address is a redirect
    # to the recipe page (``redirects``): one page less per recipe, the same stable citation.
    pages += [_recipe_page(catalog, slug, options, snapshot)
              for slug in catalog.recipes for snapshot in catalog.snapshots.get(slug, []) if not snapshot.current]
    pages += [ambassador_page(catalog, ident, options) for ident in catalog.ambassadors]
    pages.append(impact_page(catalog))
    pages += [theme_page(catalog, theme, options) for theme in catalog.theme_ids()]
    pages += [territory_page(catalog, place, options) for place in catalog.territory_ids()]
    return pages


def nearby_pairs(catalog: Catalog, options: Options) -> list[Likeness]:
    """The pairs of recipes alike in this handbook (``publish.duplicates.catalog_duplicates``),
    with the site's addresses when it has one."""
    return catalog_duplicates(catalog, SiteUrls(options.site_url) if options.site_url else None)


_RECIPE_PAGES: dict[tuple[object, ...], Page] = {}
"""Recipe pages already made, by the catalog's digest, the options, and the parse of the recipe
(and of the version): a rebuild while serving remakes only the pages of the recipe that
changed, unless metadata, history or versions changed (measured: 1 s at 1,000 recipes)."""
memo.register(_RECIPE_PAGES.clear)


def _recipe_page(catalog: Catalog, slug: str, options: Options, snapshot: Any = None,
                 near: Sequence[Likeness] = ()) -> Page:
    entry = catalog.recipes[slug]
    key = (catalog.digest(), options, slug, entry.stamp, snapshot.entry.stamp if snapshot is not None else 0,
           tuple(near), lineage_key(catalog, slug))
    page = _RECIPE_PAGES.get(key)
    if page is None:
        if len(_RECIPE_PAGES) > 50_000 or next(iter(_RECIPE_PAGES), key)[0] != key[0]:
            _RECIPE_PAGES.clear()  # another catalog: the old pages will not be asked again
        page = _RECIPE_PAGES[key] = recipe_page(catalog, slug, options, snapshot, near)
    return page


def ambassador_page(catalog: Catalog, ident: str, options: Options = DEFAULT_OPTIONS) -> Page:
    """An ambassador's page: presentation, « Ce que je peux apporter », « Contact » (consented
    details, « Demander une mise en relation »), expertise, recipes, links and « Vous pourriez
    aussi rencontrer » (``site.reach``)."""
    entry = catalog.ambassadors[ident]
    person = entry.meta
    assert person is not None
    src = ambassador_uri(ident)
    link = linker(catalog, src)
    kind = "Personne" if person.kind.value == "person" else "Organisation"
    out = [f"# {inline(person.name)}", "", f"*{kind}*", ""]
    if person.bio:
        out += [inline(person.bio), ""]
    if person.territory and person.territory in catalog.vocabulary.territories:
        out += [f"**Territoire**{NBSP}: {link('territoire', person.territory)}", ""]
    out += offers_block(person, link)
    out += contact_block(catalog, ident, src, options)
    if person.expertise:
        out += ["## Expertise {#expertise}", ""]
        out += [f"- {link('thematique', theme)}" for theme in person.expertise]
        out.append("")
    carried = catalog.by_ambassador.get(ident, [])
    out += ["## Recettes portées {#recettes}", ""]
    if carried:
        out += [f"- [{inline(catalog.meta(c.slug).title)}]({relative(recipe_uri(c.slug), src)})"
                f" — {ROLE_LABELS[c.role]}" for c in carried]
    else:
        out.append("Aucune recette publiée pour l’instant.")
    out.append("")
    written = catalog.documented.get(ident, [])
    if written:
        out += ["## Recettes rédigées {#redigees}", ""]
        out += [f"- [{inline(catalog.meta(slug).title)}]({relative(recipe_uri(slug), src)})" for slug in written]
        out.append("")
    out += reproduced_by(catalog, ident, src)
    contributed = catalog.contributed_by.get(ident, [])
    if contributed:
        out += ["## Contributions {#contributions}", "",
                "Recettes que cette personne a modifiées (historique git), sans en être déclarée"
                " porteuse ou ambassadrice" + NBSP + ":", ""]
        out += [f"- [{inline(catalog.meta(slug).title)}]({relative(recipe_uri(slug), src)})"
                for slug in contributed]
        out.append("")
    known = catalog.vocabulary.territories
    places = sorted({known.canonical(p) or p for p in (catalog.meta(c.slug).territory.place for c in carried)})
    if places:
        out += ["## Territoires {#territoires}", ""]
        out += [f"- {link('territoire', p)}" for p in places if p in catalog.vocabulary.territories]
        out.append("")
    if person.links:
        out += ["## Liens {#liens}", ""]
        out += [f"- [{inline(item.title)}]({item.url})" for item in person.links]
        out.append("")
    out += portraits_block(catalog, ident, src)
    media = {f"photos/{posixpath.basename(person.photo)}": person.photo} if person.photo else {}
    if person.photo:
        out[1:1] = ["", f"![Portrait de {inline(person.name)}](photos/{posixpath.basename(person.photo)})"
                    "{ width=160 }"]
    return Page(src, "\n".join(out), {"title": plain(person.name), "ambassadeur": ident}, media)


def ambassadors_index(catalog: Catalog) -> Page:
    src = index_uri(AMBASSADORS)
    out = ["# Ambassadeur·rices", "",
           "Les porteur·euses de projet présentent leur innovation et conseillent celles et ceux qui"
           " veulent la reproduire. Chaque fiche liste leurs recettes, leur expertise, ce qu’elles et ils"
           " peuvent apporter et comment les joindre.", ""]
    for ident, entry in catalog.ambassadors.items():
        count = len(catalog.by_ambassador.get(ident, []))
        name = entry.meta.name  # type: ignore[union-attr]
        out.append(f"- [{inline(name)}]({relative(ambassador_uri(ident), src)}) — {plural(count, 'recette')}"
                   + offers_summary(entry.meta))  # type: ignore[arg-type]
    return Page(src, "\n".join(out), {"title": "Ambassadeur·rices"})


# Themes, territories, indexes, home -------------------------------------------------------------


def theme_page(catalog: Catalog, theme: str, options: Options = DEFAULT_OPTIONS) -> Page:
    src = theme_uri(theme)
    entry = catalog.vocabulary.themes.get(theme)
    label = entry.label if entry else theme
    out = [f"# {inline(label)}", ""]
    if entry and entry.description:
        out += [inline(entry.description), ""]
    if options.printable:
        out += download_lines(catalog, THEME, theme, src)
    out += recipe_list(catalog, catalog.by_theme.get(theme, []), src)
    out += impact_section(theme_group(catalog, theme), src)
    experts = [i for i, a in catalog.ambassadors.items() if theme in a.meta.expertise]  # type: ignore[union-attr]
    if experts:
        out += ["## Ambassadeur·rices de cette thématique", ""]
        out += [f"- {ambassador_link(catalog, i, src)}" for i in experts]
    return Page(src, "\n".join(out), {"title": plain(label)})


def territory_page(catalog: Catalog, place: str, options: Options = DEFAULT_OPTIONS) -> Page:
    src = territory_uri(place)
    known = catalog.vocabulary.territories
    entry = known[place]
    out = [f"# {inline(entry.label)}", "", f"*{TERRITORY_KIND_LABELS[entry.kind.value]}*"]
    parents = catalog.vocabulary.ancestors(place)[1:]
    if parents:
        out[-1] += " — dans " + ", ".join(
            f"[{inline(p.label)}]({relative(territory_uri(p.id), src)})" if p.id in catalog.by_territory
            else inline(p.label) for p in parents)
    out.append("")
    if options.printable:
        out += download_lines(catalog, TERRITORY, place, src)
    if entry.code:
        local = f"`{entry.id}` ou " if known.is_local(entry.id) else ""
        out += [f"Dans une recette (`territory.place`){NBSP}: {local}`{entry.code}` (code officiel).", ""]
    children = catalog.territory_children(place)
    if children:
        out += ["## Territoires inclus", ""]
        out += [f"- [{inline(known[t].label)}]({relative(territory_uri(t), src)})"
                f" — {plural(len(catalog.by_territory[t]), 'recette')}" for t in children]
        out.append("")
    out += recipe_list(catalog, catalog.by_territory.get(place, []), src)
    out += impact_section(territory_group(catalog, place), src)
    out += reproduced_here(catalog, place, src)
    return Page(src, "\n".join(out), {"title": plain(entry.label)})


def recipes_index(catalog: Catalog) -> Page:
    src = index_uri(RECIPES)
    out = ["# Toutes les recettes", "",
           f"{plural(len(catalog.recipes), 'recette')} {agree(len(catalog.recipes), 'libre', 'libres')},"
           " par ordre alphabétique. Parcourez-les aussi par"
           f" [thématique]({relative(index_uri(THEMES), src)})"
           f" ou par [territoire]({relative(index_uri(TERRITORIES), src)}). Le niveau dit ce que chaque recette"
           f" montre déjà{NBSP}; pour l’enrichir, voyez les [recettes à compléter]({relative(TO_COMPLETE_URI, src)}).",
           ""]
    out += ["| Recette | Territoire | Thématiques | Niveau |", "|---|---|---|---|"]
    for slug in catalog.recipes:
        meta = catalog.meta(slug)
        place = catalog.vocabulary.territories.get(meta.territory.place)
        themes = ", ".join(inline(theme_label(catalog, t)) for t in meta.themes)
        archived = " *(archivée)*" if catalog.is_archived(slug) else ""
        out.append(f"| [{inline(meta.title)}]({relative(recipe_uri(slug), src)}){archived} | "
                   f"{inline(place.label) if place else ''} | {themes} | {catalog.readiness(slug).label} |")
    return Page(src, "\n".join(out), {"title": "Recettes"})


def themes_index(catalog: Catalog) -> Page:
    src = index_uri(THEMES)
    out = ["# Thématiques", ""]
    out += [f"- [{inline(theme_label(catalog, t))}]({relative(theme_uri(t), src)})"
            f" — {plural(len(catalog.by_theme[t]), 'recette')}" for t in catalog.theme_ids()]
    return Page(src, "\n".join(out), {"title": "Thématiques"})


def territories_index(catalog: Catalog) -> Page:
    """Nested: communes in EPCI in pays in départements in régions (each under the nearest
    territory around it that has a page)."""
    src = index_uri(TERRITORIES)
    known = catalog.vocabulary.territories
    used = catalog.territory_ids()
    out = ["# Territoires", "", f"Région, département, pays, intercommunalité, commune{NBSP}: chaque territoire compte aussi"
           " les recettes des territoires qu’il contient.", ""]

    parent = {place: catalog.territory_parent(place) for place in used}

    def walk(place: str, depth: int) -> None:
        count = plural(len(catalog.by_territory[place]), "recette")
        out.append(f"{'    ' * depth}- [{inline(known[place].label)}]({relative(territory_uri(place), src)})"
                   f" — {count}")
        for child in used:
            if parent[child] == place:
                walk(child, depth + 1)

    for place in used:
        if parent[place] is None:
            walk(place, 0)
    return Page(src, "\n".join(out), {"title": "Territoires"})


def home_page(catalog: Catalog, options: Options) -> Page:
    src = HOME_URI
    counts = catalog.counts()
    out = ["# Recettes libres", "",
           f"Le code source des innovations sociales{NBSP}: pour chaque innovation, comment faire, les freins,"
           " les facilitations et les conditions de reproductibilité, sous licence libre, avec les"
           " personnes qui la portent.", "", "## Le réseau en chiffres", ""]
    out += [f"- [{plural(counts['recipes'], 'recette')}]({index_uri(RECIPES)})",
            f"- [{plural(counts['ambassadors'], 'ambassadeur·rice')}]({index_uri(AMBASSADORS)})",
            f"- [{plural(counts['territories'], 'territoire')}]({index_uri(TERRITORIES)})",
            f"- [{plural(counts['themes'], 'thématique')}]({index_uri(THEMES)})", "",
            "## Réutiliser", "",
            f"- [La carte des recettes]({MAP_URI})",
            f"- [Les données ouvertes]({DATA_URI}) (JSON, CSV, GeoJSON) et le [flux Atom]({FEED_FILE})"
            " des nouvelles recettes", ""]
    latest = catalog.latest(options.latest)
    if latest:
        out += ["## Dernières recettes", ""]
        for slug in latest:
            meta = catalog.meta(slug)
            out.append(f"- [{inline(meta.title)}]({recipe_uri(slug)}) — {inline(meta.summary)}")
    return Page(src, "\n".join(out), {"title": "Accueil", "hide": ["navigation"]})
