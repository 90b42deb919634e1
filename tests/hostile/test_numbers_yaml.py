"""Classes 6, 7, 11 and 12 of issue 12: values that lie in data files and open data.

6: an impossible calendar date; 7: integers of thousands of digits (``--format json`` still
prints JSON); 11: strict types (``true`` or ``"48.39"`` for a number, ``.inf``, ``.nan``, numbers
that would be published otherwise), messages quoting what was typed; 12: CSV cells holding
several values, read back exactly. One site holds the publishing cases and is scanned.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from recettes.publish.opendata import CSV_LIST_COLUMNS

from ..conftest import RunLine
from .recipes import build_site, located, problems, recipe_md, site_recipe, write
from .site import assert_site_safe

RECIPE = "recipes/essai/recipe.md"


def validate(repo: Path, run_line: RunLine, code: int, *args: str) -> list[dict[str, object]]:
    run = run_line("validate", "--root", str(repo), "--format", "json", *args, code=code)
    assert "Traceback" not in run.output
    return problems(run.stdout)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.lstrip(" -").startswith(fragment)
                or (fragment in line and not fragment.endswith(":")))


class TestImpossibleDates:
    @pytest.mark.parametrize(("header", "fragment", "date"), [
        ({"sources": "\n  - title: Article\n    date: \"2013-02-30\""}, "2013-02-30", "2013-02-30"),
        ({"sources": "\n  - title: Article\n    date: 2023-02-29"}, "2023-02-29", "2023-02-29"),
        ({"sources": "\n  - title: Article\n    date: \"2014-04-31\""}, "2014-04-31", "2014-04-31"),
        ({"impact": "\n  - name: Repas\n    value: 3\n    date: \"0000\""}, "0000", "0000"),
    ])
    def test_date_outside_the_calendar_is_located(self, base_repo: Path, run_line: RunLine,
                                                  header: dict[str, str], fragment: str, date: str) -> None:
        text = recipe_md(header)
        write(base_repo, {RECIPE: text})
        found = located(validate(base_repo, run_line, 1), "R126")
        assert 1 == len(found)
        assert found[0].startswith(f"{RECIPE}:{line_of(text, fragment)}:")
        assert f"la date « {date} » n’existe pas dans le calendrier" in found[0]

    def test_real_days_pass(self, base_repo: Path, run_line: RunLine) -> None:
        write(base_repo, {RECIPE: recipe_md({"sources": "\n  - title: A\n    date: \"2024-02-29\"\n"
                                                       "  - title: B\n    date: \"2000-02-29\"\n"
                                                       "  - title: C\n    date: \"1999-12\""})})
        assert [] == located(validate(base_repo, run_line, 0), "R126")


HUGE = "9" * 5000


class TestHugeNumbers:
    @pytest.mark.parametrize(("header", "fragment", "message"), [
        ({"started": HUGE}, "started:", "nombre de 5\u202f000 caractères, trop long"),
        ({"impact": f"\n  - name: Repas\n    value: -{HUGE}"}, "value:", "nombre de 5\u202f001 caractères, trop long"),
        ({"impact": "\n  - name: Repas\n    value: 123456789012345678901"}, "value:",
         "nombre « 123456789012345678901 » trop grand pour être publié exactement"),
        ({"territory": "\n  place: brest\n  location:\n    lat: 1e400\n    lon: 1"}, "lat:", "nombre infini « 1e400 » non permis"),
    ])
    @pytest.mark.parametrize("output", ["json", "text", "github"])
    def test_reported_in_every_format(self, base_repo: Path, run_line: RunLine, header: dict[str, str],
                                      fragment: str, message: str, output: str) -> None:
        text = recipe_md(header)
        write(base_repo, {RECIPE: text})
        run = run_line("validate", "--root", str(base_repo), "--format", output, code=1)
        assert "Traceback" not in run.output
        if output == "json":
            found = located(problems(run.stdout), "R123")
            assert 1 == len(found) and found[0].startswith(f"{RECIPE}:{line_of(text, fragment)}:")
            assert message in found[0]
        else:
            assert message in run.stdout


class TestStrictTypes:
    @pytest.mark.parametrize(("header", "fragment", "code", "message", "hint"), [
        ({"territory": "\n  place: brest\n  location:\n    lat: true\n    lon: -4.49"}, "lat:", "R012",
         "« territory.location.lat » : un nombre est attendu, pas « true »", "true et false ne sont pas des nombres"),
        ({"territory": "\n  place: brest\n  location:\n    lat: 48.39\n    lon: \"-4.49\""}, "lon:", "R012",
         "« territory.location.lon » : un nombre est attendu, pas le texte entre guillemets « -4.49 »",
         "Retirez les guillemets"),
        ({"started": "\"2012\""}, "started:", "R012",
         "« started » : un nombre entier est attendu, pas le texte entre guillemets « 2012 »", "Retirez les guillemets"),
        ({"version": "1.10"}, "version:", "R012", "« version » : un texte est attendu, pas « 1.10 »",
         "YAML lit 1.10 comme un nombre : mettez-le entre guillemets"),
        ({"summary": "0612345678"}, "summary:", "R124", "le nombre « 0612345678 » serait publié 612345678",
         "mettez-le entre guillemets : \"0612345678\""),
        ({"summary": "1234567890123"}, "summary:", "R012", "« summary » : un texte est attendu, pas « 1234567890123 »",
         "si c’est un texte, mettez-le entre guillemets"),
        ({"impact": "\n  - name: Repas\n    value: 01200"}, "value:", "R124", "le nombre « 01200 » serait publié 1200",
         "mettez-le entre guillemets : \"01200\""),
        ({"impact": "\n  - name: Repas\n    value: 0x1F"}, "value:", "R124", "le nombre « 0x1F » serait publié 31",
         "mettez-le entre guillemets"),
        ({"impact": "\n  - name: Repas\n    value: .inf"}, "value:", "R123", "nombre infini « .inf » non permis",
         "mettez-le entre guillemets"),
        ({"impact": "\n  - name: Repas\n    value: .NaN"}, "value:", "R123", "nombre indéfini (NaN) « .NaN » non permis",
         "mettez-le entre guillemets"),
        ({"resources": "\n  budget:\n    min: -.inf\n    max: 1"}, "min:", "R123", "nombre infini « -.inf » non permis",
         "mettez-le entre guillemets"),
    ])
    def test_value_is_refused_quoting_what_was_typed(self, base_repo: Path, run_line: RunLine,
                                                     header: dict[str, str], fragment: str, code: str,
                                                     message: str, hint: str) -> None:
        text = recipe_md(header)
        write(base_repo, {RECIPE: text})
        found = [p for p in validate(base_repo, run_line, 1) if p["severity"] == "error"]
        assert [code] == [p["code"] for p in found], found
        assert (RECIPE, line_of(text, fragment)) == (found[0]["path"], found[0]["line"])
        assert message == found[0]["message"]
        assert hint in str(found[0]["hint"])

    @pytest.mark.parametrize("value", ["48.5700", "4.8e1", "+48", "48"])
    def test_same_number_written_otherwise_passes(self, base_repo: Path, run_line: RunLine, value: str) -> None:
        """Trailing zeros, exponents and a plus sign name the very number published."""
        location = f"\n  place: brest\n  location:\n    lat: {value}\n    lon: 1\n    public: true"  # not coarsened (R153)
        write(base_repo, {RECIPE: recipe_md({"territory": location})})
        assert [] == validate(base_repo, run_line, 0)


TRICKY = ["Ville de Brest; service des jardins", "Le Fourneau, Brest", "Association « Vert » \"et\" 'bleu'",
          "[\"pas une liste\"]"]


def tricky_recipe() -> str:
    organisations = "".join(f"\n  - {json.dumps(name, ensure_ascii=False)}" for name in TRICKY)
    return site_recipe({
        "organisations": organisations,
        "documented_by": "\n  - name: \"Dupont, Marie; et al.\"",
        "sources": "\n  - title: \"Compost ; bilan, 2014\"\n    date: \"2014-02-28\"",
    })


class TestCsvCells:
    @pytest.fixture
    def rows(self, base_repo: Path, run_line: RunLine) -> list[dict[str, str]]:
        text = tricky_recipe().replace("marie-le-gall", "marie-exemple").replace("compost-partage", "jardin-partage")
        write(base_repo, {RECIPE: text})
        run = run_line("export", "--format", "csv", "--output", "-", "--root", str(base_repo),
                       "--site-url", "https://example.org/")
        return list(csv.DictReader(io.StringIO(run.stdout)))

    def test_values_holding_the_separator_read_back_whole(self, rows: list[dict[str, str]]) -> None:
        essai = next(row for row in rows if row["slug"] == "essai")
        assert TRICKY == json.loads(essai["organisations"])
        assert ["Dupont, Marie; et al."] == json.loads(essai["documente_par"])
        assert 1 == len(json.loads(essai["sources"]))
        assert json.loads(essai["sources"])[0].startswith("«\u00a0Compost ; bilan, 2014\u00a0»")

    def test_every_list_column_is_a_json_array(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            for column in CSV_LIST_COLUMNS:
                value = json.loads(row[column])
                assert isinstance(value, list) and all(isinstance(v, str) for v in value), (column, row[column])

    def test_empty_list_is_an_empty_array(self, rows: list[dict[str, str]]) -> None:
        base = next(row for row in rows if row["slug"] == "jardin-partage")
        assert [] == json.loads(base["organisations"]) == json.loads(base["sources"])
        assert ["alimentation"] == json.loads(base["thematiques"])


def _no_constants(name: str) -> None:
    raise AssertionError(f"invalid JSON constant {name}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("values") / "repo", {
        "recipes/date-impossible/recipe.md": site_recipe(
            {"sources": "\n  - title: Article\n    date: \"2013-02-30\"",
             "impact": "\n  - name: Repas\n    value: 3\n    date: 2021-02-29"}),
        "recipes/nombres-faux/recipe.md": site_recipe(
            {"impact": "\n  - name: Repas\n    value: .nan\n  - name: Kilos\n    value: -.inf",
             "territory": "\n  place: brest\n  location:\n    lat: true\n    lon: \"-4.49\"",
             "started": HUGE}),
        "recipes/separateurs/recipe.md": tricky_recipe(),
    })


@pytest.mark.build
class TestPublished:
    def test_site_is_safe(self, site: Path) -> None:
        assert_site_safe(site, (HUGE[:100],))

    def test_open_data_is_strict_json(self, site: Path) -> None:
        for name in ("recettes.json", "recettes.geojson"):
            text = (site / "donnees" / name).read_text(encoding="utf-8")
            json.loads(text, parse_constant=_no_constants)

    def test_refused_values_are_not_published(self, site: Path) -> None:
        records = json.loads((site / "donnees" / "recettes.json").read_text(encoding="utf-8"))
        slugs = {record["slug"] for record in records["recipes"]} if isinstance(records, dict) else {
            record["slug"] for record in records}
        assert {"separateurs"} <= slugs
        assert not {"date-impossible", "nombres-faux"} & slugs

    def test_csv_cells_read_back(self, site: Path) -> None:
        with (site / "donnees" / "recettes.csv").open(encoding="utf-8-sig", newline="") as stream:
            rows = {row["slug"]: row for row in csv.DictReader(stream)}
        assert TRICKY == json.loads(rows["separateurs"]["organisations"])

    def test_data_page_explains_the_list_cells(self, site: Path) -> None:
        page = (site / "donnees" / "index.html").read_text(encoding="utf-8")
        assert "Colonnes à plusieurs valeurs du fichier CSV" in page
        assert "json.loads(cellule)" in page
