"""Generated hostile input for the loader, the validator and the page generator (hypothesis).

YAML alone is generated in ``test_yaml_syntax``, Markdown limits against the renderer in
``test_markdown``; here whole recipe files and file trees go through every layer.

Whatever a stranger writes — YAML, Markdown, a tree of files — the tools answer with problems
(located, French) or pages, never a traceback, and in bounded time. Inputs are drawn from
alphabets of the characters and tokens that broke tools of our kind: brackets and backticks in
runs, nesting markers, tags and anchors, controls and invisible characters, decomposed accents,
entity-encoded and ``javascript:`` links, theme classes in attribute lists.

CI-sized: a few hundred small examples per property (``PROPERTIES``); the time bound is a hang
guard (``markdown_recipes.hang_guard``), not a speed test — benchmarks measure speed.
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from pathlib import Path

import markdown
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from recettes.cli import clickfr
from recettes.cli.main import cli
from recettes.core.problems import Problem
from recettes.core.sections import RECIPE_MD, SECTION_TITLES
from recettes.read.recipe_md import parse_recipe_md
from recettes.site.pipeline import build_handbook
from recettes.site.sanitize import sanitize

from ..conftest import ROOT, make_repo
from ..site.scan import Scan
from .markdown_recipes import hang_guard

PROPERTIES = settings(max_examples=150, deadline=None, database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TREES = settings(PROPERTIES, max_examples=20)
HANG_SECONDS = 60  # far above any honest input's time on a loaded CI machine

WEIRD = ["\u202e", "\u2066", "\u200b", "\ufeff", "\x00", "\x07", "\x85", "\u00a0", "e\u0301", "é",
         "\u0430", "\U0001f600", "\r", "\t", "\\", "&", "&#106;", "&lt;", "%", "\"", "'", "’"]
YAML_TOKENS = [": ", "- ", "-", ":", "\n", "\n  ", "\n    ", "[", "]", "{", "}", ",", "? ", "&a ", "*a",
               "!!binary ", "!!float ", "!!str ", "!!python/object:os.system ", "!tag ", "---\n",
               "...\n", "|\n", ">\n", "#", "'", "\"", "~", "null", "true", "yes", ".inf", ".nan",
               "-.inf", "0x1F", "0o17", "01200", "1.10", "1e400", "9" * 400, "2024-02-30",
               "2023-13-01", "12:30:00", "<<: ", "title", "version", "lat", "territory", "%YAML 1.1\n"]
MD_TOKENS = ["# ", "#", "## ", "### ", "\n", "\n\n", "`", "``", "```", "~~~", "[", "]", "(", ")", "![",
             "](", "[[", "]]", "recette:", "recette:jardin-partage#", "media/", "../", "/etc/passwd",
             "<", ">", "<script>", "</script>", "<img src=x onerror=alert(1)>", "<!--", "-->",
             "javascript:", "jav&#x61;script:", "data:text/html,", "www.example.org", "https://",
             "mailto:", "*", "_", "**", "- ", "  - ", "    ", "        ", "> ", ">>>>", "1. ", "|",
             "---", "===", "{: .md-header }", "{#__proto__}", "{.md-nav}", "!!! ", "!!! md-header ",
             "??? ", "```{.md-header}", "[^1]", "[^1]: ", "*[HTML]: ", ":::", "$$", "\\", "  \n",
             "\u00a0", "#\u00a0"]
WORD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)


def joined(tokens: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(tokens), st.sampled_from(WEIRD), WORD)
    runs = st.builds(lambda token, n: token * n, st.sampled_from(tokens), st.integers(1, 400))
    return st.lists(st.one_of(piece, piece, piece, runs), max_size=60).map("".join)


YAML_TEXT = joined(YAML_TOKENS)
MD_TEXT = joined(MD_TOKENS)


def assert_located(problems: list[Problem], text: str) -> None:
    """Each problem points inside the text (1-based line) and speaks French."""
    lines = text.count("\n") + text.count("\r") + 2
    for problem in problems:
        assert 1 <= problem.line <= lines, problem
        assert problem.column >= 1, problem
        assert problem.message and problem.code.title, problem
        assert not re.search(r"\b(?:expected|found|while|could not|mapping|scanner|parser)\b",
                             problem.message + problem.hint), f"message en anglais : {problem}"


def recipe_document(front: str, body: list[str]) -> str:
    """A recipe.md: the base recipe's front matter with ``front`` appended, sections holding ``body``."""
    base = (ROOT / "tests" / "data" / "base" / "recipes" / "jardin-partage" / RECIPE_MD).read_text(encoding="utf-8")
    head = base.split("\n---\n", 1)[0]
    parts = [f"{head}\n{front}\n---\n"]
    for title, text in zip(SECTION_TITLES.values(), body, strict=False):
        parts.append(f"# {title}\n\n## Élément\n\n{text}\n")
    return "\n".join(parts)


