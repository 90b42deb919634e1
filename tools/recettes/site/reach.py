"""Reaching people: the blocks of pages that say who carries a recipe and how to reach them (pure).

- ``holders_block``: a recipe's holders under its summary, linked to their pages, with roles;
- ``offers_block``: « Ce que je peux apporter » on an ambassador's page (``Ambassador.offers``),
  and ``offers_summary`` on the index of ambassadors;
- ``contact_block``: « Contact »: the contact details consent lets the handbook publish, and
  « Demander une mise en relation » through the network's facilitators
  (``publish.introduction``), or a sentence saying how to reach them when the handbook has no
  ``introduction_url``;
- ``portraits_block``: « Vous pourriez aussi rencontrer » (``catalog.portraits``).

Every ambassador here is the catalog's public copy (``core.personal.public_ambassador``): what
consent does not cover is already gone, and a request names someone only when their name may be
published.
"""

from __future__ import annotations

from recettes.catalog.catalog import Catalog
from recettes.catalog.portraits import cross_portraits
from recettes.core.addresses import ambassador_uri, recipe_uri
from recettes.core.french import NBSP, NNBSP, and_list
from recettes.core.model import (
    OFFER_KIND_LABELS,
    OFFER_TERMS_LABELS,
    ROLE_LABELS,
    Ambassador,
    HolderRef,
    Recipe,
    Role,
    Scope,
)
from recettes.core.personal import may_publish
from recettes.publish.introduction import Contactee, Request, introduction_link
from recettes.site.page import Linker, Options, absolute_url, ambassador_link
from recettes.site.text import inline

INTRODUCTION_LABEL = "Demander une mise en relation"
REACHABLE_ROLES = (Role.HOLDER, Role.AMBASSADOR)
"""The roles a request from a recipe's page is addressed to (all holders when none has one)."""


def contactee(catalog: Catalog, ident: str, options: Options) -> Contactee:
    """``ident`` as a request names them: their page's address, their name if it may be published."""
    person = catalog.ambassadors[ident].meta
    assert person is not None
    name = person.name if may_publish(person, Scope.NAME) else None
    return Contactee(absolute_url(options, ambassador_uri(ident)), name)


def holders_block(catalog: Catalog, slug: str, meta: Recipe, src: str, options: Options) -> list[str]:
    """« Porteur·euses et ambassadeur·rices : Marie Le Gall (porteur·euse), … » and, when the
    handbook has an ``introduction_url``, the request link about this recipe."""
    firsts: dict[str, HolderRef] = {}
    for holder in meta.holders:
        if holder.id in catalog.ambassadors:
            firsts.setdefault(holder.id, holder)
    holders = list(firsts.values())
    if not holders:
        return []
    names = [f"{ambassador_link(catalog, h.id, src)} ({ROLE_LABELS[h.role].lower()})" for h in holders]
    out = [f"**Porteur·euses et ambassadeur·rices**{NBSP}: {and_list(names)}", "{: .recettes-porteurs }", ""]
    if options.introduction_url:
        reachable = [h.id for h in holders if h.role in REACHABLE_ROLES] or [h.id for h in holders]
        request = Request(tuple(contactee(catalog, ident, options) for ident in reachable),
                          meta.title, absolute_url(options, recipe_uri(slug)))
        out += [f"[{INTRODUCTION_LABEL}]({introduction_link(options.introduction_url, request)})"
                "{ .recettes-mise-en-relation }", ""]
    return out


def offers_block(person: Ambassador, link: Linker) -> list[str]:
    """One item per offer: its kind, what it is, its terms and where it holds."""
    if not person.offers:
        return []
    out = ["## Ce que je peux apporter {#apporter}", ""]
    for offer in person.offers:
        item = f"- **{OFFER_KIND_LABELS[offer.kind]}**"
        if offer.details:
            item += f"{NBSP}: {inline(offer.details)}"
        facts = []
        terms = [OFFER_TERMS_LABELS[term] for term in dict.fromkeys(offer.terms)]
        if offer.conditions:
            terms.append(inline(offer.conditions))
        if terms:
            facts.append(f"Conditions{NBSP}: " + ", ".join(terms))
        places = [link("territoire", place) for place in dict.fromkeys(offer.territories)]
        if places:
            facts.append(f"Où{NBSP}: " + and_list(places) + (", ou à distance" if offer.remote else ""))
        elif offer.remote:
            facts.append("Possible à distance")
        out.append(item)
        out += [f"    - {fact}." for fact in facts]
    return [*out, ""]


def offers_summary(person: Ambassador) -> str:
    """« — propose : visite, conseil » for the index of ambassadors ("" without offers)."""
    kinds = [OFFER_KIND_LABELS[kind].lower() for kind in dict.fromkeys(o.kind for o in person.offers)]
    return f" — propose{NBSP}: {', '.join(kinds)}" if kinds else ""


def contact_block(catalog: Catalog, ident: str, src: str, options: Options) -> list[str]:
    """« Contact »: consented details, then the request to the network's facilitators."""
    person = catalog.ambassadors[ident].meta
    assert person is not None
    out = ["## Contact {#contact}", ""]
    contact = person.contact  # what consent allows: see ``core.personal.public_ambassador``
    if contact is not None:
        if contact.email:
            out.append(f"- Courriel{NBSP}: [{inline(contact.email)}](mailto:{contact.email})")
        if contact.phone:
            out.append(f"- Téléphone{NBSP}: {inline(contact.phone)}")
        out.append("")
    if options.introduction_url:
        request = Request((contactee(catalog, ident, options),))
        lead = ("Vous pouvez aussi passer par l’équipe d’animation du réseau" if contact is not None
                else "Ses coordonnées ne sont pas publiées. L’équipe d’animation du réseau transmet"
                     " votre demande")
        out += [f"{lead}{NBSP}:", "",
                f"[{INTRODUCTION_LABEL}]({introduction_link(options.introduction_url, request)})"
                "{ .recettes-mise-en-relation }", ""]
    elif contact is None:
        out += ["Ses coordonnées ne sont pas publiées, faute d’accord enregistré. Pour une mise en"
                " relation, adressez-vous à l’équipe qui anime ce guide et le réseau de votre territoire"
                f"{NBSP}: elle transmettra votre demande.", ""]
    return out


def portraits_block(catalog: Catalog, ident: str, src: str) -> list[str]:
    """« Vous pourriez aussi rencontrer »: a few people, each with why."""
    encounters = cross_portraits(catalog, ident)
    if not encounters:
        return []
    out = ["## Vous pourriez aussi rencontrer {#rencontrer}", ""]
    out += [f"- {ambassador_link(catalog, e.ident, src)} — " + f"{NNBSP}; ".join(inline(r) for r in e.reasons)
            for e in encounters]
    return [*out, ""]
