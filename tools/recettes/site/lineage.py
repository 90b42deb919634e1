"""The « Ce qui a changé par rapport à l’original » block of an adapted recipe's page (pure).

It follows « Adaptée de » (the declared ``changes``) and shows, from ``catalog.lineage``, which
original version is compared and why, a summary of the sections changed, added or removed, and
for each of them the text with its removed words in ``<del>`` and its added words in ``<ins>``.

Choices:

- The marks do not rely on colour: the browser's strike-through and underline stay, and each
  mark starts and ends with words for screen readers (« début du retrait », « fin de l’ajout »)
  in a visually hidden span, as most screen readers do not announce ``<del>``/``<ins>``.
- The text compared is the Markdown as written (a diff of rendered HTML would cut tags), every
  character escaped (``html.escape``) and written as one raw HTML line, so Markdown never reads
  it; the sanitizer keeps ``del``, ``ins`` and the ``recettes-`` classes only.
- The block is out of the search index (``OUT_OF_INDEX``): it repeats the page's own text.
"""

from __future__ import annotations

import html

from recettes.catalog.catalog import Catalog
from recettes.catalog.lineage import Base, Lineage, Reason, lineage
from recettes.catalog.sectiondiff import Change, ItemDiff, SectionDiff
from recettes.core.addresses import recipe_uri, relative, version_uri
from recettes.core.french import NBSP, and_list, french_date, plural
from recettes.core.sections import SECTION_BY_ID
from recettes.read.load import RecipeEntry
from recettes.site.search import OUT_OF_INDEX
from recettes.site.text import inline

ANCHOR = "changements-origine"
HIDDEN = "recettes-lecteur"
"""Visually hidden text, read by screen readers (``assets/recettes.css``)."""

_CHANGE_LABELS = {Change.CHANGED: ("modifiée", "modifiées"), Change.ADDED: ("ajoutée", "ajoutées"),
                  Change.REMOVED: ("retirée", "retirées"), Change.SAME: ("identique", "identiques")}
_ITEM_LABELS = {Change.CHANGED: "modifié", Change.ADDED: "ajouté", Change.REMOVED: "retiré",
                Change.SAME: "identique"}
_MARKS = {"-": ("del", "début du retrait", "fin du retrait"), "+": ("ins", "début de l’ajout", "fin de l’ajout")}


def lineage_block(catalog: Catalog, slug: str, entry: RecipeEntry, src: str) -> list[str]:
    """The block's Markdown lines; for an ``url`` origin, a sentence saying why there is no
    comparison; nothing for a recipe that is not an adaptation."""
    meta = entry.meta
    adapted = meta.adapted_from if meta is not None else None
    if adapted is None:
        return []
    heading = f"## Ce qui a changé par rapport à l’original {{#{ANCHOR} .{OUT_OF_INDEX}}}"
    if adapted.recipe is None:
        return [heading, "", "L’original est publié ailleurs (adresse web)\u00a0: le guide ne peut pas "
                "comparer les textes. Seuls les changements déclarés ci-dessus sont connus.", ""]
    found = lineage(catalog, slug, entry)
    if found is None:
        return []
    out = [heading, "", _base_sentence(catalog, found.base, src), ""]
    changed = found.changed
    if not changed:
        return [*out, "Les sections sont identiques à celles de cette version de l’original\u00a0: seules "
                "les métadonnées (territoire, porteur·euses…) diffèrent.", ""]
    out += [_summary(found), "",
            "Les mots retirés sont barrés, les mots ajoutés soulignés (le texte est montré tel qu’il est "
            "écrit, en Markdown).", ""]
    for section in changed:
        out += _section(section)
    return out


def lineage_key(catalog: Catalog, slug: str) -> int:
    """What the block reads beyond the adaptation and the catalog's digest: the stamp of the
    original's current text (its older versions never change), for page caches."""
    meta = catalog.meta(slug)
    origin = meta.adapted_from.recipe if meta.adapted_from is not None else None
    return catalog.recipes[origin].stamp if origin in catalog.recipes else 0


