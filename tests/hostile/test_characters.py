"""Class 5 of issue 12: invisible and control characters, NFC, homoglyphs, reserved names and
names of generated pages.

Each case writes its own hostile input into a real repository and runs ``recettes validate``
(exit code, code, ``path:line:column``, French message); the publishing cases build one site
holding all of them and scan it (``assert_site_safe``), the Atom feed parsed as XML.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from recettes.core.addresses import AMBASSADORS, GENERATED_NAMES, RECIPES, THEMES
from recettes.read.load import load_repository

from ..conftest import RunLine
from .recipes import build_site, located, problems, recipe_md, site_recipe, write
from .site import assert_site_safe

RECIPE = "recipes/essai/recipe.md"


def validate(repo: Path, run_line: RunLine, code: int) -> list[dict[str, object]]:
    return problems(run_line("validate", "--root", str(repo), "--format", "json", code=code).stdout)


class TestInvisibleCharacters:
    @pytest.mark.parametrize(("where", "char", "name", "line", "column"), [
        ("title", "\u202e", "U+202E\u00a0«\u00a0RIGHT-TO-LEFT OVERRIDE\u00a0»", 4, 21),
        ("title", "\u2066", "U+2066\u00a0«\u00a0LEFT-TO-RIGHT ISOLATE\u00a0»", 4, 21),
        ("summary", "\u200b", "U+200B\u00a0«\u00a0ZERO WIDTH SPACE\u00a0»", 5, 24),
        ("summary", "\x07", "U+0007\u00a0«\u00a0BELL\u00a0»", 5, 24),
    ])
    def test_metadata_character_is_refused_at_its_place(self, base_repo: Path, run_line: RunLine, where: str,
                                                        char: str, name: str, line: int, column: int) -> None:
        value = {"title": f"Jardin partag{char}é", "summary": f"Une recette fi{char}ctive pour les essais."}[where]
        write(base_repo, {RECIPE: recipe_md({where: value})})
        found = validate(base_repo, run_line, 1)
        assert [f"{RECIPE}:{line}:{column} caractère invisible {name} refusé"] == located(found, "R120")

    @pytest.mark.parametrize(("char", "name"), [
        ("\x00", "U+0000\u00a0«\u00a0NULL\u00a0»"),
        ("\u0085", "U+0085\u00a0«\u00a0NEXT LINE\u00a0»"),
        ("\u2067", "U+2067\u00a0«\u00a0RIGHT-TO-LEFT ISOLATE\u00a0»"),
        ("\ufeff", "U+FEFF\u00a0«\u00a0ZERO WIDTH NO-BREAK SPACE\u00a0»"),
    ])
    def test_markdown_section_character_is_refused(self, base_repo: Path, run_line: RunLine, char: str,
                                                   name: str) -> None:
        text = recipe_md(body=f"## Ajout\n\nDu texte{char} caché.")
        write(base_repo, {RECIPE: text})
        line = text.split("\n").index(f"Du texte{char} caché.") + 1
        found = validate(base_repo, run_line, 1)
        assert [f"{RECIPE}:{line}:9 caractère invisible {name} refusé"] == located(found, "R120")

    def test_ambassador_file_and_many_characters(self, base_repo: Path, run_line: RunLine) -> None:
        """Every character is reported up to ten, then the count of the others."""
        bio = "".join(f"a\u200d{i}" for i in range(14))
        write(base_repo, {"ambassadors/marie-exemple.yml": (base_repo / "ambassadors/marie-exemple.yml").read_text(
            encoding="utf-8").replace("bio: Personne", f"bio: {bio} Personne")})
        found = located(validate(base_repo, run_line, 1), "R120")
        assert 11 == len(found)
        assert found[0].startswith("ambassadors/marie-exemple.yml:7:7 caractère invisible U+200D")
        assert found[-1].endswith(" et 4 autres caractères invisibles dans ce fichier")

    def test_emoji_sequences_keep_their_joiner(self, base_repo: Path, run_line: RunLine) -> None:
        """👩‍🌾 is written with a zero-width joiner: not refused."""
        write(base_repo, {RECIPE: recipe_md({"title": "Jardin des 👩\u200d🌾 et 🧑\u200d🍳"})})
        assert [] == located(validate(base_repo, run_line, 0), "R120")


class TestNormalisation:
    def test_text_is_nfc_once_loaded(self, base_repo: Path) -> None:
        """A title and a section typed decomposed (e + U+0301) are read composed."""
        nfd = unicodedata.normalize("NFD", "Jardin partagé à Pléhédel")
        write(base_repo, {RECIPE: recipe_md({"title": nfd}, body=f"## {nfd}\n\nTexte {nfd}.")})
        entry = load_repository(base_repo).recipes["essai"]
        assert entry.meta is not None
        assert unicodedata.normalize("NFC", nfd) == entry.meta.title != nfd
        titles = [item.title for item in entry.sections["how-to"].items]
        assert unicodedata.normalize("NFC", nfd) in titles

    def test_nfd_and_nfc_slugs_are_one_name(self, base_repo: Path, run_line: RunLine) -> None:
        write(base_repo, {"recipes/caf\u00e9/recipe.md": recipe_md(), "recipes/cafe\u0301/recipe.md": recipe_md()})
        found = validate(base_repo, run_line, 1)
        assert 2 == len(located(found, "R021"))

    def test_ambassador_name_nfc(self, base_repo: Path) -> None:
        path = base_repo / "ambassadors/marie-exemple.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("Marie Exemple", "Ame\u0301lie Exemple"),
                        encoding="utf-8")
        entry = load_repository(base_repo).ambassadors["marie-exemple"]
        assert entry.meta is not None and "Amélie Exemple" == entry.meta.name


class TestHomoglyphs:
    @pytest.mark.parametrize(("title", "word", "scripts"), [
        ("\u0421ompost partagé", "\u0421ompost", "latines et cyrilliques"),
        ("Jardin p\u0430rtagé", "p\u0430rtagé", "latines et cyrilliques"),
        ("Atelier \u03bfuvert", "\u03bfuvert", "latines et grecques"),
    ])
    def test_mixed_script_title_is_a_warning(self, base_repo: Path, run_line: RunLine, title: str, word: str,
                                             scripts: str) -> None:
        write(base_repo, {RECIPE: recipe_md({"title": title})})
        found = validate(base_repo, run_line, 0)
        assert [f"{RECIPE}:4:8 le mot « {word} » de « title » mêle des lettres {scripts}"] == located(found, "R121")

    def test_item_title_and_ambassador_name(self, base_repo: Path, run_line: RunLine) -> None:
        text = recipe_md(body="## \u0420\u0435pair\n\nTexte.")
        write(base_repo, {RECIPE: text})
        path = base_repo / "ambassadors/marie-exemple.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("Marie", "M\u0430rie"), encoding="utf-8")
        found = located(validate(base_repo, run_line, 0), "R121")
        line = text.splitlines().index("## \u0420\u0435pair") + 1
        assert ["ambassadors/marie-exemple.yml:3:7 le mot « M\u0430rie » de « name » mêle des lettres latines et cyrilliques",
                f"{RECIPE}:{line}:1 le mot « \u0420\u0435pair » de titre « \u0420\u0435pair » mêle des lettres "
                "latines et cyrilliques"] == sorted(found)

    def test_one_script_words_pass(self, base_repo: Path, run_line: RunLine) -> None:
        write(base_repo, {RECIPE: recipe_md({"title": "Москва, λόγος et café"})})
        assert [] == located(validate(base_repo, run_line, 0), "R121")


class TestReservedNames:
    @pytest.mark.parametrize(("files", "expected"), [
        ({"recipes/con/recipe.md": recipe_md()}, "recipes/con:1:1 « con » est un nom réservé par Windows"),
        ({"recipes/lpt9/recipe.md": recipe_md()}, "recipes/lpt9:1:1 « lpt9 » est un nom réservé par Windows"),
        ({"ambassadors/aux.yml": "schema_version: 1\nname: Aux\nkind: person\n"},
         "ambassadors/aux.yml:1:1 « aux » est un nom réservé par Windows"),
        ({RECIPE: recipe_md(), "recipes/essai/media/NUL.jpg": b"x"},
         "recipes/essai/media/NUL.jpg:1:1 le nom de fichier « NUL.jpg » est réservé par Windows"),
        ({RECIPE: recipe_md(), "recipes/essai/media/com1.tar.gz": b"x"},
         "recipes/essai/media/com1.tar.gz:1:1 le nom de fichier « com1.tar.gz » est réservé par Windows"),
    ])
    def test_windows_device_names_are_refused(self, base_repo: Path, run_line: RunLine,
                                              files: dict[str, str | bytes], expected: str) -> None:
        write(base_repo, files)
        assert [expected] == located(validate(base_repo, run_line, 1), "R122")

    def test_console_is_no_device(self, base_repo: Path, run_line: RunLine) -> None:
        write(base_repo, {"recipes/console/recipe.md": recipe_md(), "recipes/com10/recipe.md": recipe_md()})
        assert [] == located(validate(base_repo, run_line, 0), "R122")


class TestGeneratedNames:
    @pytest.mark.parametrize(("files", "expected"), [
        ({"ambassadors/index.yml": "schema_version: 1\nname: Index\nkind: person\n"},
         "ambassadors/index.yml:1:1 « index » remplacerait la page ambassadeurs/index que le guide crée lui-même"),
        ({"ambassadors/photos.yml": "schema_version: 1\nname: Photos\nkind: person\n"},
         "ambassadors/photos.yml:1:1 « photos » remplacerait la page ambassadeurs/photos que le guide crée lui-même"),
        ({"recipes/index/recipe.md": recipe_md()},
         "recipes/index:1:1 « index » remplacerait la page recettes/index que le guide crée lui-même"),
    ])
    def test_contributed_name_of_a_generated_page(self, base_repo: Path, run_line: RunLine,
                                                  files: dict[str, str], expected: str) -> None:
        write(base_repo, files)
        assert [expected] == located(validate(base_repo, run_line, 1), "R127")

    def test_vocabulary_id_of_a_generated_page(self, base_repo: Path, run_line: RunLine) -> None:
        path = base_repo / "schema/vocabularies/themes.yml"
        path.write_text(path.read_text(encoding="utf-8") + "- id: index\n  label: Index\n", encoding="utf-8")
        found = located(validate(base_repo, run_line, 1), "R127")
        assert 1 == len(found) and found[0].startswith("schema/vocabularies/themes.yml:")
        assert "la page thematiques/index que le guide crée lui-même" in found[0]


# Looked for in what the site writes from contributions (pages, feed, open data): the site's own
# third-party files (the web form's bundle, fonts, WebAssembly) hold such characters legitimately.
HIDDEN = ("\u202e", "\u200b", "\u2066", "\x00", "\x07", "\x1b")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One site with every kind of invisible character, an NFD title and a homoglyph."""
    nfd = unicodedata.normalize("NFD", "Récolte d’été à Plouarzel")
    return build_site(tmp_path_factory.mktemp("characters") / "repo", {
        "recipes/cache-cache/recipe.md": site_recipe(
            {"title": "Caché\u202e\u2066 partout", "summary": "Un résumé\u200b avec\x07 des pièges invisibles."},
            body="## Élément\x00 piégé\n\nTexte\u200b caché\u202e et \x1b[31m séquence."),
        "recipes/recolte/recipe.md": site_recipe({"title": nfd, "summary": "Récolte partagée, \u0421ompost compris."}),
        "ambassadors/invisible.yml": "schema_version: 1\nname: Jeanne\u202e Martin\u200b\nkind: person\n"
                                     "bio: Bio\x00 cachée.\n",
    })


