"""The widgets of the web form, one per property of a model's JSON Schema (pure).

``Form.model`` walks ``build_schema(Recipe)`` or ``build_schema(Ambassador)``, so the vocabularies
come with it: a property becomes a Decap widget with a French label (``LABELS``) and, as hint,
its description (or a form wording from ``HINTS`` where the description speaks of the YAML
file). Required properties are required widgets, enums are selects labelled in French, string
lengths and patterns become the widget's ``pattern`` with a French message. ``tests/test_cms.py``
checks the widgets against the schemas: a field added to a model fails there until it has its label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from recettes.core.french import NBSP, NNBSP, fold
from recettes.core.licences import DEFAULT_LICENCE, LICENCES
from recettes.core.model import (
    DATE_PATTERN,
    FULL_DATE_PATTERN,
    MEDIA_FILE_PATTERN,
    OFFER_KIND_LABELS,
    OFFER_TERMS_LABELS,
    ROLE_LABELS,
    SCOPE_LABELS,
    SLUG_PATTERN,
    STATUS_LABELS,
    TERRITORY_KIND_LABELS,
    URL_PATTERN,
    Ambassador,
    Recipe,
    Reproduction,
    Status,
)
from recettes.core.placecodes import CODE_PATTERN
from recettes.core.semver import SEMVER_PATTERN
from recettes.publish.schema import build_schema
from recettes.read.load import AMBASSADORS_DIR
from recettes.read.official import official_data
from recettes.read.vocabulary import Vocabulary

AMBASSADORS_COLLECTION = "ambassadeurs"
TERRITORY_WIDGET = "territoire"
"""The form's own widget for a territory (``assets/admin/territoire.js``)."""
PHOTOS = "photos"
SKIPPED = {"Recipe.source", "Recipe.origin"}
"""Properties the form leaves out: the older single ``source`` and the ``origin`` written by
``recettes import`` (kept as written, never offered)."""

LABELS: dict[str, str] = {
    "Recipe.schema_version": "Version du format", "Recipe.title": "Titre", "Recipe.summary": "Résumé",
    "Recipe.version": "Version", "Recipe.status": "État", "Recipe.started": "Année de démarrage",
    "Recipe.territory": "Territoire", "Recipe.themes": "Thématiques",
    "Recipe.holders": "Porteur·euses et ambassadeur·rices", "Recipe.organisations": "Organisations",
    "Recipe.licence": "Licence", "Recipe.documented_by": "Rédaction", "Recipe.sources": "Sources",
    "Recipe.changelog": "Historique des versions", "Recipe.adapted_from": "Adaptée de",
    "Recipe.resources": "Moyens nécessaires", "Recipe.impact": "Utilité sociale",
    "Recipe.links": "Liens utiles", "Recipe.media": "Crédits des images",
    "MediaCredit.file": "Image", "MediaCredit.author": "Autrice ou auteur de l’image",
    "MediaCredit.licence": "Licence de l’image", "MediaCredit.source": "Adresse d’origine",
    "Territory.place": "Lieu", "Territory.location": "Position précise",
    "Location.lat": "Latitude", "Location.lon": "Longitude", "Location.public": "Lieu ouvert au public",
    "HolderRef.id": "Fiche", "HolderRef.role": "Rôle",
    "Credit.id": "Fiche", "Credit.name": "Ou un nom, sans fiche", "Credit.kind": "Personne ou organisation",
    "Source.title": "Titre", "Source.url": "Adresse web", "Source.publisher": "Site ou éditeur",
    "Source.author": "Autrice ou auteur", "Source.date": "Date", "Source.licence": "Licence",
    "ChangelogEntry.version": "Version", "ChangelogEntry.summary": "Ce qui a changé",
    "AdaptedFrom.recipe": "Recette d’origine", "AdaptedFrom.url": "Ou son adresse web",
    "AdaptedFrom.version": "Version de la recette d’origine", "AdaptedFrom.changes": "Ce qui a changé",
    "Resources.people": "Personnes", "Resources.budget": "Budget", "Resources.duration": "Durée",
    "Resources.partners": "Partenaires",
    "Budget.min": "Minimum", "Budget.max": "Maximum", "Budget.currency": "Devise",
    "Impact.name": "Indicateur", "Impact.value": "Valeur", "Impact.unit": "Unité",
    "Impact.date": "Date de la mesure", "Impact.source": "Source du chiffre",
    "Link.title": "Texte du lien", "Link.url": "Adresse web",
    "Ambassador.schema_version": "Version du format", "Ambassador.name": "Nom",
    "Ambassador.kind": "Personne ou organisation", "Ambassador.territory": "Territoire",
    "Ambassador.expertise": "Thématiques d’expertise", "Ambassador.bio": "Présentation",
    "Ambassador.links": "Liens", "Ambassador.photo": "Photo",
    "Ambassador.consent": "Consentement", "Ambassador.contact": "Coordonnées",
    "Contact.email": "Courriel", "Contact.phone": "Téléphone",
    "Consent.date": "Date de l’accord", "Consent.scope": "Ce qui peut être publié",
    "Consent.withdrawn": "Date du retrait", "Consent.how": "Comment l’accord a été donné",
    "Ambassador.offers": "Ce que je peux apporter", "Offer.kind": "Nature", "Offer.details": "Ce qui est proposé",
    "Offer.terms": "Conditions", "Offer.conditions": "Autres conditions",
    "Offer.territories": "Territoires", "Offer.remote": "Possible à distance",
    "Reproduction.schema_version": "Version du format", "Reproduction.report": "Nature du fichier",
    "Reproduction.recipe": "Recette reproduite", "Reproduction.title": "Titre",
    "Reproduction.ambassador": "Qui l’a refait (fiche)", "Reproduction.organisation": "Ou une organisation, sans fiche",
    "Reproduction.territory": "Territoire", "Reproduction.date": "Date",
    "Reproduction.version": "Version de la recette suivie", "Reproduction.adaptations": "Ce qui a été adapté",
    "Reproduction.outcome": "Résultat", "Reproduction.obstacles": "Difficultés rencontrées",
    "Reproduction.impact": "Utilité sociale",
    "Adaptation.what": "Ce qui a été fait autrement", "Adaptation.why": "Pourquoi",
}
"""French label of every property shown, by ``Model.property`` (a missing one fails the tests)."""

