"""The build configuration (``mkdocs.yml``) reviewed as code: what it may enable without a
maintainer's say (R111), and the maintainers' allow-list of exceptions (R114).

``mkdocs build`` runs what ``mkdocs.yml`` names: hooks (Python files), plugins and Markdown
extensions (Python packages), ``!!python/name:`` values (any function), and it reads the files
its paths point at (``INHERIT``, ``docs_dir``, ``theme.custom_dir``, ``pymdownx.snippets``). A
change to it can therefore run code in CI or publish a file from outside the repository. This
module refuses, with located French problems, everything beyond the handbook's needs unless
``ALLOW_LIST`` (owned by the maintainers in ``.github/CODEOWNERS``) permits it; the review rule
is documented in ``docs/contribuer.md``.

The file is composed and converted by ``read.yamlfile`` (never constructed): ``!ENV`` and
``!relative`` are read as tagged values, and no tag ever runs anything. Plain functions of the
text and the file tree; the build itself is never started.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recettes.core.problems import Code, Problem, Severity
from recettes.read.load import AMBASSADORS_DIR, RECIPES_DIR
from recettes.read.yamlfile import Tagged, YamlDoc, decode_text, parse_yaml, read_limited

CONFIG_FILE = "mkdocs.yml"
ALLOW_LIST = ".recettes/configuration-permise.yml"
"""The maintainers' exceptions; ``.github/CODEOWNERS`` makes them its owners."""

PLUGINS = frozenset({"recettes", "tags", "search", "material/tags", "material/search"})
"""Plugins the handbook needs; any other is Python code chosen by whoever edits mkdocs.yml."""
MARKDOWN_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "sane_lists", "tables", "toc",
    "pymdownx.betterem", "pymdownx.caret", "pymdownx.details", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark", "pymdownx.smartsymbols",
    "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
})
"""Extensions that only shape Markdown: none reads a file, runs a command or takes raw HTML."""
INCLUDING_EXTENSIONS = frozenset({"pymdownx.snippets", "markdown_include.include", "mdx_include"})
"""Extensions that copy other files into pages: never on the list, whatever the allow-list says
about other extensions, unless named there explicitly."""
THEMES = frozenset({"material"})
GUARDED_KEYS = {
    "INHERIT": "fait lire une autre configuration, qui peut être hors du dépôt",
    "hooks": "exécute des fichiers Python à chaque construction",
    "extra_templates": "fait interpréter des gabarits Jinja qui lisent la configuration",
    "extra.analytics": "ajoute le script de mesure d’audience d’un service externe",
}
"""Keys refused unless the allow-list names them (in ``keys``), and why."""
_PATH_KEYS = (("docs_dir",), ("site_dir",), ("theme", "custom_dir"))
_FORBIDDEN_DIRS = (RECIPES_DIR, AMBASSADORS_DIR, ".git")
_TEXT_KEYS = ("site_name", "site_description", "site_author", "copyright")
_URL_KEYS = ("site_url", "repo_url", "edit_uri")
_HTML = re.compile(r"<[A-Za-z!/]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):|^//")
_PYTHON_TAG = "tag:yaml.org,2002:python/"
_ALLOW_LIST_KEYS = ("plugins", "markdown_extensions", "python", "env", "external", "themes", "keys")
_FIX = ("Si c’est voulu, un·e mainteneur·euse l’ajoute à " + ALLOW_LIST + " (voir « Relecture de la "
        "configuration » dans docs/contribuer.md).")


@dataclass
class AllowList:
    """The maintainers' exceptions, each a list of names (see ``_ALLOW_LIST_KEYS``)."""

    names: dict[str, frozenset[str]] = field(default_factory=dict)

    def permits(self, kind: str, name: str) -> bool:
        return name in self.names.get(kind, frozenset())


@dataclass
class BuildConfig:
    """What the check read: the problems, and the folder of hand-written pages it allows."""

    problems: list[Problem]
    docs_dir: Path
    data_licence: str | None = None  # the recettes plugin's ``data_licence`` option, if written


