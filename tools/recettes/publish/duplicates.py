"""Duplicates: recipes whose texts are the same or nearly the same — one recipe copied or
imported into two territories, or into two sources of a network — found, measured and described
for the report (``recettes duplicates``) and the pages (« Recettes proches »). Never merged:
this module only says which pairs look alike, how much and where.

The rules, in one place:

- **Text compared** (``words``): the title, the summary and every section (introduction, item
  titles and bodies) in section order, Markdown reduced to its words (``plain_text``: link and
  image texts kept, targets and marks dropped), NFC, then accents and case folded
  (``core.french.fold``), cut into words of letters and digits. Items still « À compléter »
  (``core.sections.PLACEHOLDER``) are left out: every new draft has them.
- **Identical** (``Likeness.exact``): the same words in the same order — a copy whose accents,
  case, punctuation, Markdown or section order changed. A text of fewer than ``MIN_WORDS`` words
  is never compared (too little to tell a copy from a coincidence).
- **Near**: the Jaccard similarity of the two texts' sets of word 3-grams (« shingles »),
  ``|A ∩ B| / |A ∪ B|``, at least ``NEAR`` (0.5: half of all passages in common). Reordered items
  or sections barely change it; each reworded sentence removes its own passages only.
  ``VERY_NEAR`` (0.8) and above reads « quasi identique ». For the sections named in the report,
  the same measure section by section.
- **Not duplicates**: two recipes of one lineage — one declares the other in ``adapted_from``
  (either direction, directly or through adaptations of adaptations), or both are adapted from
  the same origin (a recipe or the same address); a recipe and its own older versions (only
  current versions are compared).

Why MinHash LSH (``datasketch``) and not all pairs with ``rapidfuzz``: measured with
``benchmarks/duplicates.py`` (synthetic recipes of about 1,000 words drawn from this
repository's texts, 40 planted copies: reworded, reordered, accents stripped; medians of 3, in
four runs on the project's 2-core machine while other benchmarks ran on it). rapidfuzz's
``token_set_ratio`` costs 340 to 1,400 µs a pair on such texts even in C++ (``process.cdist``,
one worker): every pair is 170 to 680 s at 1,000 recipes and, extrapolated from 20 rows of the
matrix, 17,000 to 32,000 s (5 to 9 hours) at 10,000 — 50 million pairs; its scores also leave a
narrow margin (unrelated French texts score 71 in median, up to 75; the copies 92 to 100), which
a threshold would have to be tuned on. MinHash signatures (128 permutations, 32-bit hashes of
the shingles) in an LSH index of 42 bands × 3 rows give the candidates in time linear in the
number of recipes, each checked by the exact Jaccard of its two shingle sets: 1.7 to 4.4 s at
1,000 and 14 to 29 s at 10,000 (80 to 230, then 730 to 2,300 times faster in the same runs),
every planted copy found and no other pair. A pair at exactly 50 % becomes a candidate with
probability ``1 − (1 − 0.5³)⁴²`` ≈ 99.6 % (99.996 % at 60 %), the same on every run (fixed
seeds, CRC-32 word hashes): reports are reproducible. Fingerprints (two thirds of the time) are
made by one process per core from ``PARALLEL_FROM`` recipes, and cached per parse of a recipe
(``RecipeEntry.stamp``): a rebuild while serving only reads the recipes that changed. Between
builds (``mkdocs build --dirty`` in CI, which keeps the build folder), the handbook keeps them in
a file by a digest of the texts they measure (``FingerprintStore``, ``STORE``): 20 s of a
one-edit rebuild at 10,000 recipes, down to reading 50 MB.

Where it runs: ``recettes duplicates`` (drafts included) and the handbook build (pages, and the
pairs in its log at INFO level). Not in ``recettes validate``: at 10,000 recipes the detection
alone takes three to six times the 5 s that validation may take.

Network: every function takes an optional ``sources`` mapping (recipe key → label of the
territorial repository it comes from; ``catalog_duplicates`` reads ``Catalog.sources``). A pair
from two sources is marked ``across`` and says both sources. Lineage across sources: ``addresses``
(recipe key → the addresses it is published at: its page, its permanent id, its page in its own
source's handbook) is matched against ``adapted_from.url``, and ``resolve`` (recipe key → {slug
as written in its source → key in the union}) reads ``adapted_from.recipe`` when slugs were
renamed to stay unique.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import multiprocessing
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from recettes.catalog.catalog import Catalog
from recettes.core import memo
from recettes.core.addresses import SiteUrls
from recettes.core.french import NBSP, fold
from recettes.core.model import Recipe
from recettes.core.sections import PLACEHOLDER, SECTION_TITLES, SECTIONS
from recettes.publish.texts import plain_text
from recettes.read.load import RecipeEntry

SHINGLE = 3
"""Words per shingle: short enough that a reworded sentence spoils few of them, long enough that
two unrelated French texts share almost none (« de la », « mise en place » are in all)."""
NEAR = 0.5
"""Smallest Jaccard similarity of two recipes' shingles reported as « recette proche »."""
VERY_NEAR = 0.8
"""From here on, the pair is « quasi identique »."""
MIN_WORDS = 30
"""A text shorter than this (a new draft, a stub) is not compared."""
NUM_PERM = 128
LSH_BANDS = (42, 3)
"""42 bands of 3 rows of the 128-permutation MinHash (126 used): see the module docstring."""
SEED = 1
SCHEME = "affine32"  # datasketch 2.0 default, named: signatures of one run always share it

