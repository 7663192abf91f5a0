"""Online backups of an SQLite study database, kept beside it in ``backups/`` and rotated.

A backup is made with SQLite's online backup API (a consistent copy even while the application
writes), first into a hidden temporary file beside the target (see ``vo_crf.output_files``) that
is checked with ``PRAGMA quick_check`` and only then renamed, so a file named like a backup is
always a complete one. ``--to FILE`` never names the database, its journal files or the backups
folder, and replaces an existing file only when told to (``force``). File names carry the UTC
time and the reason: ``study-20261125T101500Z-daily.sqlite``. Each reason keeps its own number
of files (``KEEP``). A PostgreSQL database is backed up by its server (pg_dump), not here.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from vo_crf.output_files import (
    BACKUP_DIR_NAME,
    check_output,
    clean_stale,
    temporary_name,
)
from vo_crf.paths import sqlite_file
from vo_crf.private_files import OWNER_ONLY_DIR, create_private_sqlite
from vo_crf.storage import database_storage_message, is_drive_error, storage_problem

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from vo_crf.audit.chain_check import ChainReport


class OpenDatabase(Protocol):
    """What a backup needs of an open study database (a ``vo_crf.project.Project``)."""

    url: str
    engine: Engine

KEEP = {"daily": 7, "close": 10, "manual": 10, "before-restore": 5, "before-sync": 5,
        "before-amendment": 5}
"""How many backups of each reason rotation keeps (other reasons: ``DEFAULT_KEEP``)."""
DEFAULT_KEEP = 10
DAILY_INTERVAL = dt.timedelta(hours=24)
POSTGRES_ADVICE = ("backups of a PostgreSQL study database are the database server's job: "
                   "schedule pg_dump on the server (e.g. 'pg_dump -Fc -f vo-crf.dump DBNAME') "
                   "and restore with pg_restore")
ENCRYPTED_ADVICE = ("vo-crf does not back up an encrypted (SQLCipher) study database while it is "
                    "open: copy the database file while vo-crf is closed everywhere")
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)"
                   r"\.sqlite$")


class BackupError(Exception):
    """A backup or restore was refused or failed (the message says why and what to do)."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where it is, when it was taken (UTC) and why."""

    path: Path
    taken_at: dt.datetime
    reason: str


def backup_dir(database: Path) -> Path:
    """Return the folder holding the backups of ``database`` (``backups/`` beside it)."""
    return database.parent / BACKUP_DIR_NAME


def list_backups(database: Path) -> list[BackupInfo]:
    """Return the backups of ``database``, oldest first (files of other databases ignored)."""
    folder = backup_dir(database)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or match["stem"] != database.stem:
            continue
        taken = dt.datetime.strptime(match["stamp"], _STAMP)
        found.append(BackupInfo(path, taken, match["reason"]))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


def copy_database(source: Path, target: Path) -> None:
    """Copy an SQLite database online into ``target`` (checked, then renamed into place)."""
    clean_stale(target.parent)
    partial = temporary_name(target)
    try:
        create_private_sqlite(partial)  # readable by its owner only, like the database
        with _connect(source) as src, _connect(partial) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problem = quick_check(dst)
        if problem:
            raise BackupError(f"the copy of {source} failed its check ({problem}): the database "
                              "may be damaged; nothing was replaced")
        partial.replace(target)
    except sqlite3.Error as exc:
        drive = storage_problem(target.parent) if is_drive_error(str(exc)) else None
        raise BackupError(f"could not back up {source}: {drive or exc}; the database itself is "
                          "unchanged") from None
    except OSError as exc:
        raise BackupError(f"could not back up {source} into {target.parent}: "
                          f"{exc.strerror or exc}; nothing was replaced") from None
    finally:
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)


def backup_database(database: Path, reason: str = "manual", target: Path | None = None,
                    now: dt.datetime | None = None, force: bool = False,
                    check_audit: bool = True) -> Path:
    """Back up ``database`` into ``target`` or into its backups folder (then rotate); return it.

    A ``target`` must not be the database, its journal files or in its backups folder, and may
    exist only with ``force`` (OutputRefused otherwise). The copy's audit chain and triggers are
    verified (``check_audit``): a broken audit trail is refused, its copy removed, so a backup
    is always one a restore accepts (the copy kept before a restore is not checked).
    """
    if not database.exists():
        raise BackupError(f"no database at {database}")
    drive = storage_problem(database)
    if drive:  # SQLite would create its journal files beside the database: touch nothing
        raise BackupError(database_storage_message(database, drive))
    if not re.fullmatch(r"[a-z-]+", reason):
        raise ValueError(f"backup reason {reason!r}: use lower-case letters and '-'")
    if target is None:
        folder = backup_dir(database)
        folder.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_DIR)
        stamp = (now or _utcnow()).strftime(_STAMP)
        target = folder / f"{database.stem}-{stamp}-{reason}.sqlite"
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"{database.stem}-{stamp}-{counter}-{reason}.sqlite"
        copy_database(database, target)
        _refuse_broken_copy(database, target, check_audit)
        rotate(database, reason)
        return target
    target = check_output(Path(target), database, force, replace_database=True)
    copy_database(database, target)
    _refuse_broken_copy(database, target, check_audit)
    return target


