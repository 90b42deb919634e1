"""RecipePage: a recipe's page — key facts, the four sections, credits, history, the reuse
block — for its current version or, from git, an older one (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import recipe_uri, relative, version_uri
from recettes.core.french import NBSP, agree, and_list, fold, french_date, number, one_line
from recettes.core.licences import licence
from recettes.core.model import ROLE_LABELS, STATUS_LABELS, Recipe
from recettes.core.network import Origin
from recettes.core.sections import SECTION_BY_ID, SECTIONS
from recettes.publish.attribution import attribution
from recettes.publish.duplicates import Likeness
from recettes.read.limits import excessive
from recettes.read.media_checks import media_path, media_uses, publishable, published_name
from recettes.site.lineage import lineage_block
from recettes.site.nearby import nearby_block
from recettes.site.page import (
    Options,
    Page,
    absolute_url,
    ambassador_link,
    linker,
    longest_run,
    theme_label,
)
from recettes.site.printing import card_lines
from recettes.site.reach import holders_block
from recettes.site.readiness import (
    completeness_note,
    impact_line,
    readiness_lines,
    reproductions_section,
)
from recettes.site.search import OUT_OF_INDEX
from recettes.site.text import contributed, inline, plain

_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")


def recipe_page(catalog: Catalog, slug: str, options: Options, snapshot: Any | None = None,
                near: Sequence[Likeness] = ()) -> Page:
    """A recipe's page; with a ``Snapshot``, the same page for that version at its own address.
    ``near``: the recipes alike to this one (``publish.duplicates``), shown on the current
    version's page only (« Recettes proches »)."""
    entry = snapshot.entry if snapshot is not None else catalog.recipes[slug]
    meta = entry.meta
    assert meta is not None  # published recipes and snapshots have valid metadata
    src = version_uri(slug, snapshot.version) if snapshot is not None else recipe_uri(slug)
    origin = catalog.origin(slug)
    link = linker(catalog, src, origin)
    out: list[str] = [f"# {inline(meta.title)}", "", _version_line(catalog, slug, meta, snapshot), ""]
    if snapshot is not None:
        out += _version_banner(catalog, slug, snapshot, src)
    if meta.status.value == "archived":
        out += ['!!! warning "Recette archivée"', "",
                "    Cette innovation n’est plus active. La recette reste publiée pour mémoire"
                " et pour qui voudrait la reprendre.", ""]
    if snapshot is None:
        out += readiness_lines(catalog, slug, src)
    out += [inline(meta.summary), ""]
    out += holders_block(catalog, slug, meta, src, options)
    out += _credit_line(catalog, meta, src)
    out += _facts(catalog, slug, meta, link)
    old = snapshot is not None and not snapshot.current
    blobs = {published_name(name): data for name, data in publishable(snapshot.media, entry.sections.values()).items()} \
        if snapshot is not None and old else {}
    dropped = {item.target for section in entry.sections.values() for item in section.links
               if old and (path := media_path(item.target)) is not None and path not in blobs}
    credits = _image_credits(meta)
    for kind in SECTIONS:
        out += _section(entry.sections.get(kind.id), kind.id, link, credits, dropped)
    out += _impact(meta)
    if snapshot is None:
        out += reproductions_section(catalog, slug, src, link.resolve)
    out += _lineage(catalog, slug, entry, src)
    if snapshot is None:
        out += nearby_block(catalog, slug, near, src)
    if meta.links:
        out += ["## Liens {#liens}", ""]
        out += [f"- [{inline(item.title)}]({item.url})" for item in meta.links]
        out.append("")
    out += _provenance(origin, snapshot, link)
    out += _credits(catalog, slug, meta, snapshot, src)
    if snapshot is None:
        out += _changelog(catalog, slug, src)
    out += _origin(meta)
    out += _reuse(catalog, slug, meta, options, src)
    if options.printable and snapshot is None:
        out += card_lines(catalog, slug, src)
    front: dict[str, Any] = {"title": plain(meta.title), "description": plain(meta.summary)}
    if snapshot is None:
        front["tags"] = [plain(theme_label(catalog, t)) for t in meta.themes]
    else:  # an exact copy of a version: out of search and tag listings, no duplicate hits
        front["title"] = plain(f"{meta.title} (version {snapshot.version})")
        front["search"] = {"exclude": True}
        front["version"] = snapshot.version
    front["recette"] = slug
    front["pied_licence"] = plain(licence(meta.licence).footer())  # the footer (theme/partials/copyright.html)
    if origin is not None:
        if origin.edit_link() and snapshot is None:  # its own repository, never the regional one
            front["edit_url"] = origin.edit_link()
    elif options.edit_url_template and snapshot is None:
        front["edit_url"] = options.edit_url_template.format(slug=slug, file=entry.meta_path.rsplit("/", 1)[-1])
    if snapshot is None:  # after « Réutiliser cette recette »: out of the search index with it
        edit = front.get("edit_url")
        out += completeness_note(catalog, slug, edit if isinstance(edit, str) else None)
    if old:
        return Page(src, "\n".join(out), front, {}, blobs)
    used = media_uses(entry.sections.values())  # a medium no section uses is not published
    media = {published_name(name): name for name in entry.files if published_name(name) in used}
    return Page(src, "\n".join(out), front, media)