_WORD = re.compile(r"[^\W_]+")
_FOLDED_PLACEHOLDER = fold(PLACEHOLDER)


@dataclass(frozen=True)
class SectionLikeness:
    """How alike one section is in both recipes: ``id`` (``core.sections``), ``similarity`` (0–1)."""

    id: str
    similarity: float

    @property
    def title(self) -> str:
        return SECTION_TITLES[self.id]


@dataclass(frozen=True)
class Likeness:
    """Two recipes that look alike: keys ``a`` < ``b`` (the catalog's slugs, unique across the
    sources of a network),
    ``similarity`` (Jaccard of their shingles, 0–1; 1.0 when ``exact``), ``exact`` (the same
    words in the same order once normalised), ``sections`` (sections present in both, most alike
    first), and the sources they come from (``None`` in a single repository)."""

    a: str
    b: str
    similarity: float
    exact: bool
    sections: tuple[SectionLikeness, ...] = ()
    source_a: str | None = None
    source_b: str | None = None

    @property
    def across(self) -> bool:
        """Whether the two recipes come from two different sources of a network."""
        return self.source_a != self.source_b

    @property
    def level(self) -> str:
        """The similarity in words: « identique », « quasi identique » or « proche »."""
        return similarity_words(self.similarity, self.exact)

    def other(self, key: str) -> str:
        return self.b if key == self.a else self.a

    def alike_sections(self) -> list[SectionLikeness]:
        """The sections alike enough to be named (at least ``NEAR``)."""
        return [s for s in self.sections if s.similarity >= NEAR]


def similarity_words(similarity: float, exact: bool = False) -> str:
    """« identique » (the same text once formatting is ignored), « quasi identique » (from
    ``VERY_NEAR``) or « proche »."""
    if exact:
        return "identique"
    return "quasi identique" if similarity >= VERY_NEAR else "proche"


def percent(similarity: float) -> str:
    """« 86 % » (French: no-break space before %), never 100 % for a text that is not identical."""
    value = min(99, round(similarity * 100)) if similarity < 1 else 100
    return f"{value}{NBSP}%"


# Text -------------------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    """The words compared: Markdown reduced to its words, NFC, accents and case folded."""
    folded = fold(unicodedata.normalize("NFC", plain_text(text)))
    return _WORD.findall(folded)


def _placeholder(text: str) -> bool:
    return fold(text[:40]).lstrip(" *_>").startswith(_FOLDED_PLACEHOLDER)


