"""Time `recettes validate` against check-jsonschema on synthetic repositories, in one run.

    python benchmarks/validate.py                 # 1,000 and 10,000 recipes, 3 runs each
    python benchmarks/validate.py --sizes 1000 --runs 5
    python benchmarks/validate.py --sizes 10000 --baseline 3cb81e0   # and an older version

With ``--baseline REV``, the package as it was at git revision ``REV`` of this repository is
timed too, in the same interleaved runs (its ``tools/`` extracted with ``git archive``): the
« unchanged or better » check of a change, side by side.

Both tools run as users run them (a subprocess each time), after one untimed warm-up run each
(so neither pays for reading the files from disk the first time). `recettes validate` checks everything
(metadata, the four sections, cross references, slugs) in each ``recipes/<slug>/recipe.md``;
check-jsonschema checks the metadata only, against the published schema: the same front matter
written again, untimed, as one YAML file per recipe (it cannot read a front matter). Prints
medians and the ratio.
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

import yaml
from synthetic import REPO, REQUIRED, child_env, recipe_md  # benchmarks/synthetic.py

NNBSP = "\u202f"  # narrow no-break space: the French thousands separator
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
    """``count`` recipes (one recipe.md each) over the project's vocabularies, ``ambassadors``
    fiches, and each recipe's front matter again as ``metadata/<slug>.yml`` for check-jsonschema
    (which reads YAML files, not a Markdown file's front matter)."""
    shutil.copytree(REPO / "schema" / "vocabularies", target / "schema" / "vocabularies")
    (target / "ambassadors").mkdir(parents=True)
    for n in range(ambassadors):
        (target / "ambassadors" / f"personne-{n}.yml").write_text(
            "schema_version: 1\n"
            f"name: Personne {n}\nkind: person\nterritory: {PLACES[n % len(PLACES)]}\n"
            f"expertise: [{THEMES[n % len(THEMES)]}]\nbio: Une personne fictive.\nconsent: false\n",
            encoding="utf-8",
        )
    (target / "metadata").mkdir()
    for n in range(count):
        meta = {
            "schema_version": 1,
            "title": f"Recette synthétique numéro {n}",
            "summary": "Une recette générée pour mesurer la vitesse de la validation.",
            "version": f"1.{n % 7}.0", "status": "published", "started": 2000 + n % 25,
            "territory": {"place": PLACES[n % len(PLACES)]},
            "themes": [THEMES[n % len(THEMES)], THEMES[(n + 3) % len(THEMES)]],
            "holders": [{"id": f"personne-{n % ambassadors}", "role": "holder"},
                        {"id": f"personne-{(n + 1) % ambassadors}", "role": "contributor"}],
            "licence": "CC-BY-SA-4.0",
            "resources": {"people": "3 bénévoles", "budget": {"min": 0, "max": 500}, "duration": "3 mois"},
            "impact": [{"name": "Participant·es", "value": 40, "unit": "personnes", "date": "2013"}],
            "links": [{"title": "Site", "url": "https://example.org/"}],
        }
        text = SECTION.replace("{other}", f"recette-{(n + 1) % count:05d}")
        folder = target / "recipes" / f"recette-{n:05d}"
        folder.mkdir(parents=True)
        (folder / "recipe.md").write_text(recipe_md(meta, dict.fromkeys(REQUIRED, text)), encoding="utf-8")
        (target / "metadata" / f"{folder.name}.yml").write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")


def timed(command: list[str], cwd: Path, tools: Path | None = None) -> tuple[float, int]:
    """Wall time (s) and exit status of ``command``, with this checkout's package or ``tools``."""
    env = child_env() if tools is None else {**child_env(), "PYTHONPATH": str(tools)}
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start, proc.returncode


def extract_tools(revision: str, target: Path) -> Path:
    """The ``tools/`` folder of this repository at ``revision``, written under ``target``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "tools"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "tools"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", metavar="REV", help="also time the package at this git revision")
    args = parser.parse_args()
    baseline_dir = tempfile.TemporaryDirectory(prefix="bench-validate-baseline-")
    old_tools = extract_tools(args.baseline, Path(baseline_dir.name)) if args.baseline else None
    recettes = [sys.executable, "-m", "recettes", "validate", "--root", "."]
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
            repo = Path(tmp)
            make_repository(repo, size)
            files = sorted(str(p.relative_to(repo)) for p in repo.glob("metadata/*.yml"))
            theirs_cmd = [sys.executable, "-m", "check_jsonschema", "--schemafile",
                          str(REPO / "schema" / "recipe.schema.json"), *files]
            ours, theirs, older = [], [], []
            timed(recettes, repo)  # warm-up: each then reads files from the page cache
            timed(theirs_cmd, repo)
            if old_tools:
                timed(recettes, repo, old_tools)
            for _ in range(args.runs):  # interleaved, so all see the same machine state
                seconds, code = timed(recettes, repo)
                assert code == 0, f"recettes validate failed on the synthetic repository ({code})"
                ours.append(seconds)
                seconds, code = timed(theirs_cmd, repo)
                assert code == 0, f"check-jsonschema failed on the synthetic repository ({code})"
                theirs.append(seconds)
                if old_tools:
                    seconds, code = timed(recettes, repo, old_tools)
                    assert code == 0, f"recettes validate at {args.baseline} failed ({code})"
                    older.append(seconds)
            rows.append((size, statistics.median(ours), statistics.median(theirs),
                         statistics.median(older) if older else None))
            print(f"{size:>6} recettes : recettes validate {statistics.median(ours):7.2f} s "
                  f"(mesures {', '.join(f'{s:.2f}' for s in ours)}) ; check-jsonschema {statistics.median(theirs):7.2f} s "
                  f"(mesures {', '.join(f'{s:.2f}' for s in theirs)})"
                  + (f" ; version {args.baseline} {statistics.median(older):7.2f} s "
                     f"(mesures {', '.join(f'{s:.2f}' for s in older)})" if older else ""), flush=True)
    baseline_dir.cleanup()
    print()
    extra = f" recettes validate à {args.baseline}, médiane s | actuelle / {args.baseline} |" if args.baseline else ""
    print("| recettes | recettes validate (tout), médiane s | check-jsonschema (métadonnées seules), médiane s | ratio |"
          + extra)
    print("|---:|---:|---:|---:|" + ("---:|---:|" if args.baseline else ""))
    for size, ours_median, theirs_median, older_median in rows:
        line = (f"| {f'{size:_}'.replace('_', NNBSP)} | {ours_median:.2f} | {theirs_median:.2f} "
                f"| {theirs_median / ours_median:.1f}× plus rapide |")
        if older_median is not None:
            line += f" {older_median:.2f} | {ours_median / older_median:.2f}× |"
        print(line)


if __name__ == "__main__":
    main()
