"""Files -> Repository: recipes, ambassadors and vocabularies, parsed and validated one by one.

Problems are values collected along the way; nothing here raises on bad content. Cross-file
checks (holders exist, links resolve...) live in ``checks``.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from recettes.core import memo
from recettes.core.french import fold, os_reason, slugify
from recettes.core.model import SLUG_PATTERN, Ambassador, Recipe, Reproduction
from recettes.core.names import file_name_problem, name_problems
from recettes.core.problems import Code, Problem, Severity, rel, shell_command
from recettes.core.sections import RECIPE_FILE, RECIPE_MD, SECTION_FILES, SECTIONS
from recettes.read.markdown import Section, parse_section
from recettes.read.recipe_md import parse_recipe_md
from recettes.read.reproductions import ReproductionEntry, load_reports
from recettes.read.validation import problems_from_error
from recettes.read.vocabulary import Vocabulary, load_vocabulary
from recettes.read.yamlfile import (
    MAX_YAML_BYTES,
    YamlDoc,
    decode_text,
    parse_yaml,
    read_limited,
    read_yaml,
)

RECIPES_DIR = "recipes"
AMBASSADORS_DIR = "ambassadors"
MEDIA_DIR = "media"
MAX_SECTION_BYTES = 512 * 1024
MAX_MEDIA_BYTES = 10 * 1024 * 1024
PARALLEL_THRESHOLD = 400
_SLUG = re.compile(SLUG_PATTERN)


_STAMPS = itertools.count(1)


@dataclass
class RecipeEntry:
    slug: str
    folder: Path
    meta_path: str
    meta: Recipe | None = None
    doc: YamlDoc | None = None
    sections: dict[str, Section] = field(default_factory=dict)
    section_paths: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    symlinks: list[str] = field(default_factory=list)
    one_file: bool = True  # recipe.md; False for the five-file layout (recipe.yml + sections)
    reproductions: dict[str, ReproductionEntry] = field(default_factory=dict)
    """Its reproduction reports by id (``read.reproductions``), invalid ones included (``meta`` None)."""
    stamp: int = field(default_factory=lambda: next(_STAMPS), compare=False, repr=False)
    """Unique in this process to this parse of the recipe: caches of what is made from one recipe
    (its pages, its open data record) key on it; an unchanged recipe keeps its entry (``_LOADED``)."""


@dataclass
class AmbassadorEntry:
    id: str
    path: Path
    shown: str
    meta: Ambassador | None = None
    doc: YamlDoc | None = None


@dataclass
class Repository:
    root: Path
    vocabulary: Vocabulary
    recipes: dict[str, RecipeEntry] = field(default_factory=dict)
    ambassadors: dict[str, AmbassadorEntry] = field(default_factory=dict)
    recipe_slugs: set[str] = field(default_factory=set)
    ambassador_ids: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    identities: dict[str, str] = field(default_factory=dict)  # git e-mail -> ambassador id (``identities``)
    data_licence: str | None = None  # the handbook's combined open data licence (plugin option), if set


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder holding recipes/ or schema/vocabularies/."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / RECIPES_DIR).is_dir() or (folder / "schema" / "vocabularies").is_dir():
            return folder
    return start if start.is_dir() else start.parent


RecipeInspector = Callable[[Repository, RecipeEntry], list[Problem]]


def load_repository(root: Path, selected: Iterable[Path] | None = None, *,
                    inspect: RecipeInspector | None = None, keep: bool = True,
                    data_licence: str | None = None) -> Repository:
    """Load the whole repository, or fully only the recipes and ambassadors under ``selected``.

    Names (slugs, ambassador ids) and vocabularies are read first, so ``inspect`` (a top-level
    function, e.g. the per-recipe checks) can run right after each recipe is loaded — in worker
    processes for large repositories. With ``keep=False`` only the problems come back, not the
    parsed recipes: what validation needs, without paying to ship every recipe between processes.
    ``data_licence``: the licence of the handbook's combined open data, which ``inspect`` may
    judge recipes' licences against (``mkdocs.yml``, read by ``read.buildconfig``).
    """
    repo, folders, ambassador_paths = _scan(root.resolve(), selected)
    repo.data_licence = data_licence
    context = Repository(repo.root, repo.vocabulary, recipe_slugs=repo.recipe_slugs,
                         ambassador_ids=repo.ambassador_ids, data_licence=data_licence)
    context_key = _context_key(context, inspect, keep)
    keys = {folder: (context_key, str(folder), _signature(folder)) for folder in folders}
    if len(_LOADED) > _LOADED_LIMIT:
        _LOADED.clear()
    known = {folder: _LOADED[key] for folder, key in keys.items() if key in _LOADED}
    folders = [folder for folder in folders if folder not in known]
    if len(folders) >= PARALLEL_THRESHOLD and (os.cpu_count() or 1) > 1:
        # Twice the cores: loading is partly waiting for the disk (files not in the page cache),
        # and a second process per core fills those waits (measured: 10,000 uncached recipes
        # 4.3-5.3 s with 4 processes against 5.8-6.9 s with 2, on 2 cores; cached, the same).
        workers = min(8, 2 * (os.cpu_count() or 1))
        chunk = max(16, len(folders) // (workers * 8))
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(context, inspect, keep)) as pool:
            results = list(pool.map(_worker_job, folders, chunksize=chunk))
    else:
        results = [_load_and_inspect(context, inspect, keep, f) for f in folders]
    for entry, _ in results:
        if entry is not None:
            entry.stamp = next(_STAMPS)  # made in a worker process: its counter is not ours
    _LOADED.update({keys[folder]: result for folder, result in zip(folders, results, strict=True)})
    known.update(zip(folders, results, strict=True))
    for entry, found in (known[folder] for folder in keys):
        if entry is not None:
            repo.recipes[entry.slug] = entry
        repo.problems.extend(found)
    for path in ambassador_paths:
        ambassador, found = load_ambassador(path, repo.root)
        repo.ambassadors[ambassador.id] = ambassador
        repo.problems.extend(found)
    return repo


def _scan(root: Path, selected: Iterable[Path] | None) -> tuple[Repository, list[Path], list[Path]]:
    """Vocabularies, every name, and the folders and files to load fully."""
    vocabulary, problems = load_vocabulary(root)
    repo = Repository(root, vocabulary, problems=problems)
    chosen = [p.resolve() for p in selected] if selected is not None else None

    def wanted(path: Path) -> bool:
        return chosen is None or any(path == c or c in path.parents or path in c.parents for c in chosen)

    folders: list[Path] = []
    recipes_dir = root / RECIPES_DIR
    if recipes_dir.is_dir():
        for entry in sorted(os.scandir(recipes_dir), key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            shown = f"{RECIPES_DIR}/{entry.name}"
            if entry.is_symlink():
                repo.problems.append(Problem(shown, 1, 1, Code.R007, "lien symbolique dans recipes/",
                                             "Une recette est un vrai dossier : remplacez le lien par le dossier."))
            elif not entry.is_dir():
                if wanted(path):
                    repo.problems.append(Problem(shown, 1, 1, Code.R022, "fichier isolé dans recipes/",
                                                 "Chaque recette est un dossier recipes/<slug>/ contenant recipe.md.",
                                                 Severity.WARNING))
            else:
                repo.recipe_slugs.add(entry.name)
                if wanted(path):
                    folders.append(path)
    repo.problems.extend(_slug_problems(repo.recipe_slugs, RECIPES_DIR, ""))
    ambassador_paths: list[Path] = []
    ambassadors_dir = root / AMBASSADORS_DIR
    if ambassadors_dir.is_dir():
        for path in sorted(ambassadors_dir.iterdir()):
            if path.suffix not in (".yml", ".yaml") or path.name.startswith("."):
                continue
            repo.ambassador_ids.add(path.stem)
            if wanted(path):
                ambassador_paths.append(path)
        repo.problems.extend(_slug_problems(repo.ambassador_ids, AMBASSADORS_DIR, ".yml"))
    return repo, folders, ambassador_paths


_WORKER: tuple[Repository, RecipeInspector | None, bool] | None = None


_LOADED: dict[tuple[object, ...], tuple[RecipeEntry | None, list[Problem]]] = {}
"""Recipes already loaded and inspected in this process, by folder, the size and date of each
of its files, and what the inspection reads of the repository (names, vocabularies): a rebuild
while serving parses only the recipes that changed (measured: 0.8 s of a 7 s rebuild at 1,000
recipes). Cleared past ``_LOADED_LIMIT`` entries."""
memo.register(_LOADED.clear)
_LOADED_LIMIT = 50_000


def _signature(folder: Path) -> tuple[tuple[str, int, int | str], ...]:
    """Every file under ``folder`` (links not followed): the texts by content (a date can miss
    two writes within a clock tick), the media by size and modification time."""
    found: list[tuple[str, int, int | str]] = []
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(current, name)
            stat = os.lstat(path)
            if name.endswith((".md", ".yml", ".yaml")) and not os.path.islink(path):
                with open(path, "rb") as stream:
                    mark: int | str = hashlib.blake2b(stream.read(), digest_size=16).hexdigest()
            else:
                mark = stat.st_mtime_ns
            found.append((os.path.relpath(path, folder), stat.st_size, mark))
    return tuple(found)


def _context_key(context: Repository, inspect: RecipeInspector | None, keep: bool) -> tuple[object, ...]:
    inspector = f"{inspect.__module__}.{inspect.__qualname__}" if inspect is not None else ""
    return (str(context.root), tuple(sorted(context.recipe_slugs)), tuple(sorted(context.ambassador_ids)),
            repr(context.vocabulary), inspector, keep, context.data_licence)


def _init_worker(context: Repository, inspect: RecipeInspector | None, keep: bool) -> None:
    global _WORKER
    _WORKER = (context, inspect, keep)


def _worker_job(folder: Path) -> tuple[RecipeEntry | None, list[Problem]]:
    assert _WORKER is not None
    return _load_and_inspect(*_WORKER, folder)


def _load_and_inspect(context: Repository, inspect: RecipeInspector | None, keep: bool,
                      folder: Path) -> tuple[RecipeEntry | None, list[Problem]]:
    entry, problems = load_recipe(folder, context.root)
    if inspect is not None:
        problems.extend(inspect(context, entry))
    return (entry if keep else None), problems


def load_recipe(folder: Path, root: Path) -> tuple[RecipeEntry, list[Problem]]:
    slug = folder.name
    base = f"{RECIPES_DIR}/{slug}"
    entry = RecipeEntry(slug, folder, f"{base}/{RECIPE_MD}")
    problems: list[Problem] = []
    files = _walk(folder, base, problems, entry.symlinks)
    entry.files = files
    if not files and not entry.symlinks:
        problems.append(Problem(base, 1, 1, Code.R022, "dossier de recette vide",
                                f"Créez {entry.meta_path}, par exemple avec « recettes new », "
                                "ou supprimez le dossier."))
        return entry, problems
    if RECIPE_MD not in files and RECIPE_FILE not in files and not (folder / RECIPE_MD).is_symlink():
        problems.append(Problem(entry.meta_path, 1, 1, Code.R022, "fichier recipe.md absent",
                                "Chaque recette est un fichier recipe.md : créez-le avec « recettes new » "
                                "ou copiez celui d’une autre recette."))

    def read(name: str, shown: str) -> tuple[str | None, list[Problem]]:
        limit = MAX_SECTION_BYTES if name.endswith(".md") else MAX_YAML_BYTES
        return read_text(folder / name, shown, limit, regular=True)

    problems.extend(parse_recipe(entry, files, base, read))
    entry.reproductions, found = load_reports(files, base, read, _validate_report)
    problems.extend(found)
    return entry, problems


def _validate_report(doc: YamlDoc, shown: str) -> tuple[Reproduction | None, list[Problem]]:
    return validate_document(doc, shown, Reproduction)  # type: ignore[no-any-return]


TextReader = Callable[[str, str], tuple["str | None", list[Problem]]]


def parse_recipe(entry: RecipeEntry, names: Iterable[str], base: str, read: TextReader) -> list[Problem]:
    """Fill ``entry`` (metadata, sections) from the files ``names`` of a recipe, whatever holds
    them: the working tree, or git at an older version. ``read(name, shown)`` gives the text."""
    names = set(names)
    if RECIPE_MD in names or RECIPE_FILE not in names:
        return _parse_one_file(entry, names, base, read)
    entry.one_file = False
    entry.meta_path = f"{base}/{RECIPE_FILE}"
    problems: list[Problem] = [Problem(entry.meta_path, 1, 1, Code.R023, "recette en cinq fichiers (ancienne disposition)",
                                       f"Lancez « {shell_command('recettes', 'migrate', base)} » : elle devient un seul fichier "
                                       f"{base}/{RECIPE_MD}, historique et crédits conservés.", Severity.WARNING)]
    if RECIPE_FILE in names:
        text, found = read(RECIPE_FILE, entry.meta_path)
        problems.extend(found)
        if text is not None:
            entry.doc, found = parse_yaml(text, entry.meta_path)
            problems.extend(found)
            if entry.doc is not None:
                entry.meta, found = validate_document(entry.doc, entry.meta_path, Recipe)
                problems.extend(found)
    for kind, name in SECTION_FILES.items():
        shown = f"{base}/{name}"
        entry.section_paths[kind] = shown
        if name in names:
            text, found = read(name, shown)
            problems.extend(found)
            if text is not None:
                entry.sections[kind], found = parse_section(kind, text, shown)
                problems.extend(found)
    return problems


def _parse_one_file(entry: RecipeEntry, names: set[str], base: str, read: TextReader) -> list[Problem]:
    entry.meta_path = f"{base}/{RECIPE_MD}"
    entry.section_paths = {kind.id: entry.meta_path for kind in SECTIONS}
    problems: list[Problem] = []
    if RECIPE_FILE in names:
        problems.append(Problem(f"{base}/{RECIPE_FILE}", 1, 1, Code.R022, f"recipe.yml à côté de {RECIPE_MD}",
                                f"Les métadonnées sont dans l’en-tête de {RECIPE_MD} : supprimez recipe.yml "
                                "(et les fichiers de section) après avoir vérifié que rien n’y manque."))
    if RECIPE_MD not in names:
        return problems
    text, found = read(RECIPE_MD, entry.meta_path)
    problems.extend(found)
    if text is None:
        return problems
    parsed, found = parse_recipe_md(text, entry.meta_path)
    problems.extend(found)
    entry.doc, entry.sections = parsed.doc, parsed.sections
    if entry.doc is not None:
        entry.meta, found = validate_document(entry.doc, entry.meta_path, Recipe)
        problems.extend(found)
    return problems


def load_ambassador(path: Path, root: Path) -> tuple[AmbassadorEntry, list[Problem]]:
    entry = AmbassadorEntry(path.stem, path, rel(path, root))
    doc, problems = read_yaml(path, entry.shown)
    entry.doc = doc
    if doc is not None:
        entry.meta, found = validate_document(doc, entry.shown, Ambassador)
        problems.extend(found)
    return entry, problems


def validate_document(doc: YamlDoc, shown: str, model: type[Recipe] | type[Ambassador] | type[Reproduction]):  # type: ignore[no-untyped-def]
    """The model instance (or None) and the located problems of one YAML document."""
    if not isinstance(doc.data, dict):
        what = "est vide" if doc.data is None else "n’est pas un groupe de clés"
        return None, [Problem(shown, 1, 1, Code.R012, f"le document {what}",
                              "Les métadonnées sont des lignes « clé: valeur », à commencer par schema_version: 1.")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, problems_from_error(exc, doc, shown, model)


def read_text(path: Path, shown: str, max_bytes: int = MAX_SECTION_BYTES, *,
              regular: bool = False) -> tuple[str | None, list[Problem]]:
    raw, problems = read_limited(path, shown, max_bytes, regular=regular,
                                 hint="Raccourcissez le texte, ou scindez la recette en plusieurs.")
    if raw is None:
        return None, problems
    return decode_text(raw, shown)


def _walk(folder: Path, base: str, problems: list[Problem], symlinks: list[str]) -> list[str]:
    """Relative names of the regular files of a recipe folder; symlinks are refused."""
    files: list[str] = []
    stack = [("", str(folder))]
    while stack:
        prefix, current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as exc:
            problems.append(Problem(f"{base}/{prefix}".rstrip("/"), 1, 1, Code.R009,
                                    f"dossier illisible ({os_reason(exc)})", "Vérifiez les droits du dossier."))
            continue
        for item in entries:
            if item.name.startswith("."):
                continue
            name = prefix + item.name
            reserved = file_name_problem(item.name, f"{base}/{name}")
            if reserved is not None:
                problems.append(reserved)
            if item.is_symlink():
                symlinks.append(name)
                problems.append(Problem(f"{base}/{name}", 1, 1, Code.R007,
                                        f"lien symbolique vers « {os.readlink(item.path)} » refusé : "
                                        "il ne sera jamais publié",
                                        "Copiez le fichier voulu dans le dossier de la recette "
                                        "(par exemple dans media/)."))
            elif item.is_dir():
                stack.append((name + "/", item.path))
            elif item.is_file():
                if name.startswith(MEDIA_DIR + "/") and item.stat().st_size > MAX_MEDIA_BYTES:
                    problems.append(Problem(f"{base}/{name}", 1, 1, Code.R006,
                                            f"média de plus de {MAX_MEDIA_BYTES // 1024 // 1024} Mio",
                                            "Réduisez l’image (1 600 pixels de large suffisent)."))
                files.append(name)
    return sorted(files)


def _slug_problems(names: set[str], folder: str, suffix: str) -> list[Problem]:
    problems: list[Problem] = []
    groups: dict[str, list[str]] = {}
    for name in sorted(names):
        shown = f"{folder}/{name}{suffix}"
        problems.extend(name_problems(folder, name, shown))
        if not _SLUG.match(name):
            proposal = slugify(name)
            problems.append(Problem(shown, 1, 1, Code.R020, f"nom « {name} » invalide pour une adresse web",
                                    f"Renommez en « {proposal} » : minuscules sans accents, chiffres et tirets."))
        groups.setdefault(fold(unicodedata.normalize("NFC", name)).replace("_", "-"), []).append(name)
    for same in groups.values():
        for name in same if len(same) > 1 else ():
            shown = f"{folder}/{name}{suffix}"
            others = ", ".join(f"« {o} »" for o in same if o != name)
            problems.append(Problem(shown, 1, 1, Code.R021,
                                    f"« {name} » se confond avec {others} (accents, casse ou forme Unicode)",
                                    "Fusionnez-les ou donnez des noms vraiment différents : ils donneraient "
                                    "la même adresse web."))
    return problems
