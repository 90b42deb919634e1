"""The network of territories (pure): the models of ``network.yml`` and ``network.lock.yml``, where
a source's cache lives, how a source's recipe or ambassador gets its address in the regional
handbook, and where a recipe of the union comes from (``Origin``).

A regional handbook is built from the union of its own recipes and those of pinned territorial
repositories (``sources``). Rules, one definition each:

- **Addresses** (``union_name``): the regional repository's own recipes keep their name; a
  source's recipe keeps its name when no recipe before it has it (sources in the order of
  ``network.yml``, names in alphabetical order), else becomes ``<name>-<source>`` (then
  ``<name>-<source>-2``…). Deterministic, never an overwrite; each renaming is reported (R227).
  Ambassadors follow the same rule, and the ``ambassadors`` groups of ``network.yml`` make one
  profile of several files (never a match on names).
- **Source ids** are slugs; ``local`` names the regional repository itself in the identity
  groups (``local:marie-le-gall``) and cannot be a source's id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from recettes.core.model import SLUG_PATTERN, URL_PATTERN

NETWORK_FILE = "network.yml"
LOCK_FILE = "network.lock.yml"
CACHE_DIR = PurePosixPath(".recettes") / "reseau"
"""Where ``recettes network update`` keeps one git clone per source (``<CACHE_DIR>/<id>/``),
ignored by git (the folder holds its own ``.gitignore``)."""
LOCAL = "local"
"""The regional repository itself, in the identity groups of ``network.yml``."""
MAX_SOURCES = 200

_SCP_LIKE = re.compile(r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$")  # git@forge.example:org/repo.git
_URL_SCHEMES = ("https://", "http://", "ssh://", "git://", "file://")
_GIT_ADDRESS = re.compile(r"^(?:https?|ssh|git|file)://", re.IGNORECASE)
_USERINFO = re.compile(r"^([a-z][a-z0-9+.-]*://)[^/@]*@", re.IGNORECASE)


def is_git_address(text: str) -> bool:
    """Whether ``text`` names a repository git fetches (``https://…``, ``ssh://…``, ``git://…``,
    ``file://…``, ``git@host:org/repo``) rather than a folder path. Used by the network's sources
    and by ``recettes import``."""
    return bool(_GIT_ADDRESS.match(text) or _SCP_LIKE.match(text))


def public_address(address: str) -> str:
    """``address`` without the user name or token it may carry (``https://user:tok@host/x`` ->
    ``https://host/x``): the only form written into pages, recipes and reports."""
    return _USERINFO.sub(r"\1", address.strip())
_HEX = re.compile(r"^[0-9a-f]{7,64}$")
_REF = re.compile(r"^(?!-)(?!.*\.\.)(?!.*//)(?!.*@\{)[A-Za-z0-9][A-Za-z0-9._/+-]*(?<![./])$")
_PLACEHOLDERS = {"path", "slug", "file", "commit", "ref"}

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class SourceSpec(_Strict):
    """Une source du réseau : le dépôt de recettes d’un territoire, à une révision fixée."""

    id: Slug = Field(description="Identifiant court de la source (minuscules et tirets), ex. pays-de-brest.")
    label: Text = Field(description="Nom montré sur les pages, ex. «\u00a0Pays de Brest\u00a0».")
    url: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)] = Field(
        description="Adresse git du dépôt (https://…, ssh://…, git@forge:org/depot.git) ou chemin d’un "
        "dossier local, relatif au dépôt régional."
    )
    ref: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        description="Révision fixée\u00a0: un commit (empreinte hexadécimale), une étiquette (tag) ou une branche."
    )
    territory: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)] = Field(
        description="Territoire couvert\u00a0: identifiant d’un territoire des vocabulaires."
    )
    edit_url: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = Field(
        default=None,
        description="Modèle du lien «\u00a0modifier dans son dépôt\u00a0», avec {path} (ex. recipes/compost/recipe.md), "
        "{slug}, {file}, {commit} et {ref}. Ex. https://forge.example/brest/recettes/-/edit/main/{path}",
    )
    history: bool = Field(
        default=True,
        description="true (par défaut)\u00a0: tout l’historique est récupéré (dates, crédits, versions)\u202f; "
        "false\u00a0: seulement la révision fixée (clone superficiel), sans historique.",
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if value.startswith("-") or "::" in value or any(ord(c) < 32 for c in value):
            raise ValueError("adresse refusée (elle ne doit ni commencer par «\u00a0-\u00a0» ni contenir «\u00a0::\u00a0»)")
        if "://" in value and not value.startswith(_URL_SCHEMES):
            raise ValueError("seules les adresses https://, http://, ssh://, git:// et file:// sont permises")
        if value.startswith(("https://", "http://")) and not re.match(URL_PATTERN, value):
            raise ValueError("adresse web invalide (pas d’espace ni de < > \")")
        return value

    @field_validator("ref")
    @classmethod
    def _ref(cls, value: str) -> str:
        if not _REF.match(value):
            raise ValueError(f"«\u00a0{value}\u00a0» n’est pas un nom de révision git")
        if _HEX.match(value) and len(value) not in (40, 64):
            raise ValueError(f"«\u00a0{value}\u00a0»\u00a0: écrivez l’empreinte complète du commit (40 caractères)")
        return value

    @field_validator("edit_url")
    @classmethod
    def _edit_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not re.match(URL_PATTERN, value):
            raise ValueError("le lien de modification est une adresse web complète (https://…), sans espace")
        unknown = set(re.findall(r"\{([^{}]*)\}", value)) - _PLACEHOLDERS
        if unknown or value.count("{") != value.count("}"):
            raise ValueError("seuls {path}, {slug}, {file}, {commit} et {ref} sont remplacés")
        return value

    @property
    def is_remote(self) -> bool:
        """Whether ``url`` is a network address (else a local folder, or a ``file://`` one)."""
        return is_git_address(self.url) and not self.url.lower().startswith("file://")

    @property
    def public_url(self) -> str:
        """The address pages may show: only a web address (a local path or an SSH address is
        of no use to readers and may say too much about a machine)."""
        return public_address(self.url) if self.url.startswith(("https://", "http://")) else ""

    @property
    def pinned_commit(self) -> bool:
        """Whether ``ref`` is written as a commit id (the strictest pin)."""
        return bool(_HEX.match(self.ref))


class NetworkFile(_Strict):
    """Le fichier network.yml : les sources du guide régional et les personnes présentes dans plusieurs sources."""

    sources: Annotated[list[SourceSpec], Field(min_length=1, max_length=MAX_SOURCES)] = Field(
        description="Les dépôts des territoires, dans l’ordre de priorité des adresses."
    )
    ambassadors: list[Annotated[list[str], Field(min_length=2)]] = Field(
        default_factory=list,
        description="Groupes de fiches d’une même personne, «\u00a0source:identifiant\u00a0» (local: pour ce dépôt)\u202f; "
        "la première fiche du groupe est celle publiée.",
    )


@dataclass(frozen=True)
class LockedSource:
    """What ``network update`` fetched for one source: the resolved commit, and the tree id of
    each recipe folder at that commit (to say what changed at the next update)."""

    id: str
    url: str
    ref: str
    commit: str
    history: bool = True
    recipes: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Lock:
    """``network.lock.yml``: the pinned commits the build uses, by source id."""

    sources: dict[str, LockedSource] = field(default_factory=dict)

    def fresh(self, spec: SourceSpec) -> LockedSource | None:
        """The locked entry of ``spec`` when it was fetched with today's url, ref and depth."""
        locked = self.sources.get(spec.id)
        if locked is None or (locked.url, locked.ref, locked.history) != (spec.url, spec.ref, spec.history):
            return None
        return locked


@dataclass(frozen=True)
class Provenance:
    """A source as the pages of its recipes name it, and how its own names became the union's
    (``recipes`` and ``ambassadors``: name in the source -> name in the handbook)."""

    source: str
    label: str
    territory: str
    url: str  # a web address, or ""
    ref: str
    commit: str
    edit_url: str = ""
    recipes: dict[str, str] = field(default_factory=dict, compare=False)
    ambassadors: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Origin:
    """Where one recipe of the union comes from: its source, and its name and file there."""

    provenance: Provenance
    slug: str
    path: str  # e.g. recipes/compost/recipe.md

    def key(self) -> tuple[str, ...]:
        """What pages show of the origin (for the caches of pages)."""
        p = self.provenance
        return (p.source, p.label, p.territory, p.url, p.ref, p.commit, p.edit_url, self.slug, self.path)

    def edit_link(self) -> str:
        """The « modifier dans son dépôt » address, or "" when the source gives no pattern."""
        template = self.provenance.edit_url
        if not template:
            return ""
        return (template.replace("{path}", self.path).replace("{slug}", self.slug)
                .replace("{file}", self.path.rsplit("/", 1)[-1])
                .replace("{commit}", self.provenance.commit).replace("{ref}", self.provenance.ref))


def union_name(name: str, source: str, taken: set[str]) -> str:
    """The name a source's recipe (or ambassador) ``name`` gets in the handbook: itself when
    free, else ``<name>-<source>``, then ``<name>-<source>-2``… Adds the result to ``taken``."""
    candidate = name
    if candidate in taken:
        candidate = f"{name}-{source}"
        counter = 2
        while candidate in taken:
            candidate = f"{name}-{source}-{counter}"
            counter += 1
    taken.add(candidate)
    return candidate


def split_member(member: str) -> tuple[str, str] | None:
    """``"brest:marie"`` -> ``("brest", "marie")``; None when not of that form."""
    source, sep, ident = member.partition(":")
    return (source.strip(), ident.strip()) if sep and source.strip() and ident.strip() else None
