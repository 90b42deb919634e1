"""The web form's page, /admin/ (« l’atelier d’écriture »): published by the handbook with its
generated configuration, kept out of the search index and the sitemap, in French."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from recettes.catalog.catalog import Catalog
from recettes.publish.cms import CmsOptions
from recettes.read.checks import validate_repository
from recettes.site.admin import CONFIG, asset_folder
from recettes.site.config import read_mkdocs_config
from recettes.site.generate import generate
from recettes.site.page import Options

from .conftest import REPO, mkdocs


def _generate(root: Path, options: Options) -> Path:
    repo, _ = validate_repository(root)
    return generate(Catalog.build(repo), root, options=options).docs_dir


def _config(tree: Path) -> dict[str, Any]:
    data = yaml.safe_load((tree / CONFIG).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


class TestPublishedFiles:
    def test_page_bundle_locale_and_configuration(self, fixture_repo: Path) -> None:
        """admin/ holds the page, its scripts, Decap and its French, and the configuration."""
        tree = _generate(fixture_repo, Options())
        for name in ("index.html", "atelier.js", "francais.js", "config.yml", "decap/decap-cms.js",
                     "decap/locales/fr.js", "decap/LICENSE"):
            assert (tree / "admin" / name).is_file(), name
        shipped = {p.relative_to(asset_folder()).as_posix() for p in asset_folder().rglob("*") if p.is_file()}
        published = {p.relative_to(tree / "admin").as_posix() for p in (tree / "admin").rglob("*") if p.is_file()}
        assert shipped | {"config.yml", "territoires.json"} == published

    def test_every_french_place_for_the_territory_field(self, fixture_repo: Path) -> None:
        """admin/territoires.json: the vocabulary's entries with their readable ids, then every
        official place (homonyms told apart), each as a recipe writes it."""
        tree = _generate(fixture_repo, Options())
        rows = json.loads((tree / "admin" / "territoires.json").read_text(encoding="utf-8"))["lieux"]
        assert ["plouarzel", "Plouarzel", "commune, Finistère"] in rows[:10]
        assert ["commune:29190", "Plougonvelin", "commune, Finistère"] in rows
        assert ["epci:242900074", "CC du Pays d’Iroise", "intercommunalité, Finistère"] in rows
        assert 4 == sum(1 for r in rows if r[1] == "Saint-Denis" and r[2].startswith("commune"))
        assert len(rows) > 36_000

    def test_configuration_follows_mkdocs_yml(self, fixture_repo: Path) -> None:
        """repo_url and the plugin's cms_* options name the forge; site_url gives the addresses."""
        text = (fixture_repo / "mkdocs.yml").read_text(encoding="utf-8")
        text = text.replace("repo_url: https://forge.example.org/recettes-libres/recettes-libres",
                            "repo_url: https://forge.example.org/reseau/recettes")
        text = text.replace("  - recettes:\n", "  - recettes:\n      cms_backend: forgejo\n"
                                                "      cms_app_id: 1234-abcd\n      edit_branch: principale\n")
        (fixture_repo / "mkdocs.yml").write_text(text, encoding="utf-8")
        config = _config(_generate(fixture_repo, read_mkdocs_config(fixture_repo).options()))
        assert {"name": "forgejo", "repo": "reseau/recettes", "branch": "principale", "app_id": "1234-abcd",
                "base_url": "https://forge.example.org", "api_root": "https://forge.example.org/api/v1",
                "open_authoring": True} == config["backend"]
        assert "editorial_workflow" == config["publish_mode"]
        assert "https://recettes-libres.example.org/" == config["site_url"]
        assert ("docs/medias", "/medias") == (config["media_folder"], config["public_folder"])

    def test_published_recipes_are_offered_as_origins(self, fixture_repo: Path) -> None:
        config = _config(_generate(fixture_repo, Options(cms=CmsOptions(repo_url="https://github.com/r/x"))))
        recipes = next(c for c in config["collections"] if c["name"] == "recettes")
        adapted = next(f for f in recipes["fields"] if f["name"] == "adapted_from")
        origins = {o["value"] for o in next(f for f in adapted["fields"] if f["name"] == "recipe")["options"]}
        assert "compost-partage" in origins and "brouillon-velo" not in origins

    def test_page_loads_only_local_files(self) -> None:
        """No CDN: every script of the page is a file of the package."""
        html = (asset_folder() / "index.html").read_text(encoding="utf-8")
        assert '<html lang="fr">' in html and '<meta name="robots" content="noindex, nofollow">' in html
        for src in ("decap/decap-cms.js", "atelier.js"):
            assert f'src="{src}"' in html and (asset_folder() / src).is_file()
        assert "http" not in html.replace("http-equiv", "")


