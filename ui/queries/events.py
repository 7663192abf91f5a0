"""One application-wide signal: a query was raised, answered, closed or re-opened.

Every query step taken in the GUI (form editor, queries list, data-quality panel) calls
``notify_queries_changed``; open views (the queries list, field marks) connect to
``query_events().changed`` and read the queries again. Only the GUI thread emits it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.signals import emit, notify_changes
from vo_crf.write.changes import ChangeKind, Changes


class QueryEvents(QObject):
    """Carrier of the ``changed`` signal (one per application)."""

    changed = Signal()
    """Queries changed somewhere in the application: read them again."""


_events: QueryEvents | None = None


def query_events() -> QueryEvents:
    """Return the application's query events (made on first use)."""
    global _events  # noqa: PLW0603 - one carrier for the whole application
    if _events is None:
        _events = QueryEvents()
    return _events


def notify_queries_changed(changes: Changes | None = None) -> None:
    """Tell the open views that queries changed (call after a successful query step).

    ``changes`` (what else the step wrote: a corrected value, a withdrawn verification) goes
    to every screen on the app-wide signal, with the queries kind added.
    """
    emit(query_events().changed)
    notify_changes((changes or Changes()) | Changes(kinds=frozenset({ChangeKind.QUERIES})))
