"""Synthetic repositories for the benchmarks, and the helpers the benchmark scripts share.

``synthesize`` writes N valid recipes in the current layout — one ``recipes/<slug>/recipe.md``
each: YAML front matter, then the sections under level-1 French headings (« # Comment faire »…,
from ``recettes.core.sections``) and their items under level-2 headings — whose texts
are windows of this repository's real recipes (``corpus``), with 20 ambassadors, vocabularies, one hand-written page and the project's ``mkdocs.yml``
without ``printable`` (the documents to print are timed apart: ``recettes print``; the build
targets compare the handbook's pages with bare Material's).
``commit_history`` turns it into a git repository (``git fast-import``) where every recipe has
two versions. ``run`` times a child process as users run it and reads its peak memory.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from recettes.core.sections import RECIPE_MD, SECTION_TITLES

THEMES = ["alimentation", "habitat", "mobilite", "solidarite", "energie", "cooperation"]
WORDS = ["compost", "voisin", "quartier", "atelier", "vélo", "jardin", "partage", "réseau",
         "habitant", "commune", "bénévoles", "association", "réemploi", "entraide", "formation",
         "marché", "école", "énergie", "coopération", "l’accueil"]
AUTHORS = [
    ("Françoise Le Hénaff", "francoise@example.org"),
    ("Gwénaël Kerjean", "gwenael@example.org"),
    ("Ada Lovelace", "ada@example.org"),
    ("Yann Le Gall", "yann@example.org"),
    ("Maëlle Quéré", "maelle@example.org"),
    ("Loïc Tanguy", "loic@example.org"),
    ("Soizic Morvan", "soizic@example.org"),
    ("F. Le Henaff", "fl@old.example.org"),  # merged into Françoise by history.py's .mailmap
]
START = 1_577_869_200  # 2020-01-01T10:00:00+01:00
REQUIRED = ("how-to", "obstacles", "enablers", "reproducibility")
"""The four sections a published recipe writes, in order."""


def recipe_md(meta: dict[str, Any], sections: dict[str, str]) -> str:
    """The text of a recipe.md: ``meta`` as front matter, then each section (id -> Markdown
    body, items under « ## ») under its French level-1 heading."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    body = "\n".join(f"# {SECTION_TITLES[key]}\n\n{text.strip()}\n" for key, text in sections.items())
    return f"---\n{front}---\n\n{body}"


def corpus() -> list[list[str]]:
    """The words of each recipe of this repository (body only, in order, lower case), or
    ``[WORDS]`` when it has none: the synthetic texts reuse them, so that a word is on as large
    a share of pages as in real recipes (« compost » on 3 of 19, « bénévoles » on 9) instead of
    on every page, which would make every query match every recipe."""
    texts = []
    for path in sorted((REPO / "recipes").glob(f"*/{RECIPE_MD}")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        words = _WORD.findall(re.sub(r"\(recette:[^)]*\)|^#+ .*$", " ", body, flags=re.M).lower())
        if len(words) >= 60:
            texts.append(words)
    return texts or [WORDS * 3]


_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
_CORPUS: list[list[str]] = []


def item_text(n: int, item: int) -> str:
    """60 words for item ``item`` of recipe ``n``: a window of real recipe ``n mod R``, its
    words shuffled (seeded by ``n`` and ``item``). Each page keeps the words of a real recipe
    (what search measures), but recipes ``n`` and ``n + R`` no longer share their word
    sequences: unshuffled, they were near copies of one another (Jaccard 0.8 of their word
    3-grams), which no real corpus is and which « Recettes proches » would report."""
    if not _CORPUS:
        _CORPUS.extend(corpus())
    words = _CORPUS[n % len(_CORPUS)]
    start = (item * 60 + n * 13) % len(words)
    window = [words[(start + j) % len(words)] for j in range(60)]
    random.Random(n * 7919 + item).shuffle(window)
    return " ".join(window)


def slug(n: int) -> str:
    return f"recette-{n:04d}"


def synthesize(root: Path, count: int) -> None:
    """A repository of ``count`` valid recipes, 20 ambassadors, vocabularies and docs."""
    vocab = root / "schema" / "vocabularies"
    vocab.mkdir(parents=True)
    (vocab / "themes.yml").write_text(yaml.safe_dump([{"id": t, "label": t.capitalize()} for t in THEMES]))
    # As a region is: 4 départements, 4 pays each, 15 communes per pays (240 communes).
    places = [{"id": "bretagne", "label": "Bretagne", "kind": "region"}]
    for d in range(4):
        places.append({"id": f"departement-{d}", "label": f"Département {d}", "kind": "departement",
                       "parent": "bretagne"})
        for p in range(4):
            places.append({"id": f"pays-{d}-{p}", "label": f"Pays {d}-{p}", "kind": "pays",
                           "parent": f"departement-{d}"})
            places += [{"id": f"commune-{(d * 4 + p) * 15 + c}", "label": f"Commune {(d * 4 + p) * 15 + c}",
                        "kind": "commune", "parent": f"pays-{d}-{p}"} for c in range(15)]
    (vocab / "territories.yml").write_text(yaml.safe_dump(places, allow_unicode=True))
    (root / "ambassadors").mkdir()
    for i in range(20):
        (root / "ambassadors" / f"personne-{i}.yml").write_text(yaml.safe_dump(
            {"schema_version": 1, "name": f"Personne {i}", "kind": "person", "expertise": [THEMES[i % 6]]}))
    (root / "docs").mkdir()
    (root / "docs" / "a-propos.md").write_text("# À propos\n\nLe réseau.\n")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("\n      printable: true", "", 1), encoding="utf-8")
    for n in range(count):
        folder = root / "recipes" / slug(n)
        folder.mkdir(parents=True)
        meta = {"schema_version": 1, "title": f"Recette {n} {WORDS[n % len(WORDS)]}",
                "summary": f"Une innovation sociale numéro {n} autour de {WORDS[(n * 7) % len(WORDS)]}.",
                "version": "1.1.0", "status": "archived" if n % 20 == 19 else "published", "started": 2012 + n % 10,
                "territory": {"place": f"commune-{n % 240}"}, "themes": [THEMES[n % 6], THEMES[(n + 1) % 6]],
                "holders": [{"id": f"personne-{n % 20}", "role": "holder"}],
                "licence": "CC-BY-SA-4.0"}  # required since issue 12 (R113): without it, nothing is published
        sections = {}
        for key in REQUIRED:
            items = []
            for k in range(4):
                text = item_text(n, len(sections) * 4 + k)
                link = f" Voir [une autre](recette:{slug((n + 1) % count)})." if k == 0 else ""
                items.append(f"## Élément {k + 1}\n\n{text.capitalize()}.{link}\n\n- un point\n- un autre\n")
            sections[key] = "\n".join(items)
        (folder / RECIPE_MD).write_text(recipe_md(meta, sections), encoding="utf-8")


def append_sentence(root: Path, n: int, sentence: str) -> Path:
    """Add ``sentence`` at the end of the « Comment faire » section of recipe ``n`` (an edit
    as a contributor makes it); returns the file."""
    path = root / "recipes" / slug(n) / RECIPE_MD
    heading = f"\n# {SECTION_TITLES['obstacles']}\n"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(heading, f"\n{sentence}\n{heading}", 1), encoding="utf-8")
    return path


