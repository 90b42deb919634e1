"""Pages: the handbook as plain Markdown pages with front matter, built from a Catalog (pure).

Every page is ordinary Markdown that a stock mkdocs-material build understands: no plugin is
needed to render it. Contributed strings pass through ``text`` (see its docstring for the
rules). Addresses: ``recettes/<slug>/``, ``ambassadeurs/<id>/``, ``thematiques/<id>/``,
``territoires/<id>/``, indexes at ``recettes/``, ``thematiques/``, ``territoires/``,
``ambassadeurs/`` and the home page at ``/``.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from typing import Any

from ..catalog import Catalog
from ..map import OSM_ATTRIBUTION, OSM_TILES
from ..model import LICENCES, ROLE_LABELS, SECTION_TITLES, STATUS_LABELS, Recipe
from ..vocabulary import fold
from .text import contributed, french_date, inline, plain

SECTION_ANCHORS = {
    "how-to": "comment-faire",
    "obstacles": "freins",
    "enablers": "facilitations",
    "reproducibility": "conditions-de-reproductibilite",
}
KIND_LABELS = {"region": "Région", "departement": "Département", "pays": "Pays", "commune": "Commune"}
NBSP = "\u202f"  # narrow no-break space, before ; : ! ? in French


@dataclass(frozen=True)
class Options:
    """What pages need from the site configuration."""

    site_url: str = ""
    edit_url_template: str = ""  # e.g. https://forge.example/org/repo/edit/main/recipes/{slug}/
    latest: int = 6
    map_tiles: str = OSM_TILES
    map_attribution: str = OSM_ATTRIBUTION


@dataclass(frozen=True)
class Page:
    src_uri: str
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)
    media: dict[str, str] = field(default_factory=dict)  # published name -> source path (recipe-relative)
    blobs: dict[str, bytes] = field(default_factory=dict)  # published name -> content (older versions)

    def text(self) -> str:
        """The page file: front matter (one key a line, JSON values: valid YAML, fast to write), then Markdown."""
        front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in self.meta.items())
        return f"---\n{front}---\n\n{self.markdown.rstrip()}\n"


def build_pages(catalog: Catalog, options: Options = Options()) -> list[Page]:
    """Every generated page of the handbook."""
    pages = [home_page(catalog, options), recipes_index(catalog), themes_index(catalog),
             territories_index(catalog), ambassadors_index(catalog)]
    pages += [recipe_page(catalog, slug, options) for slug in catalog.recipes]
    # Older versions get a page of their own; the current one's versioned address is a redirect
    # to the recipe page (``redirects``): one page less per recipe, the same stable citation.
    pages += [recipe_page(catalog, slug, options, snapshot)
              for slug in catalog.recipes for snapshot in catalog.snapshots.get(slug, []) if not snapshot.current]
    pages += [ambassador_page(catalog, ident) for ident in catalog.ambassadors]
    pages += [theme_page(catalog, theme) for theme in catalog.theme_ids()]
    pages += [territory_page(catalog, place) for place in catalog.territory_ids()]
    return pages


def recipe_uri(slug: str) -> str:
    return f"recettes/{slug}/index.md"


def version_uri(slug: str, version: str) -> str:
    """A version's stable address: ``recettes/<slug>/v1.2.0/``."""
    return f"recettes/{slug}/v{version}/index.md"


def ambassador_uri(ident: str) -> str:
    return f"ambassadeurs/{ident}.md"


def theme_uri(theme: str) -> str:
    return f"thematiques/{theme}.md"


def territory_uri(place: str) -> str:
    return f"territoires/{place}.md"


