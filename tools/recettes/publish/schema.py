"""JSON Schemas generated from the pydantic models, with the vocabularies as enums.

``recettes schema`` writes them to ``schema/``; ``--check`` fails when the committed files drift.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from recettes.core.model import Ambassador, Recipe, Reproduction
from recettes.core.placecodes import CODE_PATTERN
from recettes.read.vocabulary import Vocabulary

SCHEMA_BASE_URL = "https://recettes-libres.example.org/schema/"
SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "recipe.schema.json": Recipe,
    "ambassador.schema.json": Ambassador,
    "reproduction.schema.json": Reproduction,
}


class _Generator(GenerateJsonSchema):
    schema_dialect = "https://json-schema.org/draft/2020-12/schema"

    def generate(self, schema: Any, mode: Any = "validation") -> JsonSchemaValue:
        result = super().generate(schema, mode=mode)
        return {"$schema": self.schema_dialect, **result}


# Editors show titles in tooltips: French names for the models, none for fields (descriptions say it).
FRENCH_TITLES = {
    "Recipe": "Recette libre", "Ambassador": "Ambassadeur·rice", "AdaptedFrom": "Adaptée de",
    "Budget": "Budget", "Contact": "Coordonnées", "HolderRef": "Porteur·euse", "Impact": "Indicateur d’utilité sociale",
    "Kind": "Nature", "Link": "Lien", "Location": "Position", "MediaCredit": "Crédit d’image", "Resources": "Moyens", "Role": "Rôle",
    "Source": "Source", "Status": "État", "Territory": "Territoire",
    "Reproduction": "Compte rendu de reproduction", "Adaptation": "Adaptation",
}


def _retitle(node: Any) -> None:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for prop in props.values():
                if isinstance(prop, dict):
                    prop.pop("title", None)
        if isinstance(node.get("title"), str) and node["title"] in FRENCH_TITLES:
            node["title"] = FRENCH_TITLES[node["title"]]
        for value in node.values():
            _retitle(value)
    elif isinstance(node, list):
        for value in node:
            _retitle(value)


def build_schema(model: type[BaseModel], name: str, vocabulary: Vocabulary) -> dict[str, Any]:
    schema = model.model_json_schema(schema_generator=_Generator, mode="validation")
    _retitle(schema)
    schema = {"$schema": schema.pop("$schema"), "$id": SCHEMA_BASE_URL + name, **schema}
    themes = sorted(vocabulary.themes)
    places = sorted(vocabulary.territories)
    props = schema["properties"]
    if model is Recipe:
        props["themes"]["uniqueItems"] = True
        # A published recipe names who wrote it or who carries it (drafts may not yet).
        schema["if"] = {"properties": {"status": {"const": "published"}}, "required": ["status"]}
        schema["then"] = {"anyOf": [
            {"required": [key], "properties": {key: {"minItems": 1}}} for key in ("documented_by", "holders")]}
        credit = schema["$defs"]["Credit"]
        credit["oneOf"] = [{"required": ["id"], "not": {"required": ["name"]}},
                           {"required": ["name"], "not": {"required": ["id"]}}]
        schema["$defs"]["Source"]["anyOf"] = [{"required": ["title"]}, {"required": ["url"]}]
        adapted = schema["$defs"]["AdaptedFrom"]
        adapted["oneOf"] = [
            {"required": ["recipe"], "properties": {"recipe": {"type": "string"}}, "not": {"required": ["url"]}},
            {"required": ["url"], "properties": {"url": {"type": "string"}},
             "not": {"anyOf": [{"required": ["recipe"]}, {"required": ["version"]}]}},
        ]
        if themes:
            props["themes"]["items"] = {**props["themes"]["items"], "enum": themes}
        place = schema["$defs"]["Territory"]["properties"]["place"]
        place["anyOf"] = _places(places)
    elif model is Reproduction:
        schema["anyOf"] = [{"required": ["ambassador"]}, {"required": ["organisation"]}]
        schema["$defs"]["Territory"]["properties"]["place"]["anyOf"] = _places(places)
    elif model is Ambassador:
        if themes:
            props["expertise"]["items"] = {**props["expertise"]["items"], "enum": themes}
        territory = props["territory"] = copy.deepcopy(props["territory"])
        for option in territory.get("anyOf", []):
            if option.get("type") == "string":
                option["anyOf"] = _places(places)
        offered = schema["$defs"]["Offer"]["properties"]["territories"]  # where an offer holds
        offered["items"] = {**offered["items"], "anyOf": _places(places)}
        schema["$defs"]["Offer"]["if"] = {"properties": {"kind": {"const": "other"}}, "required": ["kind"]}
        schema["$defs"]["Offer"]["then"] = {"required": ["details"]}
    return schema


def _places(places: list[str]) -> list[dict[str, Any]]:
    """A territory: an id of the vocabulary, or the code of any official French place."""
    return [{"enum": places}, {"pattern": CODE_PATTERN}] if places else [{"pattern": CODE_PATTERN}]


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(root: Path, vocabulary: Vocabulary, *, check: bool = False) -> list[str]:
    """Write (or, with ``check``, compare) every schema; return the names that differ."""
    stale = []
    for name, model in SCHEMA_FILES.items():
        path = root / "schema" / name
        text = render(build_schema(model, name, vocabulary))
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(name)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale
