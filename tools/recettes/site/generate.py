"""Generate: write the handbook as plain Markdown into an ignored build folder.

The folder (``build/handbook/`` by default) holds ``docs/`` (generated pages, recipe media,
hand-written pages copied from the repository's ``docs/``, the handbook's stylesheet) and a
``mkdocs.yml`` that inherits the repository's configuration with only Material's built-in
plugins: ``mkdocs build -f build/handbook/mkdocs.yml`` builds it without our plugin.

Rules:

- Hand-written pages are never overwritten: the generator only writes inside the build folder,
  and a hand-written page wins over a generated page at the same path (e.g. ``docs/index.md``
  replaces the generated home page).
- Hand-written pages are published as contributions are (``handmade_page``): checked by
  ``read.pages``, their front matter texts plain, their body escaped; other files of docs/
  only when they are images.
- Only regular files inside a recipe's folder are published: symlinks, and paths that resolve
  outside the folder, are never copied (``recettes validate`` reports them).
- A medium is published only as a clean copy of an accepted image (``site.media``): never an
  HTML page, a script, an SVG or a PDF, and never its EXIF or XMP metadata.
- Files are rewritten only when their content changes and stale files are removed, so
  ``mkdocs serve`` (which watches this folder) is not woken up for nothing.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from recettes.catalog.catalog import Catalog
from recettes.core import memo
from recettes.core.addresses import (
    AMBASSADORS,
    DATA_URI,
    HOME_URI,
    IMPACT_URI,
    MAP_URI,
    RECIPES,
    TERRITORIES,
    THEMES,
    SiteUrls,
    index_uri,
)
from recettes.core.problems import Code, Problem
from recettes.publish.duplicate_report import problems as duplicate_problems
from recettes.publish.duplicates import Neighbours
from recettes.read.load import AMBASSADORS_DIR
from recettes.read.pages import MAX_PAGE_BYTES, hand_written, page_parts
from recettes.read.yamlfile import decode_text, read_limited
from recettes.site.admin import admin_files
from recettes.site.incremental import remove_leftovers
from recettes.site.media import CACHE_DIR, PublishedMedia
from recettes.site.page import DEFAULT_OPTIONS, Options, Page, linker
from recettes.site.pages import build_pages, nearby_pairs
from recettes.site.redirects import redirects
from recettes.site.reuse import build_reuse
from recettes.site.text import page_markdown, plain
from recettes.site.theme import STOCK_THEME, THEME_DIR, theme_files

DEFAULT_BUILD_DIR = Path("build") / "handbook"
DOCS_DIR = "docs"
ASSETS = "assets/recettes"
STYLESHEET = f"{ASSETS}/recettes.css"
SEARCH_SCRIPT = f"{ASSETS}/recherche.js"
SEARCH_MODULE = f"{ASSETS}/pagefind.js"
"""Pagefind's API as its interface imports it, filters loaded on demand (see the file)."""
STOCK_PLUGINS: list[Any] = [{"search": {"lang": "fr"}}, "tags"]
NAV_ORDER = ["a-propos.md", "contribuer.md", "contenu-autorise.md", "donnees-personnelles.md", "architecture.md"]


@dataclass
class Generated:
    """What a run wrote: the tree, its navigation, and which generated pages docs/ replaced."""

    docs_dir: Path
    config_file: Path
    nav: list[Any]
    written: int = 0
    removed: int = 0
    shadowed: list[str] = field(default_factory=list)
    trusted: set[str] = field(default_factory=set)  # our own pages left unsanitized (the map)
    problems: list[Problem] = field(default_factory=list)


