"""What the official territories cost: the extract on disk, reading it, and the lookups that
validation and the build make for 10,000 recipes placed by official code.

    python benchmarks/territories.py               # 10,000 recipes, 5 runs
    python benchmarks/territories.py --recipes 1000 --runs 3

Prints medians: reading the extract (``read/official.load_official``, paid once per process,
and only when a recipe or the vocabulary names an official place), the first lookup and
``ancestors`` of every recipe's place (what the catalog does), and explaining an unknown name
(fuzzy search over 35,000 names, paid once per wrong value).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from recettes.read.official import EXTRACT, load_official
from recettes.read.territories import Territories

NNBSP = "\u202f"


def _median(runs: int, action: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = load_official(EXTRACT)
    communes = sorted(r for r, p in data.places.items() if p.kind == "commune")
    places = random.Random(13).choices(communes, k=args.recipes)
    load = _median(args.runs, lambda: load_official(EXTRACT))

    def lookups() -> None:
        territories = Territories()
        for place in places:
            territories.ancestors(place)

    ancestors = _median(args.runs, lookups)
    index = _median(args.runs, lambda: load_official(EXTRACT).by_name)
    unknown = _median(args.runs, lambda: Territories().unknown("plougonvelen"))
    size = EXTRACT.stat().st_size
    count = f"{len(data.places):,}".replace(",", NNBSP)
    print(f"extrait : {size / 1024:.0f}{NNBSP}Kio sur disque, {count} lieux")
    print(f"lecture de l’extrait : {load * 1000:.0f}{NNBSP}ms (médiane de {args.runs})")
    recipes = f"{args.recipes:,}".replace(",", NNBSP)
    print(f"territoires englobants de {recipes} recettes : {ancestors * 1000:.0f}{NNBSP}ms")
    print(f"lecture et index des noms (première recherche) : {index * 1000:.0f}{NNBSP}ms")
    print(f"explication d’un nom inconnu : {unknown * 1000:.1f}{NNBSP}ms")


if __name__ == "__main__":
    main()
