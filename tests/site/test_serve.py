"""`mkdocs serve` (what `make serve` runs): the handbook is served and rebuilt when a recipe changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from ..conftest import require_marker
from .conftest import REPO, copy_fixture

pytestmark = pytest.mark.build


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and text in page:
            return page
        time.sleep(0.5)
    return None


class TestServe:
    @pytest.mark.parametrize("mode", [[], ["--dirty"]], ids=["complet", "incremental"])
    def test_a_changed_recipe_is_rebuilt_while_serving(self, tmp_path: Path, mode: list[str]) -> None:
        """The served recipe page shows a new title a few seconds after recipe.yml changes;
        with --dirty (make serve) only the pages that depend on it are rendered again, and the
        search index follows."""
        require_marker("build", "runs mkdocs serve")
        root = copy_fixture(tmp_path / "repo")
        port = _free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "tools")}
        log = (tmp_path / "serve.log").open("w", encoding="utf-8")
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *mode, "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            url = f"http://127.0.0.1:{port}/recettes/compost-partage/"
            assert _wait_for(url, "Compost partagé", 90) is not None, (tmp_path / "serve.log").read_text()
            recipe = root / "recipes" / "compost-partage" / "recipe.yml"
            text = recipe.read_text(encoding="utf-8")
            recipe.write_text(text.replace("title: Compost partagé", "title: Compost partagé et renouvelé"),
                              encoding="utf-8")
            assert _wait_for(url, "Compost partagé et renouvelé", 60) is not None, (tmp_path / "serve.log").read_text()
            if mode:
                entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
                assert _wait_for(entry, '"page_count"', 30) is not None
                output = (tmp_path / "serve.log").read_text(encoding="utf-8")
                rebuilt = [int(line.split("construction incrémentale : ")[1].split(" page")[0])
                           for line in output.splitlines() if "construction incrémentale :" in line]
                assert rebuilt[0] > 20 and 0 < min(rebuilt[1:]) < rebuilt[0], output  # a title: lists change too
                assert "dirty" not in output.replace("--dirty", ""), output
                # A recipe back to draft leaves the served site (``incremental.remove_leftovers``).
                gone = f"http://127.0.0.1:{port}/recettes/repair-cafe/"
                assert _get(gone) is not None
                meta = root / "recipes" / "repair-cafe" / "recipe.yml"
                meta.write_text(meta.read_text(encoding="utf-8").replace("status: archived", "status: draft"),
                                encoding="utf-8")
                deadline = time.monotonic() + 60
                while _get(gone) is not None and time.monotonic() < deadline:
                    time.sleep(0.5)
                assert _get(gone) is None, (tmp_path / "serve.log").read_text()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()


class TestNotifications:
    """``site/watch.py``: the system's change notifications ask MkDocs' server for a rebuild."""

    @staticmethod
    def _server() -> Any:
        from mkdocs.livereload import LiveReloadServer

        return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=_free_port(), root=".")

    @staticmethod
    def _asked(server: Any, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with server._rebuild_cond:
                if server._want_rebuild:
                    server._want_rebuild = False
                    return True
            time.sleep(0.05)
        return False

    def test_a_saved_recipe_asks_for_a_rebuild_and_reading_does_not(self, tmp_path: Path) -> None:
        from recettes.site.watch import notify_changes

        recipes = tmp_path / "recipes"
        (recipes / "compost").mkdir(parents=True)
        recipe = recipes / "compost" / "recipe.md"
        recipe.write_text("# Compost\n", encoding="utf-8")
        server = self._server()
        observer = notify_changes(server, [recipes])
        assert observer is not None and observer.is_alive()  # MkDocs' attributes are still there
        try:
            assert not self._asked(server, 0.5)
            recipe.read_text(encoding="utf-8")  # the build reads the sources: no rebuild
            assert not self._asked(server, 1.0)
            recipe.write_text("# Compost partagé\n", encoding="utf-8")
            assert self._asked(server, 10.0)
            (recipes / "nouvelle").mkdir()
            (recipes / "nouvelle" / "recipe.md").write_text("# Nouvelle\n", encoding="utf-8")
            assert self._asked(server, 10.0)
        finally:
            observer.stop()
            observer.join(5)
            server.server_close()

    def test_nothing_without_mkdocs_attributes(self, tmp_path: Path) -> None:
        from recettes.site.watch import notify_changes

        assert notify_changes(object(), [tmp_path]) is None
        server = self._server()
        try:  # a folder that does not exist: refused, nothing left running
            assert notify_changes(server, [tmp_path / "absent"]) is None
        finally:
            server.server_close()


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            todo += children
    return found


def _state(pid: int) -> str:
    """The process's state letter (``R``, ``S``, ``T`` stopped, ``Z``…), or ``-`` once gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "-"
    return status.split("\nState:\t", 1)[1][0]


