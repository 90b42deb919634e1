"""The front matter of an imported draft: its licence from evidence, its sources and links
(each checked against the model, an invalid one left out and said), its media credits and its
provenance (``origin``). Metadata is plain text: no tag opening survives.

Licence rule (``core.licences``): the most restrictive of the clues; its version only when the
clues state it, else the one a person gave (``--licence-version``), else ``NOASSERTION`` — a
draft that cannot be published until a licence is obtained.
"""

from __future__ import annotations

import datetime
from typing import Any

from recettes.core.licences import most_restrictive, spdx_id, stated
from recettes.core.model import Link, Source
from recettes.core.problems import Code, Problem, Severity
from recettes.history.sources import FileHistory, GitSource
from recettes.scaffold.importing.convert import Draft
from recettes.scaffold.importing.links import MediaFile
from recettes.scaffold.importing.table import defuse
from recettes.scaffold.scaffold import SUMMARY_PLACEHOLDER


def licence_of(draft: Draft, version: str | None) -> tuple[str, list[str]]:
    """The recipe's licence id from its evidence, else NOASSERTION (a draft that cannot be published)."""
    evidence = list(dict.fromkeys(clue.name for clue in draft.clues))
    shown, line = draft.fiche.shown, draft.fiche.title_line
    chosen = most_restrictive(draft.clues)
    if chosen is None:
        draft.problems.append(Problem(shown, line, 1, Code.R204, "aucune licence trouvée\u00a0: la recette reste un "
                                      "brouillon non publiable (licence: NOASSERTION)",
                                      "Demandez aux auteur·ices de la fiche sous quelle licence la publier, puis "
                                      "écrivez-la dans «\u00a0licence:\u00a0».", Severity.WARNING))
        return "NOASSERTION", evidence
    ident = spdx_id(chosen, version)
    if ident is None:
        draft.problems.append(Problem(shown, line, 1, Code.R203,
                                      f"licence «\u00a0{chosen.name}\u00a0» sans version\u00a0: licence: NOASSERTION en attendant",
                                      "Vérifiez la version dans la source, puis relancez avec --licence-version "
                                      "(par exemple --licence-version 4.0)\u00a0: l’import n’invente jamais une version.",
                                      Severity.WARNING))
        return "NOASSERTION", evidence
    if not chosen.version:
        draft.problems.append(Problem(shown, line, 1, Code.R203,
                                      f"licence «\u00a0{chosen.name}\u00a0» sans version\u00a0: {ident}, version donnée par "
                                      "--licence-version", "Rien à faire si cette version est la bonne.",
                                      Severity.WARNING))
    return ident, evidence


def front_matter(draft: Draft, licence: str, media: list[MediaFile], origin: dict[str, Any], territory: str,
                 themes: list[str]) -> dict[str, Any]:
    """The draft's metadata, ready for ``Recipe`` (status draft, version 0.1.0)."""
    data: dict[str, Any] = {
        "schema_version": 1, "title": draft.title, "summary": draft.summary or SUMMARY_PLACEHOLDER,
        "version": "0.1.0", "status": "draft", "territory": {"place": territory},
        "themes": list(dict.fromkeys(themes)), "licence": licence,
    }
    for key, model, values in (("sources", Source, draft.sources), ("links", Link, draft.links)):
        kept = [value for value in values if _valid(model, value, draft, key)]
        if kept:
            data[key] = kept
    if draft.resources:
        data["resources"] = draft.resources
    if media and stated(licence):
        credit = ", ".join(a["name"] for a in origin.get("authors", [])[:3]) or f"fiche «\u00a0{origin['path']}\u00a0»"
        data["media"] = [{"file": f"media/{m.name}", "author": credit[:300], "licence": licence,
                          **({"source": m.source} if m.source else {})} for m in media]
    data["origin"] = origin
    return {key: _plain(value) for key, value in data.items()}


def _plain(value: Any) -> Any:
    """Metadata is plain text: a « < » that would open a tag becomes « ‹ » (file names and titles
    of fiches may hold one; the validator refuses raw HTML in metadata, R033)."""
    if isinstance(value, str):
        return defuse(value, "‹")
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _valid(model: type[Source] | type[Link], value: dict[str, Any], draft: Draft, key: str) -> bool:
    """Whether one source or link is valid; an invalid one is left out and said."""
    try:
        model.model_validate(value)
    except ValueError:
        shown = value.get("url") or value.get("title") or ""
        draft.problems.append(Problem(draft.fiche.shown, draft.fiche.title_line, 1, Code.R206,
                                      f"{'source' if key == 'sources' else 'lien'} «\u00a0{str(shown)[:80]}\u00a0» invalide, "
                                      "laissé de côté", "Ajoutez-le à la main dans la recette si besoin.",
                                      Severity.WARNING))
        return False
    return True


def origin_of(repository: str, path: str, part: int | None, git: GitSource | None, history: FileHistory | None,
              today: datetime.date) -> dict[str, Any]:
    """Where the fiche comes from and who wrote it when (names and dates only)."""
    origin: dict[str, Any] = {"repository": repository[:300], "path": path[:300]}
    if part:
        origin["part"] = part
    if git is not None:
        origin["commit"] = git.commit
    if history is not None:
        origin["authors"] = [{"name": name[:300], "first": first, "last": last} for name, first, last in history.authors]
        origin["created"], origin["updated"] = history.created, history.updated
        if history.renamed_from:
            origin["renamed_from"] = [path[:300] for path in history.renamed_from]
    origin["imported"] = today.isoformat()
    return origin
