"""A crash-recovery store of unsaved form edits (SQLite, one file in the user data folder).

Each draft is keyed by database URL + user name + form key, so drafts of several study databases
and users never mix. Every write is one SQLite transaction (atomic: after a crash the store holds
either the previous or the new draft, never half of one). Drafts are not study data: they live on
the user's machine only and are removed after the form is saved or the edits are discarded.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from vo_crf.entry.service import FormKey
from vo_crf.paths import user_data_dir
from vo_crf.private_files import create_private_sqlite

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    database_url TEXT NOT NULL,
    username TEXT NOT NULL,
    record_id TEXT NOT NULL,
    event TEXT NOT NULL,
    form TEXT NOT NULL,
    instance INTEGER NOT NULL,
    status INTEGER NOT NULL,
    base_version INTEGER,
    values_json TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (database_url, username, record_id, event, form, instance)
)
"""


def default_draft_path() -> Path:
    """Return the draft store's file in the user data folder."""
    return user_data_dir() / "drafts.sqlite"


@dataclass(frozen=True)
class Draft:
    """Unsaved edits of one form instance.

    ``values`` holds only the fields the user changed; ``base_version`` is the form version the
    edits started from (None for a form never saved).
    """

    key: FormKey
    values: dict[str, str]
    status: int
    base_version: int | None
    saved_at: dt.datetime


class DraftStore:
    """Read and write drafts of one database URL and one user."""

    def __init__(self, path: Path, database_url: str, username: str) -> None:
        self.path = Path(path)
        self.database_url = database_url
        self.username = username
        self.path.parent.mkdir(parents=True, exist_ok=True)
        create_private_sqlite(self.path)  # drafts hold typed patient data: owner only (0600)
        with self._connect() as connection:
            connection.execute(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=5)
        try:
            connection.execute("PRAGMA synchronous = FULL")
            with connection:  # one transaction: committed on success, rolled back on error
                yield connection
        finally:
            connection.close()

    def _where(self, key: FormKey) -> tuple[str, str, str, str, str, int]:
        return (self.database_url, self.username, key.record_id, key.event, key.form,
                key.instance)

    def save(self, key: FormKey, values: dict[str, str], status: int,
             base_version: int | None) -> None:
        """Store (or replace) the draft of one form instance."""
        now = dt.datetime.now().isoformat(timespec="seconds")
        with self._connect() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO drafts (database_url, username, record_id, event, form,"
                " instance, status, base_version, values_json, saved_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._where(key), status, base_version,
                 json.dumps(values, sort_keys=True), now))

    def discard(self, key: FormKey) -> None:
        """Remove the draft of one form instance (after a save, or when edits are dropped)."""
        with self._connect() as connection:
            connection.execute(
                "DELETE FROM drafts WHERE database_url = ? AND username = ? AND record_id = ?"
                " AND event = ? AND form = ? AND instance = ?", self._where(key))

    def load(self, key: FormKey) -> Draft | None:
        """Return the draft of one form instance, if any."""
        with self._connect() as connection:
            row = connection.execute(
                "SELECT record_id, event, form, instance, status, base_version, values_json,"
                " saved_at FROM drafts WHERE database_url = ? AND username = ? AND record_id = ?"
                " AND event = ? AND form = ? AND instance = ?", self._where(key)).fetchone()
        return _draft(row) if row else None

    def list(self) -> list[Draft]:
        """Return every draft of this database and user, oldest first."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT record_id, event, form, instance, status, base_version, values_json,"
                " saved_at FROM drafts WHERE database_url = ? AND username = ?"
                " ORDER BY saved_at, record_id", (self.database_url, self.username)).fetchall()
        return [_draft(row) for row in rows]


def _draft(row: tuple) -> Draft:
    record_id, event, form, instance, status, base_version, values_json, saved_at = row
    return Draft(key=FormKey(record_id, event, form, int(instance)),
                 values=dict(json.loads(values_json)), status=int(status),
                 base_version=base_version, saved_at=dt.datetime.fromisoformat(saved_at))
