"""Hand-written pages (``docs/``) checked like contributions: anyone may propose one, and the
handbook publishes it on every visitor's screen (R110 and the section rules R033, R044, R112).

A page is Markdown with an optional YAML front matter. The front matter may hold only the keys
of ``PAGE_KEYS`` (MkDocs would also take ``template``, which picks any file of the theme to
render the page); its texts are plain text. The body goes through the parser of recipe sections
(``read.markdown``): raw HTML, attribute lists, admonition types, code fence options and links
are checked as in a recipe, without the recipe's structure rules. Files beside the pages are
media, judged by their content as a recipe's are (``read.media``: an ``.html`` or ``.js`` file
would be served from the handbook's own address) and published as clean copies.

``site.generate`` publishes through ``page_parts`` and ``site.media``, so what is checked here
is what is published.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recettes.core.french import NBSP
from recettes.core.problems import Code, Problem
from recettes.read.markdown import HTML_TAG, Link, internal_link, link_scheme, parse_section
from recettes.read.media_checks import judge_file
from recettes.read.yamlfile import decode_text, parse_yaml, read_limited

MAX_PAGE_BYTES = 512 * 1024
PAGE_KEYS: dict[str, str] = {
    "title": "le titre de la page (texte simple)",
    "description": "son résumé pour les moteurs de recherche (texte simple)",
    "hide": "les parties à masquer (navigation, toc, footer, path, tags, feedback)",
    "search": "exclude: true pour la retirer de la recherche",
    "tags": "une liste d’étiquettes (texte simple)",
}
"""Front matter keys a hand-written page may use, with what they hold (shown in hints)."""
HIDE = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})
_FRONT = re.compile(r"^-{3}[ \t]*\r?\n(.*?\r?\n)?(?:\.{3}|-{3})[ \t]*(?:\r?\n|$)", re.DOTALL)
_STRUCTURE = frozenset({Code.R031, Code.R032})  # a recipe's section layout, not a page's
_DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


@dataclass
class PageParts:
    """A page split as MkDocs splits it: front matter (only the ``PAGE_KEYS``, texts only),
    body, and the body's first line in the file."""

    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1


def hand_written(docs: Path) -> list[str]:
    """Regular files of ``docs`` (relative, sorted), skipping hidden ones and symlinks."""
    found: list[str] = []
    if not docs.is_dir():
        return found
    for folder, dirs, names in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(folder, d)))
        for name in sorted(names):
            path = Path(folder) / name
            if not name.startswith(".") and path.is_file() and not path.is_symlink():
                found.append(path.relative_to(docs).as_posix())
    return found


def page_parts(text: str, shown: str = "") -> tuple[PageParts, list[Problem]]:
    """Front matter and body of a page's ``text``; problems (located in ``shown``) for front
    matter that is not valid YAML, keys off ``PAGE_KEYS`` and values of the wrong kind — those
    are left out of ``meta``."""
    match = _FRONT.match(text)
    if match is None:
        return PageParts(body=text), []
    parts = PageParts(body=text[match.end():], body_line=text.count("\n", 0, match.end()) + 1)
    doc, found = parse_yaml(match.group(1) or "", shown)
    problems = [dataclasses.replace(p, line=p.line + 1) for p in found]
    if doc is None or doc.data is None:
        return parts, problems
    if not isinstance(doc.data, dict):
        return parts, [*problems, Problem(shown, 2, 1, Code.R110, "en-tête de page invalide",
                                          "Écrivez des lignes « clé: valeur », par exemple title: À propos.")]
    for key, value in doc.data.items():
        line, column = doc.position((key,), key=True)
        where = (shown, line + 1, column)
        if key not in PAGE_KEYS:
            keys = "; ".join(f"{name} ({what})" for name, what in PAGE_KEYS.items())
            problems.append(Problem(*where, Code.R110, f"clé d’en-tête « {key} » non permise",
                                    f"Clés permises{NBSP}: {keys}. Elle est ignorée à la publication."))
            continue
        error = _value_error(key, value)
        if error:
            line, column = doc.position((key,))
            problems.append(Problem(shown, line + 1, column, Code.R110, f"« {key} »{NBSP}: {error}",
                                    f"Attendu{NBSP}: {PAGE_KEYS[key]}. La clé est ignorée à la publication."))
            continue
        for index, string in _strings(key, value):
            if HTML_TAG.search(string):
                line, column = doc.position((key,) if index is None else (key, index))
                problems.append(Problem(shown, line + 1, column, Code.R033, f"HTML brut dans « {key} »",
                                        "Écrivez du texte simple : le guide remplace < > & par des caractères "
                                        "proches (‹ › ＆) dans le titre de l’onglet et le menu."))
        parts.meta[key] = value
    return parts, problems


