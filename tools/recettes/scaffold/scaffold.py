"""Scaffold: new recipe folders and ambassador files, written from ``templates/``.

The written files are valid as a draft: each section holds placeholder items whose text asks the
guiding question (what did you do first? what blocked you? ...). Nothing existing is ever
overwritten: folders are created with ``exist_ok=False`` and files opened with mode ``x``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template

from recettes.core.french import fold, one_line, plural, slugify
from recettes.core.model import NAME_LENGTH, SUMMARY_LENGTH, THEMES_COUNT, TITLE_LENGTH, Kind
from recettes.core.sections import PLACEHOLDER, RECIPE_MD, SECTIONS
from recettes.read.load import AMBASSADORS_DIR, RECIPES_DIR
from recettes.read.recipe_md import recipe_md_text
from recettes.read.vocabulary import Vocabulary

SUMMARY_PLACEHOLDER = f"{PLACEHOLDER}\u00a0: en une ou deux phrases, ce que fait l’innovation et pour qui."


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message is French and says what to do."""


@dataclass
class NewRecipe:
    """What ``recettes new`` needs to know; everything else is a placeholder to fill."""

    title: str
    territory: str
    themes: list[str]
    summary: str | None = None
    holders: list[str] = field(default_factory=list)
    started: int | None = None
    location: tuple[float, float] | None = None
    slug: str | None = None

    @property
    def folder_name(self) -> str:
        return self.slug or slugify(self.title)


@dataclass
class NewAmbassador:
    """What ``recettes new-ambassador`` needs to know."""

    name: str
    kind: Kind = Kind.PERSON
    territory: str | None = None
    expertise: list[str] = field(default_factory=list)
    bio: str | None = None
    id: str | None = None

    @property
    def file_id(self) -> str:
        return self.id or slugify(self.name)


def _template(*parts: str) -> str:
    return resources.files("recettes.scaffold").joinpath("templates", *parts).read_text(encoding="utf-8")


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(one_line(text), ensure_ascii=False)


def _items(values: list[str]) -> str:
    return "".join(f"  - {v}\n" for v in values)


def render_recipe(new: NewRecipe) -> str:
    """The metadata (front matter) of a new draft."""
    holders = "".join(f"  - id: {h}\n    role: holder\n" for h in new.holders)
    location = ""
    if new.location is not None:
        lat, lon = new.location
        location = f"  location:\n    lat: {lat}\n    lon: {lon}\n"
    return Template(_template("recipe", "front-matter.yml")).substitute(
        title=_quote(new.title),
        summary=_quote(new.summary or SUMMARY_PLACEHOLDER),
        started=f"started: {new.started}\n" if new.started else "",
        place=new.territory,
        location=location,
        themes=_items(new.themes).rstrip("\n"),
        holders=f"holders:\n{holders}" if holders else "",
    )


def render_ambassador(new: NewAmbassador) -> str:
    """The ambassadors/<id>.yml text of a new profile."""
    return Template(_template("ambassador", "ambassador.yml")).substitute(
        name=_quote(new.name),
        kind=new.kind.value,
        territory=f"territory: {new.territory}\n" if new.territory else "",
        expertise=f"expertise:\n{_items(new.expertise)}" if new.expertise else "",
        bio=f"bio: {_quote(new.bio)}\n" if new.bio else "",
    )


def section_templates() -> dict[str, str]:
    """Section id -> placeholder text of each section (context included)."""
    return {kind.id: _template("recipe", f"{kind.id}.md") for kind in SECTIONS}


def render_recipe_md(new: NewRecipe) -> str:
    """The recipe.md of a new draft: metadata, then every section with its guiding questions."""
    return recipe_md_text(render_recipe(new), section_templates())


