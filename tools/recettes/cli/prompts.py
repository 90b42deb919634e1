"""Interactive questions of ``recettes new`` and ``new-ambassador``, in French (questionary).

Every question takes the prompt_toolkit ``input``/``output`` keyword arguments (``**io``), so tests
can drive them with a pipe input; the CLI drives them through the real terminal. Values given as
flags are not asked again. Ctrl-C raises ``KeyboardInterrupt``: the caller writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import questionary
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.document import Document

from recettes.core.french import NBSP, fold, slugify
from recettes.core.model import Kind
from recettes.read.territories import Territories
from recettes.read.vocabulary import Vocabulary
from recettes.scaffold.scaffold import NewAmbassador, NewRecipe, match_choice

MAX_THEMES = 5
_ARROWS = "(flèches, puis Entrée)"
_STYLE = questionary.Style([("qmark", "fg:#2e7d32 bold"), ("answer", "fg:#1565c0 bold")])


class FoldingCompleter(Completer):
    """Completes labels from any part of a word, ignoring case and accents (« eco » → Économie)."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels

    def get_completions(self, document: Document, complete_event: Any) -> Iterator[Completion]:
        typed = document.text_before_cursor
        wanted = fold(typed.strip())
        for key, label in self.labels.items():
            if wanted in fold(label) or wanted in key:
                yield Completion(label, start_position=-len(typed), display=label, display_meta=key)


def resolve(answer: str, labels: dict[str, str]) -> str | None:
    """The id named by ``answer``: exactly (id or label), else the only entry containing it."""
    found = match_choice(answer, labels)
    if found is None and answer.strip():
        wanted = fold(answer.strip())
        candidates = [k for k, label in labels.items() if wanted in fold(label) or wanted in k]
        found = candidates[0] if len(candidates) == 1 else None
    return found


def _choose(message: str, labels: dict[str, str], io: dict[str, Any], *, optional: bool = False,
            exclude: tuple[str, ...] = ()) -> str | None:
    """Ask for one entry of ``labels`` with completion; return its id (None: left empty)."""
    def check(answer: str) -> bool | str:
        if optional and not answer.strip():
            return True
        if resolve(answer, labels) in (None, *exclude):
            return "Choisissez un élément de la liste (touche Tab pour la voir)."
        return True

    answer = questionary.autocomplete(
        message, choices=list(labels.values()), completer=FoldingCompleter(labels), validate=check,
        style=_STYLE, qmark="?", **io,
    ).unsafe_ask()
    return resolve(answer, labels) if answer.strip() else None


def _text(message: str, io: dict[str, Any], check: Callable[[str], bool | str] | None = None,
          default: str = "") -> str:
    return str(questionary.text(message, default=default, validate=check, style=_STYLE, **io).unsafe_ask()).strip()


class TerritoryCompleter(Completer):
    """Completes a territory from its name among the vocabulary and every official French place
    (``Territories.search``): « plougon » offers « Plougonvelin (commune, Finistère) »."""

    def __init__(self, territories: Territories) -> None:
        self.territories = territories

    def get_completions(self, document: Document, complete_event: Any) -> Iterator[Completion]:
        typed = document.text_before_cursor
        for entry in self.territories.search(typed.strip(), count=30):
            label = self.territories.describe(entry)
            yield Completion(label, start_position=-len(typed), display=label,
                             display_meta=self.territories.reference(entry))


def resolve_territory(answer: str, territories: Territories) -> tuple[str | None, int]:
    """The reference (id or official code) an answer names, and how many territories it could
    name: an id or a code, a label as completed (« Plougonvelin (commune, Finistère) »), a name
    (« Plouarzel (commune) »), or the beginning of a single territory's name."""
    text = answer.strip()
    if not text:
        return None, 0
    exact = territories.get(text)
    if exact is not None:
        return territories.reference(exact), 1
    name = re.sub(r"\s*\(.*\)\s*$", "", text)
    found = territories.search(name, count=50)
    for group in ([e for e in found if fold(territories.describe(e)) == fold(text)],
                  [e for e in found if fold(e.label) == fold(name)], found):
        local = [e for e in group if territories.is_local(e.id)]  # the vocabulary's own first
        for chosen in (group, local):
            if len(chosen) == 1:
                return territories.reference(chosen[0]), 1
        if group:
            return None, len(group)
    return None, 0


def ask_territory(vocabulary: Vocabulary, io: dict[str, Any], *, optional: bool = False) -> str | None:
    territories = vocabulary.territories

    def check(answer: str) -> bool | str:
        if optional and not answer.strip():
            return True
        found, count = resolve_territory(answer, territories)
        if found is not None:
            return True
        if count > 1:
            return f"{count} territoires répondent à ce nom{NBSP}: choisissez le vôtre (touche Tab)."
        return (f"Aucun territoire de ce nom{NBSP}: tapez le début du nom de la commune (ou son code "
                "INSEE, commune:29190), puis Tab.")

    suffix = " (Entrée pour passer)" if optional else ""
    answer = questionary.autocomplete(
        f"Territoire{NBSP}: commune, intercommunalité, pays, département ou région{suffix}",
        choices=[territories.describe(t) for t in territories.values()],
        completer=TerritoryCompleter(territories), validate=check, style=_STYLE, qmark="?", **io,
    ).unsafe_ask()
    return resolve_territory(answer, territories)[0]


