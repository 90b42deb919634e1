"""Hostile inputs of issue 12, classes 2 (hand-written pages), 3 (the build configuration),
4 (theme classes and ids) and 18 (licences).

Each class: located French problems from ``recettes validate`` (code, file:line, exit status)
and, where something is published, one built site holding every hostile input of the module
(``hostile_site``, built once), scanned with ``assert_site_safe``.
"""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from recettes.core.licences import LICENCES, licence
from recettes.core.markup import (
    ALLOWED_CLASSES,
    allowed_class,
    fence_options,
    safe_admonition,
    safe_classes,
    safe_id,
)
from recettes.site.sanitize import sanitize

from ..conftest import RunLine, invoke, make_repo
from ..site.conftest import FIXTURE, REPO, commit_all, mkdocs
from .site import assert_site_safe, outside_secret

# Hand-written page: script in the title, the description, a tag and the body; a handler; a
# javascript: link; a template key; theme classes and ids through every route.
TRAPPED_PAGE = """\
---
title: </title><script>alert("h12b-titre")</script>
description: '"><script>alert("h12b-description")</script>'
tags:
  - <img src=x onerror=alert("h12b-etiquette")>
template: ../../../secret.html
---

# Une page piégée

<script>alert("h12b-corps")</script>

<img src="x" onerror="alert('h12b-gestionnaire')">

[Cliquez ici](javascript:alert("h12b-lien"))

Un paragraphe restylé.
{: .md-header #__proto__ }

!!! md-header "Encadré"

    Texte de l’encadré.

```{.python .md-typeset #__search}
print("bonjour")
```

## md-sidebar
"""

RECIPE_HEAD = """\
---
schema_version: 1
title: {title}
summary: Une recette des essais hostiles, assez longue pour être valide.
version: 1.0.0
status: published
started: 2012
territory:
  place: brest
themes: [alimentation]
holders:
  - id: marie-le-gall
    role: holder
{licence}---
"""
SECTIONS = """
# Comment faire

## Réunir les voisin·es

Une soirée au pied de l’immeuble.

# Freins

## Les odeurs

Un bon équilibre de matières sèches.

# Facilitations

## Le bailleur

Il prête le terrain.

# Conditions de reproductibilité

## Un espace vert

Quelques mètres carrés.
"""
# Theme classes and ids in a recipe's sections (class 4).
MARKUP_SECTIONS = SECTIONS.replace("Une soirée au pied de l’immeuble.\n", """\
Une soirée au pied de l’immeuble.
{: .md-header #__drawer }

!!! md-nav inline end "Attention"

    Un encadré qui voudrait prendre la place du menu.

```{.md-search #__proto__}
bac = 1
```

## __palette

Le titre de cet élément donnerait l’identifiant d’un élément du thème.
""")
FORBIDDEN = ("<script>alert", "<img src=x onerror", "<img src=\"x\" onerror", "javascript:alert")


