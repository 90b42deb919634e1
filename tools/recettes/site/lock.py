"""OutputLock: one build at a time writes a handbook's generated tree and its site.

Two builds of the same site at once (two terminals, ``make serve`` and ``make build``, two CI
jobs on one runner) would write the same generated tree (``build_dir``), empty the same
staging folder and swap it in turn: files go missing while both exit 0. The plugin therefore
holds a lock (PyPI ``filelock``: an OS lock, released by the system if the process dies, so
no stale lock survives a crash) on ``<build_dir>.lock`` from ``on_config`` until the site is
swapped in (``on_post_build``) or given up (``on_build_error``); ``recettes generate`` holds the
same lock while it writes the tree. A second build waits for the first, up to ``lock_timeout``
seconds (plugin option), then stops with a located French message (R140) and writes nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from filelock import FileLock, Timeout

from recettes.core.french import plural
from recettes.core.problems import Code, Problem, rel

LOCK_SUFFIX = ".lock"
DEFAULT_TIMEOUT = 600.0


class OutputLocked(Exception):
    """Another build held the output's lock for the whole timeout; ``problem`` says it in French."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class OutputLock:
    """The lock of one output folder (``build_dir``), held between ``acquire`` and ``release``.

    ``release`` is idempotent, so every way out of a build may call it."""

    def __init__(self, out: Path, root: Path) -> None:
        self.path = out.with_name(out.name + LOCK_SUFFIX)
        self.shown = rel(self.path, root)
        self._lock = FileLock(self.path, thread_local=False)

    def acquire(self, timeout: float = DEFAULT_TIMEOUT, log: logging.Logger | None = None) -> None:
        """Take the lock, waiting up to ``timeout`` seconds (0: do not wait) for another build;
        say so on ``log`` (INFO) when waiting. Raises ``OutputLocked`` at the timeout."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
            return
        except Timeout:
            pass
        if log is not None and timeout > 0:
            log.info(f"une autre construction de ce guide est en cours ({self.shown})\u00a0: "
                     f"celle-ci l’attend, {plural(round(timeout), 'seconde')} au plus")
        try:
            self._lock.acquire(timeout=max(timeout, 0))
        except Timeout:
            waited = f"depuis {plural(round(timeout), 'seconde')}" if timeout > 0 else "en ce moment"
            raise OutputLocked(Problem(
                self.shown, 1, 1, Code.R140,
                f"une autre construction de ce guide tient le verrou {waited}\u00a0: celle-ci "
                "s’arrête sans rien écrire (le site précédent reste intact).",
                "Attendez la fin de l’autre construction (mkdocs build, mkdocs serve, recettes "
                "generate) puis relancez ; ou augmentez lock_timeout (en secondes) dans les options "
                "du greffon recettes de mkdocs.yml. Un verrou d’un processus arrêté se libère seul.",
            )) from None

    @property
    def is_held(self) -> bool:
        return bool(self._lock.is_locked)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)