def relative(target: str, source: str) -> str:
    """A link from page ``source`` to page ``target`` (both src URIs), as MkDocs resolves it."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def page_url(src_uri: str) -> str:
    """The published address of a page, relative to the site root, with directory URLs."""
    if src_uri == "index.md":
        return ""
    stem = src_uri[: -len("index.md")] if src_uri.endswith("/index.md") else src_uri[:-3] + "/"
    return stem


# Recipe -----------------------------------------------------------------------------------------


def recipe_page(catalog: Catalog, slug: str, options: Options, snapshot: Any | None = None) -> Page:
    """A recipe's page; with a ``Snapshot``, the same page for that version at its own address."""
    entry = snapshot.entry if snapshot is not None else catalog.recipes[slug]
    meta = entry.meta
    assert meta is not None  # published recipes and snapshots have valid metadata
    src = version_uri(slug, snapshot.version) if snapshot is not None else recipe_uri(slug)
    link = _linker(catalog, src)
    out: list[str] = [f"# {inline(meta.title)}", "", _version_line(catalog, slug, meta, snapshot), ""]
    if snapshot is not None:
        out += _version_banner(catalog, slug, snapshot, src)
    if meta.status.value == "archived":
        out += ['!!! warning "Recette archivée"', "",
                "    Cette innovation n’est plus active. La recette reste publiée pour mémoire"
                " et pour qui voudrait la reprendre.", ""]
    out += [inline(meta.summary), ""]
    out += _facts(catalog, slug, meta, link)
    for kind, title in SECTION_TITLES.items():
        out += _section(entry.sections.get(kind), kind, title, link)
    out += _impact(meta)
    out += _lineage(catalog, slug, meta, src)
    if meta.links:
        out += ["## Liens {#liens}", ""]
        out += [f"- [{inline(item.title)}]({item.url})" for item in meta.links]
        out.append("")
    out += _credits(catalog, slug, meta, snapshot, src)
    if snapshot is None:
        out += _changelog(catalog, slug, src)
    out += _reuse(catalog, slug, meta, options, src)
    front: dict[str, Any] = {"title": plain(meta.title), "description": plain(meta.summary)}
    if snapshot is None:
        front["tags"] = [plain(_theme_label(catalog, t)) for t in meta.themes]
    else:  # an exact copy of a version: out of search and tag listings, no duplicate hits
        front["title"] = plain(f"{meta.title} (version {snapshot.version})")
        front["search"] = {"exclude": True}
        front["version"] = snapshot.version
    front["recette"] = slug
    if options.edit_url_template and snapshot is None:
        front["edit_url"] = options.edit_url_template.format(slug=slug)
    if snapshot is not None and not snapshot.current:
        return Page(src, "\n".join(out), front, {}, dict(snapshot.media))
    media = {name: name for name in entry.files if name.startswith("media/")}
    return Page(src, "\n".join(out), front, media)


def _version_line(catalog: Catalog, slug: str, meta: Recipe, snapshot: Any | None) -> str:
    """« Version 1.2.0 — mise à jour le 22 novembre 2026 », from git, else from the metadata."""
    updated = snapshot.updated if snapshot is not None else catalog.updated(slug)
    line = f"Version {inline(meta.version)}"
    if updated is not None:
        line += f" — mise à jour le {french_date(updated)}"
    elif meta.source is not None and meta.source.date:
        line += f" — date de la source{NBSP}: {french_date(meta.source.date)}"
    return f"*{line}*{{ .recettes-version }}"


def _version_banner(catalog: Catalog, slug: str, snapshot: Any, src: str) -> list[str]:
    current = catalog.meta(slug).version
    when = f" ({french_date(snapshot.date)})" if snapshot.date is not None else ""
    target = relative(recipe_uri(slug), src)
    text = (f"Vous lisez la version {inline(snapshot.version)} de cette recette{when}."
            f" Version actuelle{NBSP}: [{inline(current)}]({target})")
    return ['!!! info "Version archivée"', "", f"    {text}", ""]


