"""Benchmark: reading recipe histories from git, ours against the per-file way and the floor.

    PYTHONPATH=tools python benchmarks/history.py --sizes 1000 10000

For each size, builds a synthetic repository with ``git fast-import`` (N recipes, --commits
commits each, several authors, co-authors, a .mailmap, some identical timestamps), then times:

- ours: ``recettes.history.read_history`` (one ``git log`` pass plus a constant number of calls);
- floor: one raw ``git log --name-status -- recipes/`` read to the end, no parsing;
- per-file: gitpython ``iter_commits(paths=recipes/<slug>)`` per recipe, reading each commit's
  author and date. It is far too slow to run on every recipe, so it runs once on a sample of
  recipes and is **extrapolated** to N (stated in the output).

Medians of --repeat runs are printed with ratios. The repositories are built in a temporary
folder and removed afterwards unless --keep is given.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import git
from synthetic import (  # benchmarks/synthetic.py
    AUTHORS,
    REQUIRED,
    START,
    commit_chunk,
    fast_import,
    recipe_md,
)

from recettes.core.sections import RECIPE_MD
from recettes.history.history import read_history

MAILMAP = "Françoise Le Hénaff <francoise@example.org> <fl@old.example.org>\n"


def _files(slug: str, round_: int) -> dict[str, str]:
    """The recipe.md a commit of this round writes (round 0 creates the recipe; each round
    adds a step)."""
    version = f"1.{(round_ + 1) // 2}.0"  # 1.0.0, 1.1.0, 1.1.0, 1.2.0...: some bump, some not
    steps = "".join(
        f"## Étape {i + 1}\n\nFaire la chose {i + 1} à {slug}.\n\n" for i in range(round_ + 2)
    )
    sections = {"how-to": steps, **dict.fromkeys(REQUIRED[1:], f"## Premier élément\n\nTexte pour {slug}.")}
    meta = {"title": f"Recette {slug}", "version": version, "themes": ["alimentation"]}
    return {RECIPE_MD: recipe_md(meta, sections)}


def _stream(n: int, commits: int, rng: random.Random) -> Iterator[bytes]:
    slugs = [f"recette-{i:05d}" for i in range(n)]
    mark, when = 0, START
    for round_ in range(commits):
        rng.shuffle(slugs)
        for slug in slugs:
            mark += 1
            if mark % 7:  # every seventh commit shares the previous one's timestamp
                when += 60
            name, email = rng.choice(AUTHORS)
            message = f"{slug}: {'création' if round_ == 0 else f'révision {round_}'}\n"
            if mark % 3 == 0:
                co_name, co_email = rng.choice(AUTHORS)
                message += f"\nCo-authored-by: {co_name} <{co_email}>\n"
            files = {f"recipes/{slug}/{file}": text for file, text in _files(slug, round_).items()}
            if mark == 1:
                files |= {".mailmap": MAILMAP}
                files |= {f"ambassadors/amb-{i}.yml": f"name: Ambassadeur {i}\n" for i in range(5)}
            yield commit_chunk((name, email), when, message, files)


def build_repository(path: Path, n: int, commits: int) -> tuple[float, float]:
    """Create the repository with git fast-import and check it out; returns both durations."""
    start = time.perf_counter()
    fast_import(path, _stream(n, commits, random.Random(n)))
    imported = time.perf_counter()
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=path, check=True)
    subprocess.run(["git", "status", "--porcelain"], cwd=path, check=True, capture_output=True)
    return imported - start, time.perf_counter() - imported


def floor(path: Path) -> None:
    subprocess.run(
        ["git", "log", "--name-status", "--", "recipes/"],
        cwd=path,
        check=True,
        stdout=subprocess.PIPE,
    )


def ours(path: Path) -> None:
    index = read_history(path)
    assert index.available and all(h.changelog for h in index.recipes.values())


def per_file(path: Path, slugs: list[str]) -> None:
    with git.Repo(path) as repo:
        for slug in slugs:
            for commit in repo.iter_commits(paths=f"recipes/{slug}"):
                commit.author.name, commit.authored_datetime  # noqa: B018 (what a page needs)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (git)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def median_time(action: Callable[[], None], repeat: int) -> tuple[float, list[float], float]:
    """Median wall time, all wall times, and median CPU time (git processes included)."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), _cpu()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), walls, statistics.median(cpus)


def run_size(workdir: Path, n: int, args: argparse.Namespace) -> None:
    path = workdir / f"repo-{n}"
    if path.exists():
        print(f"\n== {n} recipes: reusing {path}")
    else:
        imported, checked_out = build_repository(path, n, args.commits)
        print(
            f"\n== {n} recipes × {args.commits} commits: git fast-import {imported:.1f} s,"
            f" checkout {checked_out:.1f} s"
        )
    size = args.sample or max(5, min(50, 50_000 // n))
    sample = sorted(p.name for p in (path / "recipes").iterdir())[:: max(1, n // size)][:size]

    t_floor, all_floor, cpu_floor = median_time(lambda: floor(path), args.repeat)
    t_ours, all_ours, cpu_ours = median_time(lambda: ours(path), args.repeat)
    t_sample, _, _ = median_time(lambda: per_file(path, sample), 1)
    t_per_file = t_sample * n / len(sample)

    def row(label: str, wall: float, detail: str) -> None:
        print(f"  {label:<36} {wall:9.2f} s   {detail}")

    def runs(walls: list[float], cpu: float) -> str:
        return f"median of {len(walls)} ({', '.join(f'{t:.2f}' for t in walls)}); CPU {cpu:.2f} s"

    print(f"  load average before timing: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    row("floor: git log --name-status", t_floor, runs(all_floor, cpu_floor))
    row("ours: read_history", t_ours, runs(all_ours, cpu_ours))
    row(
        "per-file: iter_commits per recipe",
        t_per_file,
        f"EXTRAPOLATED from {len(sample)} recipes ({t_sample:.2f} s, one run) × {n}/{len(sample)}",
    )
    print(
        f"  ours / floor     = {t_ours / t_floor:6.2f} wall, {cpu_ours / cpu_floor:.2f} CPU"
        "   (target ≤ 2)"
    )
    print(f"  per-file / ours  = {t_per_file / t_ours:6.0f}")
    if n >= 10_000:
        print(
            f"  10,000 recipes in under 10 s: {'met' if t_ours < 10 else 'MISSED'}"
            f" ({t_ours:.1f} s wall, {cpu_ours:.1f} s CPU)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--commits", type=int, default=3, help="commits per recipe (≥ 3)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per median")
    parser.add_argument(
        "--sample",
        type=int,
        default=None,
        help="recipes timed per-file (default: 50 at 1,000 recipes, 5 at 10,000)",
    )
    parser.add_argument("--keep", type=Path, help="build (or reuse) repositories here")
    args = parser.parse_args()
    print(f"git {git.Git().version_info}, python {sys.version.split()[0]}")
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="recettes-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            run_size(workdir, n, args)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
