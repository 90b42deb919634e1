"""Hostile Markdown in recipe sections (issue 12, classes 8, 9 and the Markdown part of 17).

- class 8: lists and quotes nested hundreds deep crashed the build (``RecursionError`` in
  Python-Markdown, naming the generated page): refused at validation (R130, located), published
  as plain text, and the build names the recipe file;
- class 9: thousands of « [ » made a page take minutes to render (R131), and a line of
  backticks took minutes to validate (our own code-span pattern): the parser is linear
  (``benchmarks/markdown_linear.py`` measures it); tests here only guard against a hang;
- class 17: « #Titre » and « #\u00a0Titre » were headings for the renderer, text for the
  validator; the raw HTML hint said the HTML was removed; sub-lists indented by two spaces were
  published flat without a word; suggested commands were not safe to paste.

One site, built once for the module, holds every publishing case.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recettes.read.limits import MAX_BRACKETS, MAX_NESTING, excessive
from recettes.read.markdown import Fence, code_spans, parse_section
from recettes.site.text import contributed

from ..conftest import GitRepo, RunLine
from ..site.conftest import FIXTURE, copy_fixture, mkdocs
from .markdown_recipes import line_of, located, validate, write_recipe
from .site import assert_site_safe, outside_secret

DEEP_LIST = "\n".join("    " * level + f"- niveau {level}" for level in range(300))
DEEP_QUOTE = ">" * 400 + " citation"
DEEP_MIXED = "> - " * 200 + "fin"
DEEP_BOXES = "\n".join("    " * level + ("!!! note" if level % 2 else '??? info "Détails"') for level in range(300))
BRACKETS = "Des crochets " + "[" * 30_000
BRACKET_LINKS = "[a](" * 5_000
BRACKET_LINES = "\n".join(f"ligne {n} ![image" for n in range(400))  # one paragraph, 400 « [ »
BACKTICKS = "Du code " + "`" * 65_536 + " fin"
MARKS = "``a`" * 2_048  # each run a code span for Python-Markdown: seconds for 8 KB
LINKS = " ".join(["[lien](https://exemple.org/page) " + "mot " * 60] * 200)


class TestNesting:
    """Class 8: a located error with the limit, once per block, never a traceback."""

    @pytest.mark.parametrize(("hostile", "deepest"), [
        (DEEP_LIST, "    " * MAX_NESTING + f"- niveau {MAX_NESTING}"),
        (DEEP_QUOTE, DEEP_QUOTE),
        (DEEP_MIXED, DEEP_MIXED),
        (DEEP_BOXES, "    " * MAX_NESTING + '??? info "Détails"'),
    ], ids=["list", "quote", "quote-and-list", "admonitions"])
    def test_refused_at_its_line(self, run_line: RunLine, repo: Path, hostile: str, deepest: str) -> None:
        """Lists, quotes and both nested past the limit: R130 at the first line past it."""
        path = write_recipe(repo, "profonde", hostile)
        output = validate(run_line, repo)
        message = located(output, path, line_of(repo, "profonde", deepest), "R130")
        assert f"(au plus {MAX_NESTING})" in message and "imbriqués" in message
        assert output.count("R130") == 1  # once per block, not once per line

    def test_ordinary_nesting_passes(self, run_line: RunLine, repo: Path) -> None:
        """Three levels of lists inside a quote are fine."""
        write_recipe(repo, "normale", "> - un\n>     - deux\n>         - trois")
        assert "R130" not in validate(run_line, repo, code=0)


class TestPathological:
    """Class 9: brackets that make rendering quadratic are refused; backticks are linear."""

    @pytest.mark.parametrize(("hostile", "piece", "column"), [
        (BRACKETS, BRACKETS, len("Des crochets ") + MAX_BRACKETS + 1),
        (BRACKET_LINKS, BRACKET_LINKS, 4 * MAX_BRACKETS + 1),
    ], ids=["run", "link-openers"])
    def test_brackets_refused_where_the_limit_is_crossed(self, run_line: RunLine, repo: Path,
                                                         hostile: str, piece: str, column: int) -> None:
        """R131 at the line and column of the first « [ » past the limit of a paragraph."""
        path = write_recipe(repo, "crochets", hostile)
        output = validate(run_line, repo)
        message = located(output, path, line_of(repo, "crochets", piece), "R131")
        assert message.startswith(f"{path}:{line_of(repo, 'crochets', piece)}:{column}: R131 plus de {MAX_BRACKETS} crochets")
        assert "Coupez ce paragraphe" in output

    @pytest.mark.parametrize("hostile", [
        BRACKET_LINES,  # 400 unclosed « [ » over 400 lines of one paragraph
        "[" + "texte " * 2_000,  # one unclosed « [ » is fine, ...
        MARKS,
        LINKS,
    ], ids=["unclosed-over-lines", "unclosed-in-long-paragraph", "code-marks", "many-links"])
    def test_costly_paragraph_refused(self, run_line: RunLine, repo: Path, hostile: str) -> None:
        """R131 once, inside the paragraph, saying its length and how to cut it."""
        if hostile.startswith("[texte"):
            hostile = "\n".join([hostile] * 12)  # ... twelve in a paragraph of 144 KB are not
        path = write_recipe(repo, "cout", hostile)
        output = validate(run_line, repo)
        first = line_of(repo, "cout", hostile.splitlines()[0])
        lines = [int(m) for m in re.findall(rf"^{re.escape(path)}:(\d+):\d+: R131 paragraphe de \d+ caractères",
                                                 output, re.MULTILINE)]
        assert len(lines) == 1 and first <= lines[0] < first + len(hostile.splitlines()), output
        assert "trop long à afficher" in output and "Coupez ce paragraphe en plusieurs" in output

    def test_ordinary_long_paragraph_passes(self, run_line: RunLine, repo: Path) -> None:
        """2 KB with ten links, code and emphasis: far from the limits."""
        write_recipe(repo, "ordinaire", " ".join(["Du *texte* avec [un lien](https://exemple.org) et `du code`."] * 10)
                     + " " + "Une phrase de plus. " * 60)
        assert "R131" not in validate(run_line, repo, code=0)

    def test_brackets_in_a_heading(self, run_line: RunLine, repo: Path) -> None:
        """A sub-heading full of brackets is refused too (the renderer would stall on it)."""
        path = write_recipe(repo, "titre", "### " + "[" * 1000 + "\n\nTexte.")
        located(validate(run_line, repo), path, line_of(repo, "titre", "### ["), "R131")

    def test_backticks_validate_quickly_and_cleanly(self, run_line: RunLine, repo: Path) -> None:
        """64 KB of backticks on one line: no problem to report, and no hang (was minutes at 2 KB)."""
        write_recipe(repo, "accents-graves", BACKTICKS)
        assert "R13" not in validate(run_line, repo, code=0)

    def test_code_span_scan_is_python_markdown_s_rule(self) -> None:
        """Runs close at the next run of the same length; an unmatched run shortens."""
        assert [(2, 5)] == code_spans("a `x` b")
        assert [(0, 6)] == code_spans("```a``")  # `` + `a + ``: as Python-Markdown renders it
        assert [] == code_spans("\\`a`")  # an escaped backtick opens nothing
        assert 32_768 == len(code_spans("` " * 65_536))  # every pair, in one pass

    def test_misread_fence_message_is_short(self) -> None:
        """A line of 65,536 backticks opens a code block: the message does not quote it whole."""
        _, problems = parse_section("how-to", "## A\n\n" + "`" * 65_536, "r.md")
        assert all(len(p.message) < 200 and len(p.hint) < 200 for p in problems), problems


CHUNKS = ["[" * 130, "](", " " * 16, "\t", "- ", "1. ", "> > > > > ", "!!! note", "\n", "\n\n", "## Élément\n",
          "### Sous\n", "```\n", "~~~\n", "`", "``", "a", "|", "\n|-|-|\n", "#x", "\u00a0", "*", "<b>", "&#106;"]
PROPERTIES = settings(max_examples=300, deadline=None, database=None)


class TestAgreement:
    """The validator and the renderer apply the same limits to any text (hypothesis)."""

    @PROPERTIES
    @given(st.lists(st.sampled_from(CHUNKS), max_size=60).map("".join))
    def test_refused_exactly_when_published_as_text(self, body: str) -> None:
        """R130/R131 for a section iff the renderer publishes one of its texts as plain text;
        never an exception, and code spans are ordered, disjoint and inside the line."""
        section, problems = parse_section("obstacles", body, "r.md")
        refused = any(p.code.name in ("R130", "R131") for p in problems)
        texts = [section.intro] + [item.body for item in section.items]
        titles = [f"## {item.title}" for item in section.items]
        fallback = any(contributed(text, lambda scheme, rest: None).startswith("~~~") and excessive(
            [line for line, fence in zip(text.splitlines(), _fenced(text), strict=True) if not fence])
            for text in texts) or any(excessive([title]) for title in titles)
        assert refused == fallback, problems
        for line in body.splitlines():
            spans = code_spans(line)
            assert all(0 <= a < b <= len(line) for a, b in spans)
            assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(spans))


def _fenced(text: str) -> list[bool]:
    fence = Fence()
    return [fence.step(line) for line in text.splitlines()]


class TestHeadings:
    """Class 17: the validator and the renderer read headings by the same rule."""

    @pytest.mark.parametrize(("line", "expected", "code"), [
        ("##Étape oubliée", "« ##Étape » : il manque une espace après « ## », lu comme un titre", 0),
        ("#Freins", "« #Freins » : il manque une espace après « # », lu comme un titre", 1),
        ("##\u00a0Insécable", "« ## » suivi d’une espace insécable : lu comme un titre", 0),
        ("####### Sept", "« ####### » : plus de six « # » ne font pas un titre", 1),
    ], ids=["no-space", "section-heading", "no-break-space", "seven"])
    def test_loose_heading_is_located(self, run_line: RunLine, repo: Path, line: str, expected: str,
                                      code: int) -> None:
        """« #Titre » and « #\u00a0Titre » are headings, as Python-Markdown and the import read
        them (import case 01): a located R032 warning says how to write them for every editor;
        seven « # » are no heading, an error."""
        path = write_recipe(repo, "titres", f"Texte.\n\n{line}\n\nSuite.")
        output = validate(run_line, repo, code=code)
        message = located(output, path, line_of(repo, "titres", line), "R032")
        assert expected in message
        assert ("(avertissement)" in message) == ("six" not in expected)

    @pytest.mark.parametrize("line", ["##Étape", "##\u00a0Étape", "## Étape", "##\u202fÉtape  ##", "##\u2009Étape\u3000"])
    def test_loose_heading_starts_an_element(self, line: str) -> None:
        """The validator sees the element the renderer shows: same title, same body."""
        section, _ = parse_section("how-to", f"## Première\n\nUn.\n\n{line}\n\nDeux.", "recipe.md")
        assert [("Première", "Un."), ("Étape", "Deux.")] == [(i.title, i.body) for i in section.items]
        assert contributed(line, lambda scheme, rest: None).startswith("### Étape")  # one level down

    def test_escaped_hash_is_fine(self, run_line: RunLine, repo: Path) -> None:
        """« \\#mot-dièse » is text, as the hint says."""
        write_recipe(repo, "diese", "\\#compost est notre mot-dièse.")
        assert "R032" not in validate(run_line, repo, code=0)


class TestLineBreaks:
    """Only ``\n``, ``\r\n`` and ``\r`` end a line, as for Markdown, editors and ``recipe_md``."""

    @pytest.mark.parametrize("odd", ["\x85", "\u2028", "\x1e", "\x0c"])
    def test_other_breaks_do_not_shift_line_numbers(self, odd: str) -> None:
        """Found by the property suite: an unclosed fence after NEL characters was reported two
        lines past the end of the section."""
        section, problems = parse_section("how-to", f"## Élément\n\n```{odd}{odd}suite\n", "recipe.md", 10)
        [problem] = [p for p in problems if "non fermé" in p.message]
        assert 12 == problem.line  # the fence's own line, the last of the section
        assert odd in section.items[0].body

    def test_windows_line_ends_count_once(self) -> None:
        _, problems = parse_section("how-to", "## Élément\r\n\r\n```\r\ncode\r\n", "recipe.md", 10)
        assert [13] == [p.line for p in problems if "non fermé" in p.message]


class TestListsAndHints:
    """Class 17: flat sub-lists, the raw HTML hint, commands safe to paste."""

    @pytest.mark.parametrize("hostile", [
        "- un\n  - deux",
        "1. un\n   1. deux",
        "* un\n    * bien\n      * trop peu",
    ], ids=["two-spaces", "numbered-three", "second-level"])
    def test_sub_list_indented_too_little_warns(self, run_line: RunLine, repo: Path, hostile: str) -> None:
        """A warning at the sub-list (exit 0) saying it would be published flat."""
        path = write_recipe(repo, "liste", hostile)
        output = validate(run_line, repo, code=0)
        flat = next(line for line in hostile.splitlines() if line.startswith(("  -", "   1", "      *")))
        message = located(output, path, line_of(repo, "liste", flat), r"R032 \(avertissement\)")
        assert "publiée à plat" in message and "quatre espaces" in output

    @pytest.mark.parametrize("html", ["<div>bloc</div>", "<script>alert(1)</script>", "<b onclick=x>gras</b>"])
    def test_raw_html_hint_says_what_happens(self, run_line: RunLine, repo: Path, html: str) -> None:
        """The HTML is shown as text (see the site test), and the hint says so."""
        path = write_recipe(repo, "html", f"Avant {html} après.")
        output = validate(run_line, repo)
        located(output, path, line_of(repo, "html", "Avant"), "R033")
        assert "afficherait ces balises telles quelles, comme du texte" in output
        assert "retiré" not in output

    @pytest.mark.parametrize("name", ["a&b", "c;d", "e $(f)"])
    def test_suggested_command_is_quoted(self, run_line: RunLine, repo: Path, name: str) -> None:
        """« recettes migrate » with a folder name a shell would misread: quoted."""
        shutil.copytree(FIXTURE / "recipes" / "compost-partage", repo / "recipes" / name)
        output = validate(run_line, repo)
        assert f"« recettes migrate 'recipes/{name}' »" in output


# --- one site holding every publishing case ----------------------------------------------------

SITE_CASES = {
    "profonde": DEEP_LIST,
    "citations": DEEP_QUOTE,
    "crochets": BRACKETS,
    "liens-ouverts": BRACKET_LINKS,
    "accents-graves": BACKTICKS,
    "marques": MARKS,
    "titres": "##Titre collé\n\n##\u00a0Insécable\n\n### " + "[" * 600,
    "html": "Avant <div onclick=\"alert(1)\">bloc</div> et <script>alert(2)</script> après.",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The site fixture plus one recipe per case, built twice: ``--strict`` (must fail, naming
    the recipe files) and then without (must publish safe pages); (site, secret, build log)."""
    base = tmp_path_factory.mktemp("markdown")
    secret = outside_secret(base)
    root = copy_fixture(base / "repo")
    for slug, hostile in SITE_CASES.items():
        write_recipe(root, slug, hostile, title=f"Piège {slug}")
    GitRepo(root, init=False).commit("Pièges", date="2026-11-23T10:00:00+01:00")
    strict = mkdocs(root, "--strict")
    assert strict.returncode == 1, strict.stderr
    assert "Traceback" not in strict.stderr and "RecursionError" not in strict.stderr
    built = mkdocs(root)
    assert built.returncode == 0, built.stderr
    return root / "site", secret, strict.stderr + built.stderr


class _Text(HTMLParser):
    """The visible text of a page's article, and its headings."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[str] = []
        self._heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._heading += 1
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._heading -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading:
            self.headings[-1] += data


def page(site: Path, slug: str) -> _Text:
    parser = _Text()
    parser.feed((site / "recettes" / slug / "index.html").read_text(encoding="utf-8"))
    return parser


@pytest.mark.build
class TestPublished:
    """What the build says and publishes for hostile Markdown."""

    def test_build_names_the_recipe_files(self, hostile_site: tuple[Path, str, str]) -> None:
        """No traceback: each problem is logged at its recipe file and line."""
        _, _, log = hostile_site
        for slug, code in [("profonde", "R130"), ("citations", "R130"), ("crochets", "R131"),
                           ("liens-ouverts", "R131"), ("marques", "R131"), ("titres", "R032"), ("titres", "R131"), ("html", "R033")]:
            assert re.search(rf"recipes/{slug}/recipe\.md:\d+:\d+: {code} ", log), (slug, code, log)

    def test_site_is_safe(self, hostile_site: tuple[Path, str, str]) -> None:
        """No script, handler or dangerous URL anywhere; nothing from outside the repository."""
        site, secret, _ = hostile_site
        assert_site_safe(site, (secret,))  # the HTML shown as text holds « onclick= » as words

    @pytest.mark.parametrize("slug", ["profonde", "citations", "crochets", "liens-ouverts", "marques"])
    def test_excess_is_published_as_text(self, hostile_site: tuple[Path, str, str], slug: str) -> None:
        """A text beyond the limits is shown as written (in a code block), in full."""
        site, _, _ = hostile_site
        html = (site / "recettes" / slug / "index.html").read_text(encoding="utf-8")
        assert "<pre" in html
        shown = "".join(page(site, slug).text)
        assert SITE_CASES[slug].splitlines()[-1].replace(">", "") in shown.replace(">", "")

    def test_backticks_are_rendered(self, hostile_site: tuple[Path, str, str]) -> None:
        """The long run of backticks is in the page."""
        site, _, _ = hostile_site
        assert "`" * 1000 in "".join(page(site, "accents-graves").text)

    def test_loose_headings_are_headings(self, hostile_site: tuple[Path, str, str]) -> None:
        """« #Titre » and « ##\u00a0Titre » are published as headings, as the validator reads
        them, without their « # »."""
        site, _, _ = hostile_site
        found = page(site, "titres")
        assert any("Titre collé" in h for h in found.headings) and any("Insécable" in h for h in found.headings)
        assert "#Titre" not in "".join(found.text) and "##\u00a0" not in "".join(found.text)

    def test_raw_html_is_shown_as_text(self, hostile_site: tuple[Path, str, str]) -> None:
        """What the R033 hint says: the tags are visible text."""
        site, _, _ = hostile_site
        text = "".join(page(site, "html").text)
        assert '<div onclick="alert(1)">bloc</div>' in text and "<script>alert(2)</script>" in text
