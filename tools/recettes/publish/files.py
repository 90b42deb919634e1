"""The open data files of the handbook by their path in the site: ``donnees/recettes.json``,
``.csv``, ``.geojson``, the JSON Schema of the JSON, the impact sums ``donnees/utilite-sociale.json``,
and the Atom feed ``flux.atom`` (pure, but
for ``write_open_data``, which writes them under a folder)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import FEED_FILE, IMPACT_DATA, IMPACT_SCHEMA, SiteUrls
from recettes.core.licences import DEFAULT_LICENCE
from recettes.core.problems import Problem
from recettes.publish.feed import to_atom
from recettes.publish.impact import impact_report
from recettes.publish.impact import json_schema as impact_schema
from recettes.publish.impact import to_json as impact_json
from recettes.publish.opendata import (
    DATA_DIR,
    Dataset,
    build_dataset,
    json_schema,
    to_csv,
    to_geojson,
    to_json,
)


def open_data_files(catalog: Catalog, urls: SiteUrls,
                    licence: str = DEFAULT_LICENCE) -> tuple[dict[str, str], Dataset, list[Problem]]:
    """Every open data file by its path in the site: donnees/recettes.{json,csv,geojson},
    donnees/recettes.schema.json, donnees/utilite-sociale.json and its schema (``publish.impact``) and flux.atom, offered under ``licence`` (the recipes whose
    licence may not join it are left out: ``build_dataset``)."""
    dataset, problems = build_dataset(catalog, urls, licence)
    schema_url = urls.of(f"{DATA_DIR}/recettes.schema.json")
    files = {
        f"{DATA_DIR}/recettes.json": to_json(dataset, schema_url),
        f"{DATA_DIR}/recettes.schema.json": json.dumps(json_schema(schema_url), ensure_ascii=False, indent=2) + "\n",
        f"{DATA_DIR}/recettes.csv": "\ufeff" + to_csv(dataset),  # the BOM makes spreadsheets read UTF-8
        f"{DATA_DIR}/recettes.geojson": to_geojson(dataset),
        FEED_FILE: to_atom(dataset, urls, catalog),
        IMPACT_DATA: impact_json(impact_report(catalog, [r.slug for r in dataset.recipes]), dataset,
                                 urls.of(IMPACT_SCHEMA)),
        IMPACT_SCHEMA: json.dumps(impact_schema(urls.of(IMPACT_SCHEMA)), ensure_ascii=False, indent=2) + "\n",
    }
    return files, dataset, problems


def write_open_data(catalog: Catalog, out_dir: Path, *, site_url: str,
                    urls: SiteUrls | None = None, licence: str = DEFAULT_LICENCE) -> list[Problem]:
    """Write the open data files (see ``open_data_files``) under ``out_dir``, all or none
    (``write_files``)."""
    files, _, problems = open_data_files(catalog, urls or SiteUrls(site_url), licence)
    write_files({Path(out_dir) / name: text for name, text in files.items()})
    return problems


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write UTF-8 texts (or bytes, written as they are) to their paths, all or nothing as far
    as the file system allows.

    Each text first goes to a hidden temporary file in its target's folder (same file system,
    flushed to disk); only when every one is complete are they renamed over their targets
    (``os.replace``, atomic for each file). A failure while writing (full disk, no right to
    write, a target that is a folder) removes the temporary files and leaves every previous
    file as it was, then raises ``OSError`` (with its ``filename``). New files get the usual
    permissions (``0o666`` less the umask), not those of a temporary file.
    """
    mask = os.umask(0)
    os.umask(mask)
    written: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            with _naming(path):
                if path.is_dir():
                    raise IsADirectoryError(21, "c’est un dossier", str(path))
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
                written.append((tmp, path))
                data = text.encode("utf-8") if isinstance(text, str) else text
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(tmp, 0o666 & ~mask)
        for tmp, path in written:
            with _naming(path):
                os.replace(tmp, path)
    finally:
        for tmp, _ in written:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Re-raise an ``OSError`` with ``path`` (the target) as its ``filename``, never the name of
    a temporary file the user has never seen."""
    try:
        yield
    except OSError as error:
        raise type(error)(error.errno, error.strerror or str(error), str(path)) from error