ITEMS: dict[str, str] = {
    "Recipe.holders": "personne", "Recipe.organisations": "organisation",
    "Recipe.documented_by": "rédactrice ou rédacteur", "Recipe.sources": "source",
    "Recipe.changelog": "version", "Recipe.impact": "indicateur", "Recipe.links": "lien",
    "Recipe.media": "image",
    "Resources.partners": "partenaire", "Ambassador.links": "lien", "Ambassador.offers": "proposition",
    "Offer.territories": "territoire",
    "Reproduction.adaptations": "adaptation", "Reproduction.obstacles": "difficulté",
    "Reproduction.impact": "indicateur",
}
"""What one item of each list is (« Ajouter : source », « 1 source »)."""

HINTS: dict[str, str | None] = {
    "Recipe.version": "MAJEURE.MINEURE.CORRECTIF, ex. 1.2.0 : 0.1.0 pour un brouillon, 1.0.0 à la "
                      "première publication. Augmentez-la à chaque modification (1.0.1 pour une "
                      "correction, 1.1.0 pour un ajout) et dites ce qui a changé dans « Historique "
                      "des versions ».",
    "Recipe.status": "« Brouillon » tant que la recette s’écrit, « Publiée » quand elle est prête.",
    "Recipe.themes": "Une à cinq thématiques.",
    "Recipe.licence": "La licence du texte : CC BY-SA 4.0, celle du guide, sauf raison contraire.",
    "Territory.place": "La commune, l’intercommunalité, le pays, le département ou la région de "
                       "l’innovation : tapez son nom et choisissez-la dans la liste (toute commune "
                       "de France y est) ; les territoires qui l’englobent en sont déduits.",
    "HolderRef.id": "Choisissez une fiche ; si elle manque, créez-la d’abord dans "
                    "« Ambassadeur·rices ».",
    "HolderRef.role": None,
    "Credit.id": "Une fiche d’ambassadeur·rice, ou bien un nom ci-dessous (pas les deux).",
    "Credit.kind": "Avec un nom : une personne ou une organisation.",
    "Source.date": "Date de publication : AAAA, AAAA-MM ou AAAA-MM-JJ.",
    "Source.licence": "Identifiant SPDX de la licence de la publication (ex. CC-BY-SA-3.0), si elle la dit.",
    "AdaptedFrom.recipe": "Une recette de ce guide ; ou bien son adresse web ci-dessous (pas les deux).",
    "AdaptedFrom.version": "La version de la recette d’origine dont vous êtes parti·e (ex. 1.2.0), avec une "
                           "recette de ce guide : la page montre ce qui a changé depuis. À défaut, celle en "
                           "vigueur quand l’adaptation a été enregistrée.",
    "MediaCredit.file": "L’image (JPEG, PNG, GIF ou WebP ; pas de SVG ni de PDF), telle que la recette "
                        "l’insère : media/composteur.jpg.",
    "MediaCredit.licence": "La licence que l’autrice ou l’auteur a donnée (ex. CC-BY-4.0, CC0-1.0) : "
                           "une image n’est pas couverte par la licence de la recette.",
    "Impact.value": "Un nombre (ex. 50) ou un court texte.",
    "Impact.date": "AAAA, AAAA-MM ou AAAA-MM-JJ.",
    "Ambassador.kind": None,
    "Ambassador.territory": "La commune, l’intercommunalité, le pays, le département ou la région : "
                            "tapez son nom et choisissez-la dans la liste.",
    "Ambassador.photo": f"Une photo, rangée dans {AMBASSADORS_DIR}/{PHOTOS}/.",
    "Ambassador.consent": "L’accord écrit de la personne : sa date et ce qu’elle accepte de voir "
                          "publié. Rien d’autre n’est publié que ce qui est coché.",
    "Consent.scope": "Cochez ce que la personne accepte de voir publié ; une organisation garde "
                     "toujours son nom.",
    "Consent.withdrawn": "Si la personne retire son accord : la date du retrait. Plus rien de "
                         "personnel n’est alors publié, anciennes versions des recettes comprises.",
    "Ambassador.offers": "Ce que la personne ou l’organisation peut apporter à d’autres territoires : une "
                         "intervention, une visite, du conseil, une formation, un accompagnement. Ce sont "
                         "ses coordonnées, pas celles-ci, qui demandent son consentement : n’écrivez ici ni "
                         "courriel ni téléphone.",
    "Offer.territories": "Où la proposition vaut (tapez un nom et choisissez-le dans la liste) ; aucun : partout.",
    "Reproduction.recipe": "La recette que vous avez refaite : le compte rendu est rangé avec elle.",
    "Reproduction.title": "Un titre court : ce qui a été fait, et où (ex. « Disco soupe au marché de Lannion »).",
    "Reproduction.ambassador": "Choisissez une fiche ; sinon, écrivez le nom de l’organisation ci-dessous.",
    "Reproduction.territory": "Où la recette a été refaite : tapez le nom de la commune (ou de "
                              "l’intercommunalité, du pays…) et choisissez-la dans la liste.",
    "Reproduction.date": "Quand elle a commencé : AAAA, AAAA-MM ou AAAA-MM-JJ.",
    "Reproduction.version": "La version écrite sous le titre de la recette quand vous l’avez suivie (ex. 1.0.2).",
    "Location.public": "Cochez seulement pour un lieu ouvert au public (salle municipale, jardin "
                       "partagé) : sinon la position est arrondie à la commune, ou à environ 1 km.",
}
"""Hints that replace a description written for the YAML file (None: no hint)."""

