"""Edit to reload in the live preview: ``mkdocs serve --dirty`` against ``mkdocs serve``.

Usage: python benchmarks/preview.py [--recipes 1000] [--runs 3]

One synthetic repository of N recipes (``synthetic.py``). For each mode, in one run —
``mkdocs serve --dirty`` (the plugin's incremental preview), then ``mkdocs serve`` (a full
rebuild on every change) — the script starts the server on a free loopback port (live reload
on, MkDocs' default), waits for its first build (the recipe page answers), opens the recipe
page in Debian's Chromium, then ``--runs`` times: adds a sentence holding a unique token to
that recipe's recipe.md and measures the time from the file save to

- « navigateur »: the page the browser shows contains the token (live reload reloaded it;
  the page text is read every 50 ms);
- « HTTP »: a GET of the page's address returns the token (polled every 100 ms, in a thread
  started at the save).

Between two edits it waits for the server to be idle. Servers run in their own process group
and are stopped with it. Prints the medians, the ratio and the target: less than 2 s from
save to reload at 1,000 recipes with ``--dirty``.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from synthetic import append_sentence, child_env, free_port, launch_chromium, repository, slug

TARGET_S = 2.0
TIMEOUT_S = 900.0
SETTLE_S = 2.0


def fetch(url: str) -> str | None:
    """The page's text, or None while the server does not answer it."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def poll_http(url: str, token: str, start: float, result: list[float]) -> None:
    """Append the seconds from ``start`` until a GET of ``url`` holds ``token``."""
    while time.perf_counter() - start < TIMEOUT_S:
        if token in (fetch(url) or ""):
            result.append(time.perf_counter() - start)
            return
        time.sleep(0.1)


@contextmanager
def server(root: Path, dirty: bool, log: Path) -> Iterator[str]:
    """``mkdocs serve`` on a free port, in its own process group; yields its base URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w") as out:
        process = subprocess.Popen([*cmd, *(["--dirty"] if dirty else [])], cwd=root, env=child_env(),
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_first_build(url: str, log: Path) -> float:
    start = time.perf_counter()
    while fetch(url) is None:
        if time.perf_counter() - start > TIMEOUT_S:
            sys.exit(f"le serveur n’a pas répondu en {TIMEOUT_S:.0f} s :\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    return time.perf_counter() - start


def shows(page: Any, token: str) -> bool:
    """Whether the page holds ``token`` (False while live reload replaces the page)."""
    try:
        return bool(page.evaluate("t => !!document.body && document.body.innerText.includes(t)", token))
    except PlaywrightError:
        return False


def measure(root: Path, number: int, dirty: bool, runs: int, browser: Any) -> tuple[float, list[float], list[float]]:
    """First build, then seconds from save to the browser showing the edit, and to HTTP."""
    log = root.parent / f"serve-{'dirty' if dirty else 'full'}.log"
    with server(root, dirty, log) as base:
        url = f"{base}recettes/{slug(number)}/"
        first = wait_first_build(url, log)
        page = browser.new_page()
        page.goto(url)
        in_browser, over_http = [], []
        for index in range(runs):
            token = f"jeton{'d' if dirty else 'c'}{index}x{time.time_ns() % 10**6}"
            append_sentence(root, number, f"Phrase modifiée pour la mesure : {token}.")
            start = time.perf_counter()
            http: list[float] = []
            poller = threading.Thread(target=poll_http, args=(url, token, start, http))
            poller.start()
            while not shows(page, token):
                if time.perf_counter() - start > TIMEOUT_S:
                    sys.exit(f"la page n’a pas montré la modification en {TIMEOUT_S:.0f} s :\n"
                             f"{log.read_text()[-3000:]}")
                page.wait_for_timeout(50)
            in_browser.append(time.perf_counter() - start)
            poller.join()
            over_http.extend(http)
            time.sleep(SETTLE_S)  # the server is idle again before the next edit
        page.close()
    return first, in_browser, over_http


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipes", type=int, default=1000, help="nombre de recettes")
    parser.add_argument("--runs", type=int, default=3, help="modifications mesurées par mode (médiane)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="recettes-bench-") as tmp:
        root = repository(Path(tmp), args.recipes)
        number = args.recipes // 2
        with sync_playwright() as p:
            browser = launch_chromium(p)
            rows = [(label, *measure(root, number, dirty, args.runs, browser))
                    for label, dirty in (("mkdocs serve --dirty", True),
                                         ("mkdocs serve (reconstruction complète)", False))]
            browser.close()
    print(f"\n{args.recipes} recettes, {args.runs} modification(s) de recipes/{slug(number)}/recipe.md par mode ; "
          "temps de l’enregistrement à la page à jour, médianes")
    print(f"{'mode':<42}{'navigateur (s)':>16}{'HTTP (s)':>10}{'1re construction (s)':>22}")
    medians = []
    for label, first, in_browser, over_http in rows:
        medians.append(statistics.median(in_browser))
        http = statistics.median(over_http) if over_http else float("nan")
        print(f"{label:<42}{medians[-1]:>16.2f}{http:>10.2f}{first:>22.1f}")
        print(f"{'':<4}mesures navigateur : {', '.join(f'{s:.2f}' for s in in_browser)}")
    print(f"ratio reconstruction complète / --dirty : {medians[1] / medians[0]:.2f}×")
    verdict = "atteint" if medians[0] < TARGET_S else "NON atteint"
    print(f"objectif : < {TARGET_S:.0f} s de l’enregistrement au rechargement avec --dirty à 1 000 recettes — "
          f"ici, à {args.recipes} recettes : {verdict}")


if __name__ == "__main__":
    main()
