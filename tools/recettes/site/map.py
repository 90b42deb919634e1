"""Map page: Leaflet (vendored from npm, no CDN) over ``donnees/recettes.geojson``.

``map_page`` returns the page's Markdown: a theme filter, the map container, and the list of
located recipes written into the page, so it stays usable when tiles or scripts cannot load.
The page holds no script: ``carte.js`` is a small site-wide script (``extra_javascript``) that
loads Leaflet only on a page with a map, and draws it again after each instant navigation of
Material. What the map needs from its page is declared in the page (Leaflet's stylesheet as a
``<link>`` in the content, the data as an ``<a href>``), because instant navigation swaps the
content and drops from ``<head>`` whatever the next page does not declare (the fault of issue 14:
coming back to the map lost its styles). The legend (origin vs reproduction: shape and words) is
written here too, so it reads without the script; the outlines drawn without tiles are a shipped
file (``assets/map/contours/``, see ``tools/scripts/extract_outlines.py``).
Every contributed string is escaped here, which is why the plugin may leave this page unsanitized.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

from recettes.core.french import agree, fold, plural
from recettes.publish.opendata import RecipeRecord
from recettes.site.shipped import shipped_files

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">les contributeur·ices d’OpenStreetMap</a>'
ASSETS = "assets/carte"


def map_asset_files() -> dict[str, Path]:
    """The map's static files (Leaflet and carte.js/.css) by their path in the site."""
    return shipped_files("map", ASSETS)


def _approximate(record: RecipeRecord) -> str:
    """A recipe of a pays, a département or the région is placed at its centre, a private place
    at a rounded position: say so."""
    if record.location is not None and record.location.precision == "approximate":
        return " <small>(position approchée)</small>"
    if record.location is None or record.location.precision == "recipe" or record.territory.kind == "commune":
        return ""
    return " <small>(centre du territoire)</small>"


def map_page(records: Iterable[RecipeRecord], tiles_url: str = OSM_TILES, attribution: str = OSM_ATTRIBUTION,
             *, geojson_url: str = "../donnees/recettes.geojson", assets_url: str = f"../{ASSETS}/",
             href: Callable[[RecipeRecord], str] | None = None, title: str = "Carte des recettes",
             root_url: str = "../", site_url: str = "") -> str:
    """Markdown of the map page for ``records`` (the located ones are listed and mapped).

    ``href`` gives each recipe's link (default: its absolute URL); the popups use the same
    links, carried by the list items. ``geojson_url``, ``assets_url`` and ``root_url`` (the
    site's root) are relative to the page; the script reads them from ``href`` attributes
    (resolved by the browser, and made absolute by Material's instant navigation) or against
    the page's address when it draws, never when the script was first loaded. Addresses in the
    GeoJSON that start with ``site_url`` (the published address) are rewritten to ``root_url``,
    so a copy served elsewhere (a preview, a test) links to itself.
    """
    records = list(records)
    located = [r for r in records if r.location is not None]
    themes: dict[str, str] = {}
    for record in located:
        for theme in record.themes:
            themes.setdefault(theme.id, theme.label)
    link = href or (lambda record: record.url)
    options = "".join(f'<option value="{escape(k)}">{escape(v)}</option>'
                      for k, v in sorted(themes.items(), key=lambda kv: fold(kv[1])))
    items = "\n".join(
        f'<li data-slug="{escape(r.slug)}" data-themes="{escape(" ".join(t.id for t in r.themes))}">'
        f'<a href="{escape(link(r))}">{escape(r.title)}</a> — {escape(r.territory.label)}'
        f'{_approximate(r)}</li>'
        for r in sorted(located, key=lambda r: r.title.casefold()) if r.location is not None
    )
    missing = len(records) - len(located)
    note = (f"\n{plural(missing, 'recette')} sans position ne "
            f"{agree(missing, 'figure', 'figurent')} pas sur la carte.\n" if missing else "")
    return f"""# {escape(title)}

{plural(len(located), 'recette')} sur la carte. Chaque marqueur mène à sa page\u00a0: une recette à son lieu
d’origine, ou une reproduction dans un autre territoire\u202f; la liste à côté de la carte contient les
mêmes recettes, et reste lisible si la carte ne se charge pas.
{note}
<div class="carte-filtre">
<label for="carte-thematique">Thématique\u00a0:</label>
<select id="carte-thematique"><option value="">Toutes</option>{options}</select>
</div>

<div class="carte-bloc">
<div class="carte-cadre">
<link rel="stylesheet" href="{escape(assets_url)}leaflet/leaflet.css">
<div id="carte-recettes" class="carte-recettes" role="region" aria-label="{escape(title)}" data-tiles="{escape(tiles_url)}" data-attribution="{escape(attribution)}" data-racine="{escape(root_url)}" data-site="{escape(site_url)}"></div>
<p id="carte-sans-tuiles" class="carte-note" hidden>Fond de carte indisponible : la carte montre les contours des départements et des régions, fournis avec le guide.</p>
{legend()}
<p class="carte-note"><a id="carte-donnees" href="{escape(geojson_url)}" type="application/geo+json">Données de la carte (GeoJSON)</a></p>
</div>
<ul id="carte-liste" class="carte-liste" aria-label="Recettes sur la carte">
{items}
</ul>
</div>
"""


# The markers' shapes, the same in carte.js: origin and reproduction differ by shape, not only colour.
ORIGIN_SHAPE = ('<svg class="carte-marqueur carte-marqueur--recipe" viewBox="0 0 24 24" width="18" height="18" '
                'aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="8.5"/>'
                '<circle class="carte-marqueur__coeur" cx="12" cy="12" r="3"/></svg>')
REPRODUCTION_SHAPE = ('<svg class="carte-marqueur carte-marqueur--reproduction" viewBox="0 0 24 24" width="18" '
                      'height="18" aria-hidden="true" focusable="false"><rect x="4" y="4" width="16" height="16" '
                      'rx="1.5"/><rect class="carte-marqueur__coeur" x="9.5" y="9.5" width="5" height="5"/></svg>')


def legend() -> str:
    """The map's legend, in the page (readable without the script): shape and words for each kind."""
    return ('<ul class="carte-legende" aria-label="Légende de la carte">'
            f'<li>{ORIGIN_SHAPE} Recette, à son lieu d’origine</li>'
            f'<li>{REPRODUCTION_SHAPE} Reproduction dans un autre territoire (un pointillé la relie à sa recette)</li>'
            '</ul>')
