"""Acceptance of issue 14's reproductions, with real files and real ``mkdocs build --strict``: a
recipe reproduced in two other territories shows them on its page, on the map's data, in JSON,
GeoJSON, CSV and the feed, and is « reproduite »; a third territory makes it « essaimée »;
removing reports lowers it again. Also the « Recettes à compléter » page and the search filter."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GitRepo
from tests.repo_factory import add_ambassador, add_recipe, add_report, add_territories, mini_repo
from tests.site.conftest import REPO, mkdocs

IMPACT = "impact:\n  - name: Déchets évités\n    value: 2\n    unit: tonnes\n    date: \"2016\"\n"
PAGE = "recettes/compost/index.html"


def build(root: Path, message: str) -> Path:
    GitRepo(root, init=not (root / ".git").exists()).commit(message)
    result = mkdocs(root, "--strict")
    assert 0 == result.returncode, result.stderr
    return root / "site"


def article(site: Path, page: str = PAGE) -> str:
    html = (site / page).read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def text(html: str) -> str:
    """What a reader sees, on one line: tags and permalinks (« ¶ ») out, no space before a comma."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("¶", "").split())
    return re.sub(r" (?=[,.])", "", words)


def record(site: Path) -> dict[str, Any]:
    data = json.loads((site / "donnees" / "recettes.json").read_text(encoding="utf-8"))
    return next(r for r in data["recipes"] if r["slug"] == "compost")