def _value_error(key: str, value: Any) -> str:
    if key in ("title", "description"):
        return "" if isinstance(value, str) and value.strip() else "un texte est attendu"
    if key == "hide":
        ok = isinstance(value, list) and all(isinstance(v, str) and v in HIDE for v in value)
        return "" if ok else "une liste parmi " + ", ".join(sorted(HIDE)) + " est attendue"
    if key == "search":
        ok = isinstance(value, dict) and set(value) <= {"exclude"} and isinstance(value.get("exclude", False), bool)
        return "" if ok else "exclude: true ou false est attendu"
    ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return "" if ok else "une liste de textes est attendue"


def _strings(key: str, value: Any) -> list[tuple[int | None, str]]:
    if isinstance(value, str):
        return [(None, value)]
    if key == "tags" and isinstance(value, list):
        return [(index, item) for index, item in enumerate(value)]
    return []


def check_page(path: Path, shown: str, names: dict[str, set[str]]) -> list[Problem]:
    """Every problem of one hand-written page; ``names`` holds the known ``recette`` slugs and
    ``ambassadeur`` ids (for ``recette:slug`` links)."""
    raw, problems = read_limited(path, shown, MAX_PAGE_BYTES, hint="Découpez la page en plusieurs pages.")
    if raw is None:
        return problems
    text, decoded = decode_text(raw, shown)
    problems += decoded
    if text is None:
        return problems
    parts, found = page_parts(text, shown)
    problems += found
    section, found = parse_section("page", parts.body, shown, parts.body_line)
    problems += [problem for problem in found if problem.code not in _STRUCTURE]
    for link in section.links:
        problems += _link_problems(link, shown, names)
    return problems


def check_docs(docs: Path, shown_dir: str, names: dict[str, set[str]]) -> list[Problem]:
    """Every problem of the hand-written pages and files under ``docs`` (shown as ``shown_dir``)."""
    problems: list[Problem] = []
    for uri in hand_written(docs):
        path, shown = docs / uri, f"{shown_dir}/{uri}"
        if uri.endswith(".md"):
            problems += check_page(path, shown, names)
        elif (problem := judge_file(path, uri, shown)) is not None:
            problems.append(problem)
    return problems


def _link_problems(link: Link, shown: str, names: dict[str, set[str]]) -> list[Problem]:
    scheme = link_scheme(link.target)
    where = (shown, link.line, link.column)
    if scheme in _DANGEROUS_SCHEMES:
        return [Problem(*where, Code.R033, f"lien « {scheme}: » interdit",
                        "Utilisez une adresse https://, ou recette:… / ambassadeur:… pour un lien interne.")]
    internal = internal_link(link.target)
    if internal is not None:
        kind, ident, _ = internal
        if ident not in names.get(kind, set()):
            return [Problem(*where, Code.R044, f"{'la recette' if kind == 'recette' else 'l’ambassadeur·rice'} "
                            f"« {ident} » n’existe pas", f"Écrivez {kind}: suivi d’un nom existant.")]
    elif scheme is not None and scheme not in _SAFE_SCHEMES:
        return [Problem(*where, Code.R044, f"type de lien « {scheme}: » inconnu",
                        "Liens permis : https://…, mailto:…, recette:nom-de-recette, ambassadeur:identifiant, "
                        "ou le chemin d’une autre page de docs/.")]
    return []
