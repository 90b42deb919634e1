"""Checks of personal data: contact details written in texts, consent, precise positions.

The rules themselves (what is contact data, what consent allows, how a position is coarsened)
are in ``core.personal``; this module only says where they apply and locates each finding in its
file. Texts are searched from the parsed recipe; a file is read again only to locate a finding
(rare), so validation of a large repository costs one linear search per text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from recettes.core.french import slugify
from recettes.core.model import Consent, Kind, Scope
from recettes.core.personal import (
    EMAIL,
    IBAN,
    WITHHELD_CONTACT,
    Finding,
    find_contacts,
    mask,
    may_publish,
    unpublished_contacts,
)
from recettes.core.problems import Code, Problem, Severity
from recettes.read.load import AmbassadorEntry, RecipeEntry, Repository
from recettes.read.yamlfile import strings_of

PRIVACY_DOC = "docs/donnees-personnelles.md"
_SKIPPED_AMBASSADOR_KEYS = {"contact", "consent"}
"""Keys of an ambassador file that hold contact details on purpose: governed by consent."""


def check_recipe_contacts(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """E-mail addresses, phone numbers and IBANs in a recipe's metadata and sections.

    One search over all the recipe's texts joined first: findings are rare, and one call per text
    (some 35 per recipe) cost a quarter of the whole validation. Only a recipe with a finding is
    searched again text by text, to locate each one."""
    doc = entry.doc
    texts: list[tuple[str, int, str]] = []  # file shown, line, text
    for kind, section in entry.sections.items():
        shown = entry.section_paths.get(kind, entry.meta_path)
        texts.append((shown, section.line, section.intro))
        texts += [(shown, item.line, f"{item.title}\n{item.body}") for item in section.items]
    values = _values(doc.data) if doc is not None else []
    if not find_contacts("\n\n".join([*values, *(text for _, _, text in texts)])):
        return
    hits: list[tuple[str, int, int, Finding]] = []
    if doc is not None:
        for loc, value in strings_of(doc.data, ()):
            hits += [(entry.meta_path, *doc.position(loc), found) for found in find_contacts(value)]
    for shown, line, text in texts:
        hits += [(shown, line, 1, found) for found in find_contacts(text)]
    yield from _located(repo.root, hits)


def check_ambassador_personal(repo: Repository, entry: AmbassadorEntry) -> Iterator[Problem]:
    """Contact details written outside ``contact``, and what consent leaves unpublished."""
    doc, meta = entry.doc, entry.meta
    if doc is None or not isinstance(doc.data, dict):
        return
    texts = [(loc, text) for loc, text in strings_of(doc.data, ()) if loc[0] not in _SKIPPED_AMBASSADOR_KEYS]
    hits = [(entry.shown, *doc.position(loc), found) for loc, text in texts for found in find_contacts(text)]
    # Published only as far as consent goes (``core.personal.public_ambassador``): say which.
    withheld = {found.value for _, text in texts for found in unpublished_contacts(meta, text)} \
        if meta is not None and hits else set()
    yield from _located(repo.root, hits, withheld)
    if meta is None:
        return
    yield from _named_file(entry)
    line, column = doc.position(("consent",))
    consent = meta.consent
    if consent is True:
        yield Problem(entry.shown, line, column, Code.R151, "consentement « true » sans date ni portée",
                      "Écrivez quand la personne a donné son accord et ce qu’elle accepte de voir publié, "
                      "par exemple consent: {date: \"2026-05-12\", scope: [name, contact]} "
                      f"(voir {PRIVACY_DOC}) ; en attendant, true publie ses coordonnées.", Severity.WARNING)
        return
    if not isinstance(consent, Consent):
        return
    if consent.withdrawn is not None:
        yield Problem(entry.shown, line, column, Code.R152,
                      f"consentement retiré le {consent.withdrawn} : rien de personnel n’est plus publié",
                      "Retirez aussi ces données du fichier ; pour les anciennes versions des recettes, "
                      f"suivez la procédure de caviardage ({PRIVACY_DOC}).", Severity.WARNING)
        return
    present: list[tuple[tuple[str, ...], Scope, object]] = [(("photo",), Scope.PHOTO, meta.photo), (("bio",), Scope.BIO, meta.bio),
               (("links",), Scope.LINKS, meta.links)]
    if meta.contact is not None:
        present += [(("contact", "email"), Scope.EMAIL, meta.contact.email),
                    (("contact", "phone"), Scope.PHONE, meta.contact.phone)]
    if meta.kind is Kind.PERSON:
        present.insert(0, (("name",), Scope.NAME, meta.name))
    for loc, scope, value in present:
        if value and not may_publish(meta, scope):
            where = doc.position(loc, key=True)
            yield Problem(entry.shown, *where, Code.R152,
                          f"« {'.'.join(loc)} » hors de la portée du consentement : non publié",
                          f"Ajoutez {scope.value} à consent.scope si la personne l’accepte, sinon retirez "
                          f"« {loc[-1]} » du fichier.", Severity.WARNING)


def _named_file(entry: AmbassadorEntry) -> Iterator[Problem]:
    """A person whose name is not published, in a file whose name spells it: the page's address
    (``ambassadeurs/<id>/``), links and introduction requests would give it away."""
    meta, doc = entry.meta, entry.doc
    if meta is None or doc is None or meta.kind is not Kind.PERSON or may_publish(meta, Scope.NAME):
        return
    words = {word for word in slugify(meta.name, "").split("-") if len(word) >= 3}
    if not words & set(entry.id.split("-")):
        return
    line, column = doc.position(("name",))
    yield Problem(entry.shown, line, column, Code.R285,
                  f"le nom du fichier « {entry.id}.yml » reprend le nom de la personne, qui n’est pas publié",
                  "Renommez le fichier sans son nom (par exemple ambassadors/porteuse-1.yml) et mettez à jour "
                  f"les « holders » des recettes qui le citent : l’adresse de sa page en vient ({PRIVACY_DOC}).",
                  Severity.WARNING)


def check_location(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """A precise position not marked public is published coarsened: say so where it is written."""
    meta, doc = entry.meta, entry.doc
    if meta is None or doc is None or meta.territory.location is None or meta.territory.location.public:
        return
    line, column = doc.position(("territory", "location"), key=True)
    yield Problem(entry.meta_path, line, column, Code.R153,
                  "position précise publiée arrondie à la commune (ou à environ 1 km)",
                  "Un lieu privé (domicile, jardin d’un particulier) ne doit pas être localisé exactement. "
                  "Si le lieu est public (salle municipale, jardin partagé ouvert), ajoutez public: true "
                  "sous location ; sinon retirez location : la commune suffit.", Severity.WARNING)


def _values(data: Any) -> list[str]:
    """Every text in ``data`` (nested dicts and lists), without their places: the quick pass."""
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found



def _located(root: Path, hits: list[tuple[str, int, int, Finding]],
             withheld: set[str] | frozenset[str] = frozenset()) -> Iterator[Problem]:
    """One warning per finding, at the line and column of the value in its file; ``withheld``:
    the values of an ambassador's texts that the handbook replaces (not covered by consent)."""
    texts: dict[str, list[str]] = {}
    seen: set[tuple[str, int, int]] = set()
    for shown, line, column, found in hits:
        if shown not in texts:
            try:
                texts[shown] = (root / shown).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                texts[shown] = []
        where = _find(texts[shown], found.value, line) or (line, column)
        if (shown, *where) in seen:
            continue
        seen.add((shown, *where))
        if found.value in withheld:
            yield Problem(shown, *where, Code.R150, _message(found, withheld=True), _withheld_hint(found),
                          Severity.WARNING)
        else:
            yield Problem(shown, *where, Code.R150, _message(found), _hint(found), Severity.WARNING)


