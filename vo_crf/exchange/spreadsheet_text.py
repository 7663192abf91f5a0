"""CSV files for people are safe to open in a spreadsheet: no cell can become a formula.

A spreadsheet opening a CSV file by double-click evaluates a cell starting with ``=``, ``+``,
``-`` or ``@`` (and, in some, a tab or carriage return) as a formula: ``=HYPERLINK(...)`` can
send data away, ``=cmd|' /C calc'!A0`` can run a program (CSV or "formula" injection). The CSV
files meant for people and statistics software (``--format csv``, the ``queries`` and
``quality`` listings) write such text with a leading apostrophe, as OWASP recommends; numbers
(``-3.5``) are never changed. The REDCap CSV (``--format redcap``) is the data-exchange format
and stays exact, so that a round trip is exact: it is meant to be imported (here or in REDCap),
never opened by double-click. The Excel workbook writes such text as text cells (exactly as
entered, never evaluated).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a CSV cell as a formula."""
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: object) -> object:
    """Return ``value`` with a leading apostrophe when it is text a spreadsheet would evaluate.

    Non-text values and numbers written as text (``-3.5``) are returned unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Sequence[object]) -> list[object]:
    """Return a CSV row with every cell made safe (see :func:`spreadsheet_safe`)."""
    return [spreadsheet_safe(value) for value in values]