FORM_REQUIRED = frozenset({"Reproduction.recipe", "Reproduction.title"})
"""Optional in a file, required in the form: a new report is filed with its recipe (``path``)
and named after its title (``identifier_field``)."""

FORM_DEFAULTS: dict[str, Any] = {"Recipe.version": "0.1.0", "Recipe.status": Status.DRAFT.value}
"""What a new entry starts with, beyond the models' defaults (as ``recettes new`` writes)."""

PATTERN_MESSAGES: dict[str, str] = {
    SEMVER_PATTERN: "une version comme 1.0.0 ou 1.2.3",
    URL_PATTERN: "une adresse qui commence par http:// ou https://, sans espace",
    DATE_PATTERN: "une date AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2016-05)",
    FULL_DATE_PATTERN: "une date complète AAAA-MM-JJ (ex. 2026-05-12)",
    SLUG_PATTERN: "des minuscules sans accent, des chiffres et des tirets",
    r"^[A-Za-z0-9.+-]+$": "un identifiant SPDX, ex. CC-BY-SA-4.0",
    r"^[A-Z]{3}$": "trois lettres majuscules, ex. EUR",
    r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$": "une adresse comme nom@exemple.org",
    r"^\+?[0-9 .()-]{6,20}$": "un numéro comme 02 98 00 00 00",
    r"^[A-Za-z0-9._/-]+$": "un chemin sans espace ni accent",
    MEDIA_FILE_PATTERN: "un chemin media/nom-du-fichier.jpg, sans espace",
}
"""What each pattern of the models asks for, in French (the message of a refused value)."""

