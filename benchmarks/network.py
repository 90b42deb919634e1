"""Time a network of territories: ``recettes network update`` and the regional build.

Usage: python benchmarks/network.py [--sources 10] [--recipes 1000] [--runs 1]

Builds ``--sources`` synthetic territorial repositories of ``--recipes`` recipes each
(``synthetic.py``: one ``recipe.md`` per recipe, two versions each in git, 20 ambassadors),
with names of their own (``<source>-0000``…), the same vocabularies, and one identity group
per ambassador across all sources. The regional repository has no recipe of its own and lists
them all in ``network.yml`` (local paths: the clone is git's, as with a forge, without the
network). Then, each a child process (wall time; peak memory of the whole process tree at once,
and of its largest process: ``synthetic.Run``):

- first update: every source cloned with its whole history (``recettes network update``);
- update again, nothing changed (the incremental path: one fetch per source);
- update after one source published one change (one recipe);
- ``mkdocs build`` of the regional handbook: every source validated, its history read (one git
  pass per source), older versions, all pages, open data, feed and the Pagefind index;
- the same build of one repository holding as many recipes (``synthetic.repository``): what the
  network itself costs (``--no-compare`` skips it).

Prints the medians, and the number of recipe pages built.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import synthetic  # benchmarks/synthetic.py
from synthetic import append_sentence, median_run, run

RECETTES = [sys.executable, "-m", "recettes"]
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "-q"]


@contextmanager
def names_of(name: str) -> Iterator[None]:
    """The generator's recipe names are ``<name>-0000``… while this block runs."""
    default = synthetic.slug
    synthetic.slug = lambda n: f"{name}-{n:04d}"
    try:
        yield
    finally:
        synthetic.slug = default


def source(tmp: Path, name: str, count: int) -> Path:
    """A territorial repository whose recipes are named ``<name>-0000``…"""
    root = tmp / name
    root.mkdir()
    with names_of(name):
        synthetic.synthesize(root, count)
        synthetic.commit_history(root, count)
    return root


def region(tmp: Path, names: list[str]) -> Path:
    root = tmp / "region"
    root.mkdir()
    synthetic.synthesize(root, 0)
    synthetic.commit_history(root, 0)
    lines = ["sources:"]
    for name in names:
        lines += [f"  - id: {name}", f"    label: Territoire {name}", f"    url: ../{name}", "    ref: main",
                  "    territory: bretagne"]
    lines.append("ambassadors:")
    lines += ["  - [" + ", ".join([f"local:personne-{i}"] + [f"{n}:personne-{i}" for n in names]) + "]"
              for i in range(20)]
    (root / "network.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def publish_change(root: Path, name: str) -> None:
    """One source changes one recipe and commits it (the next update has one recipe to report)."""
    with names_of(name):
        append_sentence(root, 0, "Une phrase de plus, publiée par le territoire.")
    author, email = synthetic.AUTHORS[0]
    subprocess.run(["git", "-c", f"user.name={author}", "-c", f"user.email={email}", "commit", "-q", "-a",
                    "-m", f"{name}-0000 : une phrase"], cwd=root, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=10, help="nombre de sources")
    parser.add_argument("--recipes", type=int, default=1000, help="recettes par source")
    parser.add_argument("--runs", type=int, default=1, help="mesures de la construction (médiane)")
    parser.add_argument("--no-compare", dest="compare", action="store_false",
                        help="ne pas construire, pour comparer, un seul dépôt d’autant de recettes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="recettes-reseau-") as name:
        tmp = Path(name)
        names = [f"t{index:02d}" for index in range(args.sources)]
        roots = [source(tmp, n, args.recipes) for n in names]
        root = region(tmp, names)
        update = [*RECETTES, "network", "update"]
        first = run(update, root)
        again = run(update, root)
        publish_change(roots[0], names[0])
        changed = run(update, root)
        builds = [run([*MKDOCS, "-f", "mkdocs.yml"], root) for _ in range(args.runs)]
        pages = sum(1 for p in (root / "site" / "recettes").iterdir() if p.is_dir())
        build = median_run(builds)
        alone = None
        if args.compare:
            (tmp / "seul").mkdir()
            single = synthetic.repository(tmp / "seul", args.sources * args.recipes)
            alone = median_run([run([*MKDOCS, "-f", "mkdocs.yml"], single) for _ in range(args.runs)])
    total = args.sources * args.recipes
    print(f"Réseau de {args.sources} sources × {args.recipes} recettes ({total} recettes, {pages} pages de recette)")
    for label, measure in (("première récupération", first), ("mise à jour sans changement", again),
                           ("mise à jour, une recette changée", changed), ("construction du guide régional", build)):
        print(f"  {label:36} {measure.seconds:8.1f} s   {measure.tree_peak_mib:8.0f} Mio au plus, tous processus"
              f" ({measure.peak_mib:.0f} le plus gros)")
    if alone is not None:
        print(f"  {'un seul dépôt, autant de recettes':36} {alone.seconds:8.1f} s   {alone.tree_peak_mib:8.0f} Mio au plus,"
              f" tous processus ({alone.peak_mib:.0f} le plus gros)   (réseau / dépôt seul : "
              f"{build.seconds / alone.seconds:.2f} en temps, {build.tree_peak_mib / alone.tree_peak_mib:.2f} en mémoire)")


if __name__ == "__main__":
    main()
