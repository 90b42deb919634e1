"""Section files (how-to.md, obstacles.md...): every ``##`` heading is one item.

Parsing is line based and keeps line numbers, so each problem points at its line. Raw HTML,
``javascript:`` links, links to recipes and ambassadors (``recette:slug``, ``ambassadeur:id``)
and media paths are collected here and checked later against the whole repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from recettes.core.french import NBSP
from recettes.core.markup import (
    ADMONITION,
    ADMONITION_MAIN_TYPES,
    ATTRIBUTE_LIST,
    fence_options,
    refused_admonition_classes,
)
from recettes.core.problems import Code, Problem, Severity

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_HTML = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$))")
HTML_TAG = _HTML
"""Where raw HTML starts: a tag, a closing tag or a comment."""
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>")
_INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_SPECIAL_FIRST = frozenset("#`~=-")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


class Fence:
    """Fenced code blocks, followed line by line: a block opens with ``` or ~~~ and closes with
    a line of the same character, at least as long. Shared by the parser and the renderer
    (``site.text``), so both agree on what is code."""

    def __init__(self) -> None:
        self.open: str | None = None
        self.info: str | None = None  # the info string of the line that just opened a block

    def step(self, line: str) -> bool:
        """Whether ``line`` is code: inside a block, or one of its fence lines."""
        match = _FENCE.match(line)
        self.info = None
        if self.open is not None:
            if match and match.group(1)[0] == self.open[0] and len(match.group(1)) >= len(self.open):
                self.open = None
            return True
        if match:
            self.open = match.group(1)
            self.info = line[match.end():]
            return True
        return False

    def opening(self, line: str, language: str) -> str:
        """The line that just opened a block, with only ``language`` after its fence."""
        return line[: len(line) - len(self.info or "")] + language


@dataclass(frozen=True)
class Link:
    """A link or image target written in a section, with its position."""

    target: str
    line: int
    column: int
    image: bool = False
    text: str = ""


@dataclass(frozen=True)
class Item:
    """One item: a step, an obstacle, an enabler or a condition."""

    title: str
    body: str
    line: int


@dataclass
class Section:
    kind: str
    intro: str = ""
    line: int = 1  # where the section starts: its heading in recipe.md, line 1 of a section file
    items: list[Item] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def parse_section(kind: str, text: str, shown: str, first_line: int = 1) -> tuple[Section, list[Problem]]:
    """Split a section's text into items and collect links; report structural problems.

    ``first_line`` is the line of ``shown`` where ``text`` starts (after its heading in a
    recipe.md), so that every problem points at the right line of the file.
    """
    section = Section(kind, line=max(1, first_line - 1) if first_line > 1 else 1)
    problems: list[Problem] = []
    intro: list[str] = []
    current: tuple[str, int, list[str]] | None = None
    fence = Fence()
    lines = text.splitlines()

    def close() -> None:
        if current is not None:
            title, line, body = current
            body_text = "\n".join(body).strip("\n")
            if not body_text.strip():
                problems.append(Problem(shown, line, 1, Code.R032, f"l’élément « {title} » n’a pas de texte",
                                        "Écrivez au moins une phrase sous ce titre « ## ».", Severity.ERROR))
            section.items.append(Item(title, body_text, line))

    for number, line in enumerate(lines, first_line):
        target = intro if current is None else current[2]
        first = line.lstrip(" ")[:1]
        if fence.open is None and first not in _SPECIAL_FIRST:  # fast path: plain text line
            target.append(line)
            if "<" in line or "](" in line or "]:" in line:
                _scan_inline(line, number, 1, section, problems, shown)
            if "{" in line or first in ("!", "?"):
                problems.extend(markup_problems(line, number, shown))
            continue
        if (fence.open is not None or first in "`~") and fence.step(line):
            target.append(line)
            if fence.info:
                problems.extend(fence_problems(fence.info, line, number, shown))
            continue
        heading = _HEADING.match(line) if first == "#" else None
        if heading:
            level = len(heading.group(1))
            title = (heading.group(2) or "").strip()
            if level == 1:
                problems.append(Problem(shown, number, 1, Code.R032, "titre de niveau 1 (« # ») non permis",
                                        "Le titre de la section est ajouté par le guide : utilisez « ## » "
                                        "pour chaque élément et « ### » à l’intérieur."))
                if "{" in line:
                    problems.extend(markup_problems(line, number, shown))
                continue
            if level == 2:
                close()
                if not title:
                    problems.append(Problem(shown, number, 1, Code.R032, "titre « ## » vide",
                                            "Donnez un titre court à cet élément après « ## »."))
                current = (title, number, [])
                _scan_inline(title, number, 1, section, problems, shown)
                if "{" in line:
                    problems.extend(markup_problems(line, number, shown))
                continue
            if current is None:
                problems.append(Problem(shown, number, 1, Code.R032,
                                        f"sous-titre « {'#' * level} » avant le premier élément « ## »",
                                        "Commencez chaque élément par un titre « ## ».", Severity.WARNING))
        elif first in "=-" and _SETEXT.match(line) and target and target[-1].strip():
            problems.append(Problem(shown, number, 1, Code.R032, "titre souligné (=== ou ---) non permis",
                                    "Écrivez les titres avec « ## » en début de ligne ; pour un trait "
                                    "de séparation, laissez une ligne vide avant « --- ».", Severity.WARNING))
        target.append(line)
        if "<" in line or "](" in line or "]:" in line:
            _scan_inline(line, number, 1, section, problems, shown)
        if "{" in line:
            problems.extend(markup_problems(line, number, shown))
    close()
    if fence.open is not None:
        problems.append(Problem(shown, first_line + len(lines) - 1, 1, Code.R032,
                                f"bloc de code « {fence.open} » non fermé",
                                f"Ajoutez une ligne « {fence.open} » à la fin du bloc.", Severity.WARNING))
    section.intro = "\n".join(intro).strip()
    return section, problems


