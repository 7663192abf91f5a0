"""A compact, comparable dump of a workbook's content, and the golden dumps of the demo cohort.

Every sheet's cells (value, type, date format, explicit-string flag), frozen panes, autofilter
and column widths are dumped to JSON-able data. The golden file was written from the workbook
code *before* the export was optimised; ``test_workbook_golden.py`` checks the export still
writes exactly the same content. Regenerate (only after a deliberate content change) with
``.venv/bin/python tests/reports/workbook_golden.py``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

GOLDEN = Path(__file__).parent / "data" / "workbook_golden.json.gz"
SECRET_HEX = "5e" * 32
"""The fixed pseudonym secret of the de-identified golden workbooks."""
VARIANTS: dict[str, dict[str, Any]] = {
    "identified": {},
    "deidentified_shift": {"deidentified": True, "date_mode": "shift"},
    "deidentified_days": {"deidentified": True, "date_mode": "days"},
}
VOLATILE_ABOUT = ("Generated at",)
LEFT_OUT_ABOUT = ("Audit trail chain head",)
"""About rows newer than the golden file and different at every export (the audit chain head,
checked by tests/security/test_export_heads.py): left out of the dump."""


def _cell(cell: Any) -> Any:
    """Encode one cell: plain JSON for text and numbers, tagged objects for the rest."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat(), "fmt": cell.number_format}
    if isinstance(value, str) and cell.data_type != "s":
        return {"t": cell.data_type, "v": value}
    if isinstance(value, float):
        return {"float": repr(value)}
    return value


def dump_workbook(path: Path) -> dict[str, Any]:
    """Return every sheet's cells and layout as JSON-able data."""
    workbook = openpyxl.load_workbook(path)
    sheets: dict[str, Any] = {}
    for sheet in workbook.worksheets:
        rows = [[_cell(c) for c in row] for row in sheet.iter_rows()]
        if sheet.title == "About":
            rows = [[r[0], "(volatile)"] if r and r[0] in VOLATILE_ABOUT else r for r in rows
                    if not (r and r[0] in LEFT_OUT_ABOUT)]
        widths = {k: d.width for k, d in sorted(sheet.column_dimensions.items()) if d.width}
        sheets[sheet.title] = {"freeze": sheet.freeze_panes, "filter": sheet.auto_filter.ref,
                               "widths": widths, "rows": rows}
    workbook.close()
    return sheets


def write_variants(database: Path, folder: Path) -> dict[str, Any]:
    """Export the workbook variants of the database copy ``database``; return their dumps."""
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.exchange import deidentify
    from vo_crf.project import open_project
    from vo_crf.reports.workbook import export_workbook

    admin = CurrentUser("admin", Role.ADMIN)
    project = open_project(str(database))
    real_secret = deidentify.project_secret
    deidentify.project_secret = lambda _project: bytes.fromhex(SECRET_HEX)
    try:
        dumps = {}
        for name, options in VARIANTS.items():
            export_workbook(project, admin, folder / f"{name}.xlsx", **options)
            dumps[name] = dump_workbook(folder / f"{name}.xlsx")
    finally:
        deidentify.project_secret = real_secret
        project.close()
    return dumps


def load_golden() -> dict[str, Any]:
    """Return the stored golden dumps."""
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _regenerate() -> None:
    """Build the demo database, export every variant and store the dumps as the golden file."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "support"))
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.demo.cohort import load_demo
    from vo_crf.project import init_project

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        project = init_project(str(folder / "demo.sqlite"), "admin", "admin-pass-golden-1")
        load_demo(project, CurrentUser("admin", Role.ADMIN))
        project.close()
        shutil.copy(folder / "demo.sqlite", folder / "copy.sqlite")
        dumps = write_variants(folder / "copy.sqlite", folder)
    GOLDEN.parent.mkdir(exist_ok=True)
    with gzip.open(GOLDEN, "wt", encoding="utf-8") as handle:
        json.dump(dumps, handle, separators=(",", ":"))
    print(f"wrote {GOLDEN} ({GOLDEN.stat().st_size:,} bytes)")


if __name__ == "__main__":
    _regenerate()
