"""Cross-file checks over a loaded Repository, one function per concern.

Each check returns problems; ``check_repository`` runs them all. Drafts get warnings where
published recipes get errors, so a recipe can be saved unfinished.
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from recettes.core.characters import SCRIPT_NAMES_FR, may_mix_scripts, mixed_script_words
from recettes.core.french import did_you_mean
from recettes.core.licences import DEFAULT_LICENCE, LICENCES, left_out_of, may_join, stated
from recettes.core.model import Status
from recettes.core.network import NETWORK_FILE
from recettes.core.problems import Code, Problem, Report, Severity, rel
from recettes.core.sections import PLACEHOLDER, SECTION_FILES, SECTIONS
from recettes.core.semver import SemVer
from recettes.read.buildconfig import ALLOW_LIST, CONFIG_FILE, BuildConfig, check_build_config
from recettes.read.identities import load_identities
from recettes.read.load import (
    RECIPES_DIR,
    AmbassadorEntry,
    RecipeEntry,
    Repository,
    load_repository,
)
from recettes.read.markdown import bare_web_address, internal_link, link_scheme
from recettes.read.media_checks import check_media, judge_file
from recettes.read.network import load_network
from recettes.read.pages import check_docs, hand_written
from recettes.read.personal_checks import (
    check_ambassador_personal,
    check_location,
    check_recipe_contacts,
)
from recettes.read.recipe_md import has_anchor, recipe_anchors
from recettes.read.redactions import check_redactions
from recettes.read.reproductions import ReproductionEntry, other_territory
from recettes.read.yamlfile import strings_of

_TAG = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$))")
_DANGEROUS_SCHEMES = {"javascript", "vbscript", "data", "file"}
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# A browser drops these from a URL before reading its scheme (WHATWG URL: tab, newline, and
# leading C0 controls and spaces), so « java&#9;script: » is « javascript: ».
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_LEADING = "".join(map(chr, range(33)))


def validate_repository(root: Path, selected: Iterable[Path] | None = None, *,
                        keep: bool = True, docs: Path | None = None, site: bool = True) -> tuple[Repository, Report]:
    """Load and check everything; the report holds every problem. ``keep=False`` is faster but
    leaves ``repo.recipes`` empty (checks run as each recipe loads, possibly in other processes).

    Besides recipes and ambassadors: the build configuration (``read.buildconfig``) and the
    hand-written pages (``read.pages``, in ``docs``, by default the configuration's docs_dir) —
    all of them, or those among ``selected`` — and ``network.yml`` (``read.network``).
    ``site=False`` checks only the content (a source of a network: its site is not built)."""
    chosen = None if selected is None else [path.resolve() for path in selected]
    config = check_build_config(root) if site else None
    repo = load_repository(root, chosen, inspect=check_recipe, keep=keep,
                           data_licence=config.data_licence if config is not None else None)
    problems = list(repo.problems)
    for ambassador in repo.ambassadors.values():
        problems.extend(check_ambassador(repo, ambassador))
    if site:
        problems.extend(check_site_sources(repo, chosen, docs, config))
        if chosen is None or root.resolve() / NETWORK_FILE in chosen:
            problems.extend(load_network(repo.root)[1])
    problems.extend(check_redactions(repo))
    repo.identities, found = load_identities(repo.root, repo.ambassador_ids)
    problems.extend(found)
    return repo, Report(problems)


def check_site_sources(repo: Repository, selected: list[Path] | None, docs: Path | None = None,
                       config: BuildConfig | None = None) -> list[Problem]:
    """Problems of ``mkdocs.yml`` (``config``, when already reviewed), of its allow-list and of
    the pages of ``docs`` (or of those among ``selected``)."""
    root = repo.root

    def chosen(path: Path) -> bool:
        return selected is None or any(path == s or s in path.parents for s in selected)

    config = config or check_build_config(root)
    problems = config.problems if chosen(root / CONFIG_FILE) or chosen(root / ALLOW_LIST) else []
    docs = (docs or config.docs_dir).resolve()
    if selected is not None and not any(chosen(docs / uri) for uri in hand_written(docs)):
        return problems
    names = {"recette": repo.recipe_slugs, "ambassadeur": repo.ambassador_ids}
    shown = rel(docs, root)
    return problems + [p for p in check_docs(docs, shown, names) if chosen(docs / p.path.removeprefix(f"{shown}/"))]


def check_recipe(repo: Repository, entry: RecipeEntry) -> list[Problem]:
    """Every per-recipe check; ``repo`` needs only names and vocabularies."""
    return [problem for check in RECIPE_CHECKS for problem in check(repo, entry)]


def _severity(entry: RecipeEntry) -> Severity:
    """Incomplete content blocks publication, not a draft."""
    meta = entry.meta
    return Severity.WARNING if meta is not None and meta.status is Status.DRAFT else Severity.ERROR


def _texts(value: Any) -> list[str]:
    return [v.strip() for v in value if isinstance(v, str)] if isinstance(value, list) else []


def check_vocabulary(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """Unknown themes and territory; also when another key failed the schema, from the raw
    data, so that every problem comes in one run."""
    meta, doc = entry.meta, entry.doc
    if doc is None or not isinstance(doc.data, dict):
        return
    if meta is None:
        territory = doc.data.get("territory")
        place = territory.get("place") if isinstance(territory, dict) else None
        yield from _vocabulary_refs(repo, doc, entry.meta_path, "themes", _texts(doc.data.get("themes")),
                                    ("territory", "place"), place.strip() if isinstance(place, str) else None)
        return
    yield from _vocabulary_refs(repo, doc, entry.meta_path, "themes", meta.themes,
                                ("territory", "place"), meta.territory.place)
    if len(set(meta.themes)) != len(meta.themes):
        line, column = doc.position(("themes",))
        yield Problem(entry.meta_path, line, column, Code.R012, "thématique citée deux fois",
                      "Gardez chaque thématique une seule fois.")


def _vocabulary_refs(repo: Repository, doc: Any, shown: str, themes_key: str, themes: list[str],
                     place_loc: tuple[str | int, ...], place: str | None) -> Iterator[Problem]:
    """Unknown themes and territory, each with the closest entries of the vocabulary."""
    vocabulary = repo.vocabulary
    for index, theme in enumerate(themes):
        if theme not in vocabulary.themes:
            line, column = doc.position((themes_key, index))
            yield Problem(shown, line, column, Code.R013, f"thématique « {theme} » inconnue",
                          _suggestion(vocabulary.suggest_theme(theme), "schema/vocabularies/themes.yml"))
    if place and place not in vocabulary.territories:
        line, column = doc.position(place_loc)
        code, message, hint = vocabulary.territories.unknown(place)
        yield Problem(shown, line, column, code, message, hint)
    elif place and (current := vocabulary.territories.former_code(place)) is not None:
        line, column = doc.position(place_loc)
        yield Problem(shown, line, column, Code.R242,
                      f"la commune {place} a fusionné dans {current} ({vocabulary.territories[current].label})",
                      f"Écrivez « {current} » : le code de l’ancienne commune est lu, mais n’est plus "
                      "officiel.", Severity.WARNING)


def check_holders(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    meta, doc = entry.meta, entry.doc
    if meta is None or doc is None:
        return
    if not meta.holders and not meta.documented_by and meta.status is not Status.DRAFT:
        line, column = doc.position(("holders",), key=True) if "holders" in doc.data else (1, 1)
        yield Problem(entry.meta_path, line, column, Code.R011,
                      "une recette publiée nomme qui l’a rédigée (documented_by) ou qui la porte (holders)",
                      "Ajoutez documented_by: [{name: Votre nom}] si vous avez écrit la recette, et "
                      "holders: [{id: identifiant, role: holder}] pour qui porte le projet (fiche "
                      "ambassadors/identifiant.yml, « recettes new-ambassador »).")
    people = [("holders", index, holder.id) for index, holder in enumerate(meta.holders)]
    people += [("documented_by", index, credit.id) for index, credit in enumerate(meta.documented_by)
               if credit.id is not None]
    for key, index, ident in people:
        if ident not in repo.ambassador_ids:
            line, column = doc.position((key, index, "id"))
            close = _close(ident, repo.ambassador_ids)
            yield Problem(entry.meta_path, line, column, Code.R040,
                          f"« {ident} » n’a pas de fiche ambassadors/{ident}.yml",
                          (f"Vouliez-vous dire « {close} » ? " if close else "")
                          + "Créez la fiche avec « recettes new-ambassador », corrigez l’identifiant"
                          + (", ou écrivez name: à la place de id:." if key == "documented_by" else "."))


def check_sources(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """The older single ``source`` still works, with a warning naming ``sources``."""
    meta, doc = entry.meta, entry.doc
    if meta is None or doc is None or meta.source is None:
        return
    line, column = doc.position(("source",), key=True)
    yield Problem(entry.meta_path, line, column, Code.R016, "« source » est l’ancienne forme de « sources »",
                  "Écrivez sources: suivi d’une liste, par exemple sources: [{title: …, url: …, date: \"2013\"}] ;"
                  " une recette peut citer plusieurs publications.", Severity.WARNING)


def check_changelog(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """Each declared version once, and none beyond the recipe's own version."""
    meta, doc = entry.meta, entry.doc
    if meta is None or doc is None:
        return
    seen: set[str] = set()
    current = SemVer.parse(meta.version)
    for index, change in enumerate(meta.changelog):
        line, column = doc.position(("changelog", index, "version"))
        if change.version in seen:
            yield Problem(entry.meta_path, line, column, Code.R012,
                          f"la version {change.version} est décrite deux fois dans changelog",
                          "Réunissez les deux descriptions en une seule.")
        elif SemVer.parse(change.version) > current:
            yield Problem(entry.meta_path, line, column, Code.R012,
                          f"la version {change.version} dépasse celle de la recette ({meta.version})",
                          "Décrivez seulement des versions déjà atteintes, ou augmentez « version ».")
        seen.add(change.version)


def check_adapted_from(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    meta, doc = entry.meta, entry.doc
    if meta is None or doc is None or meta.adapted_from is None or meta.adapted_from.recipe is None:
        return
    origin = meta.adapted_from.recipe
    line, column = doc.position(("adapted_from", "recipe"))
    if origin == entry.slug:
        yield Problem(entry.meta_path, line, column, Code.R041, "une recette ne peut pas être adaptée d’elle-même",
                      "Indiquez la recette d’origine, ou retirez adapted_from.")
    elif origin not in repo.recipe_slugs:
        close = _close(origin, repo.recipe_slugs)
        yield Problem(entry.meta_path, line, column, Code.R041, f"recette d’origine « {origin} » introuvable",
                      (f"Vouliez-vous dire « {close} » ? " if close else "")
                      + "Indiquez le nom d’un dossier de recipes/, ou « url: » pour une recette publiée ailleurs.")


def check_licence(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """A recipe states its licence (else nobody may reuse it: it is not published); an unknown
    or non-free one is a warning (excluded from the combined collection)."""
    meta, doc = entry.meta, entry.doc
    if doc is None or not isinstance(doc.data, dict):
        return
    raw = doc.data.get("licence")
    if not stated(raw):
        line, column = doc.position(("licence",)) if "licence" in doc.data else (1, 1)
        said = f"« {raw} »" if isinstance(raw, str) and raw.strip() else "absente"
        yield Problem(entry.meta_path, line, column, Code.R113,
                      f"licence {said} : une recette sans licence ne peut pas être publiée",
                      "Sans licence, personne n’a le droit de réutiliser la recette. Ajoutez par exemple "
                      f"licence: {DEFAULT_LICENCE} (celle du guide) ; licences libres connues : "
                      f"{', '.join(i for i, item in LICENCES.items() if item.free)}.", _severity(entry))
        return
    if meta is None:
        return
    line, column = doc.position(("licence",))
    known = LICENCES.get(meta.licence)
    if known is None:
        yield Problem(entry.meta_path, line, column, Code.R012, f"licence « {meta.licence} » inconnue du guide",
                      "Le réseau publie sous CC-BY-SA-4.0 ; une autre licence libre reste possible "
                      f"({', '.join(sorted(i for i, item in LICENCES.items() if item.free))}) mais la recette sera "
                      "exclue des jeux de données combinés si elle n’est pas compatible.", Severity.WARNING)
    elif not known.free:
        yield Problem(entry.meta_path, line, column, Code.R012, f"licence « {known.name} » non libre",
                      f"{known.terms()} La recette est publiée avec ces conditions, mais exclue des "
                      f"données ouvertes combinées ; une licence libre ({DEFAULT_LICENCE}) permet toute "
                      "réutilisation.", Severity.WARNING)
    elif repo.data_licence and repo.data_licence in LICENCES and not may_join(meta.licence, repo.data_licence):
        yield left_out_of(entry.meta_path, line, column, meta.licence, repo.data_licence)


def check_metadata_html(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    if entry.doc is not None and entry.doc.may_hold_markup:
        yield from _html_in_strings(entry.doc.data, (), entry.doc, entry.meta_path)


def check_sections(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    if entry.meta is None and entry.doc is None:
        return
    severity = _severity(entry)
    if entry.one_file:
        for each in SECTIONS:
            section = entry.sections.get(each.id)
            if section is None and each.required:
                yield Problem(entry.meta_path, 1, 1, Code.R030, f"section « {each.title} » absente",
                              f"Ajoutez une ligne « # {each.title} » suivie d’au moins un élément "
                              "« ## Titre » et de son texte.", severity)
            elif section is not None and not section.items and each.required:
                yield Problem(entry.meta_path, section.line, 1, Code.R031,
                              f"aucun élément « ## » dans la section « {each.title} »",
                              "Chaque élément commence par une ligne « ## Titre », suivie de son texte.", severity)
        return
    for kind, name in SECTION_FILES.items():
        shown = entry.section_paths.get(kind, f"{entry.meta_path.rsplit('/', 1)[0]}/{name}")
        section = entry.sections.get(kind)
        if name not in entry.files:
            yield Problem(shown, 1, 1, Code.R030, f"section {name} absente",
                          f"Créez {name} avec au moins un élément « ## Titre » suivi de son texte.", severity)
        elif section is not None and not section.items:
            yield Problem(shown, 1, 1, Code.R031, "aucun élément « ## » dans cette section",
                          "Chaque élément commence par une ligne « ## Titre », suivie de son texte.", severity)


def check_links(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """Each link of the sections: scheme, internal target (and its anchor), file of the recipe.

    A target is read as a browser will: HTML entities decoded (« &#106;avascript: » is
    « javascript: »), tabs and newlines dropped; file names are compared in Unicode NFC (an
    « é » typed as « e » + accent names the same file as a precomposed « é »)."""
    files = {unicodedata.normalize("NFC", name) for name in entry.files}
    symlinks = {unicodedata.normalize("NFC", name) for name in entry.symlinks}
    for kind, section in entry.sections.items():
        shown = entry.section_paths[kind]
        for link in section.links:
            yield from _check_link(repo, entry, files | symlinks, shown, link)


def _check_link(repo: Repository, entry: RecipeEntry, files: set[str], shown: str, link: Any) -> Iterator[Problem]:
    written = link.target
    target = _URL_IGNORED.sub("", html.unescape(written)).lstrip(_URL_LEADING) if "&" in written else written
    scheme = link_scheme(target)
    where = (shown, link.line, link.column)
    if scheme in _DANGEROUS_SCHEMES:
        encoded = f" (écrit « {written[:40]} »)" if target != written else ""
        yield Problem(*where, Code.R033, f"lien « {scheme}: » interdit{encoded}",
                      "Utilisez une adresse https://, ou recette:… / ambassadeur:… pour un lien interne.")
    elif (internal := internal_link(target)) is not None:
        kind, ident, anchor = internal
        names, where_from = ((repo.recipe_slugs, "du nom d’un dossier de recipes/") if kind == "recette" else
                             (repo.ambassador_ids, "du nom d’un fichier de ambassadors/ (sans .yml)"))
        if ident not in names:
            close = _close(ident, names)
            what = "la recette" if kind == "recette" else "l’ambassadeur·rice"
            yield Problem(*where, Code.R044, f"{what} « {ident} » n’existe pas",
                          (f"Vouliez-vous dire « {kind}:{close} » ? " if close else "")
                          + f"Écrivez {kind}: suivi {where_from}.")
        elif anchor and kind == "recette":
            yield from _check_anchor(repo, ident, anchor, where)
    elif scheme in _SAFE_SCHEMES:
        if link.image:
            yield Problem(*where, Code.R042, "image hébergée ailleurs",
                          "Copiez l’image dans le dossier media/ de la recette et écrivez ![description](media/nom.jpg) : "
                          "une image externe peut disparaître ou pister les lecteur·ices.", Severity.WARNING)
    elif scheme is not None:
        yield Problem(*where, Code.R044, f"type de lien « {scheme}: » inconnu",
                      "Liens permis : https://…, mailto:…, recette:nom-de-recette, ambassadeur:identifiant, media/fichier.")
    elif target and not target.startswith("#"):
        path = target.split("#", 1)[0].split("?", 1)[0]
        normal = unicodedata.normalize("NFC", posixpath.normpath(path)) if path else ""
        if path.startswith("/") or normal == ".." or normal.startswith("../"):
            yield Problem(*where, Code.R043, f"le chemin « {target} » sort du dossier de la recette",
                          "Placez le fichier dans media/ et écrivez media/nom-du-fichier.")
        elif normal not in files and bare_web_address(target) and not link.image:
            yield Problem(*where, Code.R132, f"« {target} » est une adresse web sans « https:// »",
                          f"Écrivez l’adresse complète, « https://{target} » : sans https://, le guide "
                          "chercherait un fichier de ce nom dans la recette.")
        elif normal and normal not in files:
            yield Problem(*where, Code.R042, f"fichier « {path} » introuvable dans la recette",
                          "Ajoutez le fichier dans media/ ou corrigez son nom (majuscules et accents comptent).")
        if link.image and not link.text.strip():
            yield Problem(*where, Code.R032, "image sans description",
                          "Décrivez l’image entre les crochets : ![Des habitant·es autour du composteur](media/…) — "
                          "c’est ce que lisent les personnes aveugles.", Severity.WARNING)


def _check_anchor(repo: Repository, slug: str, anchor: str, where: tuple[str, int, int]) -> Iterator[Problem]:
    """``recette:slug#anchor``: the anchor must be one of the target recipe's page."""
    anchors = recipe_anchors(repo.root / RECIPES_DIR / slug)
    if anchors is None or has_anchor(anchors, anchor):
        return
    close = did_you_mean(anchor, set(anchors))
    sections = ", ".join(f"#{kind.anchor}" for kind in SECTIONS)
    yield Problem(*where, Code.R044, f"la recette « {slug} » n’a pas d’ancre « #{anchor} »",
                  (f"Vouliez-vous dire « recette:{slug}#{close[0]} » ? " if close else "")
                  + f"Les ancres d’une recette sont ses sections ({sections}) et ses éléments "
                  "(le titre « ## » en minuscules, sans accents, les espaces remplacées par des tirets).")


def check_placeholders(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """Text written by ``recettes new`` that still has to be replaced."""
    severity = _severity(entry)
    if entry.meta is not None and entry.doc is not None and entry.meta.summary.startswith(PLACEHOLDER):
        line, column = entry.doc.position(("summary",))
        yield Problem(entry.meta_path, line, column, Code.R034, "résumé encore « À compléter »",
                      "Écrivez en une ou deux phrases ce que fait l’innovation et pour qui.", severity)
    for kind, section in entry.sections.items():
        if section.intro.startswith(PLACEHOLDER):
            yield Problem(entry.section_paths[kind], section.line + 1 if entry.one_file else 1, 1, Code.R034,
                          "texte encore « À compléter » au début de la section",
                          "Répondez à la question posée, ou supprimez ce paragraphe.", severity)
        for item in section.items:
            if item.title.startswith(PLACEHOLDER):
                yield Problem(entry.section_paths[kind], item.line, 1, Code.R034,
                              f"élément « {item.title} » encore à compléter",
                              "Répondez à la question posée, puis remplacez le titre par un titre court "
                              "(ou supprimez l’élément).", severity)


def check_reproductions(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """Each reproduction report of the recipe (``read.reproductions``): who did it (an ambassador
    of this repository), where (a known territory, elsewhere than the recipe: R262 otherwise),
    when (not in the future, R263; not before the recipe started, R264), the version followed
    (one the recipe has reached, R261); then what every text of a recipe is checked for (raw
    HTML, links, mixed scripts, contact details)."""
    for report in entry.reproductions.values():
        yield from _report_refs(repo, entry, report)
        # The same text checks as a recipe's, over the report seen as a one-section recipe.
        text = RecipeEntry(entry.slug, entry.folder, report.shown, doc=report.doc,
                           sections={report.story.kind: report.story},
                           section_paths={report.story.kind: report.shown})
        for check in (check_metadata_html, check_links, check_homoglyphs, check_recipe_contacts):
            yield from check(repo, text)


def _report_refs(repo: Repository, entry: RecipeEntry, report: ReproductionEntry) -> Iterator[Problem]:
    doc, found = report.doc, report.meta
    if doc is None or not isinstance(doc.data, dict):
        return
    data = doc.data
    named = data.get("recipe")
    if isinstance(named, str) and named.strip() and named.strip() != entry.slug:
        line, column = doc.position(("recipe",))
        yield Problem(report.shown, line, column, Code.R260,
                      f"le compte rendu dit reproduire « {named.strip()} » mais il est rangé avec « {entry.slug} »",
                      f"Rangez-le dans recipes/{named.strip()}/reproductions/, ou corrigez « recipe: » "
                      f"(« {entry.slug} »), ou retirez cette ligne : le dossier suffit.")
    ident = found.ambassador if found is not None else data.get("ambassador")
    if isinstance(ident, str) and ident.strip() and ident.strip() not in repo.ambassador_ids:
        ident = ident.strip()
        line, column = doc.position(("ambassador",))
        close = _close(ident, repo.ambassador_ids)
        yield Problem(report.shown, line, column, Code.R040, f"« {ident} » n’a pas de fiche ambassadors/{ident}.yml",
                      (f"Vouliez-vous dire « {close} » ? " if close else "")
                      + "Créez la fiche avec « recettes new-ambassador », corrigez l’identifiant, ou "
                      "écrivez organisation: suivi du nom de l’organisation.")
    territory = data.get("territory")
    place = found.territory.place if found is not None else (
        territory.get("place") if isinstance(territory, dict) else None)
    place = place.strip() if isinstance(place, str) else None
    known = repo.vocabulary.territories
    if place and place not in known:
        line, column = doc.position(("territory", "place"))
        code, message, hint = known.unknown(place)
        yield Problem(report.shown, line, column, code, message, hint)
    elif place and entry.meta is not None and other_territory(known, entry.meta.territory.place, place) is None:
        line, column = doc.position(("territory", "place"))
        yield Problem(report.shown, line, column, Code.R262,
                      f"« {known[place].label} » est le territoire de la recette, ou le contient, ou en fait partie",
                      "Une reproduction compte quand elle a lieu ailleurs : elle reste publiée, mais ne fait "
                      "pas passer la recette au niveau « reproduite ». Si c’est la même équipe qui "
                      "s’agrandit, dites-le plutôt dans la recette (nouvelle version).", Severity.WARNING)
    if found is None or entry.meta is None:
        return
    recipe = entry.meta
    if SemVer.parse(found.version) > SemVer.parse(recipe.version):
        line, column = doc.position(("version",))
        yield Problem(report.shown, line, column, Code.R261,
                      f"la version {found.version} dépasse celle de la recette ({recipe.version})",
                      "Indiquez la version de la recette que vous avez suivie : elle est écrite sous le titre "
                      "de sa page (« Version 1.0.2 ») et dans « Historique ».")
    today = datetime.date.today().isoformat()
    if found.date[: len(today)] > today[: len(found.date)]:
        line, column = doc.position(("date",))
        yield Problem(report.shown, line, column, Code.R263, f"la date {found.date} est à venir",
                      "Un compte rendu raconte ce qui a eu lieu : écrivez la date du début de la "
                      "reproduction, ou attendez qu’elle ait commencé.")
    elif recipe.started is not None and int(found.date[:4]) < recipe.started:
        line, column = doc.position(("date",))
        yield Problem(report.shown, line, column, Code.R264,
                      f"la reproduction ({found.date[:4]}) précède le démarrage de la recette ({recipe.started})",
                      "Vérifiez la date, ou l’année « started » de la recette.", Severity.WARNING)


def check_ambassador(repo: Repository, entry: AmbassadorEntry) -> Iterator[Problem]:
    meta, doc = entry.meta, entry.doc
    if doc is not None and doc.may_hold_markup:
        yield from _html_in_strings(doc.data, (), doc, entry.shown)
    if doc is not None and doc.may_mix_scripts:
        yield from _mixed_in_strings(doc.data, (), doc, entry.shown)
    if meta is None or doc is None:
        return
    yield from _vocabulary_refs(repo, doc, entry.shown, "expertise", meta.expertise, ("territory",), meta.territory)
    for index, offer in enumerate(meta.offers):  # where each offer holds: the same rule as a recipe's place
        for number, place in enumerate(offer.territories):
            yield from _vocabulary_refs(repo, doc, entry.shown, "", [], ("offers", index, "territories", number), place)
    if meta.photo:
        photo = posixpath.normpath(meta.photo)
        line, column = doc.position(("photo",))
        if meta.photo.startswith("/") or photo.startswith(".."):
            yield Problem(entry.shown, line, column, Code.R043, "la photo doit être dans ambassadors/",
                          "Placez la photo dans ambassadors/photos/ et écrivez photos/nom.jpg.")
        elif not (entry.path.parent / photo).is_file() or (entry.path.parent / photo).is_symlink():
            yield Problem(entry.shown, line, column, Code.R042, f"photo « {meta.photo} » introuvable",
                          "Ajoutez le fichier (chemin relatif au dossier ambassadors/) ou retirez « photo ».")
        elif (problem := judge_file(entry.path.parent / photo, photo, entry.shown, line, column)) is not None:
            yield replace(problem, message=f"photo « {meta.photo} » : {problem.message}")
    yield from check_ambassador_personal(repo, entry)
    if meta.contact is not None and meta.consent is False:
        line, column = doc.position(("contact",), key=True)
        yield Problem(entry.shown, line, column, Code.R012, "coordonnées présentes sans consentement",
                      "Elles ne seront pas publiées : si la personne l’accepte, écrivez "
                      "consent: {date: \"AAAA-MM-JJ\", scope: [name, contact]}, sinon retirez « contact » "
                      "(docs/donnees-personnelles.md).", Severity.WARNING)


def check_homoglyphs(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """Words mixing Latin, Cyrillic or Greek letters in the metadata (titles, names, ids) and
    in the items' titles: a warning, since « Сompost » with a Cyrillic С passes for another."""
    if entry.doc is not None and entry.doc.may_mix_scripts:
        yield from _mixed_in_strings(entry.doc.data, (), entry.doc, entry.meta_path)
    for kind, section in entry.sections.items():
        if not may_mix_scripts("".join(item.title for item in section.items)):
            continue
        for item in section.items:
            for word, scripts in mixed_script_words(item.title):
                yield _mixed(entry.section_paths[kind], item.line, 1, word, scripts, f"titre « {item.title} »")


def _mixed_in_strings(data: Any, loc: tuple[Any, ...], doc: Any, shown: str) -> Iterator[Problem]:
    for where, text in strings_of(data, loc):
        for word, scripts in mixed_script_words(text):
            line, column = doc.position(where)
            yield _mixed(shown, line, column, word, scripts, f"« {'.'.join(map(str, where))} »")



def _mixed(shown: str, line: int, column: int, word: str, scripts: list[str], where: str) -> Problem:
    names = " et ".join(SCRIPT_NAMES_FR[s] for s in scripts)
    return Problem(shown, line, column, Code.R121, f"le mot « {word} » de {where} mêle des lettres {names}",
                   "Retapez le mot au clavier : une lettre d’un autre alphabet qui ressemble à une lettre "
                   "latine (homoglyphe) fait passer un nom pour un autre et le rend introuvable.",
                   Severity.WARNING)


def _html_in_strings(data: Any, loc: tuple[Any, ...], doc: Any, shown: str) -> Iterator[Problem]:
    for where, text in strings_of(data, loc):
        if _TAG.search(text):
            line, column = doc.position(where)
            yield Problem(shown, line, column, Code.R033, f"HTML brut dans « {'.'.join(map(str, where))} »",
                          "Les métadonnées sont du texte simple : retirez les balises < >.")


def _suggestion(found: list[str], where: str) -> str:
    if found:
        return "Vouliez-vous dire " + " ou ".join(f"« {f} »" for f in found) + f" ? (liste dans {where})"
    return f"Choisissez une valeur dans {where}, ou ajoutez-la à ce vocabulaire."


def _close(value: str, candidates: set[str]) -> str | None:
    found = did_you_mean(value, candidates)
    return found[0] if found else None


RECIPE_CHECKS: list[Callable[[Repository, RecipeEntry], Iterator[Problem]]] = [
    check_vocabulary,
    check_holders,
    check_sources,
    check_changelog,
    check_adapted_from,
    check_licence,
    check_metadata_html,
    check_sections,
    check_links,
    check_placeholders,
    check_media,
    check_recipe_contacts,
    check_location,
    check_homoglyphs,
    check_reproductions,
]
