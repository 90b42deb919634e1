"""Printing: a one-page card per recipe and a « recueil » per territory or theme, as PDF.

The seeds' regional day handed out « la carte » and « le recueil des innovations sociales
bretonnes »: these are their printable forms, made from the catalog the handbook is built from.
``recettes print`` writes them to a folder; the plugin's ``printable`` option writes the same
files into the published handbook (``imprimer/``), linked from the recipe, territory and theme
pages.

- **Card** (A5, one page: half an A4 sheet, to hand out): title, summary, territory, themes,
  holders, the key steps (titles of « Comment faire »), licence and attribution, and a QR code
  to the *versioned* address of the version printed (``recettes/<slug>/v<version>/``, a page
  that never changes), so a card read years later still leads to what it says.
- **Recueil** (A4): cover, contents with page numbers, every recipe in full, the portraits of
  the ambassadors who carry them (only what their consent allows: the catalog holds the public
  form of each profile, ``core.personal.public_ambassador``; never a contact), then the sources
  and licences of each recipe.
- Only recipes whose licence lets anyone hand out copies are printed
  (``core.licences.may_redistribute``); the others are reported (R295) and listed in
  ``Printed.excluded``. Each printed recipe keeps its credits (``publish.attribution``).

Contributed text goes through the handbook's own rules (``site.text.contributed``, then
Python-Markdown, then ``site.sanitize``): no raw HTML. Nothing is fetched: a recipe's own
images (``media/``) and an ambassador's photo are inlined as the clean copies the handbook
publishes (``read.media``), with their credits; any other image is left out. Templates are
Jinja2 with autoescaping (``site/print/``).
"""

from __future__ import annotations

import base64
import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import markdown
import segno
from markupsafe import Markup

from recettes.catalog.catalog import Catalog
from recettes.core import memo
from recettes.core.addresses import (
    SiteUrls,
    card_file,
    collection_file,
    recipe_uri,
    relative,
    version_uri,
)
from recettes.core.french import NBSP, NNBSP, french_date, number, plural
from recettes.core.licences import licence, may_redistribute, print_terms
from recettes.core.model import MediaCredit
from recettes.core.problems import Code, Problem, Severity
from recettes.core.sections import SECTION_BY_ID, SECTIONS
from recettes.publish.attribution import attribution
from recettes.read.load import MAX_MEDIA_BYTES
from recettes.read.media import clean_image, judge
from recettes.read.media_checks import media_path, published_name
from recettes.site.page import linker, theme_label
from recettes.site.sanitize import sanitize
from recettes.site.text import contributed

if TYPE_CHECKING:
    from recettes.site.pdf import Rendered

TERRITORY = "territoire"
THEME = "thematique"
KIND_LABELS = {TERRITORY: "territoire", THEME: "thématique"}
CARD_STEPS = 8
"""Key steps a card lists at most; fewer when the card would not fit on one page."""
CARD_HOLDERS = 6
PRINT_DIR = Path(str(resources.files("recettes.site").joinpath("print")))


@dataclass(frozen=True)
class Collection:
    """What one recueil gathers: a territory (with the places it contains) or a theme."""

    kind: str  # TERRITORY or THEME
    ident: str
    label: str
    slugs: tuple[str, ...]

    @property
    def file(self) -> str:
        return collection_file(self.kind, self.ident)