def _pagefind(pid: int, seconds: float = 30) -> list[int]:
    deadline, found = time.monotonic() + seconds, []
    while not found and time.monotonic() < deadline:
        found = [child for child in _descendants(pid)
                 if Path(f"/proc/{child}/comm").read_text().strip() == "pagefind"]
        time.sleep(0.05)
    return found


def _indexed(site: Path) -> int:
    import json

    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return int(entry["languages"]["fr"]["page_count"])


def test_a_rebuild_pauses_the_indexing_and_the_latest_site_is_indexed(built_fixture: Path, tmp_path: Path) -> None:
    """mkdocs serve indexes in the background (``site/background.py``): a rebuild pauses the
    run under way, Pagefind's processes included; a rebuild that ends during a run does not
    stop it, and the latest site is indexed once it is done."""
    from recettes.site.background import BackgroundIndexing
    from recettes.site.search import index_site

    site = tmp_path / "site"
    shutil.copytree(built_fixture, site)
    before = _indexed(site)
    page = site / "recettes" / "compost-partage" / "index.html"
    for number in range(1500):  # enough pages for Pagefind to be caught at work
        copy = site / "recettes" / f"copie-{number}" / "index.html"
        copy.parent.mkdir()
        shutil.copy(page, copy)
    background = BackgroundIndexing(index_site)
    background.request(site)
    process = background._process
    assert process is not None and process.pid is not None
    pagefind = _pagefind(process.pid)
    assert pagefind, "Pagefind n’a pas été vu au travail"
    try:
        background.pause()
        deadline = time.monotonic() + 5
        while {_state(pid) for pid in [process.pid, *pagefind]} - {"T", "-"} and time.monotonic() < deadline:
            time.sleep(0.05)
        assert {"T"} == {_state(pid) for pid in [process.pid, *pagefind]}
        for number in range(1000):  # the next build: 500 copies left
            shutil.rmtree(site / "recettes" / f"copie-{number}")
        background.request(site)  # resumes the run, then indexes this site
        assert "T" not in {_state(pid) for pid in [process.pid, *pagefind]}
        deadline = time.monotonic() + 120
        while (background.running or background._waiting is not None) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert background._process is not process  # a second run
        assert before + 500 == _indexed(site)
    finally:
        background.stop()
    assert not background.running


def test_serving_ends_the_indexing(built_fixture: Path, tmp_path: Path) -> None:
    from recettes.site.background import BackgroundIndexing
    from recettes.site.search import index_site

    site = tmp_path / "site"
    shutil.copytree(built_fixture, site)
    page = site / "recettes" / "compost-partage" / "index.html"
    for number in range(1500):
        copy = site / "recettes" / f"copie-{number}" / "index.html"
        copy.parent.mkdir()
        shutil.copy(page, copy)
    background = BackgroundIndexing(index_site)
    background.request(site)
    assert background._process is not None and background._process.pid is not None
    pagefind = _pagefind(background._process.pid)
    background.pause()
    background.stop()  # paused or not, nothing goes on
    assert not background.running
    deadline = time.monotonic() + 5
    while {_state(pid) for pid in pagefind} - {"-", "Z"} and time.monotonic() < deadline:
        time.sleep(0.05)
    assert set() == {_state(pid) for pid in pagefind} - {"-", "Z"}
    assert {path.name for path in (site / "pagefind").iterdir()} == {
        path.name for path in (built_fixture / "pagefind").iterdir()}  # the previous index, untouched
