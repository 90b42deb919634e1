"""RecettesPlugin: real ``mkdocs build`` runs of fixture repositories (slow: marked ``build``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.linkcheck import check_site

from ..conftest import RunLine
from .conftest import mkdocs
from .scan import scan

pytestmark = pytest.mark.build


class TestStrictBuild:
    def test_pages_exist_at_stable_addresses(self, built_fixture: Path) -> None:
        """Recipes, ambassadors, themes, territories, indexes and hand-written pages are built."""
        for page in ["index.html", "recettes/index.html", "recettes/compost-partage/index.html",
                     "ambassadeurs/marie-le-gall/index.html", "thematiques/alimentation/index.html",
                     "territoires/pays-de-brest/index.html", "territoires/index.html", "a-propos/index.html"]:
            assert (built_fixture / page).is_file(), page
        assert not (built_fixture / "recettes" / "brouillon-velo").exists()

    def test_recipe_page(self, built_fixture: Path) -> None:
        """Fixed section anchors, numbered steps, cross links, media, attribution and edit link."""
        html = (built_fixture / "recettes/compost-partage/index.html").read_text()
        for anchor in ["comment-faire", "freins", "facilitations", "conditions-de-reproductibilite", "reutiliser"]:
            assert f'id="{anchor}"' in html
        assert "1. Réunir les voisin·es" in html
        assert 'href="../compost-rural/"' in html
        assert 'href="../../ambassadeurs/marie-le-gall/"' in html
        assert 'src="media/composteur.png"' in html
        assert (built_fixture / "recettes/compost-partage/media/composteur.png").is_file()
        assert "«&nbsp;Compost partagé en pied d'immeuble&nbsp;», recette portée par Marie Le Gall, version 1.2.0, Recettes libres, " \
               "https://recettes-libres.example.org/recettes/compost-partage/v1.2.0/ (dernière version&nbsp;: " \
               "https://recettes-libres.example.org/recettes/compost-partage/), licence CC BY-SA 4.0" in html
        assert "edit/main/recipes/compost-partage/recipe.yml" in html  # a five-file recipe: its metadata file

    def test_json_ld(self, built_fixture: Path) -> None:
        """A parsable schema.org HowTo with steps, licence, origin and place; no author, since the
        recipe does not say who wrote it (its holders carry the project, they are not its authors)."""
        [data] = scan(built_fixture / "recettes/compost-rural/index.html").json_ld()
        assert "HowTo" == data["@type"]
        assert "https://creativecommons.org/licenses/by-sa/4.0/" == data["license"]
        assert "https://recettes-libres.example.org/recettes/compost-partage/" == data["isBasedOn"]
        assert "Plouarzel" == data["spatialCoverage"]["name"]  # type: ignore[index]
        assert "author" not in data
        assert 1 == len(data["step"])  # type: ignore[arg-type]

    def test_ambassador_page(self, built_fixture: Path) -> None:
        """Recipes carried with roles; contact shown only with consent."""
        html = (built_fixture / "ambassadeurs/marie-le-gall/index.html").read_text()
        assert "Compost partagé au bourg</a> — Ambassadeur·rice" in html
        assert "mailto:marie@example.org" in html
        atelier = (built_fixture / "ambassadeurs/atelier-velo/index.html").read_text()
        assert "mailto:" not in atelier and "Courriel" not in atelier
        assert "Ses coordonnées ne sont pas publiées" in atelier

    def test_navigation_lists_index_pages_only(self, built_fixture: Path) -> None:
        """The sidebar never lists recipes one by one."""
        html = (built_fixture / "a-propos/index.html").read_text()
        nav = html[html.index("md-nav--primary"):html.index("</nav>", html.index("md-nav--primary"))]
        assert "Ambassadeur·rices" in nav and "Territoires" in nav
        assert "compost-partage" not in nav

    def test_no_broken_internal_link(self, built_fixture: Path) -> None:
        """Every internal link and asset of the site resolves."""
        assert [] == [str(b) for b in check_site(built_fixture)]

    def test_open_data_feed_and_map_are_published(self, built_fixture: Path) -> None:
        """The site carries donnees/ (JSON, CSV, GeoJSON, schema), the Atom feed, the map page and
        a feed link in every page's head."""
        import json

        data = json.loads((built_fixture / "donnees/recettes.json").read_text(encoding="utf-8"))
        slugs = {record["slug"] for record in data["recipes"]}
        assert "compost-partage" in slugs
        assert data["count"] == len(data["recipes"])
        geojson = json.loads((built_fixture / "donnees/recettes.geojson").read_text(encoding="utf-8"))
        assert "FeatureCollection" == geojson["type"]
        assert (built_fixture / "donnees/recettes.csv").read_bytes().startswith("\ufeffslug".encode())
        assert (built_fixture / "donnees/recettes.schema.json").is_file()
        assert "<feed" in (built_fixture / "flux.atom").read_text(encoding="utf-8")
        carte = (built_fixture / "carte/index.html").read_text(encoding="utf-8")
        assert 'id="carte-recettes"' in carte and 'id="carte-thematique"' in carte
        assert carte.count("<li data-slug=") == len(geojson["features"])
        home = (built_fixture / "index.html").read_text(encoding="utf-8")
        assert '<link rel="alternate" type="application/atom+xml"' in home
        assert 'href="flux.atom"' in home


