"""The media of one recipe: each file judged by its content (``media.judge``), each used image
credited (``media:`` in the front matter), and unused files named (R100-R104).

The same rules decide what the site publishes: a medium a section uses (``media_uses``, read by
``site.recipe_page``), judged by ``media.judge`` (again in ``site.media``, on the bytes it
publishes); for an older version read from git, ``publishable``. So the validator and the site
never disagree, and an ambassador's photo is judged the same way (``judge_file``)."""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from recettes.core.french import os_reason
from recettes.core.licences import LICENCES
from recettes.core.model import Status
from recettes.core.problems import Code, Problem, Severity
from recettes.read.load import MAX_MEDIA_BYTES, MEDIA_DIR, RecipeEntry, Repository
from recettes.read.markdown import Link, Section, link_scheme
from recettes.read.media import judge

_CODES = {"refused": Code.R100, "extension": Code.R101, "pixels": Code.R102}


def published_name(name: str) -> str:
    """The name a medium is published and compared under: NFC, the form the loader gives texts
    (a file name written decomposed, NFD, is the same file)."""
    return unicodedata.normalize("NFC", name)


def media_path(target: str) -> str | None:
    """``media/x.jpg`` for a link target naming a file of media/ (anchor and query aside), NFC."""
    if link_scheme(target) is not None:
        return None
    path = published_name(target.split("#", 1)[0].split("?", 1)[0])
    normal = posixpath.normpath(path) if path else ""
    return normal if normal.startswith(MEDIA_DIR + "/") else None


def media_uses(sections: Iterable[Section]) -> dict[str, Link]:
    """Each medium a section links to (image or link), with its first use."""
    used: dict[str, Link] = {}
    for section in sections:
        for link in section.links:
            path = media_path(link.target)
            if path is not None:
                used.setdefault(path, link)
    return used


def publishable(media: Mapping[str, bytes], sections: Iterable[Section]) -> dict[str, bytes]:
    """The media of an older version (name -> bytes, read from git) that may be published: used
    by a section, at most ``MAX_MEDIA_BYTES``, and judged safe images. The others cannot be
    fixed any more (history): they are left out, and their links made inert by the page."""
    used = media_uses(sections)
    return {name: data for name, data in sorted(media.items())
            if published_name(name) in used and len(data) <= MAX_MEDIA_BYTES and judge(data, name).ok}


def check_media(repo: Repository, entry: RecipeEntry) -> Iterator[Problem]:
    """Every file of media/ an accepted image, each used one credited, each one used."""
    base = entry.meta_path.rsplit("/", 1)[0]
    media = [name for name in entry.files if name.startswith(MEDIA_DIR + "/")]
    uses = media_uses(entry.sections.values())
    path_of = {id(link): entry.section_paths.get(kind, entry.meta_path)
               for kind, section in entry.sections.items() for link in section.links}
    safe: set[str] = set()
    for name in media:
        problem = judge_file(entry.folder / name, name, f"{base}/{name}")
        if problem is None:
            safe.add(published_name(name))
        elif problem.code is not Code.R006:  # too big: reported by the loader
            yield problem
        if published_name(name) not in uses:
            yield Problem(f"{base}/{name}", 1, 1, Code.R103, f"« {name} » n’est utilisé par aucune section : "
                          "il ne sera pas publié",
                          f"Insérez-le dans une section avec ![description]({name}), ou supprimez-le.",
                          Severity.WARNING)
    yield from _credits(entry, uses, safe, path_of)


def judge_file(path: Path, name: str, shown: str, line: int = 1, column: int = 1) -> Problem | None:
    """The problem with the medium file ``path`` (``name`` for its extension, ``shown`` and
    ``line``/``column`` in the message), or None for an image that may be published."""
    try:
        if path.stat().st_size > MAX_MEDIA_BYTES:
            return Problem(shown, line, column, Code.R006, f"média de plus de {MAX_MEDIA_BYTES // 1024 // 1024} Mio",
                           "Réduisez l’image (1 600 pixels de large suffisent).")
        data = path.read_bytes()
    except OSError as exc:
        return Problem(shown, line, column, Code.R009, f"média illisible ({os_reason(exc)})",
                       "Vérifiez les droits du fichier.")
    verdict = judge(data, name)
    if verdict.ok:
        return None
    return Problem(shown, line, column, _CODES[verdict.kind], verdict.message, verdict.hint)


def _credits(entry: RecipeEntry, uses: dict[str, Link], safe: set[str], path_of: dict[int, str]) -> Iterator[Problem]:
    meta, doc = entry.meta, entry.doc
    if meta is None or doc is None:
        return
    credited: set[str] = set()
    files = {published_name(name) for name in entry.files}
    for index, credit in enumerate(meta.media):
        line, column = doc.position(("media", index, "file"))
        name = published_name(credit.file)
        if name in credited:
            yield Problem(entry.meta_path, line, column, Code.R012, f"« {credit.file} » est crédité deux fois",
                          "Gardez une seule entrée par image dans « media ».")
        elif name not in files:
            yield Problem(entry.meta_path, line, column, Code.R042,
                          f"le crédit nomme « {credit.file} », absent du dossier de la recette",
                          "Corrigez le nom (majuscules et accents comptent) ou retirez cette entrée de « media ».")
        credited.add(name)
        if credit.licence not in LICENCES:
            line, column = doc.position(("media", index, "licence"))
            yield Problem(entry.meta_path, line, column, Code.R012,
                          f"licence « {credit.licence} » de l’image inconnue du guide",
                          f"Indiquez une licence libre connue ({', '.join(sorted(LICENCES))}) : sans elle, "
                          "l’image ne peut pas être republiée avec la recette.", Severity.WARNING)
    severity = Severity.WARNING if meta.status is Status.DRAFT else Severity.ERROR
    for name, link in sorted(uses.items()):
        if name in safe and name not in credited:
            yield Problem(path_of.get(id(link), entry.meta_path), link.line, link.column, Code.R104,
                          f"image « {name} » sans crédit : son auteur·ice et sa licence ne sont pas indiqués",
                          "Une image n’est pas couverte par la licence de la recette. Ajoutez dans l’en-tête : "
                          f"media: [{{file: {name}, author: Nom de l’auteur·ice, licence: CC-BY-4.0}}] "
                          "(la licence que l’auteur·ice a donnée ; sans accord, retirez l’image).", severity)
