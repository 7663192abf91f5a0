"""Keep ``None``, ``True`` and ``False`` alive whatever PySide6 does with their references.

PySide6 6.12 on Python 3.11 returns ``None`` from a void Qt method without taking a reference
to it, and ``Signal.emit()`` returns ``True``/``False`` the same way: each such call from Python
drops one reference that was never taken. After a few hundred thousand calls (a nurse's few
dozen forms) the count reaches zero and Python aborts with "Fatal Python error: none_dealloc"
(or ``bool_dealloc``), losing what was typed since the last draft. Python 3.12 made these
objects immortal, so the bug does no harm there; on 3.11 this module gives them a reference
count no session can use up (2**60), which is what 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

_SPARE_REFERENCES = 1 << 60
"""Added to each singleton's count: 10**18 dropped references before any harm."""


def keep_singletons_alive() -> None:
    """On Python < 3.12, raise the reference counts of None, True and False out of reach."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: first in PyObject
        if count.value < _SPARE_REFERENCES:
            count.value += _SPARE_REFERENCES
