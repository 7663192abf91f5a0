"""Peak memory of the exports (issue 6 budget: export peak RSS <= 400 MB), not a test.

Usage: .venv/bin/python -m bench.bench_memory [--database DB]

Each export runs alone in a fresh Python process on a copy of the study database (by default
the largest database cached by the benchmarks) and reports its peak resident set size
(``VmHWM`` on Linux, ``ru_maxrss`` elsewhere: see :func:`peak_rss_mb`):

- the Excel workbook (``vo_crf.reports.workbook.export_workbook``);
- the CDISC ODM 1.3.2 file with its audit records (``vo_crf.exchange.odm_export.export_odm``);
- the REDCap CSV (``vo_crf.exchange.redcap_export.export_redcap_csv``).

Floors, each in its own fresh process too: for the workbook, a bare openpyxl write-only dump of
the same number of rows and non-empty cells per sheet (ints, floats, dates and short texts);
for the other two, the process that has imported vo_crf and opened the database, doing nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Result, print_table

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 400
KINDS = ("xlsx", "odm", "csv", "baseline", "floor")


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB.

    On Linux ``ru_maxrss`` of a process started by fork + exec also counts the parent's
    memory copied at fork (the kernel carries the old high-water mark over exec), so a big
    parent inflates every child: there the new program's own high-water mark (``VmHWM`` of
    /proc/self/status) is used, and ``ru_maxrss`` elsewhere.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**10
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes there, KiB here


def _export(kind: str, database: Path, out: Path) -> int:
    """Run one export in this process; return what it counts (patients, subjects or rows)."""
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.project import open_project

    admin = CurrentUser("admin", Role.ADMIN)
    project = open_project(str(database))
    try:
        if kind == "xlsx":
            from vo_crf.reports.workbook import export_workbook
            return export_workbook(project, admin, out)
        if kind == "odm":
            from vo_crf.exchange.odm_export import export_odm
            return export_odm(project, admin, out)
        if kind == "csv":
            from vo_crf.exchange.redcap_export import export_redcap_csv
            return export_redcap_csv(project, admin, out)
        return 0  # baseline: vo_crf imported, database opened
    finally:
        project.close()


def _floor(shapes: list[tuple[str, int, int]], out: Path) -> int:
    """Bare openpyxl write-only: per sheet, ``rows`` rows holding ``cells`` values in all."""
    from openpyxl import Workbook

    samples = [12, 38.5, dt.date(2007, 3, 1), "Discal abscess", 2, 0.75, "VO-001-017", 1]
    workbook = Workbook(write_only=True)
    written = 0
    for name, rows, cells in shapes:
        sheet = workbook.create_sheet(name)
        for row in range(rows):
            width = cells // rows + (1 if row < cells % rows else 0)
            sheet.append([samples[(row + column) % len(samples)] for column in range(width)])
            written += width
    workbook.save(out)
    return written


def child(kind: str, database: Path, out: Path, shapes_json: str) -> None:
    """The body of a measuring process: do the work, print one JSON line with the results."""
    start = time.perf_counter()
    if kind == "floor":
        count = _floor([tuple(s) for s in json.loads(shapes_json)], out)  # type: ignore[misc]
    else:
        count = _export(kind, database, out)
    print(json.dumps({"kind": kind, "count": count, "rss_mb": peak_rss_mb(),
                      "seconds": time.perf_counter() - start}))


def measure(kind: str, database: Path, folder: Path,
            shapes: list[tuple[str, int, int]] | None = None) -> dict[str, float]:
    """Run ``kind`` in a fresh process; return its JSON report."""
    command = [sys.executable, "-m", "bench.bench_memory", "--child", kind, str(database),
               str(folder / f"{kind}.out"), json.dumps(shapes or [])]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def workbook_shapes(database: Path) -> list[tuple[str, int, int]]:
    """(sheet, rows, non-empty cells) of the workbook of ``database`` (computed here)."""
    from bench.bench_reports import floor_sheets
    from vo_crf.project import open_project

    project = open_project(str(database))
    try:
        sheets = floor_sheets(project)
    finally:
        project.close()
    return [(name, max(len(body), 1), sum(1 for row in body for v in row if v is not None))
            for name, body in sheets.items()]


def largest_cached_database() -> Path | None:
    """Return the biggest database the benchmarks cached, if any."""
    from bench.bench_reports import CACHE

    found = sorted(CACHE.glob("*.sqlite"), key=lambda p: p.stat().st_size)
    return found[-1] if found else None


def run(database: Path) -> list[Result]:
    """Measure every export's peak RSS on a copy of ``database``; return the result rows."""
    from bench.bench_reports import working_copy

    with tempfile.TemporaryDirectory(prefix="vo-crf-bench-memory-") as name:
        folder = Path(name)
        copy = working_copy(database, folder)
        shapes = workbook_shapes(copy)
        report = {kind: measure(kind, copy, folder, shapes) for kind in KINDS}
    cells = sum(s[2] for s in shapes)
    baseline = report["baseline"]["rss_mb"]
    target = f"≤ {BUDGET_MB} MB"
    xlsx, odm, csv = report["xlsx"], report["odm"], report["csv"]
    return [
        Result(f"peak RSS, Excel workbook ({int(xlsx['count']):,} patients)", xlsx["rss_mb"],
               "MB", target, report["floor"]["rss_mb"],
               f"{xlsx['seconds']:.1f} s; floor: bare openpyxl write-only dump of the same "
               f"{cells:,} cells in a fresh process"),
        Result(f"peak RSS, ODM 1.3.2 with audit ({int(odm['count']):,} subjects)",
               odm["rss_mb"], "MB", target, baseline,
               f"{odm['seconds']:.1f} s; floor: vo_crf imported and database opened"),
        Result(f"peak RSS, REDCap CSV ({int(csv['count']):,} rows)", csv["rss_mb"], "MB",
               target, baseline,
               f"{csv['seconds']:.1f} s; floor: vo_crf imported and database opened"),
    ]


def main() -> None:
    """Measure (or, with --child, be one measuring process)."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, given, out, shapes = sys.argv[2:6]
        child(kind, Path(given), Path(out), shapes)
        return
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, help="study database (default: the largest "
                        "cached benchmark database; a bigger study: bench.bench_core's "
                        "build_database, or bench.run N --keep)")
    args = parser.parse_args()
    database: Path | None = args.database or largest_cached_database()
    if database is None:
        parser.error("no cached benchmark database: give --database or run bench.bench_reports")
    print(f"database: {database}")
    print_table(run(database))


if __name__ == "__main__":
    main()
