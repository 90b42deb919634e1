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
from recettes.core.addresses import (
    DATA_URI,
    FEED_FILE,
    MAP_DATA,
    MAP_URI,
    SiteUrls,
    page_url,
    recipe_uri,
    relative,
)
from recettes.core.french import agree
from recettes.core.licences import licence
from recettes.core.problems import Problem
from recettes.publish.files import open_data_files
from recettes.publish.opendata import (
    CSV_LIST_COLUMNS,
    Dataset,
    Excluded,
    records_geojson,
    site_records,
)
from recettes.site.map import map_asset_files, map_page
from recettes.site.page import Options, Page
from recettes.site.text import inline

DATA_PAGE = DATA_URI


@dataclass
class Reuse:
    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes | Path] = field(default_factory=dict)
    trusted: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def build_reuse(catalog: Catalog, options: Options) -> Reuse:
    urls = SiteUrls(options.site_url or "/")
    texts, dataset, problems = open_data_files(catalog, urls, options.data_licence)
    reuse = Reuse(problems=problems)
    reuse.files = {name: text.encode() for name, text in texts.items()} | map_asset_files()
    # The map is a page of the handbook, not open data: every published recipe is on it, with
    # its own licence (a recipe kept out of the combined files stays on the site).
    records = site_records(catalog, urls)
    reuse.files[MAP_DATA] = records_geojson(records).encode()
    markdown = map_page(records, options.map_tiles, options.map_attribution, geojson_url="recettes.geojson",
                        href=lambda record: "../" + page_url(recipe_uri(record.slug)), site_url=urls.base)
    reuse.pages = [Page(MAP_URI, markdown, {"title": "Carte des recettes"}), data_page(dataset, catalog)]
    reuse.trusted = {MAP_URI}
    return reuse


def data_page(dataset: Dataset, catalog: Catalog | None = None) -> Page:
    count, left = dataset.count, len(dataset.excluded)
    terms = (f"{agree(count, 'réutilisable', 'réutilisables')} sous licence {dataset.licence.name}\u00a0: "
             "chaque enregistrement porte sa "
             "licence et la mention de crédit à reprendre.")
    if not left:
        intro = ("La recette publiée du guide, " if count == 1 else f"Les {count} recettes publiées du guide, ") + terms
    else:
        total = count + left
        intro = (f"Recettes réunies dans ces fichiers\u00a0: {count} sur {total} "
                 f"{agree(total, 'publiée', 'publiées')} dans le guide (les autres, listées plus bas, "
                 f"gardent leur propre licence), {terms}")
    out = [
        "# Données ouvertes", "",
        intro, "",
        "| Fichier | Contenu |", "|---|---|",
        "| [recettes.json](recettes.json) | Toutes les recettes\u00a0: métadonnées, sections (éléments), adresses, "
        "version, licence et crédits. Décrit par [recettes.schema.json](recettes.schema.json) (JSON Schema). |",
        "| [recettes.csv](recettes.csv) | Une ligne par recette, pour un tableur (UTF-8, une ligne d’en-tête). "
        "Les colonnes à plusieurs valeurs sont des listes JSON (voir plus bas). |",
        "| [recettes.geojson](recettes.geojson) | Les recettes situées (RFC 7946), pour une carte. |",
        "| [utilite-sociale.json](utilite-sociale.json) | Les indicateurs d’utilité sociale additionnés par "
        "thématique et par territoire, avec leurs chiffres, dates et sources (voir la page "
        "[Utilité sociale](../utilite-sociale/index.md)). Décrit par "
        "[utilite-sociale.schema.json](utilite-sociale.schema.json). |",
        f"| [Flux Atom](../{FEED_FILE}) | Les nouvelles recettes et les mises à jour. |", "",
    ]
    if dataset.excluded:
        out += ["## Recettes laissées de côté", "",
                "Ces recettes restent lisibles dans le guide, mais leur licence ne permet pas de les "
                "réunir dans ces fichiers\u00a0:", ""]
        out += [_excluded(item, catalog) for item in dataset.excluded]
        out.append("")
    out += ["## Colonnes à plusieurs valeurs du fichier CSV", "",
            "Les colonnes " + ", ".join(f"`{name}`" for name in CSV_LIST_COLUMNS)
            + " contiennent chacune une liste JSON de textes, par exemple "
            "`[\"Pays de Brest\", \"Finistère\"]` (`[]` si elle est vide) : une valeur qui contient "
            "une virgule ou un point-virgule reste entière. Lisez la cellule avec n’importe quel lecteur "
            "JSON (en Python : `json.loads(cellule)`).", ""]
    out += ["La commande `recettes export` produit les mêmes fichiers depuis un dépôt.", ""]
    return Page(DATA_PAGE, "\n".join(out), {"title": "Données ouvertes"})


def _excluded(item: Excluded, catalog: Catalog | None) -> str:
    """« [Titre](page) — licence CC BY-NC 4.0 : pas d’utilisation commerciale… », linked to the
    recipe's page, which states its terms."""
    known = licence(item.licence)
    name = f"[{inline(known.name)}]({known.deed})" if known.deed else inline(known.name)
    title = item.slug
    if catalog is not None and item.slug in catalog.recipes:
        title = inline(catalog.meta(item.slug).title)
    link = f"[{title}]({relative(recipe_uri(item.slug), DATA_PAGE)})"
    why = "pas d’utilisation commerciale" if known.non_commercial else ""
    if known.no_derivatives:
        why += (" et " if why else "") + "pas de modification"
    if not known.known:
        why = "licence inconnue du guide"
    return f"- {link} — licence {name}" + (f" ({why})" if why else "")
