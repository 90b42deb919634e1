"""The writing workshop in a real browser (Chromium + Playwright), as ``make atelier`` runs it:
``decap-server`` on loopback writing into a copy of a small repository, ``mkdocs serve`` beside
it. The form is French, lists the recipes, refuses an empty required field in French, and
creates a recipe (holder, themes, sections, image) that validates and that the guide then shows."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from recettes.read.recipe_md import split_front_matter

from .conftest import REPO, commit_all

pytestmark = [pytest.mark.browser, pytest.mark.build]
DECAP_SERVER = REPO / ".cache" / "atelier" / "node_modules" / ".bin" / "decap-server"
ARTIFACTS = REPO / "test-artifacts" / "atelier"
RECIPES = {  # the recipes of the corpus that link to no other (so the copy validates on its own)
    "marrainage-femmes-migrantes": "Le marrainage des femmes migrantes",
    "reprise-en-scop": "La reprise d’une entreprise par ses salariés en SCOP",
}
ENGLISH = ["Log in", "Login", "Quick add", "Search all", "Sort by", "Filter by", "View as", "Publish",
           "Save", "Alt Text", "optional", "Rich Text", "Add ", "Choose an image", "Unsaved", "Delete",
           "Changes saved", "is required", "Contents", "Media"]
"""Decap's English, as it would show without its French."""
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082")
"""A 1 × 1 PNG, valid (``recettes validate`` decodes media: a broken checksum is refused)."""
BODY = """# Contexte

Des habitant·es voulaient réparer leurs vélos sans garage ni outils.

# Comment faire

## Trouver un local

Un garage prêté par la mairie, une soirée par semaine.

## Réunir des outils

Des dons d’outils, puis un petit budget pour les pièces.

# Freins

## Le local est petit

On range tout après chaque séance.

# Facilitations

## La mairie

Elle prête le local et l’assure.

# Conditions de reproductibilité

## Un local

Quelques mètres carrés près d’un point d’eau suffisent.
"""


@dataclass
class Atelier:
    root: Path
    url: str  # the guide, served by mkdocs serve

    @property
    def admin(self) -> str:
        return self.url + "admin/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, timeout: float = 60, data: bytes | None = None,
              process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline or (process is not None and process.poll() is not None):
                raise
            time.sleep(0.3)


def _served(url: str, *expected: str, timeout: float = 90) -> str:
    """The page at ``url`` once it holds every ``expected`` text (mkdocs serve rebuilds after a
    save: once for the recipe, once more for its image, which decap-server writes next)."""
    deadline = time.monotonic() + timeout
    html = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                html = response.read().decode()
        except OSError:
            html = ""
        if all(text in html for text in expected):
            return html
        time.sleep(0.5)
    raise AssertionError(f"{url} sans {expected} après {timeout} s")


@pytest.fixture(scope="module")
def atelier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Atelier]:
    """A two-recipe copy of the repository, decap-server and mkdocs serve on free loopback ports."""
    if not DECAP_SERVER.exists():
        pytest.skip("decap-server absent : lancez « make test » (ou « make atelier »)")
    root = tmp_path_factory.mktemp("atelier") / "depot"
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copytree(REPO / "ambassadors", root / "ambassadors")
    for slug in RECIPES:
        shutil.copytree(REPO / "recipes" / slug, root / "recipes" / slug)
    (root / "docs").mkdir()
    decap_port, serve_port = _free_port(), _free_port()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - recettes:\n" in config
    config = config.replace("  - recettes:\n", f"  - recettes:\n      cms_local_port: {decap_port}\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    commit_all(root)
    env = {**os.environ, "PORT": str(decap_port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(root),
           "LOG_LEVEL": "warn", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "tools")}
    logs = tmp_path_factory.mktemp("logs")
    with open(logs / "decap.log", "w") as decap_log, open(logs / "serve.log", "w") as serve_log:
        decap = subprocess.Popen([str(DECAP_SERVER)], cwd=root, env=env, stdout=decap_log, stderr=subprocess.STDOUT)
        serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{serve_port}"],
                                 cwd=root, env=env, stdout=serve_log, stderr=subprocess.STDOUT)
        try:
            _wait_for(f"http://127.0.0.1:{decap_port}/api/v1", data=b'{"action": "info"}', process=decap)
            _wait_for(f"http://127.0.0.1:{serve_port}/admin/config.yml", timeout=120, process=serve)
            yield Atelier(root, f"http://127.0.0.1:{serve_port}/")
        finally:
            for process in (serve, decap):
                process.terminate()
                process.wait(timeout=20)