Texts = tuple[str, tuple[tuple[str, str], ...]]
"""What is compared of a recipe, as plain strings: its title and summary, then (section id,
section text) in ``SECTIONS`` order, placeholders left out (cheap to send to another process)."""


def recipe_texts(entry: RecipeEntry) -> Texts:
    meta = entry.meta
    head = f"{meta.title}\n\n{meta.summary}" if meta is not None else ""
    sections = []
    for kind in SECTIONS:
        section = entry.sections.get(kind.id)
        if section is None:
            continue
        parts = [] if _placeholder(section.intro) else [section.intro]
        parts += [f"{item.title}\n\n{item.body}" for item in section.items
                  if not (_placeholder(item.body) or _placeholder(item.title))]
        sections.append((kind.id, "\n\n".join(parts)))
    return head, tuple(sections)


def section_words(entry: RecipeEntry) -> dict[str, list[str]]:
    """Each section's compared words (``words``), in ``SECTIONS`` order, placeholders left out."""
    return {kind: found for kind, text in recipe_texts(entry)[1] if (found := words(text))}


def recipe_words(entry: RecipeEntry) -> list[str]:
    """All the compared words of a recipe: title, summary, then its sections in order."""
    return _all_words(recipe_texts(entry))


def _all_words(texts: Texts) -> list[str]:
    head, sections = texts
    return words(head) + [w for _, text in sections for w in words(text)]