def generate(catalog: Catalog, root: Path, out: Path | None = None, options: Options = DEFAULT_OPTIONS,
             docs: Path | None = None) -> Generated:
    """Write every page, medium and hand-written page of the handbook under ``out``."""
    root = root.resolve()
    out = (out or root / DEFAULT_BUILD_DIR).resolve()
    docs = (docs or root / DOCS_DIR).resolve()
    tree = out / DOCS_DIR
    files: dict[str, bytes | Path] = {}
    media = PublishedMedia(out / CACHE_DIR)
    handmade = hand_written(docs)
    reuse = build_reuse(catalog, options)
    pairs = nearby_pairs(catalog, options)
    pages = build_pages(catalog, options, Neighbours(pairs)) + reuse.pages
    result = Generated(tree, out / "mkdocs.yml", navigation(handmade, docs),
                       trusted=reuse.trusted, problems=reuse.problems + duplicate_problems(pairs, catalog.recipes))
    files.update(reuse.files)
    for page in pages:
        if page.src_uri in handmade:
            result.shadowed.append(page.src_uri)
            continue
        files[page.src_uri] = page.text().encode()
        files.update(_media(catalog, page, media))
        folder = page.src_uri.rsplit("/", 1)[0]
        files.update({f"{folder}/{name}": clean for name, data in page.blobs.items()
                      if (clean := media.clean(data, name, None)) is not None})
    files.update(redirects(catalog, options))
    if options.printable:
        result.problems += _printed(catalog, options, files)
    files.update(admin_files(catalog, options.cms, site_url=options.site_url,
                             docs_dir=_relative(docs, root), cache=out))
    for uri in handmade:  # checked by read.pages: the same rules decide what is published
        if uri.endswith(".md"):
            text = _read_page(docs / uri)
            if text is not None:
                files[uri] = handmade_page(text, uri, catalog).encode()
        elif (clean := media.clean_file(docs / uri, uri, f"{_relative(docs, root)}/{uri}")) is not None:
            files[uri] = clean  # an image, as a clean copy (site.media), like a recipe's
    for uri in (STYLESHEET, SEARCH_SCRIPT, SEARCH_MODULE):  # the search runs where the plugin indexes (theme)
        files[uri] = resources.files("recettes.site").joinpath("assets", uri.rsplit("/", 1)[1]).read_bytes()
    tree.mkdir(parents=True, exist_ok=True)
    for uri, content in files.items():
        result.written += _write(tree / uri, content)
    result.removed = remove_leftovers(tree, set(files))
    media.prune()
    result.problems += media.problems
    for uri, data in theme_files().items():
        result.written += _write(out / THEME_DIR / uri, data)
    config = stock_config(root / "mkdocs.yml", out, result.nav)
    result.written += _write(result.config_file, config.encode())
    return result


def navigation(hand_written: list[str] | dict[str, Any], docs: Path) -> list[Any]:
    """Index pages only — never one entry per recipe — then the hand-written pages."""
    nav: list[Any] = [
        {"Accueil": HOME_URI},
        {"Recettes": index_uri(RECIPES)},
        {"Thématiques": index_uri(THEMES)},
        {"Territoires": index_uri(TERRITORIES)},
        {"Ambassadeur·rices": index_uri(AMBASSADORS)},
        {"Carte": MAP_URI},
        {"Données": DATA_URI},
        {"Utilité sociale": IMPACT_URI},
    ]
    pages = [uri for uri in hand_written if uri.endswith(".md") and uri != HOME_URI
             and not uri.startswith(tuple(f"{folder}/" for folder in (RECIPES, THEMES, TERRITORIES, AMBASSADORS)))]
    pages.sort(key=lambda uri: (NAV_ORDER.index(uri) if uri in NAV_ORDER else len(NAV_ORDER), uri))
    if pages:
        nav.append({"Le réseau": [{_title(docs / uri, uri): uri} for uri in pages]})
    return nav


def stock_config(parent: Path, out: Path, nav: list[Any]) -> str:
    """A configuration for the generated tree: the repository's, with Material's plugins only."""
    config: dict[str, Any] = {}
    if parent.is_file():
        config["INHERIT"] = os.path.relpath(parent, out)
    else:
        config |= {"site_name": "Recettes libres", "theme": {"name": "material", **STOCK_THEME},
                   "extra_css": [STYLESHEET]}
    config |= {"docs_dir": DOCS_DIR, "site_dir": "site", "nav": nav, "plugins": STOCK_PLUGINS}
    config.setdefault("theme", dict(STOCK_THEME))
    header = "# Généré par « recettes generate » : ne pas modifier (voir mkdocs.yml à la racine).\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def handmade_page(text: str, src: str, catalog: Catalog) -> str:
    """A hand-written page as published: only the front matter keys ``read.pages`` allows, its
    texts made plain (``site.text.plain``: they reach ``<title>``, ``<meta>`` and the header
    unescaped), a title always set (else MkDocs takes the first heading's text, unescaped),
    and the body made safe like contributed Markdown (``site.text.page_markdown``)."""
    parts, _ = page_parts(text)
    meta: dict[str, Any] = {}
    title = parts.meta.get("title") or _first_heading(parts.body) or _file_title(src)
    meta["title"] = plain(title)  # never empty: an empty front matter would not be one
    if "description" in parts.meta:
        meta["description"] = plain(parts.meta["description"])
    for key in ("hide", "search"):
        if key in parts.meta:
            meta[key] = parts.meta[key]
    if "tags" in parts.meta:
        meta["tags"] = [plain(tag) for tag in parts.meta["tags"]]
    body = page_markdown(parts.body, linker(catalog, src).resolve)
    return Page(src, body, meta).text()