def _refuse_broken_copy(database: Path, copy: Path, check_audit: bool) -> None:
    if not check_audit:
        return
    problem, report = _audit_check(copy)
    if problem:
        copy.unlink(missing_ok=True)
        raise BackupError(f"no backup of {database} was made: {problem}")
    if report is not None:  # the copy holds the database's rows: the next open starts after it
        from sqlalchemy import create_engine

        from vo_crf.audit.chain_check import save_checkpoint

        engine = create_engine(f"sqlite:///{database}")
        try:
            save_checkpoint(engine, report)
        finally:
            engine.dispose()


def audit_problem(database: Path) -> str | None:
    """Verify the audit chain and triggers of an SQLite file (read-only); the problem or None.

    A file made before the chain existed (migration 0007) only needs its triggers: the
    migration chains its rows when it is opened.
    """
    return _audit_check(database)[0]


def _audit_check(database: Path) -> tuple[str | None, ChainReport | None]:
    from sqlalchemy import create_engine, inspect

    from vo_crf.audit.chain_check import missing_triggers, verify_audit

    engine = create_engine(f"sqlite:///file:{database.resolve()}?mode=ro&uri=true")
    try:
        with engine.connect() as connection:
            if inspect(connection).has_table("audit_chain"):
                report = verify_audit(connection)
                return (None if report.ok else report.summary()), report
            missing = missing_triggers(connection)
    finally:
        engine.dispose()
    return ("the append-only trigger(s) " + ", ".join(missing) + " are missing (the audit "
            "trail can be edited)" if missing else None), None


def rotate(database: Path, reason: str) -> list[Path]:
    """Delete the oldest backups of ``reason`` beyond what ``KEEP`` keeps; return them."""
    keep = KEEP.get(reason, DEFAULT_KEEP)
    same = [b for b in list_backups(database) if b.reason == reason]
    removed = [b.path for b in same[:max(0, len(same) - keep)]]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_source(url: str) -> Path | None:
    """The SQLite file of ``url`` to back up; None for a server database.

    An encrypted database is refused before its file is touched: the backup opens the file with
    Python's own SQLite, and its ``close()`` would drop the locks SQLCipher's SQLite (another
    library in the same process) holds on it, letting another process delete the ``-wal``.
    """
    from sqlalchemy import make_url

    database = sqlite_file(url)
    if database is not None and make_url(url).get_driver_name() == "pysqlcipher":
        raise BackupError(ENCRYPTED_ADVICE)
    return database


def backup_now(project: OpenDatabase, reason: str = "manual") -> Path:
    """Back up the project's database now (e.g. ``reason="close"`` when the GUI closes it)."""
    database = backup_source(project.url)
    if database is None:
        raise BackupError(POSTGRES_ADVICE if project.engine.dialect.name == "postgresql"
                          else f"{project.url} cannot be backed up by vo-crf")
    return backup_database(database, reason)


def last_backup_time(project: OpenDatabase) -> dt.datetime | None:
    """Return when the newest backup was taken (UTC), None when none (or not SQLite)."""
    database = sqlite_file(project.url)
    backups = list_backups(database) if database else []
    return backups[-1].taken_at if backups else None


def maybe_daily_backup(project: OpenDatabase, now: dt.datetime | None = None) -> Path | None:
    """Make the daily backup if the newest backup is older than 24 h; return it (or None).

    Does nothing on PostgreSQL (the server's job).
    """
    if sqlite_file(project.url) is None:
        return None
    newest = last_backup_time(project)
    now = now or _utcnow()
    if newest is not None and now - newest < DAILY_INTERVAL:
        return None
    return backup_now_at(project, "daily", now)


def backup_now_at(project: OpenDatabase, reason: str, now: dt.datetime) -> Path:
    """Like backup_now, with the time stamp given (tests, catching up)."""
    database = backup_source(project.url)
    if database is None:
        raise BackupError(POSTGRES_ADVICE)
    return backup_database(database, reason, now=now)


def quick_check(connection: sqlite3.Connection, full: bool = False) -> str | None:
    """Run ``PRAGMA quick_check`` (or ``integrity_check``); return the problem, None if ok."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [str(r[0]) for r in connection.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows[:5])


def check_file(database: Path, full: bool = False) -> str | None:
    """Check an SQLite file without changing it; return the problem found, None if sound."""
    if not database.is_file():
        return f"no file at {database}"
    try:
        with _connect(database) as connection:
            return quick_check(connection, full)
    except sqlite3.Error as exc:
        return str(exc)


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    """Open a plain autocommit sqlite3 connection, closed at the end of the ``with``."""
    connection = sqlite3.connect(str(path), timeout=10, isolation_level=None)
    try:
        yield connection
    finally:
        connection.close()


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
