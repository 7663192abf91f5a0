"""Run one export and stop for ever in the middle of it (the test then kills this process).

Usage: stalled_export.py DB FORMAT TARGET. Prints "stalled" once the export has written part of
its data (openpyxl's sheet files exist, part of the XML or CSV is out), then sleeps.
"""

from __future__ import annotations

import inspect
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.project import open_project


def _stall_after(owner: Any, name: str, calls: int) -> None:
    """Make ``owner.name`` stall on its ``calls``-th call (after flushing what was written)."""
    original: Callable[..., Any] = getattr(owner, name)
    count = [0]

    def stalling(*args: Any, **kwargs: Any) -> Any:
        count[0] += 1
        if count[0] == calls:
            for handle in _open_files():
                handle.flush()
            print("stalled", flush=True)
            while True:
                time.sleep(60)
        return original(*args, **kwargs)

    setattr(owner, name, stalling)


def _open_files() -> list[Any]:
    import gc
    import io

    return [o for o in gc.get_objects() if isinstance(o, io.IOBase) and not o.closed
            and o.writable()]


def main() -> None:
    """Export DB in FORMAT to TARGET, stalling half-way."""
    database, fmt, target = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    project = open_project(database)
    admin = CurrentUser("admin", Role.ADMIN)
    if fmt == "xlsx":
        from vo_crf.reports import xlsx_cells
        from vo_crf.reports.workbook import export_workbook as exporter
        _stall_after(xlsx_cells.SheetWriter, "append_prepared", 3)
    elif fmt == "odm":
        from vo_crf.exchange import odm_export
        from vo_crf.exchange.odm_export import export_odm as exporter
        _stall_after(odm_export, "_subject", 3)
    else:
        from vo_crf.exchange import redcap_export
        from vo_crf.exchange.redcap_export import export_redcap_csv as exporter
        _stall_after(redcap_export, "_cells", 12)
    options = {"force": True} if "force" in inspect.signature(exporter).parameters else {}
    exporter(project, admin, target, **options)
    print("finished", flush=True)


if __name__ == "__main__":
    main()
