"""Licence-aware reuse in a real ``mkdocs build --strict``: a non-commercial recipe stays on the
site (its page, its terms, the map) and out of every combined file (slow: marked ``build``)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import feedparser
import pytest

from recettes.core.licences import licence

from ..conftest import GitRepo
from .conftest import FIXTURE, REPO, commit_all, mkdocs

pytestmark = pytest.mark.build

NC = "CC-BY-NC-SA-4.0"
ND = "CC-BY-ND-4.0"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site fixture plus two located recipes of their own text, one NC-SA, one ND."""
    root = tmp_path_factory.mktemp("reuse") / "repo"
    shutil.copytree(FIXTURE, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for slug, ident, title in (("epicerie-nc", NC, "Épicerie solidaire du bourg"),
                               ("troc-nd", ND, "Troc de graines")):
        folder = root / "recipes" / slug
        folder.mkdir()
        (folder / "recipe.md").write_text(
            f"---\nschema_version: 1\ntitle: {title}\nsummary: Une initiative d’habitant·es.\n"
            "version: 1.0.0\nstatus: published\nterritory:\n  place: plouarzel\nthemes: [alimentation]\n"
            f"holders:\n  - id: marie-le-gall\n    role: holder\nlicence: {ident}\n---\n\n"
            "# Comment faire\n\n## Ouvrir un local\n\nLa mairie prête une salle le mercredi.\n\n"
            "# Freins\n\n## Le froid\n\nUn réfrigérateur d’occasion a suffi.\n\n"
            "# Facilitations\n\n## Les producteurs\n\nTrois fermes livrent leurs invendus.\n\n"
            "# Conditions de reproductibilité\n\n## Une salle\n\nUn local chauffé, même petit.\n",
            encoding="utf-8")
    # The ND recipe was CC BY-SA 4.0 until its holders restricted it in version 2.0.0.
    troc = root / "recipes" / "troc-nd" / "recipe.md"
    final = troc.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 2.0.0")
    troc.write_text(final.replace(f"licence: {ND}", "licence: CC-BY-SA-4.0").replace("2.0.0", "1.0.0"),
                    encoding="utf-8")
    commit_all(root)
    troc.write_text(final, encoding="utf-8")
    GitRepo(root, init=False).commit("Troc de graines : licence ND", date="2026-11-25T10:00:00+01:00")
    result = mkdocs(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert "R090" in result.stderr  # said at INFO level: the build passes, the maintainer knows
    return root / "site"


class TestCombinedFiles:
    def test_json_csv_geojson_and_feed_leave_them_out(self, site: Path) -> None:
        """recettes.json lists them as excluded, with the reason; no record, row, feature or entry."""
        data = json.loads((site / "donnees/recettes.json").read_text(encoding="utf-8"))
        slugs = [r["slug"] for r in data["recipes"]]
        assert "compost-partage" in slugs
        assert not {"epicerie-nc", "troc-nd"} & set(slugs)
        assert {("epicerie-nc", NC), ("troc-nd", ND)} == {(e["slug"], e["licence"]) for e in data["excluded"]}
        assert "CC-BY-SA-4.0" == data["licence"]["id"]
        rows = list(csv.DictReader(io.StringIO((site / "donnees/recettes.csv").read_text(encoding="utf-8-sig"))))
        assert not {"epicerie-nc", "troc-nd"} & {row["slug"] for row in rows}
        features = json.loads((site / "donnees/recettes.geojson").read_text(encoding="utf-8"))["features"]
        assert all("epicerie" not in f["properties"]["slug"] for f in features)
        feed = feedparser.parse((site / "flux.atom").read_text(encoding="utf-8"))
        links = [entry.link for entry in feed.entries]
        assert any("compost-partage" in link for link in links)
        assert not any("epicerie-nc" in link or "troc-nd" in link for link in links)

    def test_data_page_names_them_with_their_terms(self, site: Path) -> None:
        html = (site / "donnees/index.html").read_text(encoding="utf-8")
        assert 'href="../recettes/epicerie-nc/"' in html and "Épicerie solidaire du bourg" in html
        assert "pas d’utilisation commerciale" in html and "pas de modification" in html
        assert "Recettes réunies dans ces fichiers&nbsp;: 2 sur 4 publiées dans le guide" in html


class TestStillOnTheSite:
    @pytest.mark.parametrize(("slug", "ident"), [("epicerie-nc", NC), ("troc-nd", ND)])
    def test_page_states_its_own_terms(self, site: Path, slug: str, ident: str) -> None:
        """The reuse block and the footer give the recipe's terms, not the site's licence."""
        html = (site / f"recettes/{slug}/index.html").read_text(encoding="utf-8")
        known = licence(ident)
        text = html.replace("&nbsp;", "\u00a0").replace("&rsquo;", "’")
        assert known.terms() in text
        assert known.footer() in text
        assert "CC BY-SA 4.0" not in text.split('class="md-copyright')[1]

    def test_an_older_version_states_the_terms_it_was_published_under(self, site: Path) -> None:
        """Version 1.0.0 of the ND recipe was CC BY-SA 4.0: its page says so, and only so."""
        html = (site / "recettes/troc-nd/v1.0.0/index.html").read_text(encoding="utf-8")
        text = html.replace("&nbsp;", "\u00a0").replace("&rsquo;", "’")
        assert licence("CC-BY-SA-4.0").terms() in text and licence("CC-BY-SA-4.0").footer() in text
        assert licence(ND).footer() not in text

    def test_the_map_keeps_them(self, site: Path) -> None:
        """The map is a page of the site: its own GeoJSON carries every published recipe, each
        with its licence."""
        carte = (site / "carte/index.html").read_text(encoding="utf-8")
        assert 'data-slug="epicerie-nc"' in carte and 'id="carte-donnees" href="recettes.geojson"' in carte
        features = json.loads((site / "carte/recettes.geojson").read_text(encoding="utf-8"))["features"]
        by_slug = {f["properties"]["slug"]: f["properties"]["licence"] for f in features}
        assert NC == by_slug["epicerie-nc"] and "CC-BY-SA-4.0" == by_slug["compost-partage"]
        assert carte.count("<li data-slug=") == len(features)
