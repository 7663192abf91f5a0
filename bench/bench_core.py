"""Core benchmarks: 10k-patient import vs raw sqlite3, form open and save vs raw sqlite3."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.common import Result, median_p95, timed
from bench.synthetic import synthetic_csv
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, init_project

ADMIN = CurrentUser("admin", Role.ADMIN)


def build_database(folder: Path, patients: int) -> tuple[Project, str, float]:
    """Create a study database holding the synthetic cohort; return it, the CSV and import ms."""
    project = init_project(str(folder / "bench.sqlite"), "admin", "admin-pass-1")
    text = synthetic_csv(project.study, patients)
    elapsed = timed(lambda: import_redcap_text(project, ADMIN, text, "synthetic.csv"))
    return project, text, elapsed


def import_floor(folder: Path, text: str) -> float:
    """Raw sqlite3: executemany of the same (record, event, instance, column, value) cells."""
    rows = []
    for line in csv.DictReader(io.StringIO(text)):
        key = (line["record_id"], line["redcap_event_name"], line["redcap_repeat_instance"])
        rows.extend((*key, column, value) for column, value in line.items()
                    if value and column not in ("record_id", "redcap_event_name",
                                                "redcap_repeat_instance",
                                                "redcap_repeat_instrument"))
    connection = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE cell (record TEXT, event TEXT, instance TEXT, field TEXT, "
                       "value TEXT)")
    start = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO cell VALUES (?, ?, ?, ?, ?)", rows)
    connection.execute("COMMIT")
    elapsed = (time.perf_counter() - start) * 1000
    connection.close()
    return elapsed


def form_timings(project: Project, patients: int, samples: int = 200
                 ) -> tuple[list[float], list[float]]:
    """Open then save (one changed value, with audit) a clinical form of random patients."""
    service = EntryService(project, CurrentUser("nurse", Role.NURSE))
    rng = random.Random(3)
    opens: list[float] = []
    saves: list[float] = []
    for _ in range(samples):
        number = rng.randint(1, patients)
        key = FormKey(f"{1 + number % 3:02d}-{number:05d}", "m3_arm_1", "clinical")
        start = time.perf_counter()
        state = service.open_form(key)
        opens.append((time.perf_counter() - start) * 1000)
        pain = str((int(state.values.get("clin_pain_vas", "0")) + 1) % 6)
        start = time.perf_counter()
        service.save_form(key, {"clin_pain_vas": pain}, 2, reason="benchmark correction",
                          expected_version=state.version)
        saves.append((time.perf_counter() - start) * 1000)
    return opens, saves


def form_floor(path: Path, samples: int = 200) -> tuple[list[float], list[float]]:
    """Raw sqlite3 on the same database: read one instance's values; update one + audit row."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous=FULL")
    ids = [r[0] for r in connection.execute(
        "SELECT id FROM form_instances WHERE form = 'clinical'")]
    rng = random.Random(3)
    reads: list[float] = []
    writes: list[float] = []
    for _ in range(samples):
        instance_id = rng.choice(ids)
        start = time.perf_counter()
        values = connection.execute("SELECT field, value FROM item_values "
                                    "WHERE form_instance_id = ?", (instance_id,)).fetchall()
        reads.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE item_values SET value = value WHERE form_instance_id = ? "
                           "AND field = 'clin_pain_vas'", (instance_id,))
        connection.execute("INSERT INTO audit_log (at, username, action, old_value, new_value) "
                           "VALUES (datetime('now'), 'nurse', 'value_update', ?, ?)",
                           (str(values[:1]), "x"))
        connection.execute("COMMIT")
        writes.append((time.perf_counter() - start) * 1000)
    connection.close()
    return reads, writes


def run(patients: int = 10_000) -> tuple[list[Result], Path]:
    """Run the core benchmarks; return results and the database (for the other benches)."""
    folder = Path(tempfile.mkdtemp(prefix="vo-crf-bench-"))
    project, text, import_ms = build_database(folder, patients)
    floor_ms = import_floor(folder, text)
    opens, saves = form_timings(project, patients)
    floor_reads, floor_writes = form_floor(folder / "bench.sqlite")
    open_median, open_p95 = median_p95(opens)
    save_median, save_p95 = median_p95(saves)
    results = [
        Result(f"import {patients:,} patients (REDCap CSV)", import_ms / 1000, "s", "≤ 5× floor",
               floor_ms / 1000, "validation, calcs, audit rows; floor: executemany of the cells"),
        Result("form open, median", open_median, "ms", "≤ 50 ms", median_p95(floor_reads)[0]),
        Result("form open, p95", open_p95, "ms", "≤ 50 ms", median_p95(floor_reads)[1]),
        Result("form save with audit, median", save_median, "ms", "≤ 30 ms p95",
               median_p95(floor_writes)[0]),
        Result("form save with audit, p95", save_p95, "ms", "≤ 30 ms", median_p95(floor_writes)[1]),
    ]
    project.close()
    return results, folder / "bench.sqlite"
