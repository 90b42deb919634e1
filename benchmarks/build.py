"""Time the handbook build against bare mkdocs-material builds of the same content.

Usage: python benchmarks/build.py [--recipes 1000] [--runs 3] [--naive-runs 1]

Three builds of one synthetic repository of N recipes:

- ours:  ``mkdocs build`` with the ``recettes`` plugin — validation, generation, sanitizing and
         the atomic swap included, and git history: the repository is a git repository (built
         with ``git fast-import``) where every recipe has two versions, so each has its
         Historique and two versioned pages;
- (a):   stock mkdocs-material (search, tags; the configuration ``recettes generate`` writes,
         so the same theme features and Markdown extensions) on a frozen copy of the generated
         pages as plain Markdown, with no recipe in the navigation: the linear floor;
- (b):   the same, every page in the navigation: the naive way (quadratic; ~65 s for 1,000
         pages on a 2-core machine, so it runs once by default).

Prints the median of each and the ratios ours/(a) (target ≤ 1.3) and ours/(b).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from history import AUTHORS, START, commit_chunk, fast_import  # benchmarks/history.py

REPO = Path(__file__).resolve().parents[1]
THEMES = ["alimentation", "habitat", "mobilite", "solidarite", "energie", "cooperation"]
WORDS = ["compost", "voisin", "quartier", "atelier", "vélo", "jardin", "partage", "réseau", "habitant", "commune", "bénévole", "association", "réemploi", "entraide", "formation", "marché", "école", "énergie", "coopérative"]


def synthesize(root: Path, count: int) -> None:
    """A repository of ``count`` valid recipes, 20 ambassadors, vocabularies and docs."""
    vocab = root / "schema" / "vocabularies"
    vocab.mkdir(parents=True)
    (vocab / "themes.yml").write_text(yaml.safe_dump([{"id": t, "label": t.capitalize()} for t in THEMES]))
    places = [{"id": "bretagne", "label": "Bretagne", "kind": "region"},
              {"id": "finistere", "label": "Finistère", "kind": "departement", "parent": "bretagne"},
              {"id": "pays-de-brest", "label": "Pays de Brest", "kind": "pays", "parent": "finistere"}]
    places += [{"id": f"commune-{i}", "label": f"Commune {i}", "kind": "commune", "parent": "pays-de-brest"}
               for i in range(30)]
    (vocab / "territories.yml").write_text(yaml.safe_dump(places, allow_unicode=True))
    (root / "ambassadors").mkdir()
    for i in range(20):
        (root / "ambassadors" / f"personne-{i}.yml").write_text(yaml.safe_dump(
            {"schema_version": 1, "name": f"Personne {i}", "kind": "person", "expertise": [THEMES[i % 6]]}))
    (root / "docs").mkdir()
    (root / "docs" / "a-propos.md").write_text("# À propos\n\nLe réseau.\n")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for n in range(count):
        folder = root / "recipes" / f"recette-{n:04d}"
        folder.mkdir(parents=True)
        meta = {"schema_version": 1, "title": f"Recette {n} {WORDS[n % len(WORDS)]}",
                "summary": f"Une innovation sociale numéro {n} autour de {WORDS[(n * 7) % len(WORDS)]}.",
                "version": "1.1.0", "status": "published", "started": 2012 + n % 10,
                "territory": {"place": f"commune-{n % 30}"}, "themes": [THEMES[n % 6], THEMES[(n + 1) % 6]],
                "holders": [{"id": f"personne-{n % 20}", "role": "holder"}]}
        (folder / "recipe.yml").write_text(yaml.safe_dump(meta, allow_unicode=True))
        for section in ("how-to", "obstacles", "enablers", "reproducibility"):
            items = []
            for k in range(4):
                text = " ".join(WORDS[(n + k + j) % len(WORDS)] for j in range(60))
                link = f" Voir [une autre](recette:recette-{(n + 1) % count:04d})." if k == 0 else ""
                items.append(f"## Élément {k + 1}\n\n{text.capitalize()}.{link}\n\n- un point\n- un autre\n")
            (folder / f"{section}.md").write_text("\n".join(items))


def commit_history(root: Path, count: int) -> None:
    """Make ``root`` a git repository where every recipe has two versions, 1.0.0 then 1.1.0
    (one commit each, several authors), built with ``git fast-import``; the working tree is
    the last commit."""
    files = {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}
    common = {path: text for path, text in files.items() if not path.startswith("recipes/")}

    def recipe(n: int) -> dict[str, str]:
        prefix = f"recipes/recette-{n:04d}/"
        return {path: text for path, text in files.items() if path.startswith(prefix)}

    def chunks():  # type: ignore[no-untyped-def]
        yield commit_chunk(AUTHORS[0], START, "Vocabulaires, ambassadeur·rices et pages", common)
        for n in range(count):
            old = {path: text.replace("version: 1.1.0", "version: 1.0.0").replace("Élément 1", "Étape 1")
                   for path, text in recipe(n).items()}
            yield commit_chunk(AUTHORS[n % len(AUTHORS)], START + 60 * n, f"recette-{n:04d} : création", old)
        for n in range(count):
            yield commit_chunk(AUTHORS[(n + 3) % len(AUTHORS)], START + 60 * (count + n),
                               f"recette-{n:04d} : version 1.1.0", recipe(n))

    fast_import(root, chunks())
    subprocess.run(["git", "reset", "-q"], cwd=root, check=True)


def run(cmd: list[str], cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "tools")}
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"échec de {' '.join(cmd)} :\n{result.stderr[-3000:]}")
    return elapsed


def bare_config(tree: Path, nav: list[object], name: str, stock: Path) -> Path:
    """The stock configuration ``recettes generate`` wrote (same theme, features and Markdown
    extensions, Material's plugins only), on a frozen copy of the pages, with the given nav."""
    config = {"INHERIT": str(stock), "docs_dir": str(tree), "site_dir": str(tree.parent / f"site-{name}"),
              "nav": nav}
    path = tree.parent / f"bare-{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipes", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs of ours and (a); the median is kept")
    parser.add_argument("--naive-runs", type=int, default=1,
                        help="runs of (b), the slow naive build (0: skip it)")
    args = parser.parse_args()
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    with tempfile.TemporaryDirectory(prefix="recettes-bench-") as tmp:
        root = Path(tmp) / "repo"
        root.mkdir()
        synthesize(root, args.recipes)
        commit_history(root, args.recipes)
        ours = [run([*mkdocs, "-f", "mkdocs.yml"], root) for _ in range(args.runs)]
        # The same content as plain Markdown pages: a frozen copy of the generated tree.
        plain = Path(tmp) / "plain" / "docs"
        shutil.copytree(root / "build" / "handbook" / "docs", plain)
        pages = sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*.md"))
        stock = root / "build" / "handbook" / "mkdocs.yml"
        generated = yaml.safe_load(stock.read_text())
        floor = bare_config(plain, generated["nav"], "a", stock)
        naive = bare_config(plain, [*generated["nav"], *pages], "b", stock)
        bare_a = [run([*mkdocs, "-f", str(floor)], root) for _ in range(args.runs)]
        bare_b = [run([*mkdocs, "-f", str(naive)], root) for _ in range(args.naive_runs)] or [float("nan")]
    m_ours, m_a, m_b = (statistics.median(x) for x in (ours, bare_a, bare_b))
    print(f"{args.recipes} recettes ({len(pages)} pages), médianes sur {args.runs} exécution(s) "
          f"[(b) : {args.naive_runs}] — {os.cpu_count()} cœurs")
    print(f"{'construction':<48}{'médiane (s)':>12}{'ratio':>10}")
    print(f"{'notre guide (greffon recettes, tout compris)':<48}{m_ours:>12.2f}{'':>10}")
    print(f"{'(a) Material nu, aucune recette dans le menu':<48}{m_a:>12.2f}{m_ours / m_a:>9.2f}×")
    print(f"{'(b) Material nu, toutes les pages dans le menu':<48}{m_b:>12.2f}{m_ours / m_b:>9.2f}×")
    print(f"objectif : notre guide ≤ 1,3 × (a) — {'atteint' if m_ours <= 1.3 * m_a else 'NON atteint'}")


if __name__ == "__main__":
    main()
