"""One factory for database engines, so tests, the app and PostgreSQL differ only by URL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session

from vo_crf.db.file_guard import guard_sqlite_files
from vo_crf.paths import sqlite_file
from vo_crf.private_files import create_private_sqlite

SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("VO_CRF_BUSY_TIMEOUT_MS", "10000"))
"""How long a writer waits for another writer before giving up (env VO_CRF_BUSY_TIMEOUT_MS)."""


PASSPHRASE_ENV = "VO_CRF_DB_PASSPHRASE"
"""Passphrase of an encrypted (SQLCipher) database whose URL does not carry one."""


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys, synchronous FULL and a busy timeout.

    ``sqlite+pysqlcipher:///path`` opens an SQLCipher-encrypted database (optional extra
    ``encryption``); the passphrase comes from the URL or from env ``VO_CRF_DB_PASSPHRASE``,
    and SQLCipher derives the page key from it (PBKDF2).
    """
    parsed = make_url(url)
    target: str | URL = url
    if parsed.get_driver_name() == "pysqlcipher" and not parsed.password:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if not passphrase:
            raise ValueError(f"an encrypted database needs its passphrase: set {PASSPHRASE_ENV}")
        target = parsed.set(password=passphrase)
    _create_private_file(url)
    engine = create_engine(target, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _create_private_file(url: str) -> None:
    """A new SQLite database file is created readable by its owner only (0600, see
    vo_crf.private_files); its -wal and -shm files get the same mode from SQLite."""
    database_file = sqlite_file(str(url))
    database = make_url(str(url)).database or ""
    if (database_file is None or "mode=ro" in database or database_file.exists()
            or not database_file.parent.is_dir()):
        return
    create_private_sqlite(database_file)


def _configure_sqlite(engine: Engine) -> None:
    """Apply SQLite pragmas and take over BEGIN (SQLAlchemy's recipe for pysqlite)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    if engine.url.database not in (None, "", ":memory:") and \
            not str(engine.url.database).startswith("file:"):
        guard_sqlite_files(engine, Path(engine.url.database))


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Session]:
    """Open a session whose whole body is one write transaction (committed or rolled back).

    On SQLite the transaction starts with ``BEGIN IMMEDIATE`` so that two writers wait for each
    other instead of failing half-way.
    """
    bind = engine.execution_options(sqlite_immediate=True) if engine.dialect.name == "sqlite" \
        else engine
    with Session(bind, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """Open a read-only session (rolled back at the end)."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """Open a connection whose statements all read one snapshot of the database.

    PostgreSQL's default READ COMMITTED gives each statement its own snapshot: a reader of
    several statements (the audit chain's head, then its rows) sees another process's commit
    in the middle. The transaction here is REPEATABLE READ on PostgreSQL (one snapshot, taken at
    its first statement; a read-only one never fails); on SQLite (WAL) every transaction reads
    one snapshot from its first read. Nothing written is kept: the transaction is rolled back.
    """
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        transaction = connection.begin()
        try:
            yield connection
        finally:
            transaction.rollback()