def check_build_config(root: Path, config_file: Path | None = None) -> BuildConfig:
    """Review ``config_file`` (by default ``root/mkdocs.yml``) against the rules above and
    ``root/ALLOW_LIST``.

    Returns every problem at once (R001-R009 for unreadable YAML, R111, R114) and the docs folder
    (``docs/`` when the file is absent, unreadable or points outside the repository).
    """
    root = root.resolve()
    allow, problems = _allow_list(root)
    docs = root / "docs"
    path = config_file or root / CONFIG_FILE
    shown = path.name if path.resolve().parent == root else path.as_posix()
    doc, read = _read(path, shown)
    problems += read
    if doc is None or not isinstance(doc.data, dict):
        return BuildConfig(problems, docs)
    review = _Review(root, doc, allow, shown)
    review.run()
    problems += review.problems
    return BuildConfig(problems, review.docs_dir or docs, review.data_licence)


def _read(path: Path, shown: str) -> tuple[YamlDoc | None, list[Problem]]:
    if not path.is_file() and not path.is_symlink():
        return None, []
    raw, problems = read_limited(path, shown, 256 * 1024, hint="Une configuration tient en quelques centaines de lignes.")
    if raw is None:
        return None, problems
    text, decoded = decode_text(raw, shown)
    problems += decoded
    if text is None:
        return None, problems
    doc, parsed = parse_yaml(text, shown, keep_tags=True)
    return doc, problems + parsed


def _allow_list(root: Path) -> tuple[AllowList, list[Problem]]:
    doc, problems = _read(root / ALLOW_LIST, ALLOW_LIST)
    allow = AllowList()
    if doc is None or doc.data is None:
        return allow, problems
    if not isinstance(doc.data, dict):
        return allow, [*problems, Problem(ALLOW_LIST, 1, 1, Code.R114, "la liste d’autorisation n’est pas un groupe de clés",
                                          f"Écrivez des clés parmi {', '.join(_ALLOW_LIST_KEYS)}, chacune suivie d’une liste de noms.")]
    for key, value in doc.data.items():
        line, column = doc.position((key,), key=True)
        if key not in _ALLOW_LIST_KEYS:
            problems.append(Problem(ALLOW_LIST, line, column, Code.R114, f"clé « {key} » inconnue",
                                    f"Clés possibles{chr(0xa0)}: {', '.join(_ALLOW_LIST_KEYS)}."))
        elif not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            line, column = doc.position((key,))
            problems.append(Problem(ALLOW_LIST, line, column, Code.R114, f"« {key} » doit être une liste de noms",
                                    f"Par exemple{chr(0xa0)}: {key}: [nom-permis]"))
        else:
            allow.names[key] = frozenset(value)
    return allow, problems


