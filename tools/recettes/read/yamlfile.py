"""Safe YAML reading with positions: every value keeps its line and column.

The document is composed (never constructed) by libyaml, then turned into plain Python values
with YAML 1.2 core rules, so YAML 1.1 surprises cannot change a value silently: ``non``, ``no``,
``on`` stay strings, bare dates stay strings, ``010`` is ten. Aliases are refused (no alias bomb
can expand), duplicate keys are reported, and every problem is located.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from recettes.core.characters import (
    forbidden_characters,
    limited,
    may_mix_scripts,
    nfc,
    without_forbidden,
)
from recettes.core.french import agree, number, os_reason
from recettes.core.problems import Code, Problem, Severity

try:  # libyaml is bundled with PyYAML wheels; fall back to the pure-Python parser.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _Loader(_Parser, yaml.resolver.BaseResolver):
    """Composes only. Tags are resolved later by our YAML 1.2 rules, so the resolver only marks
    nodes without a tag: every explicit tag (``!!str``, ``!!binary``, ``!x``, even ``!``) keeps
    another tag, and is refused."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.resolver.BaseResolver.__init__(self)

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        explicit = implicit == (False, False) if kind is yaml.ScalarNode else implicit is False
        return "!" if explicit else _IMPLICIT[kind]

    def dispose(self) -> None:
        pass


_IMPLICIT: dict[type, str] = {yaml.ScalarNode: "?str", yaml.SequenceNode: "?seq", yaml.MappingNode: "?map"}
_IMPLICIT_TAGS = frozenset(_IMPLICIT.values())

MAX_YAML_BYTES = 256 * 1024

Loc = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# Plain scalars that YAML 1.1 (and many tools) would read as something else than text.
# French oui/non/vrai/faux are no YAML booleans at all, but are written meaning one.
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|oui|Oui|OUI|non|Non|NON|vrai|Vrai|faux|Faux)$")
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")

# First characters of every plain scalar that may resolve to something else than text.
_MAY_RESOLVE = frozenset("0123456789+-.~nNtTfFyYoOvV")
MAX_YAML_DEPTH = 32
"""Nesting levels a YAML document may have (metadata needs five at most): deeper documents are
refused before any recursion could exhaust the stack."""
_MAX_NUMBER_CHARS = 64
SAFE_INTEGER = 2**53 - 1
"""The largest integer every JSON reader keeps exactly (JavaScript numbers are doubles)."""

_GENERIC_HINT = ("Vérifiez l’indentation (espaces), les « : » après chaque clé et mettez entre guillemets "
                 "les textes qui contiennent « : », « # », « [ » ou « { ».")
_QUOTE_HINT = "Mettez cette valeur entre guillemets : \"…\"."
_DIRECTIVE_LINE = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*(%)")
_DIRECTIVE = ("directive YAML « % » non permise", "Supprimez les lignes commençant par « % » : le guide lit du YAML simple.")
_BAD_TAG = ("étiquette YAML mal formée", "Retirez l’étiquette (le mot commençant par « ! »).")
_ANCHOR = ("nom d’ancre ou d’alias attendu après « & » ou « * »", _QUOTE_HINT)
_ESCAPE = ("séquence d’échappement \\x, \\u ou \\U incomplète entre guillemets",
           "Écrivez le caractère lui-même, ou mettez le texte entre apostrophes ' '.")
