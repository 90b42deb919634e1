"""The web form's configuration (publish/cms.py) agrees with the published JSON Schemas: what
the form requires, offers and refuses is what ``recettes validate`` requires, allows and refuses."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

from recettes.core.licences import LICENCES
from recettes.core.model import Ambassador, Recipe, Reproduction
from recettes.core.sections import RECIPE_MD, SECTIONS
from recettes.publish import cms, form
from recettes.publish.cms import (
    CmsOptions,
    backend_config,
    cms_config,
    default_body,
    forge_of,
    render,
)
from recettes.publish.form import TERRITORY_WIDGET
from recettes.publish.schema import build_schema
from recettes.read.checks import validate_repository
from recettes.read.recipe_md import parse_recipe_md
from recettes.read.vocabulary import Vocabulary, load_vocabulary

from .conftest import ROOT

MODELS: dict[str, type[BaseModel]] = {"recettes": Recipe, "ambassadeurs": Ambassador, "reproductions": Reproduction}
LONGEST_SAMPLE = 2001
SAMPLES = ["1.2.3", "1.2", "01.2.3", "1.0.0-beta.1", "http://x.org/a", "https://x.org", "ftp://x.org",
           "http://x y", "2016", "2016-05", "2016-13", "2016-05-31", "EUR", "eur", "nom@exemple.org",
           "nom@exemple", "02 98 00 00 00", "+33 2 98", "photos/a.jpg", "../a b", "CC-BY-SA-4.0",
           "CC BY", "abc", "a", "x" * 80, "x" * 81, "http://" + "x" * 1993, "http://" + "x" * 1994]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    found, problems = load_vocabulary(ROOT)
    assert [] == problems
    return found


@pytest.fixture(scope="module")
def config(vocabulary: Vocabulary) -> dict[str, Any]:
    return cms_config(vocabulary, CmsOptions(repo_url="https://github.com/reseau/recettes"),
                      site_url="https://recettes.example.org/guide/", recipes={"compost": "Compost"})


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


class Pairs:
    """Every (schema property, form widget) pair of a model, walked from the root."""

    def __init__(self, schema: dict[str, Any], fields: list[dict[str, Any]], owner: str) -> None:
        self.defs = schema.get("$defs", {})
        self.found: list[tuple[str, dict[str, Any], dict[str, Any], bool, bool]] = []
        self.extra: list[str] = []
        self.walk(schema, fields, owner, optional_parent=False)

    def resolve(self, prop: dict[str, Any]) -> tuple[dict[str, Any], str | None, bool]:
        """The property's own schema, its definition's name, and whether null is allowed."""
        options = prop.get("anyOf", [])
        nullable = any(o.get("type") == "null" for o in options)
        real = [o for o in options if o.get("type") != "null"]
        if nullable and len(real) == 1:
            prop = real[0]
        elif [o for o in prop.get("oneOf", []) if "$ref" in o]:
            prop = next(o for o in prop["oneOf"] if "$ref" in o)  # consent: the form writes the recorded form
        if "$ref" in prop:
            name = prop["$ref"].rsplit("/", 1)[-1]
            return self.defs[name], name, nullable
        return prop, None, nullable

    def walk(self, node: dict[str, Any], fields: list[dict[str, Any]], owner: str, *,
             optional_parent: bool) -> None:
        by_name = {field["name"]: field for field in fields}
        self.extra += [f"{owner}.{name}" for name in by_name if name not in node["properties"]
                       and name != cms.BODY]
        required = set(node.get("required", []))
        for name, prop in node["properties"].items():
            key = f"{owner}.{name}"
            if key in form.SKIPPED:
                assert name not in by_name, key
                continue
            widget = by_name[name]
            target, ref, _ = self.resolve(prop)
            self.found.append((key, target, widget, name in required, optional_parent))
            if target.get("type") == "object" and "properties" in target:
                self.walk(target, widget["fields"], ref or name,
                          optional_parent=optional_parent or name not in required)
            elif target.get("type") == "array":
                items, item_ref, _ = self.resolve(target["items"])
                if "properties" in items:
                    self.walk(items, widget["fields"], item_ref or name, optional_parent=False)


@pytest.fixture(scope="module")
def pairs(config: dict[str, Any], vocabulary: Vocabulary) -> dict[str, Pairs]:
    return {name: Pairs(build_schema(model, "x", vocabulary), collection(config, name)["fields"],
                        model.__name__) for name, model in MODELS.items()}


def _js_matches(cases: list[tuple[str, str]]) -> list[bool]:
    """``RegExp(pattern).test(text)`` in Node, as Decap tests a widget's value."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node absent : installez Node.js (npm l’apporte)")
    script = ("const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(cases.map(([p, t]) => RegExp(p).test(t))));")
    out = subprocess.run([node, "-e", script], input=json.dumps(cases), capture_output=True, text=True,
                         check=True, timeout=60)
    return list(json.loads(out.stdout))


