"""Noticing that an open SQLite database's files were deleted or replaced under the connection.

SQLite keeps writing to the files it opened, even when another program deleted or replaced
them: a save then lands in a file nobody will ever read again and is reported as done. That
happens when the process lost its POSIX locks (a ``close()`` of any other descriptor on the
database file, e.g. a file dialog sniffing it): another process, believing it is alone,
checkpoints and deletes the ``-wal``. It also happens when a user or a program deletes, moves
or copies another file over the database while it is open.

Each connection remembers which files (device and inode) it opened: the database and its
``-wal``. While the connection is open SQLite never removes them (its ``-wal`` is only deleted
by the last connection to close), so at the start of every transaction and just before every
commit they must still be there, the same files. When they are not, ``DatabaseFilesChanged``
stops the transaction (nothing is written) with a message saying what happened.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

_IDENTITY = "vo_crf_file_identity"
_FATAL_MARKERS = ("disk i/o error", "database disk image is malformed", "file is not a database",
                  "unable to open database file")

FileIdentity = tuple[int, int] | None


class DatabaseFilesChanged(SQLAlchemyError):
    """The open database's file or its ``-wal`` was deleted or replaced by another program.

    ``problem`` says what happened; the message adds what to do. It is an ``SQLAlchemyError``
    too, so every caller handling database failures (the command line's one message, the GUI's
    dialog) handles it.
    """

    def __init__(self, problem: str) -> None:
        super().__init__(f"{problem} Nothing more can be saved in this session: close vo-crf "
                         "and start it again (it checks the database and offers the latest "
                         "backup if needed). Tell your data manager.")
        self.problem = problem


def _identity(path: Path) -> FileIdentity:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def guard_sqlite_files(engine: Engine, database: Path) -> None:
    """Refuse every transaction of ``engine`` once ``database`` or its ``-wal`` changed.

    Register after the listener that puts new connections in WAL mode (listeners run in
    order): the ``-wal`` a connection opened exists once it is in WAL mode.
    """
    database = database.resolve()  # SQLite follows a symbolic link; the -wal is beside the file

    @event.listens_for(engine, "connect")
    def _remember(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDENTITY] = (_identity(database), _identity(_wal(database)))

    def _check(connection: Any) -> None:
        info = connection.connection.info
        opened = info.get(_IDENTITY)
        if opened is None:
            return
        problem = files_problem(database, *opened)
        if problem:
            raise DatabaseFilesChanged(problem)
        if opened[1] is None:  # a new database gets its -wal with its first write
            info[_IDENTITY] = (opened[0], _identity(_wal(database)))

    event.listen(engine, "begin", _check, insert=True)  # before the BEGIN is sent
    event.listen(engine, "commit", _check)  # before the COMMIT is sent


def files_problem(database: Path, opened_database: FileIdentity,
                  opened_wal: FileIdentity) -> str | None:
    """Say what happened to the files a connection opened (one sentence); None when intact."""
    now_database = _identity(database)
    if now_database is None:
        what = f"The study database {database} was deleted or moved"
    elif now_database != opened_database:
        what = f"The study database {database} was replaced by another file"
    elif opened_wal is not None and _identity(_wal(database)) != opened_wal:
        what = (f"The journal of the study database ({_wal(database).name}) was deleted by "
                "another program")
    else:
        return None
    return f"{what} while vo-crf had it open."


def database_unusable(error: BaseException) -> bool:
    """True when ``error`` means the open database cannot be used any more this session.

    A busy database, a full disk or a read-only file are not: the user can try again.
    """
    if isinstance(error, DatabaseFilesChanged):
        return True
    if isinstance(error, SQLAlchemyError):
        detail = str(error.orig if isinstance(error, DBAPIError) else error).lower()
        return any(marker in detail for marker in _FATAL_MARKERS)
    return False