def _media(catalog: Catalog, page: Page, media: PublishedMedia) -> dict[str, Path]:
    """Media of a recipe or an ambassador, checked to be regular files inside their folder, as
    clean copies of accepted images (the others are left out)."""
    if "recette" in page.meta:
        base = catalog.recipes[page.meta["recette"]].folder.resolve()
    elif "ambassadeur" in page.meta and page.media:
        base = catalog.ambassadors[page.meta["ambassadeur"]].path.parent.resolve()
        assert base.name == AMBASSADORS_DIR
    else:
        return {}
    folder = page.src_uri.rsplit("/", 1)[0]
    copied: dict[str, Path] = {}
    for published, source in page.media.items():
        path = base / source
        if path.is_symlink() or not path.is_file() or base not in path.resolve().parents:
            continue
        clean = media.clean_file(path, source, _shown(catalog, page, source))
        if clean is not None:
            copied[f"{folder}/{published}"] = clean
    return copied


def _shown(catalog: Catalog, page: Page, source: str) -> str:
    """How messages name a medium: its path in the repository."""
    if "recette" in page.meta:
        return f"{catalog.recipes[page.meta['recette']].meta_path.rsplit('/', 1)[0]}/{source}"
    return f"{AMBASSADORS_DIR}/{source}"


def _printed(catalog: Catalog, options: Options, files: dict[str, bytes | Path]) -> list[Problem]:
    """The cards and recueils (``site.printing``) added to ``files``, and their problems; R298
    when the handbook has no ``site_url`` (the cards' QR codes need the public address)."""
    if not options.site_url:
        return [Problem("mkdocs.yml", 1, 1, Code.R298, "printable: true sans site_url : les codes QR "
                        "des fiches ont besoin de l’adresse publique du guide.",
                        "Ajoutez site_url à mkdocs.yml, ou retirez printable: true.")]
    from recettes.site.printing import print_all  # WeasyPrint: about a second to import

    printed = print_all(catalog, SiteUrls(options.site_url))
    files.update(printed.files)
    return printed.problems


def _write(path: Path, content: bytes | Path) -> int:
    """Write (or copy) only when different; 1 if something was written."""
    if isinstance(content, Path):
        source = content.stat()
        try:
            current = path.stat()
            if current.st_size == source.st_size and current.st_mtime_ns == source.st_mtime_ns:
                return 0
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        shutil.copy2(content, path)
        return 1
    key = str(path)
    try:
        stat = os.stat(key)
        known = _WRITTEN.get(key)
        if known is not None and known[1] == (stat.st_ino, stat.st_size, stat.st_mtime_ns):
            if known[0] == content:
                return 0  # what this process wrote last, untouched since: no need to read it
        elif path.read_bytes() == content:
            _WRITTEN[key] = (content, (stat.st_ino, stat.st_size, stat.st_mtime_ns))
            return 0
    except (FileNotFoundError, IsADirectoryError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)
    stat = os.stat(key)
    if len(_WRITTEN) > 100_000:
        _WRITTEN.clear()
    _WRITTEN[key] = (content, (stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return 1


_WRITTEN: dict[str, tuple[bytes, tuple[int, int, int]]] = {}
"""The bytes this process last wrote at each path and the file's identity then: comparing
with them spares reading back thousands of unchanged pages at every rebuild while serving."""
memo.register(_WRITTEN.clear)


def _relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, as the forge names it (``docs``)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else DOCS_DIR


def _title(path: Path, uri: str) -> str:
    """A hand-written page's title in the menu: its front matter's, else its first ``# ``
    heading, else its file name."""
    text = _read_page(path)
    parts = page_parts(text)[0] if text is not None else None
    title = parts.meta.get("title") or _first_heading(parts.body) if parts is not None else None
    return plain(title) if title else _file_title(uri)


def _file_title(uri: str) -> str:
    return Path(uri).stem.replace("-", " ").capitalize()


def _first_heading(body: str) -> str | None:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip().rstrip("#").strip() or None
    return None


def _read_page(path: Path) -> str | None:
    """A page's text, or None when it is too big, unreadable or not UTF-8 (validation says so)."""
    raw, _ = read_limited(path, path.name, MAX_PAGE_BYTES, hint="")
    return decode_text(raw, path.name)[0] if raw is not None else None