@pytest.mark.build
class TestPublished:
    def test_no_invisible_character_is_published(self, site: Path) -> None:
        assert_site_safe(site)
        texts = [p for p in site.rglob("*") if p.suffix in {".html", ".xml", ".atom", ".json", ".csv", ".geojson"}
                 and not {"admin", "assets"} & set(p.relative_to(site).parts)]
        assert len(texts) > 20
        assert [] == [f"{p}: {c!r}" for p in texts for c in HIDDEN if c in p.read_text(encoding="utf-8")]

    def test_feed_is_well_formed_xml(self, site: Path) -> None:
        feed = ET.parse(site / "flux.atom").getroot()
        titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
        assert "Caché partout" in titles

    def test_nfd_title_is_published_composed(self, site: Path) -> None:
        page = (site / "recettes" / "recolte" / "index.html").read_text(encoding="utf-8")
        assert "Récolte d’été à Plouarzel" in page
        assert unicodedata.normalize("NFD", "Récolte") not in page

    def test_generated_names_are_the_ones_the_site_writes(self, site: Path) -> None:
        """``GENERATED_NAMES`` lists every name the site itself takes in a folder of item pages."""
        items = {RECIPES: {p.name for p in (site.parent / "recipes").iterdir()},
                 AMBASSADORS: {p.stem for p in (site.parent / "ambassadors").glob("*.yml")},
                 THEMES: {"alimentation", "economie-circulaire", "habitat", "mobilite"}}
        for folder, contributed in items.items():
            written = {p.name.removesuffix(".html") for p in (site / folder).iterdir()}
            assert written - contributed <= GENERATED_NAMES[folder], folder
            assert "index" in written