def _credits(catalog: Catalog, slug: str, meta: Recipe, snapshot: Any | None, src: str) -> list[str]:
    """Declared holders (by role) and git contributors, kept apart; never an e-mail address."""
    out = ["## Crédits {#credits}", ""]
    if meta.holders:
        out += ["### Porteur·euses et ambassadeur·rices déclaré·es {#porteurs}", ""]
        out += [f"- {_ambassador_link(catalog, h.id, src)} — {ROLE_LABELS[h.role]}" for h in meta.holders]
        out.append("")
    if snapshot is not None and not snapshot.current:
        changelog = catalog.changelog(slug)
        versions = [entry.version for entry in changelog]
        older = changelog[versions.index(snapshot.version):] if snapshot.version in versions else []
        people = _people(commit for entry in older for commit in entry.commits)
    else:
        people = _unique(catalog.contributors(slug))
    if people:
        out += ["### Contributions (historique git) {#contributions}", ""]
        out += [f"- {_person_link(catalog, person, src)}" for person in people]
        out.append("")
    return out if len(out) > 2 else []


def _changelog(catalog: Catalog, slug: str, src: str) -> list[str]:
    """Newest version first: date, links to the version's page, change summaries, people."""
    changelog = catalog.changelog(slug)
    if not changelog:
        return []
    pages = {s.version for s in catalog.snapshots.get(slug, []) if not s.current}
    current = catalog.meta(slug).version
    out = ["## Historique {#historique}", ""]
    for entry in changelog:
        label = f"Version {inline(entry.version)}" if entry.version else "Avant toute version"
        if entry.version in pages:
            label = f"[{label}]({relative(version_uri(slug, entry.version), src)})"
        label += " (actuelle)" if entry.version == current else ""
        out.append(f"- **{label}** — {french_date(entry.date)}")
        out += [f"    - {inline(commit.summary)}" for commit in entry.commits if commit.summary.strip()]
        people = ", ".join(_person_link(catalog, p, src) for p in _people(entry.commits))
        out.append(f"    - *Contributions{NBSP}: {people}*")
    return [*out, ""]


def _people(commits: Any) -> list[Any]:
    """Authors and co-authors of commits (newest first), first contributor first."""
    found = [person for commit in reversed(list(commits)) for person in (commit.author, *commit.coauthors)]
    return _unique(found)


def _unique(people: list[Any]) -> list[Any]:
    """One entry per person: same e-mail (after .mailmap) or same name, accents and case aside."""
    seen: set[str] = set()
    kept = []
    for person in people:
        keys = {person.key, " ".join(fold(person.name).split())}
        if not keys & seen:
            kept.append(person)
        seen |= keys
    return kept


def _person_link(catalog: Catalog, person: Any, src: str) -> str:
    ident = catalog.ambassador_named(person.name)
    return _ambassador_link(catalog, ident, src) if ident is not None else inline(person.name)


def _facts(catalog: Catalog, slug: str, meta: Recipe, link: Any) -> list[str]:
    place = meta.territory.place
    chain = catalog.vocabulary.ancestors(place)
    facts = []
    if chain:
        territory = link("territoire", place)
        around = ", ".join(inline(t.label) for t in chain[1:])
        facts.append(f"**Territoire** : {territory}" + (f" ({around})" if around else ""))
    themes = ", ".join(link("thematique", t) for t in meta.themes)
    facts.append(f"**Thématiques** : {themes}")
    facts.append(f"**État** : {STATUS_LABELS[meta.status]}")
    if meta.started:
        facts.append(f"**Démarrage** : {meta.started}")
    name, url = LICENCES.get(meta.licence, (meta.licence, ""))
    facts.append(f"**Licence** : [{inline(name)}]({url})" if url else f"**Licence** : {inline(name)}")
    resources = meta.resources
    if resources:
        if resources.people:
            facts.append(f"**Personnes** : {inline(resources.people)}")
        if resources.budget:
            budget = resources.budget
            facts.append(f"**Budget** : de {_number(budget.min)} à {_number(budget.max)} {budget.currency}")
        if resources.duration:
            facts.append(f"**Durée** : {inline(resources.duration)}")
        if resources.partners:
            facts.append("**Partenaires** : " + ", ".join(inline(p) for p in resources.partners))
    lines = ['!!! abstract "En bref"', ""]
    lines += [f"    - {fact}" for fact in facts]
    return [*lines, ""]