class TestFormAgreesWithSchema:
    @pytest.mark.parametrize("name", sorted(MODELS))
    def test_every_property_has_its_widget_and_nothing_else(self, pairs: dict[str, Pairs], name: str) -> None:
        """A widget for each property (but the older ``source``), none the schema would refuse."""
        assert [] == pairs[name].extra
        assert len(pairs[name].found) > 10

    @pytest.mark.parametrize("name", sorted(MODELS))
    def test_required_properties_are_required_widgets(self, pairs: dict[str, Pairs], name: str) -> None:
        """Required by the schema: required in the form (Decap's default). Optional: never required,
        and inside an optional object nothing is (Decap would require it with the object empty)."""
        for key, _, widget, required, optional_parent in pairs[name].found:
            assert ((required and not optional_parent) or key in form.FORM_REQUIRED) == widget.get("required", True), key

    @pytest.mark.parametrize("name", sorted(MODELS))
    def test_enums_are_the_select_options(self, pairs: dict[str, Pairs], name: str) -> None:
        """Status, roles, kinds, themes, territories: the form offers exactly the allowed values."""
        seen = 0
        for key, target, widget, _, _ in pairs[name].found:
            enum = target.get("enum") or target.get("items", {}).get("enum")
            if enum is None:
                continue
            seen += 1
            assert "select" == widget["widget"], key
            assert sorted(enum) == sorted(option["value"] for option in widget["options"]), key
            assert widget.get("multiple", False) == (target.get("type") == "array"), key
            assert all(option["label"] for option in widget["options"]), key
        # Territories are typed (any official code), not chosen in a select; a report has no enum.
        assert seen >= (0 if name == "reproductions" else 2)

    def test_select_counts_are_the_schema_counts(self, pairs: dict[str, Pairs]) -> None:
        themes = next(widget for key, _, widget, _, _ in pairs["recettes"].found if key == "Recipe.themes")
        assert (1, 5) == (themes["min"], themes["max"])

    def test_licence_options_satisfy_the_schema(self, config: dict[str, Any], vocabulary: Vocabulary) -> None:
        """The schema has a pattern, the form a choice among the licences the handbook knows."""
        schema = build_schema(Recipe, "x", vocabulary)["properties"]["licence"]
        widget = next(f for f in collection(config, "recettes")["fields"] if f["name"] == "licence")
        assert sorted(LICENCES) == sorted(option["value"] for option in widget["options"])
        assert all(re.fullmatch(schema["pattern"], ident) for ident in LICENCES)
        assert schema["default"] == widget["default"]

    def test_string_limits_are_the_widget_patterns(self, pairs: dict[str, Pairs]) -> None:
        """Every string with a length or a pattern is checked by its widget, with the schema's
        verdict on boundary lengths (spaces around a text do not count, as in the model) and on
        sample values."""
        cases: list[tuple[str, str]] = []
        expected: list[bool] = []
        where: list[str] = []
        for name in MODELS:
            for key, target, widget, _, _ in pairs[name].found:
                strings = _strings(target, widget)
                for schema, checked in strings:
                    if checked.get("widget") in ("relation", "select", "image", "hidden", TERRITORY_WIDGET):
                        continue  # values chosen among files, vocabularies, licences or places
                    assert "pattern" in checked, key
                    regex, message = checked["pattern"]
                    assert message and "format accepté" not in message, key
                    for text, verdict in _samples(schema):
                        cases.append((regex, text))
                        expected.append(verdict)
                        where.append(f"{key} {text[:20]!r}…({len(text)})")
        assert len(cases) > 200
        got = _js_matches(cases)
        wrong = [w for w, e, g in zip(where, expected, got, strict=True) if e != g]
        assert [] == wrong

    @pytest.mark.parametrize(("name", "key"), [("recettes", "Territory.place"), ("ambassadeurs", "Ambassador.territory")])
    def test_territory_widget_accepts_what_the_schema_accepts(self, config: dict[str, Any], vocabulary: Vocabulary,
                                                              pairs: dict[str, Pairs], name: str, key: str) -> None:
        """Typed territories: the widget's pattern and the JSON Schema give the same verdict on
        vocabulary ids, official codes of each kind (Corse too) and wrong values."""
        widget = next(w for k, _, w, _, _ in pairs[name].found if k == key)
        assert TERRITORY_WIDGET == widget["widget"]
        schema = build_schema(MODELS[name], "x", vocabulary)
        validator = Draft202012Validator(schema)
        texts = ["brest", "pays-de-brest", "commune:29190", "commune:2A004", "commune:2a004", "epci:242900314",
                 "departement:29", "departement:971", "region:53", "Plougonvelin", "29190", "commune:",
                 "commune:29190 ", "canton:2901", "brestt", "commune:29190x", "BREST"]
        got = _js_matches([(widget["pattern"][0], text) for text in texts])
        for text, accepted in zip(texts, got, strict=True):
            instance = _minimal(name) | ({"territory": {"place": text}} if name == "recettes" else {"territory": text})
            assert validator.is_valid(instance) == accepted, text
        assert [True, True, True] == got[:3]

    @pytest.mark.parametrize("field", ["title", "summary"])
    def test_text_patterns_count_as_the_model_does(self, config: dict[str, Any], field: str) -> None:
        """Random texts of spaces, letters and line breaks around the limits: the widget accepts
        exactly those the model accepts (it strips spaces before counting)."""
        widget = next(f for f in collection(config, "recettes")["fields"] if f["name"] == field)
        limits = Recipe.model_json_schema()["properties"][field]
        rng = random.Random(10)
        texts = ["".join(rng.choice("a é\t\n\u00a0\u202f") for _ in range(rng.randint(0, limits["maxLength"] + 4)))
                 for _ in range(300)]
        texts += [" " * 3 + "a" * limits["minLength"] + "\n", "a" * limits["maxLength"] + "  "]
        got = _js_matches([(widget["pattern"][0], text) for text in texts])
        for text, accepted in zip(texts, got, strict=True):
            assert _model_accepts(field, text) == accepted, repr(text)