@dataclass
class Printed:
    """What a printing run made: PDF files by path (``imprimer/…``), the recipes left out with
    their problem, and every other problem (R296–R298)."""

    files: dict[str, bytes] = field(default_factory=dict)
    excluded: dict[str, Problem] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)  # slugs with a card
    collections: list[Collection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


# Selection ---------------------------------------------------------------------------------------


def printable(catalog: Catalog, slug: str) -> bool:
    """Whether a published recipe may be printed (its licence: ``may_redistribute``)."""
    return may_redistribute(catalog.meta(slug).licence)


def exclusion(catalog: Catalog, slug: str) -> Problem:
    """R295 for a recipe whose licence does not let it be printed, at its ``licence`` line."""
    entry = catalog.recipes[slug]
    meta = catalog.meta(slug)
    line, column = entry.doc.position(("licence",)) if entry.doc is not None else (1, 1)
    return Problem(entry.meta_path, line, column, Code.R295,
                   f"«\u00a0{meta.title}\u00a0» n’est pas imprimée{NBSP}: sa licence «\u00a0{meta.licence}\u00a0» n’est pas "
                   "connue du guide, qui ne peut pas dire si l’on peut en distribuer des copies.",
                   "Choisissez une licence connue (CC-BY-SA-4.0, CC-BY-4.0, CC0-1.0…) si les auteur·ices "
                   "sont d’accord.", Severity.WARNING)


def collections(catalog: Catalog, territories: Iterable[str] | None = None,
                themes: Iterable[str] | None = None) -> tuple[list[Collection], list[Problem]]:
    """The recueils asked for: the given territories and themes (ids, official codes too), or,
    when both are None, every territory and every theme that has a recipe. An unknown id is
    R296 (with the closest ids); a recueil without any printable recipe is R297."""
    problems: list[Problem] = []
    wanted: list[tuple[str, str]] = []
    if territories is None and themes is None:
        wanted = [(TERRITORY, t) for t in catalog.territory_ids()] + [(THEME, t) for t in catalog.theme_ids()]
    for place in territories or ():
        entry = catalog.vocabulary.territories.get(place)
        if entry is None:
            problems.append(_unknown(TERRITORY, place, catalog.vocabulary.suggest_territory(place)))
        else:
            wanted.append((TERRITORY, entry.id))
    for theme in themes or ():
        if theme in catalog.vocabulary.themes:
            wanted.append((THEME, theme))
        else:
            problems.append(_unknown(THEME, theme, catalog.vocabulary.suggest_theme(theme)))
    found: list[Collection] = []
    for kind, ident in dict.fromkeys(wanted):
        collection = collection_of(catalog, kind, ident)
        if not collection.slugs:
            label, published = collection.label, len(_published(catalog, kind, ident))
            problems.append(Problem(f"--{KIND_LABELS[kind].replace('é', 'e')}", 1, 1, Code.R297,
                                    f"aucune recette imprimable pour le {KIND_LABELS[kind]} «\u00a0{label}\u00a0»"
                                    f" ({plural(published, 'recette publiée')}).",
                                    "Choisissez un autre territoire ou une autre thématique (voir les "
                                    "pages «\u00a0Territoires\u00a0» et «\u00a0Thématiques\u00a0» du guide).",
                                    Severity.WARNING if territories is None and themes is None else Severity.ERROR))
            continue
        found.append(collection)
    return found, problems


def _published(catalog: Catalog, kind: str, ident: str) -> list[str]:
    return catalog.by_territory.get(ident, []) if kind == TERRITORY else catalog.by_theme.get(ident, [])


def collection_of(catalog: Catalog, kind: str, ident: str) -> Collection:
    """The recueil of a territory (its recipes and those of the places it contains) or of a
    theme: its printable recipes, in the catalog's order (by title)."""
    label = catalog.vocabulary.territories[ident].label if kind == TERRITORY else theme_label(catalog, ident)
    return Collection(kind, ident, label, tuple(s for s in _published(catalog, kind, ident) if printable(catalog, s)))


def download_lines(catalog: Catalog, kind: str, ident: str, src: str) -> list[str]:
    """The Markdown link of the page ``src`` (a territory's or a theme's) to its recueil, when
    the handbook prints them (``Options.printable``) and the recueil has a recipe."""
    collection = collection_of(catalog, kind, ident)
    if not collection.slugs:
        return []
    return [f"[Télécharger le recueil à imprimer (PDF, {plural(len(collection.slugs), 'recette')})]"
            f"({relative(collection.file, src)}).", ""]


def card_lines(catalog: Catalog, slug: str, src: str) -> list[str]:
    """The Markdown link of a recipe's page to its printable card, when it has one."""
    if not printable(catalog, slug):
        return []
    return [f"Fiche d’une page à imprimer, avec un code QR vers cette version{NBSP}: "
            f"[fiche (PDF, A5)]({relative(card_file(slug), src)}).", ""]


def _unknown(kind: str, value: str, close: list[str]) -> Problem:
    option = f"--{KIND_LABELS[kind].replace('é', 'e')}"
    hint = (f"Vouliez-vous dire {' ou '.join(f'«{NBSP}{c}{NBSP}»' for c in close)}{NNBSP}?" if close else
            f"Donnez l’identifiant d’un {KIND_LABELS[kind]} du vocabulaire (schema/vocabularies/).")
    return Problem(option, 1, 1, Code.R296, f"{KIND_LABELS[kind]} inconnu{'e' if kind == THEME else ''}"
                   f"{NBSP}: «\u00a0{value}\u00a0».", hint)


# Documents ---------------------------------------------------------------------------------------


@cache
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PRINT_DIR)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def versioned_url(catalog: Catalog, slug: str, urls: SiteUrls) -> str:
    """The address of the version printed: it never changes (``core.addresses.version_uri``)."""
    return urls.of_page(version_uri(slug, catalog.meta(slug).version))