def _section(section: Any, kind: str, title: str, link: Any) -> list[str]:
    out = [f"## {title} {{#{SECTION_ANCHORS[kind]}}}", ""]
    if section is None:
        return [*out, "*Section à écrire.*", ""]
    resolve = link.resolve
    if section.intro:
        out += [contributed(section.intro, resolve), ""]
    for number, item in enumerate(section.items, 1):
        prefix = f"{number}. " if kind == "how-to" else ""
        heading = prefix.replace(".", "\\.") + inline_heading(item.title, resolve)
        out += [f"### {heading}", "", contributed(item.body, resolve), ""]
    return out


def inline_heading(title: str, resolve: Any) -> str:
    """An item title keeps its inline Markdown but no HTML nor attribute list."""
    return contributed(" ".join(title.split()), resolve).lstrip("#")


def _impact(meta: Recipe) -> list[str]:
    if not meta.impact:
        return []
    out = ["## Utilité sociale {#utilite-sociale}", ""]
    for item in meta.impact:
        value = _number(item.value) if isinstance(item.value, float) else inline(str(item.value))
        text = f"- **{inline(item.name)}** : {value}"
        text += f" {inline(item.unit)}" if item.unit else ""
        extra = [x for x in (inline(item.date) if item.date else "", inline(item.source or "")) if x]
        text += f" ({', '.join(extra)})" if extra else ""
        out.append(text)
    return [*out, ""]


def _lineage(catalog: Catalog, slug: str, meta: Recipe, src: str) -> list[str]:
    out: list[str] = []
    origin = meta.adapted_from
    if origin is not None:
        out += ["## Adaptée de {#adaptee-de}", ""]
        if origin.recipe and origin.recipe in catalog.recipes:
            target = f"[{inline(catalog.meta(origin.recipe).title)}]({relative(recipe_uri(origin.recipe), src)})"
        elif origin.url:
            target = f"[{inline(origin.url)}]({origin.url})"
        else:
            target = inline(origin.recipe or "")
        out += [f"Cette recette est adaptée de {target}. Ce qui a changé{NBSP}: {inline(origin.changes)}", ""]
    children = catalog.adapted_by.get(slug, [])
    if children:
        out += ["## Adaptée par {#adaptee-par}", ""]
        out += [f"- [{inline(catalog.meta(c).title)}]({relative(recipe_uri(c), src)})" for c in children]
        out.append("")
    return out


def _reuse(catalog: Catalog, slug: str, meta: Recipe, options: Options, src: str) -> list[str]:
    """What CC BY-SA asks: title, authors, source, licence (with link), plus the version.

    The source is the version's own address when it has one (it never changes), with the
    recipe's address for its latest version.
    """
    url = _absolute(options, recipe_uri(slug))
    if meta.version in {s.version for s in catalog.snapshots.get(slug, [])}:
        url = f"{_absolute(options, version_uri(slug, meta.version))} (dernière version : {url})"
    names = [catalog.ambassadors[h.id].meta.name for h in meta.holders  # type: ignore[union-attr]
             if h.id in catalog.ambassadors] or ["les contributeur·ices de Recettes libres"]
    licence, licence_url = LICENCES.get(meta.licence, (meta.licence, ""))
    text = " ".join(f"« {meta.title} », par {', '.join(names)}, version {meta.version},".split())
    text += f" {url} — licence {' '.join(licence.split())}" + (f" ({licence_url})" if licence_url else "")
    fence = "`" * max(3, _longest_run(text, "`") + 1)
    return [
        "## Réutiliser cette recette {#reutiliser}", "",
        f"Vous pouvez copier, adapter et republier cette recette, à condition de créditer ses auteur·ices"
        f" et de partager vos modifications sous la même licence{NBSP}: "
        + (f"[{inline(licence)}]({licence_url})." if licence_url else f"{inline(licence)}."),
        "Mention à copier" + NBSP + ":", "",
        f"{fence}text", text, fence, "",
    ]


