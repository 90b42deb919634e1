"""The open data files of the handbook by their path in the site: ``donnees/recettes.json``,
``.csv``, ``.geojson``, the JSON Schema of the JSON, and the Atom feed ``flux.atom`` (pure, but
for ``write_open_data``, which writes them under a folder)."""

from __future__ import annotations

import json
from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import FEED_FILE, SiteUrls
from recettes.core.problems import Problem
from recettes.publish.feed import to_atom
from recettes.publish.opendata import (
    DATA_DIR,
    Dataset,
    build_dataset,
    json_schema,
    to_csv,
    to_geojson,
    to_json,
)


def open_data_files(catalog: Catalog, urls: SiteUrls) -> tuple[dict[str, str], Dataset, list[Problem]]:
    """Every open data file by its path in the site: donnees/recettes.{json,csv,geojson},
    donnees/recettes.schema.json and flux.atom."""
    dataset, problems = build_dataset(catalog, urls)
    schema_url = urls.of(f"{DATA_DIR}/recettes.schema.json")
    files = {
        f"{DATA_DIR}/recettes.json": to_json(dataset, schema_url),
        f"{DATA_DIR}/recettes.schema.json": json.dumps(json_schema(schema_url), ensure_ascii=False, indent=2) + "\n",
        f"{DATA_DIR}/recettes.csv": "\ufeff" + to_csv(dataset),  # the BOM makes spreadsheets read UTF-8
        f"{DATA_DIR}/recettes.geojson": to_geojson(dataset),
        FEED_FILE: to_atom(dataset, urls, catalog),
    }
    return files, dataset, problems


def write_open_data(catalog: Catalog, out_dir: Path, *, site_url: str,
                    urls: SiteUrls | None = None) -> list[Problem]:
    """Write the open data files (see ``open_data_files``) under ``out_dir``."""
    files, _, problems = open_data_files(catalog, urls or SiteUrls(site_url))
    for name, text in files.items():
        path = Path(out_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return problems
