"""Low-level bulk statements for the plan writer: multi-row inserts, ids back, fast uids.

On SQLite the rows go straight to the driver's ``executemany`` (positional tuples, timestamps
formatted as SQLAlchemy stores them); on other databases through SQLAlchemy Core, whose
"insertmanyvalues" batches the rows. ``UidPool`` hands out time-ordered uids laid out as
version-7 UUIDs, 32 hex digits (what ``vo_crf.db.models.new_uid`` returns), from one
``os.urandom`` call per few thousand.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}
"""The variant nibble (binary 10xx) keeping the two low random bits of a hex digit."""

_MAX_BATCH = 4096
_COUNTERS = [f"{number:03x}" for number in range(_MAX_BATCH)]


class UidPool:
    """Time-ordered uids, as ``new_uid`` makes them, generated in batches.

    Laid out as version-7 UUIDs with a counter (RFC 9562, method 1): 48 bits of milliseconds,
    the version, a 12-bit counter within the batch, the variant and 62 random bits. Each batch
    takes a later millisecond than the one before, so the uids of one pool come in ascending
    order and the rows written with them append to the uid index; the random bits keep them
    apart from every other database's. Batches start small (a single save needs a few uids)
    and double up to ``batch`` (at most 4096).
    """

    def __init__(self, batch: int = _MAX_BATCH, first: int = 16) -> None:
        self._batch = min(batch, _MAX_BATCH)
        self._next = min(first, self._batch)
        self._last_ms = 0
        self._ready: list[str] = []

    def take(self) -> str:
        """Return a new uid."""
        if not self._ready:
            self._refill()
        return self._ready.pop()

    def take_many(self, count: int) -> list[str]:
        """Return ``count`` new uids: the ones ``count`` calls of ``take`` would return."""
        ready = self._ready
        if len(ready) < count:
            return [self.take() for _ in range(count)]
        start = len(ready) - count
        taken = ready[start:]
        del ready[start:]
        taken.reverse()  # ``take`` pops from the end
        return taken

    def _refill(self) -> None:
        size = self._next
        self._next = min(size * 2, self._batch)
        self._last_ms = max(time.time_ns() // 1_000_000, self._last_ms + 1)
        stamp = f"{self._last_ms:012x}7"
        digits = os.urandom(8 * size).hex()
        variant = _VARIANT
        # counters from high to low: ``take`` pops from the end, so they come out ascending
        self._ready = [f"{stamp}{counter}{variant[digits[i]]}{digits[i + 1:i + 16]}"
                       for counter, i in zip(_COUNTERS[size - 1::-1], range(0, 16 * size, 16),
                                             strict=True)]


def sqlite_datetime(value: dt.datetime) -> str:
    """Return a timestamp as SQLAlchemy's SQLite DateTime type stores it.

    That is ``%Y-%m-%d %H:%M:%S.%f``; ``isoformat`` writes the same about five times faster,
    except that it leaves out a zero microsecond part.
    """
    text = value.isoformat(" ")
    return text if value.microsecond else text + ".000000"


def insert_rows(connection: Connection, table: Table, columns: Sequence[str],
                rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) in bulk.

    On SQLite timestamps must already be text (``sqlite_datetime``): the rows go to the driver.
    """
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        marks = ", ".join("?" * len(columns))
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", rows)
    else:
        connection.execute(insert(table), [dict(zip(columns, row, strict=True))
                                           for row in rows])


def returning_ids(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` and return their new ids, in the order of ``rows``."""
    if not rows:
        return []
    if len(rows) > 1 and connection.dialect.insert_executemany_returning_sort_by_parameter_order:
        result = connection.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        return [row[0] for row in result]
    return [connection.execute(insert(table).returning(table.c.id), row).scalar_one()
            for row in rows]