# Ambassadors ------------------------------------------------------------------------------------


def ambassador_page(catalog: Catalog, ident: str) -> Page:
    entry = catalog.ambassadors[ident]
    person = entry.meta
    assert person is not None
    src = ambassador_uri(ident)
    link = _linker(catalog, src)
    kind = "Personne" if person.kind.value == "person" else "Organisation"
    out = [f"# {inline(person.name)}", "", f"*{kind}*", ""]
    if person.bio:
        out += [inline(person.bio), ""]
    if person.territory and person.territory in catalog.vocabulary.territories:
        out += [f"**Territoire**{NBSP}: {link('territoire', person.territory)}", ""]
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
    contributed = catalog.contributed_by.get(ident, [])
    if contributed:
        out += ["## Contributions {#contributions}", "",
                "Recettes que cette personne a modifiées (historique git), sans en être déclarée"
                " porteuse ou ambassadrice" + NBSP + ":", ""]
        out += [f"- [{inline(catalog.meta(slug).title)}]({relative(recipe_uri(slug), src)})"
                for slug in contributed]
        out.append("")
    places = sorted({catalog.meta(c.slug).territory.place for c in carried})
    if places:
        out += ["## Territoires {#territoires}", ""]
        out += [f"- {link('territoire', p)}" for p in places if p in catalog.vocabulary.territories]
        out.append("")
    if person.links:
        out += ["## Liens {#liens}", ""]
        out += [f"- [{inline(item.title)}]({item.url})" for item in person.links]
        out.append("")
    if person.consent and person.contact is not None:
        out += ["## Contact {#contact}", ""]
        if person.contact.email:
            out.append(f"- Courriel{NBSP}: [{inline(person.contact.email)}](mailto:{person.contact.email})")
        if person.contact.phone:
            out.append(f"- Téléphone{NBSP}: {inline(person.contact.phone)}")
        out.append("")
    media = {f"photos/{posixpath.basename(person.photo)}": person.photo} if person.photo else {}
    if person.photo:
        out[1:1] = ["", f"![Portrait de {inline(person.name)}](photos/{posixpath.basename(person.photo)})"
                    "{ width=160 }"]
    return Page(src, "\n".join(out), {"title": plain(person.name), "ambassadeur": ident}, media)


def ambassadors_index(catalog: Catalog) -> Page:
    src = "ambassadeurs/index.md"
    out = ["# Ambassadeur·rices", "",
           "Les porteur·euses de projet présentent leur innovation et conseillent celles et ceux qui"
           " veulent la reproduire. Chaque fiche liste leurs recettes et leur expertise.", ""]
    for ident, entry in catalog.ambassadors.items():
        count = len(catalog.by_ambassador.get(ident, []))
        name = entry.meta.name  # type: ignore[union-attr]
        out.append(f"- [{inline(name)}]({relative(ambassador_uri(ident), src)}) — {_plural(count, 'recette')}")
    return Page(src, "\n".join(out), {"title": "Ambassadeur·rices"})


# Themes, territories, indexes, home -------------------------------------------------------------


def theme_page(catalog: Catalog, theme: str) -> Page:
    src = theme_uri(theme)
    entry = catalog.vocabulary.themes.get(theme)
    label = entry.label if entry else theme
    out = [f"# {inline(label)}", ""]
    if entry and entry.description:
        out += [inline(entry.description), ""]
    out += _recipe_list(catalog, catalog.by_theme.get(theme, []), src)
    experts = [i for i, a in catalog.ambassadors.items() if theme in a.meta.expertise]  # type: ignore[union-attr]
    if experts:
        out += ["## Ambassadeur·rices de cette thématique", ""]
        out += [f"- {_ambassador_link(catalog, i, src)}" for i in experts]
    return Page(src, "\n".join(out), {"title": plain(label)})