SECTIONS = st.lists(MD_TEXT, min_size=1, max_size=len(SECTION_TITLES))


@PROPERTIES
@given(YAML_TEXT, SECTIONS)
def test_recipe_md_gives_problems_not_tracebacks(front: str, body: list[str]) -> None:
    text = recipe_document(front, body)
    with hang_guard(HANG_SECONDS):
        _, problems = parse_recipe_md(text, "recipes/x/recipe.md")
    assert_located(problems, text)


_CONFIG = load_config(str(ROOT / "mkdocs.yml"))


def render(page: str) -> str:
    """A generated page as MkDocs renders it (the handbook's Markdown extensions), sanitized."""
    md = markdown.Markdown(extensions=_CONFIG.markdown_extensions, extension_configs=_CONFIG.mdx_configs)
    return sanitize(md.convert(page))


NAMES = st.one_of(st.sampled_from(["con", "aux", "NUL", "index", "..", "photos", "cafe\u0301"]),
                  st.text(alphabet=st.sampled_from([*"abcé-_.~ ", "\u202e", "\u200b"]), min_size=1, max_size=12))
EXTRA_FILES = st.lists(st.tuples(st.sampled_from(["media/", "", "../", "docs/"]), NAMES,
                                 st.sampled_from([".md", ".yml", ".png", ".svg", ".html", ".jpg", ""]),
                                 st.binary(max_size=64)), max_size=4)


@TREES
@given(YAML_TEXT, SECTIONS, EXTRA_FILES)
def test_file_trees_give_a_report_and_safe_pages(front: str, body: list[str],
                                                 extra: list[tuple[str, str, str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_repo(Path(tmp) / "depot")
        folder = root / "recipes" / "jardin-partage"
        (folder / RECIPE_MD).write_text(recipe_document(front, body), encoding="utf-8", newline="")
        for where, name, suffix, data in extra:
            path = folder / where / f"{name}{suffix}" if where != "docs/" else root / "docs" / f"{name}{suffix}"
            with contextlib.suppress(OSError):  # names the file system refuses are not inputs
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        with hang_guard(HANG_SECONDS), clickfr.french():
            result = CliRunner().invoke(cli, ["validate", "--root", str(root), "--format", "json"],
                                        prog_name="recettes", catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
        report = json.loads(result.stdout)
        assert isinstance(report, dict | list)
        with hang_guard(HANG_SECONDS):
            build = build_handbook(root, Path(tmp) / "out")
            pages = sorted((Path(tmp) / "out").rglob("*.md"))
            html = [render(page.read_text(encoding="utf-8")) for page in pages]
        assert build.report.ok == (result.exit_code == 0)
        for page, text in zip(pages, html, strict=True):
            parsed = Scan()  # elements and attributes, not text: an escaped « onerror= » is harmless
            parsed.feed(text)
            assert not parsed.problems and not parsed.scripts, f"{page.name}: {parsed.problems} {parsed.scripts}"