def _territory(catalog: Catalog, place: str) -> str:
    entry = catalog.vocabulary.territories.get(place)
    return str(entry.label) if entry is not None else place


def _recipe(catalog: Catalog, slug: str, urls: SiteUrls) -> dict[str, Any]:
    """What both documents say of a recipe, every string still raw (the templates escape)."""
    meta = catalog.meta(slug)
    url = versioned_url(catalog, slug, urls)
    known = licence(meta.licence)
    how_to = catalog.recipes[slug].sections.get("how-to")
    return {
        "slug": slug, "title": meta.title, "summary": meta.summary, "version": meta.version,
        "archived": catalog.is_archived(slug),
        "territory": _territory(catalog, meta.territory.place),
        "themes": [theme_label(catalog, t) for t in meta.themes],
        "holders": catalog.holder_names(meta),
        "organisations": list(meta.organisations),
        "steps": [item.title for item in how_to.items] if how_to is not None else [],
        "url": url, "page": urls.of_page(recipe_uri(slug)),
        "licence": known.name, "licence_url": known.deed or known.url, "terms": known.terms(),
        "credit": attribution(catalog, meta, url),
        "sources": [source.citation() for source in meta.all_sources],
        "source_urls": [str(source.url) for source in meta.all_sources if source.url],
        "anchor": f"recette-{slug}",
    }


def card_html(catalog: Catalog, slug: str, urls: SiteUrls, steps: int = CARD_STEPS, today: date | None = None) -> str:
    """The card of a recipe as HTML: at most ``steps`` key steps (the others are counted)."""
    recipe = _recipe(catalog, slug, urls)
    shown = recipe["steps"][:steps]
    return _templates().get_template("fiche.html").render(
        recipe=recipe, steps=shown, more_steps=len(recipe["steps"]) - len(shown),
        holders=recipe["holders"][:CARD_HOLDERS], more_holders=max(0, len(recipe["holders"]) - CARD_HOLDERS),
        qr=Markup(qr_svg(recipe["url"])), printed=french_date(today or date.today()),
    )