_TAB = ("tabulation dans l’indentation", "YAML n’accepte que des espaces pour indenter : remplacez la tabulation par des espaces.")
# libyaml's problems (scanner, parser, composer), each in French with a hint of the fix.
_PROBLEMS: dict[str, tuple[str, str]] = {
    "mapping values are not allowed in this context": (
        "deux-points inattendu : une valeur contient « : » ?",
        "Mettez le texte qui contient « : » entre guillemets, ou vérifiez l’indentation de la ligne."),
    "mapping values are not allowed here": (
        "deux-points inattendu : une valeur contient « : » ?",
        "Mettez le texte qui contient « : » entre guillemets, ou vérifiez l’indentation de la ligne."),
    "could not find expected ':'": ("« : » attendu après cette clé", "Écrivez « clé: valeur », ou mettez le texte entre guillemets."),
    "did not find expected key": ("clé attendue : l’indentation est incohérente", _GENERIC_HINT),
    "did not find expected '-' indicator": (
        "élément de liste « - » attendu : l’indentation est incohérente",
        "Alignez les éléments d’une liste, chacun sur une ligne commençant par « - »."),
    "did not find expected node content": ("valeur attendue", _GENERIC_HINT),
    "did not find expected <document start>": (
        "contenu inattendu après la fin du document",
        "Vérifiez l’indentation de cette ligne, et retirez « ... » ou un second bloc ; "
        "un texte qui commence par « [ » ou « { » s’écrit entre guillemets."),
    "but found another document": (
        "début d’un autre document YAML : une ligne « --- » de trop",
        "Un fichier ne contient qu’un document : supprimez cette ligne « --- » "
        "(dans recipe.md, l’en-tête est entre deux lignes « --- » seulement)."),
    "found undefined alias": ("alias « * » non défini", "Retirez « * », ou mettez le texte entre guillemets."),
    "second occurrence": ("ancre « & » définie deux fois", "Retirez les ancres (&nom) et alias (*nom)."),
    "found character that cannot start any token": ("caractère interdit en début de valeur", _QUOTE_HINT),
    "found unexpected end of stream": ("fin de fichier inattendue", "Fermez le guillemet ou le crochet ouvert."),
    "found unexpected document indicator": ("« --- » ou « ... » à l’intérieur d’un texte entre guillemets",
                                            "Fermez le guillemet avant cette ligne."),
    "found unknown escape character": ("caractère d’échappement inconnu entre guillemets",
                                       "Doublez la barre oblique inverse (\\\\) ou mettez le texte entre apostrophes ' '."),
    "did not find expected hexdecimal number": _ESCAPE,
    "found invalid Unicode character escape code": _ESCAPE,
    "found an indentation indicator equal to 0": ("indicateur d’indentation 0 après « | » ou « > »",
                                                  "Écrivez « | » seul, ou un chiffre de 1 à 9."),
    "found a tab character where an indentation space is expected": _TAB,
    "found a tab character that violates indentation": _TAB,
    "block sequence entries are not allowed in this context": ("élément de liste « - » inattendu ici", _GENERIC_HINT),
    "mapping keys are not allowed in this context": ("clé complexe « ? » inattendue ici", _QUOTE_HINT),
    "did not find expected comment or line break": ("fin de ligne attendue", _GENERIC_HINT),
    "did not find expected whitespace or line break": ("espace ou fin de ligne attendu", _GENERIC_HINT),
    "did not find expected alphabetic or numeric character": _ANCHOR,
    "found undefined tag handle": _BAD_TAG,
    "did not find expected '>'": _BAD_TAG,
    "did not find expected '!'": _BAD_TAG,
    "did not find URI escaped octet": _BAD_TAG,
    "found an incorrect leading UTF-8 octet": _BAD_TAG,
    "found an incorrect trailing UTF-8 octet": _BAD_TAG,
    "found duplicate %YAML directive": _DIRECTIVE,
    "found duplicate %TAG directive": _DIRECTIVE,
    "found incompatible YAML document": _DIRECTIVE,
    "found unknown directive name": _DIRECTIVE,
    "found unexpected non-alphabetical character": _DIRECTIVE,
    "could not find expected directive name": _DIRECTIVE,
    "did not find expected digit or '.' character": _DIRECTIVE,
    "found extremely long version number": _DIRECTIVE,
    "control characters are not allowed": ("caractère de contrôle invisible", "Supprimez-le."),
}
# Constructs left open: the error is reported where they open (the bracket, the quote, the
# key), since that is what the author has to close; libyaml reports where it gave up.
_OPENED: dict[str, tuple[str, str]] = {
    "while parsing a flow sequence": ("crochet « [ » ouvert ici et jamais fermé (ou virgule manquante)",
                                      "Fermez la liste par « ] » et séparez ses éléments par des virgules ; "
                                      "un texte qui contient « [ » s’écrit entre guillemets."),
    "while parsing a flow mapping": ("accolade « { » ouverte ici et jamais fermée (ou virgule manquante)",
                                     "Fermez le groupe par « } » et séparez ses clés par des virgules ; "
                                     "un texte qui contient « { » s’écrit entre guillemets."),
    "while scanning a quoted scalar": ("guillemet ouvert ici et jamais fermé",
                                       "Fermez le texte par le même guillemet (\" ou ') ; pour un guillemet "
                                       "dans le texte, écrivez \\\" entre \" \" ou '' entre ' '."),
    "while scanning a simple key": ("« : » attendu après cette clé",
                                    "Écrivez « clé: valeur » ; une clé tient sur une ligne."),
}


