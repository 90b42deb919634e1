"""Who wrote what (issue 9): ``documented_by`` and ``sources`` reach the page, the mention to
copy, JSON-LD, the open data and the feed; maintenance commits credit nobody."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import pytest

from recettes.catalog.catalog import Catalog
from recettes.catalog.snapshots import build_catalog
from recettes.core.addresses import SiteUrls
from recettes.history.history import read_history
from recettes.history.maintenance import Maintenance
from recettes.publish import jsonld
from recettes.publish.files import open_data_files
from recettes.read.checks import validate_repository
from recettes.site.page import Options
from recettes.site.recipe_page import recipe_page
from tests.repo_factory import add_ambassador, add_recipe, mini_repo

from .conftest import GitRepo

SITE = "https://guide.example/"
CREDITS = """documented_by:
  - name: Atelier d’écriture de Plouarzel
    kind: organisation
  - id: collectif
sources:
  - title: Les cartes participatives
    publisher: Wiki @ Brest
    url: https://wiki.example/cartes
    date: "2013-06-21"
    licence: CC-BY-SA-3.0
changelog:
  - version: 1.2.0
    summary: Étapes réécrites après la rencontre de mars.
"""


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    root = mini_repo(tmp_path)
    add_ambassador(root, "collectif", "Collectif du bourg")
    add_ambassador(root, "porteuse", "Anne Porteuse")
    add_recipe(root, "cartes", title="Cartes participatives", holder="porteuse", extra=CREDITS)
    repo, report = validate_repository(root)
    assert report.ok, [str(p) for p in report.errors]
    return Catalog.build(repo)


class TestCreditsReachReaders:
    def test_page_credit_line_names_writers_and_sources(self, catalog: Catalog) -> None:
        text = recipe_page(catalog, "cartes", Options(site_url=SITE)).markdown
        assert ("*Fiche rédigée par Atelier d’écriture de Plouarzel et [Collectif du bourg](../../ambassadeurs/"
                "collectif.md) à partir de «\u00a0Les cartes participatives\u00a0», Wiki @ Brest, 21 juin 2013.*") in text
        assert ("Atelier d’écriture de Plouarzel et [Collectif du bourg](../../ambassadeurs/collectif.md)"
                " ont documenté la recette.") in text
        assert ("- [«\u00a0Les cartes participatives\u00a0»](https://wiki.example/cartes), Wiki @ Brest, 21 juin 2013,"
                " licence CC BY\\-SA 3.0") in text
        assert "[Anne Porteuse](../../ambassadeurs/porteuse.md) — Porteur·euse" in text

    def test_mention_to_copy_credits_writers_not_holders(self, catalog: Catalog) -> None:
        text = recipe_page(catalog, "cartes", Options(site_url=SITE)).markdown
        mention = next(line for line in text.splitlines() if line.startswith("«\u00a0Cartes participatives"))
        assert mention.startswith("«\u00a0Cartes participatives\u00a0», par Atelier d’écriture de Plouarzel et "
                                  "Collectif du bourg, d’après «\u00a0Les cartes participatives\u00a0», Wiki @ Brest,")
        assert "Anne Porteuse" not in mention

    def test_json_ld_authors_and_sources(self, catalog: Catalog) -> None:
        data = jsonld.how_to(catalog, "cartes", SiteUrls(SITE))
        assert [{"@type": "Organization", "name": "Atelier d’écriture de Plouarzel"},
                {"@type": "Organization", "name": "Collectif du bourg"}] == data["author"]
        assert {"@type": "CreativeWork", "name": "Les cartes participatives", "url": "https://wiki.example/cartes",
                "datePublished": "2013-06-21", "publisher": "Wiki @ Brest",
                "license": "https://creativecommons.org/licenses/by-sa/3.0/"} == data["isBasedOn"]

    def test_open_data_and_feed_carry_the_role_and_sources(self, catalog: Catalog) -> None:
        files, _dataset, _ = open_data_files(catalog, SiteUrls(SITE))
        record = json.loads(files["donnees/recettes.json"])["recipes"][0]
        assert [{"name": "Atelier d’écriture de Plouarzel", "id": None, "kind": "organisation", "url": None},
                {"name": "Collectif du bourg", "id": "collectif", "kind": "organisation",
                 "url": SITE + "ambassadeurs/collectif/"}] == record["documented_by"]
        assert "https://wiki.example/cartes" == record["sources"][0]["url"]
        assert "par Atelier d’écriture de Plouarzel et Collectif du bourg" in record["attribution"]
        row = next(csv.DictReader(io.StringIO(files["donnees/recettes.csv"].lstrip("\ufeff"))))
        assert ["Atelier d’écriture de Plouarzel", "Collectif du bourg"] == json.loads(row["documente_par"])
        assert json.loads(row["sources"])[0].startswith("«\u00a0Les cartes participatives\u00a0», Wiki @ Brest")
        feed = feedparser.parse(files["flux.atom"])
        assert ["Atelier d’écriture de Plouarzel", "Collectif du bourg"] == [
            a["name"] for a in feed.entries[0]["authors"]]

    def test_declared_changelog_is_what_historique_shows(self, catalog: Catalog) -> None:
        assert "Étapes réécrites après la rencontre de mars." == catalog.meta("cartes").summary_of("1.2.0")
        assert catalog.meta("cartes").summary_of("1.0.0") is None


class TestPublishedRecipesNameSomeone:
    def test_documented_by_alone_is_enough(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        folder = add_recipe(root, "compost")
        meta = folder / "recipe.yml"
        meta.write_text(meta.read_text(encoding="utf-8").replace(
            "holders:\n  - id: collectif\n    role: holder\n", "documented_by: [{name: Équipe du réseau}]\n"),
            encoding="utf-8")
        _, report = validate_repository(root)
        assert report.ok, [str(p) for p in report.problems]

    def test_nobody_named_is_an_error_and_an_unknown_writer_too(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        folder = add_recipe(root, "compost")
        meta = folder / "recipe.yml"
        text = meta.read_text(encoding="utf-8").replace("holders:\n  - id: collectif\n    role: holder\n", "")
        meta.write_text(text, encoding="utf-8")
        _, report = validate_repository(root)
        assert ["R011"] == [p.code.name for p in report.errors]
        meta.write_text(text + "documented_by: [{id: colectif}]\n", encoding="utf-8")
        _, report = validate_repository(root)
        assert ["R040"] == [p.code.name for p in report.errors]
        assert "Vouliez-vous dire « collectif »" in report.errors[0].hint

    def test_the_older_single_source_is_a_warning_naming_sources(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        add_recipe(root, "compost", extra="source: {title: Un article, url: 'https://x.example/'}\n")
        _, report = validate_repository(root)
        assert report.ok and ["R016"] == [p.code.name for p in report.warnings if p.code.name != "R023"]


MAINTAINER = ("Équipe technique", "robot@example.org")
PERSON = ("Anne Le Gall", "anne@example.org")


class TestMaintenanceCreditsNobody:
    @pytest.fixture
    def history_repo(self, git_repo: GitRepo) -> GitRepo:
        git_repo.write("recipes/compost/recipe.yml", "title: Compost\nversion: 1.0.0\n")
        git_repo.write("recipes/compost/how-to.md", "## Un\n")
        git_repo.commit("Import the starter corpus", author=MAINTAINER, date="2024-01-01T10:00:00+01:00")
        git_repo.write("recipes/compost/how-to.md", "## Un\n\nPrécisé.\n")
        git_repo.commit("Précise l’étape", author=PERSON, date="2024-02-01T10:00:00+01:00")
        git_repo.write("recipes/compost/obstacles.md", "## Reformaté\n")
        self.reformat = git_repo.commit("Reformat everything", author=PERSON, date="2024-03-01T10:00:00+01:00")
        return git_repo

    def test_without_rules_everyone_is_credited(self, history_repo: GitRepo) -> None:
        history = read_history(history_repo.path).recipes["compost"]
        assert ["Équipe technique", "Anne Le Gall"] == [p.name for p in history.contributors]

    def test_a_maintenance_identity_is_not_credited_and_not_listed(self, history_repo: GitRepo) -> None:
        history = read_history(history_repo.path, maintenance=Maintenance.of(["ROBOT@example.org"])).recipes["compost"]
        assert ["Anne Le Gall"] == [p.name for p in history.contributors]
        subjects = [c.summary for entry in history.changelog for c in entry.commits]
        assert "Import the starter corpus" not in subjects and "Précise l’étape" in subjects
        assert "2024-01-01" == history.created.date().isoformat() if history.created else False

    def test_commits_listed_in_git_blame_ignore_revs(self, history_repo: GitRepo) -> None:
        history_repo.write(".git-blame-ignore-revs", f"# reformatage\n{self.reformat}\n")
        history = read_history(history_repo.path, maintenance=Maintenance.of(["Équipe technique"])).recipes["compost"]
        subjects = [c.summary for entry in history.changelog for c in entry.commits]
        assert ["Précise l’étape"] == subjects

    def test_a_version_made_only_of_maintenance_still_gets_its_page(self, history_repo: GitRepo) -> None:
        history_repo.write("recipes/compost/recipe.yml", "title: Compost\nversion: 1.1.0\n")
        history_repo.commit("Bump", author=MAINTAINER, date="2024-04-01T10:00:00+01:00")
        root = history_repo.path
        repo, _ = validate_repository(root)
        _, _notes = build_catalog(root, repo, Maintenance.of(["robot@example.org"]))
        history = read_history(root, maintenance=Maintenance.of(["robot@example.org"])).recipes["compost"]
        assert ["1.1.0", "1.0.0"] == [entry.version for entry in history.changelog]
        assert [] == history.changelog[0].commits and history.changelog[0].updated is not None


class TestHoldersAreNotAuthors:
    def test_without_documented_by_the_holders_carry_but_do_not_write(self, tmp_path: Path) -> None:
        """No writer declared: the mention says « recette portée par », JSON-LD and the feed name no author."""
        root = mini_repo(tmp_path)
        add_ambassador(root, "porteuse", "Anne Porteuse")
        add_recipe(root, "cartes", title="Cartes", holder="porteuse")
        repo, _ = validate_repository(root)
        catalog = Catalog.build(repo)
        files, _, _ = open_data_files(catalog, SiteUrls(SITE))
        record = json.loads(files["donnees/recettes.json"])["recipes"][0]
        assert "«\u00a0Cartes\u00a0», recette portée par Anne Porteuse, version" in record["attribution"]
        assert [] == record["documented_by"]
        assert "author" not in jsonld.how_to(catalog, "cartes", SiteUrls(SITE))
        assert [] == feedparser.parse(files["flux.atom"]).entries[0].get("authors", [])


class TestMaintenanceDoesNotUpdate:
    def test_a_migration_by_maintenance_keeps_the_update_date(self, git_repo: GitRepo) -> None:
        git_repo.write("recipes/compost/recipe.yml", "title: Compost\nversion: 1.0.0\n")
        git_repo.commit("Ajout", author=PERSON, date="2026-12-01T10:00:00+01:00")
        git_repo.write("recipes/compost/recipe.md", "---\ntitle: Compost\nversion: 1.0.0\n---\n")
        git_repo.remove("recipes/compost/recipe.yml")
        git_repo.commit("Migrate", author=MAINTAINER, date="2027-03-15T10:00:00+01:00")
        history = read_history(git_repo.path, maintenance=Maintenance.of([MAINTAINER[1]])).recipes["compost"]
        assert "2026-12-01" == history.updated.date().isoformat() if history.updated else False
        assert "2026-12-01" == history.changelog[0].updated.date().isoformat() if history.changelog[0].updated \
            else False


class TestTextsForMachines:
    def test_json_ld_steps_are_plain_and_open_data_links_absolute(self, tmp_path: Path) -> None:
        root = mini_repo(tmp_path)
        add_ambassador(root, "collectif", "Collectif")
        add_recipe(root, "compost")
        folder = add_recipe(root, "cartes", title="Cartes")
        (folder / "how-to.md").write_text("## Voir **le** [compost](recette:compost#freins)\n\n"
                                          "Avec [le collectif](ambassadeur:collectif) et `du code`.\n",
                                          encoding="utf-8")
        repo, _ = validate_repository(root)
        catalog = Catalog.build(repo)
        [step] = jsonld.how_to(catalog, "cartes", SiteUrls(SITE))["step"]
        assert ("Voir le compost", "Avec le collectif et du code.") == (step["name"], step["text"])
        files, _, _ = open_data_files(catalog, SiteUrls(SITE))
        record = next(r for r in json.loads(files["donnees/recettes.json"])["recipes"] if r["slug"] == "cartes")
        body = record["sections"]["how-to"]["items"][0]["body"]
        assert f"[le collectif]({SITE}ambassadeurs/collectif/)" in body and "ambassadeur:" not in body
