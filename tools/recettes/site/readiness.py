"""Reuse made visible on the handbook's pages (pure): a recipe's readiness badge with its reasons
and « Reproduite à … » near its title, its reproduction reports, what it lacks (« Pour compléter
cette recette », for contributors) and the « Recettes à compléter » page.

Levels and completeness are computed by ``catalog.readiness`` (the one rule); this module only
writes them as Markdown. Every contributed string goes through ``site.text`` (``inline`` for
metadata, ``contributed`` for a report's account), like the rest of the recipe page.
"""

from __future__ import annotations

from typing import Any

from recettes.catalog.catalog import Catalog
from recettes.catalog.readiness import (
    LEVEL_LABELS,
    LEVEL_MEANINGS,
    ORDER,
    UNDOCUMENTED_LABEL,
    Readiness,
    completeness,
)
from recettes.core.addresses import (
    RECIPES,
    TO_COMPLETE_URI,
    index_uri,
    recipe_uri,
    relative,
    reproduction_anchor,
    version_uri,
)
from recettes.core.french import NBSP, agree, french_date, number, plural
from recettes.core.model import Impact
from recettes.site.page import Page, ambassador_link
from recettes.site.text import contributed, inline

LEVEL_CLASS = "recettes-niveau"
"""The badge's class; ``recettes-niveau-<level id>`` gives its colour (``recettes.css``)."""


def badge(level: Readiness) -> str:
    """« Niveau : reproduite » as a badge (a strong element with the level's classes)."""
    ident = level.level.value if level.level is not None else "a-documenter"
    return f"**Niveau{NBSP}: {level.label}**{{ .{LEVEL_CLASS} .{LEVEL_CLASS}-{ident} }}"


def readiness_lines(catalog: Catalog, slug: str, src: str) -> list[str]:
    """The lines under a recipe's title: its badge with why it has this level (and the page that
    explains the levels), then « Reproduite à … » with a link to each report."""
    level = catalog.readiness(slug)
    why = f"{NBSP}; ".join(level.reasons)
    legend = f"[les niveaux]({relative(TO_COMPLETE_URI, src)}#niveaux)"
    out = [f"{badge(level)} — {why or 'sections à écrire'} ({legend})", "{ .recettes-niveau-ligne }", ""]
    counted = set(level.territories)
    places: dict[str, list[str]] = {}
    for report in catalog.reproductions(slug):
        meta = report.meta
        assert meta is not None
        place = catalog.vocabulary.territories.canonical(meta.territory.place)
        if place in counted:
            places.setdefault(place, []).append(report.id)
    if places:
        links = [f"[{inline(catalog.territory_label(place))}](#{reproduction_anchor(ids[0])})"
                 for place, ids in places.items()]
        out += [f"**Reproduite à**{NBSP}: {', '.join(links)}", "{ .recettes-reproduite }", ""]
    return out


def reproductions_section(catalog: Catalog, slug: str, src: str, resolve: Any) -> list[str]:
    """« Reproductions »: one part per report (its anchor is ``reproduction-<id>``), oldest first:
    who, where, when, the version followed, the outcome, adaptations, obstacles, impact figures
    and the account."""
    reports = catalog.reproductions(slug)
    if not reports:
        return []
    counted = set(catalog.readiness(slug).territories)
    pages = {s.version for s in catalog.snapshots.get(slug, []) if not s.current}
    out = ["## Reproductions {#reproductions}", "",
           f"{len(reports)} {agree(len(reports), 'compte rendu', 'comptes rendus')} d’équipes qui ont "
           "refait cette recette, du plus ancien au plus récent.", ""]
    for report in reports:
        meta = report.meta
        assert meta is not None
        name, ident = catalog.reporter(meta)
        who = ambassador_link(catalog, ident, src) if ident is not None else inline(name)
        place = catalog.vocabulary.territories.get(meta.territory.place)
        where = inline(place.label) if place is not None else inline(meta.territory.place)
        version = f"version {inline(meta.version)}"
        if meta.version in pages:
            version = f"[{version}]({relative(version_uri(slug, meta.version), src)})"
        out += [f"### {inline(catalog.report_title(meta))} {{#{reproduction_anchor(report.id)}}}", "",
                f"*{where}, {french_date(meta.date)}, par {who}, d’après la {version} de la recette.*"
                "{ .recettes-credit }", ""]
        if place is None or place.id not in counted:
            out += [f"*Sur le territoire de la recette{NBSP}: cette reproduction ne compte pas pour son niveau.*",
                    ""]
        out += [f"**Résultat**{NBSP}: {inline(meta.outcome)}", ""]
        if meta.adaptations:
            out += [f"**Ce qui a été adapté**{NBSP}:", ""]
            out += [f"- {inline(a.what)}" + (f" — {inline(a.why)}" if a.why else "") for a in meta.adaptations]
            out.append("")
        if meta.obstacles:
            out += [f"**Difficultés rencontrées**{NBSP}:", ""]
            out += [f"- {inline(text)}" for text in meta.obstacles]
            out.append("")
        if meta.impact:
            out += [f"**Utilité sociale**{NBSP}:", ""]
            out += [f"- {impact_line(item)}" for item in meta.impact]
            out.append("")
        story = report.story
        if story.intro:
            out += [contributed(story.intro, resolve), ""]
        for item in story.items:
            out += [f"#### {inline(item.title)}", "", contributed(item.body, resolve), ""]
    return out


