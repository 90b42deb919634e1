"""Near-duplicate recipes: MinHash LSH (datasketch, what ``publish/duplicates.py`` does) against
every pair scored by rapidfuzz, side by side, at 1,000 and 10,000 synthetic recipes.

    python benchmarks/duplicates.py                       # 1,000 and 10,000 recipes, 3 runs
    python benchmarks/duplicates.py --recipes 1000 --runs 5 --rows 50

Recipes: 16 items of 60 words drawn (seeded) from the words of this repository's recipes, so
unrelated recipes share words as real French texts do, but not their sequences; then 40 planted
copies of other recipes, in three kinds: 3 items of 16 rewritten (« reformulée »), items and
sections reordered (« réordonnée »), accents and case stripped (« sans accents »). Each recipe
is a real ``recipe.md``, loaded by ``read.load`` (untimed).

- ours: ``find_duplicates`` from a cold cache (words, shingles, MinHash signatures, the LSH
  index, exact Jaccard of the candidates, sections of the pairs found): median of ``--runs``;
- rapidfuzz: ``process.cdist`` with ``fuzz.token_set_ratio`` (C++, one worker, like ours) over
  the same normalised texts. Every pair is ``n(n−1)/2`` scores: the time of ``--rows`` rows
  against all ``n`` recipes is measured (median of ``--runs``) and extrapolated to the
  triangle. Its scores of the planted pairs and of the unrelated pairs of those rows are shown.

Prints, per size: medians, the ratio rapidfuzz/ours, and what each finds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from synthetic import REQUIRED, corpus, recipe_md  # benchmarks/synthetic.py

from recettes.core import memo
from recettes.core.french import number
from recettes.publish.duplicates import NEAR, find_duplicates, recipe_words
from recettes.read.load import load_repository

PLANTED = 40
KINDS = ("reformulée", "réordonnée", "sans accents")


def _items(rng: random.Random, vocabulary: list[str]) -> list[str]:
    return [" ".join(rng.choices(vocabulary, k=60)).capitalize() + "." for _ in range(16)]


def _strip(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def write_repository(root: Path, count: int) -> list[tuple[str, str, str]]:
    """``count`` recipes, the last ``PLANTED`` of which (a fifth of them at most) copy earlier
    ones; returns the planted pairs (original, copy, kind)."""
    planted_count = min(PLANTED, count // 5)
    vocabulary = [w for text in corpus() for w in text]
    (root / "schema" / "vocabularies").mkdir(parents=True)
    (root / "schema" / "vocabularies" / "themes.yml").write_text("- {id: habitat, label: Habitat}\n")
    (root / "schema" / "vocabularies" / "territories.yml").write_text(
        "- {id: bretagne, label: Bretagne, kind: region}\n", encoding="utf-8")
    texts: dict[int, list[str]] = {}
    planted = []
    for n in range(count):
        copy_of = n - count + planted_count
        if copy_of >= 0:
            original = (copy_of * 7919) % (count - planted_count)
            kind = KINDS[copy_of % len(KINDS)]
            items = list(texts[original])
            rng = random.Random(-n)
            if kind == "reformulée":
                for k in rng.sample(range(16), 3):
                    items[k] = _items(rng, vocabulary)[0]
            elif kind == "réordonnée":
                blocks = [items[i:i + 4] for i in range(0, 16, 4)]
                for block in blocks:
                    rng.shuffle(block)
                items = [item for block in reversed(blocks) for item in block]
            else:
                items = [_strip(item) for item in items]
            planted.append((f"recette-{original:05d}", f"recette-{n:05d}", kind))
        else:
            items = _items(random.Random(n), vocabulary)
        texts[n] = items
        meta = {"schema_version": 1, "title": f"Recette {n}", "summary": "Une innovation sociale.",
                "version": "1.0.0", "status": "published", "territory": {"place": "bretagne"},
                "themes": ["habitat"], "licence": "CC-BY-SA-4.0"}
        sections = {key: "\n".join(f"## Élément {k + 1}\n\n{items[i * 4 + k]}\n" for k in range(4))
                    for i, key in enumerate(REQUIRED)}
        folder = root / "recipes" / f"recette-{n:05d}"
        folder.mkdir(parents=True)
        (folder / "recipe.md").write_text(recipe_md(meta, sections), encoding="utf-8")
    return planted


def _seconds(value: float) -> str:
    """« 1,71 s », « 22\u202f331 s »: French decimals and thousands."""
    return f"{number(round(value, 2) if value < 100 else round(value))}\u00a0s"


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def measure(count: int, runs: int, rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        planted = write_repository(root, count)
        entries = load_repository(root).recipes
        assert len(entries) == count, f"{len(entries)} recettes lues sur {count}"

        import datasketch  # noqa: F401  # imported once per process (with scipy): not what we time

        ours, found = [], []
        for _ in range(runs):
            memo.clear()
            start = time.perf_counter()
            found = find_duplicates(entries)
            ours.append(time.perf_counter() - start)
        pairs = {(p.a, p.b) for p in found}
        hit = [(a, b, kind) for a, b, kind in planted if (min(a, b), max(a, b)) in pairs]
        extra = len(pairs) - len(hit)

        from rapidfuzz import fuzz, process

        keys = sorted(entries)
        texts = [" ".join(recipe_words(entries[key])) for key in keys]
        sample = list(range(0, count, max(1, count // rows)))[:rows]
        cdist = []
        for _ in range(runs):
            start = time.perf_counter()
            scores = process.cdist([texts[i] for i in sample], texts, scorer=fuzz.token_set_ratio, workers=1)
            cdist.append(time.perf_counter() - start)
        triangle = count * (count - 1) / 2
        per_pair = _median(cdist) / (len(sample) * count)
        index = {key: i for i, key in enumerate(keys)}
        copies = {index[b] for _, b, _ in planted} | {index[a] for a, _, _ in planted}
        unrelated = [scores[r][c] for r, i in enumerate(sample) for c in range(count)
                     if c != i and not (i in copies and c in copies)]
        planted_scores = [fuzz.token_set_ratio(texts[index[a]], texts[index[b]]) for a, b, _ in planted]

    fmt = f"{count:,}".replace(",", "\u202f")
    print(f"\n{fmt} recettes, {len(planted)} copies plantées ({', '.join(KINDS)})")
    print(f"  nôtre (MinHash LSH + Jaccard exact)\u00a0: {_seconds(_median(ours))} (médiane de {runs})"
          f" — {len(hit)}/{len(planted)} copies trouvées, {extra} autre(s) paire(s) à {NEAR * 100:.0f}\u00a0% ou plus")
    by_kind = {kind: sum(1 for *_, k in hit if k == kind) for kind in KINDS}
    print("      par sorte\u00a0: " + ", ".join(f"{k} {v}/{sum(1 for *_, x in planted if x == k)}"
                                            for k, v in by_kind.items()))
    rapid = per_pair * triangle
    print(f"  rapidfuzz token_set_ratio, toutes les paires\u00a0: {_seconds(rapid)} (extrapolé de "
          f"{len(sample)} lignes × {number(count)}\u00a0: {per_pair * 1e6:.0f}\u00a0µs par paire, "
          f"{number(triangle)} paires)")
    print(f"      scores\u00a0: copies plantées {min(planted_scores):.0f} à {max(planted_scores):.0f}, "
          f"paires sans lien {statistics.median(unrelated):.0f} en médiane, jusqu’à {max(unrelated):.0f}")
    print(f"  rapport rapidfuzz / nôtre\u00a0: {rapid / _median(ours):.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=20, help="lignes mesurées de la matrice de rapidfuzz")
    args = parser.parse_args()
    for count in args.recipes:
        measure(count, args.runs, args.rows)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
