"""``import_sources``: folders or git repositories of Markdown fiches -> draft recipes, with a
report. Pure steps (read, convert, rewrite links) first, then, only when nothing is an error,
the writing (``writer.py``).

Sources: a folder, a single ``.md`` file, or a git address (cloned by ``history.sources`` into
a temporary folder, removed afterwards). When the source is in a git repository, each recipe
keeps its fiche's provenance (address, path, commit, authors' names and dates, earlier paths).
Licences come from evidence only (``metadata.py``): the fiches' own statements and the
source's LICENSE file; the most restrictive wins and a version is never invented.
"""

from __future__ import annotations

import datetime
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recettes.core.french import plural, slugify
from recettes.core.licences import stated
from recettes.core.model import Recipe
from recettes.core.problems import Code, Problem, Severity, rel
from recettes.history.gitlog import IMPORT_TRAILER
from recettes.history.worktree import WorktreeError, commit_paths
from recettes.read.load import validate_document
from recettes.read.recipe_md import parse_recipe_md
from recettes.scaffold.importing.convert import SOURCE_TOKEN, Draft, convert, first_line
from recettes.scaffold.importing.fiche import read_fiches
from recettes.scaffold.importing.links import Fetcher, LinkContext, fetch_url, rewrite
from recettes.scaffold.importing.metadata import front_matter, licence_of, origin_of
from recettes.scaffold.importing.source import FicheSource, open_source
from recettes.scaffold.importing.table import defuse, heading_key, load_table
from recettes.scaffold.importing.writer import State, digest, fiche_key, render, write_recipe

MAX_FICHE_BYTES = 1024 * 1024
"""A fiche larger than this is not read (and said): no real fiche comes near it."""


@dataclass
class ImportOptions:
    """``territory`` and ``themes`` of every draft (vocabulary ids); ``licence_version`` given by
    a person for licences stated without one; ``split`` for files of several fiches (None: only
    when their pattern is clear); ``fetch`` downloads remote images (None: never); ``commit``
    commits what was written, with the ``Recettes-Import`` trailer (credits nobody)."""

    root: Path
    recipes: Path
    territory: str
    themes: list[str]
    licence_version: str | None = None
    split: bool | None = None
    fetch: Fetcher | None = fetch_url
    today: datetime.date = field(default_factory=datetime.date.today)
    commit: bool = False


@dataclass
class Imported:
    """One draft in the report: where it comes from, where it went, and what was noticed."""

    source: str
    path: str
    part: int | None
    slug: str
    title: str
    licence: str
    licence_evidence: list[str]
    action: str = "created"  # created, updated, unchanged, kept-edited, kept-deleted, not-written
    unmapped: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "path": self.path, "part": self.part, "slug": self.slug, "title": self.title,
                "status": "draft", "licence": self.licence, "licence_evidence": self.licence_evidence,
                "action": self.action, "unmapped_headings": self.unmapped, "names": self.names,
                "categories": self.categories, "media": self.media}