def _version_line(catalog: Catalog, slug: str, meta: Recipe, snapshot: Any | None) -> str:
    """« Version 1.2.0 — mise à jour le 22 novembre 2026 », from git, else from the metadata."""
    updated = snapshot.updated if snapshot is not None else catalog.updated(slug)
    line = f"Version {inline(meta.version)}"
    if updated is not None:
        line += f" — mise à jour le {french_date(updated)}"
    elif (dated := next((s for s in meta.all_sources if s.date), None)) is not None:
        line += f" — date de la source{NBSP}: {french_date(str(dated.date))}"
    return f"*{line}*{{ .recettes-version }}"


def _version_banner(catalog: Catalog, slug: str, snapshot: Any, src: str) -> list[str]:
    current = catalog.meta(slug).version
    when = f" ({french_date(snapshot.date)})" if snapshot.date is not None else ""
    target = relative(recipe_uri(slug), src)
    text = (f"Vous lisez la version {inline(snapshot.version)} de cette recette{when}."
            f" Version actuelle{NBSP}: [{inline(current)}]({target})")
    return ['!!! info "Version archivée"', "", f"    {text}", ""]


def _author_links(catalog: Catalog, meta: Recipe, src: str) -> str:
    """Who documented the recipe, linked to their profile when they have one."""
    names = [ambassador_link(catalog, a.id, src) if a.id else inline(a.name) for a in catalog.authors_of(meta)]
    return and_list(names)


def _credit_line(catalog: Catalog, meta: Recipe, src: str) -> list[str]:
    """« Fiche rédigée par … à partir de … », when the recipe says who wrote it or from what."""
    origin_authors = [inline(a.name) for a in meta.origin.authors] if meta.origin is not None else []
    if not meta.documented_by and not meta.all_sources:
        return [f"*D’après la fiche d’origine {_of(origin_authors)}.*{{ .recettes-credit }}", ""] \
            if origin_authors else []
    line = "Fiche rédigée"
    if meta.documented_by:
        line += f" par {_author_links(catalog, meta, src)}"
    if meta.all_sources:
        line += " à partir de " + and_list([inline(s.citation()) for s in meta.all_sources])
    if origin_authors:
        line += f", d’après la fiche d’origine {_of(origin_authors)}"
    return [f"*{line}.*{{ .recettes-credit }}", ""]


def _source_item(source: Any) -> str:
    """A source in the credits: its title linked when it has an address, then what is known."""
    title = f"«{NBSP}{inline(source.title)}{NBSP}»" if source.title else inline(str(source.url))
    text = f"[{title}]({source.url})" if source.url else title
    details = [inline(part) for part in (source.author, source.publisher) if part]
    if source.date:
        details.append(french_date(source.date))
    if source.licence:
        details.append(f"licence {inline(licence(source.licence).name)}")
    return f"- {text}" + (", " + ", ".join(details) if details else "")