def _data(text: str) -> bytes:
    raw = text.encode()
    return b"data %d\n%s\n" % (len(raw), raw)


def commit_chunk(author: tuple[str, str], when: int, message: str, files: dict[str, str]) -> bytes:
    """One commit on main for a fast-import stream, writing ``files`` (path -> text)."""
    name, email = author
    out = [
        b"commit refs/heads/main\n",
        f"author {name} <{email}> {when} +0100\n".encode(),
        f"committer {name} <{email}> {when} +0100\n".encode(),
        _data(message),
    ]
    out += [f"M 100644 inline {path}\n".encode() + _data(text) for path, text in files.items()]
    out.append(b"\n")
    return b"".join(out)


def fast_import(path: Path, chunks: Iterable[bytes]) -> None:
    """Create (or reuse) the repository at ``path`` and feed it a ``git fast-import`` stream."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    process = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=path, stdin=subprocess.PIPE)
    assert process.stdin is not None
    for chunk in chunks:
        process.stdin.write(chunk)
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit("échec de git fast-import")


def commit_history(root: Path, count: int) -> None:
    """Make ``root`` a git repository where every recipe has two versions, 1.0.0 then 1.1.0
    (one commit each, several authors), built with ``git fast-import``; the working tree is
    the last commit."""
    files = {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}
    common = {path: text for path, text in files.items() if not path.startswith("recipes/")}

    def recipe(n: int) -> dict[str, str]:
        prefix = f"recipes/{slug(n)}/"
        return {path: text for path, text in files.items() if path.startswith(prefix)}

    def chunks() -> Iterator[bytes]:
        yield commit_chunk(AUTHORS[0], START, "Vocabulaires, ambassadeur·rices et pages", common)
        for n in range(count):
            old = {path: text.replace("version: 1.1.0", "version: 1.0.0").replace("Élément 1", "Étape 1")
                   for path, text in recipe(n).items()}
            yield commit_chunk(AUTHORS[n % len(AUTHORS)], START + 60 * n, f"{slug(n)} : création", old)
        for n in range(count):
            yield commit_chunk(AUTHORS[(n + 3) % len(AUTHORS)], START + 60 * (count + n),
                               f"{slug(n)} : version 1.1.0", recipe(n))

    fast_import(root, chunks())
    subprocess.run(["git", "reset", "-q"], cwd=root, check=True)


def repository(tmp: Path, count: int) -> Path:
    """A synthetic repository of ``count`` recipes with its git history, in ``tmp/repo``."""
    root = tmp / "repo"
    root.mkdir()
    synthesize(root, count)
    commit_history(root, count)
    return root


def child_env() -> dict[str, str]:
    """The environment of the commands we time: this checkout's package, no MkDocs 2 notice."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "tools")}


