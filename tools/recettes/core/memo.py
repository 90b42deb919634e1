"""The process-wide caches of a live preview, and the one switch that drops them all.

``mkdocs serve`` rebuilds the handbook in the same process after every edit, so the layers keep
what they computed from unchanged inputs (parsed recipes, older versions read from git, records,
written pages, source contents…), keyed on content: a rebuild only recomputes what changed. A
one-shot ``mkdocs build`` reads each key once, and these caches would only hold memory while
MkDocs renders every page: the plugin calls ``clear`` once the handbook is generated (measured
in ``benchmarks/build.py``: peak memory at 10,000 recipes).

Each cache registers its clear function here, next to its definition (``register``), so that no
cache can be forgotten by ``clear``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[[], object])
_CLEARS: list[Callable[[], object]] = []


def register(clear: F) -> F:
    """Record ``clear`` (a ``dict.clear`` or an ``lru_cache``'s ``cache_clear``); returns it."""
    _CLEARS.append(clear)
    return clear


def clear() -> None:
    """Empty every registered cache (the next build recomputes what it needs)."""
    for function in _CLEARS:
        function()