class TestStockBuild:
    def test_generated_tree_builds_without_our_plugin(self, fixture_repo: Path, run_line: RunLine) -> None:
        """``recettes generate`` then stock mkdocs-material (search, tags only) builds strictly."""
        run_line("generate", "--root", str(fixture_repo))
        config = fixture_repo / "build/handbook/mkdocs.yml"
        assert "recettes" not in config.read_text().split("plugins:")[1]
        built = mkdocs(fixture_repo, "--strict", config=str(config))
        assert 0 == built.returncode, built.stderr
        site = fixture_repo / "build/handbook/site"
        assert (site / "recettes/compost-partage/index.html").is_file()
        for published in ("donnees/recettes.json", "flux.atom", "carte/index.html", "assets/carte/carte.js",
                          "assets/carte/leaflet/leaflet.js"):
            assert (site / published).is_file(), published


class TestStrictFailure:
    def test_broken_recipe_fails_with_located_message(self, fixture_repo: Path) -> None:
        """--strict fails with the same located message as ``recettes validate``; site/ is kept."""
        assert 0 == mkdocs(fixture_repo, "--strict").returncode
        before = (fixture_repo / "site/index.html").read_text()
        how_to = fixture_repo / "recipes/compost-rural/how-to.md"
        how_to.write_text(how_to.read_text() + "\nVoir [la recette](recette:compost-partag).\n")
        result = mkdocs(fixture_repo, "--strict")
        assert 0 != result.returncode
        assert "recipes/compost-rural/how-to.md:5:6: R044 la recette « compost-partag » n’existe pas" in result.stderr
        assert before == (fixture_repo / "site/index.html").read_text()
        assert not list(fixture_repo.glob("site.recettes-*"))


INJECTIONS = """Intro <script>alert('intro')</script> et <img src=x onerror="alert(1)">.

## Étape <img src=y onerror=alert(2)> {: onclick="alert(3)" }

[clic](javascript:alert(4)) et <a href="javascript:alert(5)">lien</a>.

<style>body { display: none }</style>
<iframe src="https://evil.example/"></iframe>
<form action="https://evil.example/"><input name="p"></form>

Paragraphe {: onmouseover="alert(6)" }

## Deuxième</h3><script>alert(7)</script>

Texte.
"""


class TestInjection:
    def test_no_executable_markup_anywhere(self, fixture_repo: Path) -> None:
        """Script in sections, titles and names never reaches the built HTML."""
        recipe = fixture_repo / "recipes/compost-partage"
        (recipe / "how-to.md").write_text(INJECTIONS)
        meta = recipe / "recipe.yml"
        meta.write_text(meta.read_text().replace(
            "title: Compost partagé en pied d'immeuble",
            "title: \"Compost</title><script>alert(8)</script> &lt;script&gt;alert(9)&lt;/script&gt;\""))
        person = fixture_repo / "ambassadors/marie-le-gall.yml"
        person.write_text(person.read_text().replace(
            "name: Marie Le Gall", "name: \"Marie <img src=z onerror=alert(10)> Le Gall\""))
        result = mkdocs(fixture_repo)
        assert 0 == result.returncode, result.stderr
        assert "R033" in result.stderr
        pages = list((fixture_repo / "site").rglob("*.html"))
        assert len(pages) > 10
        for page in pages:
            found = scan(page)
            assert [] == found.problems, page
            assert [] == found.foreign_scripts(), page
            assert "<script" not in found.title.lower(), page
        html = (fixture_repo / "site/recettes/compost-partage/index.html").read_text()
        assert re.search(r"&lt;script&gt;alert\(&#x?27;?'?intro", html) or "&lt;script&gt;" in html
        assert "alert(8)" in scan(fixture_repo / "site/recettes/compost-partage/index.html").title


def test_template_cache_compiles_once_and_follows_edits(tmp_path: Path) -> None:
    """Two environments (two rebuilds of a preview) share compiled templates; an edited template
    is compiled again, never served stale."""
    import jinja2
    import jinja2.bccache

    from recettes.site.plugin import TemplateCache

    class Counting(TemplateCache):
        compilations = 0

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:  # called after each compilation
            Counting.compilations += 1
            super().dump_bytecode(bucket)

    cache = Counting()
    (tmp_path / "page.html").write_text("Bonjour {{ nom }}", encoding="utf-8")

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
        return env.get_template("page.html").render(nom="Anne")

    assert "Bonjour Anne" == render()
    assert "Bonjour Anne" == render()
    assert 1 == Counting.compilations  # the second environment loaded it
    (tmp_path / "page.html").write_text("Au revoir {{ nom }}", encoding="utf-8")
    assert "Au revoir Anne" == render()
    assert 2 == Counting.compilations