@pytest.mark.build
class TestBuiltSite:
    def test_admin_is_published_but_neither_searched_nor_in_the_sitemap(self, built_fixture: Path) -> None:
        assert (built_fixture / "admin/index.html").is_file()
        assert (built_fixture / "admin/config.yml").is_file()
        assert (built_fixture / "admin/decap/decap-cms.js").stat().st_size > 4_000_000
        assert "data-pagefind-body" not in (built_fixture / "admin/index.html").read_text(encoding="utf-8")
        assert (built_fixture / "pagefind/pagefind-entry.json").is_file()
        sitemap = (built_fixture / "sitemap.xml").read_text(encoding="utf-8")
        assert "<loc>" in sitemap and "/admin" not in sitemap

    def test_stock_build_publishes_it_too(self, fixture_repo: Path) -> None:
        """``recettes generate`` then mkdocs-material alone: the generated tree carries admin/."""
        tree = _generate(fixture_repo, read_mkdocs_config(fixture_repo).options())
        built = mkdocs(fixture_repo, "--strict", config=str(tree.parent / "mkdocs.yml"))
        assert 0 == built.returncode, built.stderr
        assert (tree.parent / "site/admin/config.yml").is_file()
        assert (tree.parent / "site/search/search_index.json").is_file()  # Material's own search there
        assert not (tree.parent / "site/pagefind").exists()


def _node_json(script: str) -> Any:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node absent : installez Node.js (npm l’apporte)")
    out = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True,
                         check=True, timeout=60, cwd=REPO)
    return json.loads(out.stdout)