def _find(lines: list[str], value: str, start: int) -> tuple[int, int] | None:
    """The first place at or after line ``start`` (1-based) where ``value`` is written."""
    for number in range(max(start, 1), len(lines) + 1):
        column = lines[number - 1].find(value)
        if column != -1:
            return number, column + 1
    return None


def _message(found: Finding, *, withheld: bool = False) -> str:
    if withheld:
        agreed = "non publiée" if found.kind == EMAIL else "non publié"
    else:
        agreed = "publiée telle quelle" if found.kind == EMAIL else "publié tel quel"
    return f"{found.label} « {mask(found.value)} » {agreed}"


def _withheld_hint(found: Finding) -> str:
    if found.kind == IBAN:
        return ("Le guide le remplace par « " + WITHHELD_CONTACT + " » ; retirez-le du fichier : des "
                f"coordonnées bancaires n’ont pas leur place dans une fiche ({PRIVACY_DOC}).")
    return (f"Le guide le remplace par « {WITHHELD_CONTACT} », faute de consentement pour les coordonnées. "
            "Rangez-les sous « contact » et, si la personne l’accepte, ajoutez contact (ou email, phone) "
            f"à consent.scope ; sinon retirez-les. Sans coordonnées publiées, la fiche propose « Demander "
            f"une mise en relation » ({PRIVACY_DOC}).")


def _hint(found: Finding) -> str:
    if found.kind == IBAN:
        return ("Retirez-le : des coordonnées bancaires n’ont pas leur place dans un texte publié ; "
                f"pour un don ou une adhésion, mettez un lien vers la page de l’organisation ({PRIVACY_DOC}).")
    it = "la" if found.kind == EMAIL else "le"
    return (f"Retirez-{it} du texte : pour être joint·e, la personne ou l’organisation a sa fiche dans "
            "ambassadors/ (citée dans holders), dont la page « Contact » publie ses coordonnées avec "
            f"son consentement daté (consent: date et scope, voir {PRIVACY_DOC}).")
