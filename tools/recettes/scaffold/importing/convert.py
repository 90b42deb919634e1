"""Draft: what a recipe made from one ``Fiche`` says — title, summary, sections, resources,
sources, licence evidence — and what the import noticed (names, categories, problems).

Each top-level heading goes where the heading table says (``table.py``); what it cannot map
goes to « Contexte » under its own heading and is reported, so that nothing is lost. Values of
« Informations pratiques », « Nombre de participants », « Timing »… go to ``resources`` only
when they are structured (a number, a duration, an amount): « très variable » is not a budget,
it goes to « Conditions de reproductibilité ». A fiche under a no-derivatives licence is not
restructured: its text is kept in order, under « Contexte ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from recettes.core.licences import Clue, licence_clues, spdx_id
from recettes.core.model import SUMMARY_LENGTH, TITLE_LENGTH
from recettes.core.personal import find_contacts
from recettes.core.problems import Code, Problem, Severity
from recettes.read.limits import MAX_BRACKETS
from recettes.scaffold.importing.fiche import Block, Fiche
from recettes.scaffold.importing.table import SECTION_TARGETS, TAGS, HeadingTable, defuse

_MAX_TAGGED = 10_000
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MARKER = re.compile(r"(?:\*\*|__)?\[(\d{1,3})\]\(#[^)\s]*\)(?:\*\*|__)?|\[\^(\d{1,3})\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^(\d{1,3})\]:\s*")
_SEVEN = re.compile(r"^( {0,3})(#{7,})")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_KEY_VALUE = re.compile(r"^(?P<key>[^:\n]{2,60}?)\s*[:：]\s*(?P<value>.+)$")
_AMOUNT = re.compile(r"(\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?)")
_MONEY = re.compile(r"€|\beuros?\b|\bEUR\b", re.IGNORECASE)
_FREE = re.compile(r"^\s*gratuit(?:e|s|es)?\s*$", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_MARKUP = re.compile(r"[*_`]+")
SOURCE_TOKEN = "\x00source:{}\x00"
_TOKEN = re.compile("\x00source:[0-9]+\x00")
"""Stands for a per-paragraph source marker until the sources list is numbered."""


@dataclass
class Draft:
    """A recipe to write, from one fiche. Section items are (title, Markdown body, line of the
    fiche where the body starts)."""

    fiche: Fiche
    title: str
    summary: str | None = None
    context_intro: str = ""
    sections: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    resources: dict[str, Any] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    source_numbers: dict[str, int] = field(default_factory=dict)  # marker as written -> rank in sources
    links: list[dict[str, str]] = field(default_factory=list)
    clues: list[Clue] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    verbatim: bool = False  # kept as written (no-derivatives licence)

    def item(self, section: str, title: str, body: str, line: int) -> None:
        self.sections.setdefault(section, []).append((title, body, line))


def convert(fiche: Fiche, table: HeadingTable, fallback_title: str, extra_clues: list[Clue]) -> Draft:
    """The draft of ``fiche``; ``fallback_title`` when it has none; ``extra_clues`` are the
    licences stated for the whole source (its LICENSE file)."""
    draft = Draft(fiche, _title(fiche, fallback_title))
    shown = fiche.shown
    if draft.title == fallback_title:
        draft.problems.append(Problem(shown, fiche.title_line, 1, Code.R212,
                                      f"fiche sans titre\u00a0: «\u00a0{fallback_title}\u00a0», tiré du nom du fichier",
                                      "Corrigez le titre dans la recette si besoin.", Severity.WARNING))
    _read_meta(draft)
    every_line = [text for _, text in fiche.intro] + [text for block in fiche.blocks for text in _all_lines(block)]
    draft.clues = [*extra_clues, *_meta_clues(fiche.meta), *licence_clues("\n".join(every_line))]
    if any("ND" in clue.terms for clue in draft.clues):
        _verbatim(draft)
        return draft
    intro = _clean(draft, fiche.intro)
    if intro.strip():
        draft.context_intro = intro
    for block in fiche.blocks:
        _place(draft, block, table)
    return draft


def first_line(lines: list[tuple[int, str]], default: int) -> int:
    """The number of the first line with text (where a section's text will start), else ``default``."""
    return next((number for number, text in lines if text.strip()), default)


def _title(fiche: Fiche, fallback: str) -> str:
    title = (fiche.title or "").strip() or fallback
    if len(title) > TITLE_LENGTH[1]:
        title = title[: TITLE_LENGTH[1] - 1].rsplit(" ", 1)[0] + "…"
    return title if len(title) >= TITLE_LENGTH[0] else f"{title} (fiche importée)"


def _read_meta(draft: Draft) -> None:
    meta = draft.fiche.meta
    for key in ("author", "authors", "auteur", "auteurs", "contributors"):
        value = meta.get(key)
        values = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        for each in values:
            draft.names += [n.strip() for n in re.split(r"[;,]|\bet\b", str(each)) if n.strip()]
    for key in ("tags", "categories", "catégories", "keywords"):
        value = meta.get(key)
        values = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        draft.categories += [str(v).strip() for v in values if str(v).strip()]
    for key in ("description", "summary", "résumé", "resume"):
        if isinstance(meta.get(key), str) and _fits_summary(meta[key]):
            draft.summary = " ".join(meta[key].split())
            break
    if draft.names:
        draft.problems.append(_names_problem(draft.fiche.shown, 2, draft.names))


def _meta_clues(meta: dict[str, Any]) -> list[Clue]:
    value = meta.get("licence", meta.get("license"))
    return licence_clues(str(value)) if isinstance(value, str | int | float) else []


def _all_lines(block: Block) -> list[str]:
    return [block.raw, *(text for _, text in block.lines), *(t for child in block.children for t in _all_lines(child))]


def _unlinked(text: str) -> str:
    """Link texts without their targets; a text with too many « [ » is left as it is (linear)."""
    return _LINK.sub(r"\1", text) if text.count("[") <= MAX_BRACKETS else text


def _fits_summary(text: str) -> bool:
    """One paragraph (not a list) of the summary's length."""
    if any(_ITEM.match(line) for line in text.splitlines()):
        return False
    size = len(" ".join(text.split()))
    return SUMMARY_LENGTH[0] <= size <= SUMMARY_LENGTH[1] and "\n\n" not in text.strip()


def _names_problem(shown: str, line: int, names: list[str]) -> Problem:
    return Problem(shown, line, 1, Code.R209, "noms relevés\u00a0: " + ", ".join(dict.fromkeys(names)),
                   "Ils figurent dans le rapport d’import, pas dans la recette\u00a0: créez une fiche "
                   "d’ambassadeur·rice seulement avec l’accord de la personne (recettes new-ambassador).",
                   Severity.WARNING)


def _verbatim(draft: Draft) -> None:
    """No derivatives allowed: the text stays as written, in order, under « Contexte »."""
    draft.verbatim = True
    fiche = draft.fiche
    draft.context_intro = _clean(draft, fiche.intro)
    for block in fiche.blocks:
        body = _body(draft, block, 3)
        if body.strip():
            draft.item("context", block.title or "Sans titre", body, first_line(block.lines, block.line + 1))
    draft.problems.append(Problem(fiche.shown, fiche.title_line, 1, Code.R213,
                                  "licence sans modification (ND)\u00a0: texte gardé tel quel, sous «\u00a0Contexte\u00a0»",
                                  "La licence interdit d’adapter le texte\u00a0: demandez l’accord de ses auteur·ices "
                                  "avant de le répartir dans les sections.", Severity.WARNING))


def _place(draft: Draft, block: Block, table: HeadingTable) -> None:
    shown = draft.fiche.shown
    if block.empty():
        draft.problems.append(Problem(shown, block.line, 1, Code.R202, f"titre «\u00a0{block.title or block.raw}\u00a0» sans texte, retiré",
                                      "Rien à faire\u00a0: un titre vide n’apporte rien à la recette.", Severity.WARNING))
        return
    target = table.target(block.title)
    if target == "container":
        own = _clean(draft, block.lines)
        if own.strip():
            draft.item("context", block.title, own, first_line(block.lines, block.line + 1))
        for child in block.children:
            _place(draft, child, table)
        return
    if target in SECTION_TARGETS:
        draft.item(target, block.title, _body(draft, block, 3), first_line(block.lines, block.line + 1))
    elif target == "summary":
        text = _body(draft, block, 3)
        if draft.summary is None and _fits_summary(text) and not block.children:
            draft.summary = " ".join(_MARKUP.sub("", _unlinked(_TOKEN.sub("", text))).split())
        else:
            draft.item("context", block.title, text, first_line(block.lines, block.line + 1))
    elif target in ("people", "duration", "budget"):
        _resource(draft, target, block.title, _body(draft, block, 3), first_line(block.lines, block.line + 1))
    elif target == "practical":
        _practical(draft, block, table)
    elif target == "sources":
        _sources(draft, block)
    elif target == "links":
        _links(draft, block)
    elif target == "names":
        found = [_MARKUP.sub("", _ITEM.sub("", line)).strip() for _, line in block.lines]
        names = [n for line in found for n in re.split(r"[;,]", line) if n.strip() and not find_contacts(n)]
        draft.names += [n.strip() for n in names]
        draft.problems.append(_names_problem(shown, block.line, [n.strip() for n in names] or [block.title]))
    elif target == "categories":
        draft.categories += [c.strip() for _, line in block.lines for c in re.split(r"[;,]", _ITEM.sub("", line))
                             if c.strip()]
    else:
        draft.unmapped.append(block.title)
        draft.problems.append(Problem(shown, block.line, 1, Code.R201, f"titre «\u00a0{block.title}\u00a0» non reconnu\u00a0: "
                                      "son texte est placé dans «\u00a0Contexte\u00a0»",
                                      "Déplacez ce texte dans la bonne section, ou ajoutez ce titre à "
                                      "import-headings.yml et relancez l’import.", Severity.WARNING))
        draft.item("context", block.title, _body(draft, block, 3), first_line(block.lines, block.line + 1))


def _body(draft: Draft, block: Block, level: int) -> str:
    """The block's text then its sub-headings (from ``level`` « # », at most six) and their text."""
    parts = [_clean(draft, block.lines)]
    for child in block.children:
        if child.empty():
            continue
        parts.append(f"{'#' * min(level, 6)} {child.title}")
        parts.append(_body(draft, child, level + 1))
    return "\n\n".join(part for part in parts if part.strip())


def _clean(draft: Draft, lines: list[tuple[int, str]]) -> str:
    """Lines made safe to publish: raw HTML removed (its text kept), contact data removed, source
    markers replaced by tokens, seven « # » escaped. Each removal is reported once per fiche."""
    out: list[str] = []
    shown = draft.fiche.shown
    in_code = False
    for number, line in lines:
        if line.lstrip(" ").startswith(("```", "~~~")):
            in_code = not in_code
        if in_code or line.lstrip(" ").startswith(("```", "~~~")):
            out.append(line)
            continue
        if "<" in line:
            stripped = defuse(TAGS.sub("", _BREAK.sub("  ", line)), "&lt;") if len(line) <= _MAX_TAGGED \
                else line.replace("<", "&lt;")  # the comment pattern is quadratic on a long line of « <!-- »
            if stripped != line:
                _once(draft, Problem(shown, number, line.index("<") + 1, Code.R217,
                                     "HTML retiré du texte (son contenu est gardé)",
                                     "Rien à faire\u00a0; vérifiez la mise en forme de la recette.", Severity.WARNING))
                line = stripped
        for contact in reversed(find_contacts(line)) if ("@" in line or any(c.isdigit() for c in line)) else []:
            _once(draft, Problem(shown, number, contact.start + 1, Code.R216, f"{contact.label} retiré du texte",
                                 "Les coordonnées ne sont publiées qu’avec l’accord de la personne, dans sa fiche "
                                 "d’ambassadeur·rice.", Severity.WARNING))
            line = line[:contact.start] + "[coordonnées retirées]" + line[contact.end:]
        line = _MARKER.sub(lambda m: SOURCE_TOKEN.format(next(g for g in m.groups() if g)), line)
        out.append(_SEVEN.sub(r"\1\\\2", line))
    return "\n".join(out).strip("\n")


def _once(draft: Draft, problem: Problem) -> None:
    if not any(p.code is problem.code for p in draft.problems):
        draft.problems.append(problem)


def _resource(draft: Draft, kind: str, title: str, text: str, line: int) -> None:
    """A structured value goes to ``resources``; anything else to reproducibility, reported."""
    value = " ".join(_MARKUP.sub("", _ITEM.sub("", text)).split())
    structured = _structured(kind, value)
    if structured is not None and kind not in draft.resources:
        draft.resources[kind] = structured
        return
    draft.item("reproducibility", title, text, line)
    draft.problems.append(Problem(draft.fiche.shown, line, 1, Code.R214,
                                  f"«\u00a0{title}\u00a0»\u00a0: «\u00a0{value[:60]}\u00a0» n’est pas une valeur structurée",
                                  "Le texte est placé dans «\u00a0Conditions de reproductibilité\u00a0»\u00a0; indiquez une "
                                  "valeur chiffrée dans resources si vous la connaissez.", Severity.WARNING))


def _structured(kind: str, value: str) -> Any:
    if not value or len(value) > 300:
        return None
    if kind == "budget":
        if _FREE.match(value):
            return {"min": 0, "max": 0, "currency": "EUR"}
        if not _MONEY.search(value):
            return None
        amounts = [float(a.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(",", "."))
                   for a in _AMOUNT.findall(value)]
        if not amounts or len(amounts) > 2:
            return None
        return {"min": min(amounts), "max": max(amounts), "currency": "EUR"}
    return value if any(c.isdigit() for c in value) else None


def _practical(draft: Draft, block: Block, table: HeadingTable) -> None:
    """« clé : valeur » lines: known keys with structured values to resources, the rest kept."""
    kept: list[tuple[int, str]] = []
    for number, line in block.lines:
        match = _KEY_VALUE.match(_MARKUP.sub("", _ITEM.sub("", line)).strip())
        kind = table.resource(match.group("key")) if match else None
        if match and kind is not None:
            structured = _structured(kind, match.group("value").strip())
            if structured is not None and kind not in draft.resources:
                draft.resources[kind] = structured
                continue
            draft.problems.append(Problem(draft.fiche.shown, number, 1, Code.R214,
                                          f"«\u00a0{match.group('key').strip()}\u00a0»\u00a0: «\u00a0{match.group('value').strip()[:60]}\u00a0» "
                                          "n’est pas une valeur structurée",
                                          "La ligne est placée dans «\u00a0Conditions de reproductibilité\u00a0».",
                                          Severity.WARNING))
        kept.append((number, line))
    text = _clean(draft, kept)
    children = [c for c in block.children if not c.empty()]
    if text.strip() or children:
        body = "\n\n".join([text, *(f"### {c.title}\n\n{_body(draft, c, 4)}" for c in children)]).strip()
        draft.item("reproducibility", block.title, body, first_line(block.lines, block.line + 1))


def _entries(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """List items (or paragraphs) of a block, each on one line."""
    entries: list[tuple[int, str]] = []
    for number, line in lines:
        if not line.strip():
            if entries and entries[-1][1]:
                entries.append((number, ""))
            continue
        if _ITEM.match(line) or _FOOTNOTE_DEF.match(line) or not entries or not entries[-1][1]:
            entries.append((number, line.strip()))
        else:
            entries[-1] = (entries[-1][0], entries[-1][1] + " " + line.strip())
    return [(n, e) for n, e in entries if e]


def _sources(draft: Draft, block: Block) -> None:
    """Each entry becomes a structured source; its marker (« [1] ») is remembered."""
    for _number, entry in _entries(block.lines + [line for child in block.children for line in child.lines]):
        text = TAGS.sub("", _ITEM.sub("", entry))
        marker = _MARKER.match(text.lstrip("* _")) or _FOOTNOTE_DEF.match(text)
        if marker is not None:
            text = text.lstrip("* _")[marker.end():] if not _FOOTNOTE_DEF.match(text) else text[marker.end():]
        found = _LINK.findall(text) if text.count("[") <= MAX_BRACKETS else []
        links = [(t, u) for t, u in found if u.startswith(("http://", "https://", "www."))]
        plain = " ".join(_MARKUP.sub("", _unlinked(text)).split()).strip(" ,;.")
        clues = licence_clues(plain)
        title = re.split(r",?\s*(?:sous\s+(?:la\s+)?licence|licence|license)\b", plain, maxsplit=1, flags=re.IGNORECASE)[0]
        title = title.strip(" ,;.") or (links[0][0] if links else "")
        source: dict[str, Any] = {}
        if title:
            source["title"] = title[:300]
        if links:
            url = links[0][1]
            source["url"] = url if url.startswith("http") else f"https://{url}"
        if not source:
            continue
        ident = spdx_id(clues[0]) if clues and clues[0].version else None
        if ident:
            source["licence"] = ident
        draft.sources.append(source)
        if marker is not None:
            draft.source_numbers[next(g for g in marker.groups() if g)] = len(draft.sources)


def _links(draft: Draft, block: Block) -> None:
    """Entries that are a link become the recipe's links; the rest stays, under « Contexte »."""
    rest: list[tuple[int, str]] = []
    for number, entry in _entries(block.lines):
        found = _LINK.search(entry) if entry.count("[") <= MAX_BRACKETS else None
        if found and found.group(2).startswith(("http://", "https://", "www.")):
            url = found.group(2) if found.group(2).startswith("http") else f"https://{found.group(2)}"
            title = " ".join(_MARKUP.sub("", found.group(1)).split()) or url
            draft.links.append({"title": title[:300], "url": url})
        else:
            rest.append((number, entry))
    text = _clean(draft, rest)
    if text.strip():
        draft.item("context", block.title, text, first_line(block.lines, block.line + 1))
