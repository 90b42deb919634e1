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
from recettes.read.limits import (
    ATX_HEADING,
    ATX_SPACED,
    MAX_BRACKETS,
    MAX_NESTING,
    Budget,
    Excess,
    within_limits,
)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NOT_ATX = re.compile(r"^ {0,3}(#{7,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BACKTICKS = re.compile(r"`+")
_HTML = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$))")
HTML_TAG = _HTML
"""Where raw HTML starts: a tag, a closing tag or a comment."""
AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]*>")
# Link text: brackets nest one level, without brackets inside (so a run of « [ » costs one step
# each); the target stops at « [ » too. Both keep the scan from each « [ » short: linear.
_INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^)\s>\[]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_SPECIAL_FIRST = frozenset("#`~=-")
_LIST_FIRST = frozenset("-*+0123456789")
_LIST_MARKER = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_INDENTED_ITEM = re.compile(r"^[ \t]+(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
"""A list item with indentation somewhere: without one, no sub-list can be indented too little."""
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def atx_heading(line: str) -> tuple[int, str] | None:
    """A heading line's level and title (« ## Titre ## » -> (2, "Titre")), else None.

    The one rule (``limits.ATX_HEADING``), shared with the renderer (``site.text``): one to six
    « # » not followed by another. « #Titre » and « #\u00a0Titre » are headings, as
    Python-Markdown and their authors see them; the parser warns that the space is missing
    (``loose_heading``). Linear: the closing « # » are stripped without a backtracking pattern."""
    match = ATX_HEADING.match(line) if "#" in line[:4] else None
    if match is None:
        return None
    title = line[match.end():].strip()  # any space, as Python-Markdown strips a title
    stripped = title.rstrip("#")
    if not stripped or stripped[-1].isspace():
        title = stripped.rstrip()
    return len(match.group(1)), title


def loose_heading(line: str) -> str | None:
    """The « # » of a heading written without an ordinary space after them (« ##Titre »,
    « #\u00a0Titre »), else None: a heading all the same, which the parser reports so that
    other Markdown tools read it too."""
    if "#" not in line[:4] or ATX_SPACED.match(line) is not None:
        return None
    match = ATX_HEADING.match(line)
    return match.group(1) if match is not None else None


def loose_heading_problem(line: str, shown: str, number: int) -> Problem | None:
    """The warning for a heading without a space after its « # » (``loose_heading``), or None."""
    hashes = loose_heading(line)
    if hashes is None:
        return None
    column = line.index("#") + 1
    after = line[column - 1 + len(hashes):]
    words = after.lstrip()
    fixed = f"{hashes} {words[:40]}{'…' if len(words) > 40 else ''}"
    space = after[:1]
    if space.isspace():
        which = "insécable" if space in ("\u00a0", "\u202f") else f"spéciale (U+{ord(space):04X})"
        message = f"« {hashes} » suivi d’une espace {which} : lu comme un titre"
    else:
        message = f"« {_snippet_word(line, column - 1)} » : il manque une espace après « {hashes} », lu comme un titre"
    return Problem(shown, number, column, Code.R032, message,
                   f"Le guide le lit comme un titre ; écrivez « {fixed} » pour que tout éditeur Markdown "
                   f"le lise ainsi. Pour garder le signe « # » comme du texte, écrivez « \\{hashes} ».",
                   Severity.WARNING)


def misread_heading(line: str) -> str | None:
    """The « # » of a line that looks like a heading but is not one (seven « # » or more),
    else None. Python-Markdown would make it a level-6 heading: the renderer escapes its first
    « # » (``site.text``) and the parser reports it."""
    match = _NOT_ATX.match(line) if "#" in line[:4] else None
    return match.group(1) if match is not None else None


def code_spans(line: str) -> list[tuple[int, int]]:
    """The code spans of one line as (start, end) offsets, in linear time.

    Python-Markdown's rule (its ``BACKTICK_RE``): a run of backticks not preceded by « \\ »
    opens; the span closes at the nearest later run of exactly the same length, or failing
    that, of the longest shorter length found later. Each run is looked at a bounded number of
    times, where a regular expression retried the whole line from every backtick (minutes for
    2 KB of backticks)."""
    if "`" not in line:
        return []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    later: dict[int, list[int]] = {}  # run length -> indexes of the runs of that length, last first
    for index in range(len(runs) - 1, -1, -1):
        later.setdefault(runs[index][1] - runs[index][0], []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        _consume(later, end - start, index)
        if start > 0 and line[start - 1] == "\\":
            start += 1
        closer = None
        for length in range(end - start, 0, -1):  # at most the run's length: linear overall
            waiting = later.get(length)
            if waiting:
                closer = waiting[-1]
                break
        if closer is None:
            index += 1
            continue
        spans.append((start, runs[closer][1]))
        for skipped in range(index + 1, closer + 1):
            _consume(later, runs[skipped][1] - runs[skipped][0], skipped)
        index = closer + 1
    return spans


def _consume(later: dict[int, list[int]], length: int, index: int) -> None:
    waiting = later[length]
    if waiting and waiting[-1] == index:
        waiting.pop()


def blank_code(line: str) -> str:
    """The line with its code spans and autolinks blanked (same length, same columns)."""
    spans = code_spans(line)
    if spans:
        pieces, last = [], 0
        for start, end in spans:
            pieces += [line[last:start], " " * (end - start)]
            last = end
        line = "".join(pieces) + line[last:]
    return AUTOLINK.sub(lambda m: " " * len(m.group(0)), line) if "<" in line else line


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


_LINE_BREAK = re.compile(r"\r\n|[\n\r]")


def parse_section(kind: str, text: str, shown: str, first_line: int = 1) -> tuple[Section, list[Problem]]:
    """Split a section's text into items and collect links; report structural problems.

    ``first_line`` is the line of ``shown`` where ``text`` starts (after its heading in a
    recipe.md), so that every problem points at the right line of the file. Linear in the
    text's length (see ``code_spans`` and ``limits``).
    """
    section = Section(kind, line=max(1, first_line - 1) if first_line > 1 else 1)
    problems: list[Problem] = []
    intro: list[str] = []
    current: tuple[str, int, list[str]] | None = None
    fence = Fence()
    budget = None if within_limits(text) else Budget()  # most sections: no line to follow
    lists = _ListIndent() if _INDENTED_ITEM.search(text) else None  # else no sub-list to misplace
    # Lines as Markdown and editors see them (and as ``recipe_md`` numbers them): ``\n``, ``\r\n``
    # or ``\r``; never ``str.splitlines``' other breaks (NEL, U+2028, \x1c-\x1e…), which would
    # shift every line number after them.
    lines = _LINE_BREAK.split(text)
    if lines and not lines[-1]:
        lines.pop()

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
            _check_line(line, number, section, problems, shown, budget, lists)
            if "{" in line or first in ("!", "?"):
                problems.extend(markup_problems(line, number, shown))
            continue
        if (fence.open is not None or first in "`~") and fence.step(line):
            target.append(line)
            if fence.info:
                problems.extend(fence_problems(fence.info, line, number, shown))
            continue
        heading = atx_heading(line) if first == "#" else None
        if heading:
            level, title = heading
            loose = loose_heading_problem(line, shown, number)
            if loose is not None:
                problems.append(loose)
            if budget is not None:  # a level-1 heading is refused below, and never published
                excesses = budget.step(line)
                if level > 1:
                    problems.extend(_excess_problem(excess, shown, number) for excess in excesses)
            if lists is not None:
                lists.step(line)
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
            target.append(line)
            _scan_inline(line, number, 1, section, problems, shown)
            continue
        if first in "=-" and _SETEXT.match(line) and target and target[-1].strip():
            problems.append(Problem(shown, number, 1, Code.R032, "titre souligné (=== ou ---) non permis",
                                    "Écrivez les titres avec « ## » en début de ligne ; pour un trait "
                                    "de séparation, laissez une ligne vide avant « --- ».", Severity.WARNING))
        target.append(line)
        _check_line(line, number, section, problems, shown, budget, lists)
        if "{" in line:
            problems.extend(markup_problems(line, number, shown))
    close()
    if fence.open is not None:
        mark = fence.open if len(fence.open) <= 12 else f"{fence.open[:3]}… ({len(fence.open)} « {fence.open[0]} »)"
        problems.append(Problem(shown, first_line + len(lines) - 1, 1, Code.R032,
                                f"bloc de code « {mark} » non fermé",
                                f"Ajoutez une ligne « {mark} » à la fin du bloc.", Severity.WARNING))
    intro_text = "\n".join(intro).strip("\n").rstrip()  # its indentation is Markdown: kept
    section.intro = intro_text if intro_text.strip() else ""
    return section, problems


def _check_line(line: str, number: int, section: Section, problems: list[Problem], shown: str,
                budget: Budget | None, lists: _ListIndent | None) -> None:
    """The checks of a line of text (not code, not a heading): limits, misread headings,
    sub-lists indented too little, then links and raw HTML. ``budget`` and ``lists`` are
    ``None`` where the whole section was found unable to exceed a limit or to hold a sub-list."""
    if budget is not None:
        for excess in budget.step(line):
            problems.append(_excess_problem(excess, shown, number))
    hashes = misread_heading(line) if "#" in line[:4] else None
    if hashes is not None:
        problems.append(_misread_problem(line, hashes, shown, number))
    flat = lists.step(line) if lists is not None else None
    if lists is not None and flat is not None:
        problems.append(Problem(shown, number, flat + 1, Code.R032,
                                f"sous-liste décalée de {flat - lists.parent} espace{'s' if flat - lists.parent > 1 else ''} "
                                "seulement : elle serait publiée à plat, au niveau de la liste au-dessus",
                                "Décalez chaque niveau de sous-liste de quatre espaces (ou d’une tabulation), "
                                "comme le demande le guide.", Severity.WARNING))
    if "<" in line or "](" in line or "]:" in line:
        _scan_inline(line, number, 1, section, problems, shown)


def _misread_problem(line: str, hashes: str, shown: str, number: int) -> Problem:
    column = line.index("#") + 1
    return Problem(shown, number, column, Code.R032, f"« {hashes} » : plus de six « # » ne font pas un titre",
                   "Un titre a de une à six « # » suivies d’une espace : « ### Titre » ; pour garder "
                   "le signe « # » comme du texte, écrivez « \\# ».")


def _excess_problem(excess: Excess, shown: str, number: int) -> Problem:
    if excess.kind == "nesting":
        return Problem(shown, number, excess.column, Code.R130,
                       f"listes, citations ou encadrés imbriqués sur {excess.count} niveaux (au plus {MAX_NESTING})",
                       "Réduisez l’imbrication : au-delà de quelques niveaux, le texte devient illisible, "
                       "et le guide le publierait comme texte brut.")
    if excess.kind == "cost":
        return Problem(shown, number, excess.column, Code.R131,
                       f"paragraphe de {excess.count} caractères et {excess.marks} crochets ou marques "
                       "(« [ », « ` », « * », « _ », « & », « < »…) : trop long à afficher",
                       "Coupez ce paragraphe en plusieurs (ligne vide entre eux), ou retirez les crochets "
                       "et les marques qui ne servent pas (écrivez « \\[ » pour un crochet seul) : le guide "
                       "mettrait des minutes à l’afficher et le publierait comme texte brut.")
    return Problem(shown, number, excess.column, Code.R131,
                   f"plus de {MAX_BRACKETS} crochets « [ » dans un même paragraphe",
                   "Coupez ce paragraphe (ligne vide) ou retirez les crochets qui ne sont pas des liens "
                   "(écrivez « \\[ » pour un crochet seul) : le guide mettrait des minutes à l’afficher "
                   "et le publierait comme texte brut.")


def _snippet_word(line: str, start: int) -> str:
    end = start
    while end < len(line) and end - start < 30 and not line[end].isspace():
        end += 1
    return line[start:end]


class _ListIndent:
    """Follows list items to find a sub-list indented by fewer than four columns, which
    Python-Markdown publishes at the level of the list above (``step`` gives its indentation)."""

    def __init__(self) -> None:
        self.indent: int | None = None  # of the last list item in this block
        self.parent = 0

    def step(self, line: str) -> int | None:
        first = line.lstrip(" \t")[:1]
        if not first:
            self.indent = None
            return None
        if first not in _LIST_FIRST:
            return None
        match = _LIST_MARKER.match(line)
        if match is None:
            return None
        indent = len(match.group(1).expandtabs(4))
        previous, self.indent = self.indent, indent
        if previous is not None and previous < indent < previous + 4:
            self.parent = previous
            self.indent = previous  # published at the level above: later items compare to it
            return indent
        return None


def _scan_inline(line: str, number: int, offset: int, section: Section, problems: list[Problem], shown: str) -> None:
    """Collect links and flag raw HTML on one line (outside code spans)."""
    visible = blank_code(line)
    for match in _HTML.finditer(visible):
        problems.append(Problem(shown, number, match.start() + offset, Code.R033,
                                f"HTML brut « {_snippet(line, match.start())} » non permis",
                                "Écrivez en Markdown (## titre, **gras**, [lien](https://…), "
                                "![description](media/image.jpg)) : le guide afficherait ces balises telles quelles, "
                                "comme du texte."))
    if visible.count("[") <= MAX_BRACKETS:  # beyond, the line is refused (R131) and not scanned
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
    visible = blank_code(line)
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


_BARE_HOST = re.compile(r"^(?:[a-z0-9-]{1,63}\.)+([a-z]{2,24})(?::[0-9]{1,5})?$", re.IGNORECASE)
FILE_EXTENSIONS = frozenset({
    "md", "markdown", "txt", "html", "htm", "pdf", "png", "jpg", "jpeg", "gif", "webp", "svg", "odt", "ods", "odp",
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "zip", "mp3", "mp4", "yml", "yaml", "json",
})
"""Endings of the files people link to: « plan.pdf » is a file, « semeurs.bzh » a web site."""


def bare_web_address(target: str) -> bool:
    """Whether a link target is a web address written without ``https://`` (« www.semeurs.org »,
    « semeurs.bzh/atelier »): a host name — dot-separated labels, the last one letters and not a
    file ending of ``FILE_EXTENSIONS`` (« www. » always counts), an optional port — before any
    « / », « ? » or « # ». One rule for the validator (R132, the handbook would look for a file)
    and for ``recettes import`` (R205, completed). Linear: at most 259 characters are matched."""
    name = re.split(r"[/?#]", target, maxsplit=1)[0]
    host = _BARE_HOST.match(name) if len(name) <= 259 else None
    if host is None:
        return False
    return name.lower().startswith("www") or host.group(1).lower() not in FILE_EXTENSIONS


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
