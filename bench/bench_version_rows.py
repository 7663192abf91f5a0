"""Where a value's sync version is stored: today's rows against alternatives, in raw sqlite3.

Issue 15 item 6. An import stores, per entered value, its ``item_values`` row and its
``value_versions`` row (the version sync sends: uid, base uid, who, when, origin, sequence).
This script imports the synthetic cohort once (``bench.bench_core.build_database``), reads back
the rows it stored, and inserts the same data into fresh databases laid out in different ways,
with ``executemany`` in one transaction (WAL, synchronous FULL, as the study database):

- ``today``: ``item_values`` + ``value_versions`` (unique five-column key, sequence index);
- ``in_value_row``: the version columns in ``item_values`` (plus a sequence index);
  ``value_versions`` keeps only what has no value row (form statuses ``<form>_complete``,
  review marks, blanked values as tombstones);
- ``in_value_row_noseq``: the same without the sequence index (what the index costs);
- ``slim_versions``: ``value_versions`` without the copy of the value, keyed by the value row
  id instead of the five text columns (statuses keep the five columns).

Only the inserts and the commit are timed (CPU and wall time, median of alternate runs); the
file size is the database's pages. Run: ``python -m bench.bench_version_rows [patients]``.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.bench_core import build_database

_VALUES = ("CREATE TABLE item_values (id INTEGER PRIMARY KEY, form_instance_id INTEGER NOT NULL,"
           " field VARCHAR(100) NOT NULL, value TEXT NOT NULL, definition_version INTEGER{extra},"
           " CONSTRAINT uq_item_values_key UNIQUE (form_instance_id, field))")
_VERSION_COLUMNS = (", uid VARCHAR(32), base_uid VARCHAR(32), changed_at DATETIME,"
                    " changed_by VARCHAR(100), origin_site VARCHAR(20), seq INTEGER,"
                    " synced_uid VARCHAR(32)")
_VERSIONS = ("CREATE TABLE value_versions (id INTEGER PRIMARY KEY, record_id VARCHAR(100) NOT NULL,"
             " event VARCHAR(100) NOT NULL, form VARCHAR(100) NOT NULL, instance INTEGER NOT NULL,"
             " field VARCHAR(100) NOT NULL, value TEXT, uid VARCHAR(32) NOT NULL,"
             " base_uid VARCHAR(32), changed_at DATETIME NOT NULL,"
             " changed_by VARCHAR(100) NOT NULL,"
             " origin_site VARCHAR(20) NOT NULL, seq INTEGER NOT NULL, synced_uid VARCHAR(32),"
             " CONSTRAINT uq_value_versions_key UNIQUE (record_id, event, form, instance, field))")
_SLIM = ("CREATE TABLE value_versions (id INTEGER PRIMARY KEY, value_id INTEGER,"
         " record_id VARCHAR(100), event VARCHAR(100), form VARCHAR(100), instance INTEGER,"
         " field VARCHAR(100), uid VARCHAR(32) NOT NULL, base_uid VARCHAR(32),"
         " changed_at DATETIME NOT NULL, changed_by VARCHAR(100) NOT NULL,"
         " origin_site VARCHAR(20) NOT NULL, seq INTEGER NOT NULL, synced_uid VARCHAR(32))")

Rows = dict[str, list[tuple[Any, ...]]]


def read_rows(path: Path) -> Rows:
    """The imported values, each with its version if it has one, and the other versions."""
    source = sqlite3.connect(path)
    versioned = source.execute(
        "SELECT v.id, v.form_instance_id, v.field, v.value, v.definition_version,"
        " vv.uid, vv.base_uid, vv.changed_at, vv.changed_by, vv.origin_site, vv.seq,"
        " vv.synced_uid FROM item_values v JOIN form_instances fi ON fi.id = v.form_instance_id"
        " JOIN records r ON r.id = fi.record_pk LEFT JOIN value_versions vv"
        " ON vv.record_id = r.record_id AND vv.event = fi.event AND vv.form = fi.form"
        " AND vv.instance = fi.instance AND vv.field = v.field ORDER BY v.id").fetchall()
    versions = source.execute(
        "SELECT record_id, event, form, instance, field, value, uid, base_uid, changed_at,"
        " changed_by, origin_site, seq, synced_uid FROM value_versions ORDER BY id").fetchall()
    without_value = source.execute(
        "SELECT vv.record_id, vv.event, vv.form, vv.instance, vv.field, vv.value, vv.uid,"
        " vv.base_uid, vv.changed_at, vv.changed_by, vv.origin_site, vv.seq, vv.synced_uid"
        " FROM value_versions vv WHERE NOT EXISTS (SELECT 1 FROM item_values v"
        " JOIN form_instances fi ON fi.id = v.form_instance_id JOIN records r"
        " ON r.id = fi.record_pk WHERE r.record_id = vv.record_id AND fi.event = vv.event"
        " AND fi.form = vv.form AND fi.instance = vv.instance AND v.field = vv.field)"
        " ORDER BY vv.id").fetchall()
    source.close()
    return {"versioned": versioned, "versions": versions, "without_value": without_value}


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


def _timed_insert(path: Path, schema: list[str],
                  inserts: list[tuple[str, list[tuple[Any, ...]]]]) -> tuple[float, float, int]:
    connection = _open(path)
    for statement in schema:
        connection.execute(statement)
    cpu, wall = time.process_time(), time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    for statement, rows in inserts:
        connection.executemany(statement, rows)
    connection.execute("COMMIT")
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    size = pages * connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    return cpu * 1000, wall * 1000, size


def today(path: Path, rows: Rows) -> tuple[float, float, int]:
    """Value rows and a version row per entered value and status (the current schema)."""
    values = [row[:5] for row in rows["versioned"]]
    return _timed_insert(path, [_VALUES.format(extra=""), _VERSIONS,
                                "CREATE INDEX ix_value_versions_seq ON value_versions (seq)"], [
        ("INSERT INTO item_values VALUES (?, ?, ?, ?, ?)", values),
        ("INSERT INTO value_versions (record_id, event, form, instance, field, value, uid,"
         " base_uid, changed_at, changed_by, origin_site, seq, synced_uid)"
         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows["versions"])])


def _in_value_row(path: Path, rows: Rows, seq_index: bool) -> tuple[float, float, int]:
    schema = [_VALUES.format(extra=_VERSION_COLUMNS), _VERSIONS,
              "CREATE INDEX ix_value_versions_seq ON value_versions (seq)"]
    if seq_index:
        schema.append("CREATE INDEX ix_item_values_seq ON item_values (seq)")
    return _timed_insert(path, schema, [
        ("INSERT INTO item_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         rows["versioned"]),
        ("INSERT INTO value_versions (record_id, event, form, instance, field, value, uid,"
         " base_uid, changed_at, changed_by, origin_site, seq, synced_uid)"
         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows["without_value"])])


def in_value_row(path: Path, rows: Rows) -> tuple[float, float, int]:
    """The version in the value row (indexed by sequence); other versions stay apart."""
    return _in_value_row(path, rows, True)


def in_value_row_noseq(path: Path, rows: Rows) -> tuple[float, float, int]:
    """As ``in_value_row`` without the sequence index on the value rows."""
    return _in_value_row(path, rows, False)


def slim_versions(path: Path, rows: Rows) -> tuple[float, float, int]:
    """Version rows without the value, keyed by the value row's id (statuses by name)."""
    values = [row[:5] for row in rows["versioned"]]
    by_value = [(row[0], None, None, None, None, None, *row[5:]) for row in rows["versioned"]
                if row[5] is not None]
    others = [(None, *row[:5], *row[6:]) for row in rows["without_value"]]
    return _timed_insert(path, [_VALUES.format(extra=""), _SLIM,
                                "CREATE INDEX ix_value_versions_seq ON value_versions (seq)",
                                "CREATE UNIQUE INDEX ix_vv_value ON value_versions (value_id)",
                                "CREATE UNIQUE INDEX ix_vv_key ON value_versions"
                                " (record_id, event, form, instance, field)"], [
        ("INSERT INTO item_values VALUES (?, ?, ?, ?, ?)", values),
        ("INSERT INTO value_versions (value_id, record_id, event, form, instance, field, uid,"
         " base_uid, changed_at, changed_by, origin_site, seq, synced_uid)"
         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", by_value + others)])


DESIGNS: dict[str, Callable[[Path, Rows], tuple[float, float, int]]] = {
    "today": today, "in_value_row": in_value_row, "in_value_row_noseq": in_value_row_noseq,
    "slim_versions": slim_versions}


def main() -> None:
    """Import once, then time each layout in alternate rounds; print medians."""
    patients = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory(prefix="vo-crf-bench-versions-") as name:
        folder = Path(name)
        project, _text, _ms = build_database(folder, patients)
        project.close()
        rows = read_rows(folder / "bench.sqlite")
        print(f"{patients} patients: {len(rows['versioned']):,} value rows "
              f"({sum(1 for r in rows['versioned'] if r[5] is not None):,} versioned), "
              f"{len(rows['versions']):,} version rows today, "
              f"{len(rows['without_value']):,} without a value row")
        found: dict[str, list[tuple[float, float, int]]] = {name: [] for name in DESIGNS}
        for number in range(rounds):
            for design, measure in DESIGNS.items():
                path = folder / f"{design}-{number}.sqlite"
                found[design].append(measure(path, rows))
                path.unlink()
        base = statistics.median(cpu for cpu, _, _ in found["today"])
        for design, runs in found.items():
            cpu = statistics.median(run[0] for run in runs)
            wall = statistics.median(run[1] for run in runs)
            print(f"{design:20s} cpu {cpu:7.1f} ms ({cpu / base:4.2f}× today)  "
                  f"wall {wall:7.1f} ms  file {runs[0][2] / 1e6:5.1f} MB")


if __name__ == "__main__":
    main()
