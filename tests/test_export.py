"""Open data exports, each read back by an independent tool."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import geojson
import jsonschema
import pytest

from recettes.catalog.catalog import Catalog
from recettes.core.addresses import SiteUrls, page_url, recipe_uri
from recettes.history.history import History, HistoryIndex, Person
from recettes.publish.files import write_open_data
from recettes.publish.opendata import CSV_COLUMNS, build_dataset, to_csv
from recettes.read.checks import validate_repository
from tests.repo_factory import add_ambassador, add_recipe, mini_repo

from .conftest import RunLine

SITE = "https://recettes.example.org/"


def _history() -> HistoryIndex:
    def h(created: int, updated: int) -> History:
        return History(created=datetime(2020, 1, created, tzinfo=UTC),
                       updated=datetime(2024, 5, updated, 12, tzinfo=UTC),
                       contributors=[Person("Anne Le Gall", "a@example.org")])
    return HistoryIndex(recipes={"compost": h(1, 3), "repair-cafe": h(2, 9), "covoiturage": h(3, 1)},
                        available=True)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    tmp = tmp_path_factory.mktemp("export")
    root = mini_repo(tmp)
    add_ambassador(root, "collectif", "Collectif « Compost & Co »")
    add_recipe(root, "compost", title="Compost partagé")
    add_recipe(root, "repair-cafe", title="=Repair café", place="brest", themes=("economie-circulaire", "solidarite"))
    add_recipe(root, "covoiturage", title="Covoiturage rural", place="pays-de-brest", themes=("mobilite",))
    add_recipe(root, "brouillon", status="draft")
    add_recipe(root, "non-commercial", licence="CC-BY-NC-4.0")
    (root / "recipes" / "compost" / "recipe.yml").write_text(
        (root / "recipes" / "compost" / "recipe.yml").read_text(encoding="utf-8").replace(
            "  place: plouarzel\n", "  place: plouarzel\n  location: {lat: 48.38, lon: -4.72, public: true}\n"),
        encoding="utf-8")
    repo, report = validate_repository(root)
    assert report.ok, [str(p) for p in report.errors]
    out = tmp / "site"
    problems = write_open_data(Catalog.build(repo, _history()), out, site_url=SITE)
    return out, problems


class TestJson:
    def test_json_validates_against_the_published_schema(self, written: tuple[Path, list]) -> None:
        out, _ = written
        data = json.loads((out / "donnees" / "recettes.json").read_text(encoding="utf-8"))
        schema = json.loads((out / "donnees" / "recettes.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
        assert SITE + "donnees/recettes.schema.json" == data["$schema"] == schema["$id"]

    def test_records_carry_sections_licence_and_credits(self, written: tuple[Path, list]) -> None:
        out, _ = written
        data = json.loads((out / "donnees" / "recettes.json").read_text(encoding="utf-8"))
        assert ["compost", "covoiturage", "repair-cafe"] == [r["slug"] for r in data["recipes"]]
        compost = data["recipes"][0]
        assert SITE + "recettes/compost/" == compost["url"]
        assert {"id": "CC-BY-SA-4.0", "name": "CC BY-SA 4.0",
                "url": "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"} == compost["licence"]
        assert "Collectif « Compost & Co »" in compost["attribution"] and compost["url"] in compost["attribution"]
        assert ["Réunir les voisin·es", "Installer le bac"] == [
            i["title"] for i in compost["sections"]["how-to"]["items"]]
        assert "Comment faire" == compost["sections"]["how-to"]["title"]
        assert "2020-01-01T00:00:00Z" == compost["created"]
        assert ["Anne Le Gall"] == compost["contributors"]
        assert ["plouarzel", "pays-de-brest", "finistere", "bretagne"] == [
            compost["territory"]["id"], *[t["id"] for t in compost["territory"]["within"]]]

    def test_incompatible_licence_is_left_out_and_said_so(self, written: tuple[Path, list]) -> None:
        out, problems = written
        data = json.loads((out / "donnees" / "recettes.json").read_text(encoding="utf-8"))
        assert ["non-commercial"] == [e["slug"] for e in data["excluded"]]
        assert ["R090"] == [p.code.name for p in problems]
        assert "recipes/non-commercial/recipe.yml" == problems[0].path and 14 == problems[0].line
        assert "non-commercial" not in (out / "donnees" / "recettes.csv").read_text(encoding="utf-8")


class TestCsv:
    def test_csv_reads_back_one_row_per_recipe(self, written: tuple[Path, list]) -> None:
        out, _ = written
        with (out / "donnees" / "recettes.csv").open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.DictReader(stream)
            rows = list(reader)
        assert CSV_COLUMNS == reader.fieldnames
        assert 3 == len(rows)
        repair = rows[2]
        assert "'=Repair café" == repair["titre"]  # a formula-looking title is neutralised
        assert ["economie-circulaire", "solidarite"] == json.loads(repair["thematiques"])
        assert ["Économie circulaire", "Solidarité"] == json.loads(repair["thematiques_noms"])
        assert ("", "") == (rows[1]["latitude"], rows[1]["longitude"])
        assert ["Pays de Brest", "Finistère", "Bretagne"] == json.loads(rows[0]["territoires_englobants"])


class TestGeoJson:
    def test_geojson_is_valid_rfc7946(self, written: tuple[Path, list]) -> None:
        """geojson validates it; coordinates are [longitude, latitude] in WGS 84 with no crs member."""
        out, _ = written
        text = (out / "donnees" / "recettes.geojson").read_text(encoding="utf-8")
        collection = geojson.loads(text)
        assert collection.is_valid, collection.errors()
        raw = json.loads(text)
        assert "crs" not in raw
        assert ["compost", "repair-cafe"] == [f["properties"]["slug"] for f in raw["features"]]  # one per located recipe
        assert [SITE + "recettes/compost/", SITE + "recettes/repair-cafe/"] == [f["id"] for f in raw["features"]]
        for feature in raw["features"]:
            assert "Point" == feature["geometry"]["type"]
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90 and lon < 0 < lat  # Brittany: west, north
        assert [-4.72, 48.38] == raw["features"][0]["geometry"]["coordinates"]
        assert "territory" == raw["features"][1]["properties"]["precision"]


class TestAtom:
    def test_feed_parses_newest_first_with_rights(self, written: tuple[Path, list]) -> None:
        out, _ = written
        feed = feedparser.parse((out / "flux.atom").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert ["repair-cafe", "compost", "covoiturage"] == [e.link.rstrip("/").rsplit("/", 1)[1]
                                                             for e in feed.entries]
        first = feed.entries[0]
        assert "2024-05-09T12:00:00Z" == first.updated
        assert first.published.startswith("2020-01-02")
        assert "CC BY-SA 4.0" in first.rights
        assert {"economie-circulaire", "solidarite"} == {t.term for t in first.tags}
        assert "fr" == feed.feed.language

    def test_feed_without_history_uses_file_times(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        add_recipe(root, "compost")
        repo, _ = validate_repository(root)
        write_open_data(Catalog.build(repo), tmp_path / "site", site_url=SITE)
        feed = feedparser.parse((tmp_path / "site" / "flux.atom").read_bytes())
        assert not feed.bozo and 1 == len(feed.entries)
        assert feed.entries[0].updated_parsed.tm_year >= 2024


class TestCli:
    def test_export_one_format_to_stdout(self, tmp_path: Path, run_line: RunLine) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        add_recipe(root, "compost")
        result = run_line("export", "--format", "csv", "--output", "-", "--root", str(root), "--site-url", SITE)
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert CSV_COLUMNS == rows[0] and "compost" == rows[1][0]

    @pytest.mark.parametrize("fmt", ["json", "csv", "geojson", "atom"])
    def test_each_format_leaves_out_nc_and_nd_recipes_and_says_which(
            self, tmp_path: Path, run_line: RunLine, fmt: str) -> None:
        """``recettes export`` follows the build's rule for every combined file: an NC and an
        ND recipe are in none of them, and each is named with its licence (R090, a warning)."""
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        add_recipe(root, "compost", place="brest")
        add_recipe(root, "epicerie-nc", title="Épicerie", place="brest", licence="CC-BY-NC-SA-4.0")
        add_recipe(root, "troc-nd", title="Troc", place="brest", licence="CC-BY-ND-4.0")
        result = run_line("export", "--format", fmt, "--output", "-", "--root", str(root), "--site-url", SITE)
        assert "recettes/compost/" in result.stdout
        if fmt == "json":  # the dataset lists them as left out, and nothing more
            data = json.loads(result.stdout)
            assert ["compost"] == [r["slug"] for r in data["recipes"]]
            assert ["epicerie-nc", "troc-nd"] == [e["slug"] for e in data["excluded"]]
        else:
            assert "epicerie-nc" not in result.stdout and "troc-nd" not in result.stdout
        for slug, ident in (("epicerie-nc", "CC-BY-NC-SA-4.0"), ("troc-nd", "CC-BY-ND-4.0")):
            assert f"recipes/{slug}/recipe.yml:" in result.stderr and f"R090 (avertissement) licence «\u00a0{ident}\u00a0»" \
                in result.stderr

    def test_impact_sums_cover_the_combined_recipes_only(self, tmp_path: Path, run_line: RunLine) -> None:
        """``--format impact``: the figures of recipes the combined files hold (1 personne +
        2 personnes), not those of an NC recipe, which the build's page still shows."""
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        impact = "impact:\n  - name: Personnes formées\n    value: {}\n    unit: {}\n    date: \"{}\"\n"
        add_recipe(root, "compost", place="brest", extra=impact.format(1, "personne", "2020"))
        add_recipe(root, "jardin", title="Jardin", place="plouarzel", extra=impact.format(2, "personnes", "2022"))
        add_recipe(root, "epicerie-nc", title="Épicerie", place="brest", licence="CC-BY-NC-SA-4.0",
                   extra=impact.format(40, "personnes", "2021"))
        result = run_line("export", "--format", "impact", "--output", "-", "--root", str(root), "--site-url", SITE)
        data = json.loads(result.stdout)
        [theme] = data["themes"]
        [total] = theme["totals"]
        assert ("Personnes formées", "personnes", 3.0) == (total["name"], total["unit"], total["total"])
        assert {"from": "2020", "to": "2022"} == total["period"]
        assert ["compost", "jardin"] == [f["recipe"] for f in total["figures"]]
        assert "epicerie-nc" not in result.stdout

    def test_the_collection_licence_comes_from_mkdocs_yml(self, tmp_path: Path, run_line: RunLine) -> None:
        """Under a CC BY collection (``data_licence``), a BY-SA recipe may not join (its
        adaptations must stay BY-SA), a CC0 one may; the dataset says its licence."""
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        add_recipe(root, "compost")
        add_recipe(root, "domaine-public", title="Domaine public", licence="CC0-1.0")
        (root / "docs").mkdir()
        (root / "mkdocs.yml").write_text(f"site_name: X\nsite_url: {SITE}\nplugins:\n  - recettes:\n"
                                         "      data_licence: CC-BY-4.0\n", encoding="utf-8")
        result = run_line("export", "--format", "json", "--output", "-", "--root", str(root))
        data = json.loads(result.stdout)
        assert "CC-BY-4.0" == data["licence"]["id"]
        assert ["domaine-public"] == [r["slug"] for r in data["recipes"]]
        assert ["compost"] == [e["slug"] for e in data["excluded"]]
        assert "R090 (avertissement) licence «\u00a0CC-BY-SA-4.0\u00a0» non compatible avec CC BY 4.0" in result.stderr

    def test_validate_says_it_before_the_build(self, tmp_path: Path, run_line: RunLine) -> None:
        """The validator reads the same ``data_licence`` and says, at the recipe's licence line
        and in the build's own words, which recipe the combined data will leave out."""
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        add_recipe(root, "compost")
        add_recipe(root, "domaine-public", title="Domaine public", licence="CC0-1.0")
        (root / "docs").mkdir()
        before = run_line("validate", "--root", str(root)).stdout
        assert "R090" not in before  # CC BY-SA data, the default: both join
        (root / "mkdocs.yml").write_text(f"site_name: X\nsite_url: {SITE}\nplugins:\n  - recettes:\n"
                                         "      data_licence: CC-BY-4.0\n", encoding="utf-8")
        after = run_line("validate", "--root", str(root)).stdout
        [line] = [line for line in after.splitlines() if " R090 " in line]
        assert re.match(r"recipes/compost/recipe\.yml:\d+:\d+: R090 \(avertissement\) licence «\u00a0CC-BY-SA-4\.0\u00a0» "
                        r"non compatible avec CC BY 4\.0", line), after
        assert "domaine-public" not in line

    def test_export_all_and_missing_site_url(self, tmp_path: Path, run_line: RunLine) -> None:
        root = mini_repo(tmp_path)
        result = run_line("export", "--output", str(tmp_path / "out"), "--root", str(root), code=2)
        assert "--site-url" in result.stderr
        (root / "mkdocs.yml").write_text(f"site_name: X\nsite_url: {SITE}\n", encoding="utf-8")
        (root / "docs").mkdir()
        run_line("export", "--output", str(tmp_path / "out"), "--root", str(root))
        assert {"recettes.json", "recettes.csv", "recettes.geojson", "recettes.schema.json",
                "utilite-sociale.json", "utilite-sociale.schema.json"} == {p.name for p in (tmp_path / "out" / "donnees").iterdir()}
        assert (tmp_path / "out" / "flux.atom").is_file()