def line_of(text: str, needle: str) -> int:
    """The 1-based line of ``text`` where ``needle`` first appears."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


def recipe(title: str, licence_line: str, sections: str = SECTIONS) -> str:
    return RECIPE_HEAD.format(title=title, licence=licence_line) + sections


def write(root: Path, path: str, text: str | bytes) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return target


def png_bytes() -> bytes:
    """A real 4×3 PNG image (docs/ images are judged by Pillow, as media are)."""
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(out, "PNG")
    return out.getvalue()


HOSTILE_FILES: dict[str, str | bytes] = {
    "docs/titre-piege.md": TRAPPED_PAGE,
    # MultiMarkdown meta: without a YAML front matter, MkDocs reads « key: value » first lines as meta
    "docs/meta-multimarkdown.md": 'title: </title><script>alert("h12b-mmd")</script>\n\nUn texte.\n',
    "docs/piege.html": "<script>alert('h12b-html')</script>\n",
    "docs/fausse-image.png": b"<html><script>alert('h12b-png')</script></html>\n",
    "docs/images/vraie.png": png_bytes(),
    "recipes/classes-piegees/recipe.md": recipe("Classes piégées", "licence: CC-BY-4.0\n", MARKUP_SECTIONS),
    "recipes/licence-by/recipe.md": recipe("Licence attribution", "licence: CC-BY-4.0\n"),
    "recipes/licence-nc-nd/recipe.md": recipe("Licence restrictive", "licence: CC-BY-NC-ND-4.0\n"),
    "recipes/licence-cc0/recipe.md": recipe("Licence domaine public", "licence: CC0-1.0\n"),
    "recipes/sans-licence/recipe.md": recipe("Sans licence", "licence: NOASSERTION\n"),
    "recipes/licence-absente/recipe.md": recipe("Licence absente", ""),
}


@dataclass
class Built:
    root: Path
    site: Path
    secret: str
    validate: str
    build_log: str


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The site fixture plus every hostile file above, validated, then built (without --strict:
    what would be published if errors were ignored must still be safe)."""
    base = tmp_path_factory.mktemp("hostile12b")
    secret = outside_secret(base)
    root = base / "repo"
    shutil.copytree(FIXTURE, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for path, text in HOSTILE_FILES.items():
        write(root, path, text)
    commit_all(root)
    validate = invoke("validate", "--root", str(root), code=1).stdout
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return Built(root, root / "site", secret, validate, result.stderr)


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"^\S+:\d+:\d+: R\d{3}", line)]


def has_problem(output: str, path: str, line: int, code: str, words: str = "") -> bool:
    return any(p.startswith(f"{path}:{line}:") and f" {code}" in p and words in p for p in problem_lines(output))


class _Elements(HTMLParser):
    """Classes and ids of the elements inside the page's article (its content)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        self.title = ""
        self.description = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag == "meta" and values.get("name") == "description":
            self.description = values.get("content") or ""
        if tag == "article":
            self.depth += 1
            return
        if self.depth:
            self.classes.update((values.get("class") or "").split())
            if values.get("id"):
                self.ids.add(values["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def content_of(page: Path) -> _Elements:
    parser = _Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


MATERIAL_IN_ARTICLE = {"md-content__button", "md-icon", "md-tag", "md-tags"}
"""Material's own elements inside the article: the edit button and the page's tags."""


def theme_markup(elements: _Elements) -> list[str]:
    """Classes and ids of the content that belong to the theme (``md-…``, ``__…``)."""
    return sorted([f".{c}" for c in elements.classes - MATERIAL_IN_ARTICLE if c.startswith("md-")]
                  + [f"#{i}" for i in elements.ids if i.startswith(("__", "md-")) and not i.startswith("__codelineno")])


# Class 2: hand-written pages ------------------------------------------------------------------


@pytest.mark.build
class TestHandWrittenPages:
    PAGE = "docs/titre-piege.md"

    @pytest.mark.parametrize(("needle", "code", "words"), [
        ("title:", "R033", "HTML brut dans « title »"),
        ("description:", "R033", "HTML brut dans « description »"),
        ("  - <img", "R033", "HTML brut dans « tags »"),
        ("template:", "R110", "clé d’en-tête « template » non permise"),
        ("<script>alert(\"h12b-corps", "R033", "HTML brut « <script> »"),
        ("<img src=\"x\"", "R033", "HTML brut"),
        ("[Cliquez ici]", "R033", "lien « javascript: » interdit"),
    ])
    def test_validate_locates_each_problem_of_the_page(self, hostile_site: Built, needle: str, code: str,
                                                        words: str) -> None:
        assert has_problem(hostile_site.validate, self.PAGE, line_of(TRAPPED_PAGE, needle), code, words), \
            hostile_site.validate

    def test_files_that_are_neither_page_nor_image_are_refused_and_not_published(self, hostile_site: Built) -> None:
        # judged by their content as media are (read.media): R100 refused format, R101 lying name
        for name, code in (("piege.html", "R100"), ("fausse-image.png", "R101")):
            assert has_problem(hostile_site.validate, f"docs/{name}", 1, code, "HTML"), hostile_site.validate
            assert not (hostile_site.site / name).exists()
        assert (hostile_site.site / "images" / "vraie.png").is_file()
        assert not any(p.startswith("docs/images/vraie.png") for p in problem_lines(hostile_site.validate))

    def test_front_matter_texts_are_escaped_in_title_meta_and_header(self, hostile_site: Built) -> None:
        page = hostile_site.site / "titre-piege" / "index.html"
        elements = content_of(page)
        assert "‹/title›‹script›alert(”h12b-titre”)‹/script›" in elements.title
        assert "‹script›" in elements.description and "<" not in elements.description
        html = page.read_text(encoding="utf-8")
        assert "template" not in elements.title and "secret" not in html

    def test_a_page_without_front_matter_cannot_set_its_title_by_its_first_line(self, hostile_site: Built) -> None:
        assert has_problem(hostile_site.validate, "docs/meta-multimarkdown.md", 1, "R033", "HTML brut « </title> »")
        elements = content_of(hostile_site.site / "meta-multimarkdown" / "index.html")
        assert elements.title.startswith("Meta multimarkdown") and "h12b" not in elements.title

    def test_the_body_is_shown_as_text_not_run(self, hostile_site: Built) -> None:
        html = (hostile_site.site / "titre-piege" / "index.html").read_text(encoding="utf-8")
        assert "<p>&lt;script&gt;alert(\"h12b-corps\")&lt;/script&gt;</p>" in html
        assert "<p>&lt;img src=\"x\" onerror=\"alert('h12b-gestionnaire')\"&gt;</p>" in html

    def test_the_whole_site_is_safe(self, hostile_site: Built) -> None:
        assert_site_safe(hostile_site.site, (*FORBIDDEN, hostile_site.secret))

    def test_the_repository_pages_pass(self, run_line: RunLine) -> None:
        """The handbook's own docs/ follows the rules it enforces."""
        out = run_line("validate", str(REPO / "docs"), "--root", str(REPO)).stdout
        assert not [p for p in problem_lines(out) if p.startswith("docs/")], out