def collection_html(catalog: Catalog, collection: Collection, urls: SiteUrls, today: date | None = None) -> str:
    """The recueil of ``collection`` as HTML: cover, contents, recipes, portraits, sources."""
    recipes = []
    for slug in collection.slugs:
        recipe = _recipe(catalog, slug, urls)
        used: set[str] = set()
        recipe["sections"] = _sections(catalog, slug, urls, used)
        meta = catalog.meta(slug)
        recipe["images"] = [_image_credit(credit) for credit in meta.media if published_name(credit.file) in used]
        recipe["impact"] = [
            f"{item.name}{NBSP}: {number(item.value) if isinstance(item.value, float) else item.value}"
            + (f" {item.unit}" if item.unit else "")
            + (f" ({item.date})" if item.date else "") + (f", source{NBSP}: {item.source}" if item.source else "")
            for item in meta.impact]
        resources_ = meta.resources
        recipe["resources"] = [] if resources_ is None else [
            text for text in (
                f"Personnes{NBSP}: {resources_.people}" if resources_.people else "",
                f"Budget{NBSP}: de {number(resources_.budget.min)} à {number(resources_.budget.max)} "
                f"{resources_.budget.currency}"
                if resources_.budget else "",
                f"Durée{NBSP}: {resources_.duration}" if resources_.duration else "",
                f"Partenaires{NBSP}: {', '.join(resources_.partners)}" if resources_.partners else "",
            ) if text]
        recipes.append(recipe)
    return _templates().get_template("recueil.html").render(
        collection=collection, kind=KIND_LABELS[collection.kind], recipes=recipes,
        portraits=_portraits(catalog, collection, urls), terms=print_terms(
            [catalog.meta(s).licence for s in collection.slugs]),
        printed=french_date(today or date.today()), site=urls.base,
        count=plural(len(recipes), "recette"),
    )


def _sections(catalog: Catalog, slug: str, urls: SiteUrls, used: set[str]) -> list[dict[str, Any]]:
    """The sections of a recipe as safe HTML; ``used`` receives the media printed (``media/…``)."""
    entry = catalog.recipes[slug]
    src = recipe_uri(slug)
    resolve = _absolute(linker(catalog, src, catalog.origin(slug)).resolve, src, urls)
    files = {published_name(name): name for name in entry.files}

    def image(target: str) -> str:
        path = media_path(target)
        if path is None or path not in files:
            return ""  # an image from elsewhere is never fetched
        found = _inline_image(entry.folder, files[path])
        if found:
            used.add(path)
        return found

    out = []
    for kind in SECTIONS:
        section = entry.sections.get(kind.id)
        if section is None:
            continue
        parts = [section.intro] if section.intro else []
        for position, item in enumerate(section.items, 1):
            number = f"{position}\\. " if SECTION_BY_ID[kind.id].numbered else ""
            parts.append(f"# {number}{item.title}\n\n{item.body}")
        out.append({"title": kind.title, "html": Markup(_html("\n\n".join(parts), resolve, image))})
    return out


def _image_credit(credit: MediaCredit) -> str:
    """« plan.png : Autrice, licence CC BY 4.0, source » for the list of sources and licences."""
    known = licence(credit.licence)
    text = f"{posixpath.basename(credit.file)}{NBSP}: {credit.author}, licence {known.name}"
    return text + (f", {credit.source}" if credit.source else "")


def _absolute(resolve: Callable[[str, str], str | None], src: str,
              urls: SiteUrls) -> Callable[[str, str], str | None]:
    """Internal links (``recette:``, ``ambassadeur:``) to the handbook's absolute addresses."""
    def absolute(scheme: str, rest: str) -> str | None:
        target = resolve(scheme, rest)
        if target is None:
            return None
        path, _, anchor = target.partition("#")
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
        return urls.of_page(uri) + (f"#{anchor}" if anchor else "")
    return absolute


_IMG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def _html(text: str, resolve: Callable[[str, str], str | None], image: Callable[[str], str]) -> str:
    """Contributed Markdown as safe HTML for print. Each image becomes its clean copy inline
    (``image``: a ``data:`` address, or "" to leave it out): nothing is fetched. The sanitizer's
    output is the HTML serializer's, so its ``<img>`` tags have double-quoted, escaped values."""
    rendered = sanitize(markdown.markdown(contributed(text, resolve), extensions=["extra", "sane_lists"]))

    def inline(match: re.Match[str]) -> str:
        attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(match[0])}
        found = image(attributes.get("src", ""))
        if not found:
            return ""
        return f'<img src="{found}" alt="{html.escape(attributes.get("alt", ""))}">'
    return _IMG.sub(inline, rendered)


def _portraits(catalog: Catalog, collection: Collection, urls: SiteUrls) -> list[dict[str, Any]]:
    """The ambassadors who carry or documented the recueil's recipes, as published (consent)."""
    carried: dict[str, list[str]] = {}
    for slug in collection.slugs:
        meta = catalog.meta(slug)
        for ident in [h.id for h in meta.holders] + [c.id for c in meta.documented_by if c.id]:
            if ident in catalog.ambassadors and meta.title not in carried.get(ident, []):
                carried.setdefault(ident, []).append(meta.title)
    out = []
    for ident, titles in carried.items():
        person = catalog.ambassadors[ident].meta
        assert person is not None
        out.append({
            "name": person.name, "kind": "Personne" if person.kind.value == "person" else "Organisation",
            "territory": _territory(catalog, person.territory) if person.territory else "",
            "expertise": [theme_label(catalog, t) for t in person.expertise],
            "bio": person.bio or "", "recipes": titles, "page": urls.of_ambassador(ident),
            "links": [(link.title, str(link.url)) for link in person.links],
            "photo": _photo(catalog, ident),
        })
    return sorted(out, key=lambda p: str(p["name"]).casefold())


def _photo(catalog: Catalog, ident: str) -> str:
    """The ambassador's photo as a ``data:`` address, when consent lets it be published (the
    catalog holds the public profile), as the handbook publishes it: a regular file inside the
    ambassadors' folder, accepted as an image (``read.media.judge``) and encoded again without
    its metadata (``clean_image``); "" otherwise."""
    entry = catalog.ambassadors[ident]
    if entry.meta is None or not entry.meta.photo:
        return ""
    return _inline_image(entry.path.parent, entry.meta.photo)