def features(site: Path, path: str) -> list[dict[str, Any]]:
    return list(json.loads((site / path).read_text(encoding="utf-8"))["features"])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A recipe of Plouarzel with an impact figure (« expérimentée ») and two reports, one by an
    ambassador in Lannion (with an account), one by an organisation in Rennes."""
    root = mini_repo(tmp_path)
    add_ambassador(root, "collectif", "Collectif")
    add_territories(root)
    add_recipe(root, "compost", title="Compost partagé", place="plouarzel", extra=IMPACT)
    add_report(root, "compost", "lannion", place="lannion", date="2024-05", extra="title: Compost à Lannion\n",
               story="Nous avons commencé par un **café** au pied de l’immeuble.\n")
    add_report(root, "compost", "rennes", place="rennes", date="2025", who="organisation: Voisins *de* Rennes & Cie",
               extra="adaptations:\n  - what: Un bac par quartier\n    why: Moins de place.\n")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    return root


@pytest.mark.build
class TestAcceptance:
    def test_two_territories_reproduite_three_essaimee_fewer_lower(self, root: Path) -> None:
        """The whole life of the evidence, each state built by MkDocs and read back from the site."""
        site = build(root, "Deux reproductions")
        page = article(site)
        shown = text(page)
        assert "Niveau : reproduite" in shown
        assert "reproduite à Lannion et à Rennes" in shown
        assert re.search(r'Reproduite à</strong>.*href="#reproduction-lannion">Lannion</a>.*'
                         r'href="#reproduction-rennes">Rennes</a>', page)
        assert 'id="reproduction-lannion"' in page and 'id="reproduction-rennes"' in page
        assert "Lannion, mai 2024, par Collectif, d’après la version 1.2.0 de la recette." in shown
        assert "Nous avons commencé par un café au pied de l’immeuble." in shown
        assert "Un bac par quartier — Moins de place." in shown
        assert "Voisins *de* Rennes &amp; Cie" in page  # contributed text, not markup
        data = record(site)
        assert ("reproduite", "reproduite") == (data["readiness"]["level"], data["readiness"]["label"])
        assert [("lannion", "Lannion", True), ("rennes", "Rennes", True)] == [
            (r["id"], r["territory"]["label"], r["counts"]) for r in data["reproductions"]]
        assert data["reproductions"][0]["url"].endswith("/recettes/compost/#reproduction-lannion")
        for path in ("donnees/recettes.geojson", "carte/recettes.geojson"):
            found = features(site, path)
            assert ["recipe", "reproduction", "reproduction"] == [f["properties"]["kind"] for f in found], path
            lannion = found[1]["properties"]
            assert ("compost", "Compost à Lannion", "Lannion") == (
                lannion["recipe"], lannion["title"], lannion["territory"])
            assert lannion["url"].endswith("/recettes/compost/#reproduction-lannion")
            assert [-3.4566, 48.7326] == found[1]["geometry"]["coordinates"]
        rows = list(csv.DictReader(io.StringIO((site / "donnees" / "recettes.csv").read_text(encoding="utf-8-sig"))))
        assert ("reproduite", ["Lannion", "Rennes"]) == (rows[0]["niveau"], json.loads(rows[0]["reproductions"]))
        feed = (site / "flux.atom").read_text(encoding="utf-8")
        assert "Compost partagé — reproduite à Lannion" in feed and "Compost partagé — reproduite à Rennes" in feed
        assert '<meta data-pagefind-filter="Niveau[content]" content="Reproduite"' in (site / PAGE).read_text(
            encoding="utf-8")
        region = article(site, "territoires/bretagne/index.html")
        assert "Recettes reproduites ici" in text(region)
        assert 'href="../../recettes/compost/#reproduction-lannion">Compost partagé</a> — Lannion, mai 2024' in region
        person = article(site, "ambassadeurs/collectif/index.html")  # credited for what they did
        assert "Recettes reproduites" in text(person)
        assert 'href="../../recettes/compost/#reproduction-lannion">Compost partagé</a> — Lannion, mai 2024' in person
        assert "Rennes" not in text(person)  # an organisation's report, not theirs

        add_report(root, "compost", "vannes", place="vannes", date="2025-09")
        site = build(root, "Troisième territoire")
        assert "Niveau : essaimée" in text(article(site))
        assert "essaimee" == record(site)["readiness"]["level"]
        assert 3 == sum(f["properties"]["kind"] == "reproduction" for f in features(site, "carte/recettes.geojson"))

        for ident in ("vannes", "rennes"):
            (root / "recipes" / "compost" / "reproductions" / f"{ident}.md").unlink()
        site = build(root, "Deux comptes rendus retirés")
        assert "Niveau : reproduite" in text(article(site))
        (root / "recipes" / "compost" / "reproductions" / "lannion.md").unlink()
        site = build(root, "Plus de reproduction")
        shown = text(article(site))
        assert "Niveau : expérimentée" in shown and "Reproduite à" not in shown and "Reproductions" not in shown
        assert ([], "experimentee") == (record(site)["reproductions"], record(site)["readiness"]["level"])
        assert ["recipe"] == [f["properties"]["kind"] for f in features(site, "donnees/recettes.geojson")]

    def test_a_report_in_the_recipes_own_territory_is_shown_but_not_counted(self, root: Path) -> None:
        add_report(root, "compost", "ici", place="plouarzel")
        site = build(root, "Reproduction sur place")
        shown = text(article(site))
        assert "Sur le territoire de la recette : cette reproduction ne compte pas pour son niveau." in shown
        assert "reproduite à Lannion et à Rennes" in shown
        assert [True, True, False] == [r["counts"] for r in sorted(record(site)["reproductions"],
                                                                    key=lambda r: r["id"] == "ici")]


@pytest.mark.build
class TestToComplete:
    def test_the_page_lists_what_each_recipe_lacks_and_pages_link_to_it(self, root: Path) -> None:
        add_recipe(root, "jardin", title="Jardin partagé", place="brest")
        site = build(root, "Deux recettes")
        shown = text(article(site, "a-completer/index.html"))
        assert "Documentée : toutes les sections sont écrites." in shown
        assert re.search(r"Recette documentée \(1\) Jardin partagé Pour être « expérimentée » : ajouter", shown)
        assert re.search(r"Recette reproduite \(1\) Compost partagé Pour être « essaimée » : publier", shown)
        recipe = article(site, "recettes/jardin/index.html")
        assert '<summary>Pour compléter cette recette</summary>' in recipe
        assert "Aucune source" in text(recipe)
        assert 'href="../../a-completer/#niveaux"' in recipe
        assert "../a-completer/" in article(site, "recettes/index.html")
