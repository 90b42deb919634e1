"""The sections of a recipe, defined once: English id, French heading and its accepted
variants, anchor in the handbook, order, and the file of the older five-file layout.

A recipe is one file, ``recipes/<slug>/recipe.md``: YAML front matter (the metadata), then a
Markdown body whose level-1 headings are the sections, in ``SECTIONS`` order (``# Contexte``
optional, first). The five-file layout (``recipe.yml`` + one file per section) is still read,
for territories not yet migrated and older versions in git. Every reader, check, page, export
and template takes the sections from here. Source of the vocabulary: ``shared/GLOSSARY.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from recettes.core.french import fold


@dataclass(frozen=True)
class SectionKind:
    """One section: ``id`` (key in data), ``title`` (French heading), ``anchor`` (stable fragment
    of the recipe page), ``file`` (five-file layout; None for a section it never had),
    ``required`` (a published recipe writes it), ``numbered`` (items are steps), ``variants``
    (other headings people write for it, compared without accents or case)."""

    id: str
    title: str
    anchor: str
    file: str | None
    required: bool = True
    numbered: bool = False
    variants: tuple[str, ...] = ()


SECTIONS: tuple[SectionKind, ...] = (
    SectionKind("context", "Contexte", "contexte", None, required=False,
                variants=("Le contexte", "Pourquoi", "Présentation", "Histoire")),
    SectionKind("how-to", "Comment faire", "comment-faire", "how-to.md", numbered=True,
                variants=("Comment faire ?", "Mode d’emploi", "Étapes", "La recette")),
    SectionKind("obstacles", "Freins", "freins", "obstacles.md",
                variants=("Les freins", "Obstacles", "Difficultés")),
    SectionKind("enablers", "Facilitations", "facilitations", "enablers.md",
                variants=("Les facilitations", "Leviers", "Facilitations / leviers", "Ce qui a aidé")),
    SectionKind("reproducibility", "Conditions de reproductibilité", "conditions-de-reproductibilite",
                "reproducibility.md",
                variants=("Reproductibilité", "Conditions de reproduction", "Pour refaire ailleurs")),
)
"""The sections, in the order of a recipe."""

SECTION_BY_ID: dict[str, SectionKind] = {kind.id: kind for kind in SECTIONS}
SECTION_FILES: dict[str, str] = {kind.id: kind.file for kind in SECTIONS if kind.file}
"""Section id -> file name of the five-file layout."""
SECTION_TITLES: dict[str, str] = {kind.id: kind.title for kind in SECTIONS}
"""Section id -> French heading."""
_BY_HEADING: dict[str, SectionKind] = {
    fold(" ".join(name.replace("’", "'").split())).rstrip(" :?"): kind
    for kind in SECTIONS for name in (kind.title, *kind.variants)
}

PAGE_ANCHORS = frozenset({
    "liens", "credits", "redaction", "sources", "porteurs", "contributions", "historique",
    "utilite-sociale", "adaptee-de", "adaptee-par", "changements-origine", "reutiliser", "historique-origine", "recettes-proches",
})
"""The fixed anchors of a recipe page besides its sections (``site.recipe_page`` writes them)."""

RECIPE_MD = "recipe.md"
"""The one file of a recipe: front matter and sections."""
RECIPE_FILE = "recipe.yml"
"""The metadata file of the five-file layout."""
RECIPE_FILES: tuple[str, ...] = (RECIPE_FILE, *SECTION_FILES.values())
"""Every text file of the five-file layout (metadata first, then the sections in order)."""

PLACEHOLDER = "À compléter"
"""Starts the text that ``recettes new`` writes and the holder still has to replace."""


def section_for_heading(heading: str) -> SectionKind | None:
    """The section a level-1 heading names (« Comment faire », « freins », « Leviers »…), or None."""
    return _BY_HEADING.get(fold(" ".join(heading.replace("’", "'").split())).rstrip(" :?"))
