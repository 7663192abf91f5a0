"""GUI benchmarks: the dashboard's first page with many patients, and the cold start to login.

Run:  .venv/bin/python -m bench.bench_gui DB_PATH [--patients N] [--runs 5]

``DB_PATH`` is reused when it exists (building 10,000 patients through the REDCap import takes
minutes); otherwise it is created with the synthetic cohort of ``--patients`` patients
(``bench/synthetic.py``). For a quick check use ``--patients 2000`` and a new path.

(a) dashboard: ``DashboardModel`` construction plus ``data()`` for the cells of the first
    visible page, asked with the roles a QTableView's delegate asks; floor: the same page read
    with raw sqlite3 (the ordered patient ids, then the statuses of the page's forms).
(b) cold start: ``python -m vo_crf gui --db DB`` until the login window is shown
    (``VO_CRF_EXIT_AT_LOGIN=1`` makes the application say so and quit), median of ``--runs``;
    floor: a bare PySide6 application showing one empty window.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Result, print_table

ROOT = Path(__file__).resolve().parent.parent
VISIBLE_ROWS = 30
"""Rows of the dashboard a 1360 × 820 window shows (26 px rows)."""
VISIBLE_STATUS_COLUMNS = 13
"""Status columns (74 px) beside the four patient columns in that window."""
FLOOR_START = ("import time; from PySide6.QtWidgets import QApplication, QWidget; "
               "app = QApplication([]); w = QWidget(); w.show(); app.processEvents(); "
               "print('shown', flush=True)")


def ensure_database(path: Path, patients: int) -> None:
    """Create the study database with the synthetic cohort unless ``path`` exists."""
    if path.exists():
        return
    from bench.synthetic import synthetic_csv
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.exchange.redcap_import import import_redcap_text
    from vo_crf.project import init_project

    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {path} with {patients:,} patients (REDCap import)…", file=sys.stderr)
    start = time.perf_counter()
    project = init_project(str(path), "admin", "admin-pass-1")
    import_redcap_text(project, CurrentUser("admin", Role.ADMIN),
                       synthetic_csv(project.study, patients), "synthetic.csv")
    with project.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    print(f"built in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def _first_page(model) -> int:  # noqa: ANN001 - ui.dashboard.model.DashboardModel
    """Ask data() for the visible cells with the roles a view's delegate asks; count them."""
    from PySide6.QtCore import Qt

    roles = (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
             Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.CheckStateRole,
             Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.DisplayRole,
             Qt.ItemDataRole.BackgroundRole)
    asked = 0
    columns = min(model.columnCount(), 4 + VISIBLE_STATUS_COLUMNS)
    for column in range(columns):
        model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    for row in range(min(VISIBLE_ROWS, model.rowCount())):
        for column in range(columns):
            index = model.index(row, column)
            model.flags(index)
            for role in roles:
                model.data(index, role)
                asked += 1
    return asked


def dashboard_first_page(db: Path, repeats: int = 5) -> tuple[float, float, int]:
    """Return the median ms of model construction + first page, and of the raw floor."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.dashboard.model import DashboardModel
    from ui.icons import status_icon
    from vo_crf.dashboard import CellState
    from vo_crf.project import open_project

    QApplication.instance() or QApplication([])
    project = open_project(str(db))
    for state in CellState:  # icons are drawn once per process, not per page
        status_icon(state)
    samples: list[float] = []
    total = 0
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            model = DashboardModel(project)
            _first_page(model)
            samples.append((time.perf_counter() - start) * 1000)
            total = model.total
            model.deleteLater()
    finally:
        project.close()
    floors = [_floor_first_page(db) for _ in range(repeats)]
    return statistics.median(samples), statistics.median(floors), total


def _floor_first_page(db: Path) -> float:
    """Raw sqlite3: the first page's patients in order, then their forms' statuses."""
    start = time.perf_counter()
    connection = sqlite3.connect(db)
    try:
        page = connection.execute("SELECT id, record_id, site FROM records ORDER BY record_id "
                                  "LIMIT ?", (VISIBLE_ROWS,)).fetchall()
        marks = ",".join("?" * len(page))
        connection.execute("SELECT record_pk, event, form, status, verified_by, locked_by "
                           f"FROM form_instances WHERE record_pk IN ({marks})",
                           [row[0] for row in page]).fetchall()
    finally:
        connection.close()
    return (time.perf_counter() - start) * 1000


def _time_until_line(command: list[str], env: dict[str, str], marker: str) -> tuple[float, str]:
    """Start ``command``; return the seconds until it printed a line with ``marker``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    seen = ""
    for line in process.stdout:
        if marker in line:
            seen = line.strip()
            break
    elapsed = time.perf_counter() - start
    try:
        _out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, err = process.communicate()
    if not seen:
        raise RuntimeError(f"{' '.join(command)} never printed {marker!r}: {err[-2000:]}")
    return elapsed, seen


def cold_start(db: Path, runs: int) -> dict[str, float]:
    """Return median start-to-login seconds: the app, the app without the CLI, the floor."""
    home = Path(tempfile.mkdtemp(prefix="vo-crf-bench-home-"))
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "VO_CRF_EXIT_AT_LOGIN": "1", "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "PYTHONDONTWRITEBYTECODE": "0"}
    python = sys.executable
    commands = {
        "app": [python, "-m", "vo_crf", "gui", "--db", str(db)],
        "app_without_cli": [python, "-c", "import sys; from ui.app import run; "
                            f"sys.exit(run({str(db)!r}))"],
        "floor": [python, "-c", FLOOR_START],
    }
    markers = {"app": "login window shown", "app_without_cli": "login window shown",
               "floor": "shown"}
    results: dict[str, float] = {}
    for name, command in commands.items():
        _time_until_line(command, env, markers[name])  # warm the file cache once
        samples = [_time_until_line(command, env, markers[name])[0] for _ in range(runs)]
        results[name] = statistics.median(samples)
    return results


def main() -> None:
    """Run both GUI benchmarks on DB_PATH and print the table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path, help="study database (created when missing)")
    parser.add_argument("--patients", type=int, default=10_000,
                        help="patients of a new database (default 10,000)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts to take the median of")
    args = parser.parse_args()
    db = args.db.resolve()
    ensure_database(db, args.patients)
    dashboard_ms, floor_ms, patients = dashboard_first_page(db)
    starts = cold_start(db, args.runs)
    results = [
        Result(f"dashboard first page, {patients:,} patients", dashboard_ms, "ms", "≤ 300 ms",
               floor_ms, f"model + data() of {VISIBLE_ROWS} rows × "
               f"{4 + VISIBLE_STATUS_COLUMNS} columns; floor: raw sqlite3 page"),
        Result("cold start to login (python -m vo_crf gui)", starts["app"] * 1000, "ms",
               "≤ 1.5 s", starts["floor"] * 1000,
               f"median of {args.runs}; floor: bare PySide6 window"),
        Result("cold start to login, ui.app.run without the CLI", starts["app_without_cli"]
               * 1000, "ms", "≤ 1.5 s", starts["floor"] * 1000,
               "the difference is vo_crf.cli importing every command"),
    ]
    print_table(results)


if __name__ == "__main__":
    main()
