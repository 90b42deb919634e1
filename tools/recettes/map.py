"""Map page: Leaflet (vendored from npm, no CDN) over ``donnees/recettes.geojson``.

``map_page`` returns the page's Markdown (with raw HTML): the map, a theme filter, and the list
of located recipes written into the page, so it stays usable when tiles or scripts cannot load.
``copy_map_assets`` copies Leaflet and ``carte.js``/``carte.css`` into the built site.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from html import escape
from importlib import resources
from pathlib import Path

from .export import RecipeRecord

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">les contributeur·ices d’OpenStreetMap</a>'
ASSETS = "carte"


def copy_map_assets(dest: Path) -> Path:
    """Copy the map's static files into ``dest`` (e.g. ``site/assets/carte``); return it."""
    source = resources.files("recettes").joinpath("assets", "map")
    with resources.as_file(source) as folder:
        shutil.copytree(folder, dest, dirs_exist_ok=True)
    return Path(dest)


def map_page(records: Iterable[RecipeRecord], tiles_url: str = OSM_TILES, attribution: str = OSM_ATTRIBUTION,
             *, geojson_url: str = "../donnees/recettes.geojson", assets_url: str = "../assets/carte/",
             href: Callable[[RecipeRecord], str] | None = None, title: str = "Carte des recettes") -> str:
    """Markdown of the map page for ``records`` (the located ones are listed and mapped)."""
    records = list(records)
    located = [r for r in records if r.location is not None]
    themes: dict[str, str] = {}
    for record in located:
        for theme in record.themes:
            themes.setdefault(theme.id, theme.label)
    link = href or (lambda record: record.url)
    options = "".join(f'<option value="{escape(k)}">{escape(v)}</option>'
                      for k, v in sorted(themes.items(), key=lambda kv: kv[1]))
    items = "\n".join(
        f'<li data-slug="{escape(r.slug)}" data-themes="{escape(" ".join(t.id for t in r.themes))}">'
        f'<a href="{escape(link(r))}">{escape(r.title)}</a> — {escape(r.territory.label)}</li>'
        for r in sorted(located, key=lambda r: r.title.casefold())
    )
    missing = len(records) - len(located)
    note = (f"\n{missing} recette{'s' if missing > 1 else ''} sans position ne "
            f"figure{'nt' if missing > 1 else ''} pas sur la carte.\n" if missing else "")
    a = escape(assets_url)
    return f"""# {title}

{len(located)} recette{'s' if len(located) > 1 else ''} sur la carte. Chaque marqueur mène à sa recette\u00a0;
la liste à côté de la carte contient les mêmes recettes.
{note}
<link rel="stylesheet" href="{a}leaflet/leaflet.css">
<link rel="stylesheet" href="{a}carte.css">

<form class="carte-filtre" onsubmit="return false">
<label for="carte-thematique">Thématique\u00a0:</label>
<select id="carte-thematique"><option value="">Toutes</option>{options}</select>
</form>

<div class="carte-bloc">
<div id="carte-recettes" class="carte-recettes" role="region" aria-label="{escape(title)}" data-geojson="{escape(geojson_url)}" data-tiles="{escape(tiles_url)}" data-attribution="{escape(attribution)}" data-images="{a}leaflet/images/"></div>
<ul id="carte-liste" class="carte-liste">
{items}
</ul>
</div>

<script src="{a}leaflet/leaflet.js"></script>
<script src="{a}carte.js"></script>
"""
