"""Reading ``network.yml`` (the sources of a regional handbook) and ``network.lock.yml`` (the
commits ``recettes network update`` fetched), with located problems like every other file.

``network.yml`` is validated by the pydantic model ``core.network.NetworkFile`` (R220 for each
wrong key or value, at its line and column), then for what a schema cannot say: source ids
unique and not ``local``, identity groups made of known sources, each file in one group only.

``network.lock.yml`` is written by the tool only (``dump_lock``); a lock that cannot be read is
one R226 problem telling to run the update again, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from recettes.core.french import did_you_mean
from recettes.core.network import (
    LOCAL,
    LOCK_FILE,
    NETWORK_FILE,
    Lock,
    LockedSource,
    NetworkFile,
    SourceSpec,
    split_member,
)
from recettes.core.problems import Code, Problem
from recettes.read.validation import problems_from_error
from recettes.read.yamlfile import YamlDoc, read_yaml

LOCK_HEADER = ("# Écrit par «\u00a0recettes network update\u00a0»\u00a0: les commits fixés de chaque source.\n"
               "# Ne pas modifier à la main\u202f; à enregistrer avec git, comme network.yml.\n")
_EXAMPLE = ("sources:\n      - id: pays-de-brest\n        label: Pays de Brest\n"
            "        url: https://forge.example/brest/recettes.git\n        ref: v2.1.0\n"
            "        territory: pays-de-brest")


@dataclass(frozen=True)
class Member:
    """One file of an identity group: ``source`` (or ``local``), ambassador ``id``, and where the
    member is written in ``network.yml``."""

    source: str
    id: str
    line: int
    column: int

    def problem(self, code: Code, message: str, hint: str) -> Problem:
        return Problem(NETWORK_FILE, self.line, self.column, code, message, hint)


@dataclass
class Network:
    """A valid ``network.yml``: its sources (in order), identity groups, and where each value
    is written (``doc``), so later problems can point at the source they concern."""

    file: NetworkFile
    doc: YamlDoc
    groups: list[list[Member]] = field(default_factory=list)

    @property
    def sources(self) -> list[SourceSpec]:
        return list(self.file.sources)

    def source(self, ident: str) -> SourceSpec | None:
        return next((s for s in self.file.sources if s.id == ident), None)

    def position(self, ident: str, key: str | None = None) -> tuple[int, int]:
        """Line and column of source ``ident`` (or of its ``key``) in ``network.yml``."""
        index = next((i for i, s in enumerate(self.file.sources) if s.id == ident), 0)
        return self.doc.position(("sources", index, key) if key else ("sources", index, "id"))

    def problem(self, ident: str, key: str | None, code: Code, message: str, hint: str,
                **kwargs: Any) -> Problem:
        line, column = self.position(ident, key)
        return Problem(NETWORK_FILE, line, column, code, message, hint, **kwargs)


def has_network(root: Path) -> bool:
    return (root / NETWORK_FILE).exists() or (root / NETWORK_FILE).is_symlink()


def load_network(root: Path) -> tuple[Network | None, list[Problem]]:
    """The network of ``root`` (None without ``network.yml``, or when it is invalid) and every
    problem of the file."""
    if not has_network(root):
        return None, []
    doc, problems = read_yaml(root / NETWORK_FILE, NETWORK_FILE)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [*problems, Problem(NETWORK_FILE, 1, 1, Code.R220, "le fichier doit commencer par «\u00a0sources:\u00a0»",
                                         f"Exemple{chr(160)}:\n      {_EXAMPLE}")]
    try:
        file = NetworkFile.model_validate(doc.data)
    except ValidationError as exc:
        found = problems_from_error(exc, doc, NETWORK_FILE, NetworkFile)
        return None, problems + [Problem(p.path, p.line, p.column, Code.R220, p.message, p.hint)
                                 if p.code in (Code.R010, Code.R011, Code.R012) else p for p in found]
    network = Network(file, doc)
    problems += _check_ids(network) + _check_groups(network)
    return (network if not any(p.is_error for p in problems) else None), problems


def _check_ids(network: Network) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, spec in enumerate(network.file.sources):
        line, column = network.doc.position(("sources", index, "id"))
        if spec.id == LOCAL:
            problems.append(Problem(NETWORK_FILE, line, column, Code.R220,
                                    f"«\u00a0{LOCAL}\u00a0» est réservé au dépôt régional lui-même",
                                    "Donnez à cette source un autre identifiant, par exemple le nom du territoire."))
        elif spec.id in seen:
            problems.append(Problem(NETWORK_FILE, line, column, Code.R220, f"source «\u00a0{spec.id}\u00a0» en double",
                                    "Chaque source a son propre identifiant\u202f; retirez le doublon."))
        seen.add(spec.id)
    return problems


def _check_groups(network: Network) -> list[Problem]:
    """Each member is ``source:id`` of a known source (or ``local``), in one group only."""
    problems: list[Problem] = []
    known = {LOCAL} | {s.id for s in network.file.sources}
    placed: dict[tuple[str, str], int] = {}
    for g, group in enumerate(network.file.ambassadors):
        members: list[Member] = []
        for m, member in enumerate(group):
            line, column = network.doc.position(("ambassadors", g, m))
            parts = split_member(member)
            if parts is None:
                problems.append(Problem(NETWORK_FILE, line, column, Code.R225,
                                        f"«\u00a0{member}\u00a0» n’est pas de la forme source:identifiant",
                                        "Exemple\u00a0: [local:marie-le-gall, pays-de-brest:marie-le-gall]"))
                continue
            if parts[0] not in known:
                close = did_you_mean(parts[0], known)
                problems.append(Problem(NETWORK_FILE, line, column, Code.R225, f"source «\u00a0{parts[0]}\u00a0» inconnue",
                                        (f"Vouliez-vous dire «\u00a0{close[0]}\u00a0»\u202f? " if close else "")
                                        + f"Utilisez l’identifiant d’une source de «\u00a0sources\u00a0», ou «\u00a0{LOCAL}\u00a0»."))
                continue
            if parts in placed:
                problems.append(Problem(NETWORK_FILE, line, column, Code.R225,
                                        f"«\u00a0{member}\u00a0» est déjà dans le groupe {placed[parts] + 1}",
                                        "Une fiche n’appartient qu’à un groupe\u00a0: réunissez les deux groupes."))
                continue
            placed[parts] = g
            members.append(Member(parts[0], parts[1], line, column))
        if len(members) >= 2:
            network.groups.append(members)
    return problems


def load_lock(root: Path) -> tuple[Lock, list[Problem]]:
    """The pinned commits of ``network.lock.yml`` (empty without the file); an unreadable lock
    is one R226 problem and an empty lock."""
    path = root / LOCK_FILE
    if not path.exists():
        return Lock(), []
    doc, problems = read_yaml(path, LOCK_FILE, max_bytes=64 * 1024 * 1024)
    hint = "Ce fichier est écrit par l’outil\u00a0: lancez «\u00a0recettes network update\u00a0» pour le refaire."
    if doc is None:
        return Lock(), [Problem(p.path, p.line, p.column, Code.R226, p.message, hint) for p in problems]
    data = doc.data if isinstance(doc.data, dict) else None
    sources = data.get("sources") if data is not None else None
    if data is None or data.get("version") != 1 or not isinstance(sources, dict):
        return Lock(), [Problem(LOCK_FILE, 1, 1, Code.R226, "format inconnu (version: 1 et sources: attendus)", hint)]
    locked: dict[str, LockedSource] = {}
    for ident, entry in sources.items():
        try:
            recipes = entry.get("recipes") or {}
            locked[str(ident)] = LockedSource(
                str(ident), str(entry["url"]), str(entry["ref"]), _commit(entry["commit"]),
                bool(entry.get("history", True)),
                {str(k): str(v) for k, v in recipes.items()})
        except (AttributeError, KeyError, TypeError, ValueError):
            line, column = doc.position(("sources", ident))
            problems.append(Problem(LOCK_FILE, line, column, Code.R226, f"source «\u00a0{ident}\u00a0» illisible", hint))
    return Lock(locked), problems


def _commit(value: Any) -> str:
    text = str(value)
    if len(text) not in (40, 64) or any(c not in "0123456789abcdef" for c in text):
        raise ValueError(text)
    return text


def dump_lock(lock: Lock) -> str:
    """The text of ``network.lock.yml``: sorted, one value a line, so its git diff shows which
    source moved and which recipes changed."""
    lines = [LOCK_HEADER, "version: 1", "sources:" + ("" if lock.sources else " {}")]
    for ident in sorted(lock.sources):
        entry = lock.sources[ident]
        lines += [f"  {ident}:", f"    url: {_quoted(entry.url)}", f"    ref: {_quoted(entry.ref)}",
                  f"    commit: {entry.commit}", f"    history: {'true' if entry.history else 'false'}",
                  "    recipes:" + ("" if entry.recipes else " {}")]
        lines += [f"      {slug}: {tree}" for slug, tree in sorted(entry.recipes.items())]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
