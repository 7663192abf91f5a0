"""Run every benchmark and print one table: python -m bench.run [PATIENTS].

PATIENTS (default 10,000) synthetic patients are imported into a new study database
(``bench/bench_core.py``: import, form open and save); the other benchmarks run on that same
database: reports (PDF timeline per patient, Excel workbook; ``bench/bench_reports.py``),
peak memory of the exports (``bench/bench_memory.py``), when ``bench/bench_gui.py`` is
there, the GUI (dashboard first page, cold start to the login window), and the streamed
import of a big REDCap CSV file (``bench/bench_import.py``: 5 MB; ``--import-mb 200``
opt-in), and the first and an incremental sync of the same patients with an empty central
database, SQLite and PostgreSQL (``bench/bench_sync.py``; ``--sync-patients``, ``--no-sync``),
and a study with ``file`` fields (``bench/bench_files.py``: scans of 100 kB-2 MB;
``--file-records``, ``--no-files``).
Each row stands beside its floor (the same work done by raw sqlite3 / bare
openpyxl / bare reportlab / bare PySide6) and its target. A benchmark that fails prints its
error as a row and the others still run.

About 10 minutes for 10,000 patients once the import is fast; use e.g. 1000 for a quick look.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench.common import Result, print_table

NOT_MEASURED = float("nan")


def _failed(section: str, error: BaseException) -> list[Result]:
    """A row saying that a benchmark could not run."""
    last = traceback.format_exception_only(error)[-1].strip()
    return [Result(f"{section}: not measured", NOT_MEASURED, "", "", note=last[:200])]


def _section(section: str, results: list[Result], work: Callable[[], list[Result]]) -> None:
    """Run one benchmark, append its rows (or the failure), and say how long it took."""
    start = time.perf_counter()
    try:
        results += work()
    except Exception as error:  # noqa: BLE001 - one failing bench must not hide the others
        results += _failed(section, error)
    print(f"[bench] {section}: {time.perf_counter() - start:.0f} s", flush=True)


def gui_results(database: Path, runs: int = 5) -> list[Result]:
    """Results of ``bench.bench_gui`` when it exists (imported only here: it needs PySide6)."""
    try:
        gui = importlib.import_module("bench.bench_gui")
    except ModuleNotFoundError as error:
        if error.name != "bench.bench_gui":
            raise
        return [Result("GUI: not measured", NOT_MEASURED, "", "",
                       note="bench/bench_gui.py is not there yet")]
    if hasattr(gui, "run"):
        return list(gui.run(database))
    dashboard_ms, floor_ms, patients = gui.dashboard_first_page(database)
    starts = gui.cold_start(database, runs)
    return [
        Result(f"dashboard first page, {patients:,} patients", dashboard_ms, "ms", "≤ 300 ms",
               floor_ms, "model + data() of the visible page; floor: raw sqlite3 page"),
        Result("cold start to login window", starts["app"] * 1000, "ms", "≤ 1.5 s",
               starts["floor"] * 1000, f"median of {runs}; floor: bare PySide6 window"),
    ]


def main() -> None:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("patients", nargs="?", type=int, default=10_000)
    parser.add_argument("--pdf-patients", type=int, default=100,
                        help="patients whose PDF timeline is timed (default 100)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the benchmark database (its path is printed)")
    parser.add_argument("--import-mb", type=float, action="append",
                        help="size in MB of the streamed REDCap CSV import measured by "
                             "bench/bench_import.py (repeat for several; default 5; the "
                             "200 MB file of issue 11 is opt-in: --import-mb 200)")
    parser.add_argument("--sync-patients", type=int, default=0,
                        help="patients of the sync benchmark (default: PATIENTS)")
    parser.add_argument("--no-sync", action="store_true", help="skip the sync benchmark")
    parser.add_argument("--file-records", type=int, default=0,
                        help="records of the file-field benchmark, each with about 2 MB of "
                             "attached files (default 50)")
    parser.add_argument("--no-files", action="store_true",
                        help="skip the file-field benchmark")
    parser.add_argument("--repeats", type=int, default=0,
                        help="Excel export runs to take the best of (default 3, 2 above 5000 "
                             "patients)")
    args = parser.parse_args()
    from bench import (
        bench_core,
        bench_files,
        bench_import,
        bench_memory,
        bench_reports,
        bench_sync,
    )

    repeats = args.repeats or (3 if args.patients <= 5000 else 2)
    results: list[Result] = []
    database: list[Path] = []

    def core() -> list[Result]:
        rows, path = bench_core.run(args.patients)
        database.append(path)
        return rows

    _section("core", results, core)
    if not database:
        print_table(results)
        return
    db = database[0]
    _section("reports", results, lambda: bench_reports.run(db, args.pdf_patients, repeats))
    _section("memory", results, lambda: bench_memory.run(db))
    _section("gui", results, lambda: gui_results(db))
    _section("import", results,
             lambda: bench_import.run(tuple(args.import_mb or bench_import.DEFAULT_MB)))
    if not args.no_sync:
        _section("sync", results,
                 lambda: bench_sync.run(args.sync_patients or args.patients))
    if not args.no_files:
        _section("files", results,
                 lambda: bench_files.run(args.file_records or bench_files.DEFAULT_RECORDS))
    if args.keep:
        print(f"[bench] database kept: {db}")
    elif db.parent.name.startswith("vo-crf-bench-"):  # bench_core's own temporary folder
        shutil.rmtree(db.parent, ignore_errors=True)
    print()
    print_table(results)


if __name__ == "__main__":
    main()