def ask_themes(vocabulary: Vocabulary, io: dict[str, Any], *, minimum: int = 1) -> list[str]:
    labels = {t.id: t.label for t in vocabulary.themes.values()}
    themes: list[str] = []
    while len(themes) < min(MAX_THEMES, len(labels)):
        first = len(themes) < minimum
        message = ("Thématique (Tab pour compléter)" if first
                   else f"Autre thématique{NBSP}? (Entrée pour terminer)")
        theme = _choose(message, labels, io, optional=not first, exclude=tuple(themes))
        if theme is None:
            break
        themes.append(theme)
    return themes


def ask_title(taken: set[str], io: dict[str, Any]) -> str:
    def check(answer: str) -> bool | str:
        if len(answer.strip()) < 3:
            return "Au moins trois caractères."
        if slugify(answer) in taken:
            return f"recipes/{slugify(answer)}/ existe déjà{NBSP}: choisissez un autre titre."
        return True

    return _text(f"Titre de la recette{NBSP}?", io, check)


def ask_summary(io: dict[str, Any]) -> str | None:
    def check(answer: str) -> bool | str:
        return not answer.strip() or len(answer.strip()) >= 10 or "Au moins dix caractères, ou rien."

    return _text(f"Résumé en une ou deux phrases (Entrée pour l’écrire plus tard){NBSP}?", io, check) or None


def ask_new_ambassador(vocabulary: Vocabulary, taken: set[str], io: dict[str, Any],
                       given: NewAmbassador | None = None) -> NewAmbassador:
    def check(answer: str) -> bool | str:
        if len(answer.strip()) < 2:
            return "Au moins deux caractères."
        if slugify(answer) in taken:
            return f"ambassadors/{slugify(answer)}.yml existe déjà{NBSP}: choisissez-la plutôt."
        return True

    new = given or NewAmbassador(name="")
    if not new.name:
        new.name = _text(f"Nom de la personne ou de l’organisation{NBSP}?", io, check)
    new.kind = Kind(questionary.select(
        f"S’agit-il d’une personne ou d’une organisation{NBSP}?",
        choices=[questionary.Choice("Une personne", Kind.PERSON.value),
                 questionary.Choice("Une organisation", Kind.ORGANISATION.value)],
        default=new.kind.value, instruction=_ARROWS, style=_STYLE, **io,
    ).unsafe_ask())
    if new.territory is None:
        new.territory = ask_territory(vocabulary, io, optional=True)
    return new


def ask_holder(vocabulary: Vocabulary, ambassadors: dict[str, str], io: dict[str, Any]
               ) -> tuple[list[str], NewAmbassador | None]:
    """Existing ambassador ids, or a new profile to create, or nothing (to fill in later)."""
    choices = [questionary.Choice("Créer une nouvelle fiche d’ambassadeur·rice", "new"),
               questionary.Choice("Plus tard (la recette reste un brouillon)", "later")]
    if ambassadors:
        choices.insert(0, questionary.Choice("Une fiche qui existe déjà dans ambassadors/", "existing"))
    how = questionary.select(f"Qui porte ce projet{NBSP}?", choices=choices, instruction=_ARROWS,
                             style=_STYLE, **io).unsafe_ask()
    if how == "existing":
        holder = _choose("Porteur·euse (Tab pour compléter)", ambassadors, io)
        return [holder] if holder else [], None
    if how == "new":
        return [], ask_new_ambassador(vocabulary, set(ambassadors), io)
    return [], None


def ask_recipe(given: NewRecipe, vocabulary: Vocabulary, ambassadors: dict[str, str], taken: set[str],
               *, ask_holders: bool = True, **io: Any) -> tuple[NewRecipe, NewAmbassador | None]:
    """Complete ``given`` (values from flags) by asking what is missing."""
    if not given.title:
        given.title = ask_title(taken, io)
    if given.summary is None:
        given.summary = ask_summary(io)
    if not given.territory:
        given.territory = ask_territory(vocabulary, io) or ""
    if not given.themes:
        given.themes = ask_themes(vocabulary, io)
    holder = None
    if ask_holders and not given.holders:
        given.holders, holder = ask_holder(vocabulary, ambassadors, io)
    return given, holder


def confirm(message: str, io: dict[str, Any]) -> bool:
    choices = [questionary.Choice("Oui", True), questionary.Choice("Non, ne rien écrire", False)]
    return bool(questionary.select(message, choices=choices, instruction=_ARROWS, style=_STYLE, **io).unsafe_ask())