def _provenance(origin: Origin | None, snapshot: Any | None, link: Any) -> list[str]:
    """Where a recipe of a network's source comes from: the source, its pinned revision, its
    repository and the link to edit the recipe there (``core.network.Origin``)."""
    if origin is None:
        return []
    source = origin.provenance
    label = f"[{inline(source.label)}]({source.url})" if source.url else inline(source.label)
    revision = f"`{source.commit[:12]}`"
    if source.ref != source.commit:
        revision = f"{inline(source.ref)} ({revision})"
    out = ["## Provenance {#provenance}", "",
           f"Cette recette vient du dépôt de recettes {label} (source «{NBSP}{inline(source.source)}{NBSP}»,"
           f" territoire couvert{NBSP}: {link('territoire', source.territory)}), à la révision {revision},"
           f" où elle s’appelle «{NBSP}{inline(origin.slug)}{NBSP}».",
           "Sa version, son historique et ses crédits sont ceux de ce dépôt.", ""]
    if origin.edit_link() and snapshot is None:
        out += [f"[Proposer une modification dans son dépôt]({origin.edit_link()})", ""]
    return out


def _credits(catalog: Catalog, slug: str, meta: Recipe, snapshot: Any | None, src: str) -> list[str]:
    """Who documented the recipe and from which sources, declared holders (by role) and git
    contributors, kept apart; never an e-mail address."""
    out = ["## Crédits {#credits}", ""]
    if meta.documented_by:
        out += ["### Rédaction {#redaction}", "",
                f"{_author_links(catalog, meta, src)} {agree(len(meta.documented_by), 'a', 'ont')}"
                " documenté la recette.", ""]
    if meta.all_sources:
        out += ["### Sources {#sources}", ""]
        out += [_source_item(source) for source in meta.all_sources]
        out.append("")
    if meta.holders:
        out += ["### Porteur·euses et ambassadeur·rices déclaré·es {#porteurs}", ""]
        out += [f"- {ambassador_link(catalog, h.id, src)} — {ROLE_LABELS[h.role]}" for h in meta.holders]
        out.append("")
    if snapshot is not None and not snapshot.current:
        changelog = catalog.changelog(slug)
        versions = [entry.version for entry in changelog]
        older = changelog[versions.index(snapshot.version):] if snapshot.version in versions else []
        people = _people(commit for entry in older for commit in entry.commits)
    else:
        people = _unique(catalog.contributors(slug))
    if people:
        out += [f"### Contributions (historique git) {{#contributions .{OUT_OF_INDEX}}}", ""]
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
    out = [f"## Historique {{#historique .{OUT_OF_INDEX}}}", ""]
    for entry in changelog:
        label = f"Version {inline(entry.version)}" if entry.version else "Avant toute version"
        if entry.version in pages:
            label = f"[{label}]({relative(version_uri(slug, entry.version), src)})"
        label += " (actuelle)" if entry.version == current else ""
        out.append(f"- **{label}** — {french_date(entry.date)}")
        declared = catalog.meta(slug).summary_of(entry.version) if entry.version else None
        if declared is not None:
            out.append(f"    - {inline(declared)}")
        else:
            out += [f"    - {inline(catalog.redactions.scrub(None, commit.summary))}"
                    for commit in entry.commits if commit.summary.strip()]
        people = ", ".join(_person_link(catalog, p, src) for p in _people(entry.commits))
        if people:
            out.append(f"    - *Contributions{NBSP}: {people}*")
    return [*out, ""]


def _origin(meta: Recipe) -> list[str]:
    """« Historique d’origine » of an imported recipe: the fiche it comes from (repository,
    path, commit), its authors with their dates and its earlier paths (``Recipe.origin``)."""
    origin = meta.origin
    if origin is None:
        return []
    where = inline(origin.repository)
    if _WEB_ADDRESS.fullmatch(origin.repository):  # linked only when nothing in it can break the link
        where = f"[{where}]({origin.repository})"
    fiche = f"la fiche «{NBSP}{inline(origin.path)}{NBSP}»" + (f" (partie {origin.part})" if origin.part else "")
    version = f", version `{origin.commit[:12]}`" if origin.commit else ""
    out = ["## Historique d’origine {#historique-origine}", "",
           f"Cette recette a été importée le {french_date(origin.imported)} de {fiche} ({where}{version}).", ""]
    if origin.created:
        dates = f"- Fiche créée le {french_date(origin.created)}"
        if origin.updated and origin.updated != origin.created:
            dates += f", modifiée pour la dernière fois le {french_date(origin.updated)}"
        out.append(dates + ".")
    if origin.authors:
        people = [inline(a.name) + (f" ({_span(a.first, a.last)})" if a.first else "") for a in origin.authors]
        out.append(f"- {agree(len(people), 'Auteur·ice', 'Auteur·ices')} de la fiche d’origine{NBSP}: "
                   f"{and_list(people)}.")
    if origin.renamed_from:
        out.append(f"- {agree(len(origin.renamed_from), 'Ancien chemin', 'Anciens chemins')}{NBSP}: "
                   + ", ".join(f"«{NBSP}{inline(path)}{NBSP}»" for path in origin.renamed_from) + ".")
    return [*out, ""]