def reproduced_here(catalog: Catalog, place: str, src: str) -> list[str]:
    """« Reproduites ici » on a territory's page: the recipes reproduced in it or in a territory
    it contains (counted or not), each with its report's link, oldest report first."""
    found = catalog.reproduced_in(place)
    if not found:
        return []
    heading = f"## {agree(len(found), 'Recette reproduite', 'Recettes reproduites')} ici {{#reproduites-ici}}"
    return [heading, "", *_report_items(catalog, found, src), ""]


def reproduced_by(catalog: Catalog, ident: str, src: str) -> list[str]:
    """« Recettes reproduites » on an ambassador's page: the reports they wrote, credited."""
    found = catalog.reproduced_by(ident)
    if not found:
        return []
    return ["## Recettes reproduites {#reproduites}", "", *_report_items(catalog, found, src), ""]


def _report_items(catalog: Catalog, reports: list[tuple[str, str]], src: str) -> list[str]:
    """« - [Recipe](…#reproduction-id) — Lannion, mai 2024 », one per (recipe slug, report id)."""
    out = []
    for slug, ident in reports:
        meta = catalog.recipes[slug].reproductions[ident].meta
        assert meta is not None
        target = f"{relative(recipe_uri(slug), src)}#{reproduction_anchor(ident)}"
        where = catalog.territory_label(meta.territory.place)
        out.append(f"- [{inline(catalog.meta(slug).title)}]({target}) — {inline(where)}, {french_date(meta.date)}")
    return out


def impact_line(item: Impact) -> str:
    """« **Déchets évités** : 2 tonnes par an (2016, source) »."""
    value = number(item.value) if isinstance(item.value, float) else inline(str(item.value))
    text = f"**{inline(item.name)}**{NBSP}: {value}" + (f" {inline(item.unit)}" if item.unit else "")
    extra = [x for x in (inline(item.date) if item.date else "", inline(item.source or "")) if x]
    return text + (f" ({', '.join(extra)})" if extra else "")


def completeness_note(catalog: Catalog, slug: str, edit_url: str | None) -> list[str]:
    """« Pour compléter cette recette », a collapsed note for contributors (at the end of the
    page, out of the search index with « Réutiliser cette recette »); nothing when complete."""
    level = catalog.readiness(slug)
    missing = completeness(catalog.meta(slug), catalog.recipes[slug].sections, level)
    if not missing:
        return []
    out = ['??? note "Pour compléter cette recette"', ""]
    out += [f"    - **{_capital(m.what)}**{NBSP}: {m.how}." for m in missing]
    out.append("")
    if edit_url:
        out += [f"    [Modifier la recette]({edit_url})", ""]
    return out


def to_complete_page(catalog: Catalog) -> Page:
    """« Recettes à compléter »: what the levels mean, then every recipe that lacks something,
    lowest level first, with what it lacks."""
    src = TO_COMPLETE_URI
    out = ["# Recettes à compléter", "",
           "Chaque recette a un niveau, calculé d’après ce qu’elle montre (jamais déclaré). "
           "Voici ce que chacune attend pour monter d’un niveau ou devenir une recette complète"
           f"{NBSP}: une source, un chiffre, un compte rendu de reproduction suffisent souvent.", "",
           "## Les niveaux {#niveaux}", ""]
    out += [f"{index}. **{LEVEL_LABELS[level].capitalize()}**{NBSP}: {LEVEL_MEANINGS[level]}."
            for index, level in enumerate(ORDER, 1)]
    out += ["", "Une reproduction compte quand elle a lieu sur un autre territoire que celui de la recette"
            f"{NBSP}: ni le même, ni un territoire qui le contient (son pays, son département, sa région), ni un"
            " lieu de la commune ou de l’intercommunalité de la recette. Pour une recette écrite à l’échelle"
            " d’un pays, d’un département ou de la région, chacune de ses communes est un autre territoire.", ""]
    rows: list[tuple[int, str, list[Any]]] = []
    for slug in catalog.recipes:
        level = catalog.readiness(slug)
        missing = completeness(catalog.meta(slug), catalog.recipes[slug].sections, level)
        if missing:
            rows.append((level.rank, slug, missing))
    rows.sort(key=lambda row: row[0])
    counts = {rank: sum(1 for row in rows if row[0] == rank) for rank in range(len(ORDER) + 1)}
    out += [f"## {plural(len(rows), 'recette')} à compléter", ""]
    if not rows:
        out += ["Toutes les recettes sont complètes.", ""]
    for rank in sorted(counts):
        if not counts[rank]:
            continue
        label = LEVEL_LABELS[ORDER[rank - 1]] + agree(counts[rank], "", "s") if rank else UNDOCUMENTED_LABEL
        out += [f"### {agree(counts[rank], 'Recette', 'Recettes')} {label} ({counts[rank]})", ""]
        for row_rank, slug, missing in rows:
            if row_rank == rank:
                out.append(f"- [{inline(catalog.meta(slug).title)}]({relative(recipe_uri(slug), src)})")
                out += [f"    - {_capital(m.what)}" + (f"{NBSP}: {m.how}" if m.key == "level" else "")
                        for m in missing]
        out.append("")
    out += [f"Toutes les recettes{NBSP}: [la liste]({relative(index_uri(RECIPES), src)}).", ""]
    return Page(src, "\n".join(out), {"title": "Recettes à compléter"})


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
