"""The « Utilité sociale » page and ``donnees/utilite-sociale.json``: a real git repository in
tmp_path, a real ``mkdocs build --strict``, the built files read back."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.support.lineage import HOW_1_1, OBSTACLES, REPO, SITE, recipe_md

from ..conftest import GitRepo
from .conftest import mkdocs

pytestmark = pytest.mark.build


def _impact(*items: tuple[str, object, str | None, str | None, str | None]) -> str:
    lines = ["impact:"]
    for name, value, unit, date, source in items:
        lines += [f"  - name: {name}", f"    value: {json.dumps(value, ensure_ascii=False)}"]
        lines += [f"    unit: {unit}"] if unit else []
        lines += [f"    date: \"{date}\""] if date else []
        lines += [f"    source: \"{source}\""] if source else []
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("impact") / "repo"
    repo = GitRepo(root)
    for folder in ("schema", "ambassadors", "docs"):
        shutil.copytree(SITE / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    recipes = {
        "compost-brest": ("Compost à Brest", "brest", _impact(
            ("Déchets évités", 2, "tonnes par an", "2016", "Bilan 2016 du bailleur & de la *ville* [lien](x)"),
            ("Interventions", "une demi-douzaine", None, "2012", None))),
        "compost-plouarzel": ("Compost à Plouarzel", "plouarzel", _impact(
            ("déchets évités", 500, "kg/an", "2019", "Pesées de l’association"),
            ("Déchets évités", 3, "m3", None, None))),
        "compost-sans-chiffre": ("Compost sans chiffre", "brest", ""),
    }
    for slug, (title, place, extra) in recipes.items():
        repo.write(f"recipes/{slug}/recipe.md", recipe_md(title, "1.0.0", place, HOW_1_1, OBSTACLES, extra=extra))
    repo.commit("Trois composts", date="2026-01-10T10:00:00+01:00")
    result = mkdocs(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _text(part: str) -> str:
    """The words of a part of a page, tags left out, ASCII spaces folded (no-break ones kept)."""
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", "", part))


def _section(page: str) -> str:
    """The « Utilité sociale » section of a theme's or territory's page, entities as characters."""
    start = page.index('id="utilite-sociale"')
    end = page.find("<h2", start + 1)
    return html.unescape(page[start:end if end > 0 else page.index("</article>")])


def _read(site: Path, uri: str) -> str:
    return (site / uri / "index.html").read_text(encoding="utf-8")


class TestThemeAndTerritorySections:
    def test_theme_total_adds_agreeing_units_with_recipes_dates_and_sources(self, site: Path) -> None:
        """2 tonnes par an + 500 kg/an = 2 500 kg par an, from 2016 to 2019, each figure as written."""
        part = _section(_read(site, "thematiques/alimentation"))
        assert "Déchets évités\u00a0: 2\u202f500 kg par an — 2 recettes, de 2016 à 2019" in _text(part)
        assert ("Compost à Brest</a>\u00a0: 2 tonnes par an (2016, source\u00a0: Bilan 2016 du bailleur & de la "
                "*ville* [lien](x))") in part
        assert "Compost à Plouarzel</a>\u00a0: 500 kg/an (2019, source\u00a0: Pesées de l’association)" in part

    def test_what_cannot_be_added_is_listed_apart(self, site: Path) -> None:
        part = _section(_read(site, "thematiques/alimentation"))
        assert "«\u00a0une demi-douzaine\u00a0» (un texte, pas un nombre)" in part
        assert "mesuré en kg par an et m3, unités qui ne s’additionnent pas" in part
        assert "3 m3 — 1 recette (1 chiffre sans date)" in _text(part)

    def test_a_territory_counts_the_recipes_of_the_places_inside_it(self, site: Path) -> None:
        assert "2\u202f500 kg par an — 2 recettes" in _text(_section(_read(site, "territoires/pays-de-brest")))
        assert "2\u202f000 kg par an — 1 recette" in _text(_section(_read(site, "territoires/brest")))

    def test_contributed_text_is_escaped(self, site: Path) -> None:
        """Markdown in a source stays text: no emphasis, no link."""
        page = _read(site, "thematiques/alimentation")
        assert "de la *ville* [lien](x)" in page and "<em>ville</em>" not in page and 'href="x"' not in page


class TestSummaryPage:
    def test_one_line_a_total_linking_to_the_section(self, site: Path) -> None:
        page = _read(site, "utilite-sociale")
        text = _text(html.unescape(page))
        assert 'href="../thematiques/alimentation/#utilite-sociale"' in page
        assert 'href="../territoires/pays-de-brest/#utilite-sociale"' in page
        assert "Déchets évités\u00a0: 2\u202f500 kg par an — 2 recettes, de 2016 à 2019" in text
        assert "1 chiffre en texte, non additionné" in text
        assert "Pesées de l’association" not in text  # the figures are on the theme's page
        assert 'href="../donnees/utilite-sociale.json"' in page

class TestOpenData:
    def test_open_data_file(self, site: Path) -> None:
        """The same totals as JSON, valid against its published schema, with the collection's
        licence and each figure's recipe address, date and source."""
        data = json.loads((site / "donnees/utilite-sociale.json").read_text(encoding="utf-8"))
        schema = json.loads((site / "donnees/utilite-sociale.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
        assert data["$schema"].endswith("/donnees/utilite-sociale.schema.json") and "CC-BY-SA-4.0" == data["licence"]["id"]
        [theme] = [t for t in data["themes"] if t["id"] == "alimentation"]
        waste = next(t for t in theme["totals"] if t["unit"] == "kg par an")
        assert (2500.0, {"from": "2016", "to": "2019"}, 0) == (waste["total"], waste["period"], waste["undated"])
        assert ["compost-brest", "compost-plouarzel"] == [f["recipe"] for f in waste["figures"]]
        assert waste["figures"][0]["url"].endswith("/recettes/compost-brest/")
        assert ["une demi-douzaine"] == [f["value"] for f in theme["not_added"]]
        assert [{"name": "Déchets évités", "units": ["kg par an", "m3"]}] == theme["units_apart"]