def _of(names: list[str]) -> str:
    """« de Bob et Alice », « d’Alice et Bob »: the French elision before a vowel."""
    listed = and_list(names)
    return f"d’{listed}" if fold(listed[:1]) in tuple("aeiouy") else f"de {listed}"


def _span(first: str, last: str | None) -> str:
    if not last or last == first:
        return f"le {french_date(first)}"
    return f"du {french_date(first)} au {french_date(last)}"


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
    ident = catalog.ambassador_of(person)
    return ambassador_link(catalog, ident, src) if ident is not None else inline(person.name)


def _facts(catalog: Catalog, slug: str, meta: Recipe, link: Any) -> list[str]:
    place = meta.territory.place
    chain = catalog.vocabulary.ancestors(place)
    facts = []
    if chain:
        territory = link("territoire", place)
        around = ", ".join(inline(t.label) for t in chain[1:])
        facts.append(f"**Territoire**{NBSP}: {territory}" + (f" ({around})" if around else ""))
    themes = ", ".join(link("thematique", t) for t in meta.themes)
    facts.append(f"**Thématiques**{NBSP}: {themes}")
    facts.append(f"**État**{NBSP}: {STATUS_LABELS[meta.status]}")
    if meta.started:
        facts.append(f"**Démarrage**{NBSP}: {meta.started}")
    origin = catalog.origin(slug)
    if origin is not None:
        facts.append(f"**Source**{NBSP}: {inline(origin.provenance.label)} ([provenance](#provenance))")
    known = licence(meta.licence)
    name, url = known.name, known.deed
    facts.append(f"**Licence**{NBSP}: [{inline(name)}]({url})" if url else f"**Licence**{NBSP}: {inline(name)}")
    resources = meta.resources
    if resources:
        if resources.people:
            facts.append(f"**Personnes**{NBSP}: {inline(resources.people)}")
        if resources.budget:
            budget = resources.budget
            facts.append(f"**Budget**{NBSP}: de {number(budget.min)} à {number(budget.max)} {budget.currency}")
        if resources.duration:
            facts.append(f"**Durée**{NBSP}: {inline(resources.duration)}")
        if resources.partners:
            facts.append(f"**Partenaires**{NBSP}: " + ", ".join(inline(p) for p in resources.partners))
    lines = ['!!! abstract "En bref"', ""]
    lines += [f"    - {fact}" for fact in facts]
    return [*lines, ""]


def _section(section: Any, kind_id: str, link: Any, credits: dict[str, str], dropped: set[str]) -> list[str]:
    kind = SECTION_BY_ID[kind_id]
    if section is None and not kind.required:
        return []
    out = [f"## {kind.title} {{#{kind.anchor}}}", ""]
    if section is None:
        return [*out, "*Section à écrire.*", ""]
    resolve = link.resolve
    starts = [item.line for item in section.items]
    if section.intro:
        out += [contributed(_unlinked(section.intro, dropped), resolve), ""]
        out += _credits_between(section, credits, dropped, 0, starts[0] if starts else None)
    for position, item in enumerate(section.items, 1):
        prefix = f"{position}. " if kind.numbered else ""
        heading = prefix.replace(".", "\\.") + inline_heading(item.title, resolve)
        out += [f"### {heading}", "", contributed(_unlinked(item.body, dropped), resolve), ""]
        out += _credits_between(section, credits, dropped, item.line,
                                starts[position] if position < len(starts) else None)
    return out


