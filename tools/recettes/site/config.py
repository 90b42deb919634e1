"""PluginConfig: the options of the ``recettes`` MkDocs plugin (validated by MkDocs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as opt


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as ``!!python/name:…`` (emoji, superfences): read them as None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_settings(root: Path) -> dict[str, Any]:
    """The handbook's mkdocs.yml as plain data (site_url, repo_url…), or {} when absent or unreadable."""
    try:
        data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


class PluginConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped there
    build_dir = opt.Type(str, default="build/handbook")
    """Where the generated Markdown tree goes, relative to mkdocs.yml (git ignores build/)."""

    edit_url_template = opt.Type(str, default="")
    """Edit link of a recipe, e.g. https://forge.example/org/repo/edit/main/recipes/{slug}/ ;
    empty: derived from repo_url (``{repo_url}/edit/main/recipes/{slug}/``) when it is set."""

    edit_branch = opt.Type(str, default="main")
    """Branch used when the edit link is derived from repo_url."""

    latest = opt.Type(int, default=6)
    """How many recipes the home page lists as the latest."""

    atomic = opt.Type(bool, default=True)
    """``mkdocs build`` builds into a sibling folder and swaps it in only when the build succeeded."""

    map_tiles = opt.Type(str, default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    """Tile server of the map page (Leaflet URL template)."""

    map_attribution = opt.Type(
        str, default='&copy; <a href="https://www.openstreetmap.org/copyright">les contributeur·ices d’OpenStreetMap</a>'
    )
    """Credit shown on the map, as the tile server requires (HTML)."""