# Class 3: the build configuration --------------------------------------------------------------


def config_repo(tmp_path: Path, extra: str, allow: str | None = None, *, replace: tuple[str, str] = ("", "")) -> Path:
    root = make_repo(tmp_path / "depot")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if replace[0]:
        assert replace[0] in text
        text = text.replace(*replace)
    write(root, "mkdocs.yml", text + extra)
    if allow is not None:
        write(root, ".recettes/configuration-permise.yml", allow)
    return root


def config_problems(root: Path, code: int = 1) -> str:
    return invoke("validate", str(root / "mkdocs.yml"), "--root", str(root), code=code).stdout


class TestBuildConfiguration:
    def test_code_execution_is_refused(self, tmp_path: Path) -> None:
        extra = "hooks:\n  - hooks/publier.py\nINHERIT: ../commun.yml\nextra_templates: [page.html]\n"
        root = config_repo(tmp_path, extra, replace=("  - tags\n", "  - tags\n  - gen-files:\n      scripts: [x.py]\n"))
        out = config_problems(root)
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        assert has_problem(out, "mkdocs.yml", line_of(text, "hooks:"), "R111", "« hooks » exécute des fichiers Python")
        assert has_problem(out, "mkdocs.yml", line_of(text, "INHERIT:"), "R111", "« INHERIT »")
        assert has_problem(out, "mkdocs.yml", line_of(text, "extra_templates:"), "R111", "gabarits Jinja")
        assert has_problem(out, "mkdocs.yml", line_of(text, "  - gen-files"), "R111", "greffon « gen-files »")
        assert "configuration-permise.yml" in out and "docs/contribuer.md" in out

    def test_file_inclusion_and_python_tags_are_refused(self, tmp_path: Path) -> None:
        extensions = ("  - pymdownx.superfences\n", "  - pymdownx.superfences:\n      custom_fences:\n"
                      "        - name: x\n          class: x\n          format: !!python/name:os.system\n"
                      "  - pymdownx.snippets:\n      base_path: !relative $config_dir\n"
                      "  - markdown.extensions.toc\n  - monpaquet.extension:Etendre\n"
                      "  - toc:\n      slugify: !!python/object/apply:os.system [\"id\"]\n")
        root = config_repo(tmp_path, "", replace=extensions)
        out = config_problems(root)
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        assert has_problem(out, "mkdocs.yml", line_of(text, "format: !!python"), "R111", "!!python/name:os.system")
        assert has_problem(out, "mkdocs.yml", line_of(text, "  - pymdownx.snippets"), "R111", "inclut dans les pages")
        assert has_problem(out, "mkdocs.yml", line_of(text, "  - monpaquet"), "R111", "extension Markdown « monpaquet")
        assert has_problem(out, "mkdocs.yml", line_of(text, "slugify:"), "R111", "!!python/object/apply:os.system")
        assert not has_problem(out, "mkdocs.yml", line_of(text, "  - markdown.extensions.toc"), "R111")

    def test_paths_outside_the_repository_and_external_assets_are_refused(self, tmp_path: Path) -> None:
        extra = ("extra_css:\n  - https://cdn.example.org/theme.css\n"
                 "site_author: !ENV CI_JOB_TOKEN\nsite_dir: /var/www\nwatch: [../voisin]\n")
        root = config_repo(tmp_path, extra, replace=("docs_dir: docs\n", "docs_dir: ../../etc\n"))
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        text = text.replace("extra_css:\n  - assets/recettes/recettes.css\n  - assets/carte/carte.css\n", "")
        text = text.replace("  name: material\n", "  name: material\n  custom_dir: ../gabarits\n")
        text = text.replace("extra_javascript:\n  - assets/carte/carte.js\n",
                            "extra_javascript:\n  - assets/carte/carte.js\n  - path: //pister.example/p.js\n    async: true\n")
        write(root, "mkdocs.yml", text)
        out = config_problems(root)
        for needle, words in [("docs_dir:", "« docs_dir: ../../etc » sort du dépôt"),
                              ("site_dir:", "sort du dépôt"), ("custom_dir:", "« theme.custom_dir: ../gabarits »"),
                              ("watch:", "sort du dépôt"), ("https://cdn", "chargé depuis un autre site"),
                              ("- path: //pister", "chargé depuis un autre site"),
                              ("site_author:", "« !ENV CI_JOB_TOKEN »")]:
            assert has_problem(out, "mkdocs.yml", line_of(text, needle), "R111", words), (needle, out)

    def test_recipes_folder_as_docs_dir_is_refused(self, tmp_path: Path) -> None:
        """Drafts and unvalidated files would be published as they are."""
        root = config_repo(tmp_path, "", replace=("docs_dir: docs\n", "docs_dir: recipes\n"))
        out = config_problems(root)
        assert has_problem(out, "mkdocs.yml", line_of((root / "mkdocs.yml").read_text(), "docs_dir:"), "R111",
                           "désigne recipes/")

    def test_the_maintainers_allow_list_permits_and_is_itself_checked(self, tmp_path: Path) -> None:
        allow = ("plugins: [gen-files]\nkeys: [hooks]\nenv: [SITE_URL]\nexternal: [https://cdn.example.org/x.css]\n"
                 "inconnue: [x]\nmarkdown_extensions: oui\n")
        extra = "hooks:\n  - hooks/publier.py\nsite_url: !ENV [SITE_URL, 'https://exemple.org/']\n"
        root = config_repo(tmp_path, extra, allow, replace=("  - tags\n", "  - tags\n  - gen-files\n"))
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        write(root, "mkdocs.yml", text.replace("site_url: https://recettes-libres.example.org/\n", ""))
        out = config_problems(root)
        assert not [p for p in problem_lines(out) if " R111 " in p], out
        assert has_problem(out, ".recettes/configuration-permise.yml", 5, "R114", "clé « inconnue » inconnue")
        assert has_problem(out, ".recettes/configuration-permise.yml", 6, "R114", "doit être une liste")

    def test_the_repository_configuration_passes_and_ci_checks_it_before_any_build(self, run_line: RunLine) -> None:
        run_line("validate", str(REPO / "mkdocs.yml"), "--root", str(REPO))
        ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
        assert ci.index("recettes validate mkdocs.yml") < ci.index("make test") < ci.index("mkdocs build")
        gitlab = (REPO / "tools/recettes/scaffold/templates/ci/gitlab-ci.yml").read_text(encoding="utf-8")
        assert "needs: [validate]" in gitlab.split("\nbuild:")[1].split("\n\n")[0]
        owners = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
        assert re.search(r"^/\.recettes/ @\S+", owners, re.MULTILINE)

    @pytest.mark.build
    def test_the_build_refuses_a_configuration_that_includes_files(self, tmp_path: Path) -> None:
        """A snippet of a file outside the repository never reaches a page: the plugin stops
        the build before rendering anything."""
        secret = outside_secret(tmp_path)
        root = tmp_path / "repo"
        shutil.copytree(FIXTURE, root)
        text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        write(root, "mkdocs.yml", text + "  - pymdownx.snippets:\n      base_path: [\"..\"]\n      check_paths: false\n")
        write(root, "docs/a-propos.md", "# À propos\n\n--8<-- \"secret.txt\"\n")
        commit_all(root)
        result = mkdocs(root)
        assert result.returncode != 0
        assert "configuration refusée" in result.stderr and "R111" in result.stderr
        assert "pymdownx.snippets" in result.stderr
        assert not (root / "site").exists()
        assert not [p for p in root.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


# Class 4: theme classes and ids ---------------------------------------------------------------


@pytest.mark.build
class TestThemeMarkup:
    RECIPE = "recipes/classes-piegees/recipe.md"

    @pytest.mark.parametrize(("needle", "words"), [
        ("{: .md-header #__drawer }", "liste d’attributs « {: .md-header #__drawer } »"),
        ("!!! md-nav", "type d’encadré « md-nav »"),
        ("```{.md-search", "options du bloc de code"),
    ])
    def test_validate_locates_classes_and_ids_in_a_recipe(self, hostile_site: Built, needle: str, words: str) -> None:
        text = HOSTILE_FILES[self.RECIPE]
        assert isinstance(text, str)
        assert has_problem(hostile_site.validate, self.RECIPE, line_of(text, needle), "R112", words), \
            hostile_site.validate

    @pytest.mark.parametrize(("needle", "words"), [
        ("{: .md-header #__proto__ }", "liste d’attributs"),
        ("!!! md-header", "type d’encadré « md-header »"),
        ("```{.python", "options du bloc de code « {.python .md-typeset #__search} »"),
    ])
    def test_validate_locates_classes_and_ids_in_a_page(self, hostile_site: Built, needle: str, words: str) -> None:
        assert has_problem(hostile_site.validate, "docs/titre-piege.md", line_of(TRAPPED_PAGE, needle), "R112", words)

    @pytest.mark.parametrize("page", ["recettes/classes-piegees/index.html", "titre-piege/index.html"])
    def test_no_theme_class_or_id_reaches_the_content(self, hostile_site: Built, page: str) -> None:
        elements = content_of(hostile_site.site / page)
        assert [] == theme_markup(elements)
        assert "admonition" in elements.classes and "note" in elements.classes  # unknown type -> note
        assert all(allowed_class(name) for name in elements.classes - MATERIAL_IN_ARTICLE), elements.classes

    def test_the_allow_list_is_one_place_for_validator_renderer_and_sanitizer(self) -> None:
        assert "md-header" not in ALLOWED_CLASSES and "tip" in ALLOWED_CLASSES
        assert safe_classes("admonition md-header tip") == "admonition tip"
        assert safe_id("__proto__") == "proto__" and safe_id("md-header") == "header" and safe_id("__") is None
        assert safe_admonition('!!! md-header inline "Titre"') == '!!! note inline "Titre"'
        assert fence_options("{.python .md-header}") == ("python", True) and fence_options("python") == ("python", False)
        html = sanitize('<div class="admonition md-header" id="__search"><a href="#__drawer">x</a></div>')
        assert "md-header" not in html and "__search" not in html and "__drawer" not in html


# Class 18: licences ----------------------------------------------------------------------------


@pytest.mark.build
class TestLicences:
    def test_an_unlicensed_recipe_is_an_error_and_is_not_published(self, hostile_site: Built) -> None:
        text = HOSTILE_FILES["recipes/sans-licence/recipe.md"]
        assert isinstance(text, str)
        assert has_problem(hostile_site.validate, "recipes/sans-licence/recipe.md", line_of(text, "licence:"),
                           "R113", "licence « NOASSERTION »")
        assert has_problem(hostile_site.validate, "recipes/licence-absente/recipe.md", 1, "R113", "licence absente")
        for slug in ("sans-licence", "licence-absente"):
            assert not (hostile_site.site / "recettes" / slug).exists()
        assert "R113" in hostile_site.build_log

    def test_a_non_free_licence_is_a_warning_naming_its_terms(self, hostile_site: Built) -> None:
        text = HOSTILE_FILES["recipes/licence-nc-nd/recipe.md"]
        assert isinstance(text, str)
        assert has_problem(hostile_site.validate, "recipes/licence-nc-nd/recipe.md", line_of(text, "licence:"), "R012",
                           "licence « CC BY-NC-ND 4.0 » non libre")

    @pytest.mark.parametrize(("slug", "present", "absent"), [
        ("licence-by", ["y compris à des fins commerciales", "créditer ses auteur·ices", "CC BY 4.0"],
         ["même licence", "mêmes conditions"]),
        ("licence-nc-nd", ["à des fins non commerciales seulement", "ne pas en diffuser de version modifiée",
                           "pas d’utilisation commerciale", "pas de modification"], ["même licence", "mêmes conditions"]),
        ("licence-cc0", ["domaine public", "sans aucune condition"], ["même licence", "créditer"]),
        ("compost-partage", ["partager vos modifications sous la même licence", "partage dans les mêmes conditions"], []),
    ])
    def test_each_page_and_its_footer_state_the_real_terms(self, hostile_site: Built, slug: str,
                                                           present: list[str], absent: list[str]) -> None:
        html = (hostile_site.site / "recettes" / slug / "index.html").read_text(encoding="utf-8")
        html = " ".join(html.replace("&rsquo;", "’").replace("&#39;", "’").split())
        footer = html.split('class="md-copyright"', 1)[1].split("</div>", 1)[0]
        ident = {"licence-by": "CC-BY-4.0", "licence-nc-nd": "CC-BY-NC-ND-4.0", "licence-cc0": "CC0-1.0",
                 "compost-partage": "CC-BY-SA-4.0"}[slug]
        assert " ".join(licence(ident).footer().split()) in footer
        for words in present:
            assert words in html, words
        for words in absent:
            assert words not in html, words


@pytest.mark.parametrize("ident", sorted(LICENCES))
def test_the_table_says_same_licence_only_for_share_alike(ident: str) -> None:
    item = LICENCES[ident]
    terms, footer = item.terms(), item.footer()
    assert ("même licence" in terms) is item.share_alike
    assert ("mêmes conditions" in footer) is item.share_alike
    assert ("non commerciales" in terms) is item.non_commercial
    assert ("version modifiée" in terms) is item.no_derivatives
    assert ("domaine public" in terms) is item.public_domain