@pytest.fixture
def page(chromium: Any, atelier: Atelier) -> Iterator[Any]:
    """A fresh browser page, logged in to the form (the local mode asks for no password)."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(atelier.admin)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Nouvelle recette").wait_for()
    yield page
    context.close()


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _english(text: str) -> list[str]:
    return sorted({word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}", text)})


def _new_recipe(page: Any, atelier: Atelier) -> None:
    page.goto(atelier.admin + "#/collections/recettes/new")
    page.get_by_label("Titre", exact=True).wait_for()


def _choose(page: Any, label: str, option: str) -> None:
    """Pick ``option`` in the select labelled ``label`` (react-select: open, then click)."""
    page.get_by_label(label, exact=True).last.click()
    page.locator("[class*=-option]", has_text=option).first.click()


def _insert_image_block(page: Any) -> None:
    """« + » then « Image ». The menu re-renders while it opens (its item detaches under the
    pointer): click the item where it is, and open the menu again if it closed."""
    choose = page.get_by_text("Choisir une image")
    for _ in range(10):
        if choose.count():
            return
        if not page.get_by_role("menuitem", name="Image").count():
            page.get_by_title("Ajouter un composant").click()
        page.evaluate("""() => { const item = [...document.querySelectorAll('[role=menuitem]')]
                                   .find(e => e.textContent.trim() === 'Image'); if (item) item.click(); }""")
        page.wait_for_timeout(300)
    choose.first.wait_for()


def _assert_valid(root: Path) -> None:
    """``recettes validate`` passes on the copy, as a contributor would run it."""
    checked = subprocess.run([sys.executable, "-m", "recettes", "validate"], cwd=root,
                             env={**os.environ, "PYTHONPATH": str(REPO / "tools")},
                             capture_output=True, text=True, timeout=120)
    assert 0 == checked.returncode, checked.stdout + checked.stderr


def _save(page: Any) -> None:
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_text("Publier maintenant").click()


class TestAtelier:
    def test_french_interface_and_recipe_list(self, atelier: Atelier, page: Any) -> None:
        """After « Se connecter »: the collections and every recipe.md of the copy, in French."""
        _shot(page, "recettes")
        text = page.inner_text("body")
        for word in ("Contenus", "Médias", "Recettes", "Ambassadeur·rices", "Nouvelle recette", "Trier par"):
            assert word in text, word
        for title in RECIPES.values():
            assert title in text, title
        assert [] == _english(text)
        assert "fr" == page.evaluate("document.documentElement.lang")

    def test_empty_required_field_is_refused_in_french(self, atelier: Atelier, page: Any) -> None:
        _new_recipe(page, atelier)
        page.get_by_label("Titre", exact=True).fill("Une recette sans lieu")
        _save(page)
        page.get_by_text("Un champ obligatoire est vide").wait_for()
        text = page.inner_text("body")
        for label in ("Lieu", "Thématiques"):
            assert f"Le champ «\u00a0{label}\u00a0» est obligatoire.".upper() in text.upper(), label
        _shot(page, "champ-obligatoire")
        assert not (atelier.root / "recipes" / "une-recette-sans-lieu").exists()

    def test_create_a_recipe_that_validates_and_is_published(self, atelier: Atelier, page: Any) -> None:
        """Title, summary, territory, two themes, a holder among the ambassadors, every section,
        an uploaded image: recipes/<slug>/recipe.md and its image, valid, shown by the guide."""
        _new_recipe(page, atelier)
        page.get_by_label("Titre", exact=True).fill("Un atelier vélo à Plouarzel")
        page.get_by_label("Résumé").fill("Un atelier où les habitant·es réparent leurs vélos ensemble, "
                                         "une fois par semaine.")
        page.get_by_label("Version", exact=True).fill("1.0.0")
        _choose(page, "État", "Publiée")
        place = page.get_by_label("Lieu", exact=True)
        place.fill("saint-denis")  # any commune of France, homonyms told apart by their département
        page.locator("button.territoire-choix", has_text="Saint-Denis (commune, La Réunion)").wait_for()
        assert 4 <= page.locator("button.territoire-choix", has_text="Saint-Denis (commune").count()
        place.fill("Plouarz")  # the vocabulary's own entry keeps its readable id
        page.locator("button.territoire-choix", has_text="Plouarzel").first.click()
        assert "Plouarzel (commune, Finistère)" == place.input_value()
        _choose(page, "Thématiques", "Mobilité")
        _choose(page, "Thématiques", "Solidarité")
        page.get_by_role("button", name="Ajouter : personne").click()
        _choose(page, "Fiche", "Animacoop")
        started = page.get_by_label("Année de démarrage")  # typed then cleared: not written as ""
        started.fill("2015")
        started.fill("")
        # The image first, through the form's image block and its media library (the block goes
        # where Slate keeps the cursor, often the top of the text) ...
        page.locator("[contenteditable=true]").last.click()
        _insert_image_block(page)
        page.get_by_text("Choisir une image").last.click()
        upload = atelier.root.parent / "velo.png"
        upload.write_bytes(PNG)
        page.locator("input[type=file]").last.set_input_files(str(upload))
        page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
        page.get_by_label("Description de l’image").fill("Un vélo retourné sur l’établi")
        # ... then the whole text in Markdown, the image in the last item.
        page.get_by_role("switch").click()
        editor = page.locator("[contenteditable=true]").last
        assert "![Un vélo retourné sur l’établi](media/velo.png)" in editor.inner_text()
        editor.click()
        page.keyboard.press("Control+Home")
        page.keyboard.press("Control+Shift+End")
        page.keyboard.press("Backspace")
        page.keyboard.insert_text(BODY + "\n![Un vélo retourné sur l’établi](media/velo.png)\n")
        # The image's credit (it is not covered by the recipe's licence): the image chosen
        # again in the media library, its author and its licence.
        page.get_by_role("button", name="Ajouter : image").click()
        page.get_by_text("Choisir une image").first.click()
        page.get_by_text("velo.png").last.click()
        page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
        page.get_by_label("Autrice ou auteur de l’image").fill("Atelier vélo & co")
        _choose(page, "Licence de l’image", "CC BY 4.0")
        _shot(page, "nouvelle-recette")
        assert [] == _english(page.inner_text("body"))
        preview = page.frame_locator("iframe").first.locator("body")
        assert "Un atelier vélo à Plouarzel" in preview.inner_text() and "published" not in preview.inner_text()
        page.evaluate("window.pasRechargee = true")  # mkdocs serve's live reload must not fire here
        _save(page)
        page.get_by_text("Enregistré", exact=True).wait_for()

        folder = atelier.root / "recipes" / "un-atelier-velo-a-plouarzel"
        text = (folder / "recipe.md").read_text(encoding="utf-8")
        assert PNG == (folder / "media" / "velo.png").read_bytes()
        front = split_front_matter(text)
        assert front is not None and front.closed
        meta = yaml.safe_load(front.text)
        assert {"schema_version": 1, "title": "Un atelier vélo à Plouarzel", "version": "1.0.0",
                "status": "published", "territory": {"place": "plouarzel"}, "themes": ["mobilite", "solidarite"],
                "holders": [{"id": "animacoop"}], "licence": "CC-BY-SA-4.0",
                "media": [{"file": "media/velo.png", "author": "Atelier vélo & co", "licence": "CC-BY-4.0"}]} == {
            k: v for k, v in meta.items() if k != "summary"}
        assert front.body.rstrip().endswith("suffisent.\n\n![Un vélo retourné sur l’établi](media/velo.png)")
        assert re.findall(r"^# (.+)$", front.body, flags=re.MULTILINE) == [
            "Contexte", "Comment faire", "Freins", "Facilitations", "Conditions de reproductibilité"]
        _assert_valid(atelier.root)
        html = _served(atelier.url + "recettes/un-atelier-velo-a-plouarzel/", "Un atelier vélo à Plouarzel",
                       'src="media/velo.png"')
        assert "Animacoop" in html and "Un vélo retourné sur l’établi" in html
        assert page.evaluate("window.pasRechargee === true"), "the form reloaded after the rebuild"

    def test_a_reproduction_report_is_filed_with_its_recipe(self, atelier: Atelier, page: Any) -> None:
        """« Reproductions »: the reports only (no recipe.md listed), and a new one written in the
        folder of the recipe chosen, valid, shown on the recipe's page (« Reproduite à »)."""
        page.goto(atelier.admin + "#/collections/reproductions")
        page.get_by_text("Nouvelle reproduction").wait_for()
        listed = page.inner_text("body")
        assert not [title for title in RECIPES.values() if title in listed]
        page.get_by_text("Nouvelle reproduction").click()
        page.get_by_label("Titre", exact=True).wait_for()
        _choose(page, "Recette reproduite", RECIPES["marrainage-femmes-migrantes"])
        page.get_by_label("Titre", exact=True).fill("Marrainage à Lannion")
        page.get_by_label("Ou une organisation, sans fiche").fill("Voisines de Lannion")
        place = page.get_by_label("Lieu", exact=True)
        place.fill("Lannion")
        page.locator("button.territoire-choix", has_text="Lannion (commune").first.click()
        page.get_by_label("Date", exact=True).fill("2025-03")
        page.get_by_label("Version de la recette suivie").fill("1.0.2")
        page.get_by_label("Résultat").fill("Douze binômes formés la première année.")
        _shot(page, "nouvelle-reproduction")
        assert [] == _english(page.inner_text("body"))
        _save(page)
        page.get_by_text("Enregistré", exact=True).wait_for()

        path = atelier.root / "recipes" / "marrainage-femmes-migrantes" / "reproductions" / "marrainage-a-lannion.md"
        front = split_front_matter(path.read_text(encoding="utf-8"))
        assert front is not None and front.closed
        assert {"schema_version": 1, "report": "reproduction", "recipe": "marrainage-femmes-migrantes",
                "title": "Marrainage à Lannion", "organisation": "Voisines de Lannion",
                "territory": {"place": "commune:22113"}, "date": "2025-03", "version": "1.0.2",
                "outcome": "Douze binômes formés la première année."} == yaml.safe_load(front.text)
        _assert_valid(atelier.root)
        html = _served(atelier.url + "recettes/marrainage-femmes-migrantes/", "Reproduite à",
                       'id="reproduction-marrainage-a-lannion"')
        assert "Marrainage à Lannion" in html

    def test_editing_a_summary_changes_only_its_lines(self, atelier: Atelier, page: Any) -> None:
        """Everything else in the file stays byte for byte: comments, flow lists, folded text, body."""
        path = atelier.root / "recipes" / "reprise-en-scop" / "recipe.md"
        before = path.read_text(encoding="utf-8")
        page.goto(atelier.admin + "#/collections/recettes/entries/reprise-en-scop/recipe")
        summary = page.get_by_label("Résumé")
        summary.wait_for()
        summary.fill(summary.input_value() + " Et on danse.")
        _save(page)
        page.get_by_text("Enregistré", exact=True).wait_for()
        after = path.read_text(encoding="utf-8")
        assert _without("summary", before) == _without("summary", after)
        old, new = (yaml.safe_load(split_front_matter(t).text)["summary"] for t in (before, after))  # type: ignore[union-attr]
        assert old + " Et on danse." == new


def _without(key: str, text: str) -> str:
    """``text`` without the lines of its front matter's top-level ``key``."""
    lines, out, inside = text.split("\n"), [], False
    for line in lines:
        if line.startswith(f"{key}:"):
            inside = True
            continue
        if inside and line.startswith((" ", "\t")):
            continue
        inside = False
        out.append(line)
    return "\n".join(out)
