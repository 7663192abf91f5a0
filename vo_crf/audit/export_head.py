"""The audit chain head an export carries, written and read back in one place.

Every export verifies the audit trail first and writes the chain's head ``POSITION:SHA256``
where its reader finds it: the ODM root's ``Description``, the Excel workbook's About sheet,
the ``<name>_about.txt`` written beside a REDCap CSV and beside the statistics files (CSV,
SPSS, Stata), and the header comment of the R and SAS programs. ``vo-crf audit verify
--extends`` takes that head, or the export file itself (:func:`head_in_export` finds it), and
checks that the database's trail still extends it: rows up to that position unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path

HEAD_ITEM = "Audit trail chain head"
"""The label of the head: the About sheet's item, and the start of the text line elsewhere."""

_HEAD = re.compile(r"chain head[^0-9\n]{0,40}(\d+:[0-9a-fA-F]{64})\b")
_READ_LIMIT = 1 << 20
"""The head is near the start of every file that carries it: read at most 1 MB."""


def head_line(head: str) -> str:
    """Return the line stating the head and how a later database is checked against it."""
    return (f"{HEAD_ITEM} when exported: {head} (a later database must extend it: "
            f"vo-crf audit verify --extends {head})")


def about_path(path: Path) -> Path:
    """Return the ``<stem>_about.txt`` written beside an export."""
    return path.with_name(f"{path.stem}_about.txt")


def head_in_export(path: Path) -> str | None:
    """Return the chain head ``POSITION:HASH`` an export carries (None: none found).

    ``path`` is the export itself (workbook, ODM, R or SAS program, REDCap or statistics CSV,
    SPSS or Stata file) or its ``_about.txt``.
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return _head_in_workbook(path)
    for candidate in (path, about_path(path)):
        if candidate.is_file() and candidate.suffix.lower() not in (".sav", ".dta"):
            with candidate.open(encoding="utf-8", errors="replace") as handle:
                found = _HEAD.search(handle.read(_READ_LIMIT))
            if found:
                return found.group(1)
    return None


def _head_in_workbook(path: Path) -> str | None:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        if "About" not in workbook.sheetnames:
            return None
        for row in workbook["About"].iter_rows(values_only=True):
            if row and row[0] == HEAD_ITEM and len(row) > 1:
                return str(row[1])
    finally:
        workbook.close()
    return None
