"""Reuse: the handbook's open data files, Atom feed, map page and open data page (pure).

Everything here is built from the Catalog in one pass (``build_dataset``), then written by
``generate`` into the generated tree as ordinary files, so a stock MkDocs build publishes them
too. The map page holds raw HTML built with every contributed string escaped; the plugin leaves
it unsanitized (``Reuse.trusted``) because its ``select`` and ``data-*`` attributes are needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import DATA_URI, FEED_FILE, MAP_URI, SiteUrls, page_url, recipe_uri
from recettes.core.problems import Problem
from recettes.publish.files import open_data_files
from recettes.publish.opendata import CSV_LIST_COLUMNS, Dataset
from recettes.site.map import map_asset_files, map_page
from recettes.site.page import Options, Page

DATA_PAGE = DATA_URI


@dataclass
class Reuse:
    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes | Path] = field(default_factory=dict)
    trusted: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def build_reuse(catalog: Catalog, options: Options) -> Reuse:
    urls = SiteUrls(options.site_url or "/")
    texts, dataset, problems = open_data_files(catalog, urls)
    reuse = Reuse(problems=problems)
    reuse.files = {name: text.encode() for name, text in texts.items()} | map_asset_files()
    markdown = map_page(dataset.recipes, options.map_tiles, options.map_attribution,
                        href=lambda record: "../" + page_url(recipe_uri(record.slug)))
    reuse.pages = [Page(MAP_URI, markdown, {"title": "Carte des recettes"}), data_page(dataset)]
    reuse.trusted = {MAP_URI}
    return reuse


def data_page(dataset: Dataset) -> Page:
    count = dataset.count
    out = [
        "# Données ouvertes", "",
        f"Les {count} recettes publiées du guide, réutilisables sous licence {dataset.licence.name}"
        f"\u00a0: chaque enregistrement porte sa licence et la mention de crédit à reprendre.", "",
        "| Fichier | Contenu |", "|---|---|",
        "| [recettes.json](recettes.json) | Toutes les recettes\u00a0: métadonnées, sections (éléments), adresses, "
        "version, licence et crédits. Décrit par [recettes.schema.json](recettes.schema.json) (JSON Schema). |",
        "| [recettes.csv](recettes.csv) | Une ligne par recette, pour un tableur (UTF-8, une ligne d’en-tête). "
        "Les colonnes à plusieurs valeurs sont des listes JSON (voir plus bas). |",
        "| [recettes.geojson](recettes.geojson) | Les recettes situées (RFC 7946), pour une carte. |",
        f"| [Flux Atom](../{FEED_FILE}) | Les nouvelles recettes et les mises à jour. |", "",
    ]
    if dataset.excluded:
        out += ["## Recettes laissées de côté", "",
                "Ces recettes restent lisibles dans le guide, mais leur licence ne permet pas de les "
                "réunir dans ces fichiers\u00a0:", ""]
        out += [f"- {item.slug} ({item.licence})" for item in dataset.excluded]
        out.append("")
    out += ["## Colonnes à plusieurs valeurs du fichier CSV", "",
            "Les colonnes " + ", ".join(f"`{name}`" for name in CSV_LIST_COLUMNS)
            + " contiennent chacune une liste JSON de textes, par exemple "
            "`[\"Pays de Brest\", \"Finistère\"]` (`[]` si elle est vide) : une valeur qui contient "
            "une virgule ou un point-virgule reste entière. Lisez la cellule avec n’importe quel lecteur "
            "JSON (en Python : `json.loads(cellule)`).", ""]
    out += ["La commande `recettes export` produit les mêmes fichiers depuis un dépôt.", ""]
    return Page(DATA_PAGE, "\n".join(out), {"title": "Données ouvertes"})
