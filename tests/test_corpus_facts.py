"""Fact check of the starter corpus: every number and every year comes from the seed documents.

The starter recipes and ambassador files were written from five public French documents (the
"seeds", kept next to the repository in ``../shared/seeds/``). A figure about a real person,
organisation or project that is not in those documents is an invented fact (issue 9). So every
digit sequence of ``recipes/**/*.yml``, ``recipes/**/*.md`` and ``ambassadors/*.yml`` must occur
in the seed texts, or be one of the few figures of ``ALLOWED`` below.

Not checked: the ``version`` and ``schema_version`` keys, coordinates (``location``, ``lat``,
``lon``), web addresses and link targets, and the numbering of Markdown lists ("1." at the
start of a line).
Dates of ``impact`` and ``source`` are checked like any other number: they must occur in the
seeds. Numbers are compared after normalisation: thousands separators (space, no-break space,
narrow no-break space) are removed, leading zeros dropped and decimal commas read as points,
so « 9 500 » in a recipe matches « 9500 » in a seed.

General orders of magnitude written in words (« de l’ordre de trois à cinq référents ») are not
digits and are therefore not seen here: they are reviewed by hand and must be worded as such.

This module deliberately imports nothing from the ``recettes`` package.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The seeds live beside the repository (../shared/seeds/); RECETTES_SEEDS points elsewhere.
SEEDS = Path(os.environ.get("RECETTES_SEEDS", ROOT.parent / "shared" / "seeds"))

# Every number of the five seed texts, normalised as below, frozen here so that the check also
# runs where the seeds are not checked out; test_frozen_seed_numbers_match_the_seeds keeps this
# list equal to the texts whenever they are present.
SEED_NUMBERS = frozenset({
    "1", "2", "3", "4", "5", "6", "7", "10", "11", "13", "17", "20", "21", "24", "25", "30",
    "47", "50", "54", "56", "62", "77", "82", "89", "90", "92", "95", "100", "300", "600", "1600",
    "2012", "2013", "9500",
})

# Figures allowed although the seeds do not contain them: keep this list short, one reason each.
ALLOWED: dict[str, str] = {
    # The licence identifier CC-BY-SA-4.0 of every recipe: a version of the Creative Commons
    # licence, not a fact about a project.
    "4.0": "version 4.0 de la licence Creative Commons BY-SA",
}

# Seeds sometimes spell a figure in words (« Cinquante personnes formées », « une demi douzaine
# d’interventions »): those words count as the figure they spell, on the seed side only.
NUMBER_WORDS = {
    "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "six": "6", "sept": "7", "huit": "8",
    "neuf": "9", "dix": "10", "onze": "11", "douze": "12", "quinze": "15", "vingt": "20",
    "trente": "30", "quarante": "40", "cinquante": "50", "soixante": "60", "cent": "100",
    "mille": "1000", "demi douzaine": "6", "demi-douzaine": "6", "douzaine": "12",
}
_WORDS = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
WORD = re.compile(rf"(?<![\w-])({_WORDS})(?![\w-])", re.IGNORECASE)

SEP = "[ \u00a0\u202f]"
NUMBER = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:{SEP}\d{{3}})+(?!\d)|\d+(?:[.,]\d+)?")
URL = re.compile(r"https?://[^\s)>\]\"']+")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s")
SKIPPED_KEY = re.compile(r"^\s*(?:-\s+)?(?:version|schema_version|lat|lon|location)\s*:")


@dataclass(frozen=True)
class Figure:
    path: str
    line: int
    number: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: « {self.number} » dans : {self.text.strip()[:100]}"


def normalise(raw: str) -> str:
    """« 9 500 » → 9500, « 04 » → 4, « 2,5 » → 2.5."""
    digits = re.sub(SEP, "", raw).replace(",", ".")
    if "." in digits:
        whole, frac = digits.split(".", 1)
        return f"{int(whole)}.{frac}"
    return str(int(digits))


def numbers_in(text: str) -> list[str]:
    return [normalise(m.group(0)) for m in NUMBER.finditer(text)]


def seed_numbers(seeds: Path = SEEDS) -> frozenset[str]:
    """The numbers of the seed texts when they are present, else the frozen SEED_NUMBERS."""
    texts = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not texts:
        return SEED_NUMBERS
    found: set[str] = set()
    for path in texts:
        text = URL.sub(" ", path.read_text(encoding="utf-8"))
        found.update(numbers_in(text))
        found.update(NUMBER_WORDS[m.group(1).lower()] for m in WORD.finditer(text))
    return frozenset(found)


def corpus_files(root: Path) -> list[Path]:
    return sorted([*root.glob("recipes/**/*.yml"), *root.glob("recipes/**/*.md"),
                   *root.glob("ambassadors/*.yml")])


def figures(root: Path, files: Iterable[Path]) -> list[Figure]:
    """Every number a reader can see in the corpus files, with its place."""
    found = []
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        # A recipe.md starts with its metadata (YAML) between two « --- » lines.
        front_end = lines.index("---", 1) + 1 if path.suffix == ".md" and lines[:1] == ["---"] \
            and "---" in lines[1:] else 0
        for lineno, line in enumerate(lines, 1):
            markdown = path.suffix == ".md" and lineno > front_end
            if not markdown and SKIPPED_KEY.match(line):
                continue
            visible = LIST_NUMBER.sub("", line) if markdown else line
            visible = URL.sub(" ", LINK_TARGET.sub("]", visible))
            found += [Figure(path.relative_to(root).as_posix(), lineno, n, line)
                      for n in numbers_in(visible)]
    return found


def unsourced_figures(root: Path, known: frozenset[str] | None = None) -> list[Figure]:
    """The figures of the corpus under root that neither the seeds nor ALLOWED account for."""
    known = seed_numbers() if known is None else known
    return [f for f in figures(root, corpus_files(root)) if f.number not in known | ALLOWED.keys()]


def report(offending: list[Figure]) -> str:
    lines = [str(f) for f in offending]
    return (f"{len(lines)} chiffre(s) absent(s) des documents sources ({SEEDS}) et de ALLOWED :\n"
            + "\n".join(lines)
            + "\nRetirez le chiffre, ou citez-le d’une source ; un ordre de grandeur général "
              "s’écrit comme tel (« de l’ordre de… »).")


def test_every_figure_of_the_corpus_comes_from_the_seeds() -> None:
    assert corpus_files(ROOT), "le corpus est vide"
    offending = unsourced_figures(ROOT)
    assert not offending, report(offending)


def test_an_invented_figure_is_reported_with_its_place(tmp_path: Path) -> None:
    """« 250 habitants » added to a recipe, « 4 200 adhérents » to a profile: both are caught."""
    for name in ("recipes", "ambassadors"):
        shutil.copytree(ROOT / name, tmp_path / name)
    before = {(f.path, f.number, f.text) for f in unsourced_figures(tmp_path)}
    how_to = sorted((tmp_path / "recipes").glob("*/recipe.md"))[0]
    lines = how_to.read_text(encoding="utf-8").splitlines()
    how_to.write_text("\n".join([*lines, "", "Le projet a touché 250 habitants en 2019."]) + "\n",
                      encoding="utf-8")
    profile = sorted((tmp_path / "ambassadors").glob("*.yml"))[0]
    text = profile.read_text(encoding="utf-8")
    invented = "\nbio: >-\n  Compte 4\u202f200 adhérents.\n"
    profile.write_text(text.replace("\nbio: >-\n", invented, 1), encoding="utf-8")

    offending = [f for f in unsourced_figures(tmp_path) if (f.path, f.number, f.text) not in before]

    where = {(f.path, f.line, f.number) for f in offending}
    recipe = how_to.relative_to(tmp_path).as_posix()
    bio_line = text.splitlines().index("bio: >-") + 2
    assert {(recipe, len(lines) + 2, "250"), (recipe, len(lines) + 2, "2019"),
            (profile.relative_to(tmp_path).as_posix(), bio_line, "4200")} == where
    message = report(offending)
    assert f"{recipe}:{len(lines) + 2}: « 250 »" in message and "4200" in message


def test_numbers_are_compared_after_normalisation(tmp_path: Path) -> None:
    """Separators and leading zeros do not matter; list numbers, versions, addresses are skipped."""
    assert ["9500", "1600", "30", "10", "4", "2.5", "2013"] == numbers_in(
        "plus de 9\u202f500 visites, 1 600 abonnés, 30\u00a0%, 10:04, 2,5 en 2013")
    (tmp_path / "recipes" / "r").mkdir(parents=True)
    (tmp_path / "recipes" / "r" / "how-to.md").write_text(
        "1. Une étape, voir [l’article](http://example.org/article97.html).\n", encoding="utf-8")
    (tmp_path / "recipes" / "r" / "recipe.yml").write_text(
        "schema_version: 1\nversion: 3.14.159\nterritory:\n  location: {lat: 48.38, lon: -4.72}\n"
        "started: 1999\n", encoding="utf-8")
    assert [("recipes/r/recipe.yml", 5, "1999")] == [
        (f.path, f.line, f.number) for f in unsourced_figures(tmp_path, frozenset())]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"documents sources absents ({SEEDS})")
def test_frozen_seed_numbers_match_the_seeds() -> None:
    """SEED_NUMBERS is what the seed texts contain: update it if a seed is added or changed."""
    assert sorted(SEED_NUMBERS, key=float) == sorted(seed_numbers(), key=float)
