"""Static files shipped in the package (``recettes/assets/<folder>/``: Leaflet and the map's
script, Decap CMS and the form's page), by their path in the site. Paths, not contents: the
generation copies a file only when it changed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def asset_folder(folder: str) -> Path:
    """``recettes/assets/<folder>`` as installed."""
    return Path(str(resources.files("recettes").joinpath("assets", folder)))


def shipped_files(folder: str, published: str) -> dict[str, Path]:
    """Every regular file of ``assets/<folder>`` by its path under ``published`` in the site."""
    source = asset_folder(folder)
    return {f"{published}/{path.relative_to(source).as_posix()}": path
            for path in sorted(source.rglob("*")) if path.is_file() and not path.is_symlink()}
