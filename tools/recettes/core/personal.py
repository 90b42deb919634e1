"""Personal data: what counts as contact data in a text, and what may be published (pure).

Three rules live here, each in one place:

- ``find_contacts``: e-mail addresses, phone numbers and IBANs written in a text;
- ``public_ambassador``: an ambassador file as the handbook may publish it, after consent;
- ``published_location``: the position a recipe's place is published at.


``find_contacts`` is the one rule that says what counts as contact data, used by the validator
for recipes and ambassador files alike. It runs in linear time on any input: an e-mail address
is searched around each ``@`` with bounded lengths, a phone number or an IBAN starts at a
``0``, a ``+`` or two capitals and spans a bounded number of characters.

- **E-mail**: a local part (at most 64 characters) ``@`` a domain with a dot and a final label
  of two letters at least (``prenom.nom@example.org``).
- **Phone**: French formats, ten digits starting with ``0`` then 1–9 (``06 12 34 56 78``,
  ``02.98.00.00.00``, ``01-99-00-12-34``, ``0612345678``), the same after ``+33``, ``0033`` or
  ``+33 (0)``; the ``0 800 123 456`` form of special numbers; any international number written
  ``+<indicatif>`` with 8 to 15 digits in groups. Separators: space, no-break spaces, dot, dash.
  A number glued to other digits or letters (a reference, a year range) is not one.
- **IBAN**: two capitals, two check digits and 11 to 30 letters or digits, in groups of four or
  not, accepted only when python-stdnum validates it (ISO 13616 checksum modulo 97 and the
  country's length and format), so a product code that merely looks like one is not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from recettes.core.model import Ambassador, Consent, Contact, Kind, Location, Scope

EMAIL = "email"
PHONE = "phone"
IBAN = "iban"

KIND_LABELS = {EMAIL: "adresse de courriel", PHONE: "numéro de téléphone", IBAN: "IBAN (coordonnées bancaires)"}
"""What each kind of contact is called in messages."""

_LOCAL = re.compile(r"[A-Za-z0-9._%+'-]{1,64}\Z")
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])")
_SEP = r"[ \u00a0\u202f.-]?"
# Each pattern starts with a character class, not a look-behind, so that the regular expression
# engine skips in C to the next possible first character: the search then costs a few
# nanoseconds per character of ordinary prose (measured: 3 times faster than with the
# look-behind first). The look-behind after the first character checks the one before it.
_PHONE = re.compile(
    r"[+0](?<![\w+.,/-].)(?:"
    rf"(?<=\+)33{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d\d){{4}}"  # +33 6 12 34 56 78
    rf"|(?<=0)033{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d\d){{4}}"  # 0033 6 12 34 56 78
    rf"|(?<=0)[1-9](?:{_SEP}\d\d){{4}}"  # 06 12 34 56 78
    rf"|(?<=0){_SEP}8\d\d(?:{_SEP}\d{{3}}){{2}}"  # 0 800 123 456
    rf"|(?<=\+)(?!33)[1-9]\d{{0,2}}{_SEP}(?:\(0\){_SEP})?\d{{1,4}}(?:{_SEP}\d{{2,4}}){{2,5}}"  # international
    r")(?![\w-]|[.,]\d)"
)
_IBAN = re.compile(r"[A-Z](?<![A-Za-z0-9].)[A-Z]\d\d(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Finding:
    """One piece of contact data found in a text: where it is (offsets) and what it is."""

    start: int
    end: int
    kind: str
    value: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def find_contacts(text: str) -> list[Finding]:
    """E-mail addresses, phone numbers and valid IBANs of ``text``, in order of position."""
    found: list[Finding] = []
    if "@" in text:
        found += _emails(text)
    if "0" in text or "+" in text:
        found += [Finding(m.start(), m.end(), PHONE, m.group()) for m in _PHONE.finditer(text)
                  if _digits_ok(m.group())]
    found += [Finding(m.start(), m.end(), IBAN, m.group()) for m in _IBAN.finditer(text)
              if _valid_iban(m.group())]
    found.sort(key=lambda c: c.start)
    kept: list[Finding] = []
    for contact in found:  # an IBAN's digits are not also a phone number
        if kept and contact.start < kept[-1].end:
            continue
        kept.append(contact)
    return kept


def _emails(text: str) -> list[Finding]:
    found = []
    position = text.find("@")
    while position != -1:
        local = _LOCAL.search(text, max(0, position - 64), position)
        domain = _DOMAIN.match(text, position + 1, position + 1 + 280)
        if local is not None and domain is not None:
            start = local.start()
            while start < position and text[start] in ".'-":
                start += 1  # « (voir.marie@…) » : the address starts after the punctuation
            if start < position:
                found.append(Finding(start, domain.end(), EMAIL, text[start:domain.end()]))
        position = text.find("@", position + 1)
    return found


def _valid_iban(value: str) -> bool:
    """ISO 13616 check digits and the country's length and format (python-stdnum, imported
    on the first candidate: most runs never meet one)."""
    from stdnum import iban

    return bool(iban.is_valid(value))


def _digits_ok(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    return 8 <= digits <= 15


def mask(value: str) -> str:
    """The value as messages show it: enough to find it, not enough to reuse it
    (``ma…@example.org``, ``06 12 … 78``, ``FR76 … 189``)."""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:2]}…@{domain}"
    return f"{value[:5].rstrip()} … {value[-3:].lstrip()}" if len(value) > 8 else value


WITHHELD_NAME = "Nom non publié"
"""What pages, open data, JSON-LD and the feed say instead of a person's name without consent."""


