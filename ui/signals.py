"""Emitting our own signals safely on PySide6 6.12.

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
    result = signal.emit(*args)
    if EMIT_DROPS_REFERENCE:
        _incref(result)
