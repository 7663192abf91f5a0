"""Core benchmarks: 10k-patient import vs raw sqlite3, form open and save vs raw sqlite3."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import Result, median_p95, timed
from bench.synthetic import synthetic_csv
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, init_project

ADMIN = CurrentUser("admin", Role.ADMIN)


EMPTY_COPY = "empty.sqlite"
"""The new study database before the import (``storage_floor`` writes into it)."""

FORM_FLOOR_COPY = "form-floor.sqlite"
"""A copy of the imported database for the raw form read/write floor."""

_STORED_TABLES = ("records", "form_instances", "item_values", "audit_log", "value_versions",
                  "protocol_deviations")
"""What an import writes, in the order it writes it (parents before children)."""


def copy_database(source: Path, target: Path) -> None:
    """Copy an SQLite database (consistent online copy with the backup API)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def build_database(folder: Path, patients: int) -> tuple[Project, str, float]:
    """Create a study database holding the synthetic cohort; return it, the CSV and import ms."""
    project = init_project(str(folder / "bench.sqlite"), "admin", "admin-pass-1")
    copy_database(folder / "bench.sqlite", folder / EMPTY_COPY)
    text = synthetic_csv(project.study, patients)
    elapsed = timed(lambda: import_redcap_text(project, ADMIN, text, "synthetic.csv"))
    return project, text, elapsed


def import_floor(folder: Path, text: str, clock: Callable[[], float] = time.perf_counter
                 ) -> float:
    """Raw sqlite3: executemany of the same (record, event, instance, column, value) cells.

    ``clock``: wall time by default; ``time.process_time`` for CPU time.
    """
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
    start = clock()
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO cell VALUES (?, ?, ?, ?, ?)", rows)
    connection.execute("COMMIT")
    elapsed = (clock() - start) * 1000
    connection.close()
    return elapsed


def storage_floor(empty: Path, imported: Path, batch: int = 50_000,
                  clock: Callable[[], float] = time.perf_counter) -> float:
    """Raw sqlite3 with the same rows: executemany of what the import stored, real schema.

    The rows the import wrote (records, form instances, values, audit rows, value versions,
    deviations) are read back from the imported database and inserted with ``executemany``
    into a copy of the empty study database: same tables, indexes, triggers and pragmas (WAL,
    synchronous FULL, foreign keys), one transaction. Only the inserts and the commit are
    timed, so the difference to the import is parsing, validation, planning and the ORM-free
    Python around the writes. Ids are kept where children refer to them (records and form
    instances) and left to SQLite elsewhere, as the import does. ``clock`` as in
    ``import_floor``.
    """
    source = sqlite3.connect(imported)
    target = sqlite3.connect(empty, isolation_level=None)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=FULL")
    target.execute("PRAGMA foreign_keys=ON")
    watermark = {table: source.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
                 for table in _STORED_TABLES}
    before = {table: target.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
              for table in _STORED_TABLES}
    elapsed = 0.0
    start = clock()
    target.execute("BEGIN IMMEDIATE")
    elapsed += clock() - start
    for table in _STORED_TABLES:
        columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
        if table not in ("records", "form_instances"):
            columns.remove("id")
        names = ", ".join(columns)
        statement = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
        cursor = source.execute(f"SELECT {names} FROM {table} WHERE id > ? AND id <= ? "
                                "ORDER BY id", (before[table], watermark[table]))
        while rows := cursor.fetchmany(batch):
            start = clock()
            target.executemany(statement, rows)
            elapsed += clock() - start
    start = clock()
    target.execute("COMMIT")
    elapsed += clock() - start
    source.close()
    target.close()
    return elapsed * 1000


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
    storage_ms = storage_floor(folder / EMPTY_COPY, folder / "bench.sqlite")
    opens, saves = form_timings(project, patients)
    # the raw floor writes audit rows outside the chain: on a copy, so that the other
    # benchmarks can still open the study database (it would refuse a broken audit trail)
    copy_database(folder / "bench.sqlite", folder / FORM_FLOOR_COPY)
    floor_reads, floor_writes = form_floor(folder / FORM_FLOOR_COPY)
    open_median, open_p95 = median_p95(opens)
    save_median, save_p95 = median_p95(saves)
    results = [
        Result(f"import {patients:,} patients (REDCap CSV)", import_ms / 1000, "s", "≤ 5× floor",
               floor_ms / 1000, "validation, calcs, audit rows; floor: executemany of the cells"),
        Result(f"import {patients:,} patients, vs the same rows", import_ms / 1000, "s", "",
               storage_ms / 1000, "floor: raw sqlite3 executemany of the rows the import "
               "stored (values, audit, versions) into the real schema"),
        Result("form open, median", open_median, "ms", "≤ 50 ms", median_p95(floor_reads)[0]),
        Result("form open, p95", open_p95, "ms", "≤ 50 ms", median_p95(floor_reads)[1]),
        Result("form save with audit, median", save_median, "ms", "≤ 30 ms p95",
               median_p95(floor_writes)[0]),
        Result("form save with audit, p95", save_p95, "ms", "≤ 30 ms", median_p95(floor_writes)[1]),
    ]
    project.close()
    return results, folder / "bench.sqlite"