def _image_credits(meta: Recipe) -> dict[str, str]:
    """The line shown under each credited image: « Image : Autrice, licence CC BY 4.0, source »."""
    credits = {}
    for credit in meta.media:
        known = licence(credit.licence)
        name = f"[{inline(known.name)}]({known.deed})" if known.deed else inline(known.name)
        text = f"Image{NBSP}: {inline(credit.author)}, licence {name}"
        if credit.source:
            text += f", [source]({credit.source})"
        credits[published_name(credit.file)] = text
    return credits


def _unlinked(text: str, targets: set[str]) -> str:
    """``text`` with its links to the media ``targets`` (media of an older version that are not
    published: refused) pointing nowhere (``#``), so the page has no broken link."""
    for target in targets:
        if target in text:
            text = text.replace(f"]({target}", "](#").replace(f"](<{target}>", "](#")
            text = re.sub(rf"^( {{0,3}}\[[^\]\n]+\]:[ \t]*)<?{re.escape(target)}>?", r"\1#", text, flags=re.M)
    return text


def _credits_between(section: Any, credits: dict[str, str], dropped: set[str], first: int,
                     end: int | None) -> list[str]:
    """The credits of the media the section links to from line ``first`` up to ``end``: shown
    right under the text that holds the image (a draft's uncredited image says so)."""
    names = dict.fromkeys(path for link in section.links if first <= link.line and (end is None or link.line < end)
                          and link.target not in dropped and (path := media_path(link.target)) is not None)
    unknown = f"Image{NBSP}: autrice ou auteur et licence non indiqués"
    return [line for name in names for line in (f"*{credits.get(name, unknown)}*{{ .recettes-credit-image }}", "")]


def inline_heading(title: str, resolve: Any) -> str:
    """An item title keeps its inline Markdown but no HTML nor attribute list."""
    title = one_line(title)
    if excessive([f"## {title}"]):  # the line the validator read (read.limits): shown as written
        return inline(title)
    return contributed(title, resolve).lstrip("#")



def _impact(meta: Recipe) -> list[str]:
    if not meta.impact:
        return []
    out = ["## Utilité sociale {#utilite-sociale}", ""]
    out += [f"- {impact_line(item)}" for item in meta.impact]
    return [*out, ""]


def _lineage(catalog: Catalog, slug: str, entry: Any, src: str) -> list[str]:
    """« Adaptée de » with the declared changes, then what changed from the original's text
    (``site.lineage``); « Adaptée par »: the adaptations of this recipe and where they are."""
    out: list[str] = []
    meta = entry.meta
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
        out += lineage_block(catalog, slug, entry, src)
    children = catalog.adapted_by.get(slug, [])
    if children:
        out += ["## Adaptée par {#adaptee-par}", ""]
        out += [f"- [{inline(catalog.meta(c).title)}]({relative(recipe_uri(c), src)})" + _adapted_to(catalog, c)
                for c in children]
        out.append("")
    return out


def _adapted_to(catalog: Catalog, slug: str) -> str:
    """« — adaptée à Plouarzel », the territory of an adaptation, when the vocabulary knows it."""
    place = catalog.vocabulary.ancestors(catalog.meta(slug).territory.place)
    return f" — adaptée à {inline(place[0].label)}" if place else ""


def _reuse(catalog: Catalog, slug: str, meta: Recipe, options: Options, src: str) -> list[str]:
    """What CC BY-SA asks: title, authors, source, licence (with link), plus the version.

    The source is the version's own address when it has one (it never changes), with the
    recipe's address for its latest version.
    """
    url = absolute_url(options, recipe_uri(slug))
    if meta.version in {s.version for s in catalog.snapshots.get(slug, [])}:
        url = f"{absolute_url(options, version_uri(slug, meta.version))} (dernière version : {url})"
    known = licence(meta.licence)
    licence_name, licence_url = known.name, known.deed
    text = attribution(catalog, meta, url) + (f" ({licence_url})" if licence_url else "")
    fence = "`" * max(3, longest_run(text, "`") + 1)
    return [
        f"## Réutiliser cette recette {{#reutiliser .{OUT_OF_INDEX}}}", "",
        inline(known.terms()) + f" Licence{NBSP}: "
        + (f"[{inline(licence_name)}]({licence_url})." if licence_url else f"{inline(licence_name)}."),
        "Mention à copier" + NBSP + ":", "",
        f"{fence}text", text, fence, "",
    ]


# Ambassadors ------------------------------------------------------------------------------------