KIND_LABELS = {"person": "Personne", "organisation": "Organisation"}

def french(text: str) -> str:
    """No-break spaces where French typography wants them (before « : » at the end of a clause,
    inside « guillemets », before ; ! ?), typographic apostrophes."""
    text = re.sub(r"[ \u00a0]?:(?=\s|$)", NBSP + ":", text.replace("'", "’"))
    text = re.sub(r"«[ \u00a0]?", "«" + NBSP, re.sub(r"[ \u00a0]?»", NBSP + "»", text))
    return re.sub(r"[ \u00a0\u202f]?([;!?])(?=\s|$)", lambda m: NNBSP + m[1], text)


class Form:
    """Widgets of one model's JSON Schema."""

    def __init__(self, vocabulary: Vocabulary, recipes: Mapping[str, str]) -> None:
        self.vocabulary, self.recipes = vocabulary, recipes
        self.defs: dict[str, Any] = {}

    def model(self, model: type[Recipe] | type[Ambassador] | type[Reproduction]) -> list[dict[str, Any]]:
        schema = build_schema(model, "", self.vocabulary)
        self.defs = schema.get("$defs", {})
        return self.fields(schema, model.__name__)

    def fields(self, node: dict[str, Any], owner: str, *, optional: bool = False) -> list[dict[str, Any]]:
        """Widgets of an object's properties. In an ``optional`` object nothing is required:
        Decap would require them even when the whole object is left empty (the validator still
        refuses half an object: a latitude without its longitude, a budget without its maximum)."""
        required = set() if optional else set(node.get("required", []))
        widgets = [self.field(f"{owner}.{name}", name, prop, name in required, optional)
                   for name, prop in node["properties"].items() if f"{owner}.{name}" not in SKIPPED]
        if owner not in (Recipe.__name__, Ambassador.__name__, Reproduction.__name__):
            # Decap creates an object (or a list item) as soon as one of its fields has a
            # default: a new recipe would get an incomplete budget. The model fills them in.
            for widget in widgets:
                widget.pop("default", None)
        return widgets

    def field(self, key: str, name: str, prop: dict[str, Any], required: bool,
              optional: bool = False) -> dict[str, Any]:
        hint = HINTS.get(key, prop.get("description"))
        widget: dict[str, Any] = {"name": name, "label": LABELS[key]}
        widget |= self.widget(key, self._unwrap(prop), optional=optional or not required)
        if key in FORM_DEFAULTS:
            widget["default"] = FORM_DEFAULTS[key]
        if hint and widget["widget"] != "hidden":
            widget["hint"] = french(hint)
        if not required and key not in FORM_REQUIRED:
            widget["required"] = False
        if "default" in prop and prop["default"] is not None and "default" not in widget \
                and widget["widget"] != "object":
            widget["default"] = prop["default"]
        return widget

    def widget(self, key: str, prop: dict[str, Any], *, optional: bool = False) -> dict[str, Any]:
        if key in ("HolderRef.id", "Credit.id", "Reproduction.ambassador"):
            return {"widget": "relation", "collection": AMBASSADORS_COLLECTION, "value_field": "{{slug}}",
                    "search_fields": ["name"], "display_fields": ["name"]}
        if key == "Recipe.licence":
            return _select({ident: licence.name for ident, licence in LICENCES.items()}, DEFAULT_LICENCE)
        if key in ("AdaptedFrom.recipe", "Reproduction.recipe") and self.recipes:
            return _select(dict(sorted(self.recipes.items(), key=lambda kv: fold(kv[1]))))
        if key in ("Territory.place", "Ambassador.territory"):
            return self.territory_widget()
        if key == "Offer.territories":  # each item found by name, like a recipe's place
            return {"widget": "list", "collapsed": True, "label_singular": ITEMS[key], "max": prop.get("maxItems"),
                    "field": {"name": "territory", "label": "Territoire", **self.territory_widget()}}
        if key in ("Ambassador.photo", "MediaCredit.file"):  # uploaded to the collection's media folder
            return {"widget": "image", "choose_url": False}
        if key == "MediaCredit.licence":
            return _select({ident: licence.name for ident, licence in LICENCES.items()})
        if "$ref" not in prop and any("$ref" in option for option in prop.get("oneOf", [])):
            # ``consent``: the older true/false is still read, the form writes the recorded form.
            prop = next(option for option in prop["oneOf"] if "$ref" in option)
        if "$ref" in prop:
            name = prop["$ref"].rsplit("/", 1)[-1]
            target = self.defs[name]
            if "enum" in target:
                return _select(self.labels(name, target["enum"]))
            return {"widget": "object", "collapsed": optional,
                    "fields": self.fields(target, name, optional=optional)}
        if "const" in prop:
            return {"widget": "hidden", "default": prop["const"]}
        kind = prop.get("type")
        if kind == "array":
            return self.array(key, prop)
        if kind in ("integer", "number"):
            limits = {k: prop[s] for k, s in (("min", "minimum"), ("max", "maximum")) if s in prop}
            step = 1 if kind == "integer" else 0.0001 if key.startswith("Location.") else 1
            return {"widget": "number", "value_type": "int" if kind == "integer" else "float",
                    "step": step, **limits}
        if kind == "boolean":
            return {"widget": "boolean", "default": False}
        if "enum" in prop:
            return _select(self.labels(key, prop["enum"]))
        if "anyOf" in prop:  # a number or a text (an impact's value): the text's limits
            prop = next(option for option in prop["anyOf"] if option.get("type") == "string")
        long = prop.get("maxLength", 0) > 300 and "pattern" not in prop  # prose, not an address
        return {"widget": "text" if long else "string", **_pattern(prop)}

    def array(self, key: str, prop: dict[str, Any]) -> dict[str, Any]:
        items = self._unwrap(prop["items"])
        if "$ref" in items and "enum" in self.defs[items["$ref"].rsplit("/", 1)[-1]]:
            name = items["$ref"].rsplit("/", 1)[-1]
            return {**_select(self.labels(name, self.defs[name]["enum"])), "multiple": True,
                    **{k: prop[s] for k, s in (("min", "minItems"), ("max", "maxItems")) if s in prop}}
        counts = {k: prop[s] for k, s in (("min", "minItems"), ("max", "maxItems")) if s in prop}
        if "enum" in items:
            return {**_select(self.labels(key, items["enum"])), "multiple": True, **counts}
        widget: dict[str, Any] = {"widget": "list", "collapsed": True, **counts}
        if key in ITEMS:
            widget["label_singular"] = ITEMS[key]
        if "$ref" in items:
            name = items["$ref"].rsplit("/", 1)[-1]
            fields = self.fields(self.defs[name], name)
            widget["fields"] = fields
            widget["summary"] = "{{fields." + fields[0]["name"] + "}}"
        else:
            widget["field"] = {"name": key.rsplit(".", 1)[-1], "label": LABELS[key],
                               "widget": "string", **_pattern(items)}
        return widget

    def labels(self, key: str, values: list[str]) -> dict[str, str]:
        """French labels of an enum's values, in the order a person looks for them."""
        if key in ("Status", "Role", "Kind", "Scope", "OfferKind", "OfferTerms"):
            table: Mapping[str, str] = {"Status": {s.value: label for s, label in STATUS_LABELS.items()},
                                        "Role": {r.value: label for r, label in ROLE_LABELS.items()},
                                        "Kind": KIND_LABELS,
                                        "Scope": {s.value: label for s, label in SCOPE_LABELS.items()},
                                        "OfferKind": {k.value: label for k, label in OFFER_KIND_LABELS.items()},
                                        "OfferTerms": {t.value: label.capitalize()
                                                       for t, label in OFFER_TERMS_LABELS.items()}}[key]
            return {value: table.get(value, value) for value in values}
        # The themes (territories have their own widget, ``territory_widget``).
        labels = {v: self.vocabulary.themes[v].label if v in self.vocabulary.themes else v for v in values}
        return dict(sorted(labels.items(), key=lambda kv: fold(kv[1])))

    def territory_widget(self) -> dict[str, Any]:
        """A territory: typed, found by name among every French commune, EPCI, département and
        région (``assets/admin/territoire.js`` searches ``admin/territoires.json``), kept as an
        id of the vocabulary or an official code; the pattern is the schema's."""
        ids = "|".join(re.escape(ident) for ident in sorted(self.vocabulary.territories))
        codes = CODE_PATTERN[1:-1]
        pattern = f"^(?:{ids}|{codes})$" if ids else f"^{codes}$"
        message = "un territoire proposé dans la liste, ou un code officiel comme commune:29190"
        return {"widget": TERRITORY_WIDGET, "pattern": [pattern, french(message)]}

    @staticmethod
    def _unwrap(prop: dict[str, Any]) -> dict[str, Any]:
        """``X`` of an optional ``anyOf: [X, null]`` (the description stays on the property)."""
        options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
        if len(options) == 1 and len(prop.get("anyOf", [])) == 2:
            return {**{k: v for k, v in prop.items() if k != "anyOf"}, **options[0]}
        return prop


