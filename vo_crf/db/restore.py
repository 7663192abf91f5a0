"""Restoring an SQLite study database from a backup, and the integrity check made at open.

A restore checks the backup completely (``PRAGMA integrity_check``) and that it is a vo-crf
database, refuses to touch a database another program has open, keeps a copy of the file it
replaces in ``backups/`` and records the restore in the audit trail of the restored database.
A full, read-only or forbidden drive is reported as such (``StorageUnavailable``), never as a
damaged database, and nothing is touched.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.backup import (
    BackupError,
    audit_problem,
    backup_database,
    backup_dir,
    check_file,
    copy_database,
    list_backups,
)
from vo_crf.db.study_identity import check_same_study
from vo_crf.output_files import clean_stale, temporary_name
from vo_crf.private_files import create_private
from vo_crf.storage import (
    StorageUnavailable,
    database_storage_message,
    is_drive_error,
    refuse_unusable_storage,
    storage_problem,
)
from vo_crf.wording import (
    RESTORE_FAILS_CHECK,
    RESTORE_IN_USE,
    RESTORE_IN_USE_BECAUSE,
    RESTORE_NO_FILE,
    RESTORE_NOT_STUDY,
    RESTORE_REFUSED,
    RESTORE_SAME_FILE,
    worded,
)

RESTORE_ACTION = "restore"
"""The audit action of a restore (the audit trail of the restored database gets one row)."""


def latest_good_backup(database: Path) -> Path | None:
    """Return the newest backup of ``database`` that passes ``quick_check`` and whose audit
    trail is intact (None if none)."""
    for info in reversed(list_backups(database)):
        if check_file(info.path) is None and audit_problem(info.path) is None:
            return info.path
    return None


def damaged_database_message(database: Path, problem: str) -> str:
    """Explain that ``database`` is damaged, naming the latest good backup and the command.

    Only the first lines of the check's findings are quoted (a damaged file can list hundreds).
    """
    findings = problem.replace("; ", "\n").splitlines()
    shown = "; ".join(findings[:3]) + (f"; … {len(findings) - 3} more" if len(findings) > 3
                                       else "")
    text = f"the study database {database} is damaged ({shown}). "
    good = latest_good_backup(database)
    if good is None:
        return text + (f"No usable backup was found in {backup_dir(database)}: do not write to "
                       "it; ask your data manager (a copy may exist elsewhere).")
    return text + (f"The latest good backup is {good}. Close vo-crf and restore it with:\n"
                   f"  vo-crf restore --db \"{database}\" --user ADMIN_NAME \"{good}\"\n"
                   "(the damaged file is kept in the backups folder)")


def check_at_open(database: Path, writing: bool = True) -> str | None:
    """Run the quick check made when a database is opened; return the message, None if sound.

    Raises StorageUnavailable, without opening the file, when its drive is full, read-only or
    not writable, and when the check itself fails for such a reason (SQLite's "disk I/O error",
    "unable to open database file"): the drive is the problem, not the database.
    ``writing=False`` (a database opened read-only) skips the check of the drive beforehand.
    """
    if writing:
        refuse_unusable_storage(database)
    problem = check_file(database)
    if problem is None:
        return None
    if is_drive_error(problem):
        raise StorageUnavailable(database_storage_message(
            database, storage_problem(database) or f"the drive could not be used ({problem})"))
    return damaged_database_message(database, problem)


def verify_backup(backup: Path) -> None:
    """Refuse a file that is not a complete, sound vo-crf database."""
    if not backup.is_file():
        raise worded(BackupError, RESTORE_NO_FILE, backup=backup)
    problem = check_file(backup, full=True)
    if problem:
        raise worded(BackupError, RESTORE_FAILS_CHECK, backup=backup, problem=problem)
    connection = sqlite3.connect(str(backup), isolation_level=None)
    try:
        tables = {r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()
    if not {"alembic_version", "study_definitions", "audit_log"} <= tables:
        raise worded(BackupError, RESTORE_NOT_STUDY, backup=backup)
    problem = audit_problem(backup)
    if problem:
        raise worded(BackupError, RESTORE_REFUSED, backup=backup, problem=problem)


def restore_database(database: Path, backup: Path, restored_by: CurrentUser) -> Path | None:
    """Replace ``database`` by ``backup``; return where the replaced file was kept (if any).

    ``restored_by`` is the logged-in admin who restores (PermissionDenied for any other role):
    the CLI and the GUI ask for that login first, on the database or, when it is too damaged to
    open, on the backup (:func:`vo_crf.auth.file_login.admin_for_restore`); the audit row of
    the restore names that admin. Raises BackupError when the backup is unsound, belongs to
    another study (see ``vo_crf.db.study_identity``), the database is open elsewhere, or its
    drive is full, read-only or not writable (then nothing is touched).
    """
    restored_by.require(Action.MANAGE_USERS)
    database, backup = Path(database), Path(backup)
    drive = storage_problem(database)
    if drive:
        raise BackupError(database_storage_message(database, drive))
    verify_backup(backup)
    if database.resolve() == backup.resolve():
        raise worded(BackupError, RESTORE_SAME_FILE)
    check_same_study(database, backup)  # another study's database is refused
    kept: Path | None = None
    if database.exists():
        problem = check_file(database)
        if problem is not None and is_drive_error(problem):
            raise BackupError(database_storage_message(
                database, storage_problem(database) or f"the drive could not be used ({problem})"))
        damaged = problem is not None
        if not damaged:
            _refuse_if_in_use(database)
        kept = _keep_replaced(database, damaged)
        if damaged:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(database) + suffix).unlink(missing_ok=True)
    if database.exists():
        _copy_into_existing(backup, database)
    else:
        copy_database(backup, database)
    _audit_restore(database, backup, kept, restored_by.username)
    return kept


def _refuse_if_in_use(database: Path) -> None:
    """Leaving WAL mode needs the only connection: an open database refuses it."""
    connection = sqlite3.connect(str(database), timeout=0, isolation_level=None)
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise worded(BackupError, RESTORE_IN_USE_BECAUSE, database=database,
                     problem=str(exc)) from None
    finally:
        connection.close()
    if str(mode).lower() != "delete":
        raise worded(BackupError, RESTORE_IN_USE, database=database)


def _keep_replaced(database: Path, damaged: bool) -> Path:
    if not damaged:
        return backup_database(database, "before-restore", check_audit=False)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = backup_dir(database) / f"{database.stem}-damaged-{stamp}.sqlite"
    kept.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(kept.parent)
    partial = temporary_name(kept)
    try:  # a complete copy or none: a full disk leaves no empty "damaged" file behind
        shutil.copyfile(database, create_private(partial))
        partial.replace(kept)
    except OSError as exc:
        raise BackupError(f"could not keep a copy of the damaged {database} in {kept.parent} "
                          f"({exc.strerror or exc}): nothing was restored or changed") from None
    finally:
        partial.unlink(missing_ok=True)
    return kept


def _copy_into_existing(backup: Path, database: Path) -> None:
    """Copy the backup's pages over the (closed, not in use) database with the backup API."""
    source = sqlite3.connect(str(backup), isolation_level=None)
    target = sqlite3.connect(str(database), timeout=0, isolation_level=None)
    try:
        source.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"restoring into {database} failed ({exc}); the previous file is "
                          "kept in the backups folder") from None
    finally:
        source.close()
        target.close()


def _audit_restore(database: Path, backup: Path, kept: Path | None, who: str) -> None:
    """Migrate the restored database if needed and add the restore to its audit trail."""
    from vo_crf.db.engine import make_engine, write_transaction
    from vo_crf.db.migrate import upgrade_to_head
    from vo_crf.db.models import AuditEntry, utcnow
    from vo_crf.write.stamp import stamp

    engine = make_engine("sqlite:///" + str(database))
    try:
        upgrade_to_head(engine)
        with write_transaction(engine) as session:
            row = AuditEntry(
                at=utcnow(), username=who, action=RESTORE_ACTION, new_value=backup.name,
                reason=f"restored from {backup}" + (f"; replaced file kept as {kept}"
                                                   if kept else ""))
            session.add(row)
            stamp(session, row)
    finally:
        engine.dispose()