def _strings(node: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        return [pair for key, value in node.items() for pair in _strings(value, f"{path}.{key}")]
    return [(path, node)] if isinstance(node, str) else []


@pytest.fixture(scope="module")
def french() -> dict[str, Any]:
    """The French that atelier.js registers, computed by Node from francais.js."""
    module = (asset_folder() / "francais.js").as_uri()
    found = _node_json(f"import({json.dumps(module)}).then(m => "
                       "process.stdout.write(JSON.stringify(m.FRANCAIS)))")
    assert isinstance(found, dict)
    return found


class TestTerritoryField:
    def test_search_ranks_names_folded_and_keeps_homonyms(self, fixture_repo: Path) -> None:
        """admin/territoire.js in Node over the published index: same name first (every
        Saint-Denis), then names that start with the text; accents and case do not count; a
        code typed whole finds its place."""
        tree = _generate(fixture_repo, Options())
        index = (tree / "admin" / "territoires.json").as_uri()
        module = (asset_folder() / "territoire.js").as_uri()
        script = (
            f"const m = await import({json.dumps(module)});"
            "const fs = await import('node:fs');"
            f"const rows = JSON.parse(fs.readFileSync(new URL({json.dumps(index)}), 'utf8'));"
            "const entries = rows.lieux.map(([ref, label, where]) => ({ref, label, where, key: m.fold(label)}));"
            "const refs = (text) => m.search(entries, text).map((e) => e.ref);"
            "process.stdout.write(JSON.stringify({denis: refs('SAINT-DÉNIS'), plouarz: refs('plouarz'),"
            " velin: refs('plougonvélin'), code: refs('commune:29190'), short: refs('p')}));")
        found = _node_json(script)
        assert {"commune:11339", "commune:30247", "commune:93066", "commune:97411"} <= set(found["denis"][:5])
        assert "plouarzel" == found["plouarz"][0]
        assert ["commune:29190"] == found["velin"][:1] == found["code"][:1]
        assert [] == found["short"]
        assert 12 >= len(found["denis"])


class TestFrenchOfTheForm:
    def test_every_string_is_typeset(self, french: dict[str, Any]) -> None:
        """Decap's French as the form shows it: no-break spaces, « guillemets », ’ and …"""
        strings = _strings(french)
        assert len(strings) > 200
        for where, text in strings:
            assert "'" not in text and '"' not in text and "..." not in text, where
            assert not any(f" {mark}" in text for mark in ":;?!»") and "« " not in text, where
            assert not [c for c in ":;?!" if f"{c} " in text and f"\u00a0{c}" not in text
                        and f"\u202f{c}" not in text and "://" not in text], where

    def test_typos_and_english_are_corrected(self, french: dict[str, Any]) -> None:
        text = "\n".join(value for _, value in _strings(french))
        for wrong in ("Impsosible", "modications", "mofications", "Oops", "déboggage", "email",
                      "optionnel", "sélectionné ?"):
            assert wrong not in text, wrong
        assert "facultatif" == french["editor"]["editorControl"]["field"]["optional"]
        assert "Médias" == french["app"]["header"]["media"]
        assert "Le champ «\u00a0%{fieldLabel}\u00a0» est obligatoire." == \
            french["editor"]["editorControlPane"]["widget"]["required"]


class TestLocalMode:
    def test_make_atelier_starts_decap_server_on_loopback_at_the_configured_port(self) -> None:
        """The form's local_backend and the Makefile agree; decap-server listens on 127.0.0.1 only."""
        from recettes.publish.cms import LOCAL_PORT

        makefile = (REPO / "Makefile").read_text(encoding="utf-8")
        assert f"ATELIER_PORT := {LOCAL_PORT}" in makefile
        assert "PORT=$(ATELIER_PORT) BIND_HOST=127.0.0.1" in makefile
        assert "npm ci" in makefile

    def test_decap_server_is_pinned_by_a_lock_file(self) -> None:
        package = json.loads((REPO / "tools/atelier/package.json").read_text(encoding="utf-8"))
        lock = json.loads((REPO / "tools/atelier/package-lock.json").read_text(encoding="utf-8"))
        pinned = package["dependencies"]["decap-server"]
        assert pinned[0].isdigit()  # an exact version, no range
        assert pinned == lock["packages"]["node_modules/decap-server"]["version"]
        assert all("integrity" in entry for name, entry in lock["packages"].items() if name)

    def test_readme_documents_it_and_keeps_its_two_commands(self) -> None:
        readme = (REPO / "README.md").read_text(encoding="utf-8")
        blocks = readme.split("```sh\n")[1:]
        assert ["make serve", "make test", "make atelier"] == [b.split("\n", 1)[0] for b in blocks]
        assert "127.0.0.1:8081" in readme and "/admin/" in readme


FORMATS = r"""
import { recette, fiche } from %(module)s;
import fs from "fs";
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const out = cases.map(([kind, text, changes, removed]) => {
  const format = kind === "md" ? recette : fiche;
  if (text === null) return format.toFile(changes, Object.keys(changes));
  const data = format.fromFile(text);
  for (const key of removed) delete data[key];
  return format.toFile({ ...data, ...changes }, []);
});
process.stdout.write(JSON.stringify(out));
"""
CORPUS = sorted([*(REPO / "recipes").glob("*/recipe.md"), *(REPO / "ambassadors").glob("*.yml")])


def _formats(cases: list[tuple[str, str | None, dict[str, Any], list[str]]]) -> list[str]:
    """admin/formats.js in Node: each case read (``fromFile``), changed, written (``toFile``)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node absent : installez Node.js (npm l’apporte)")
    script = FORMATS % {"module": json.dumps((asset_folder() / "formats.js").as_uri())}
    out = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps(cases),
                         capture_output=True, text=True, check=True, timeout=60)
    found = json.loads(out.stdout)
    assert isinstance(found, list)
    return found


def _front(text: str) -> dict[str, Any]:
    front = text.split("---\n")[1] if text.startswith("---\n") else text
    data = yaml.safe_load(front)
    assert isinstance(data, dict)
    return data


def _lines_without(keys: set[str], text: str) -> list[str]:
    """The lines of ``text`` but those of its top-level ``keys`` (their blocks)."""
    out, inside = [], False
    for line in text.split("\n"):
        if not line.startswith((" ", "\t", "- ")):  # a line at the margin ends a key's block
            inside = line.split(":", 1)[0] in keys
        if not inside:
            out.append(line)
    return out


class TestFileFormats:
    def test_reading_then_writing_changes_no_byte(self) -> None:
        """Every recipe.md and ambassador file of the corpus, comments and flow lists included."""
        cases = [("md" if p.suffix == ".md" else "yml", p.read_text(encoding="utf-8"), {}, []) for p in CORPUS]
        assert len(cases) > 30
        written = _formats(cases)
        assert [] == [p.relative_to(REPO).as_posix() for p, (_, text, _, _), out in zip(CORPUS, cases, written,
                                                                                        strict=True) if out != text]

    @pytest.mark.parametrize(("changes", "removed"), [
        ({"summary": "Un autre résumé, avec «\u00a0guillemets\u00a0» et deux-points\u00a0: ici."}, []),
        ({"themes": ["alimentation", "habitat"]}, []),
        ({"started": 2013}, []),
        ({"title": "yes"}, []),
        ({}, ["resources"]),
        ({"body": "# Comment faire\n\n## Une étape\n\nLe texte.\n"}, []),
    ])
    def test_a_change_touches_only_its_key(self, changes: dict[str, Any], removed: list[str]) -> None:
        """The changed (added, removed) key's lines differ; every other line stays as it was, and
        the file reads back (with PyYAML, a YAML 1.1 reader) as the data the form had."""
        path = REPO / "recipes" / "disco-soupe" / "recipe.md"
        before = path.read_text(encoding="utf-8")
        (after,) = _formats([("md", before, changes, removed)])
        keys = set(changes) | set(removed)
        if "body" in keys:
            assert before.split("\n---\n")[0] == after.split("\n---\n")[0]
            assert after.endswith("\n---\n\n" + changes["body"])
            return
        assert _lines_without(keys, before) == _lines_without(keys, after)
        expected = {k: v for k, v in _front(before).items() if k not in removed} | changes
        assert expected == _front(after)
        assert before.split("\n---\n", 1)[1] == after.split("\n---\n", 1)[1]

    def test_a_new_recipe_is_front_matter_then_body(self) -> None:
        data = {"schema_version": 1, "title": "Atelier vélo", "summary": "Réparer\u00a0: ensemble.",
                "version": "0.1.0", "status": "draft", "territory": {"place": "brest"},
                "themes": ["mobilite"], "body": "# Comment faire\n\n## Une étape\n\nTexte."}
        (text,) = _formats([("md", None, data, [])])
        assert text.startswith("---\nschema_version: 1\ntitle: Atelier vélo\n")
        assert text.endswith("\n---\n\n# Comment faire\n\n## Une étape\n\nTexte.\n")
        assert {k: v for k, v in data.items() if k != "body"} == _front(text)

    def test_an_edited_ambassador_keeps_its_comment(self) -> None:
        path = REPO / "ambassadors" / "a-brest.yml"
        before = path.read_text(encoding="utf-8")
        (after,) = _formats([("yml", before, {"bio": "Une autre présentation."}, [])])
        assert after.startswith("# yaml-language-server:")
        assert _lines_without({"bio"}, before) == _lines_without({"bio"}, after)
        assert "Une autre présentation." == _front(after)["bio"]

    def test_offers_written_by_the_form_validate(self, tmp_path: Path) -> None:
        """« Ce que je peux apporter » added in the form: only its lines are new, and the file the
        form writes validates (kinds, terms, territories by id or official code, remote)."""
        from recettes.read.checks import validate_repository

        from ..conftest import make_repo

        path = REPO / "ambassadors" / "a-brest.yml"
        before = path.read_text(encoding="utf-8")
        offers = [{"kind": "visit", "details": "Une matinée avec l’équipe, pour qui se lance.",
                   "terms": ["free", "expenses"], "territories": ["pays-de-brest", "commune:29019"], "remote": True},
                  {"kind": "other", "details": "Un atelier d’écriture de fiches."}]
        (after,) = _formats([("yml", before, {"offers": offers}, [])])
        assert _lines_without({"offers"}, before) == _lines_without({"offers"}, after)
        assert offers == _front(after)["offers"]
        root = make_repo(tmp_path / "depot")
        (root / "ambassadors" / "a-brest.yml").write_text(after, encoding="utf-8")
        _, report = validate_repository(root)
        assert [] == [str(p) for p in report.sorted() if "a-brest" in p.path]