def _strings(target: dict[str, Any], widget: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(string schema, widget that checks it): the property itself, its text option, list items."""
    if target.get("type") == "string" or "anyOf" in target:
        options = [target] if target.get("type") == "string" else [
            o for o in target["anyOf"] if o.get("type") == "string"]
        return [(o, widget) for o in options if {"minLength", "maxLength", "pattern"} & set(o)]
    if target.get("type") == "array" and target["items"].get("type") == "string" and "field" in widget:
        return [(target["items"], widget["field"])]
    return []


def _samples(schema: dict[str, Any]) -> list[tuple[str, bool]]:
    """Texts around the schema's limits (or sample values for a pattern) with its verdict."""
    low, high = schema.get("minLength", 0), schema.get("maxLength", LONGEST_SAMPLE)
    if "pattern" in schema:
        return [(text, bool(re.search(schema["pattern"], text)) and low <= len(text) <= high)
                for text in SAMPLES if text]
    out = [("a" * n, low <= n <= high) for n in {max(low - 1, 1), low, high, high + 1} if n > 0]
    return [*out, (" " + "a" * low + " ", True), (" " * (low + 2), False)]


def _minimal(name: str) -> dict[str, Any]:
    """A valid recipe or ambassador file, but for the field a test sets."""
    if name == "recettes":
        return {"schema_version": 1, "title": "Titre", "summary": "Un résumé assez long.", "version": "1.0.0",
                "status": "draft", "territory": {"place": "brest"}, "themes": ["alimentation"]}
    return {"schema_version": 1, "name": "Nom", "kind": "person"}


def _model_accepts(field: str, text: str) -> bool:
    data = {"schema_version": 1, "title": "Titre", "summary": "Un résumé assez long.", "version": "1.0.0",
            "status": "draft", "territory": {"place": "brest"}, "themes": ["alimentation"], field: text}
    try:
        Recipe.model_validate(data)
    except ValidationError:
        return False
    return True


class TestRecipesCollection:
    def test_one_file_per_recipe_with_its_media(self, config: dict[str, Any]) -> None:
        """recipes/<slug>/recipe.md, front matter then Markdown; media in the recipe's media/."""
        recipes = collection(config, "recettes")
        assert ("recipes", "{{slug}}/recipe", "md", "recette-md") == (
            recipes["folder"], recipes["path"], recipes["extension"], recipes["format"])
        assert "{{slug}}/recipe.md" == f"{recipes['path']}.{recipes['extension']}".replace("recipe.md", RECIPE_MD)
        assert ("media", "media") == (recipes["media_folder"], recipes["public_folder"])
        assert "recettes/{{dirname}}/" == recipes["preview_path"]
        assert {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"} == config["slug"]

    def test_holders_are_chosen_among_the_ambassadors(self, config: dict[str, Any]) -> None:
        holders = next(f for f in collection(config, "recettes")["fields"] if f["name"] == "holders")
        ident = next(f for f in holders["fields"] if f["name"] == "id")
        assert {"widget": "relation", "collection": "ambassadeurs", "value_field": "{{slug}}"} == {
            k: ident[k] for k in ("widget", "collection", "value_field")}
        ambassadors = collection(config, "ambassadeurs")
        assert ("ambassadors", "yml", True) == (ambassadors["folder"], ambassadors["extension"], ambassadors["create"])

    def test_adapted_from_offers_the_published_recipes(self, config: dict[str, Any]) -> None:
        adapted = next(f for f in collection(config, "recettes")["fields"] if f["name"] == "adapted_from")
        recipe = next(f for f in adapted["fields"] if f["name"] == "recipe")
        assert [{"label": "Compost", "value": "compost"}] == recipe["options"]

    def test_no_default_inside_objects_and_list_items(self, config: dict[str, Any]) -> None:
        """Decap creates an object or a list item that has a field with a default: a new recipe
        would start with half a budget or a holder without id."""
        def nested(fields: list[dict[str, Any]]) -> list[str]:
            found = []
            for field in fields:
                for inner in [*field.get("fields", []), *([field["field"]] if "field" in field else [])]:
                    found += [inner["name"]] if "default" in inner else []
                    found += nested([inner])
            return found
        for name in MODELS:
            assert [] == nested(collection(config, name)["fields"])

    def test_new_recipe_starts_as_recettes_new_does(self, config: dict[str, Any]) -> None:
        fields = {f["name"]: f for f in collection(config, "recettes")["fields"]}
        assert ("hidden", 1) == (fields["schema_version"]["widget"], fields["schema_version"]["default"])
        assert ("0.1.0", "draft", "CC-BY-SA-4.0") == (
            fields["version"]["default"], fields["status"]["default"], fields["licence"]["default"])


class TestBody:
    def test_default_body_has_the_sections_in_order(self) -> None:
        """The reader of recipe.md finds every section, in order, under the pre-filled headings."""
        front = "schema_version: 1\n"
        text = f"---\n{front}---\n\n{default_body()}"
        headings = re.findall(r"^# (.+)$", default_body(), flags=re.MULTILINE)
        assert [kind.title for kind in SECTIONS] == headings
        parsed, problems = parse_recipe_md(text, "recipes/x/recipe.md")
        assert [] == problems
        assert [kind.id for kind in SECTIONS] == list(parsed.sections)

    def test_a_recipe_with_the_default_body_validates_as_a_draft(self, tmp_path: Path) -> None:
        """Only « à compléter » warnings: the form's starting point is a valid draft."""
        shutil.copytree(ROOT / "schema", tmp_path / "schema")
        folder = tmp_path / "recipes" / "velo"
        folder.mkdir(parents=True)
        front = ("schema_version: 1\ntitle: Un atelier vélo\nsummary: Réparer ensemble, chaque semaine.\n"
                 "version: 0.1.0\nstatus: draft\nterritory:\n  place: plouarzel\nthemes:\n  - mobilite\n"
                 "licence: CC-BY-SA-4.0\n")  # the form's licence field starts at the handbook's licence
        (folder / RECIPE_MD).write_text(f"---\n{front}---\n{default_body()}", encoding="utf-8")
        _, report = validate_repository(tmp_path)
        assert [] == [str(p) for p in report.problems if p.is_error]
        assert {"R034"} == {p.code.name for p in report.problems}

    def test_body_hint_names_every_section(self) -> None:
        hint = cms.body_field()["hint"]
        for kind in SECTIONS:
            assert f"# {kind.title}" in hint


class TestBackend:
    @pytest.mark.parametrize(("url", "kind", "expected"), [
        ("https://github.com/reseau/recettes", "", {"name": "github", "repo": "reseau/recettes",
                                                   "open_authoring": True}),
        ("https://gitlab.com/reseau/sous/recettes.git", "", {"name": "gitlab", "repo": "reseau/sous/recettes",
                                                              "auth_type": "pkce"}),
        ("https://framagit.org/reseau/recettes", "", {"name": "gitlab", "base_url": "https://framagit.org",
                                                      "api_root": "https://framagit.org/api/v4"}),
        ("https://codeberg.org/reseau/recettes", "", {"name": "forgejo", "open_authoring": True,
                                                      "api_root": "https://codeberg.org/api/v1"}),
        ("https://forge.example.org/reseau/recettes", "gitea", {"name": "gitea",
                                                                "base_url": "https://forge.example.org"}),
    ])
    def test_forge_from_repo_url(self, url: str, kind: str, expected: dict[str, Any]) -> None:
        backend = backend_config(CmsOptions(repo_url=url, backend=kind, branch="main"))["backend"]
        assert expected == {key: backend.get(key) for key in expected}
        assert "main" == backend["branch"]

    @pytest.mark.parametrize(("kind", "reviewed"), [("github", True), ("gitlab", True), ("forgejo", True),
                                                    ("gitea", False)])
    def test_pull_requests_where_the_forge_allows(self, kind: str, reviewed: bool) -> None:
        """Editorial workflow (a pull request per contribution) on GitHub, GitLab and Forgejo; the
        Gitea backend has none (its users need write access)."""
        section = backend_config(CmsOptions(repo_url="https://forge.example.org/r/x", backend=kind))
        assert reviewed == ("editorial_workflow" == section.get("publish_mode"))
        assert (kind in ("github", "forgejo")) == section["backend"].get("open_authoring", False)

    def test_unknown_forge_leaves_the_local_mode_only(self) -> None:
        assert forge_of("https://forge.example.org/reseau/recettes") is None
        section = backend_config(CmsOptions(repo_url="https://forge.example.org/reseau/recettes"))
        assert "proxy" == section["backend"]["name"]

    def test_local_backend_on_loopback(self, config: dict[str, Any]) -> None:
        assert {"url": f"http://127.0.0.1:{cms.LOCAL_PORT}/api/v1"} == config["local_backend"]
        assert "fr" == config["locale"]


class TestFrench:
    def test_every_label_hint_and_message_is_typeset(self, config: dict[str, Any]) -> None:
        """No ASCII apostrophe, a no-break space before « : » and inside « », a narrow one before ; ? !"""
        texts = list(_texts(config))
        assert len(texts) > 100
        for text in texts:
            assert "'" not in text, text
            assert not re.search(r" [:;?!»]|« ", text), text
            assert not re.search(r"[^\s\u00a0\u202f][;?!»](\s|$)", text.replace("...", "")), text

    def test_every_model_property_has_a_label(self, pairs: dict[str, Pairs]) -> None:
        """LABELS covers the models, and nothing else (a removed field takes its label with it)."""
        keys = {key for walked in pairs.values() for key, *_ in walked.found}
        assert keys == set(form.LABELS)

    def test_rendered_yaml_reads_back(self, config: dict[str, Any]) -> None:
        text = render(config)
        assert text.startswith("# Généré")
        assert config == yaml.safe_load(text)


def _texts(node: Any) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("label", "label_singular", "hint", "description") and isinstance(value, str):
                yield value
            elif key == "pattern" and isinstance(value, list):
                yield value[1]
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


class TestAmbassadorsCollection:
    def test_offers_are_editable_with_french_choices(self, config: dict[str, Any]) -> None:
        """« Ce que je peux apporter »: kinds and terms as French choices, each territory found by
        name like the ambassador's own (same widget, same pattern), « à distance » a switch."""
        fields = collection(config, "ambassadeurs")["fields"]
        offers = next(f for f in fields if f["name"] == "offers")
        assert ("list", "Ce que je peux apporter", "proposition") == (
            offers["widget"], offers["label"], offers["label_singular"])
        widgets = {f["name"]: f for f in offers["fields"]}
        assert ["kind", "details", "terms", "conditions", "territories", "remote"] == list(widgets)
        assert ["Intervention", "Visite", "Conseil", "Formation", "Accompagnement", "Autre"] == [
            o["label"] for o in widgets["kind"]["options"]]
        assert widgets["terms"]["multiple"] is True
        assert {"free": "Gratuit", "paid": "Payant"}.items() <= {
            o["value"]: o["label"] for o in widgets["terms"]["options"]}.items()
        territory = next(f for f in fields if f["name"] == "territory")
        item = widgets["territories"]["field"]
        assert (TERRITORY_WIDGET, territory["pattern"]) == (item["widget"], item["pattern"])
        assert "boolean" == widgets["remote"]["widget"]

    def test_an_offer_the_form_writes_is_valid(self, tmp_path: Path) -> None:
        """What the form can write (an offer with a territory, terms and remote) validates."""
        from .conftest import make_repo

        root = make_repo(tmp_path / "depot")
        path = root / "ambassadors" / "marie-exemple.yml"
        path.write_text(path.read_text(encoding="utf-8") + "offers:\n  - kind: training\n    terms: [paid]\n"
                        "    territories: [pays-de-brest, commune:29190]\n    remote: true\n", encoding="utf-8")
        _, report = validate_repository(root)
        assert [] == report.sorted()
