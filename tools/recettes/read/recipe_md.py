"""The one-file recipe, ``recipes/<slug>/recipe.md``: YAML front matter between ``---`` lines,
then the sections under level-1 headings (``# Comment faire``…, see ``core.sections``).

Pure text in, values and located problems out: the front matter is read by the one YAML reader
with its line offset, each section by ``parse_section`` with its own, so every problem points
at ``recipe.md:LINE:COLUMN``. Headings are matched without accents or case, with the variants
people write (« Leviers » for Facilitations); an unknown one gets « Vouliez-vous dire ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from recettes.core.french import did_you_mean
from recettes.core.problems import Code, Problem, Severity
from recettes.core.sections import (
    PAGE_ANCHORS,
    RECIPE_FILE,
    RECIPE_MD,
    SECTION_BY_ID,
    SECTION_FILES,
    SECTIONS,
    section_for_heading,
)
from recettes.read.markdown import Fence, Section, atx_heading, loose_heading_problem, parse_section
from recettes.read.yamlfile import YamlDoc, parse_yaml, top_level_value

_DELIMITER = re.compile(r"^---[ \t]*\r?$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$")


def level_one_heading(line: str) -> str | None:
    """The title of a level-1 heading line (« # Freins » -> « Freins »), else None."""
    heading = atx_heading(line) if "#" in line[:4] else None
    return heading[1] if heading is not None and heading[0] == 1 else None

_ORDER = {kind.id: index for index, kind in enumerate(SECTIONS)}
_HEADINGS = ", ".join(f"« # {kind.title} »" for kind in SECTIONS)


@dataclass
class FrontMatter:
    """The front matter's text and the line where it starts (after ``---``), and the body with
    its first line; ``closed`` is False when the closing ``---`` is missing."""

    text: str
    line: int
    body: str
    body_line: int
    closed: bool = True


def split_front_matter(text: str) -> FrontMatter | None:
    """The front matter and body of a recipe.md, or None when it does not start with ``---``."""
    lines = text.split("\n")
    if not lines or not _DELIMITER.match(lines[0]):
        return None
    for index in range(1, len(lines)):
        if _CLOSING.match(lines[index]):
            return FrontMatter("\n".join(lines[1:index]), 2, "\n".join(lines[index + 1:]), index + 2)
    return FrontMatter("\n".join(lines[1:]), 2, "", len(lines) + 1, closed=False)


@dataclass
class RecipeText:
    """What a recipe.md holds: its metadata document and its sections (by section id)."""

    doc: YamlDoc | None = None
    sections: dict[str, Section] = field(default_factory=dict)


def parse_recipe_md(text: str, shown: str) -> tuple[RecipeText, list[Problem]]:
    """Read a recipe.md: the front matter (not yet validated against the model) and the sections."""
    result = RecipeText()
    front = split_front_matter(text)
    if front is None:
        return result, [Problem(shown, 1, 1, Code.R001, "en-tête YAML absent : le fichier doit commencer par « --- »",
                                "Écrivez en première ligne « --- », puis les métadonnées (title: …, version: …), "
                                "puis une ligne « --- » avant le texte des sections.")]
    problems: list[Problem] = []
    if not front.closed:
        problems.append(Problem(shown, 1, 1, Code.R001, "en-tête YAML non fermé : « --- » attendu après les métadonnées",
                                "Ajoutez une ligne « --- » entre les métadonnées et « # Comment faire »."))
        return result, problems
    for offset, line in enumerate(front.text.split("\n")):
        heading = level_one_heading(line)
        if heading is not None and section_for_heading(heading) is not None:
            # « # Comment faire » is a YAML comment: the closing « --- » is missing above it.
            return result, [Problem(shown, front.line + offset, 1, Code.R001,
                                    f"« {line.strip()} » dans l’en-tête : la ligne « --- » qui le ferme manque",
                                    "Ajoutez une ligne « --- » entre les métadonnées et la première section.")]
    # Blank lines in front keep the reader's line numbers those of the file.
    result.doc, found = parse_yaml("\n" * (front.line - 1) + front.text, shown)
    problems += found
    result.sections, found = parse_body(front.body, shown, front.body_line)
    problems += found
    return result, problems


def parse_body(body: str, shown: str, first_line: int) -> tuple[dict[str, Section], list[Problem]]:
    """The sections of a recipe body, split at its level-1 headings (outside code blocks)."""
    problems: list[Problem] = []
    parts: list[tuple[str | None, str, int, list[str]]] = []  # (section id, heading, line, lines)
    before: list[tuple[int, str]] = []
    fence = Fence()
    for number, line in enumerate(body.split("\n"), first_line):
        title = None if fence.step(line) or "#" not in line[:4] else level_one_heading(line)
        if title is not None:
            loose = loose_heading_problem(line, shown, number)
            if loose is not None:
                problems.append(loose)
            kind = section_for_heading(title)
            if kind is None:
                close = did_you_mean(title, {k.id: k.title for k in SECTIONS})
                hint = (f"Vouliez-vous dire « # {SECTION_BY_ID[close[0]].title} » ? " if close else "")
                problems.append(Problem(shown, number, 1, Code.R032, f"section « {title} » inconnue",
                                        hint + f"Les sections sont, dans cet ordre : {_HEADINGS}. "
                                        "Pour un élément, écrivez « ## » (deux dièses)."))
            parts.append((kind.id if kind else None, title, number, []))
        elif parts:
            parts[-1][3].append(line)
        elif line.strip():
            before.append((number, line))
    if before:
        problems.append(Problem(shown, before[0][0], 1, Code.R032, "texte avant la première section",
                                "Placez ce texte sous « # Contexte » (ou sous la section qu’il concerne) : "
                                "le guide ne le publierait pas.", Severity.WARNING))
    sections: dict[str, Section] = {}
    last = -1
    for kind_id, title, at, lines in parts:
        if kind_id is None:
            continue
        if kind_id in sections:
            problems.append(Problem(shown, at, 1, Code.R032, f"section « {title} » écrite deux fois",
                                    f"Réunissez les deux parties sous un seul « # {SECTION_BY_ID[kind_id].title} »."))
            continue
        if _ORDER[kind_id] < last:
            problems.append(Problem(shown, at, 1, Code.R032, f"section « {title} » hors de l’ordre habituel",
                                    f"L’ordre des sections est {_HEADINGS}.", Severity.WARNING))
        last = max(last, _ORDER[kind_id])
        section, found = parse_section(kind_id, "\n".join(lines), shown, at + 1)
        section.line = at
        sections[kind_id] = section
        problems += found
    return sections, problems


def recipe_md_text(front: str, sections: dict[str, str]) -> str:
    """A recipe.md from front matter text and section texts (by id), in the sections' order."""
    out = ["---", front.rstrip("\n"), "---", ""]
    for kind in SECTIONS:
        if kind.id in sections:
            out += [f"# {kind.title}", "", sections[kind.id].strip("\n"), ""]
    return "\n".join(out)


def recipe_version(text: str) -> tuple[object, int, int] | None:
    """The ``version`` of a recipe's metadata, from a recipe.md (its front matter) or a
    recipe.yml, with its line and column in that file (see ``top_level_value``)."""
    front = split_front_matter(text) if text.startswith("---") else None
    if front is None or not front.closed:
        return top_level_value(text, "version")
    found = top_level_value(front.text, "version")
    if found is None or found[0] is None:
        return found
    return found[0], found[1] + front.line - 1, found[2]


@dataclass
class RecipeContent:
    """What a recipe says, whatever its layout: its metadata file's name and text, the metadata
    as data (None when unreadable) and each section's intro and items (title -> body), with
    white space folded; two recipes with equal content differ only in layout or spacing."""

    meta_name: str
    meta_text: str | None
    data: Any
    items: dict[str, dict[str, str]]


def recipe_content(files: dict[str, str]) -> RecipeContent:
    """The content of a recipe from its files' texts by name (``recipe.md``, or ``recipe.yml``
    and the section files)."""
    if RECIPE_MD in files or RECIPE_FILE not in files:
        text = files.get(RECIPE_MD)
        parsed, _ = parse_recipe_md(text, RECIPE_MD) if text is not None else (RecipeText(), [])
        sections = parsed.sections
        doc = parsed.doc
        name = RECIPE_MD
    else:
        text = files[RECIPE_FILE]
        doc, _ = parse_yaml(text, RECIPE_FILE)
        sections = {kind: parse_section(kind, files[file], file)[0]
                    for kind, file in SECTION_FILES.items() if file in files}
        name = RECIPE_FILE
    items = {kind: {"": _folded(section.intro)} | {item.title: _folded(item.body) for item in section.items}
             for kind, section in sections.items()}
    return RecipeContent(name, text, doc.data if doc is not None else None, items)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*`\\]|(?<!\w)_+|_+(?!\w)")
_DUPLICATE = re.compile(r"_\d+$")


def recipe_anchors(folder: Path) -> frozenset[str] | None:
    """The anchors of the page of the recipe in ``folder`` (``recette:slug#anchor``): its
    sections, the fixed ones (``PAGE_ANCHORS``) and one per heading of its items, as Python-
    Markdown's ``toc`` makes them (« ## Trouver un lieu » in « Comment faire », the first
    section, is « 1-trouver-un-lieu »); None when the recipe cannot be read. A second heading
    with the same text gets ``_1``, ``_2``…: ``has_anchor`` accepts those."""
    try:
        stat = (folder / RECIPE_MD).stat()
    except OSError:
        stat = None
    return _anchors(str(folder), stat.st_mtime_ns if stat is not None else 0)


def has_anchor(anchors: frozenset[str], anchor: str) -> bool:
    return anchor in anchors or _DUPLICATE.sub("", anchor) in anchors


@lru_cache(maxsize=1024)
def _anchors(folder: str, stamp: int) -> frozenset[str] | None:
    from markdown.extensions.toc import slugify  # the renderer's rule; loaded only when needed

    path = Path(folder)
    try:
        if (path / RECIPE_MD).is_file():
            parsed, _ = parse_recipe_md((path / RECIPE_MD).read_text(encoding="utf-8"), RECIPE_MD)
            sections = parsed.sections
        else:
            sections = {kind: parse_section(kind, (path / name).read_text(encoding="utf-8"), name)[0]
                        for kind, name in SECTION_FILES.items() if (path / name).is_file()}
    except (OSError, UnicodeDecodeError):
        return None
    anchors = set(PAGE_ANCHORS)
    for kind in SECTIONS:
        section = sections.get(kind.id)
        if section is None and not kind.required:
            continue
        anchors.add(kind.anchor)
        for position, item in enumerate(section.items if section is not None else [], 1):
            heading = f"{position}. {item.title}" if kind.numbered else item.title
            anchors.add(slugify(_MD_MARKS.sub("", _MD_LINK.sub(r"\1", heading)), "-"))
            for line in item.body.splitlines():
                sub = atx_heading(line) if line.lstrip(" ").startswith("#") else None
                if sub is not None:
                    anchors.add(slugify(_MD_MARKS.sub("", _MD_LINK.sub(r"\1", sub[1])), "-"))
    return frozenset(anchors)


def _folded(text: str) -> str:
    return " ".join(text.split())
