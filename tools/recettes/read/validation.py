"""Pydantic validation errors turned into located French problems with a hint of the fix."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from recettes.core.french import NBSP, agree, number, one_line, plural
from recettes.core.problems import Code, Problem
from recettes.read.yamlfile import Loc, YamlDoc

_NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_DATE_SHAPE = re.compile(r"^[0-9]{4}(?:-[0-9]{2}){0,2}$")
_HINTS_BY_FIELD = {
    "version": "Écrivez la version sous la forme MAJEURE.MINEURE.CORRECTIF, par exemple 1.0.0.",
    "url": "Écrivez une adresse complète commençant par https:// (ou http://).",
    "date": "Écrivez la date entre guillemets : \"2013\", \"2013-10\" ou \"2013-10-24\".",
    "themes": "Choisissez des identifiants dans schema/vocabularies/themes.yml.",
    "id": "Un identifiant s’écrit en minuscules sans accents, avec des tirets : marie-le-gall.",
    "place": "Un identifiant de territoire s’écrit en minuscules sans accents, avec des tirets : pays-de-brest.",
    "licence": "Indiquez un identifiant SPDX, par exemple CC-BY-SA-4.0.",
    "email": "Écrivez un courriel complet, par exemple prenom.nom@example.org.",
}

_EXAMPLES = {
    "schema_version": "schema_version: 1",
    "report": "report: reproduction",
    "outcome": "outcome: Trois immeubles compostent ensemble depuis mai 2024.",
    "title": "title: Compostage au pied des immeubles",
    "summary": "summary: Des habitant·es compostent ensemble leurs déchets de cuisine.",
    "version": "version: 1.0.0",
    "status": "status: draft",
    "territory": "territory:\n      place: brest",
    "place": "place: brest",
    "themes": "themes: [alimentation, economie-circulaire]",
    "name": "name: Marie Le Gall",
    "kind": "kind: person",
    "changes": "changes: Adaptée à une commune rurale.",
    "url": "url: https://example.org/",
    "title_link": "title: Site du projet",
    "min": "min: 0",
    "max": "max: 500",
    "id": "id: marie-le-gall",
    "lat": "lat: 48.39",
    "lon": "lon: -4.49",
}


def problems_from_error(exc: ValidationError, doc: YamlDoc, shown: str, model: type[BaseModel]) -> list[Problem]:
    """One problem per located error; union alternatives at one place are merged."""
    problems: list[Problem] = []
    seen: set[tuple[Loc, str]] = set()
    for error in exc.errors(include_url=False):
        kind = error["type"]
        loc = _data_loc(tuple(error["loc"]), doc, kind)
        if kind != "missing" and (loc in doc.reported or any(loc == s[0] for s in seen)):
            continue  # the reader already refused this value (R123, R124, tags...)
        seen.add((loc, kind))
        problems.append(_problem(error, kind, loc, doc, shown, model))
    return problems


def _data_loc(loc: tuple[Any, ...], doc: YamlDoc, kind: str) -> Loc:
    """Drop the parts of a pydantic location that name union members, not data."""
    data: Any = doc.data
    kept: list[str | int] = []
    for index, part in enumerate(loc):
        if (isinstance(data, dict) and part in data) or (isinstance(data, list) and isinstance(part, int) and part < len(data)):
            kept.append(part)
            data = data[part]
        elif kind in ("missing", "extra_forbidden") and isinstance(data, dict) and isinstance(part, str) \
                and index == len(loc) - 1:  # the absent key itself, not a union member's tag
            kept.append(part)
            break
        else:
            continue
    return tuple(kept)


def _problem(error: Any, kind: str, loc: Loc, doc: YamlDoc, shown: str, model: type[BaseModel]) -> Problem:
    dotted = ".".join(map(str, loc)) or "(document)"
    name = str(loc[-1]) if loc else ""
    field_name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "extra_forbidden":
        line, column = doc.position(loc, key=True)
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.5)
        hint = f"Vouliez-vous dire « {close[0]} » ? " if close else ""
        hint += "Clés possibles ici : " + ", ".join(allowed) + "." if allowed else "Retirez cette clé."
        return Problem(shown, line, column, Code.R010, f"clé inconnue « {dotted} »", hint)
    if kind == "missing":
        parent = loc[:-1]
        line, column = doc.position(parent, key=bool(parent))
        example = _EXAMPLES.get(name, f"{name}: …")
        return Problem(shown, line, column, Code.R011, f"clé obligatoire « {dotted} » absente",
                       f"Ajoutez par exemple : {example}")
    line, column = doc.position(loc)
    value = _value_at(doc.data, loc)
    # What was typed, when YAML read a number or true/false: messages quote it, not the conversion.
    written = doc.written.get(loc) if value is not None else None
    message = _french(error, kind, value, written)
    hint = _HINTS_BY_FIELD.get(field_name, "")
    ambiguous = doc.ambiguous.get(loc)
    if kind == "string_type" and written is not None:
        hint = (f"YAML lit {written} comme {_kind_of(value)} : si c’est un texte, "
                f"mettez-le entre guillemets{NBSP}: \"{written}\". " + hint).strip()
    elif kind in ("bool_type", "bool_parsing") or (ambiguous == "bool" and kind == "string_type"):
        hint = ("Écrivez true ou false sans guillemets ; « oui », « non », « yes », « no » "
                "ne sont pas compris pour éviter les contresens.")
    elif ambiguous == "date":
        hint = "Mettez la date entre guillemets : \"2013-10-24\"."
    elif kind == "enum":
        hint = f"Valeurs possibles{NBSP}: {_choices(error.get('ctx', {}).get('expected', ''))}."
    elif kind in ("float_type", "float_parsing", "int_type", "int_parsing") and isinstance(value, str):
        if _NUMBER.match(value.strip()):
            whole = " entier" if kind.startswith("int") else ""
            message = f"un nombre{whole} est attendu, pas le texte entre guillemets « {value} »"
            hint = f"Retirez les guillemets : {value.strip()} sera lu comme un nombre."
        else:
            hint = hint or "Écrivez un nombre sans unité ni guillemets (par exemple 2012)."
    elif kind in ("float_type", "int_type") and isinstance(value, bool):
        hint = hint or "Écrivez un nombre (par exemple 48.39) : true et false ne sont pas des nombres."
    elif not hint and kind in ("model_type", "dict_type"):
        sub = _fields_at(model, loc)
        hint = "Attendu : des clés indentées en dessous" + (f" ({', '.join(sub)})." if sub else ".")
    elif not hint and kind == "list_type":
        hint = "Attendu : une liste, par exemple [a, b] ou des lignes commençant par « - »."
    if kind == "string_pattern_mismatch" and field_name == "date" and isinstance(value, str) \
            and _DATE_SHAPE.match(value):
        message = f"« {dotted} » : la date « {value} » n’existe pas dans le calendrier"
        hint = ("Vérifiez le jour et le mois (30 jours en avril, juin, septembre et novembre ; "
                "29 février les années bissextiles seulement ; années 1000 à 2999).")
        return Problem(shown, line, column, Code.R126, message, hint)
    if field_name == "version" and isinstance(value, float | int) and not isinstance(value, bool):
        typed = written or str(value)
        full = typed + ".0" * (2 - typed.count("."))
        hint = (f"YAML lit {typed} comme un nombre : mettez-le entre guillemets, en version complète "
                f"(trois nombres), par exemple \"{full}\".")
    return Problem(shown, line, column, Code.R012, f"« {dotted} » : {message}", hint)


def _french(error: Any, kind: str, value: Any, written: str | None = None) -> str:
    ctx = error.get("ctx", {})
    shown = _short(value if written is None else written)
    match kind:
        case "string_type":
            return f"un texte est attendu, pas {shown}"
        case "string_too_short":
            return f"texte trop court (au moins {ctx.get('min_length')} caractères)"
        case "string_too_long":
            return f"texte trop long (au plus {ctx.get('max_length')} caractères)"
        case "string_pattern_mismatch":
            return f"{shown} n’a pas la forme attendue"
        case "int_type" | "int_parsing" | "int_from_float":
            return f"un nombre entier est attendu, pas {shown}"
        case "float_type" | "float_parsing":
            return f"un nombre est attendu, pas {shown}"
        case "bool_type" | "bool_parsing":
            return f"true ou false est attendu, pas {shown}"
        case "literal_error":
            return f"valeur attendue{NBSP}: {_choices(str(ctx.get('expected', '')))}, pas {shown}"
        case "enum":
            return f"{shown} n’est pas une valeur possible"
        case "list_type":
            return f"une liste est attendue, pas {shown}"
        case "model_type" | "dict_type" | "model_attributes_type":
            return f"un groupe de clés est attendu, pas {shown}"
        case "too_short":
            return f"au moins {plural(int(ctx.get('min_length', 1)), 'élément')} {agree(int(ctx.get('min_length', 1)), 'attendu', 'attendus')}"
        case "too_long":
            return f"au plus {plural(int(ctx.get('max_length', 0)), 'élément')} {agree(int(ctx.get('max_length', 0)), 'permis', 'permis')}"
        case "greater_than_equal":
            return f"{shown} est trop petit (minimum {_number(ctx.get('ge'))})"
        case "less_than_equal":
            return f"{shown} est trop grand (maximum {_number(ctx.get('le'))})"
        case "value_error":
            return str(ctx.get("error", error["msg"]))
        case "frozen_set_type" | "set_type":
            return "valeurs en double"
    return f"valeur invalide{NBSP}: {shown}"


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "un booléen (vrai ou faux)"
    return "un nombre" if isinstance(value, int | float) else "une valeur vide"


def _choices(expected: str) -> str:
    """Pydantic's English list (``'draft', 'published' or 'archived'``) in French:
    « draft », « published » ou « archived »."""
    values = re.findall(r"'((?:[^'\\]|\\.)*)'", expected) or [expected]
    quoted = [f"«{NBSP}{value}{NBSP}»" for value in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def _number(value: Any) -> str:
    return number(value) if isinstance(value, int | float) else str(value)


def _short(value: Any) -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "un groupe de clés"
    if isinstance(value, list):
        return "une liste"
    text = one_line(str(value))
    return f"« {text[:40]}{'…' if len(text) > 40 else ''} »"


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model reached by following ``loc`` (list indexes skipped)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
