"""``mkdocs serve``: notice a saved recipe as soon as the system says so.

MkDocs 1.6 watches files with watchdog's polling observer, every 0.5 s: a contributor who saves
waits 0.25 s on average (up to 0.5 s) before the preview even starts to rebuild, part of the
2-second target from save to reload (``benchmarks/preview.py``), and at 10,000 recipes each poll
lists 20,000 files. ``notify_changes`` watches the plugin's sources with watchdog's native
observer instead (inotify on Linux, FSEvents on macOS…), with the same effect as MkDocs' own
handler: it asks the server for a rebuild. The plugin lets MkDocs poll them only when there is
no native observer or the system refuses one (inotify's limit of watches reached): watched both
ways, each save would be seen twice, and rebuilt and reloaded twice. MkDocs still polls
``mkdocs.yml`` itself.

MkDocs has no public way to ask for a rebuild: ``notify_changes`` uses the two attributes its
own file handler uses (``LiveReloadServer._rebuild_cond`` and ``_want_rebuild``, MkDocs 1.6)
and does nothing when they are missing (``tests/site/test_serve.py`` fails if they change).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.recettes")

CHANGES = frozenset({"created", "modified", "deleted", "moved"})
"""The events that ask for a rebuild: not « opened » or « closed » (the build reads the
sources, which inotify reports too)."""


class _AskRebuild(FileSystemEventHandler):
    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def notify_changes(server: Any, paths: Iterable[Path]) -> BaseObserver | None:
    """Start a native observer of ``paths`` (folders, recursively, or files) asking ``server``
    (MkDocs' ``LiveReloadServer``) for a rebuild at every change; the observer, to stop when
    serving ends, or None when there is none (no native observer on this system, MkDocs
    without the attributes used, or the system refused: inotify's limit of watches reached)."""
    if not (hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")):
        return None
    observer = Observer()
    if isinstance(observer, PollingObserver):  # watchdog's fallback: MkDocs already polls
        return None
    handler = _AskRebuild(server)
    try:
        for path in paths:
            observer.schedule(handler, str(path), recursive=path.is_dir())
        observer.start()
    except OSError as error:
        log.debug(f"notifications du système indisponibles ({error}) : seule la scrutation de MkDocs reste")
        observer.unschedule_all()
        return None
    return observer
