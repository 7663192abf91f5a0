"""Low-level bulk statements for the plan writer: multi-row inserts, ids back, fast uids.

On SQLite the rows go straight to the driver's ``executemany`` (positional tuples, timestamps
formatted as SQLAlchemy stores them); on other databases through SQLAlchemy Core, whose
"insertmanyvalues" batches the rows. ``UidPool`` hands out version-4 UUIDs as 32 hex digits
(what ``vo_crf.db.models.new_uid`` returns) from one ``os.urandom`` call per few thousand.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

_UUID_VERSION_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID_VERSION_SET = (4 << 76) | (0x8000 << 48)


class UidPool:
    """Random version-4 UUIDs as 32 lower-case hex digits, generated in batches."""

    def __init__(self, batch: int = 4096) -> None:
        self._batch = batch
        self._ready: list[str] = []

    def take(self) -> str:
        """Return a new uid."""
        if not self._ready:
            data = os.urandom(16 * self._batch)
            clear, mark = _UUID_VERSION_CLEAR, _UUID_VERSION_SET
            self._ready = [
                f"{(int.from_bytes(data[i:i + 16], 'big') & clear) | mark:032x}"
                for i in range(0, len(data), 16)]
        return self._ready.pop()


def sqlite_datetime(value: dt.datetime) -> str:
    """Return a timestamp as SQLAlchemy's SQLite DateTime type stores it."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


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