def _scan_inline(line: str, number: int, offset: int, section: Section, problems: list[Problem], shown: str) -> None:
    """Collect links and flag raw HTML on one line (outside code spans)."""
    visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    visible = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), visible)
    for match in _HTML.finditer(visible):
        problems.append(Problem(shown, number, match.start() + offset, Code.R033,
                                f"HTML brut « {_snippet(line, match.start())} » non permis",
                                "Écrivez en Markdown (## titre, **gras**, [lien](https://…), "
                                "![description](media/image.jpg)) : le guide n’interprète pas le HTML, il "
                                "l’affiche tel quel, comme du texte."))
    for match in _INLINE_LINK.finditer(visible):
        target = line[match.start(3) : match.end(3)]
        text = line[match.start(2) : match.end(2)]
        section.links.append(Link(target, number, match.start() + offset, bool(match.group(1)), text))
    ref = _REF_DEF.match(visible)
    if ref:
        section.links.append(Link(ref.group(1), number, ref.start(1) + offset))


def markup_problems(line: str, number: int, shown: str) -> list[Problem]:
    """Classes and ids asked for on one line outside code: attribute lists, admonition types."""
    problems: list[Problem] = []
    visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line
    for match in ATTRIBUTE_LIST.finditer(visible):
        problems.append(Problem(shown, number, match.start() + 1, Code.R112,
                                f"liste d’attributs « {match.group(0)[:60]} » non permise",
                                "Le guide ne l’applique pas et l’affiche telle quelle, comme du texte : "
                                "retirez-la (la mise en forme est celle du guide)."))
    admonition = ADMONITION.match(visible)
    if admonition:
        for word in refused_admonition_classes(admonition.group(4).split()):
            problems.append(Problem(shown, number, admonition.start(4) + admonition.group(4).find(word) + 1,
                                    Code.R112, f"type d’encadré « {word} » non permis",
                                    f"Types permis{NBSP}: {', '.join(ADMONITION_MAIN_TYPES)} (par exemple "
                                    "!!! tip \"Bon à savoir\"), suivis au besoin de « inline » ou « inline "
                                    "end » ; le guide publie « note » à la place d’un type inconnu."))
    return problems


def fence_problems(info: str, line: str, number: int, shown: str) -> list[Problem]:
    """Options of a code fence beyond its language (classes, ids, attributes)."""
    language, extra = fence_options(info)
    if not extra:
        return []
    column = len(line) - len(info.lstrip()) + 1
    return [Problem(shown, number, column, Code.R112,
                    f"options du bloc de code « {info.strip()[:60]} » non permises",
                    "Écrivez seulement le nom du langage après les ``` (par exemple ```python) : "
                    + (f"le guide ne garde que « {language} »." if language else "le guide ne garde rien d’autre."))]


def _snippet(line: str, start: int) -> str:
    end = line.find(">", start)
    return line[start : end + 1 if 0 <= end < start + 40 else start + 20]


def link_scheme(target: str) -> str | None:
    match = _SCHEME.match(target)
    return match.group(1).lower() if match else None


# Links between pages of the handbook, as contributors write them.
INTERNAL_SCHEMES = {"recette": "recette", "ambassadeur": "ambassadeur", "ambassadrice": "ambassadeur"}


def internal_link(target: str) -> tuple[str, str, str] | None:
    """``recette:slug#ancre`` -> ("recette", "slug", "ancre"); ``ambassadrice:`` is ``ambassadeur``;
    None for any other target. The checker and the renderer both read links through this."""
    kind = INTERNAL_SCHEMES.get(link_scheme(target) or "")
    if kind is None:
        return None
    ident, _, anchor = target.split(":", 1)[1].partition("#")
    return kind, ident.strip("/"), anchor
