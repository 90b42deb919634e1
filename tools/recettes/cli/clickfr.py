"""French for click's own messages (usage, help headings, usage errors).

Click marks its messages for gettext but ships no French catalogue, so "Usage:", "Show this
message and exit." or "Invalid value for '--format'" would reach project holders in English.
Each click module binds ``_`` and ``ngettext`` as globals; ``install`` rebinds them to a lookup
in the table below (unknown messages stay as they are). ``french()`` does so only while the
``recettes`` command runs (``recettes.cli.main.main``) and then restores click, so importing
the package — as the MkDocs plugin does — never changes another program's messages.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

FRENCH: dict[str, str] = {
    "Usage:": "Utilisation\u00a0:",
    "Options": "Options",
    "Commands": "Commandes",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Error: {message}": "Erreur\u00a0: {message}",
    "Try '{command} {option}' for help.": "Aide\u00a0: « {command} {option} ».",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint}\u00a0: {message}",
    "Invalid value: {message}": "Valeur invalide\u00a0: {message}",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "Missing parameter: {param_name}": "Paramètre manquant\u00a0: {param_name}",
    "Missing {param_type}": "{param_type} manquant",
    "No such command {name!r}.": "Commande inconnue\u00a0: {name!r}.",
    "No such option {name!r}.": "Option inconnue\u00a0: {name!r}.",
    "Option {name!r} does not take a value.": "L’option {name!r} ne prend pas de valeur.",
    "Aborted!": "Interrompu.",
    "default: {default}": "par défaut\u00a0: {default}",
    "required": "obligatoire",
    "directory": "Dossier",
    "file": "Fichier",
    "path": "Chemin",
    "{name} {filename!r} does not exist.": "«\u00a0{filename}\u00a0» introuvable.",
    "{name} {filename!r} is a directory.": "«\u00a0{filename}\u00a0» est un dossier.",
    "{name} {filename!r} is a file.": "«\u00a0{filename}\u00a0» est un fichier.",
    "{name} {filename!r} is not readable.": "«\u00a0{filename}\u00a0» illisible.",
    "{name} {filename!r} is not writable.": "«\u00a0{filename}\u00a0» non modifiable.",
    "{value!r} is not a valid {number_type}.": "{value!r} n’est pas un nombre valide ({number_type}).",
    "{value} is not in the range {range}.": "{value} n’est pas dans l’intervalle {range}.",
    "Do you want to continue?": "Voulez-vous continuer\u00a0?",
}
FRENCH_PLURAL: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": ("Argument en trop ({args})", "Arguments en trop ({args})"),
    "Did you mean {possibility}?": ("Vouliez-vous dire {possibility}\u00a0?",
                                    "(Vouliez-vous dire l’un de\u00a0: {possibilities}\u00a0?)"),
    "Option {name!r} requires an argument.": ("L’option {name!r} attend une valeur.",
                                              "L’option {name!r} attend {nargs} valeurs."),
    "{value!r} is not {choice}.": ("{value!r} n’est pas {choice}.", "{value!r} n’est pas parmi {choices}."),
}
_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


METAVARS = {"TEXT": "TEXTE", "INTEGER": "ENTIER", "FLOAT": "NOMBRE", "BOOLEAN": "OUI|NON", "DIRECTORY": "DOSSIER",
            "FILE": "FICHIER", "PATH": "CHEMIN", "FILENAME": "FICHIER", "UUID": "UUID"}
"""Click's default placeholders in help (its types' English names, not marked for gettext)."""


def _french_metavar(make_metavar: Any) -> Any:
    def wrapper(self: click.Parameter, *args: Any, **kwargs: Any) -> str:
        shown: str = make_metavar(self, *args, **kwargs)
        for english, ours in METAVARS.items():
            shown = re.sub(rf"\b{english}\b", ours, shown)
        return shown

    return wrapper


def gettext(message: str) -> str:
    return FRENCH.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    found = FRENCH_PLURAL.get(singular)
    if found is None:
        return singular if count == 1 else plural
    return found[0] if count == 1 else found[1]


@contextmanager
def french() -> Iterator[None]:
    """Click speaks French inside the ``with`` block; its own functions are restored after."""
    saved: list[tuple[Any, str, Any]] = []
    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a module of another click version
            continue
        for attr, ours in (("_", gettext), ("ngettext", ngettext)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, ours)
    saved.append((click.core.Parameter, "make_metavar", click.core.Parameter.make_metavar))
    click.core.Parameter.make_metavar = _french_metavar(click.core.Parameter.make_metavar)  # type: ignore[method-assign]
    try:
        yield
    finally:
        for module, attr, original in reversed(saved):
            setattr(module, attr, original)
