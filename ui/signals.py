"""The app-wide signal hub, and emitting our own signals safely on PySide6 6.12.

``app_signals().operation_did_execute`` carries the ``Changes`` summary of every write made in
the GUI (and ``Changes.all()`` after a sync, an import or F5); the dashboard, the patient view,
the open form, the queries list and the double-entry worklist follow it.

PySide6 6.12's ``SignalInstance.emit()`` returns ``True`` without giving the caller a reference,
so every ``emit()`` from Python lowers the reference count of ``True`` by one; a long session (or
test run) then aborts with "bool_dealloc: deallocating True or False". ``emit`` below adds the
missing reference when (and only when) the running PySide6 has the bug, checked once at import.
Signals emitted by Qt itself (clicked, textEdited, ...) are not affected.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

from vo_crf.write.changes import Changes

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    fired = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.fired.emit()
    broken = sys.getrefcount(True) < before
    if broken:
        _incref(True)  # give back the reference the probe itself lost
    return broken


EMIT_DROPS_REFERENCE = _emit_drops_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """Emit ``signal`` with ``args`` (use instead of ``signal.emit`` in this package)."""
    result = signal.emit(*args)  # type: ignore[func-returns-value]  # True (see above)
    if EMIT_DROPS_REFERENCE:
        _incref(result)


class AppSignals(QObject):
    """The application's hub: one signal per thing every screen may want to follow."""

    operation_did_execute = Signal(object, object)
    """A write finished: (``vo_crf.write.Changes``, the widget that made it or None).

    Screens connect once and refresh themselves when the summary touches what they show
    (Anki's ``operation_did_execute``); no controller reaches into another screen."""


_hub: AppSignals | None = None


def app_signals() -> AppSignals:
    """Return the application's signal hub (made on first use, on the GUI thread)."""
    global _hub  # noqa: PLW0603 - one hub for the whole application
    if _hub is None:
        _hub = AppSignals()
    return _hub


def notify_changes(changes: Changes, initiator: object | None = None) -> None:
    """Tell every screen what a write changed (call on the GUI thread, after it committed)."""
    if changes:
        emit(app_signals().operation_did_execute, changes, initiator)