def _select(options: Mapping[str, str], default: str | None = None) -> dict[str, Any]:
    widget: dict[str, Any] = {"widget": "select",
                              "options": [{"label": label, "value": value} for value, label in options.items()]}
    if default is not None:
        widget["default"] = default
    return widget


def _pattern(prop: dict[str, Any]) -> dict[str, Any]:
    """The widget's ``pattern`` (regular expression, French message) for a string's limits.

    Lengths count what the model keeps: around a text, spaces are stripped before counting."""
    low, high = prop.get("minLength"), prop.get("maxLength")
    if "pattern" in prop:
        pattern = prop["pattern"]
        message = PATTERN_MESSAGES.get(pattern, "un format accepté")
        if high is not None and pattern.startswith("^"):
            pattern = f"^(?=[\\s\\S]{{{low or 0},{high}}}$)" + pattern[1:]
            message += f" ({high} caractères au plus)"
        return {"pattern": [pattern, french(message)]}
    if low is None and high is None:
        return {}
    low = max(low or 1, 1)
    upper = "" if high is None else str(high - 1)
    # From the first to the last character that is not a space: between low and high characters.
    pattern = f"^\\s*(?=\\S)[\\s\\S]{{{low - 1},{upper}}}\\S\\s*$"
    message = (f"entre {low} et {high} caractères" if high is not None else f"au moins {low} caractères")
    return {"pattern": [pattern, french(message)]}


def territory_index(vocabulary: Vocabulary) -> dict[str, Any]:
    """What the form's territory widget searches (``admin/territoires.json``): ``lieux``, a list
    of ``[reference, name, where]``, the vocabulary's entries first, then every official place
    no entry claims (``commune:29190``, « Plougonvelin », « commune, Finistère »).

    About 36,000 places, 2 MB of JSON (0.34 MB as web servers compress it), loaded
    only when the form shows a territory field."""
    territories = vocabulary.territories
    rows = [[t.id, t.label, territories.describe(t)[len(t.label) + 2:-1]] for t in territories.values()]
    claimed = {territories[t.code].id for t in territories.values() if t.code and t.code in territories}
    data = official_data()
    names = {ref: place.name for ref, place in data.places.items()}
    for ref, place in data.places.items():
        if territories.canonical(ref) in claimed:
            continue
        kind = TERRITORY_KIND_LABELS[place.kind].lower()
        wider = [names[p] for p in place.parents if not p.startswith("epci:")]
        rows.append([ref, place.name, ", ".join([kind, *wider])])
    return {"lieux": rows}