@dataclass
class ImportResult:
    recipes: list[Imported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    written: bool = False
    commit: str | None = None  # the import commit, with --commit

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclass
class _Job:
    draft: Draft
    source: FicheSource
    file: Path
    relative: str
    slug: str = ""
    key: str = ""


def import_sources(sources: list[str], options: ImportOptions) -> ImportResult:
    """Read every source, make its drafts, and write them unless an error was found."""
    result = ImportResult()
    table, found = load_table(options.root)
    result.problems += found
    with tempfile.TemporaryDirectory(prefix="recettes-import-") as scratch:
        read = [open_source(text, Path(scratch) / f"source-{index}", result.problems) for index, text in enumerate(sources)]
        jobs = _drafts([s for s in read if s is not None], table, options, result)
        state = State.load(options.recipes)
        _assign_slugs(jobs, state, options.recipes)
        texts = _finish(jobs, options, result)
    if not result.ok:
        for imported in result.recipes:
            imported.action = "not-written"
        return result
    _write(jobs, texts, state, options, result)
    return result


def _drafts(sources: list[FicheSource], table: Any, options: ImportOptions, result: ImportResult) -> list[_Job]:
    jobs: list[_Job] = []
    for source in sources:
        seen: dict[str, tuple[str, bytes]] = {}
        for file in source.files:
            base = source.git.top if source.git is not None and file.resolve().is_relative_to(source.git.top) \
                else source.root
            relative = unicodedata.normalize("NFC", file.resolve().relative_to(base.resolve()).as_posix())
            shown = f"{source.label.rstrip('/')}/{relative}" if not relative.startswith("/") else relative
            try:
                data = file.read_bytes()[: MAX_FICHE_BYTES + 1]
                text = data.decode("utf-8")
            except (OSError, UnicodeDecodeError) as error:
                result.problems.append(Problem(shown, 1, 1, Code.R200, f"fiche illisible ({type(error).__name__})",
                                               "Enregistrez-la en UTF-8, puis relancez l’import."))
                continue
            if len(data) > MAX_FICHE_BYTES:
                result.problems.append(Problem(shown, 1, 1, Code.R200, "fiche de plus de 1 Mio",
                                               "Coupez-la en plusieurs fiches, puis relancez l’import."))
                continue
            if relative in seen:
                same = unicodedata.normalize("NFC", text) == unicodedata.normalize("NFC", seen[relative][1].decode())
                result.problems.append(Problem(shown, 1, 1, Code.R215,
                                               "même nom qu’une autre fiche (forme Unicode différente)"
                                               + (" et même texte\u00a0: importée une fois" if same else
                                                  " mais texte différent\u00a0: importée à part"),
                                               "Gardez un seul des deux fichiers dans la source.", Severity.WARNING))
                if same:
                    continue
            seen.setdefault(relative, (file.name, data))
            result.files += 1
            fiches, found = read_fiches(text, shown, table, split=options.split)
            result.problems += found
            fallback = " ".join(file.stem.replace("_", " ").replace("-", " ").split()).capitalize() or "Fiche importée"
            for fiche in fiches:
                jobs.append(_Job(convert(fiche, table, fallback, source.clues), source, file, relative))
    return jobs


def _assign_slugs(jobs: list[_Job], state: State, recipes: Path) -> None:
    taken = {p.name for p in recipes.iterdir()} if recipes.is_dir() else set()
    bound = {entry["slug"] for entry in state.entries.values()}
    for job in jobs:
        job.key = fiche_key(job.source.identity, job.relative, job.draft.fiche.part)
        previous = state.entries.get(job.key)
        if previous is not None:
            job.slug = previous["slug"]
            continue
        base = slugify(job.draft.title)[:60].rstrip("-") or "recette"
        slug, rank = base, 1
        while slug in taken or slug in bound:
            rank += 1
            slug = f"{base}-{rank}"
        job.slug = slug
        bound.add(slug)


def _finish(jobs: list[_Job], options: ImportOptions, result: ImportResult) -> dict[str, tuple[str, dict[str, bytes]]]:
    """Licence, links, media, provenance and the recipe.md text of each draft (slug -> text, media)."""
    by_path = {job.file.resolve(): job.slug for job in jobs if job.draft.fiche.part is None}
    by_key: dict[str, str] = {}
    for job in jobs:
        by_key.setdefault(heading_key(job.draft.title), job.slug)
        if job.draft.fiche.part is None:
            by_key.setdefault(heading_key(job.file.stem.replace("_", " ")), job.slug)
    texts: dict[str, tuple[str, dict[str, bytes]]] = {}
    for job in jobs:
        draft = job.draft
        licence, evidence = licence_of(draft, options.licence_version)
        context = LinkContext(draft.fiche.shown, job.file.parent.resolve(), job.source.root.resolve(), by_path, by_key,
                              options.fetch if stated(licence) else None)
        numbers = {str(n): rank for n, rank in draft.source_numbers.items()}

        def finish(text: str, line: int, context: LinkContext = context, numbers: dict[str, int] = numbers) -> str:
            for marker in set(_tokens(text)):
                rank = numbers.get(marker)
                text = text.replace(SOURCE_TOKEN.format(marker), f"[source {rank}](#sources)" if rank else "")
            return rewrite(text, line, context)

        intro = finish(draft.context_intro, first_line(draft.fiche.intro, draft.fiche.title_line + 1))
        sections = {kind: [(_safe_title(title), finish(body, line)) for title, body, line in items]
                    for kind, items in draft.sections.items()}
        result.problems += draft.problems + context.problems
        history = job.source.git.history_of(job.file) if job.source.git is not None else None
        origin = origin_of(job.source.label, job.relative, draft.fiche.part, job.source.git, history, options.today)
        data = front_matter(draft, licence, context.media, origin, options.territory, options.themes)
        text = render(data, intro, sections)
        try:
            Recipe.model_validate(data)
        except ValueError:  # a bug of ours, said rather than written
            result.problems += refused_draft(text, draft.fiche.shown, rel(options.recipes / job.slug / "recipe.md", options.root))
            continue
        texts[job.slug] = (text, {m.name: m.data for m in context.media})
        result.recipes.append(Imported(job.source.label, job.relative, draft.fiche.part, job.slug, draft.title,
                                       licence, evidence, unmapped=draft.unmapped,
                                       names=list(dict.fromkeys(draft.names)),
                                       categories=list(dict.fromkeys(draft.categories)),
                                       media=[m.name for m in context.media]))
    return texts


def refused_draft(text: str, fiche: str, target: str) -> list[Problem]:
    """The problems of a draft the import made but the recipe model refuses (a bug of ours),
    in the validator's own French words, located in ``target`` (the recipe.md not written)
    and reported against the fiche ``fiche``."""
    parsed, problems = parse_recipe_md(text, target)
    if parsed.doc is not None:
        problems += validate_document(parsed.doc, target, Recipe)[1]
    found = [problem for problem in problems if problem.severity is Severity.ERROR]
    if not found:
        found = [Problem(target, 1, 1, Code.R200, "recette refusée par le modèle des recettes", "")]
    return [Problem(fiche, 1, 1, Code.R200,
                    f"recette non écrite\u00a0: {problem.path}:{problem.line}:{problem.column} {problem.message}",
                    f"{problem.hint} (Une erreur de l’outil d’import\u00a0: signalez ce cas aux "
                    "mainteneur·euses de l’outil, avec la fiche.)".lstrip()) for problem in found]


def _tokens(text: str) -> list[str]:
    return [part.split("\x00", 1)[0] for part in text.split("\x00source:")[1:]]


def _safe_title(title: str) -> str:
    return " ".join(defuse(title, "&lt;").split()) or "Sans titre"


def _write(jobs: list[_Job], texts: dict[str, tuple[str, dict[str, bytes]]], state: State, options: ImportOptions,
           result: ImportResult) -> None:
    actions = {}
    for job in jobs:
        if job.slug not in texts:
            continue
        text, media = texts[job.slug]
        folder = options.recipes / job.slug
        previous = state.entries.get(job.key)
        shown = rel(folder / "recipe.md", options.root)
        if previous is not None:
            current = folder / "recipe.md"
            if not current.is_file():
                actions[job.slug] = "kept-deleted"
                result.problems.append(Problem(shown, 1, 1, Code.R210, "recette supprimée depuis l’import\u00a0: "
                                               "pas recréée", "Retirez sa ligne de recipes/.import.json pour "
                                               "l’importer de nouveau.", Severity.WARNING))
                continue
            written = current.read_text(encoding="utf-8", errors="replace")
            if digest(written) != previous.get("sha256"):
                actions[job.slug] = "kept-edited"
                result.problems.append(Problem(shown, 1, 1, Code.R210, "recette modifiée depuis l’import\u00a0: "
                                               "laissée telle quelle", "Rien à faire\u00a0; reportez à la main ce qui "
                                               "a changé dans la fiche d’origine si besoin.", Severity.WARNING))
                continue
            if written == text:
                actions[job.slug] = "unchanged"
                continue
            actions[job.slug] = "updated"
        write_recipe(folder, text, media)
        state.entries[job.key] = {"slug": job.slug, "sha256": digest(text)}
    for imported in result.recipes:
        imported.action = actions.get(imported.slug, "created")
    state.save()
    result.written = True
    if options.commit:
        _commit(jobs, actions, state, options, result)


def _commit(jobs: list[_Job], actions: dict[str, str], state: State, options: ImportOptions,
            result: ImportResult) -> None:
    """One commit of the recipes written and of the import state, marked ``Recettes-Import``."""
    written = sorted({job.slug for job in jobs if actions.get(job.slug, "created") in ("created", "updated")})
    if not written:
        return
    paths = [rel(options.recipes / slug, options.root) for slug in written] + [rel(state.path, options.root)]
    sources = ", ".join(dict.fromkeys(job.source.label for job in jobs))
    message = f"Import de {plural(len(written), 'fiche')} en brouillon"
    try:
        result.commit = commit_paths(options.root, paths, message, {IMPORT_TRAILER: sources[:200]})
    except WorktreeError:
        result.problems.append(Problem(rel(options.recipes, options.root), 1, 1, Code.R200,
                                       "brouillons écrits mais commit impossible",
                                       "Vérifiez que le dépôt est un dépôt git et que votre identité git est "
                                       f"réglée, puis committez avec la mention «\u00a0{IMPORT_TRAILER}: …\u00a0».",
                                       Severity.WARNING))