class _Review:
    """One pass over the configuration's data; each rule adds its located problems."""

    def __init__(self, root: Path, doc: YamlDoc, allow: AllowList, shown: str) -> None:
        self.root, self.doc, self.allow, self.shown = root, doc, allow, shown
        self.data: dict[str, Any] = doc.data
        self.problems: list[Problem] = []
        self.docs_dir: Path | None = None
        self.data_licence: str | None = None

    def refuse(self, loc: tuple[str | int, ...], message: str, hint: str, *, key: bool = False) -> None:
        line, column = self.doc.position(loc, key=key)
        self.problems.append(Problem(self.shown, line, column, Code.R111, message, hint, Severity.ERROR))

    def run(self) -> None:
        self.tags(self.data, ())
        for dotted, why in GUARDED_KEYS.items():
            loc = tuple(dotted.split("."))
            if _get(self.data, loc) is not None and not self.allow.permits("keys", dotted):
                self.refuse(loc, f"« {dotted} » {why}", f"Retirez cette clé. {_FIX}", key=True)
        self.named("plugins", PLUGINS, "greffon", "un greffon est du code Python exécuté à la construction")
        self.named("markdown_extensions", MARKDOWN_EXTENSIONS, "extension Markdown",
                   "une extension est du code Python exécuté sur chaque page")
        self.theme()
        self.paths()
        self.assets()
        self.texts()

    def tags(self, value: Any, loc: tuple[str | int, ...]) -> None:
        """``!!python/…`` names code to run; ``!ENV`` copies an environment variable (CI secrets
        too) into the site; other tags mean nothing to us. ``!relative`` is a plain path."""
        if isinstance(value, Tagged):
            tag = value.tag
            if tag.startswith(_PYTHON_TAG):
                name = tag.removeprefix(_PYTHON_TAG).partition(":")[2]
                if not self.allow.permits("python", name):
                    self.refuse(loc, f"étiquette « !!{tag.removeprefix('tag:yaml.org,2002:')} » : "
                                "elle désigne du code Python à exécuter", f"Retirez-la. {_FIX}")
            elif tag == "!ENV":
                # !ENV NAME, or !ENV [NAME, OTHER, default]: the last of several is a default value
                names = value.value if isinstance(value.value, list) else [value.value]
                for name in names[:-1] if len(names) > 1 else names:
                    if not self.allow.permits("env", str(name)):
                        self.refuse(loc, f"« !ENV {name} » : la variable d’environnement serait publiée "
                                    "(celles de l’intégration continue contiennent des secrets)",
                                    f"Écrivez la valeur elle-même. {_FIX}")
            elif tag != "!relative":
                self.refuse(loc, f"étiquette YAML « {tag} » non permise", "Retirez l’étiquette (le texte commençant par « ! »).")
            self.tags(value.value, loc)
        elif isinstance(value, dict):
            for key, item in value.items():
                self.tags(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.tags(item, (*loc, index))

    def named(self, key: str, allowed: frozenset[str], what: str, why: str) -> None:
        for name, loc in _entries(self.data.get(key), (key,)):
            short = name.removeprefix("markdown.extensions.") if key == "markdown_extensions" else name
            if self.allow.permits(key, name) or (short in allowed and short not in INCLUDING_EXTENSIONS):
                continue
            if short in INCLUDING_EXTENSIONS:
                self.refuse(loc, f"extension « {name} » : elle inclut dans les pages des fichiers "
                            "du disque, y compris hors du dépôt", f"Retirez-la. {_FIX}", key=True)
            else:
                self.refuse(loc, f"{what} « {name} » hors de la liste du guide ({why})",
                            f"Permis sans autorisation{chr(0xa0)}: {', '.join(sorted(allowed))}. {_FIX}", key=True)

    def theme(self) -> None:
        theme = self.data.get("theme")
        name = theme.get("name") if isinstance(theme, dict) else theme
        loc: tuple[str | int, ...] = ("theme", "name") if isinstance(theme, dict) else ("theme",)
        if theme is not None and name not in THEMES and not (isinstance(name, str) and self.allow.permits("themes", name)):
            self.refuse(loc, f"thème « {name} » hors de la liste du guide (un thème est un paquet Python "
                        "dont les gabarits lisent la configuration)", f"Écrivez name: material. {_FIX}")

    def paths(self) -> None:
        """Folders MkDocs reads or writes stay inside the repository, away from the sources."""
        for key in _PATH_KEYS:
            value = _get(self.data, key)
            if value is None:
                continue
            path = self.inside(value, key)
            if path is not None and key == ("docs_dir",):
                self.docs_dir = path
        for name, loc in _entries(self.data.get("plugins"), ("plugins",)):
            options = _get(self.data, loc) if isinstance(loc[-1], str) else None
            if name == "recettes" and isinstance(options, dict) and options.get("build_dir") is not None:
                self.inside(options["build_dir"], (*loc, "build_dir"))
            if name == "recettes" and isinstance(options, dict) and isinstance(options.get("data_licence"), str):
                self.data_licence = options["data_licence"].strip()
        for watched, where in _entries(self.data.get("watch"), ("watch",), keys=False):
            self.inside(watched, where)

    def inside(self, value: Any, loc: tuple[str | int, ...]) -> Path | None:
        """The folder ``value`` names, if it is a plain relative path inside the repository
        and outside recipes/, ambassadors/ and .git/; else a problem and None."""
        if isinstance(value, Tagged) and value.tag == "!relative" and isinstance(value.value, str):
            value = value.value.replace("$config_dir", ".", 1)
        if isinstance(value, Tagged):
            return None  # !ENV: refused (or permitted) by ``tags``; the value is unknown here
        dotted = ".".join(str(part) for part in loc)
        if not isinstance(value, str) or not value.strip():
            self.refuse(loc, f"« {dotted} » doit être un chemin", "Écrivez un dossier du dépôt, par exemple docs.")
            return None
        normal = posixpath.normpath(value.replace("\\", "/"))
        path = (self.root / normal).resolve()
        top = normal.split("/", 1)[0]
        if value.startswith(("/", "~")) or normal == ".." or normal.startswith("../") or not path.is_relative_to(self.root):
            self.refuse(loc, f"« {dotted}: {value} » sort du dépôt", "Écrivez un dossier du dépôt, relatif à "
                        "mkdocs.yml, sans « .. » : la construction ne lit et n’écrit que dans le dépôt.")
            return None
        if path == self.root or top in _FORBIDDEN_DIRS:
            self.refuse(loc, f"« {dotted}: {value} » désigne {'le dépôt entier' if path == self.root else top + '/'}",
                        "Les recettes et les fiches ne sont publiées que par le greffon « recettes », après "
                        "validation : choisissez un autre dossier.")
            return None
        return path

    def assets(self) -> None:
        """Stylesheets and scripts come from the repository (a script from elsewhere runs on
        every page with whatever that server sends)."""
        for key in ("extra_css", "extra_javascript"):
            for target, loc in _entries(self.data.get(key), (key,), keys=False, field="path"):
                scheme = _SCHEME.match(target)
                if scheme is None:
                    normal = posixpath.normpath(target)
                    if target.startswith("/") or normal == ".." or normal.startswith("../"):
                        self.refuse(loc, f"« {target} » sort du dossier des pages",
                                    "Placez le fichier dans docs/ et écrivez son chemin relatif.")
                elif not self.allow.permits("external", target):
                    self.refuse(loc, f"« {target} » est chargé depuis un autre site",
                                f"Copiez le fichier dans docs/ et écrivez son chemin relatif. {_FIX}")

    def texts(self) -> None:
        for key in _TEXT_KEYS:
            value = self.data.get(key)
            if isinstance(value, str) and _HTML.search(value):
                self.refuse((key,), f"HTML dans « {key} »", "Écrivez du texte simple : le thème l’insère tel "
                            "quel dans chaque page, où il pourrait exécuter du code.")
        for key in _URL_KEYS:
            value = self.data.get(key)
            scheme = _SCHEME.match(value) if isinstance(value, str) else None
            if scheme is not None and (scheme.group(1) or "").lower() not in ("http", "https"):
                self.refuse((key,), f"adresse « {value} » non permise", "Écrivez une adresse https://….")


def _get(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        found = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data))
        if not found:
            return None
        data = data[part]
    return data


def _entries(value: Any, loc: tuple[str | int, ...], *, keys: bool = True,
             field: str = "") -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Names in MkDocs' list forms: ``[a, {b: {…}}]`` or ``{a: …, b: …}`` (``keys``), or a
    list of strings and of mappings holding ``field`` (``extra_javascript: [{path: …}]``)."""
    if isinstance(value, dict) and keys:
        for name in value:
            yield str(name), (*loc, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield item, (*loc, index)
            elif isinstance(item, dict) and keys and len(item) == 1:
                name = next(iter(item))
                yield str(name), (*loc, index, name)
            elif isinstance(item, dict) and field and isinstance(item.get(field), str):
                yield item[field], (*loc, index, field)
