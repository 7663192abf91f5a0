"""Time and peak memory of a big REDCap CSV import, beside their floors (not a test).

Usage: .venv/bin/python -m bench.bench_import [--mb 5] [--mb 200 ...]

For each size a synthetic VO cohort (``bench/synthetic.py``) is written as a REDCap CSV of
about that many megabytes (200 MB is about 1.4 million rows), then each of these runs alone
in a fresh Python process, reporting its wall time and its peak resident set size
(``bench.bench_memory.peak_rss_mb``):

- ``vo-crf import`` of the file into a new study database (``import_redcap_csv``), with the
  largest size its write-ahead log reached (sampled every 0.2 s) and the database's growth;
- floor for the time: raw sqlite3 inserting the same non-empty cells (record, event, repeat
  instrument, instance, column, value) in one transaction, read with the csv module;
- floor for the memory: the csv module reading the file, doing nothing with the rows.

The default size (5 MB) takes about a minute. 200 MB (the size of the file in issue 11,
item 9) is opt-in: ``--mb 200`` runs for a long time (the import writes about 70 times the
file's size into the database: audit rows, value versions) and needs that much free disk.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.bench_memory import peak_rss_mb
from bench.common import Result, print_table

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MB = (5,)
KINDS = ("import", "sqlite", "csv")
_CHUNK_PATIENTS = 500


def write_csv(path: Path, megabytes: float) -> int:
    """Write a synthetic cohort of about ``megabytes`` MB as REDCap CSV; return its data rows."""
    from bench.synthetic import synthetic_rows
    from vo_crf.exchange.redcap_layout import header
    from vo_crf.paths import default_study_dir
    from vo_crf.study import load_study

    study = load_study(default_study_dir())
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header(study), lineterminator="\n",
                                restval="")
        writer.writeheader()
        first = 1
        while handle.tell() < megabytes * 1e6:
            chunk = synthetic_rows(_CHUNK_PATIENTS, seed=first, first=first)
            writer.writerows(chunk)
            rows += len(chunk)
            first += _CHUNK_PATIENTS
    return rows


class _WalWatch:
    """Samples the size of a database's -wal file in a thread; ``peak`` is the largest seen."""

    def __init__(self, database: Path) -> None:
        self._wal = database.with_name(database.name + "-wal")
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def _sample(self) -> None:
        with contextlib.suppress(OSError):
            self.peak = max(self.peak, self._wal.stat().st_size)

    def stop(self) -> int:
        """Stop sampling; return the peak in bytes."""
        self._sample()
        self._stop.set()
        self._thread.join()
        return self.peak


def _import(source: Path, folder: Path) -> dict[str, float]:
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.exchange.redcap_import import import_redcap_csv
    from vo_crf.project import init_project

    database = folder / "import.sqlite"
    project = init_project(str(database), "admin", "admin-pass-1")
    before = database.stat().st_size
    _reset_peak_rss()  # creating the admin hashed a password with 64 MB: not the import's
    rss_before = _current_rss_mb()
    watch = _WalWatch(database)
    start = time.perf_counter()
    try:
        summary = import_redcap_csv(project, CurrentUser("admin", Role.ADMIN), source)
        seconds = time.perf_counter() - start
    finally:
        wal = watch.stop()
        project.close()
    return {"seconds": seconds, "count": summary.forms_saved, "wal_mb": wal / 1e6,
            "growth_mb": (database.stat().st_size - before) / 1e6, "rss_before_mb": rss_before}


def _reset_peak_rss() -> None:
    """Reset this process's peak RSS to its current RSS (Linux: /proc/self/clear_refs)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _current_rss_mb() -> float:
    """This process's resident set size now (VmRSS; 0 where /proc is missing)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 2**10
    return 0.0


def _sqlite_floor(source: Path, folder: Path) -> dict[str, float]:
    """Raw sqlite3: every non-empty cell as one row, one transaction, executemany by 10,000."""
    start = time.perf_counter()
    connection = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE cells (record TEXT, event TEXT, instrument TEXT, "
                       "instance TEXT, field TEXT, value TEXT)")
    connection.execute("BEGIN")
    count = 0
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        head = next(reader)
        batch: list[tuple[str, ...]] = []
        for row in reader:
            key = tuple(row[:4])
            batch.extend((*key, head[i], value) for i, value in enumerate(row[4:], start=4)
                         if value)
            if len(batch) >= 10_000:
                connection.executemany("INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?)", batch)
                count += len(batch)
                batch = []
        connection.executemany("INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?)", batch)
        count += len(batch)
    connection.execute("COMMIT")
    connection.close()
    return {"seconds": time.perf_counter() - start, "count": count}


def _csv_floor(source: Path) -> dict[str, float]:
    """The csv module reading every row, keeping none."""
    start = time.perf_counter()
    count = 0
    csv.field_size_limit(2**31 - 1)
    with source.open(encoding="utf-8", newline="") as handle:
        for _row in csv.reader(handle):
            count += 1
    return {"seconds": time.perf_counter() - start, "count": count}


def child(kind: str, source: Path, folder: Path) -> None:
    """The body of a measuring process: do the work, print one JSON line."""
    if kind == "import":
        report = _import(source, folder)
    elif kind == "sqlite":
        report = _sqlite_floor(source, folder)
    else:
        report = _csv_floor(source)
    print(json.dumps({**report, "kind": kind, "rss_mb": peak_rss_mb()}))


def measure(kind: str, source: Path, folder: Path) -> dict[str, float]:
    """Run ``kind`` in a fresh process (in its own folder); return its JSON report."""
    work = folder / kind
    work.mkdir()
    done = subprocess.run([sys.executable, "-m", "bench.bench_import", "--child", kind,
                           str(source), str(work)], cwd=ROOT, capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise RuntimeError(f"{kind} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(sizes: tuple[float, ...] = DEFAULT_MB) -> list[Result]:
    """Measure the import of a synthetic CSV of each size (MB); return the result rows."""
    results: list[Result] = []
    for megabytes in sizes:
        with tempfile.TemporaryDirectory(prefix="vo-crf-bench-import-") as name:
            folder = Path(name)
            source = folder / "cohort.csv"
            rows = write_csv(source, megabytes)
            size = source.stat().st_size / 1e6
            report = {kind: measure(kind, source, folder) for kind in KINDS}
        done, floor, reading = report["import"], report["sqlite"], report["csv"]
        label = f"{size:,.0f} MB REDCap CSV ({rows:,} rows, {int(done['count']):,} forms)"
        results += [
            Result(f"import time, {label}", done["seconds"], "s", "", floor["seconds"],
                   f"floor: raw sqlite3 insert of the same {int(floor['count']):,} cells"),
            Result(f"import peak RSS, {label}", done["rss_mb"], "MB", "flat in file size",
                   reading["rss_mb"],
                   f"floor: csv module reading the file ({reading['seconds']:.1f} s); "
                   f"{done['rss_before_mb']:,.0f} MB before the import (vo_crf loaded, "
                   f"database open); WAL peak {done['wal_mb']:,.0f} MB, database "
                   f"+{done['growth_mb']:,.0f} MB"),
        ]
    return results


def main() -> None:
    """Measure (or, with --child, be one measuring process)."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, source, folder = sys.argv[2:5]
        child(kind, Path(source), Path(folder))
        return
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, action="append",
                        help="size of the CSV in MB (repeat for several; default 5; the "
                             "issue's file is 200)")
    args = parser.parse_args()
    print_table(run(tuple(args.mb or DEFAULT_MB)))


if __name__ == "__main__":
    main()
