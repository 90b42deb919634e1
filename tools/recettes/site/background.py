"""``mkdocs serve``: the search index made in the background, one run at a time.

After each rebuild of the live preview the page reloads at once, and the site is indexed
(``search.index_site``) in a process of its own at a lower priority: a thread made the next
rebuild ~1 s slower at 1,000 recipes, sharing the interpreter. Indexing 1,000 recipes takes
3.3 s, longer than a contributor may wait between two saves, so:

- while a rebuild runs, the indexing run is paused (``SIGSTOP`` to its process group, Pagefind's
  processes included), so that the rebuild has the processor (``pause``, ``resume``);
- a rebuild that ends while a run is under way does not stop it: the run finishes, then one
  more run indexes the latest site (``request``). Stopping it instead left a contributor who
  saves every few seconds with no index at all; this way the index is at most one save behind,
  and complete.

POSIX only (process groups and signals), as ``mkdocs serve``'s fork is.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path


class BackgroundIndexing:
    """At most one indexing process running and one site waiting; ``index`` is run in the
    process, a forked child of this one (``index(site)``, its errors its own to report)."""

    def __init__(self, index: Callable[[Path], None]) -> None:
        self._index = index
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._follower: threading.Thread | None = None  # waits for the process: its only reaper
        self._waiting: Path | None = None
        self._paused = False

    @property
    def running(self) -> bool:
        with self._lock:
            return self._alive()

    def request(self, site: Path) -> None:
        """Index ``site`` now, or as soon as the run under way ends (resumed if paused)."""
        with self._lock:
            if self._alive():
                self._waiting = site
                self._signal(signal.SIGCONT)
                self._paused = False
                return
            self._start(site)

    def pause(self) -> None:
        """A rebuild starts: stop the run under way where it is, until ``resume``."""
        with self._lock:
            if self._alive() and not self._paused:
                self._signal(signal.SIGSTOP)
                self._paused = True

    def resume(self) -> None:
        """A rebuild failed: the paused run goes on."""
        with self._lock:
            if self._paused:
                self._signal(signal.SIGCONT)
                self._paused = False

    def stop(self) -> None:
        """Serving ends: the run under way and the waiting site are dropped."""
        with self._lock:
            self._waiting = None
            follower = self._follower
            if self._alive():
                self._signal(signal.SIGKILL)
        if follower is not None:
            follower.join(5)

    def _start(self, site: Path) -> None:
        process = multiprocessing.get_context("fork").Process(
            target=_run, args=(self._index, site), name="recettes-recherche", daemon=True)
        process.start()
        self._process, self._paused = process, False
        self._follower = threading.Thread(target=self._then, args=(process,), name="recettes-recherche-suite",
                                          daemon=True)
        self._follower.start()

    def _then(self, process: BaseProcess) -> None:
        process.join()
        with self._lock:
            if self._process is process and self._waiting is not None:
                site, self._waiting = self._waiting, None
                self._start(site)

    def _alive(self) -> bool:
        # Not ``is_alive()``: two threads reaping one process may each think the other has not.
        return self._follower is not None and self._follower.is_alive() and self._follower is not threading.current_thread()

    def _signal(self, number: int) -> None:
        assert self._process is not None and self._process.pid is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, number)  # the process and the Pagefind ones it started
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._process.pid, number)  # not yet leading its group: nothing else started


def _run(index: Callable[[Path], None], site: Path) -> None:
    os.setpgrp()  # Pagefind's processes join this group: paused and resumed with it
    os.nice(10)
    index(site)
