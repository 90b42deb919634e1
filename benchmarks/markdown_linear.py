"""Time the section parser and the renderer's text preparation on pathological Markdown.

    python benchmarks/markdown_linear.py                       # 1 KB to 64 KB, 5 runs each
    python benchmarks/markdown_linear.py --runs 9 --max-kb 128

For each shape of hostile text (runs of backticks, of brackets, lists and quotes nested deep,
long emphasis runs, many links...) and each size, prints the median time of
``read.markdown.parse_section`` (what ``recettes validate`` runs on each section), of
``site.text.contributed`` (what the page generator runs on each text) and of Python-Markdown
rendering its result with the handbook's extensions (``mkdocs.yml``), then the growth
exponent: the slope of log(time) against log(size), fitted over all sizes (least squares).
Linear code gives about 1, quadratic code 2. The script exits 1 when an exponent exceeds
``MAX_EXPONENT`` (a shared machine adds noise: read the table, not only the verdict).

Before, ``parse_section`` blanked code spans with the pattern ``(`+)(?:(?!\1).)+?\1``, which
retries the rest of the line from each backtick: on a line of backticks, 0.05 s at 128 bytes,
0.4 s at 256, 4 s at 512 (ten times more per doubling), minutes at 2 KB. Measured here (busy
machine, two cores, medians of 5, garbage collector paused): every shape grows with an exponent
of 0.1 to 1.25, and the slowest, 64 KB of « > » (65,536 nested quotes), takes 0.4 s.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import markdown
import yaml

from recettes.read.markdown import parse_section
from recettes.site.text import _prepared, contributed

MAX_EXPONENT = 1.4  # linear is 1; timing noise on a busy machine adds up to about 0.2

# Each shape: one unit of text, repeated to the wanted size (on one line unless it ends with \n).
SHAPES: dict[str, str] = {
    "backticks": "`",
    "backtick-runs": "``a`",
    "brackets": "[",
    "bracket-links": "[a](",
    "image-brackets": "![",
    "nested-lists": "",  # made by _nested
    "quotes": ">",
    "emphasis": "*a_",
    "angle": "<a",
    "hashes": "#",
    "links": "[lien](media/a.jpg) ",
    "lines": "Une phrase ordinaire, avec `du code` et un [lien](https://exemple.org).\n",
}


def _text(shape: str, size: int) -> str:
    if shape == "nested-lists":
        lines, depth = [], 0
        while sum(len(line) + 1 for line in lines) < size:
            lines.append("    " * (depth % 40) + "- élément")
            depth += 1
        return "## Élément\n\n" + "\n".join(lines) + "\n"
    unit = SHAPES[shape]
    return "## Élément\n\n" + unit * (size // len(unit)) + "\n"


def _median(run: Callable[[], object], runs: int) -> float:
    """Median time of ``runs`` calls, with the garbage collector paused (as ``timeit`` does:
    its pauses of several milliseconds fall on random sizes and hide the curve)."""
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return statistics.median(times)


def exponent(sizes: list[int], times: list[float]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-9)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def _extensions() -> tuple[list[object], dict[str, object]]:
    """The Markdown extensions of the repository's mkdocs.yml, with their options."""
    config = yaml.load((Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)  # BaseLoader: mkdocs.yml has !!python tags elsewhere
    names: list[object] = []
    options: dict[str, object] = {}
    for entry in config["markdown_extensions"]:
        name, option = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = {k: v == "true" if v in ("true", "false") else v for k, v in option.items()}
    return names, options


def _resolve(scheme: str, rest: str) -> str | None:
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-kb", type=int, default=64)
    args = parser.parse_args()
    sizes = []
    size = 1024
    while size <= args.max_kb * 1024:
        sizes.append(size)
        size *= 2
    print(f"médianes sur {args.runs} mesures, en millisecondes ; tailles : "
          + ", ".join(f"{s // 1024} Ko" for s in sizes))
    header = f"{'forme':<16}{'étape':<13}" + "".join(f"{s // 1024:>8} Ko" for s in sizes) + "   exposant"
    print(header)
    worst = 0.0
    names, options = _extensions()

    def render(text: str) -> str:
        _prepared.cache_clear()
        return markdown.markdown(contributed(text, _resolve), extensions=names, extension_configs=options)

    for shape in SHAPES:
        for step, function in (("validation", lambda t: parse_section("how-to", t, "recipe.md")),
                               ("génération", lambda t: (_prepared.cache_clear(), contributed(t, _resolve))),
                               ("rendu", render)):
            medians = []
            for size in sizes:
                text = _text(shape, size)
                medians.append(_median(lambda text=text, function=function: function(text), args.runs))
            slope = exponent(sizes, medians)
            worst = max(worst, slope)
            cells = "".join(f"{m * 1000:>11.2f}" for m in medians)
            print(f"{shape:<16}{step:<13}{cells}   {slope:>8.2f}")
    print(f"plus grand exposant : {worst:.2f} (linéaire : 1, quadratique : 2 ; limite : {MAX_EXPONENT})")
    return 0 if worst <= MAX_EXPONENT else 1


if __name__ == "__main__":
    sys.exit(main())
