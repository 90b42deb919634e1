"""Shared fixtures: repositories copied to tmp_path, deterministic git repositories built with
the real git, and the CLI run as users run it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import pytest
from click.testing import CliRunner, Result

from recettes.cli import clickfr
from recettes.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


# Slow tests carry a marker, so that ``pytest -m "not build and not browser"`` is quick: a test
# that launches Chromium is ``browser``, one that runs a real MkDocs build is ``build``. Tests that
# use these fixtures (directly or through another fixture) must carry the marker; the helpers that
# build or launch also check the running test (``require_marker``).
FIXTURE_MARKERS = {"built_fixture": "build", "map_site": "build", "chromium": "browser"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
_running: list[pytest.Item] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite the golden files (tests/data/invalid/*/expected.txt) from the "
                          "current output, then check against them; review the diff")


def missing_markers(fixturenames: Iterable[str], markers: Collection[str]) -> list[str]:
    """The markers a test using ``fixturenames`` needs and lacks (it has ``markers``)."""
    return sorted({FIXTURE_MARKERS[name] for name in fixturenames if name in FIXTURE_MARKERS} - set(markers))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [f"{item.nodeid}: {', '.join(missing)}" for item in items
                if (missing := missing_markers(getattr(item, "fixturenames", ()),
                                               {mark.name for mark in item.iter_markers()}))]
    if unmarked:
        raise pytest.UsageError("tests without the marker of their fixtures:\n" + "\n".join(unmarked))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _running[:] = [item]


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    _running.clear()


def require_marker(name: str, doing: str) -> None:
    """Fail the running test unless it carries marker ``name`` (it is ``doing`` something slow)."""
    if _running and _running[0].get_closest_marker(name) is None:
        pytest.fail(f"{_running[0].nodeid} {doing} without @pytest.mark.{name}", pytrace=False)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (skipped when absent: ``make browser`` installs it)."""
    require_marker("browser", "launches Chromium")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium absent : lancez « make test » (installe le paquet Debian chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RunLine(Protocol):
    def __call__(self, *args: str, code: int = 0, input: str | None = None,
                 env: Mapping[str, str | None] | None = None) -> Result: ...


def invoke(*args: str, code: int = 0, input: str | None = None,
           env: Mapping[str, str | None] | None = None) -> Result:
    """Run ``recettes ARGS...`` in-process as the console script does (click's messages in French,
    program name ``recettes``) and assert its exit code; stdout and stderr stay apart.

    Exceptions other than ``SystemExit`` are not caught: a traceback fails the test as it is.
    """
    with clickfr.french():
        result = CliRunner().invoke(cli, list(args), input=input, env=env, prog_name="recettes",
                                    catch_exceptions=False)
    assert code == result.exit_code, (
        f"recettes {' '.join(args)}: exit {result.exit_code}, expected {code}"
        f"\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}")
    return result


@pytest.fixture
def run_line() -> RunLine:
    """``run_line("validate", "--root", str(repo), code=1)``: see ``invoke``."""
    return invoke


def make_repo(target: Path, *overlays: Path) -> Path:
    """A minimal valid repository (the project's vocabularies + tests/data/base), plus overlays."""
    shutil.copytree(ROOT / "schema" / "vocabularies", target / "schema" / "vocabularies")
    shutil.copytree(DATA / "base", target, dirs_exist_ok=True)
    for overlay in overlays:
        shutil.copytree(overlay, target, dirs_exist_ok=True, symlinks=True,
                        ignore=shutil.ignore_patterns("expected.txt"))
    return target


@pytest.fixture
def base_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "depot")

DEFAULT_AUTHOR = ("Ada Lovelace", "ada@example.org")
DEFAULT_DATE = "2024-01-02T10:00:00+01:00"


def _isolated_env(home: Path) -> dict[str, str]:
    """An environment where no user or system git configuration leaks into the tests."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        LC_ALL="C.UTF-8",
    )
    return env


class GitRepo:
    """A working tree driven through the git command line, with fixed authors and dates."""

    def __init__(self, path: Path, *, init: bool = True) -> None:
        self.path = path
        self.env = _isolated_env(path.parent)
        if init:
            path.mkdir(parents=True, exist_ok=True)
            self.git("init", "-q", "-b", "main")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env={**self.env, **(env or {})},
            check=True,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        return done.stdout

    def write(self, path: str, text: str) -> Path:
        target = self.path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def remove(self, path: str) -> None:
        self.git("rm", "-q", "-r", path)

    def mv(self, old: str, new: str) -> None:
        (self.path / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def _identity(self, author: tuple[str, str], date: str) -> dict[str, str]:
        name, email = author
        return {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": date,
        }

    def commit(
        self,
        message: str,
        author: tuple[str, str] = DEFAULT_AUTHOR,
        date: str = DEFAULT_DATE,
        coauthors: Iterable[tuple[str, str]] = (),
    ) -> str:
        """Stage everything and commit it; returns the new commit's sha."""
        trailers = "".join(f"\nCo-authored-by: {n} <{e}>" for n, e in coauthors)
        if trailers:
            message = f"{message}\n{trailers}"
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, env=self._identity(author, date))
        return self.head()

    def branch(self, name: str) -> None:
        self.git("checkout", "-q", "-b", name)

    def checkout(self, name: str) -> None:
        self.git("checkout", "-q", name)

    def merge(
        self,
        branch: str,
        message: str,
        author: tuple[str, str] = DEFAULT_AUTHOR,
        date: str = DEFAULT_DATE,
    ) -> str:
        """A true merge commit (never fast-forward)."""
        self.git("merge", "-q", "--no-ff", "-m", message, branch, env=self._identity(author, date))
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def clone(self, target: Path, *args: str) -> GitRepo:
        """Clone this repository (``file://`` so that ``--depth`` is honoured)."""
        subprocess.run(
            ["git", "clone", "-q", *args, f"file://{self.path}", str(target)],
            env=self.env,
            check=True,
            capture_output=True,
        )
        return GitRepo(target, init=False)


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Code under test runs git without the user's configuration either."""
    for key in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("HOME", str(tmp_path))
    yield


@pytest.fixture
def git_repo(tmp_path: Path, git_env: None) -> GitRepo:
    """An empty repository on branch ``main`` in ``tmp_path/repo``."""
    return GitRepo(tmp_path / "repo")
