"""Time `recettes validate` against check-jsonschema on synthetic repositories, in one run.

    python benchmarks/validate.py                 # 1,000 and 10,000 recipes, 3 runs each
    python benchmarks/validate.py --sizes 1000 --runs 5

Both tools run as users run them (a subprocess each time), after one untimed warm-up run each
(so neither pays for reading the files from disk the first time). `recettes validate` checks everything
(metadata, the four sections, cross references, slugs); check-jsonschema checks the metadata
files only, against the published schema. Prints medians and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THEMES = ["alimentation", "solidarite", "numerique", "habitat", "mobilite", "energie", "culture", "jeunesse"]
PLACES = ["brest", "plouarzel", "rennes", "landerneau", "guipavas", "pays-de-brest", "finistere", "bretagne"]
SECTION = """Quelques mots d’introduction.

## Réunir les personnes intéressées

Une réunion publique permet de présenter l’idée et de recueillir les envies. Prévoir une salle
accessible, un affichage dans les commerces et un message sur les listes des associations.

## Trouver un lieu

Le lieu doit être accessible à pied et visible. Voir aussi [la recette voisine](recette:{other}).

## Faire le bilan

Après trois mois, faire le point avec les participant·es et ajuster le rythme.
"""


def make_repository(target: Path, count: int, ambassadors: int = 200) -> None:
    shutil.copytree(ROOT / "schema" / "vocabularies", target / "schema" / "vocabularies")
    (target / "ambassadors").mkdir(parents=True)
    for n in range(ambassadors):
        (target / "ambassadors" / f"personne-{n}.yml").write_text(
            "schema_version: 1\n"
            f"name: Personne {n}\nkind: person\nterritory: {PLACES[n % len(PLACES)]}\n"
            f"expertise: [{THEMES[n % len(THEMES)]}]\nbio: Une personne fictive.\nconsent: false\n",
            encoding="utf-8",
        )
    recipes = target / "recipes"
    for n in range(count):
        folder = recipes / f"recette-{n:05d}"
        folder.mkdir(parents=True)
        (folder / "recipe.yml").write_text(
            "# yaml-language-server: $schema=../../schema/recipe.schema.json\n"
            "schema_version: 1\n"
            f"title: Recette synthétique numéro {n}\n"
            "summary: Une recette générée pour mesurer la vitesse de la validation.\n"
            f"version: 1.{n % 7}.0\nstatus: published\nstarted: {2000 + n % 25}\n"
            f"territory:\n  place: {PLACES[n % len(PLACES)]}\n"
            f"themes: [{THEMES[n % len(THEMES)]}, {THEMES[(n + 3) % len(THEMES)]}]\n"
            f"holders:\n  - id: personne-{n % ambassadors}\n    role: holder\n"
            f"  - id: personne-{(n + 1) % ambassadors}\n    role: contributor\n"
            "licence: CC-BY-SA-4.0\n"
            "resources:\n  people: 3 bénévoles\n  budget: {min: 0, max: 500}\n  duration: 3 mois\n"
            "impact:\n  - name: Participant·es\n    value: 40\n    unit: personnes\n    date: \"2013\"\n"
            "links:\n  - title: Site\n    url: https://example.org/\n",
            encoding="utf-8",
        )
        text = SECTION.replace("{other}", f"recette-{(n + 1) % count:05d}")
        for name in ("how-to.md", "obstacles.md", "enablers.md", "reproducibility.md"):
            (folder / name).write_text(text, encoding="utf-8")


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    recettes = [sys.executable, "-m", "recettes", "validate", "--root", "."]
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
            repo = Path(tmp)
            make_repository(repo, size)
            files = sorted(str(p.relative_to(repo)) for p in repo.glob("recipes/*/recipe.yml"))
            theirs_cmd = [sys.executable, "-m", "check_jsonschema", "--schemafile",
                          str(ROOT / "schema" / "recipe.schema.json"), *files]
            ours, theirs = [], []
            timed(recettes, repo)  # warm-up: both then read files from the page cache
            timed(theirs_cmd, repo)
            for _ in range(args.runs):  # interleaved, so both see the same machine state
                seconds, code = timed(recettes, repo)
                assert code == 0, f"recettes validate failed on the synthetic repository ({code})"
                ours.append(seconds)
                seconds, code = timed(theirs_cmd, repo)
                assert code == 0, f"check-jsonschema failed on the synthetic repository ({code})"
                theirs.append(seconds)
            rows.append((size, statistics.median(ours), statistics.median(theirs)))
            print(f"{size:>6} recipes: recettes validate {statistics.median(ours):7.2f} s "
                  f"(runs {', '.join(f'{s:.2f}' for s in ours)}); check-jsonschema {statistics.median(theirs):7.2f} s "
                  f"(runs {', '.join(f'{s:.2f}' for s in theirs)})", flush=True)
    print()
    print("| recipes | recettes validate (everything), median s | check-jsonschema (metadata only), median s | ratio |")
    print("|---:|---:|---:|---:|")
    for size, ours_median, theirs_median in rows:
        print(f"| {size:,} | {ours_median:.2f} | {theirs_median:.2f} | {theirs_median / ours_median:.1f}× faster |")


if __name__ == "__main__":
    main()
