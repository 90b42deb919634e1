"""The handbook's theme in French: template overrides of Material (its French with accents, a
French 404 page) and the French title of heading permalinks.

Both builds use them: the plugin adds this folder to the theme (``french_theme``); the stock
configuration written by ``recettes generate`` points ``custom_dir`` at a copy of it
(``theme_files`` and ``STOCK_THEME``); there the permalink title comes from ``mkdocs.yml``
itself (``toc: permalink_title``), which the generated configuration inherits.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

THEME_DIR = "overrides"
"""Where ``recettes generate`` copies the overrides, beside the generated ``mkdocs.yml``."""
PERMALINK_TITLE = "Lien permanent vers cette section"
STOCK_THEME: dict[str, Any] = {"custom_dir": THEME_DIR, "language": "custom"}


def theme_folder() -> Path:
    """The overrides shipped in the package (``partials/languages/custom.html``, ``404.html``)."""
    return Path(str(resources.files("recettes.site.theme")))


def theme_files() -> dict[str, bytes]:
    """The override templates by their path under ``THEME_DIR``."""
    folder = theme_folder()
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*.html")) if path.is_file()}


def french_theme(config: Any) -> None:
    """Put the overrides in front of Material's templates; a French handbook (``language: fr``)
    takes the corrected French (``custom``); permalinks get a French title unless one is set."""
    config.theme.dirs.insert(0, str(theme_folder()))
    if config.theme["language"] == "fr":
        config.theme["language"] = "custom"
    toc = config.mdx_configs.get("toc")
    if toc is not None and toc.get("permalink_title", "Permanent link") == "Permanent link":
        toc["permalink_title"] = PERMALINK_TITLE