def _inline_image(base: Path, name: str) -> str:
    """The image ``name`` of the folder ``base`` as a ``data:`` address, as the handbook
    publishes images: a regular file inside ``base``, accepted as an image (``read.media.judge``)
    and encoded again without its metadata (``clean_image``); "" for anything else."""
    base = base.resolve()
    path = base / name
    try:
        if path.is_symlink() or not path.is_file() or base not in path.resolve().parents:
            return ""
        if path.stat().st_size > MAX_MEDIA_BYTES:
            return ""
        data = path.read_bytes()
        verdict = judge(data, name)
        if not verdict.ok:
            return ""
        clean = clean_image(data)
    except Exception:  # unreadable, or pixels that do not decode: the validator reports it (R009, R100)
        return ""
    kind = {"JPEG": "jpeg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}.get(verdict.format or "", "png")
    return f"data:image/{kind};base64,{base64.b64encode(clean).decode()}"


# PDF ---------------------------------------------------------------------------------------------


def qr_svg(url: str) -> str:
    """A QR code of ``url`` (PyPI ``segno``, ISO/IEC 18004) as an inline SVG element, error
    correction M (still read with 15 % of it damaged or folded), sized by its container."""
    code = segno.make(url, error="m", micro=False)
    return str(code.svg_inline(scale=4, border=4, dark="#000", light="#fff", omitsize=True))


def print_card(catalog: Catalog, slug: str, urls: SiteUrls, today: date | None = None) -> Rendered:
    """The card of ``slug`` as a one-page PDF: the key steps are cut (and counted) until it fits."""
    from recettes.site.pdf import render_pdf  # WeasyPrint: about a second to import

    steps = CARD_STEPS
    while True:
        rendered = render_pdf(card_html(catalog, slug, urls, steps, today), PRINT_DIR)
        if rendered.pages <= 1 or steps == 0:
            return rendered
        steps = max(0, min(steps, len(_recipe(catalog, slug, urls)["steps"])) - 2)


def print_collection(catalog: Catalog, collection: Collection, urls: SiteUrls,
                     today: date | None = None) -> Rendered:
    """The recueil of ``collection`` as PDF."""
    from recettes.site.pdf import render_pdf

    return render_pdf(collection_html(catalog, collection, urls, today), PRINT_DIR)


_PRINTED: dict[tuple[object, ...], Rendered] = {}
"""PDFs already made in this process, by what they are made from: a rebuild while serving
(``printable: true``) does not lay out again the documents whose recipes did not change."""
memo.register(_PRINTED.clear)


def print_all(catalog: Catalog, urls: SiteUrls, *, territories: Iterable[str] | None = None,
              themes: Iterable[str] | None = None, cards: bool = True, today: date | None = None) -> Printed:
    """Every document asked for, by path under the site root (``imprimer/…``): the recueils
    (``collections``), and the cards of the recipes they hold (of every printable recipe when
    no territory or theme is named). Problems are values: R295 for each recipe left out, R296
    and R297 for what was asked, R298 when a document cannot be laid out."""
    printed = Printed()
    chosen, printed.problems = collections(catalog, territories, themes)
    if any(p.is_error for p in printed.problems):
        return printed
    everything = territories is None and themes is None
    asked = list(catalog.recipes) if everything else list(dict.fromkeys(s for c in chosen for s in c.slugs))
    considered = list(catalog.recipes) if everything else list(dict.fromkeys(
        s for c in chosen for s in (catalog.by_territory.get(c.ident, []) if c.kind == TERRITORY
                                    else catalog.by_theme.get(c.ident, []))))
    for slug in considered:
        if not printable(catalog, slug):
            printed.excluded[slug] = exclusion(catalog, slug)
    printed.problems += list(printed.excluded.values())
    day = today or date.today()
    digest = catalog.digest()
    if cards:
        for slug in asked:
            if slug in printed.excluded:
                continue
            key: tuple[object, ...] = ("card", digest, catalog.recipes[slug].stamp, slug, urls, day)
            if _make(printed, key, card_file(slug), partial(print_card, catalog, slug, urls, day), slug):
                printed.cards.append(slug)
    for collection in chosen:
        key = ("collection", digest, tuple(catalog.recipes[s].stamp for s in collection.slugs), collection, urls, day)
        if _make(printed, key, collection.file, partial(print_collection, catalog, collection, urls, day),
                 collection.label):
            printed.collections.append(collection)
    return printed


def _make(printed: Printed, key: tuple[object, ...], path: str, make: Callable[[], Rendered], what: str) -> bool:
    rendered = _PRINTED.get(key)
    if rendered is None:
        try:
            rendered = make()
        except Exception as error:  # WeasyPrint may raise anything on a layout it cannot do
            printed.problems.append(Problem(path, 1, 1, Code.R298, f"«\u00a0{what}\u00a0»{NBSP}: mise en page impossible "
                                            f"({type(error).__name__}{NBSP}: {error}).",
                                            "Signalez-le aux mainteneur·euses du guide avec ce message."))
            return False
        if len(_PRINTED) > 10_000:
            _PRINTED.clear()
        _PRINTED[key] = rendered
    printed.files[path] = rendered.data
    if path.startswith(card_file("")[:-len(".pdf")]) and rendered.pages > 1:
        printed.problems.append(Problem(path, 1, 1, Code.R298, f"«\u00a0{what}\u00a0»{NBSP}: la fiche tient sur "
                                        f"{rendered.pages} pages, même sans ses étapes clés.",
                                        "Raccourcissez les crédits ou les sources de la recette.",
                                        Severity.WARNING))
    return True
