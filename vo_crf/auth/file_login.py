"""Checking a login against a study file read-only: restoring over a damaged database.

When the database is too damaged to open, the admin who restores it logs in against the
backup (which a restore has already checked to be a backup of this study). Nothing is written
to the backup: a wrong password is refused without being counted there.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from vo_crf.auth.passwords import verify_password
from vo_crf.auth.permissions import Action, Role
from vo_crf.auth.users import AuthenticationError, CurrentUser
from vo_crf.wording import LOGIN_DEACTIVATED, LOGIN_LOCKED, LOGIN_WRONG, worded


def authenticate_in_file(path: Path, username: str, password: str,
                         now: dt.datetime | None = None) -> CurrentUser:
    """Check a login against the users of an SQLite study file opened read-only."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            row = connection.execute(
                "SELECT role, password_hash, active, locked_until, full_name FROM users "
                "WHERE username = ?", (username,)).fetchone()
    except sqlite3.Error as exc:
        raise AuthenticationError(f"cannot read the users of {path} ({exc})") from None
    if row is None or not verify_password(row[1], password):
        raise worded(AuthenticationError, LOGIN_WRONG)
    role, _hash, active, locked_until, full_name = row
    if not active:
        raise worded(AuthenticationError, LOGIN_DEACTIVATED, username=repr(username))
    if locked_until and dt.datetime.fromisoformat(str(locked_until)) > now:
        raise worded(AuthenticationError, LOGIN_LOCKED)
    return CurrentUser(username, Role(role), full_name or "")


def admin_for_restore(backup: Path, username: str, password: str) -> CurrentUser:
    """Log an admin in against ``backup`` to restore it over a database too damaged to open.

    AuthenticationError for a wrong name or password, a deactivated or locked-out account;
    PermissionDenied for a user who is no admin (restoring is an admin's job, like backups).
    """
    user = authenticate_in_file(backup, username, password)
    user.require(Action.MANAGE_USERS)
    return user