def _base_sentence(catalog: Catalog, base: Base, src: str) -> str:
    title = inline(catalog.meta(base.origin).title)
    current = catalog.meta(base.origin).version
    page = recipe_uri(base.origin) if base.version == current else version_uri(base.origin, base.version)
    target = f"[la version {inline(base.version)} de «{NBSP}{title}{NBSP}»]({relative(page, src)})"
    if base.reason is Reason.DECLARED:
        return f"Comparée à {target}, celle dont l’adaptation indique être partie."
    if base.reason is Reason.AT_ADAPTATION:
        when = f" (le {french_date(base.date)})" if base.date is not None else ""
        return (f"Comparée à {target}, en vigueur quand l’adaptation a été enregistrée pour la première "
                f"fois{when}\u00a0: l’adaptation ne dit pas de quelle version elle est partie "
                f"(«{NBSP}version{NBSP}» dans «{NBSP}adapted_from{NBSP}»).")
    if base.reason is Reason.UNKNOWN:
        return (f"L’adaptation indique la version {inline(base.declared or '')}, que l’original n’a jamais "
                f"eue\u00a0: comparée à {target}, sa version actuelle.")
    if base.reason is Reason.NO_HISTORY:
        return (f"La version {inline(base.declared or '')} de l’original ne peut pas être relue sans "
                f"l’historique git du dépôt : comparée à {target}, sa version actuelle.")
    if base.reason is Reason.UNREADABLE:
        return (f"La version {inline(base.declared or '')} de l’original ne peut pas être relue (brouillon "
                f"ou fichier invalide à ce moment-là)\u00a0: comparée à {target}, sa version actuelle.")
    return (f"Comparée à {target}, sa version actuelle\u00a0: l’adaptation ne dit pas de quelle version elle "
            "est partie, et l’historique git ne permet pas de le savoir.")


def _summary(found: Lineage) -> str:
    parts: list[str] = []
    for change in (Change.CHANGED, Change.ADDED, Change.REMOVED, Change.SAME):
        kinds = [SECTION_BY_ID[s.kind].title for s in found.sections if s.change is change]
        if kinds:
            count = plural(len(kinds), "section") if not parts else str(len(kinds))
            label = _CHANGE_LABELS[change][len(kinds) > 1]
            parts.append(f"{count} {label} ({and_list(kinds)})")
    return and_list(parts)[:1].upper() + and_list(parts)[1:] + "."


def _section(section: SectionDiff) -> list[str]:
    kind = SECTION_BY_ID[section.kind]
    label = _CHANGE_LABELS[section.change][0]
    out = [f"### {kind.title} ({label})", ""]
    parts = [_item(item, kind.numbered) for item in section.items]
    out.append('<div class="recettes-diff">' + "".join(parts) + "</div>")
    return [*out, ""]


def _item(item: ItemDiff, numbered: bool) -> str:
    what = "Étape" if numbered else "Élément"
    if not item.title:
        name = "Introduction"
    elif item.old_title is not None:
        name = f"{what} «{NBSP}{html.escape(item.title)}{NBSP}» (avant{NBSP}: «{NBSP}{html.escape(item.old_title)}{NBSP}»)"
    else:
        name = f"{what} «{NBSP}{html.escape(item.title)}{NBSP}»"
    head = f'<p class="recettes-diff-element"><strong>{name}</strong>{NBSP}: {_ITEM_LABELS[item.change]}</p>'
    if item.change is Change.SAME:
        return head
    return head + '<p class="recettes-diff-texte">' + "".join(_fragment(op, text) for op, text in item.words) + "</p>"


def _fragment(op: str, text: str) -> str:
    shown = html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")
    if op == "=":
        return shown
    tag, start, end = _MARKS[op]
    return (f'<{tag}><span class="{HIDDEN}">[{start}{NBSP}: </span>{shown}'
            f'<span class="{HIDDEN}"> {end}]</span></{tag}>')


__all__ = ["ANCHOR", "lineage_block", "lineage_key"]
