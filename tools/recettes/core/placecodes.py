"""How a recipe names an official French territory: ``commune:29019``, defined once.

Four kinds of official places, each with the code its official list gives it:

- ``commune:29019``: a current commune by its INSEE code (five characters, ``2A004`` in Corse);
- ``epci:242900314``: an EPCI (intercommunalité à fiscalité propre) by its SIREN number;
- ``departement:29``: a département by its INSEE code (``2A``, ``971``);
- ``region:53``: a région by its INSEE code.

Codes are case-insensitive when written (``commune:2a004``) and kept in their official form. An
official place has a page address of its own, ``territoires/commune-29019/``, unless a
hand-made entry of ``territories.yml`` claims its code (``id: brest``, ``code: commune:29019``):
then the page keeps that entry's readable id, so addresses already given out stay valid.
Sources: INSEE, Code officiel géographique; DGCL, liste des EPCI à fiscalité propre (through
the npm package ``@etalab/decoupage-administratif``, see ``read/official.py``).
"""

from __future__ import annotations

import re

OFFICIAL_KINDS = ("commune", "epci", "departement", "region")
"""The kinds of places the official data knows, innermost first."""

CODE_PATTERN = r"^(?:commune|epci|departement|region):[0-9AaBb]{2,9}$"
"""A written official code (the JSON Schema and the web form use it as is)."""

_WRITTEN = re.compile(r"(commune|epci|departement|region):([0-9AaBb]{2,9})")
_SLUG = re.compile(r"(commune)-([0-9][0-9ab][0-9]{3})|(epci)-([0-9]{9})|(departement)-([0-9]{2,3}|2[ab])"
                   r"|(region)-([0-9]{2,3})")
"""Official page ids, each kind with the length of its codes: ``commune-12`` or
``departement-1`` stay free for hand-made entries."""


def parse_code(text: str) -> tuple[str, str] | None:
    """``(kind, code)`` of a written code (``commune:2a004`` → ``("commune", "2A004")``), or None.

    Only the form is checked here; whether the place exists is the official data's business."""
    match = _WRITTEN.fullmatch(text.strip())
    return (match.group(1), match.group(2).upper()) if match else None


def written(kind: str, code: str) -> str:
    """The written form of an official place: ``commune:29019``."""
    return f"{kind}:{code}"


def page_id(kind: str, code: str) -> str:
    """The id (and page name) of an official place no hand-made entry claims: ``commune-29019``."""
    return f"{kind}-{code.lower()}"


def parse_page_id(text: str) -> tuple[str, str] | None:
    """``(kind, code)`` of an official page id (``commune-2a004``), or None."""
    match = _SLUG.fullmatch(text)
    if match is None:
        return None
    kind, code = (group for group in match.groups() if group is not None)
    return kind, code.upper()


def official_reference(text: str) -> tuple[str, str] | None:
    """``(kind, code)`` of a written code or of an official page id, or None."""
    return parse_code(text) or parse_page_id(text.strip())
