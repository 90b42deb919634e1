"""Safe YAML reading with positions: every value keeps its line and column.

The document is composed (never constructed) by libyaml, then turned into plain Python values
with YAML 1.2 core rules, so YAML 1.1 surprises cannot change a value silently: ``non``, ``no``,
``on`` stay strings, bare dates stay strings, ``010`` is ten. Aliases are refused (no alias bomb
can expand), duplicate keys are reported, and every problem is located.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from recettes.core.french import number
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
    """Composes only. Tags are resolved later by our YAML 1.2 rules, so the resolver is trivial."""

    _DEFAULT: ClassVar[dict[type, str]] = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.resolver.BaseResolver.__init__(self)

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return self._DEFAULT[kind]

    def dispose(self) -> None:
        pass

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
_STD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "merge")
}

_SYNTAX_FR = {
"mapping values are not allowed in this context": "deux-points inattendu : une valeur contient « : » ? Mettez-la entre guillemets",
    "mapping values are not allowed here": "deux-points inattendu : une valeur contient « : » ?",
    "could not find expected ':'": "« : » attendu après une clé",
    "found character '\\t' that cannot start any token": "tabulation interdite",
    "expected <block end>, but found '-'": "élément de liste « - » mal indenté",
    "did not find expected key": "clé attendue : l’indentation est incohérente",
    "found undefined alias": "alias non défini",
    "expected a single document in the stream": "un seul document YAML est attendu (pas de « --- » supplémentaire)",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
    "did not find expected node content": "valeur attendue",
    "found unknown escape character": "caractère d’échappement inconnu entre guillemets",
}


@dataclass
class YamlDoc:
    """Plain data plus where each value and each key stands (1-based line, column)."""

    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    ambiguous: dict[Loc, str] = field(default_factory=dict)
    may_hold_markup: bool = False  # the text has a "<": worth looking for HTML in its strings

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
        return None, [Problem(shown, 1, 1, Code.R009, f"lecture impossible ({exc.strerror})",
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
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problems.append(Problem(shown, line, column, Code.R002,
                                f"octet {raw[exc.start]:#04x} invalide en UTF-8",
                                "Enregistrez le fichier en UTF-8 (et non en Latin-1 ou Windows-1252)."))
        return None, problems


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
    ]
    if tabs:
        return None, problems + tabs
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "erreur de syntaxe").strip()
        french = _SYNTAX_FR.get(problem, f"erreur de syntaxe ({problem})")
        problems.append(Problem(shown, line, column, Code.R001, french,
                                "Vérifiez l’indentation (espaces), les « : » après chaque clé et mettez "
                                "entre guillemets les textes qui contiennent « : » ou « # »."))
        return None, problems
    except yaml.YAMLError as exc:  # reader errors (control characters...)
        problems.append(Problem(shown, 1, 1, Code.R001, f"erreur de lecture YAML ({exc})",
                                "Retirez les caractères de contrôle invisibles du fichier."))
        return None, problems
    doc = YamlDoc(None, may_hold_markup="<" in text)
    if node is None:
        return doc, problems
    converter = _Converter(shown, doc, problems, keep_tags)
    doc.data = converter.convert(node, ())
    return doc, problems


class _Converter:
    def __init__(self, shown: str, doc: YamlDoc, problems: list[Problem], keep_tags: bool = False) -> None:
        self.keep_tags = keep_tags
        self.untagged: list[yaml.Node] = []
        self.shown = shown
        self.doc = doc
        self.problems = problems
        self.seen: set[int] = set()
        self.aliased: set[int] = set()

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
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
        if node.tag not in _STD_TAGS and self.keep_tags:
            plain = _Loader._DEFAULT[type(node)]
            inner = type(node)(plain, node.value, node.start_mark, node.end_mark)
            self.untagged.append(inner)  # alive till the end: ids of freed nodes are reused
            return Tagged(node.tag, self.convert(inner, loc))
        if node.tag not in _STD_TAGS:
            self.problems.append(Problem(self.shown, mark.line + 1, mark.column + 1, Code.R001,
                                         f"étiquette YAML « {node.tag} » non permise",
                                         "Retirez l’étiquette (le texte commençant par « ! »)."))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
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
            result[key] = self.convert(value_node, (*loc, key))
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
        return resolved


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar by YAML 1.2 core rules: null, true/false, integers (also 0o
    and 0x), floats, infinities and NaN; anything else stays text."""
    if value and value[0] not in _MAY_RESOLVE:
        return value
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
