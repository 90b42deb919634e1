"""Published JSON Schemas: generated from the models, fresh, and agreeing with `recettes validate`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from recettes.publish.schema import SCHEMA_FILES, build_schema, render
from recettes.read.vocabulary import load_vocabulary

from .conftest import ROOT, RunLine
from .test_fixtures import CASES, expected_of, prepare

# Codes about what a metadata file says: a JSON Schema validator must reach the same verdict.
METADATA_CODES = {"R001", "R002", "R003", "R005", "R010", "R011", "R012", "R013", "R014", "R126"}
# Our loader refuses these on purpose (alias bombs, huge or linked files, raw HTML): JSON Schema
# cannot express them, so a third-party validator may accept the file. Types are not among them:
# « R012-coercions » holds the values a lax reader would convert (true or "48.39" for a number,
# "2012" for a year, 1.10 for a version, an impossible date), which both must refuse alike.
LOADER_POLICY = {"R004", "R006", "R007", "R033"}


class TestPublishedSchema:
    @pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
    def test_committed_schema_matches_models(self, name: str) -> None:
        """schema/*.schema.json equal a fresh export: a test fails when they drift from the models."""
        vocabulary, problems = load_vocabulary(ROOT)
        assert [] == problems
        fresh = render(build_schema(SCHEMA_FILES[name], name, vocabulary))
        committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
        assert fresh == committed, "Run `recettes schema` and commit the result."

    def test_schema_check_command_detects_drift(self, tmp_path: Path, run_line: RunLine) -> None:
        """`recettes schema --check` exits 1 on a stale schema and names the file."""
        shutil.copytree(ROOT / "schema", tmp_path / "schema")
        (tmp_path / "schema" / "recipe.schema.json").write_text("{}\n", encoding="utf-8")
        run = run_line("schema", "--check", "--root", str(tmp_path), code=1)
        assert "schema/recipe.schema.json" in run.stdout
        assert "{}\n" == (tmp_path / "schema" / "recipe.schema.json").read_text(encoding="utf-8")

    def test_schema_is_2020_12_with_id_and_french_descriptions(self) -> None:
        """Editors get a 2020-12 schema with an $id and French tooltips."""
        schema = json.loads((ROOT / "schema" / "recipe.schema.json").read_text(encoding="utf-8"))
        assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]
        assert schema["$id"].endswith("/recipe.schema.json")
        assert "Titre de la recette, court et parlant." == schema["properties"]["title"]["description"]
        assert "alimentation" in schema["properties"]["themes"]["items"]["enum"]


def _check_jsonschema(repo: Path, schema: str, files: list[Path]) -> set[str]:
    """Files that check-jsonschema rejects (parse errors included)."""
    if not files:
        return set()
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "-o", "json", "--schemafile", str(ROOT / "schema" / schema),
         *[str(f.relative_to(repo)) for f in files]],
        cwd=repo, capture_output=True, text=True, timeout=120,
    )
    assert proc.stdout, proc.stderr
    result = json.loads(proc.stdout)
    rejected = {e["filename"] for e in result["errors"]}
    rejected |= {e["filename"] for e in result.get("parse_errors", [])}
    return rejected


AGREEMENT_CASES = [c for c in CASES if c.name[:4] not in LOADER_POLICY]


class TestThirdPartyAgreement:
    @pytest.mark.parametrize("case", AGREEMENT_CASES, ids=[c.name for c in AGREEMENT_CASES])
    def test_check_jsonschema_agrees_on_metadata(self, case: Path, tmp_path: Path, run_line: RunLine) -> None:
        """check-jsonschema rejects exactly the metadata files `recettes validate` rejects for their content."""
        repo = prepare(case, tmp_path / "depot")
        exit_code, _ = expected_of(case)
        run = run_line("validate", "--root", str(repo), "--format", "json", code=exit_code)
        ours = {p["path"] for p in json.loads(run.stdout)["problems"]
                if p["severity"] == "error" and p["code"] in METADATA_CODES}
        recipes = sorted(p for p in (repo / "recipes").glob("*/recipe.yml") if not p.is_symlink())
        ambassadors = sorted((repo / "ambassadors").glob("*.yml"))
        theirs = _check_jsonschema(repo, "recipe.schema.json", recipes)
        theirs |= _check_jsonschema(repo, "ambassador.schema.json", ambassadors)
        assert ours == theirs

    def test_check_jsonschema_accepts_the_corpus(self) -> None:
        """Every recipe and ambassador of the repository passes the published schemas."""
        assert set() == _check_jsonschema(ROOT, "recipe.schema.json", sorted(ROOT.glob("recipes/*/recipe.yml")))
        assert set() == _check_jsonschema(ROOT, "ambassador.schema.json", sorted(ROOT.glob("ambassadors/*.yml")))