def shingles(tokens: list[str]) -> NDArray[np.uint32]:
    """The sorted, distinct 32-bit hashes of the word ``SHINGLE``-grams of ``tokens`` (one for a
    shorter text, none for an empty one): each word's CRC-32 (the same on every run and
    machine), mixed over the ``SHINGLE`` words of each gram with numpy's wrapping 64-bit
    arithmetic, then folded to 32 bits — twice as fast as hashing the joined words."""
    words_hashes = np.fromiter((zlib.crc32(w.encode()) for w in tokens), dtype=np.uint64, count=len(tokens))
    grams = max(0, len(tokens) - SHINGLE + 1) if len(tokens) >= SHINGLE else min(1, len(tokens))
    if not grams:
        return np.empty(0, dtype=np.uint32)
    mixed = np.zeros(grams, dtype=np.uint64)
    for offset in range(min(SHINGLE, len(tokens))):
        mixed = (mixed * _MIX) ^ words_hashes[offset:offset + grams]
    folded = (mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return np.unique(folded.astype(np.uint32))


_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (2⁶⁴ / golden ratio): spreads the bits


def jaccard(first: NDArray[np.uint32], second: NDArray[np.uint32]) -> float:
    """``|A ∩ B| / |A ∪ B|`` of two ``shingles`` arrays (0.0 when both are empty)."""
    common = np.intersect1d(first, second, assume_unique=True).size
    union = first.size + second.size - common
    return common / union if union else 0.0


@dataclass
class Fingerprint:
    """What is compared of one recipe: how many words, their digest (BLAKE2b, 16 bytes), its
    shingles (4 bytes each: 40 MB for 10,000 recipes of 1,000 words) and their MinHash
    signature (``NUM_PERM`` values)."""

    count: int
    digest: bytes
    shingles: NDArray[np.uint32]
    signature: NDArray[Any]


_FINGERPRINTS: dict[int, tuple[bytes, Fingerprint]] = {}
"""By parse (``RecipeEntry.stamp``): the digest of the texts measured (``texts_digest``) and
their fingerprint."""
memo.register(_FINGERPRINTS.clear)
PARALLEL_FROM = 400
"""From this many recipes not fingerprinted yet, the work is shared by one process per core (as
``read.load`` does): about 2 ms a recipe, two thirds of the detection's time."""


def fingerprint(entry: RecipeEntry) -> Fingerprint:
    """The fingerprint of one parse of a recipe (cached by ``entry.stamp``)."""
    return fingerprints({entry.slug: entry})[entry.slug]


class FingerprintStore:
    """Fingerprints kept in one file between builds, by a digest of the texts they measure
    (``texts_digest``), so that a build in a new process measures only what changed.

    ``open(path)`` reads the file (once per path; a missing, unreadable or older-format file is
    an empty store, never an error); ``fingerprints`` takes from it and adds to it; ``save()``
    writes, atomically, the fingerprints used since ``open`` (stale ones are dropped) when
    anything changed. The file is a NumPy ``.npz`` archive of plain arrays (read with
    ``allow_pickle=False``): counts, digests, concatenated shingles with their offsets, and
    signatures; its name carries the parameters (``FORMAT``)."""

    VERSION = 1
    """Raise it whenever ``_measure`` changes (words, normalisation, hashes): old files are then
    ignored, never read as current."""
    FORMAT = f"empreintes-v{VERSION}-{NUM_PERM}-{SEED}-{SCHEME}-{SHINGLE}.npz"

    def __init__(self) -> None:
        self.path: Path | None = None
        self.known: dict[bytes, Fingerprint] = {}
        self.used: set[bytes] = set()
        self.changed = False

    def open(self, folder: Path) -> None:
        """Use the store file of ``folder`` (the build folder)."""
        path = folder / self.FORMAT
        if path == self.path:
            self.used = set()
            return
        self.path, self.known, self.used, self.changed = path, _read_store(path), set(), False

    def close(self) -> None:
        """Forget the file and what it held (``core.memo``: after a one-shot build, in tests)."""
        self.path, self.known, self.used, self.changed = None, {}, set(), False

    def take(self, key: bytes) -> Fingerprint | None:
        found = self.known.get(key) if self.path is not None else None
        if found is not None:
            self.used.add(key)
        return found

    def keep(self, key: bytes, found: Fingerprint) -> None:
        """Record that this build uses ``found`` (measured from texts of digest ``key``)."""
        if self.path is not None:
            if key not in self.known:
                self.known[key] = found
                self.changed = True
            self.used.add(key)

    def save(self) -> None:
        """Write the fingerprints used since ``open``, if they differ from the file's."""
        if self.path is None or not (self.changed or self.used != set(self.known)):
            return
        kept = sorted(self.used & set(self.known))
        prints = [self.known[key] for key in kept]
        offsets = np.cumsum([0] + [len(p.shingles) for p in prints], dtype=np.int64)
        keys = np.frombuffer(b"".join(kept), dtype=np.uint8).reshape(-1, 16)
        counts = np.array([p.count for p in prints], dtype=np.int64)
        digests = np.frombuffer(b"".join(p.digest for p in prints), dtype=np.uint8).reshape(-1, 16)
        shingled = np.concatenate([p.shingles for p in prints]) if prints else np.zeros(0, np.uint32)
        signatures = np.stack([p.signature for p in prints]) if prints else np.zeros((0, NUM_PERM), np.uint64)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".tmp")
        try:
            with partial.open("wb") as out:
                np.savez(out, keys=keys, counts=counts, digests=digests, shingles=shingled, offsets=offsets,
                         signatures=signatures)
            partial.replace(self.path)
        except OSError:  # a cache: the next build measures again
            partial.unlink(missing_ok=True)
            return
        self.known = dict(zip(kept, prints, strict=True))
        self.changed = False


def _read_store(path: Path) -> dict[bytes, Fingerprint]:
    try:
        with path.open("rb") as raw, np.load(raw, allow_pickle=False) as data:
            keys, counts, digests = data["keys"], data["counts"], data["digests"]
            shingles, offsets, signatures = data["shingles"], data["offsets"], data["signatures"]
    except (OSError, ValueError, KeyError, EOFError, TypeError, AttributeError, zipfile.BadZipFile):
        return {}
    if not (len(keys) == len(counts) == len(digests) == len(signatures) == len(offsets) - 1):
        return {}
    return {bytes(key): Fingerprint(int(count), bytes(digest), shingles[offsets[i]:offsets[i + 1]], signatures[i])
            for i, (key, count, digest) in enumerate(zip(keys, counts, digests, strict=True))}


STORE = FingerprintStore()
"""The handbook build's store (opened by the plugin on its build folder); unused elsewhere."""
memo.register(STORE.close)