def recipe_errors(new: NewRecipe, vocabulary: Vocabulary, ambassador_ids: set[str]) -> list[str]:
    """What is wrong with the request, in French, before anything is written."""
    errors = []
    errors += length_errors("Le titre", new.title, TITLE_LENGTH)
    if new.territory not in vocabulary.territories:
        errors.append(_unknown_territory(vocabulary, new.territory))
    if len(new.themes) < THEMES_COUNT[0]:
        errors.append(f"Indiquez au moins {plural(THEMES_COUNT[0], 'thématique')}.")
    if len(new.themes) > THEMES_COUNT[1]:
        errors.append(f"{plural(THEMES_COUNT[1], 'thématique')} au plus.")
    for theme in new.themes:
        if theme not in vocabulary.themes:
            errors.append(_unknown("thématique", theme, vocabulary.suggest_theme(theme),
                                   "schema/vocabularies/themes.yml"))
    for holder in new.holders:
        if holder not in ambassador_ids:
            errors.append(f"Aucune fiche ambassadors/{holder}.yml\u00a0: créez-la avec "
                          "« recettes new-ambassador » ou utilisez --new-holder.")
    if new.summary is not None:
        errors += length_errors("Le résumé", new.summary, SUMMARY_LENGTH)
    return errors


def length_errors(what: str, text: str, limits: tuple[int, int]) -> list[str]:
    """``what`` (« Le titre »…) is too short or too long for the model's ``limits`` (characters)."""
    size = len(text.strip())
    if size < limits[0]:
        return [f"{what} doit compter au moins {plural(limits[0], 'caractère')}."]
    if size > limits[1]:
        return [f"{what} doit compter au plus {plural(limits[1], 'caractère')} (il en a {size})."]
    return []


def ambassador_errors(new: NewAmbassador, vocabulary: Vocabulary) -> list[str]:
    errors = []
    errors += length_errors("Le nom", new.name, NAME_LENGTH)
    if new.territory and new.territory not in vocabulary.territories:
        errors.append(_unknown_territory(vocabulary, new.territory))
    for theme in new.expertise:
        if theme not in vocabulary.themes:
            errors.append(_unknown("thématique", theme, vocabulary.suggest_theme(theme),
                                   "schema/vocabularies/themes.yml"))
    return errors


def _unknown(what: str, value: str, close: list[str], where: str) -> str:
    hint = (" Vouliez-vous dire " + " ou ".join(f"« {c} »" for c in close) + "\u00a0?") if close else ""
    return f"{what.capitalize()} « {value} » inconnu{'e' if what == 'thématique' else ''} de {where}.{hint}"


def _unknown_territory(vocabulary: Vocabulary, value: str) -> str:
    """Why no territory is named ``value`` (homonyms, postcodes, close names) and the fix."""
    _code, message, hint = vocabulary.territories.unknown(value)
    return f"{message[0].upper()}{message[1:]}. {hint}"


def create_recipe(root: Path, new: NewRecipe) -> Path:
    """Write recipes/<slug>/ (recipe.md and media/); return the folder."""
    folder = root / RECIPES_DIR / new.folder_name
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir()
    except FileExistsError:
        raise ScaffoldError(f"{RECIPES_DIR}/{new.folder_name}/ existe déjà\u00a0: rien n’a été écrit. "
                            "Choisissez un autre titre, ou un autre nom de dossier avec --slug.") from None
    _write_new(folder / RECIPE_MD, render_recipe_md(new))
    (folder / "media").mkdir()
    (folder / "media" / ".gitkeep").touch()
    return folder


def create_ambassador(root: Path, new: NewAmbassador) -> Path:
    """Write ambassadors/<id>.yml; return its path."""
    path = root / AMBASSADORS_DIR / f"{new.file_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _write_new(path, render_ambassador(new))
    except FileExistsError:
        raise ScaffoldError(f"{AMBASSADORS_DIR}/{new.file_id}.yml existe déjà\u00a0: rien n’a été écrit. "
                            "Utilisez cette fiche (--holder " + new.file_id + "), ou choisissez un autre "
                            "identifiant avec --id.") from None
    return path


def _write_new(path: Path, text: str) -> None:
    with path.open("x", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


def match_choice(answer: str, labels: dict[str, str]) -> str | None:
    """The id whose id or label matches ``answer``, ignoring case and accents."""
    wanted = fold(answer.strip())
    for key, label in labels.items():
        if wanted in (fold(key), fold(label)):
            return key
    return None