def test_dataset_urls_follow_the_site_layout(tmp_path: Path) -> None:
    """Open data cites the addresses the handbook publishes pages at (one layout, core.addresses)."""
    root = mini_repo(tmp_path)
    add_ambassador(root, "collectif", "Collectif")
    add_recipe(root, "compost")
    repo, _ = validate_repository(root)
    dataset, _ = build_dataset(Catalog.build(repo), SiteUrls("https://x.org/guide"))
    assert "https://x.org/guide/" + page_url(recipe_uri("compost")) == dataset.recipes[0].url
    assert "https://x.org/guide/recettes/compost/" == dataset.recipes[0].url
    assert "https://x.org/guide/ambassadeurs/collectif/" == dataset.recipes[0].holders[0].url
    assert "compost" in to_csv(dataset)


@pytest.mark.parametrize("schema_url", [None, "https://x.org/donnees/recettes.schema.json"])
def test_json_is_exactly_the_standard_indented_dump(tmp_path: Path, schema_url: str | None) -> None:
    """``to_json`` assembles cached records: the bytes are those of ``json.dumps(indent=2)``."""
    from recettes.publish.opendata import to_json

    repo = mini_repo(tmp_path)
    for slug in ("velo-partage", "jardin-ouvert"):
        add_recipe(repo, slug)
    dataset, _ = build_dataset(Catalog.build(validate_repository(repo)[0]), SiteUrls("https://x.org/"))
    assert dataset.count == 2
    for data in (dataset, dataset.model_copy(update={"recipes": [], "count": 0})):
        expected = data.model_dump(mode="json")
        if schema_url:
            expected = {"$schema": schema_url, **expected}
        assert json.dumps(expected, ensure_ascii=False, indent=2) + "\n" == to_json(data, schema_url)