@dataclass(frozen=True)
class Run:
    """One timed command: wall time (s); peak memory (MiB) of the process and the children it
    waited for (git, Pagefind), as the kernel reports it to ``wait4`` (the largest one, not a
    sum); and the peak of the whole process tree at once (``tree_peak_mib``: the proportional
    set sizes of every process of the tree summed, sampled every 0.1 s), which counts Pagefind's
    indexer and the build together and a forked worker's shared pages once."""

    seconds: float
    peak_mib: float
    tree_peak_mib: float = float("nan")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _pss(pid: int) -> int:
    """Bytes of the proportional set size of ``pid`` (0 once it has exited)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def _sample_tree(pid: int, done: threading.Event, peak: list[int]) -> None:
    while not done.wait(0.1):
        tree, todo = [], [pid]
        while todo:
            current = todo.pop()
            tree.append(current)
            todo += _children(current)
        peak[0] = max(peak[0], sum(_pss(member) for member in tree))


def run(cmd: list[str], cwd: Path) -> Run:
    """Run ``cmd`` as users do (a child process), exit with its error output if it fails."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=child_env(), stdout=out, stderr=subprocess.STDOUT)
        done, peak = threading.Event(), [0]
        sampler = threading.Thread(target=_sample_tree, args=(process.pid, done, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            out.seek(0)
            sys.exit(f"échec de {' '.join(cmd)} :\n{out.read().decode(errors='replace')[-3000:]}")
    return Run(elapsed, usage.ru_maxrss / 1024, peak[0] / 2**20)  # ru_maxrss is in KiB on Linux


def median_run(runs: list[Run]) -> Run:
    """The median time and the median peaks of memory of ``runs`` (nan when nothing ran)."""
    if not runs:
        return Run(float("nan"), float("nan"))
    return Run(statistics.median(r.seconds for r in runs), statistics.median(r.peak_mib for r in runs),
               statistics.median(r.tree_peak_mib for r in runs))


def tree_size(path: Path) -> int:
    """Bytes of the files below ``path`` (their lengths, not the blocks they fill)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
"""Debian's chromium in a container, as the browser tests launch it (tests/conftest.py)."""


def launch_chromium(playwright: Any) -> Any:
    """Debian's ``chromium`` through Playwright (``playwright install`` does not work here)."""
    executable = shutil.which("chromium")
    if executable is None:
        sys.exit("chromium est introuvable : installez le paquet Debian « chromium » (make browser).")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
