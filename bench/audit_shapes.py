"""Raw sqlite3: the cost of the audit trail of an import, one row per value vs one per form save.

Imports the synthetic cohort once, reads back the audit rows the import wrote, and inserts
them into copies of the empty study database (real schema: indexes, triggers, WAL,
synchronous FULL) in two shapes:

- per value: the rows as read (one ``value_*`` row per changed value, before migration 0010);
- per save: the rows of one form save (same record, event, form, instance, time and sync
  sequence: values, status, calculations) folded into one ``form_save`` row whose ``changes``
  column lists them as JSON.

Both timings include building the rows in Python, hashing the chain (SHA-256 per row) and
the inserts with ``executemany`` in one transaction. Run:
``PYTHONPATH=$PWD python -m bench.audit_shapes 1000``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import Any

from bench.bench_core import EMPTY_COPY, build_database, copy_database

_COLUMNS = ("at", "username", "action", "record_id", "event", "form", "instance", "field",
            "old_value", "new_value", "reason", "uid", "site", "seq")


def _chain(rows: list[tuple[Any, ...]], after: int) -> list[tuple[Any, ...]]:
    """Add (chain_seq, chain_hash) to each row, as the writer does (one SHA-256 per row)."""
    previous, out = "0" * 64, []
    for position, row in enumerate(rows, start=after + 1):
        text = "|".join([str(position), previous,
                         *("~" if v is None else f"{len(str(v))}:{v}" for v in row)])
        previous = hashlib.sha256(text.encode("utf-8")).hexdigest()
        out.append((*row, position, previous))
    return out


def _per_save(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Fold the rows of one form save into one ``form_save`` row with a JSON ``changes``."""
    folded: list[tuple[Any, ...]] = []
    for key, group in groupby(rows, key=lambda r: (r[5] is not None, r[0], r[1],
                                                    r[3], r[4], r[5], r[6], r[13])):
        members = list(group)
        if not key[0]:
            folded.extend((*row, None) for row in members)
            continue
        first = members[0]
        changes = json.dumps([[r[2], r[7], r[8], r[9], r[10]] for r in members],
                             ensure_ascii=False, separators=(",", ":"))
        folded.append((*first[:2], "form_save", *first[3:7], None, None, None, None,
                       first[11], *first[12:14], changes))
    return folded


def _insert(database: Path, build: Callable[[], list[tuple[Any, ...]]],
            columns: tuple[str, ...]) -> tuple[float, float, int]:
    """Build, chain and insert the rows in one transaction; return (CPU s, wall s, rows)."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    names = (*columns, "chain_seq", "chain_hash")
    statement = (f"INSERT INTO audit_log ({', '.join(names)}) "
                 f"VALUES ({', '.join('?' * len(names))})")
    cpu, wall = time.process_time(), time.perf_counter()
    after = connection.execute("SELECT coalesce(max(chain_seq), 0) FROM audit_log").fetchone()[0]
    rows = _chain(build(), after)
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(statement, rows)
    connection.execute("COMMIT")
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    connection.close()
    return cpu, wall, len(rows)


def run(patients: int = 1_000, rounds: int = 3) -> None:
    """Print the two shapes' costs (alternate runs, best of ``rounds``) and their file sizes."""
    folder = Path(tempfile.mkdtemp(prefix="vo-crf-audit-shapes-"))
    project, _text, import_ms = build_database(folder, patients)
    project.close()
    source = sqlite3.connect(folder / "bench.sqlite")
    before = sqlite3.connect(folder / EMPTY_COPY).execute(
        "SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    read = source.execute(f"SELECT {', '.join(_COLUMNS)} FROM audit_log WHERE id > ? "
                          "ORDER BY id", (before,)).fetchall()
    source.close()
    print(f"import of {patients:,} patients: {import_ms / 1000:.1f} s wall, "
          f"{len(read):,} audit rows")
    best: dict[str, tuple[float, float, int]] = {}
    sizes: dict[str, int] = {}
    for round_number in range(rounds):
        for shape in ("per value", "per save"):
            target = folder / f"{shape.replace(' ', '-')}-{round_number}.sqlite"
            copy_database(folder / EMPTY_COPY, target)
            with sqlite3.connect(target) as connection:
                columns = [r[1] for r in connection.execute("PRAGMA table_info(audit_log)")]
                if "changes" not in columns:
                    connection.execute("ALTER TABLE audit_log ADD COLUMN changes TEXT")
            connection.close()
            if shape == "per value":
                result = _insert(target, lambda: [(*r, None) for r in read],
                                 (*_COLUMNS, "changes"))
            else:
                result = _insert(target, lambda: _per_save(read), (*_COLUMNS, "changes"))
            if shape not in best or result[0] < best[shape][0]:
                best[shape] = result
            with sqlite3.connect(target) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.close()
            sizes[shape] = target.stat().st_size
    for shape, (cpu, wall, count) in best.items():
        print(f"{shape:>9}: {count:>9,} rows  CPU {cpu:6.2f} s  wall {wall:6.2f} s  "
              f"file {sizes[shape] / 1e6:6.1f} MB")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000)
