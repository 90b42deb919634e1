"""`mkdocs serve` (what `make serve` runs): the handbook is served and rebuilt when a recipe changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
