"""HeadingTable: where the text under each heading of a fiche goes (``headings.yml``, shipped,
completed or corrected by a repository's ``import-headings.yml``), and which titles are
template placeholders.

The table is data, not code, so that a network edits it without a release: each destination
lists the headings that lead to it. Headings are compared folded (``heading_key``): accents,
case, numbering (« 2. », « II - »), bold, trailing « : » and « ? » aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from recettes.core.characters import nfc
from recettes.core.french import fold
from recettes.core.problems import Code, Problem
from recettes.read.markdown import HTML_TAG

OVERRIDE_FILE = "import-headings.yml"
"""A repository's own additions to the table, at its root (same form as ``headings.yml``)."""

SECTION_TARGETS = ("context", "how-to", "obstacles", "enablers", "reproducibility")
RESOURCE_TARGETS = ("people", "duration", "budget")
TARGETS = frozenset({*SECTION_TARGETS, *RESOURCE_TARGETS, "summary", "practical", "sources", "links", "names",
                     "categories", "container"})

_NUMBERING = re.compile(
    r"^(?:\(?\d{1,3}(?:\.\d{1,3})*\.?\)?(?:\s*[-–—:])?(?=\s)|(?-i:[IVXLC]{1,6})(?:[.)]|\s+[-–—])|[a-z][.)]|"
    r"étape\s+\d+\s*[-–—:.)]?)\s*", re.IGNORECASE)
_NUMBERED = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*(?:[.)]|\s*[-–—:])|(?-i:[IVXLC]{1,6})(?:[.)]|\s+[-–—])|"
                       r"étape\s+\d+\s*[-–—:.)])\s+", re.IGNORECASE)
"""Numbering people type before a heading (« 2. », « 3) », « II - », « Étape 2 : »): the handbook
numbers steps itself. Stricter than ``_NUMBERING``: « 10 conseils » keeps its number."""
_MAX_TITLE = 1000
"""Characters of a heading looked at: no title is longer, and the patterns below are quadratic."""
TAGS = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.DOTALL)
"""A whole HTML tag or comment, removed from imported text (its text content is kept)."""


def defuse(text: str, replacement: str) -> str:
    """``text`` with every « < » that would open raw HTML for the validator (``HTML_TAG`` of
    ``read.markdown``, the same rule) replaced: ``&lt;`` in Markdown, « ‹ » in metadata."""
    return HTML_TAG.sub(lambda match: replacement + match.group(0)[1:], text) if "<" in text else text
_MARKS = re.compile(r"(\*\*|__|\*|_)(.+?)\1")


def clean_heading(title: str) -> str:
    """A heading as readers should see it: HTML tags (their text kept), bold and emphasis marks,
    numbering, trailing « : » and closing spaces removed (« 2. **Timing** : » -> « Timing »)."""
    text = TAGS.sub("", nfc(title[:_MAX_TITLE])).replace("\u00a0", " ").replace("\u202f", " ").strip()
    previous = None
    while previous != text:
        previous = text
        text = _MARKS.sub(r"\2", text).strip()
        text = text.rstrip("\u00a0:").strip()
        if len(text) > 4 and text[:2] in ("**", "__") and text[-2:] == text[:2]:
            text = text[2:-2].strip()
        stripped = _NUMBERED.sub("", text)
        text = stripped if stripped.strip() else text
    return " ".join(text.split())


def heading_key(title: str) -> str:
    """The folded form headings are compared in: « 2. **Déroulé** : » -> « deroule »."""
    text = clean_heading(title).replace("’", "'").replace("`", "'")
    text = _NUMBERING.sub("", text)
    return " ".join(fold(text).split()).rstrip(" :?!.").strip()


@dataclass
class HeadingTable:
    """Heading key -> destination; prefixes (« Déroulé… ») tried after exact keys, longest
    first; resource keys of « key : value » lines; placeholder titles."""

    exact: dict[str, str] = field(default_factory=dict)
    prefixes: list[tuple[str, str]] = field(default_factory=list)
    resources: dict[str, str] = field(default_factory=dict)
    placeholders: frozenset[str] = frozenset()

    def target(self, heading: str) -> str | None:
        """The destination of ``heading`` (see ``headings.yml``), or None when unmapped."""
        key = heading_key(heading)
        if key in self.exact:
            return self.exact[key]
        return next((target for prefix, target in self.prefixes if key.startswith(prefix)), None)

    def resource(self, key: str) -> str | None:
        return self.resources.get(heading_key(key))

    def is_placeholder(self, title: str) -> bool:
        return heading_key(title) in self.placeholders

    def add(self, data: object, shown: str) -> list[Problem]:
        """Merge one table (``headings.yml`` form); later entries win. Problems for bad shapes."""
        if not isinstance(data, dict):
            return [Problem(shown, 1, 1, Code.R200, "table des titres illisible\u00a0: un dictionnaire est attendu",
                            "Reprenez la forme de headings.yml\u00a0: «\u00a0headings:\u00a0», «\u00a0resources:\u00a0», «\u00a0placeholders:\u00a0».")]
        problems: list[Problem] = []
        shapes = (("headings", dict), ("resources", dict), ("placeholders", list))
        for key, kind in shapes:
            if not isinstance(data.get(key) or kind(), kind):
                problems.append(Problem(shown, 1, 1, Code.R200, f"«\u00a0{key}\u00a0» de forme inattendue",
                                        "Reprenez la forme de headings.yml, livré avec l’outil."))
                return problems
        for target, titles in (data.get("headings") or {}).items():
            if target not in TARGETS or not isinstance(titles, list):
                problems.append(Problem(shown, 1, 1, Code.R200, f"destination «\u00a0{target}\u00a0» inconnue",
                                        "Destinations possibles\u00a0: " + ", ".join(sorted(TARGETS)) + "."))
                continue
            for title in titles:
                self._put(str(title), target)
        for target, keys in (data.get("resources") or {}).items():
            if target in RESOURCE_TARGETS and isinstance(keys, list):
                self.resources.update({heading_key(str(k)): target for k in keys})
        self.placeholders = self.placeholders | {heading_key(str(t)) for t in data.get("placeholders") or []}
        self.prefixes.sort(key=lambda pair: -len(pair[0]))
        return problems

    def _put(self, title: str, target: str) -> None:
        if title.rstrip().endswith(("…", "...")):
            key = heading_key(title.rstrip().rstrip(".…"))
            self.prefixes = [(p, t) for p, t in self.prefixes if p != key] + [(key, target)]
        else:
            self.exact[heading_key(title)] = target


def load_table(root: Path | None) -> tuple[HeadingTable, list[Problem]]:
    """The shipped table, completed by ``root/import-headings.yml`` when it exists."""
    table = HeadingTable()
    shipped = resources.files("recettes.scaffold.importing").joinpath("headings.yml").read_text(encoding="utf-8")
    problems = table.add(yaml.safe_load(shipped), "headings.yml")
    override = root / OVERRIDE_FILE if root is not None else None
    if override is not None and override.is_file():
        try:
            data = yaml.safe_load(override.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
            return table, [*problems, Problem(OVERRIDE_FILE, line, 1, Code.R200, f"{OVERRIDE_FILE} illisible ({type(error).__name__})", "Corrigez le fichier\u00a0: il reprend la forme de headings.yml.")]
        problems += table.add(data, OVERRIDE_FILE)
    return table, problems
