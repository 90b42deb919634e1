"""Links and images of an imported fiche, rewritten for the handbook.

- ``www.…`` and bare host names get ``https://`` (reported): the handbook would otherwise look
  for a file of that name. What counts as one is ``read.markdown.bare_web_address`` (the
  validator's rule too), when no such file is beside the fiche.
- Wiki links (``[texte](cible "wikilink")``, ``[[Cible]]``, ``[[Cible|texte]]``) and links to
  another fiche's file become ``recette:slug`` when that fiche was imported, else plain text
  (reported).
- Local images are copied into the recipe's ``media/`` under an NFC, space-free name; remote
  ones are downloaded only when the recipe's licence is known (``fetch``), else kept as links.
  Every image is judged by its content (``read.media.judge``, Pillow) before it is kept.
- ``mailto:`` links lose their address (kept as text): addresses are never published.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from recettes.core.french import slugify
from recettes.core.problems import Code, Problem, Severity
from recettes.read.limits import MAX_BRACKETS
from recettes.read.load import MAX_MEDIA_BYTES
from recettes.read.markdown import bare_web_address, code_spans
from recettes.read.media import judge
from recettes.scaffold.importing.table import heading_key

_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_WIKI = re.compile(r"(!?)\[\[([^\]|\n]+)(?:\|([^\]\n]+))?\]\]")
_IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})

Fetcher = Callable[[str, int], bytes]
"""``fetch(url, max_bytes)`` -> the bytes at ``url`` (raises ``OSError`` on any failure)."""


def _why(error: OSError) -> str:
    """Why a download failed, in French (urllib's own messages are English)."""
    if isinstance(error, urllib.error.HTTPError):
        return f"le serveur a répondu {error.code}"
    if isinstance(error, urllib.error.URLError | TimeoutError):
        return "serveur injoignable ou trop lent"
    return str(error) if error.args and isinstance(error.args[0], str) and error.__class__ is OSError else \
        "lecture impossible"


def fetch_url(url: str, max_bytes: int) -> bytes:
    """The bytes at ``url`` (http or https only, 15 s, at most ``max_bytes``); ``OSError`` else."""
    if not url.lower().startswith(("http://", "https://")):
        raise OSError("adresse non http(s)")
    request = urllib.request.Request(url, headers={"User-Agent": "recettes-import"})
    with urllib.request.urlopen(request, timeout=15) as response:
        data: bytes = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OSError("fichier trop volumineux")
    return data


@dataclass
class MediaFile:
    """An image to write into the recipe's media/: its name there, bytes, credit fields."""

    name: str
    data: bytes
    source: str | None = None


@dataclass
class LinkContext:
    """What rewriting one fiche's links needs: its file and folder, the imported fiches
    (``by_path``: resolved source path -> slug; ``by_key``: folded title or file name -> slug),
    whether remote images may be fetched, and where the results go."""

    shown: str
    folder: Path
    source_root: Path
    by_path: dict[Path, str]
    by_key: dict[str, str]
    fetch: Fetcher | None
    media: list[MediaFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def report(self, line: int, column: int, code: Code, message: str, hint: str) -> None:
        self.problems.append(Problem(self.shown, line, column, code, message, hint, Severity.WARNING))


def rewrite(text: str, line: int, context: LinkContext) -> str:
    """``text`` (starting at source line ``line``) with every link and image rewritten."""
    out: list[str] = []
    in_code = False
    for offset, each in enumerate(text.split("\n")):
        fence = each.lstrip(" ").startswith(("```", "~~~"))
        if fence:
            in_code = not in_code
        if in_code or fence or ("](" not in each and "[[" not in each) or each.count("[") > MAX_BRACKETS:
            # beyond MAX_BRACKETS the validator refuses the paragraph (R131): not scanned here either
            out.append(each)
            continue
        out.append(_rewrite_line(each, line + offset, context))
    return "\n".join(out)


def _rewrite_line(text: str, number: int, context: LinkContext) -> str:
    spans = code_spans(text)

    def in_code(position: int) -> bool:
        return any(start <= position < end for start, end in spans)

    def wiki(match: re.Match[str]) -> str:
        if in_code(match.start()):
            return match.group(0)
        target, label = match.group(2).strip(), (match.group(3) or match.group(2)).strip()
        return _internal(label, target, number, match.start() + 1, context)

    def inline(match: re.Match[str]) -> str:
        if in_code(match.start()):
            return match.group(0)
        image, label, target, title = match.group(1), match.group(2), match.group(3), match.group(4) or ""
        column = match.start() + 1
        if image:
            return _image(label, target, number, column, context)
        return _link(label, target, title, number, column, context)

    return _LINK.sub(inline, _WIKI.sub(wiki, text))


def _link(label: str, target: str, title: str, number: int, column: int, context: LinkContext) -> str:
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", target)
    if scheme is not None:
        name = scheme.group(1).lower()
        if name in ("http", "https", "recette", "ambassadeur", "ambassadrice", "tel"):
            return f"[{label}]({target})"
        return label  # mailto:, javascript:, file:… — the text alone
    if target.startswith("#"):
        return f"[{label}]({target})" if target == "#sources" else label
    if "wikilink" in title.lower():
        return _internal(label, unquote(target), number, column, context)
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    local = find_local(context.folder, path) if path else None
    if local is not None and local in context.by_path:
        return f"[{label}](recette:{context.by_path[local]})"
    if local is not None and local.is_relative_to(context.source_root) and local.exists():
        if local.suffix.lower() in _IMAGE_EXTENSIONS:
            return _image(label, target, number, column, context, link=True)
        context.report(number, column, Code.R206, f"lien vers le fichier «\u00a0{path}\u00a0» gardé comme texte",
                       "Seules les images sont copiées dans la recette\u00a0: publiez ce fichier ailleurs et "
                       "mettez son adresse https:// dans le lien.")
        return label
    if bare_web_address(target):
        context.report(number, column, Code.R205, f"«\u00a0{target}\u00a0» complété en «\u00a0https://{target}\u00a0»",
                       "Vérifiez que l’adresse mène bien au site voulu.")
        return f"[{label}](https://{target})"
    if path.lower().endswith((".md", ".markdown")) or "." not in PurePosixPath(path).name:
        return _internal(label, path, number, column, context)
    context.report(number, column, Code.R206, f"lien «\u00a0{target}\u00a0» sans cible connue, gardé comme texte",
                   "Remettez le lien à la main s’il mène quelque part.")
    return label


def _internal(label: str, target: str, number: int, column: int, context: LinkContext) -> str:
    """A link to another fiche: ``recette:slug`` when it was imported, else its text."""
    stem = PurePosixPath(target.split("#", 1)[0]).name
    for key in (heading_key(stem.replace("_", " ")), heading_key(posixpath.splitext(stem)[0].replace("_", " ")),
                heading_key(label)):
        if key in context.by_key:
            return f"[{label}](recette:{context.by_key[key]})"
    context.report(number, column, Code.R206, f"lien vers la fiche «\u00a0{target}\u00a0», qui n’a pas été importée\u00a0: "
                   "gardé comme texte",
                   "Importez cette fiche avec les autres (même commande), ou remettez le lien à la main.")
    return label


def find_local(folder: Path, path: str) -> Path | None:
    """``folder / path`` resolved, each part matched in Unicode NFC when the exact name is absent
    (the fiche's text is read in NFC, its files may be named in NFD, as macOS writes them); None
    when the path cannot even be looked at (too long, unreadable folder)."""
    current = folder
    try:
        for part in PurePosixPath(path).parts:
            candidate = current / part
            if not candidate.exists() and current.is_dir() and part not in ("..", "."):
                wanted = unicodedata.normalize("NFC", part)
                candidate = next((child for child in current.iterdir()
                                  if unicodedata.normalize("NFC", child.name) == wanted), candidate)
            current = candidate
        return current.resolve()
    except (OSError, ValueError):
        return None


def _image(label: str, target: str, number: int, column: int, context: LinkContext, *, link: bool = False) -> str:
    """A copied or downloaded image (``![label](media/…)``), else a link or its text."""
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", target)
    if bare_web_address(target):
        target = f"https://{target}"
        scheme = re.match(r"^(https):", target)
    if scheme is not None:
        if scheme.group(1).lower() not in ("http", "https"):
            return label
        if context.fetch is None:
            context.report(number, column, Code.R207, f"image distante «\u00a0{target[:80]}\u00a0» gardée en lien",
                           "La licence de la fiche n’est pas connue\u00a0: l’image n’est pas copiée. Une fois la "
                           "licence établie, copiez-la dans media/ avec son crédit.")
            return f"[{label or 'image'}]({target})"
        try:
            data = context.fetch(target, MAX_MEDIA_BYTES)
        except OSError as error:
            context.report(number, column, Code.R207, f"image «\u00a0{target[:80]}\u00a0» non téléchargée ({_why(error)})",
                           "Elle reste un lien\u00a0; copiez-la dans media/ si elle est importante.")
            return f"[{label or 'image'}]({target})"
        return _keep(label, PurePosixPath(urlsplit(target).path).name or "image", data, target, number, column, context)
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    local = find_local(context.folder, path)
    if local is None or not local.is_relative_to(context.source_root) or not local.is_file():
        context.report(number, column, Code.R208, f"image «\u00a0{path}\u00a0» introuvable dans la source",
                       "Ajoutez-la dans media/ de la recette, ou retirez son lien.")
        return label
    return _keep(label, local.name, local.read_bytes()[: MAX_MEDIA_BYTES + 1], None, number, column, context)


def _keep(label: str, name: str, data: bytes, source: str | None, number: int, column: int,
          context: LinkContext) -> str:
    stem, extension = posixpath.splitext(unicodedata.normalize("NFC", unquote(name)))
    base = f"{slugify(stem, 'image')}{extension.lower()}"
    if len(data) > MAX_MEDIA_BYTES:
        verdict_message = "plus de 10 Mio"
    else:
        verdict = judge(data, base)
        verdict_message = "" if verdict.ok else verdict.message
    if verdict_message:
        context.report(number, column, Code.R208, f"image «\u00a0{name}\u00a0» refusée\u00a0: {verdict_message}",
                       "Elle n’est pas copiée\u00a0; remplacez-la par une image PNG ou JPEG.")
        return f"[{label or 'image'}]({source})" if source else label
    existing = {m.name: m for m in context.media}
    final, rank = base, 1
    while final in existing and existing[final].data != data:
        rank += 1
        final = f"{posixpath.splitext(base)[0]}-{rank}{posixpath.splitext(base)[1]}"
    if final not in existing:
        context.media.append(MediaFile(final, data, source))
    return f"![{label}](media/{final})"