def may_publish(person: Ambassador, what: Scope) -> bool:
    """Whether ``what`` of ``person`` may be published.

    - ``consent`` recorded (date and scope): exactly its scope, nothing once withdrawn; an
      organisation's name stays (it is not personal data), its contact details need consent.
    - ``consent: true`` (older form): everything, contact details included.
    - ``consent: false`` or absent (older form): the profile as before (name, photo,
      presentation, links), never contact details.
    """
    consent = person.consent
    if isinstance(consent, Consent):
        if what is Scope.NAME and person.kind is Kind.ORGANISATION:
            return True
        return consent.allows(what)
    return consent or what not in (Scope.CONTACT, Scope.EMAIL, Scope.PHONE)


WITHHELD_CONTACT = "(coordonnées non publiées)"
"""What replaces contact details written in an ambassador's texts (presentation, offers, link
titles) that consent does not cover."""


def unpublished_contacts(person: Ambassador, text: str) -> list[Finding]:
    """The contact details written in ``text`` (one of ``person``'s texts) that may not be
    published: an e-mail address without ``email`` (or ``contact``) in the consent's scope, a
    phone number without ``phone``, and any IBAN. The validator warns of each (R150)."""
    allowed = {EMAIL: may_publish(person, Scope.EMAIL), PHONE: may_publish(person, Scope.PHONE), IBAN: False}
    return [found for found in find_contacts(text) if not allowed[found.kind]]


def _scrubbed(person: Ambassador, text: str) -> str:
    for found in reversed(unpublished_contacts(person, text)):
        text = text[:found.start] + WITHHELD_CONTACT + text[found.end:]
    return text


def public_ambassador(person: Ambassador) -> Ambassador:
    """``person`` with what may not be published removed (see ``may_publish``): its name,
    photo, presentation, links and contact details out of the consent's scope, and the contact
    details written in its texts that consent does not cover (``unpublished_contacts``),
    replaced by ``WITHHELD_CONTACT``, so that no page, data file or search index has them."""
    contact = person.contact
    if contact is not None:
        email = contact.email if may_publish(person, Scope.EMAIL) else None
        phone = contact.phone if may_publish(person, Scope.PHONE) else None
        contact = Contact(email=email, phone=phone) if email or phone else None
    bio = person.bio if may_publish(person, Scope.BIO) else None
    links = person.links if may_publish(person, Scope.LINKS) else []
    offers = [offer.model_copy(update={
        "details": _scrubbed(person, offer.details) if offer.details else None,
        "conditions": _scrubbed(person, offer.conditions) if offer.conditions else None,
    }) for offer in person.offers]
    return person.model_copy(update={
        "name": _scrubbed(person, person.name) if may_publish(person, Scope.NAME) else WITHHELD_NAME,
        "photo": person.photo if may_publish(person, Scope.PHOTO) else None,
        "bio": _scrubbed(person, bio) if bio else None,
        "links": [link.model_copy(update={"title": _scrubbed(person, link.title)}) for link in links],
        "contact": contact,
        "offers": offers,
    })


COARSE_DECIMALS = 2
"""Decimals kept of a position that is not public and has no commune to stand for it: 0.01° is
about 1.1 km of latitude (0.7 km of longitude in Brittany)."""
EXACT_DECIMALS = 6
"""Decimals kept of a public position (about 10 cm)."""

Precision = Literal["recipe", "territory", "approximate"]


@dataclass(frozen=True)
class Point:
    """A position as it is published, and how precise it is."""

    lat: float
    lon: float
    precision: Precision


def published_location(given: Location | None, place: Location | None, place_is_commune: bool) -> Point | None:
    """Where a recipe is placed on the map, in open data and in JSON-LD.

    ``given`` is the recipe's own ``territory.location``, ``place`` the vocabulary's position of
    its territory. A position marked ``public: true`` is published as given; any other is
    replaced by its commune's centre, or rounded to ``COARSE_DECIMALS`` when the territory is
    wider than a commune. Without a position, the territory's own (``territory``)."""
    if given is not None:
        if given.public:
            return Point(round(given.lat, EXACT_DECIMALS), round(given.lon, EXACT_DECIMALS), "recipe")
        if place is not None and place_is_commune:
            return Point(place.lat, place.lon, "territory")
        return Point(round(given.lat, COARSE_DECIMALS), round(given.lon, COARSE_DECIMALS), "approximate")
    if place is not None:
        return Point(place.lat, place.lon, "territory")
    return None
