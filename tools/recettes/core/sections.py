"""The sections of a recipe, defined once: English id, file of the five-file layout, French
heading, anchor in the handbook, and order.

Every reader, check, page, export and template takes the sections from ``SECTIONS``; nothing
else spells a section's file name or heading. Source of the vocabulary: ``shared/GLOSSARY.md``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionKind:
    """One section: ``id`` (key in data), ``file`` (five-file layout), ``title`` (French
    heading), ``anchor`` (stable fragment of the recipe page), ``numbered`` (items are steps)."""

    id: str
    file: str
    title: str
    anchor: str
    numbered: bool = False


SECTIONS: tuple[SectionKind, ...] = (
    SectionKind("how-to", "how-to.md", "Comment faire", "comment-faire", numbered=True),
    SectionKind("obstacles", "obstacles.md", "Freins", "freins"),
    SectionKind("enablers", "enablers.md", "Facilitations", "facilitations"),
    SectionKind("reproducibility", "reproducibility.md", "Conditions de reproductibilité",
                "conditions-de-reproductibilite"),
)
"""The sections, in the order of a recipe."""

SECTION_BY_ID: dict[str, SectionKind] = {kind.id: kind for kind in SECTIONS}
SECTION_FILES: dict[str, str] = {kind.id: kind.file for kind in SECTIONS}
"""Section id -> file name of the five-file layout."""
SECTION_TITLES: dict[str, str] = {kind.id: kind.title for kind in SECTIONS}
"""Section id -> French heading."""

RECIPE_FILE = "recipe.yml"
"""The metadata file of a recipe folder."""
RECIPE_FILES: tuple[str, ...] = (RECIPE_FILE, *SECTION_FILES.values())
"""Every text file of a recipe (metadata first, then the sections in order)."""

PLACEHOLDER = "À compléter"
"""Starts the text that ``recettes new`` writes and the holder still has to replace."""