def territory_page(catalog: Catalog, place: str) -> Page:
    src = territory_uri(place)
    known = catalog.vocabulary.territories
    entry = known[place]
    out = [f"# {inline(entry.label)}", "", f"*{KIND_LABELS[entry.kind.value]}*"]
    parents = catalog.vocabulary.ancestors(place)[1:]
    if parents:
        out[-1] += " — dans " + ", ".join(
            f"[{inline(p.label)}]({relative(territory_uri(p.id), src)})" if p.id in catalog.by_territory
            else inline(p.label) for p in parents)
    out.append("")
    children = [t for t in catalog.territory_ids() if known[t].parent == place]
    if children:
        out += ["## Territoires inclus", ""]
        out += [f"- [{inline(known[t].label)}]({relative(territory_uri(t), src)})"
                f" — {_plural(len(catalog.by_territory[t]), 'recette')}" for t in children]
        out.append("")
    out += _recipe_list(catalog, catalog.by_territory.get(place, []), src)
    return Page(src, "\n".join(out), {"title": plain(entry.label)})


def recipes_index(catalog: Catalog) -> Page:
    src = "recettes/index.md"
    out = ["# Toutes les recettes", "",
           f"{_plural(len(catalog.recipes), 'recette')} libre{'s' if len(catalog.recipes) > 1 else ''},"
           " par ordre alphabétique. Parcourez-les aussi par [thématique](../thematiques/index.md)"
           " ou par [territoire](../territoires/index.md).", ""]
    out += ["| Recette | Territoire | Thématiques |", "|---|---|---|"]
    for slug in catalog.recipes:
        meta = catalog.meta(slug)
        place = catalog.vocabulary.territories.get(meta.territory.place)
        themes = ", ".join(inline(_theme_label(catalog, t)) for t in meta.themes)
        archived = " *(archivée)*" if catalog.is_archived(slug) else ""
        out.append(f"| [{inline(meta.title)}]({relative(recipe_uri(slug), src)}){archived} | "
                   f"{inline(place.label) if place else ''} | {themes} |")
    return Page(src, "\n".join(out), {"title": "Recettes"})


def themes_index(catalog: Catalog) -> Page:
    src = "thematiques/index.md"
    out = ["# Thématiques", ""]
    out += [f"- [{inline(_theme_label(catalog, t))}]({relative(theme_uri(t), src)})"
            f" — {_plural(len(catalog.by_theme[t]), 'recette')}" for t in catalog.theme_ids()]
    return Page(src, "\n".join(out), {"title": "Thématiques"})


def territories_index(catalog: Catalog) -> Page:
    """Nested: communes in pays in départements in régions."""
    src = "territoires/index.md"
    known = catalog.vocabulary.territories
    used = catalog.territory_ids()
    out = ["# Territoires", "", "Région, département, pays, commune : chaque territoire compte aussi"
           " les recettes des territoires qu’il contient.", ""]

    def walk(place: str, depth: int) -> None:
        count = _plural(len(catalog.by_territory[place]), "recette")
        out.append(f"{'    ' * depth}- [{inline(known[place].label)}]({relative(territory_uri(place), src)})"
                   f" — {count}")
        for child in used:
            if known[child].parent == place:
                walk(child, depth + 1)

    for place in used:
        parent = known[place].parent
        if parent is None or parent not in catalog.by_territory:
            walk(place, 0)
    return Page(src, "\n".join(out), {"title": "Territoires"})


