"""Time the handbook build, and measure its peak memory and site size, against bare
mkdocs-material builds of the same content.

Usage: python benchmarks/build.py [--recipes 1000 10000] [--runs 3] [--naive-runs 1]

For each size, one synthetic repository of N recipes (``synthetic.py``: one ``recipe.md`` per
recipe, a git repository built with ``git fast-import`` where every recipe has two versions, so
each has its Historique and two versioned pages), then:

- ours:  ``mkdocs build`` with the ``recettes`` plugin — validation, generation, sanitizing, the
         search index (Pagefind) and the atomic swap included, and git history;
- ours, one edit: after the clean builds, one recipe's recipe.md gets one more sentence (a new
         one each run), then ``mkdocs build --dirty``, the previous ``site/`` kept as the cache;
- (a):   stock mkdocs-material (search with lunr, tags; the configuration ``recettes generate``
         writes, so the same theme features and Markdown extensions) on a frozen copy of the
         generated pages as plain Markdown, with no recipe in the navigation: the linear floor;
- (b):   the same, every page in the navigation: the naive way (quadratic; ~65 s for 1,000
         pages on a 2-core machine, so it runs once by default).

Each build is a child process: wall time, and two peaks of memory: « tous processus », the
whole process tree at once (the build, Pagefind's indexer, git, worker processes: their
proportional set sizes summed, sampled every 0.1 s; the figure the 3 GB target is about), and
« plus gros », the largest single process as the kernel reports it (``os.wait4``'s
``ru_maxrss``). Site size: the bytes of the files of the built site. Prints medians and the
ratios ours/(a) (target ≤ 1.3) and ours/(b), and the targets at 10,000 recipes: a clean build
within 10 minutes and 3 GB, a rebuild after one edit under 2 minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml
from synthetic import (  # benchmarks/synthetic.py
    append_sentence,
    median_run,
    repository,
    run,
    tree_size,
)

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "-q"]


def bare_config(tree: Path, nav: list[object], name: str, stock: Path) -> Path:
    """The stock configuration ``recettes generate`` wrote (same theme, features and Markdown
    extensions, Material's plugins only), on a frozen copy of the pages, with the given nav."""
    config = {"INHERIT": str(stock), "docs_dir": str(tree), "site_dir": str(tree.parent / f"site-{name}"),
              "nav": nav}
    path = tree.parent / f"bare-{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def measure(count: int, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="recettes-bench-") as tmp:
        root = repository(Path(tmp), count)
        ours = [run([*MKDOCS, "-f", "mkdocs.yml"], root) for _ in range(args.runs)]
        site_ours = tree_size(root / "site")
        dirty = []
        for index in range(args.runs):
            append_sentence(root, count // 2, f"Une phrase ajoutée pour la mesure numéro {index + 1}.")
            dirty.append(run([*MKDOCS, "--dirty", "-f", "mkdocs.yml"], root))
        site_dirty = tree_size(root / "site")
        # The same content as plain Markdown pages: a frozen copy of the generated tree (and
        # of the theme overrides the stock configuration names).
        shutil.copytree(root / "build" / "handbook", Path(tmp) / "plain", ignore=shutil.ignore_patterns("site"))
        plain = Path(tmp) / "plain" / "docs"
        pages = sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*.md"))
        stock = root / "build" / "handbook" / "mkdocs.yml"
        generated = yaml.safe_load(stock.read_text())
        floor = bare_config(plain, generated["nav"], "a", stock)
        naive = bare_config(plain, [*generated["nav"], *pages], "b", stock)
        bare_a = [run([*MKDOCS, "-f", str(floor)], root) for _ in range(args.runs)]
        site_a = tree_size(plain.parent / "site-a")
        bare_b = [run([*MKDOCS, "-f", str(naive)], root) for _ in range(args.naive_runs)]
        site_b = tree_size(plain.parent / "site-b") if bare_b else float("nan")
    m_ours, m_dirty, m_a, m_b = (median_run(x) for x in (ours, dirty, bare_a, bare_b))
    print(f"\n{count} recettes ({len(pages)} pages), médianes sur {args.runs} exécution(s) "
          f"[(b) : {args.naive_runs}] — {os.cpu_count()} cœurs")
    print(f"{'construction':<50}{'médiane (s)':>12}{'ratio':>9}{'mémoire, tous processus (Mio)':>31}"
          f"{'plus gros (Mio)':>17}{'site (Mo)':>11}")
    rows = [("notre guide (greffon recettes, tout compris)", m_ours, site_ours),
            ("notre guide, après une modification (--dirty)", m_dirty, site_dirty),
            ("(a) Material nu, aucune recette dans le menu", m_a, site_a),
            ("(b) Material nu, toutes les pages dans le menu", m_b, site_b)]
    for index, (label, m, size) in enumerate(rows):
        ratio = f"{m_ours.seconds / m.seconds:>8.2f}×" if index >= 2 else f"{'':>9}"
        print(f"{label:<50}{m.seconds:>12.2f}{ratio}{m.tree_peak_mib:>31.0f}{m.peak_mib:>17.0f}{size / 1e6:>11.1f}")
    print("ratio : notre construction complète divisée par celle de la ligne ; après une modification, "
          f"la reconstruction (--dirty) prend {100 * m_dirty.seconds / m_ours.seconds:.0f} % "
          "du temps de la construction complète")
    print(f"objectif : notre guide ≤ 1,3 × (a) — {'atteint' if m_ours.seconds <= 1.3 * m_a.seconds else 'NON atteint'}")
    if count >= 10_000:
        met = m_ours.seconds < 600 and m_ours.tree_peak_mib < 3e9 / 2**20 and m_dirty.seconds < 120
        print("objectifs à 10 000 recettes : construction complète en moins de 10 min et de 3 Go, "
              f"reconstruction après une modification en moins de 2 min — {'atteints' if met else 'NON atteints'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipes", type=int, nargs="+", default=[1000, 10000],
                        help="tailles mesurées, en nombre de recettes")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs of ours, of the one-edit rebuild and of (a); the median is kept")
    parser.add_argument("--naive-runs", type=int, default=1,
                        help="runs of (b), the slow naive build (0: skip it)")
    args = parser.parse_args()
    for count in args.recipes:
        measure(count, args)


if __name__ == "__main__":
    main()
