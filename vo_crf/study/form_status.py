"""REDCap's form status, stored as 0, 1, 2 (the ``<form>_complete`` field of its exports)."""

from __future__ import annotations

from enum import IntEnum


class FormStatus(IntEnum):
    """The status a user gives a form; the stored and exported values are REDCap's.

    An ``IntEnum``: it is stored in the ``status`` integer column as it is, compares equal to
    the stored 0/1/2, and ``str()`` gives ``"0"``/``"1"``/``"2"`` as in REDCap's CSV.
    """

    INCOMPLETE = 0
    UNVERIFIED = 1
    COMPLETE = 2

    @property
    def label(self) -> str:
        """REDCap's English label: Incomplete, Unverified, Complete."""
        return self.name.capitalize()

    @property
    def code(self) -> str:
        """The value as text, as in REDCap's exports (``"2"``)."""
        return str(int(self))


def status_label(status: int) -> str:
    """Return REDCap's label of a stored status (the number itself when it is not one)."""
    try:
        return FormStatus(status).label
    except ValueError:
        return str(status)


STATUS_CODES = frozenset(status.code for status in FormStatus)
"""The status codes a file may give (``"0"``, ``"1"``, ``"2"``); blank means none."""