def home_page(catalog: Catalog, options: Options) -> Page:
    src = "index.md"
    counts = catalog.counts()
    out = ["# Recettes libres", "",
           "Le code source des innovations sociales : pour chaque innovation, comment faire, les freins,"
           " les facilitations et les conditions de reproductibilité, sous licence libre, avec les"
           " personnes qui la portent.", "", "## Le réseau en chiffres", ""]
    out += [f"- [{_plural(counts['recipes'], 'recette')}](recettes/index.md)",
            f"- [{_plural(counts['ambassadors'], 'ambassadeur·rice')}](ambassadeurs/index.md)",
            f"- [{_plural(counts['territories'], 'territoire')}](territoires/index.md)",
            f"- [{_plural(counts['themes'], 'thématique')}](thematiques/index.md)", "",
            "## Réutiliser", "",
            "- [La carte des recettes](carte/index.md)",
            "- [Les données ouvertes](donnees/index.md) (JSON, CSV, GeoJSON) et le [flux Atom](flux.atom)"
            " des nouvelles recettes", ""]
    latest = catalog.latest(options.latest)
    if latest:
        out += ["## Dernières recettes", ""]
        for slug in latest:
            meta = catalog.meta(slug)
            out.append(f"- [{inline(meta.title)}]({recipe_uri(slug)}) — {inline(meta.summary)}")
    return Page(src, "\n".join(out), {"title": "Accueil", "hide": ["navigation"]})


# Helpers ----------------------------------------------------------------------------------------


class _Linker:
    """Links from one page to recipes, ambassadors, themes and territories."""

    def __init__(self, catalog: Catalog, src: str) -> None:
        self.catalog, self.src = catalog, src

    def __call__(self, kind: str, ident: str) -> str:
        catalog, src = self.catalog, self.src
        if kind == "thematique":
            label = inline(_theme_label(catalog, ident))
            return f"[{label}]({relative(theme_uri(ident), src)})" if ident in catalog.by_theme else label
        if kind == "territoire":
            entry = catalog.vocabulary.territories.get(ident)
            label = inline(entry.label if entry else ident)
            return f"[{label}]({relative(territory_uri(ident), src)})" if ident in catalog.by_territory else label
        return ident

    def resolve(self, scheme: str, rest: str) -> str | None:
        ident, _, anchor = rest.strip("/").partition("#")
        ident = ident.strip("/")
        suffix = f"#{anchor}" if anchor else ""
        if scheme == "recette" and ident in self.catalog.recipes:
            return relative(recipe_uri(ident), self.src) + suffix
        if scheme == "ambassadeur" and ident in self.catalog.ambassadors:
            return relative(ambassador_uri(ident), self.src) + suffix
        return None


def _linker(catalog: Catalog, src: str) -> _Linker:
    return _Linker(catalog, src)


def _ambassador_link(catalog: Catalog, ident: str, src: str) -> str:
    entry = catalog.ambassadors.get(ident)
    if entry is None or entry.meta is None:
        return inline(ident)
    return f"[{inline(entry.meta.name)}]({relative(ambassador_uri(ident), src)})"


def _recipe_list(catalog: Catalog, slugs: list[str], src: str) -> list[str]:
    out = [f"## {_plural(len(slugs), 'recette')}", ""]
    for slug in slugs:
        meta = catalog.meta(slug)
        archived = " *(archivée)*" if catalog.is_archived(slug) else ""
        out.append(f"- [{inline(meta.title)}]({relative(recipe_uri(slug), src)}){archived} — {inline(meta.summary)}")
    return [*out, ""]


def _theme_label(catalog: Catalog, theme: str) -> str:
    entry = catalog.vocabulary.themes.get(theme)
    return entry.label if entry else theme


def absolute_url(options: Options, src: str) -> str:
    """The public address of a page (root-relative without a site URL)."""
    return _absolute(options, src)


def _absolute(options: Options, src: str) -> str:
    base = options.site_url.rstrip("/") + "/" if options.site_url else "/"
    return base + page_url(src)


def _plural(count: int, word: str) -> str:
    if count > 1:
        word = word.replace("·rice", "·rices") if word.endswith("·rice") else word + "s"
    return f"{count} {word}"


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") if float(value).is_integer() else f"{value:,}".replace(",", "\u202f").replace(".", ",")


def _longest_run(text: str, char: str) -> int:
    best = run = 0
    for c in text:
        run = run + 1 if c == char else 0
        best = max(best, run)
    return best
