"""DuplicateReport: the pairs of ``publish.duplicates`` as people and programs read them —
located warnings (R250 identical, R251 near) naming the other recipe, its file and source, the
likeness in words and the alike sections; or a JSON object per pair (``recettes duplicates``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from recettes.core.french import NBSP, NNBSP
from recettes.core.problems import Code, Problem, Severity
from recettes.publish.duplicates import Likeness, percent
from recettes.read.load import RecipeEntry


def describe(pair: Likeness, title: str, where: str) -> str:
    """What the first recipe of a pair says of the other (``title``, found at ``where``), in
    French: « recette identique à … », « recette proche de … : 72 % du texte en commun », then
    the alike sections."""
    level = pair.level
    link = "à" if level != "proche" else "de"
    text = f"recette {level} {link} «{NBSP}{title}{NBSP}» ({where})"
    if not pair.exact:
        text += f"{NBSP}: {percent(pair.similarity)} du texte en commun"
    else:
        text += f"{NBSP}: même texte, mise en forme, accents ou ordre des sections mis à part"
    alike = pair.alike_sections()
    if alike and not pair.exact:
        text += f"{NNBSP}; sections semblables{NBSP}: " + ", ".join(
            f"{s.title} ({percent(s.similarity)})" for s in alike)
    elif not pair.exact:
        text += f"{NNBSP}; aucune section n’est semblable à elle seule (texte réparti autrement)"
    return text


HINT = ("Rien n’est fusionné automatiquement. Si l’une reprend l’autre, dites-le dans son en-tête "
        "(adapted_from: {recipe: …, changes: …})\u00a0: une adaptation déclarée n’est plus signalée. "
        "Sinon, réunissez les deux textes en une recette, ou retirez la copie.")


def problems(pairs: Iterable[Likeness], entries: Mapping[str, RecipeEntry]) -> list[Problem]:
    """One warning per pair, located at the first recipe's title line: R250 (identical) or
    R251 (near), naming the other recipe, its file and source, the similarity and the sections."""
    out = []
    for pair in pairs:
        here, there = entries[pair.a], entries[pair.b]
        assert there.meta is not None
        where = there.meta_path
        if pair.across and pair.source_b:
            where = f"source «{NBSP}{pair.source_b}{NBSP}», {where}"
        line, column = here.doc.position(("title",)) if here.doc is not None else (1, 1)
        code = Code.R250 if pair.exact else Code.R251
        out.append(Problem(here.meta_path, line, column, code,
                           describe(pair, there.meta.title, where), HINT, Severity.WARNING))
    return out


def as_dict(pair: Likeness, entries: Mapping[str, RecipeEntry]) -> dict[str, object]:
    """A pair for ``recettes duplicates --format json``."""
    def side(key: str, source: str | None) -> dict[str, object]:
        entry = entries[key]
        meta = entry.meta
        return {"key": key, "slug": entry.slug, "path": entry.meta_path, "source": source,
                "title": meta.title if meta else "", "status": meta.status.value if meta else None}
    return {
        "a": side(pair.a, pair.source_a), "b": side(pair.b, pair.source_b),
        "exact": pair.exact, "similarity": round(pair.similarity, 4), "level": pair.level,
        "across_sources": pair.across,
        "sections": [{"id": s.id, "title": s.title, "similarity": round(s.similarity, 4)} for s in pair.sections],
    }