def texts_digest(texts: Texts) -> bytes:
    """A digest of what a fingerprint measures (``recipe_texts``), the key of ``STORE``."""
    head, sections = texts
    joined = "\x00".join([head, *(f"{kind}\x01{text}" for kind, text in sections)])
    return hashlib.blake2b(joined.encode(), digest_size=16).digest()


def fingerprints(entries: Mapping[str, RecipeEntry], *,
                 parallel_from: int | None = None) -> dict[str, Fingerprint]:
    """The fingerprint of each recipe (key → ``Fingerprint``), made once per parse (``stamp``),
    or taken from ``STORE`` when it is open; shared among processes from ``parallel_from``
    (default ``PARALLEL_FROM``) new ones."""
    parallel_from = PARALLEL_FROM if parallel_from is None else parallel_from
    found: dict[int, Fingerprint] = {}
    candidates = []
    for entry in {entry.stamp: entry for entry in entries.values()}.values():
        cached = _FINGERPRINTS.get(entry.stamp)
        if cached is not None:
            STORE.keep(*cached)  # still in use: a live preview's store keeps it
            found[entry.stamp] = cached[1]
        else:
            candidates.append(entry)
    new: dict[int, tuple[bytes, Fingerprint]] = {}
    missing, texts, keys = [], [], []
    for entry in candidates:
        text = recipe_texts(entry)
        key = texts_digest(text)
        stored = STORE.take(key)
        if stored is not None:
            new[entry.stamp] = (key, stored)
        else:
            missing.append(entry)
            texts.append(text)
            keys.append(key)
    cores = os.cpu_count() or 1
    if len(missing) >= parallel_from and cores > 1:
        # Forked workers share the build's memory (1.9 GB at 10,000 recipes) until they write to
        # it: the build's objects are frozen out of the garbage collector first, or the
        # workers' collections would touch, and so copy, every page of them (Python's gc.freeze).
        gc.freeze()
        try:
            with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork")) as pool:
                made = list(pool.map(_measure, texts, chunksize=max(16, len(texts) // (cores * 8))))
        finally:
            gc.unfreeze()
    else:
        made = [_measure(text) for text in texts]
    for entry, key, measured in zip(missing, keys, made, strict=True):
        STORE.keep(key, measured)
        new[entry.stamp] = (key, measured)
    if len(_FINGERPRINTS) + len(new) > 100_000:
        _FINGERPRINTS.clear()
    _FINGERPRINTS.update(new)
    found.update({stamp: measured for stamp, (_, measured) in new.items()})
    return {key: found[entry.stamp] for key, entry in entries.items()}


def _measure(texts: Texts) -> Fingerprint:
    """Words, digest, shingles and MinHash signature of one recipe's ``texts`` (any process)."""
    tokens = _all_words(texts)
    digest = hashlib.blake2b("\n".join(tokens).encode(), digest_size=16).digest()
    found = shingles(tokens)
    signature = _minhash()
    signature.update_batch(found.tolist())
    return Fingerprint(len(tokens), digest, found, signature.hashvalues)


@functools.cache
def _template() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=SCHEME)


def _minhash(hashvalues: NDArray[Any] | None = None) -> Any:
    """An empty MinHash of the module's scheme, or one holding ``hashvalues``; the permutations
    are computed once per process."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, hashvalues=hashvalues,
                   permutations=_template().permutations, scheme=SCHEME)


# Lineage ----------------------------------------------------------------------------------------

def _address(url: str) -> str:
    """An address compared without scheme, ``www.``, query, fragment or final slash."""
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("#")[0].split("?")[0]
    return text.removeprefix("www.").rstrip("/")


class Lineage:
    """Families of recipes linked by ``adapted_from``: two keys of one family are not duplicates.

    ``metas`` maps recipe keys to metadata; ``addresses`` gives, for a key, the addresses where it
    is published (its page, its permanent id), so that ``adapted_from.url`` naming one of them
    links the two recipes; ``resolve`` turns ``adapted_from.recipe`` into a key (by default the
    slug itself; in a network, the key within the same source)."""

    def __init__(self, metas: Mapping[str, Recipe], addresses: Mapping[str, Iterable[str]] | None = None,
                 resolve: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self._parent: dict[str, str] = {}
        by_address = {_address(url): key for key, urls in (addresses or {}).items() for url in urls}
        for key, meta in metas.items():
            origin = meta.adapted_from
            if origin is None:
                continue
            if origin.recipe:
                target = (resolve or {}).get(key, {}).get(origin.recipe, origin.recipe)
            else:
                url = _address(str(origin.url))
                target = by_address.get(url, f"url:{url}")
            self._union(key, target)

    def _find(self, key: str) -> str:
        root = key
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while key != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, first: str, second: str) -> None:
        a, b = self._find(first), self._find(second)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def related(self, first: str, second: str) -> bool:
        """Whether the two recipes are of one family (an adaptation, its origin, its siblings)."""
        return self._find(first) == self._find(second)


# Detection --------------------------------------------------------------------------------------

@dataclass
class _CandidateIndex:
    """The LSH index of the last detection and the candidate pairs it gave, kept between the
    rebuilds of a live preview: only the recipes whose words changed (``Fingerprint.digest``) are
    removed, inserted and queried again (measured at 1,000 recipes: 0.5 s to fill a new index,
    a few milliseconds for one edited recipe). A pair of two unchanged recipes stays a candidate
    or not: the bands of a signature do not depend on the other recipes."""

    index: Any
    digests: dict[str, bytes] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)


_INDEX: list[_CandidateIndex] = []
memo.register(_INDEX.clear)


def _candidates(prints: Mapping[str, Fingerprint]) -> list[tuple[str, str]]:
    """Pairs whose MinHash share a band (``LSH_BANDS``), each once, in key order."""
    from datasketch import MinHashLSH

    if not _INDEX:
        _INDEX.append(_CandidateIndex(MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)))
    state = _INDEX[0]
    changed = {key for key, found in prints.items() if state.digests.get(key) != found.digest}
    stale = changed | (set(state.digests) - set(prints))
    for key in stale & set(state.digests):
        state.index.remove(key)
        del state.digests[key]
    state.pairs = {pair for pair in state.pairs if pair[0] not in stale and pair[1] not in stale}
    signatures = {key: _minhash(prints[key].signature) for key in sorted(changed)}
    with state.index.insertion_session() as session:
        for key, signature in signatures.items():
            session.insert(key, signature, check_duplication=False)
            state.digests[key] = prints[key].digest
    for key, signature in signatures.items():
        state.pairs.update((min(key, other), max(key, other)) for other in state.index.query(signature)
                           if other != key)
    return sorted(state.pairs)


def find_duplicates(entries: Mapping[str, RecipeEntry], *, sources: Mapping[str, str] | None = None,
                    addresses: Mapping[str, Iterable[str]] | None = None,
                    resolve: Mapping[str, Mapping[str, str]] | None = None) -> list[Likeness]:
    """Every pair of ``entries`` (key → parsed recipe with valid metadata; the others are
    skipped) that is identical or near (see the module docstring), lineage excepted, sorted by
    similarity (highest first) then keys. ``sources``, ``addresses`` and ``resolve``: see
    ``Lineage`` and the module docstring; all optional.

    Cost: one fingerprint per recipe (cached), then linear in the number of recipes plus the
    candidate pairs (measured in ``benchmarks/duplicates.py``)."""
    usable = {key: entry for key, entry in entries.items() if entry.meta is not None}
    prints = {key: p for key, p in fingerprints(usable).items() if p.count >= MIN_WORDS}
    lineage = Lineage({key: e.meta for key, e in usable.items() if e.meta is not None}, addresses, resolve)
    source_of = sources or {}
    found: dict[tuple[str, str], Likeness] = {}
    by_digest: dict[bytes, list[str]] = {}
    for key in sorted(prints):
        by_digest.setdefault(prints[key].digest, []).append(key)
    pairs = {(a, b) for same in by_digest.values() for i, a in enumerate(same) for b in same[i + 1:]}
    if len(prints) > 1:
        pairs |= set(_candidates(prints))
    described: dict[tuple[bytes, bytes], tuple[SectionLikeness, ...]] = {}  # by the two recipes' sections
    section_digests: dict[str, bytes] = {}
    for a, b in sorted(pairs):
        if lineage.related(a, b):
            continue
        exact = prints[a].digest == prints[b].digest
        similarity = 1.0 if exact else jaccard(prints[a].shingles, prints[b].shingles)
        if exact or similarity >= NEAR:
            # Many copies of one recipe make many pairs of the same two texts: each is described once.
            for key in (a, b):
                if key not in section_digests:
                    section_digests[key] = _section_digest(usable[key])
            texts = (section_digests[a], section_digests[b])
            if texts not in described:
                described[texts] = _sections(usable[a], usable[b])
            found[a, b] = Likeness(a, b, similarity, exact, described[texts], source_of.get(a), source_of.get(b))
    return sorted(found.values(), key=lambda pair: (-pair.exact, -pair.similarity, pair.a, pair.b))


def catalog_duplicates(catalog: Catalog, urls: SiteUrls | None = None, *,
                       addresses: Mapping[str, Iterable[str]] | None = None,
                       resolve: Mapping[str, Mapping[str, str]] | None = None) -> list[Likeness]:
    """``find_duplicates`` over the recipes of the handbook (published and archived), with each
    recipe's source (``Catalog.sources``) and the addresses ``adapted_from.url`` may name: given
    the site's ``urls``, its page and its permanent id, plus ``addresses`` (in a network, its
    page in its own source's handbook). ``resolve``: see ``Lineage``."""
    known: dict[str, list[str]] = {slug: list((addresses or {}).get(slug, ())) for slug in catalog.recipes}
    if urls is not None:
        for slug, found in known.items():
            found += [urls.of_recipe(slug), catalog.permanent_id(slug, urls)]
    return find_duplicates(catalog.recipes, sources=catalog.sources, addresses=known, resolve=resolve)


def _sections(first: RecipeEntry, second: RecipeEntry) -> tuple[SectionLikeness, ...]:
    mine, theirs = _section_shingles(first), _section_shingles(second)
    alike = [SectionLikeness(kind, jaccard(mine[kind], theirs[kind])) for kind in mine if kind in theirs]
    return tuple(sorted(alike, key=lambda s: -s.similarity))


_SECTION_SHINGLES: dict[int, dict[str, NDArray[np.uint32]]] = {}
memo.register(_SECTION_SHINGLES.clear)


def _section_digest(entry: RecipeEntry) -> bytes:
    """A digest of a recipe's section shingles: two recipes with the same one are alike section
    for section."""
    digest = hashlib.blake2b(digest_size=16)
    for kind, found in sorted(_section_shingles(entry).items()):
        digest.update(kind.encode() + b"\0" + found.tobytes())
    return digest.digest()


def _section_shingles(entry: RecipeEntry) -> dict[str, NDArray[np.uint32]]:
    """Each section's shingles, for the recipes found in a pair only (cached by ``stamp``)."""
    found = _SECTION_SHINGLES.get(entry.stamp)
    if found is None:
        if len(_SECTION_SHINGLES) > 20_000:
            _SECTION_SHINGLES.clear()
        found = _SECTION_SHINGLES[entry.stamp] = {k: shingles(w) for k, w in section_words(entry).items()}
    return found


@dataclass
class Neighbours:
    """The pairs by recipe: ``of(key)`` lists the recipes alike to ``key``, most alike first."""

    pairs: list[Likeness] = field(default_factory=list)
    _by_key: dict[str, list[Likeness]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for pair in self.pairs:
            self._by_key.setdefault(pair.a, []).append(pair)
            self._by_key.setdefault(pair.b, []).append(pair)

    def of(self, key: str) -> list[Likeness]:
        return list(self._by_key.get(key, []))
