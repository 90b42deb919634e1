"""Catalog: the published recipes of a validated Repository, indexed for the handbook (pure).

Drafts are left out; archived recipes stay (the handbook shows them with a banner). Indexes map
themes, territories (with every enclosing territory), ambassadors (with their role) and origins
("adapted by") to recipe slugs, sorted by title. History is optional: without it, dates fall
back to the recipe's metadata (``started``, ``source.date``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from recettes.catalog.readiness import Readiness, readiness
from recettes.core import memo
from recettes.core.addresses import SiteUrls
from recettes.core.french import fold
from recettes.core.licences import stated
from recettes.core.model import (
    TERRITORY_LEVELS,
    Kind,
    Recipe,
    Reproduction,
    Role,
    Status,
    TerritoryKind,
)
from recettes.core.network import Origin
from recettes.core.personal import Point, public_ambassador, published_location
from recettes.core.redaction import Redactions
from recettes.read.identities import identity_key
from recettes.read.load import AmbassadorEntry, RecipeEntry, Repository
from recettes.read.reproductions import ReproductionEntry
from recettes.read.vocabulary import Vocabulary


@dataclass(frozen=True)
class Carrier:
    """A recipe carried by an ambassador, in a given role."""

    slug: str
    role: Role


@dataclass(frozen=True)
class Author:
    """Someone credited as author of a recipe's text: ``id`` of an ambassador file, or None for a
    name without a profile; ``kind`` is person or organisation (None when not said)."""

    name: str
    id: str | None = None
    kind: Kind | None = None


def _history_facts(history: Any) -> str:
    """What pages show of git history: dates, contributors, versions, former names, redirects;
    not whether a file differs from HEAD (``uncommitted``, problems), which only messages say."""
    if history is None or not hasattr(history, "recipes"):
        return repr(history)

    def facts(histories: dict[str, Any]) -> list[tuple[object, ...]]:
        return [(key, h.created, h.updated, h.contributors, h.changelog, h.former_slugs, h.first_slug)
                for key, h in histories.items()]
    return repr((facts(history.recipes), facts(history.ambassadors), history.redirects, history.available))


_META_JSON: dict[int, str] = {}
memo.register(_META_JSON.clear)


def _meta_json(entry: RecipeEntry) -> str:
    """The metadata of a recipe as JSON, computed once per parse (``stamp``)."""
    found = _META_JSON.get(entry.stamp)
    if found is None:
        if len(_META_JSON) > 100_000:
            _META_JSON.clear()
        found = _META_JSON[entry.stamp] = entry.meta.model_dump_json() if entry.meta else ""
    return found


@dataclass
class Catalog:
    vocabulary: Vocabulary
    recipes: dict[str, RecipeEntry] = field(default_factory=dict)
    ambassadors: dict[str, AmbassadorEntry] = field(default_factory=dict)
    by_theme: dict[str, list[str]] = field(default_factory=dict)
    by_territory: dict[str, list[str]] = field(default_factory=dict)
    by_ambassador: dict[str, list[Carrier]] = field(default_factory=dict)
    adapted_by: dict[str, list[str]] = field(default_factory=dict)
    history: Any | None = None
    contributed_by: dict[str, list[str]] = field(default_factory=dict)  # git, not declared
    snapshots: dict[str, list[Any]] = field(default_factory=dict)  # see ``snapshots.py``
    identities: dict[str, str] = field(default_factory=dict)  # git e-mail -> ambassador id (reviewed)
    documented: dict[str, list[str]] = field(default_factory=dict)  # ambassador id -> recipes written
    redactions: Redactions = field(default_factory=Redactions)  # see ``core.redaction``
    origins: dict[str, Origin] = field(default_factory=dict)  # recipes of a network's sources (``catalog.network``)
    _digest: str = field(default="", repr=False, compare=False)
    _first_names: dict[str, str] | None = field(default=None, repr=False, compare=False)
    _territory_order: list[str] | None = field(default=None, repr=False, compare=False)
    _territory_children: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _readiness: dict[str, Readiness] = field(default_factory=dict, repr=False, compare=False)
    _reproduced_in: dict[str, list[tuple[str, str]]] | None = field(default=None, repr=False, compare=False)

    def digest(self) -> str:
        """A hash of everything a recipe's page or record may read beyond its own recipe: every
        recipe's metadata, the ambassadors, the vocabularies, the git history and the versions.

        With ``RecipeEntry.stamp`` it keys the caches of what is made from one recipe: a change
        to one recipe's text changes only its stamp; any change to metadata, history or
        versions changes the digest, and so every key. Computed once per catalog (~30 ms at
        1,000 recipes)."""
        if not self._digest:
            digest = hashlib.blake2b(digest_size=20)
            origins = sorted((slug, o.key()) for slug, o in self.origins.items())
            for part in (repr(self.vocabulary), _history_facts(self.history), repr(sorted(self.identities.items())),
                         repr(origins)):
                digest.update(part.encode() + b"\0")
            for slug, entry in self.recipes.items():
                digest.update(f"{slug}\0{_meta_json(entry)}\0".encode())
            for ident, ambassador in self.ambassadors.items():
                meta = ambassador.meta.model_dump_json() if ambassador.meta else ""
                digest.update(f"{ident}\0{meta}\0".encode())
            for slug, snapshots in sorted(self.snapshots.items()):
                versions = [(s.version, s.current, s.date, s.updated, 0 if s.current else s.entry.stamp)
                            for s in snapshots]  # the current one is the recipe: keyed by its stamp
                digest.update(f"{slug}\0{versions!r}\0".encode())
            self._digest = digest.hexdigest()
        return self._digest

    @classmethod
    def build(cls, repo: Repository, history: Any | None = None) -> Catalog:
        """Index the recipes that can be published: valid metadata, a licence, not a draft."""
        catalog = cls(repo.vocabulary, history=history)
        published = [
            (slug, entry) for slug, entry in repo.recipes.items()
            if entry.meta is not None and entry.meta.status is not Status.DRAFT and _licensed(entry)
        ]
        published.sort(key=lambda pair: (fold(_meta(pair[1]).title), pair[0]))
        catalog.recipes = dict(published)
        # What consent allows, once for every page and export (``core.personal``).
        catalog.ambassadors = {
            ident: replace(entry, meta=public_ambassador(entry.meta))
            for ident, entry in sorted(repo.ambassadors.items()) if entry.meta is not None
        }
        for slug, entry in published:
            meta = _meta(entry)
            for theme in dict.fromkeys(meta.themes):
                catalog.by_theme.setdefault(theme, []).append(slug)
            for territory in repo.vocabulary.ancestors(meta.territory.place):
                catalog.by_territory.setdefault(territory.id, []).append(slug)
            seen: set[str] = set()
            for holder in meta.holders:
                if holder.id in catalog.ambassadors and holder.id not in seen:
                    seen.add(holder.id)
                    catalog.by_ambassador.setdefault(holder.id, []).append(Carrier(slug, holder.role))
            for credit in meta.documented_by:
                if credit.id in catalog.ambassadors and slug not in catalog.documented.get(credit.id, []):
                    catalog.documented.setdefault(credit.id, []).append(slug)
            origin = meta.adapted_from.recipe if meta.adapted_from else None
            if origin and origin in catalog.recipes:
                catalog.adapted_by.setdefault(origin, []).append(slug)
        catalog.identities = {email: i for email, i in repo.identities.items() if i in catalog.ambassadors}
        for slug, entry in published:
            declared = {h.id for h in _meta(entry).holders}
            for person in catalog.contributors(slug):
                ident = catalog.ambassador_of(person)
                if ident is not None and ident not in declared:
                    declared.add(ident)
                    catalog.contributed_by.setdefault(ident, []).append(slug)
        return catalog

    def meta(self, slug: str) -> Recipe:
        return _meta(self.recipes[slug])

    def origin(self, slug: str) -> Origin | None:
        """Where a recipe comes from when a source of the network brought it (None: this
        repository's own). Near-duplicate detection across sources reads ``source`` there."""
        return self.origins.get(slug)

    @property
    def sources(self) -> dict[str, str]:
        """Recipe slug -> label of the network source it comes from, for the recipes a source
        brought (``origins``); empty for one repository. ``publish.duplicates`` marks pairs from
        two sources with it."""
        return {slug: origin.provenance.label for slug, origin in self.origins.items()}

    def authors(self, slug: str) -> list[Author]:
        """Who the credit line names as authors of the text: those who documented it
        (``documented_by``); empty when the recipe does not say — never its holders, who carry
        the project but did not necessarily write the text."""
        return self.authors_of(self.meta(slug))

    def authors_of(self, meta: Recipe) -> list[Author]:
        """``authors`` for one version's metadata (older versions keep their own credits)."""
        return [self._author(credit.id) if credit.id else Author(str(credit.name), None, credit.kind)
                for credit in meta.documented_by]

    def holder_names(self, meta: Recipe) -> list[str]:
        """The declared holders' names (those with a profile), in order."""
        return [self._author(h.id).name for h in meta.holders if h.id in self.ambassadors]

    def _author(self, ident: str | None) -> Author:
        entry = self.ambassadors.get(ident or "")
        if entry is None or entry.meta is None:
            return Author(ident or "", ident)
        return Author(entry.meta.name, ident, entry.meta.kind)

    def location(self, meta: Recipe | Reproduction) -> Point | None:
        """Where a recipe (or a reproduction of it) is published on maps and in data:
        ``core.personal.published_location``."""
        place = self.vocabulary.territories.get(meta.territory.place)
        return published_location(meta.territory.location, place.location if place else None,
                                   place is not None and place.kind is TerritoryKind.COMMUNE)

    def reproductions(self, slug: str) -> list[ReproductionEntry]:
        """The valid reproduction reports of a published recipe, oldest first (then by id)."""
        reports = [r for r in self.recipes[slug].reproductions.values() if r.meta is not None]
        return sorted(reports, key=lambda r: (r.meta.date if r.meta is not None else "", r.id))

    def reproduced_in(self, place: str) -> list[tuple[str, str]]:
        """The reports made in territory ``place`` or in a territory it contains, as (recipe
        slug, report id), oldest first; indexed once per catalog."""
        if self._reproduced_in is None:
            found: dict[str, list[tuple[str, str, str]]] = {}
            for slug in self.recipes:
                for report in self.reproductions(slug):
                    assert report.meta is not None
                    for territory in self.vocabulary.ancestors(report.meta.territory.place):
                        found.setdefault(territory.id, []).append((report.meta.date, slug, report.id))
            self._reproduced_in = {key: [(slug, ident) for _, slug, ident in sorted(items)]
                                   for key, items in found.items()}
        return list(self._reproduced_in.get(place, []))

    def reproduced_by(self, ident: str) -> list[tuple[str, str]]:
        """The reports made by ambassador ``ident``, as (recipe slug, report id), oldest first."""
        found = [(r.meta.date, slug, r.id) for slug in self.recipes for r in self.reproductions(slug)
                 if r.meta is not None and r.meta.ambassador == ident]
        return [(slug, report) for _, slug, report in sorted(found)]

    def territory_label(self, place: str) -> str:
        """The readable name of a territory (vocabulary id or official code), else as written."""
        found = self.vocabulary.territories.get(place)
        return found.label if found is not None else place

    def report_title(self, report: Reproduction) -> str:
        """A reproduction's title: its own, else « Reproduction à Lannion »."""
        return report.title or f"Reproduction à {self.territory_label(report.territory.place)}"

    def reporter(self, report: Reproduction) -> tuple[str, str | None]:
        """Who did a reproduction: (name, ambassador id or None). An ambassador is named as
        their public profile allows (``core.personal``), an organisation by its name."""
        if report.ambassador is not None and report.ambassador in self.ambassadors:
            return self._author(report.ambassador).name, report.ambassador
        return report.organisation or report.ambassador or "", None

    def readiness(self, slug: str) -> Readiness:
        """The recipe's readiness level, from its evidence (``catalog.readiness``), once per catalog."""
        found = self._readiness.get(slug)
        if found is None:
            entry = self.recipes[slug]
            reports = [r.meta for r in self.reproductions(slug) if r.meta is not None]
            found = self._readiness[slug] = readiness(_meta(entry), entry.sections, reports,
                                                      self.vocabulary.territories)
        return found

    def is_archived(self, slug: str) -> bool:
        return self.meta(slug).status is Status.ARCHIVED

    def counts(self) -> dict[str, int]:
        """The network in numbers: recipes, ambassadors, territories and themes in use."""
        return {
            "recipes": len(self.recipes),
            "ambassadors": len(self.ambassadors),
            "territories": len({self.vocabulary.territories.canonical(self.meta(s).territory.place)
                                for s in self.recipes}),
            "themes": len(self.by_theme),
        }

    def updated(self, slug: str) -> datetime | None:
        """Last change of a recipe, from history when there is one."""
        record = self._history(slug)
        return getattr(record, "updated", None) if record is not None else None

    def created(self, slug: str) -> datetime | None:
        record = self._history(slug)
        return getattr(record, "created", None) if record is not None else None

    def contributors(self, slug: str) -> list[Any]:
        """People who changed the recipe in git (``Person``), first contributor first."""
        record = self._history(slug)
        return list(getattr(record, "contributors", [])) if record is not None else []

    def changelog(self, slug: str) -> list[Any]:
        """The recipe's versions from git (``VersionEntry``), newest first."""
        record = self._history(slug)
        return list(getattr(record, "changelog", [])) if record is not None else []

    def permanent_id(self, slug: str, urls: SiteUrls) -> str:
        """The identifier of a recipe for its whole life, whatever its folder is renamed to: the
        Atom entry ``id``, the JSON-LD ``@id``, the ``id`` of open data records and features.

        It is the address of the recipe under its *first* name (its folder's name at its first
        commit, ``History.first_slug``; its slug when git knows nothing): the address it was
        first published at, which a redirect
        keeps leading to it after a rename (``site/redirects.py``), and exactly the identifier
        these files used before a rename, so no feed reader sees an old recipe as new. A first
        name that another recipe took again later (a new folder of that name) stays with the
        recipe that had it first; the later one gets a ``tag:`` URI (RFC 4151) made of the
        site's host, its creation date and its slug. Without git history, renames are unknown:
        the address of the current slug (the build and ``export`` warn about that, R070, and
        refuse it under ``--strict``). The build (feed, JSON-LD) and ``recettes export`` both
        call this method on a catalog read by ``snapshots.read_catalog``: the same ids."""
        first = self.first_names().get(slug, slug)
        if self._first_owner(first) == slug:
            return urls.of_recipe(first)
        created = self.created(slug)
        day = created.date().isoformat() if created is not None else "1970-01-01"
        return f"tag:{urlsplit(urls.base).hostname or 'localhost'},{day}:{urls.of_recipe(slug)}"

    def first_names(self) -> dict[str, str]:
        """Each recipe's first slug in git history (``History.first_slug``, else its slug)."""
        if self._first_names is None:
            self._first_names = {}
            for slug in self.recipes:
                record = self._history(slug)
                self._first_names[slug] = getattr(record, "first_slug", "") or slug
        return self._first_names

    def _first_owner(self, first: str) -> str:
        """Of the recipes whose first name is ``first``, the one created first."""
        claimants = [slug for slug, name in self.first_names().items() if name == first]
        never = datetime.max.timestamp()
        return min(claimants, key=lambda s: ((c.timestamp() if (c := self.created(s)) else never),
                                             s != first, s))

    def ambassador_of(self, person: Any) -> str | None:
        """The ambassador a git contributor (``Person``, after .mailmap) is, or None.

        Only through ``git-identities.yml`` (``read.identities``): the contributor's e-mail is
        listed there for that ambassador, a reviewed link. Never by name: anyone can commit
        under someone else's name, and a forged name must not reach a real profile."""
        email = getattr(person, "email", "") or ""
        return self.identities.get(identity_key(email)) if email else None

    def latest(self, count: int = 6) -> list[str]:
        """The most recently updated recipes (history), else the most recently started ones."""
        def key(slug: str) -> tuple[float, int, str]:
            updated = self.updated(slug)
            meta = self.meta(slug)
            return (updated.timestamp() if updated else 0.0, meta.started or 0, slug)

        return sorted(self.recipes, key=key, reverse=True)[:count]

    def territory_ids(self) -> list[str]:
        """Territories with at least one recipe, outermost first, then by label."""
        if self._territory_order is None:  # one sort per catalog: every territory page asks
            known = self.vocabulary.territories
            self._territory_order = sorted(
                self.by_territory, key=lambda t: (-TERRITORY_LEVELS[known[t].kind], fold(known[t].label), t))
        return list(self._territory_order)

    def territory_children(self, place: str) -> list[str]:
        """The territories with a page whose nearest enclosing territory with a page is ``place``
        (``territory_parent``), in the order of ``territory_ids``."""
        if self._territory_children is None:
            self._territory_children = {}
            for ident in self.territory_ids():
                parent = self.territory_parent(ident)
                if parent is not None:
                    self._territory_children.setdefault(parent, []).append(ident)
        return list(self._territory_children.get(place, []))

    def territory_parent(self, place: str) -> str | None:
        """The nearest territory around ``place`` that has a page (at least one recipe), or None:
        a commune's page sits under its EPCI's, an EPCI's under its pays' or département's."""
        return next((t.id for t in self.vocabulary.ancestors(place)[1:] if t.id in self.by_territory), None)

    def theme_ids(self) -> list[str]:
        known = self.vocabulary.themes
        return sorted(self.by_theme, key=lambda t: fold(known[t].label) if t in known else t)

    def _history(self, slug: str) -> Any | None:
        if self.history is None:
            return None
        return getattr(self.history, "recipes", {}).get(slug)


def _meta(entry: RecipeEntry) -> Recipe:
    assert entry.meta is not None
    return entry.meta



def _licensed(entry: RecipeEntry) -> bool:
    """Whether the recipe states its licence (``core.licences.stated``): without one, nobody
    may reuse it, so it is not published (``recettes validate`` says so, R113)."""
    data = entry.doc.data if entry.doc is not None else None
    return isinstance(data, dict) and stated(data.get("licence"))
