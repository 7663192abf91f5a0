"""The identity of a study database, and what a restore would replace.

Every study database holds a random identity (``study_identity`` in the key-value table
``project_secrets``, beside the pseudonym key): created with the database, or at the first open
of an older one. Backups and copies carry it, so a restore can tell a backup of this study from
another study's database. A backup made before identities existed is recognised by the
creation row of its audit trail (the first row: same time stamp, same user), which no other
database shares.

:func:`preview_restore` reads both files (read-only, with ``sqlite3``) and says what a restore
replaces: when the backup was made, the changes and users recorded since.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from vo_crf.audit.trail import TrailRow, expand_all, trail_columns

STUDY_IDENTITY = "study_identity"
"""The name of the identity row in ``project_secrets``."""

VALUE_ACTIONS = ("value_insert", "value_update", "value_delete", "hidden_value_cleared")


def ensure_study_identity(engine: Engine) -> str:
    """Return the database's study identity, creating it if the database has none yet."""
    from vo_crf.db.engine import read_session, write_transaction
    from vo_crf.db.models import ProjectSecret

    with read_session(engine) as session:
        stored = session.get(ProjectSecret, STUDY_IDENTITY)
    if stored is not None:
        return stored.value
    try:
        with write_transaction(engine) as session:
            session.add(ProjectSecret(name=STUDY_IDENTITY, value=secrets.token_hex(16)))
    except IntegrityError:
        pass  # created meanwhile by another connection: use that one
    with read_session(engine) as session:
        stored = session.get(ProjectSecret, STUDY_IDENTITY)
    assert stored is not None
    return stored.value


@dataclass(frozen=True)
class DatabaseFacts:
    """What a restore needs to know about one database file (None: could not be read)."""

    identity: str | None = None
    creation: tuple[str, str] | None = None
    """The first audit row's (time stamp, user): the database's birth certificate."""
    last_audit_id: int = 0
    last_change_at: str | None = None
    users: dict[str, str] = field(default_factory=dict)
    """User name -> role."""
    readable: bool = True


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                 isolation_level=None)
    with closing(connection):
        yield connection


def database_facts(path: Path) -> DatabaseFacts:
    """Read identity, creation row, last audit row and users of an SQLite study file."""
    try:
        with _read_only(path) as connection:
            identity_row = connection.execute(
                "SELECT value FROM project_secrets WHERE name = ?", (STUDY_IDENTITY,)).fetchone()
            first = connection.execute(
                "SELECT at, username FROM audit_log ORDER BY id LIMIT 1").fetchone()
            last = connection.execute(
                "SELECT id, at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
            users = dict(connection.execute("SELECT username, role FROM users").fetchall())
    except sqlite3.Error:
        return DatabaseFacts(readable=False)
    return DatabaseFacts(
        identity=identity_row[0] if identity_row else None,
        creation=(str(first[0]), str(first[1])) if first else None,
        last_audit_id=int(last[0]) if last else 0,
        last_change_at=str(last[1])[:19] if last else None, users=users)


def same_study(current: DatabaseFacts, backup: DatabaseFacts) -> bool | None:
    """True/False when the two files are known to be (not to be) the same study; None: unknown."""
    if current.identity and backup.identity:
        return current.identity == backup.identity
    if current.creation and backup.creation:
        return current.creation == backup.creation
    return None


@dataclass(frozen=True)
class RestorePreview:
    """What restoring ``backup`` over ``database`` replaces."""

    database: Path
    backup: Path
    backup_taken: str
    last_change_in_backup: str
    changes_since: int
    value_changes_since: int
    records_changed_since: int
    users_removed: tuple[str, ...]
    users_restored: tuple[str, ...]
    current_readable: bool

    def text(self) -> str:
        """Say, in a few lines, what the restore replaces."""
        lines = [f"Restore {self.database} from the backup {self.backup.name} "
                 f"(made {self.backup_taken} UTC; its last recorded change: "
                 f"{self.last_change_in_backup} UTC)."]
        if not self.current_readable:
            lines.append("The current database cannot be read (damaged): what it holds since "
                         "the backup is unknown; it is kept in the backups folder.")
            return "\n".join(lines)
        if self.changes_since:
            lines.append(
                f"Removed by the restore: {self.changes_since} change(s) recorded since the "
                f"backup ({self.value_changes_since} value change(s) on "
                f"{self.records_changed_since} patient(s)).")
        else:
            lines.append("Nothing was recorded in the database since the backup.")
        if self.users_removed:
            lines.append("Users added since the backup (removed by the restore): "
                         + ", ".join(self.users_removed) + ".")
        if self.users_restored:
            lines.append("Users of the backup no longer in the database (they come back): "
                         + ", ".join(self.users_restored) + ".")
        lines.append("The current database is kept as a copy in the backups folder.")
        return "\n".join(lines)


def check_same_study(database: Path, backup: Path) -> tuple[DatabaseFacts, DatabaseFacts]:
    """Refuse (BackupError) a backup that is not known to belong to this study database.

    When the identity cannot be told (a damaged database, an old backup), only a backup from
    this database's own backups folder is accepted.
    """
    from vo_crf.db.backup import BackupError, backup_dir
    from vo_crf.wording import RESTORE_OTHER_STUDY, RESTORE_UNKNOWN_STUDY, worded

    current = database_facts(database) if database.exists() else DatabaseFacts(readable=False)
    found = database_facts(backup)
    same = same_study(current, found)
    if same is False:
        raise worded(BackupError, RESTORE_OTHER_STUDY, backup=backup, database=database)
    if same is None and backup.resolve().parent != backup_dir(database).resolve():
        raise worded(BackupError, RESTORE_UNKNOWN_STUDY, backup=backup, database=database,
                     folder=backup_dir(database))
    return current, found


def preview_restore(database: Path, backup: Path) -> RestorePreview:
    """Say what restoring ``backup`` over ``database`` replaces (BackupError: other study)."""
    database, backup = Path(database), Path(backup)
    current, found = check_same_study(database, backup)
    changes = values = records = 0
    if current.readable:
        with _read_only(database) as connection:
            columns = trail_columns(
                row[1] for row in connection.execute("PRAGMA table_info(audit_log)"))
            entries = expand_all(TrailRow(*row) for row in connection.execute(
                f"SELECT {columns} FROM audit_log WHERE id > ? ORDER BY id",
                (found.last_audit_id,)))
            changes = len(entries)
            values = sum(1 for entry in entries if entry.action in VALUE_ACTIONS)
            records = len({entry.record_id for entry in entries if entry.record_id is not None})
    taken = dt.datetime.fromtimestamp(backup.stat().st_mtime, dt.UTC)
    return RestorePreview(
        database=database, backup=backup, backup_taken=taken.strftime("%Y-%m-%d %H:%M:%S"),
        last_change_in_backup=(found.last_change_at or "none").replace("T", " "),
        changes_since=int(changes or 0), value_changes_since=int(values or 0),
        records_changed_since=int(records or 0),
        users_removed=tuple(sorted(set(current.users) - set(found.users))),
        users_restored=tuple(sorted(set(found.users) - set(current.users))),
        current_readable=current.readable)
