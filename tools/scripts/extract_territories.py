#!/usr/bin/env python3
"""Regenerate ``tools/recettes/read/data/territoires-fr.tsv.gz`` from the pinned npm package.

Usage: ``python tools/scripts/extract_territories.py [VERSION]`` (default: ``PINNED_VERSION``),
then commit the result. ``npm pack`` fetches ``@etalab/decoupage-administratif`` from the npm
registry into a temporary folder; nothing else is downloaded, and the build never fetches.

The extract keeps what the handbook needs, one tab-separated line per place (UTF-8, gzip with
no timestamp, so the same package always gives the same bytes):

- ``r  code  name``: a région;
- ``d  code  name  région``: a département;
- ``e  siren  name  type``: an EPCI (établissement public de coopération intercommunale);
- ``c  code  name  département  epci  postcodes``: a current commune (``commune-actuelle``),
  with the EPCI it belongs to (empty for the few island communes outside any) and its postcodes
  separated by spaces (to explain the common mix-up of a postcode for an INSEE code);
- ``o  old  new``: a former commune code (``anciensCodes``) and the commune that absorbed it.

Names are kept as published, except the typewriter apostrophe, written ’ as on every page.

Sizes (6.0.0): 8.6 MB + 4.0 MB of package JSON become about 0.4 MB on disk. The package has
no coordinates, so the extract has none: positions for the map stay in the hand-made file.
Licence of the data: Licence Ouverte / Open Licence 2.0 (Etalab), as the package's README says.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
PINNED_VERSION = "6.0.0"
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
HERE = Path(__file__).resolve().parents[2]
EXTRACT = HERE / "tools" / "recettes" / "read" / "data" / "territoires-fr.tsv.gz"


def fetch(version: str, into: Path) -> Path:
    """``npm pack`` the package at ``version`` into ``into``; return its unpacked ``package/``.

    Raises ``subprocess.CalledProcessError`` (or ``TimeoutExpired``) when npm cannot get it."""
    out = subprocess.run(["npm", "pack", "--silent", f"{PACKAGE}@{version}"], cwd=into, check=True,
                         capture_output=True, text=True, timeout=300).stdout.strip().splitlines()[-1]
    with tarfile.open(into / out) as archive:
        archive.extractall(into, filter="data")
    return into / "package"


def _clean(text: str) -> str:
    """One line, and the French apostrophe (« Pays d’Iroise ») that every page of the guide uses."""
    return " ".join(text.replace("\t", " ").replace("'", "’").split())


def build_extract(package: Path) -> bytes:
    """The gzip bytes of the extract made from an unpacked npm ``package/`` folder."""
    data = package / "data"
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    regions = json.loads((data / "regions.json").read_text(encoding="utf-8"))
    departements = json.loads((data / "departements.json").read_text(encoding="utf-8"))
    epcis = json.loads((data / "epci.json").read_text(encoding="utf-8"))
    communes = [c for c in json.loads((data / "communes.json").read_text(encoding="utf-8"))
                if c["type"] == "commune-actuelle"]
    epci_of = {member["code"]: epci["code"] for epci in epcis for member in epci["membres"]}
    current = {c["code"] for c in communes}
    lines = [f"# {PACKAGE} {meta['version']} (npm) : régions, départements, EPCI et communes",
             f"# Données : {LICENCE} ; code du paquet : {meta['license']}",
             f"# version\t{meta['version']}"]
    lines += [f"r\t{r['code']}\t{_clean(r['nom'])}" for r in sorted(regions, key=lambda r: r["code"])]
    lines += [f"d\t{d['code']}\t{_clean(d['nom'])}\t{d['region']}"
              for d in sorted(departements, key=lambda d: d["code"])]
    lines += [f"e\t{e['code']}\t{_clean(e['nom'])}\t{e.get('type', '')}"
              for e in sorted(epcis, key=lambda e: e["code"])]
    for c in sorted(communes, key=lambda c: c["code"]):
        postcodes = " ".join(sorted(set(c.get("codesPostaux", []))))
        lines.append(f"c\t{c['code']}\t{_clean(c['nom'])}\t{c['departement']}\t{epci_of.get(c['code'], '')}"
                     f"\t{postcodes}")
    former = sorted({(old, c["code"]) for c in communes for old in c.get("anciensCodes", [])
                     if old not in current})
    lines += [f"o\t{old}\t{new}" for old, new in former]
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    version = argv[1] if len(argv) > 1 else PINNED_VERSION
    with tempfile.TemporaryDirectory() as work:
        extract = build_extract(fetch(version, Path(work)))
    EXTRACT.parent.mkdir(parents=True, exist_ok=True)
    temporary = EXTRACT.with_suffix(".tmp")
    temporary.write_bytes(extract)
    temporary.replace(EXTRACT)
    print(f"{PACKAGE} {version} → {EXTRACT.relative_to(HERE)} ({len(extract):,} octets)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
