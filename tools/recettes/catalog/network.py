"""The catalog of a regional handbook: its own recipes plus those of its pinned sources.

``read_catalog`` is what the build, ``recettes generate`` and ``recettes export`` call: without
``network.yml`` it is ``snapshots.build_catalog``; with it, each source is read from its clone
(``history.network``, fetched by ``recettes network update``, never during a build) with the
same readers and checks as the regional repository (the five-file layout included), its
history and credits from its own git history (one pass per source), and the union is one
``Catalog``: one search, one map, one set of open data and one feed.

Rules (``core.network`` for addresses):

- A source whose clone is missing or not at the locked commit is an error (R221) at its entry
  of ``network.yml``, telling to run ``recettes network update``; its recipes are left out.
  A clone changed by hand (files differing from the commit) is an error too (R228).
- A source's problems keep their code and are located in its clone
  (``.recettes/reseau/<id>/recipes/…``): errors stay errors (a strict build refuses to publish
  an invalid recipe, wherever it comes from), warnings stay warnings.
- Only published recipes (valid, licensed, not drafts) take an address. A renaming is a
  warning (R227) at the recipe's file, never an overwrite.
- Ambassadors are one profile across sources only through an identity group of
  ``network.yml`` (the first member's file is the published profile); otherwise two files
  with the same id are two people, the later one renamed like a recipe.
- References inside a source's recipe (holders, ``documented_by``, ``adapted_from``,
  ``recette:`` and ``ambassadeur:`` links) mean that source's names: they are followed
  through its renamings (``Origin.provenance``).
- Permanent ids (``Catalog.permanent_id``) stay unique: a source's recipe claims its first name
  only when no recipe of the union has that name today (else ``<first>-<source>``).
- Redirects of renamed recipes are kept for a source when the old address is free.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from recettes.catalog.catalog import Catalog
from recettes.catalog.snapshots import Note, Snapshot, build_catalog, read_snapshots
from recettes.core.network import (
    CACHE_DIR,
    LOCAL,
    LockedSource,
    Origin,
    Provenance,
    SourceSpec,
    union_name,
)
from recettes.core.problems import Code, Problem, Severity
from recettes.history.history import HistoryIndex
from recettes.history.maintenance import Maintenance
from recettes.history.network import cache_commit, cache_dir
from recettes.read.checks import validate_repository
from recettes.read.load import RecipeEntry, Repository
from recettes.read.network import Network, load_lock, load_network
from recettes.read.vocabulary_merge import VocabularyPart, merge_vocabularies

REGIONAL = "le dépôt régional"


@dataclass
class _Part:
    """One repository of the union: the regional one (``spec`` None) or a source."""

    name: str  # source id, or ``local``
    spec: SourceSpec | None
    locked: LockedSource | None
    repo: Repository
    catalog: Catalog
    recipes: dict[str, str]  # name here -> name in the union
    ambassadors: dict[str, str]

    @property
    def shown(self) -> str:
        return f"{CACHE_DIR.as_posix()}/{self.name}/" if self.spec is not None else ""

    @property
    def described(self) -> str:
        return REGIONAL if self.spec is None else f"la source «\u00a0{self.name}\u00a0» ({self.spec.label})"


def read_catalog(root: Path, repo: Repository, maintenance: Maintenance | None = None, *,
                 snapshots: bool = True) -> tuple[Catalog, list[Note], list[Problem]]:
    """The catalog of ``root`` (the union when it has ``network.yml``), the messages to log, and
    the problems of the network (R221–R228 and the sources' own), located; never raises on
    bad content. ``network.yml``'s own problems are reported by ``validate_repository``."""
    local, notes = build_catalog(root, repo, maintenance, snapshots=snapshots)
    network, _ = load_network(root)
    if network is None:
        return local, notes, []
    lock, problems = load_lock(root)
    parts = [_Part(LOCAL, None, None, repo, local, {}, {})]
    for spec in network.sources:
        locked = lock.fresh(spec)
        if locked is None or cache_commit(root, spec.id) != locked.commit:
            why = ("n’a pas encore été récupérée" if locked is None and spec.id not in lock.sources
                   else "a changé dans network.yml depuis la dernière récupération" if locked is None
                   else "n’est pas à la révision fixée dans network.lock.yml")
            problems.append(network.problem(spec.id, "ref", Code.R221, f"la source «\u00a0{spec.id}\u00a0» {why}",
                                            "Lancez «\u00a0recettes network update\u00a0»\u00a0: la construction ne "
                                            "récupère jamais rien elle-même."))
            continue
        part, found, part_notes = _read_source(root, spec, locked, maintenance, snapshots)
        problems += found
        notes += part_notes
        if part is not None:
            parts.append(part)
    vocabulary, found = merge_vocabularies([VocabularyPart(p.described, p.repo.root, p.shown, p.repo.vocabulary)
                                            for p in parts])
    problems += found
    for spec in network.sources:
        if spec.territory not in vocabulary.territories:
            problems.append(network.problem(spec.id, "territory", Code.R220,
                                            f"territoire «\u00a0{spec.territory}\u00a0» inconnu du réseau",
                                            "Indiquez l’identifiant d’un territoire des vocabulaires (du "
                                            "dépôt régional ou d’une source)."))
    reserved = set(local.history.redirects) if isinstance(local.history, HistoryIndex) else set()
    problems += _name(parts, network, reserved)
    catalog = _union(root, parts, local, vocabulary, network)
    return catalog, notes, problems


def _read_source(root: Path, spec: SourceSpec, locked: LockedSource, maintenance: Maintenance | None,
                 snapshots: bool) -> tuple[_Part | None, list[Problem], list[Note]]:
    folder = cache_dir(root, spec.id)
    repo, report = validate_repository(folder, site=False)
    prefix = f"{CACHE_DIR.as_posix()}/{spec.id}/"
    where = f"À corriger dans le dépôt de la source «\u00a0{spec.id}\u00a0» ({spec.label})."
    problems = [replace(p, path=prefix + p.path, hint=f"{where} {p.hint}".strip()) for p in report.problems]
    if spec.history:
        catalog, found = build_catalog(folder, repo, maintenance, snapshots=snapshots)
        notes = [(level, prefix + message) for level, message in found]
        changed = sorted(slug for slug, h in catalog.history.recipes.items() if h.uncommitted) \
            if isinstance(catalog.history, HistoryIndex) else []
        if changed:
            problems.append(Problem(f"{prefix}recipes/{changed[0]}", 1, 1, Code.R228,
                                    f"le clone de la source «\u00a0{spec.id}\u00a0» a été modifié à la main "
                                    f"({len(changed)} recette(s), dont «\u00a0{changed[0]}\u00a0»)",
                                    "Modifiez la recette dans le dépôt de la source, puis fixez sa nouvelle "
                                    "révision\u202f; «\u00a0recettes network update\u00a0» remet le clone en état."))
            return None, problems, notes
    else:
        catalog = Catalog.build(repo)
        if snapshots:
            catalog.snapshots, _ = read_snapshots(folder, catalog, HistoryIndex())
        notes = []
    return _Part(spec.id, spec, locked, repo, catalog, {}, {}), problems, notes


def _name(parts: list[_Part], network: Network, reserved: set[str]) -> list[Problem]:
    """Give every published recipe and every ambassador its name in the union; the renamings
    (R227 warnings) and the identity groups that name an unknown file (R225). ``reserved``: the
    old names of the region's renamed recipes, whose addresses keep redirecting to them."""
    problems: list[Problem] = []
    taken: set[str] = set(reserved)
    for part in parts:
        for slug in sorted(part.catalog.recipes):
            part.recipes[slug] = union_name(slug, part.name, taken)
            if part.recipes[slug] != slug:
                entry = part.catalog.recipes[slug]
                problems.append(Problem(part.shown + entry.meta_path, 1, 1, Code.R227,
                                        f"l’adresse «\u00a0{slug}\u00a0» est déjà prise\u00a0: cette recette de "
                                        f"{part.described} est publiée sous «\u00a0{part.recipes[slug]}\u00a0»",
                                        "Rien à faire si cela vous convient\u202f; sinon, renommez le dossier de "
                                        "l’une des deux recettes dans son dépôt.", Severity.WARNING))
    by_name: dict[str, _Part] = {part.name: part for part in parts}
    heads: dict[tuple[str, str], tuple[str, str]] = {}
    for group in network.groups:
        known = []
        for member in group:
            owner = by_name.get(member.source)
            if owner is None:
                continue  # a source left out (R221 says why)
            if member.id not in owner.catalog.ambassadors:
                problems.append(member.problem(Code.R225, f"pas de fiche «\u00a0{member.id}\u00a0» dans {owner.described}",
                                               "Écrivez l’identifiant d’une fiche du dossier ambassadors/ de "
                                               "cette source (le nom du fichier, sans «\u00a0.yml\u00a0»)."))
                continue
            known.append((member.source, member.id))
        for other in known[1:]:
            heads[other] = known[0]
    taken = set()
    for part in parts:
        for ident in sorted(part.catalog.ambassadors):
            if (part.name, ident) not in heads:
                part.ambassadors[ident] = union_name(ident, part.name, taken)
                if part.ambassadors[ident] != ident:
                    problems.append(Problem(part.shown + part.catalog.ambassadors[ident].shown, 1, 1, Code.R227,
                                            f"l’identifiant «\u00a0{ident}\u00a0» est déjà pris\u00a0: cette fiche de "
                                            f"{part.described} est publiée sous «\u00a0{part.ambassadors[ident]}\u00a0»",
                                            "S’il s’agit de la même personne, ajoutez un groupe dans la rubrique "
                                            "ambassadors de network.yml\u202f; sinon, rien à faire.",
                                            Severity.WARNING))
    for (source, ident), (head_source, head_ident) in heads.items():
        by_name[source].ambassadors[ident] = by_name[head_source].ambassadors[head_ident]
    return problems


def _union(root: Path, parts: list[_Part], local: Catalog, vocabulary: Any, network: Network) -> Catalog:
    merged = Repository(root, vocabulary)
    history = HistoryIndex(available=getattr(local.history, "available", False))
    if isinstance(local.history, HistoryIndex):
        history.redirects = dict(local.history.redirects)
        history.problems = list(local.history.problems)
    snapshots: dict[str, list[Any]] = {}
    origins: dict[str, Origin] = {}
    names = {slug for part in parts for slug in part.recipes.values()}
    for part in parts:
        provenance = _provenance(part)
        part_history = part.catalog.history if isinstance(part.catalog.history, HistoryIndex) else None
        for slug, union in part.recipes.items():
            entry = _remap(part.catalog.recipes[slug], union, part)
            merged.recipes[union] = entry
            if provenance is not None:
                origins[union] = Origin(provenance, slug, entry.meta_path)
            record = part_history.recipes.get(slug) if part_history is not None else None
            if record is not None and part.spec is not None:
                record = replace(record, first_slug=_first_name(record.first_slug or slug, slug, union,
                                                                part.name, names))
            if record is not None:
                history.recipes[union] = record
            snapshots[union] = [replace(s, entry=_remap(s.entry, union, part))
                                for s in part.catalog.snapshots.get(slug, [])]
        for ident in part.catalog.ambassadors:
            union = part.ambassadors[ident]
            if union in merged.ambassadors:
                continue  # a later member of an identity group: the first one is published
            merged.ambassadors[union] = replace(part.repo.ambassadors[ident], id=union)
            record = part_history.ambassadors.get(ident) if part_history is not None else None
            if record is not None:
                history.ambassadors[union] = record
        for email, ident in part.repo.identities.items():
            if ident in part.ambassadors:
                merged.identities.setdefault(email, part.ambassadors[ident])
        if part.spec is not None and part_history is not None:
            for old, current in part_history.redirects.items():
                if old not in names and old not in history.redirects and current in part.recipes:
                    history.redirects[old] = part.recipes[current]
    merged.recipe_slugs, merged.ambassador_ids = set(merged.recipes), set(merged.ambassadors)
    catalog = Catalog.build(merged, history)
    catalog.snapshots = {slug: found for slug, found in snapshots.items() if slug in catalog.recipes}
    catalog.redactions = local.redactions
    catalog.origins = origins
    return catalog


def _first_name(first: str, slug: str, union: str, source: str, names: set[str]) -> str:
    """The first name a source's recipe claims for its permanent id: its union name when it was
    never renamed; else its first name, with the source's suffix when a recipe of the union
    bears that name today (never another recipe's address)."""
    if first == slug:
        return union
    return f"{first}-{source}" if first in names else first


def _provenance(part: _Part) -> Provenance | None:
    spec, locked = part.spec, part.locked
    if spec is None or locked is None:
        return None
    return Provenance(spec.id, spec.label, spec.territory, spec.public_url, spec.ref, locked.commit,
                      spec.edit_url or "", part.recipes, part.ambassadors)


_STAMPS = itertools.count(-1, -1)  # never a stamp of ``read.load`` (positive)
_REMAPPED: dict[tuple[object, ...], int] = {}


def _remap(entry: RecipeEntry, union: str, part: _Part) -> RecipeEntry:
    """``entry`` under its union name, its references to the source's recipes and ambassadors
    followed through their renamings. Unchanged when nothing is renamed; else a copy with a stamp
    of its own, the same at every rebuild (caches keyed on stamps stay right)."""
    meta = entry.meta
    if meta is None:
        return entry
    people = {ident: part.ambassadors.get(ident, ident)
              for ident in [h.id for h in meta.holders] + [c.id for c in meta.documented_by if c.id]}
    origin = meta.adapted_from.recipe if meta.adapted_from is not None else None
    renamed = {k: v for k, v in people.items() if k != v}
    target = part.recipes.get(origin, origin) if origin else None
    if union == entry.slug and not renamed and target == origin:
        return entry
    update: dict[str, Any] = {}
    if renamed:
        update["holders"] = [h.model_copy(update={"id": people[h.id]}) for h in meta.holders]
        update["documented_by"] = [c.model_copy(update={"id": people[c.id]}) if c.id else c
                                   for c in meta.documented_by]
    if target != origin and meta.adapted_from is not None:
        update["adapted_from"] = meta.adapted_from.model_copy(update={"recipe": target})
    key = (entry.stamp, union, tuple(sorted(renamed.items())), target)
    if key not in _REMAPPED:
        if len(_REMAPPED) > 100_000:
            _REMAPPED.clear()
        _REMAPPED[key] = next(_STAMPS)
    return replace(entry, slug=union, meta=meta.model_copy(update=update) if update else meta,
                   stamp=_REMAPPED[key])


__all__ = ["Snapshot", "read_catalog"]