def syntax_problem(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    """libyaml's error in French, at the place the author has to fix."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if problem == "exceeded maximum nesting depth":
        mark = exc.problem_mark or exc.context_mark
        return _too_deep(shown, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1)
    opened = _OPENED.get(context)
    if opened is not None and exc.context_mark is not None:
        mark = exc.context_mark
        message, hint = opened
        if exc.problem_mark is not None and exc.problem_mark.line != mark.line:
            message += f" (constaté ligne {exc.problem_mark.line + 1})"
    else:
        mark = exc.problem_mark or exc.context_mark
        message, hint = next((french for english, french in _PROBLEMS.items() if problem.startswith(english)),
                             ("erreur de syntaxe YAML", _GENERIC_HINT))
        closing = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
        if closing in ("]", "}") and problem.startswith(("did not find expected", "expected")):
            opening = "[" if closing == "]" else "{"
            message, hint = (f"« {closing} » fermant sans « {opening} » ouvrant",
                             f"Retirez ce « {closing} » en trop ; un texte qui contient « {closing} » s’écrit "
                             "entre guillemets.")
        if problem == "found character that cannot start any token" and mark is not None:
            char = text[mark.index] if 0 <= mark.index < len(text) else ""
            message = f"caractère « {char} » interdit en début de valeur" if char.strip() else message
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(shown, line, column, Code.R001, message, hint)


@dataclass
class YamlDoc:
    """Plain data plus where each value and each key stands (1-based line, column)."""

    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    ambiguous: dict[Loc, str] = field(default_factory=dict)
    written: dict[Loc, str] = field(default_factory=dict)
    """The source text of each plain scalar read as a number, boolean or null (``01200``, ``true``):
    messages quote what was typed, not the converted value."""
    reported: set[Loc] = field(default_factory=set)
    """Places whose value the reader already refused (a number it cannot keep...): the schema's
    own complaint there would say the same thing again."""
    may_hold_markup: bool = False  # the text has a "<": worth looking for HTML in its strings
    may_mix_scripts: bool = False  # the text has a Greek or Cyrillic letter: worth looking for homoglyphs

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Position of ``loc``, or of its nearest located ancestor."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        if key and loc in self.values:
            return self.values[loc]
        while loc:
            loc = loc[:-1]
            if loc in self.values:
                return self.values[loc]
        return (1, 1)


def read_yaml(path: Path, shown: str, *, max_bytes: int = MAX_YAML_BYTES,
              regular: bool = False) -> tuple[YamlDoc | None, list[Problem]]:
    """Read one YAML file; return the document (or None) and every problem found.

    ``regular`` says the caller already knows the path is a regular file, not a symlink.
    """
    raw, problems = read_limited(path, shown, max_bytes, regular=regular, hint=_TOO_BIG_YAML)
    if raw is None:
        return None, problems
    text, problems = decode_text(raw, shown)
    if text is None:
        return None, problems
    return parse_yaml(text, shown, problems)


_TOO_BIG_YAML = ("Les métadonnées tiennent en quelques lignes : déplacez le texte long dans les "
                 "sections de la recette et les images dans media/.")


_CHUNK = 64 * 1024


def read_limited(path: Path, shown: str, max_bytes: int, *, regular: bool = False,
                 hint: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, refusing symlinks and files over ``max_bytes`` without reading them whole."""
    try:
        if not regular and path.is_symlink():
            return None, [_symlink(shown)]
        # Plain os calls: open, read, close — a third of the system calls of open() (which also
        # stats, seeks and checks for a terminal), and system calls are what reading 50,000
        # small files costs.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) * (not regular))
        try:
            chunks = [os.read(fd, _CHUNK)]
            total = len(chunks[0])
            while chunks[-1] and total <= max_bytes:
                chunks.append(os.read(fd, _CHUNK))
                total += len(chunks[-1])
            if total > max_bytes:
                size = os.fstat(fd).st_size
                return None, [Problem(shown, 1, 1, Code.R006,
                                      f"le fichier fait {_bytes(size)}, au-delà de la limite de {_bytes(max_bytes)}",
                                      hint)]
        finally:
            os.close(fd)
        return b"".join(chunks), []
    except OSError as exc:
        return None, [Problem(shown, 1, 1, Code.R009, f"lecture impossible ({os_reason(exc)})",
                              "Vérifiez que le fichier existe et qu’il est lisible.")]


def decode_text(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without BOM; a BOM is a warning, invalid UTF-8 an error at its place."""
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(Problem(shown, 1, 1, Code.R008, "le fichier commence par une marque BOM",
                                "Enregistrez le fichier en « UTF-8 » sans BOM (option de votre éditeur).",
                                Severity.WARNING))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problems.append(Problem(shown, line, column, Code.R002,
                                f"octet {raw[exc.start]:#04x} invalide en UTF-8",
                                "Enregistrez le fichier en UTF-8 (et non en Latin-1 ou Windows-1252)."))
        return None, problems
    return clean_text(text, shown, problems)


def clean_text(text: str, shown: str, problems: list[Problem] | None = None) -> tuple[str, list[Problem]]:
    """Contributed text as the handbook reads it: invisible and control characters reported
    (each at its place, naming its code point) and removed, then normalised to NFC."""
    problems = list(problems or [])
    found, more = limited(forbidden_characters(text))
    for each in found:
        problems.append(Problem(shown, each.line, each.column, Code.R120,
                                f"caractère invisible {each.label} refusé",
                                "Supprimez-le (retapez le mot ou copiez-le depuis un texte brut) : "
                                "invisible à l’écran, il peut changer l’ordre ou le sens de ce que l’on lit."))
    if found:
        if more:
            problems.append(Problem(shown, found[-1].line, found[-1].column, Code.R120,
                                    f"et {number(more)} {agree(more, 'autre caractère invisible', 'autres caractères invisibles')} dans ce fichier",
                                    "Enregistrez le texte sans mise en forme (texte brut), puis relancez."))
        text = without_forbidden(text)
    return nfc(text), problems


@dataclass(frozen=True)
class Tagged:
    """A value written with a tag (``!ENV NAME``, ``!!python/name:mod.f``), kept only when
    ``parse_yaml(keep_tags=True)``: ``tag`` as libyaml expands it, ``value`` read as if untagged."""

    tag: str
    value: Any


def parse_yaml(text: str, shown: str, problems: list[Problem] | None = None, *,
               keep_tags: bool = False) -> tuple[YamlDoc | None, list[Problem]]:
    """Compose ``text`` and convert it to plain values (see the module); every problem located.
    Tags are refused (R001), or with ``keep_tags`` returned as ``Tagged`` values for the caller
    to judge (the build configuration's ``!ENV``, ``!relative``, ``!!python/…``): never run."""
    problems = list(problems or [])
    tabs = [
        Problem(shown, n, line.index("\t") + 1, Code.R005, "tabulation dans l’indentation",
                "YAML n’accepte que des espaces pour indenter : remplacez la tabulation par des espaces.")
        for n, line in enumerate(text.splitlines(), 1)
        if "\t" in line[: len(line) - len(line.lstrip())]
    ] if "\t" in text else []
    if tabs:
        return None, problems + tabs
    directive = _DIRECTIVE_LINE.match(text)
    if directive is not None:  # %YAML 1.1 would promise the other rules; %TAG invents tags
        line = text.count("\n", 0, directive.start(1)) + 1
        message, hint = _DIRECTIVE
        return None, [*problems, Problem(shown, line, 1, Code.R001, message, hint)]
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        problems.append(syntax_problem(exc, shown, text))
        return None, problems
    except yaml.YAMLError:  # reader errors: control characters (when not cleaned beforehand)
        found = next(forbidden_characters(text), None)
        line, column = (found.line, found.column) if found else (1, 1)
        label = found.label if found else "de contrôle"
        problems.append(Problem(shown, line, column, Code.R120, f"caractère invisible {label} refusé",
                                "Retirez les caractères de contrôle invisibles du fichier."))
        return None, problems
    except RecursionError:  # pragma: no cover - the pure-Python composer, without libyaml
        problems.append(_too_deep(shown, 1, 1))
        return None, problems
    doc = YamlDoc(None, may_hold_markup="<" in text, may_mix_scripts=may_mix_scripts(text))
    if node is None:
        return doc, problems
    converter = _Converter(shown, doc, problems, text if "!" in text else None, keep_tags)
    doc.data = converter.convert(node, ())
    return doc, problems


class _Converter:
    def __init__(self, shown: str, doc: YamlDoc, problems: list[Problem], text: str | None = None,
                 keep_tags: bool = False) -> None:
        self.text = text  # only when it holds a « ! »: the non-specific tag leaves no other trace
        self.keep_tags = keep_tags
        self.untagged: list[yaml.Node] = []
        self.shown = shown
        self.doc = doc
        self.problems = problems
        self.seen: set[int] = set()
        self.aliased: set[int] = set()
        self.too_deep = False

    def convert(self, node: yaml.Node, loc: Loc, depth: int = 1, kept_tag: bool = False) -> Any:
        mark = node.start_mark
        self.doc.values[loc] = (mark.line + 1, mark.column + 1)
        if id(node) in self.seen:
            if id(node) in self.aliased:
                return None
            self.aliased.add(id(node))
            self.problems.append(Problem(self.shown, mark.line + 1, mark.column + 1, Code.R004,
                                         "cette valeur est réutilisée par un alias YAML (&ancre / *alias)",
                                         "Recopiez la valeur au lieu d’utiliser une ancre et un alias."))
            return None
        self.seen.add(id(node))
        if self.keep_tags and node.tag not in _IMPLICIT_TAGS:
            inner = type(node)(_IMPLICIT[type(node)], node.value, node.start_mark, node.end_mark)
            self.untagged.append(inner)  # alive till the end: ids of freed nodes are reused
            return Tagged(node.tag, self.convert(inner, loc, depth, kept_tag=True))
        if node.tag not in _IMPLICIT_TAGS or (self.text is not None and isinstance(node, yaml.ScalarNode)
                                              and not kept_tag and _bang(self.text, mark.index)):
            self.problems.append(_tag_problem(self.shown, node))
            self.doc.reported.add(loc)
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if depth > MAX_YAML_DEPTH:
            if not self.too_deep:
                self.too_deep = True
                self.problems.append(_too_deep(self.shown, mark.line + 1, mark.column + 1))
            self.doc.reported.add(loc)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        return [self.convert(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            if isinstance(key_node, yaml.ScalarNode) and (
                    key_node.tag not in _IMPLICIT_TAGS or (self.text is not None and _bang(self.text, kmark.index))):
                self.problems.append(_tag_problem(self.shown, key_node))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.shown, kmark.line + 1, kmark.column + 1, Code.R001,
                                             "clé non textuelle ou fusion « << » non permise",
                                             "Écrivez une clé simple suivie de « : »."))
                continue
            key = key_node.value
            if key in result:
                first = self.doc.keys[(*loc, key)]
                self.problems.append(Problem(self.shown, kmark.line + 1, kmark.column + 1, Code.R003,
                                             f"la clé « {key} » est déjà définie ligne {first[0]}",
                                             "Gardez une seule fois cette clé : la seconde écraserait la première."))
                continue
            self.doc.keys[(*loc, key)] = (kmark.line + 1, kmark.column + 1)
            result[key] = self.convert(value_node, (*loc, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        value = node.value
        if node.style:  # quoted or block scalar: always text (libyaml marks plain as "")
            return value
        if value and value[0] not in _MAY_RESOLVE:  # fast path: ordinary text
            return value
        resolved = resolve_plain(value)
        if isinstance(resolved, str):
            if _YAML11_BOOL.match(value):
                self.doc.ambiguous[loc] = "bool"
            elif _DATE.match(value):
                self.doc.ambiguous[loc] = "date"
            elif _SEXAGESIMAL.match(value):
                self.doc.ambiguous[loc] = "sexagesimal"
            elif len(value) > _MAX_NUMBER_CHARS and _looks_numeric(value):
                return self._refuse(node, loc, f"nombre de {number(len(value))} caractères, trop long")
            return resolved
        self.doc.written[loc] = value
        if isinstance(resolved, bool) or resolved is None:
            return resolved
        if isinstance(resolved, float) and not math.isfinite(resolved):
            what = "indéfini (NaN)" if math.isnan(resolved) else "infini"
            return self._refuse(node, loc, f"nombre {what} « {value} » non permis")
        if isinstance(resolved, int) and abs(resolved) > SAFE_INTEGER:
            return self._refuse(node, loc, f"nombre « {_clip(value)} » trop grand pour être publié exactement "
                                f"(au plus {number(SAFE_INTEGER)} en valeur absolue)")
        if _rewritten(value, resolved):
            mark = node.start_mark
            canonical = repr(resolved)
            self.problems.append(Problem(
                self.shown, mark.line + 1, mark.column + 1, Code.R124,
                f"le nombre « {value} » serait publié {canonical}",
                f"Écrivez {canonical} si c’est ce nombre ; si c’est un texte (code postal, numéro…), "
                f"mettez-le entre guillemets : \"{value}\"."))
            self.doc.reported.add(loc)
        return resolved

    def _refuse(self, node: yaml.ScalarNode, loc: Loc, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(
            self.shown, mark.line + 1, mark.column + 1, Code.R123, message,
            "Les données ouvertes (JSON) ne gardent que des nombres finis d’au plus 15 chiffres ; "
            "si c’est un texte, mettez-le entre guillemets."))
        self.doc.reported.add(loc)
        return None


def _bang(text: str, index: int) -> bool:
    """The scalar starting at ``index`` has the non-specific tag « ! » (after its anchor, if any):
    libyaml composes it as if there were no tag (collections keep the tag « ! »)."""
    head = text[index:index + 256]
    if head.startswith("&"):
        parts = head.split(None, 1)
        head = parts[1] if len(parts) > 1 else ""
    return head.startswith("!")


def _rewritten(written: str, resolved: int | float) -> bool:
    """The published number would not read as the typed one: leading zeros (``01200``, which
    YAML 1.1 readers take for octal 640), octal or hexadecimal notation, or decimals beyond
    what a double keeps. Trailing zeros (``48.5700``) and exponents name the same number."""
    if isinstance(resolved, int):
        return written.removeprefix("+") != str(resolved)
    try:
        return Decimal(written) != Decimal(repr(resolved))
    except InvalidOperation:  # pragma: no cover - the float pattern admits only decimal forms
        return True


def _looks_numeric(value: str) -> bool:
    return bool(_INT.match(value) or _FLOAT.match(value) or _OCT.match(value) or _HEX.match(value))


def _clip(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[:size] + "…"


def _tag_problem(shown: str, node: yaml.Node) -> Problem:
    tag = "!" if node.tag in _IMPLICIT_TAGS else node.tag
    written = "!!" + tag[len(_STD_PREFIX):] if tag.startswith(_STD_PREFIX) else tag
    mark = node.start_mark
    return Problem(shown, mark.line + 1, mark.column + 1, Code.R001,
                   f"étiquette YAML « {_clip(written)} » non permise",
                   "Retirez l’étiquette (le mot commençant par « ! ») : le guide lit chaque valeur telle "
                   "qu’elle est écrite ; pour un texte, mettez-le entre guillemets.")


_STD_PREFIX = "tag:yaml.org,2002:"


def _too_deep(shown: str, line: int, column: int) -> Problem:
    return Problem(shown, line, column, Code.R125,
                   f"imbrication trop profonde : plus de {MAX_YAML_DEPTH} niveaux de listes ou de groupes de clés",
                   "Les métadonnées n’ont que quelques niveaux (territory: puis place:) : "
                   "vérifiez les crochets [ ] et { } et l’indentation.")


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar by YAML 1.2 core rules: null, true/false, integers (also 0o
    and 0x), floats, infinities and NaN; anything else stays text."""
    if (value and value[0] not in _MAY_RESOLVE) or len(value) > _MAX_NUMBER_CHARS:
        return value  # too long to be a number worth converting: the reader refuses it (R123)
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def _symlink(shown: str) -> Problem:
    return Problem(shown, 1, 1, Code.R007, "lien symbolique refusé",
                   "Remplacez le lien symbolique par le fichier lui-même, dans le dossier de la recette.")


def _bytes(size: int) -> str:
    """A size in French typography: 52 428 798 octets (narrow no-break spaces)."""
    return f"{number(size)} octets"


# One top-level key of an ordinary file, found without composing the whole document: git history
# reads the ``version`` of every recipe.yml ever committed (20,000 blobs for 10,000 recipes with
# two versions), and composing each costs ~150 µs against a few µs for this line (measured on
# the corpus). Anything unusual goes to the full reader, and plain values resolve by the same
# rules (``resolve_plain``), so both always agree.
_SIMPLE_VALUE = re.compile(
    r"""[ \t]*:[ \t]+(?:"([^"\\\n]*)"|'([^'\n]*)'|([A-Za-z0-9][A-Za-z0-9.+_-]*))(?:[ \t]+\#.*|[ \t]*)\r?$""")
_UNUSUAL = re.compile(r"^(?:[{\[&*!%]|---|\.\.\.)", re.MULTILINE)


def top_level_value(text: str, key: str) -> tuple[Any, int, int] | None:
    """The value of top-level ``key`` with its 1-based line and column; ``(None, 1, 1)`` when the
    document is a mapping without that key; None when it is not a readable mapping.
    Same answer as ``parse_yaml``, which it calls for anything but one ``key: value`` line."""
    if not _UNUSUAL.search(text):
        found = list(re.finditer(rf"^{re.escape(key)}(?=[ \t]*:)", text, re.MULTILINE))
        if len(found) == 1:
            start = found[0].end()
            end = text.find("\n", start)
            match = _SIMPLE_VALUE.match(text, start, end if end >= 0 else len(text))
            if match is not None:
                group = next(g for g in (1, 2, 3) if match.group(g) is not None)
                value = match.group(group) if group < 3 else resolve_plain(match.group(3))
                column = match.start(group) - (group < 3) - text.rfind("\n", 0, start)  # a quote starts it
                return value, text.count("\n", 0, start) + 1, column
    doc, _ = parse_yaml(text, "")
    if doc is None or not isinstance(doc.data, dict):
        return None
    if key not in doc.data:
        return None, 1, 1
    line, column = doc.position((key,))
    return doc.data[key], line, column


def strings_of(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string of converted YAML ``data`` with its place (keys and list indexes), for
    checks that read all texts of a document (markup, mixed scripts, contact details)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings_of(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_of(value, (*loc, index))
    elif isinstance(data, str):
        yield loc, data
