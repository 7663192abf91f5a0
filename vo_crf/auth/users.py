"""Users: creation, login with lockout, deactivation, password reset and role change."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.passwords import check_password_strength, hash_password, verify_password
from vo_crf.auth.permissions import Action, Role, allowed, require
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import StudyDefinitionRow, User, utcnow
from vo_crf.wording import LOGIN_DEACTIVATED, LOGIN_LOCKED_FOR, LOGIN_WRONG, worded

MAX_FAILED_LOGINS = 5
LOCKOUT_MINUTES = 15
_USERNAME = re.compile(r"^[A-Za-z0-9_.\-@]{2,100}$")
UNKNOWN_USER = "(unknown user)"
"""Who a failed login by a name that is no user is recorded under: the typed name may be a
password typed in the wrong box, so it is never stored."""


@dataclass(frozen=True)
class CurrentUser:
    """The logged-in user, as every core service receives it."""

    username: str
    role: Role
    full_name: str = ""

    def can(self, action: Action) -> bool:
        """True when this user's role allows ``action``."""
        return allowed(self.role, action)

    def require(self, action: Action) -> None:
        """Raise PermissionDenied unless this user may perform ``action``."""
        require(self.username, self.role, action)


class AuthenticationError(Exception):
    """Login refused: wrong name or password, inactive account or locked out."""


SYSTEM_USER = CurrentUser("system", Role.ADMIN, "vo-crf")
"""The identity used for set-up steps before any user exists (``init``)."""


def create_user(engine: Engine, actor: CurrentUser, username: str, password: str, role: Role | str,
                full_name: str = "") -> CurrentUser:
    """Create a user (admin only); the password is stored only as an Argon2id hash."""
    actor.require(Action.MANAGE_USERS)
    if not _USERNAME.match(username):
        raise ValueError(f"user name {username!r}: use 2-100 letters, digits or . _ - @")
    role = Role(role)
    with write_transaction(engine) as session:
        check_password_strength(password, username, _study_name(session))
        if session.scalar(select(User).where(User.username == username)) is not None:
            raise ValueError(f"user {username!r} already exists")
        session.add(User(username=username, full_name=full_name, role=role.value,
                         password_hash=hash_password(password), active=True, failed_logins=0))
        write_audit(session, actor.username, AuditAction.USER_CREATE, new_value=username,
                    reason=f"role {role.value}")
    return CurrentUser(username, role, full_name)


def authenticate(engine: Engine, username: str, password: str,
                 now: dt.datetime | None = None) -> CurrentUser:
    """Check a login; count failures and lock the account after too many of them.

    Failed attempts are committed (and audited) before the refusal is raised.
    """
    now = now or utcnow()
    with write_transaction(engine) as session:
        refusal, user = _check_login(session, username, password, now)
        if user is not None and refusal is None:
            return CurrentUser(user.username, Role(user.role), user.full_name)
    raise refusal or AuthenticationError(LOGIN_WRONG)


def _check_login(session: Session, username: str, password: str,
                 now: dt.datetime) -> tuple[AuthenticationError | None, User | None]:
    """Return (the refusal or None, user row); update counters and write the audit row."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        write_audit(session, UNKNOWN_USER, AuditAction.LOGIN_FAILED, reason="unknown user")
        return worded(AuthenticationError, LOGIN_WRONG), None
    if not user.active:
        write_audit(session, username, AuditAction.LOGIN_FAILED, reason="account inactive")
        return worded(AuthenticationError, LOGIN_DEACTIVATED, username=repr(username)), user
    if user.locked_until is not None and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        write_audit(session, username, AuditAction.LOGIN_FAILED, reason="account locked")
        return worded(AuthenticationError, LOGIN_LOCKED_FOR, minutes=minutes), user
    if not verify_password(user.password_hash, password):
        _count_failure(session, user, now, "wrong password")
        return worded(AuthenticationError, LOGIN_WRONG), user
    user.failed_logins = 0
    user.locked_until = None
    write_audit(session, username, AuditAction.LOGIN)
    return None, user


def _count_failure(session: Session, user: User, now: dt.datetime, reason: str) -> None:
    """Count one wrong password of ``user``, lock the account at the limit, audit it."""
    user.failed_logins += 1
    if user.failed_logins >= MAX_FAILED_LOGINS:
        user.locked_until = now + dt.timedelta(minutes=LOCKOUT_MINUTES)
        user.failed_logins = 0
        reason = f"{reason}; account locked for {LOCKOUT_MINUTES} minutes"
    write_audit(session, user.username, AuditAction.LOGIN_FAILED, reason=reason)


def confirm_password(engine: Engine, user: CurrentUser, password: str,
                     now: dt.datetime | None = None) -> bool:
    """Re-check the logged-in user's password (e-signature, idle unlock).

    A wrong password counts toward the lockout and is audited exactly as a failed login
    (21 CFR 11.300); a locked or deactivated account is refused even with the right password.
    A right password clears the count of failures.
    """
    now = now or utcnow()
    with write_transaction(engine) as session:
        row = session.scalar(select(User).where(User.username == user.username))
        if row is None or not row.active:
            write_audit(session, user.username, AuditAction.LOGIN_FAILED,
                        reason="password confirmation: account inactive or unknown")
            return False
        if row.locked_until is not None and row.locked_until > now:
            write_audit(session, user.username, AuditAction.LOGIN_FAILED,
                        reason="password confirmation: account locked")
            return False
        if not verify_password(row.password_hash, password):
            _count_failure(session, row, now, "wrong password (e-signature or unlock)")
            return False
        row.failed_logins = 0
        return True


def lockout_minutes(engine: Engine, username: str, now: dt.datetime | None = None) -> int:
    """Return how many more minutes ``username`` is locked out (0 when not locked)."""
    now = now or utcnow()
    with read_session(engine) as session:
        locked_until = session.scalar(select(User.locked_until)
                                      .where(User.username == username))
    if locked_until is None or locked_until <= now:
        return 0
    return max(1, int((locked_until - now).total_seconds() // 60) + 1)


def list_users(engine: Engine) -> list[User]:
    """Return every user, by name."""
    with read_session(engine) as session:
        return list(session.scalars(select(User).order_by(User.username)))


def set_active(engine: Engine, actor: CurrentUser, username: str, active: bool) -> None:
    """Activate or deactivate an account (admin only; an admin cannot deactivate themself)."""
    actor.require(Action.MANAGE_USERS)
    if not active and username == actor.username:
        raise ValueError("you cannot deactivate your own account")
    with write_transaction(engine) as session:
        user = _get(session, username)
        if user.active != active:
            user.active = active
            write_audit(session, actor.username, AuditAction.USER_UPDATE, new_value=username,
                        reason="activated" if active else "deactivated")


def reset_password(engine: Engine, actor: CurrentUser, username: str, new_password: str) -> None:
    """Set a new password (admin for anyone; every user for themself) and clear the lockout."""
    if actor.username != username:
        actor.require(Action.MANAGE_USERS)
    with write_transaction(engine) as session:
        check_password_strength(new_password, username, _study_name(session))
        user = _get(session, username)
        user.password_hash = hash_password(new_password)
        user.failed_logins = 0
        user.locked_until = None
        write_audit(session, actor.username, AuditAction.USER_UPDATE, new_value=username,
                    reason="password reset")


def set_role(engine: Engine, actor: CurrentUser, username: str, role: Role | str) -> None:
    """Change a user's role (admin only)."""
    actor.require(Action.MANAGE_USERS)
    role = Role(role)
    with write_transaction(engine) as session:
        user = _get(session, username)
        if user.role != role.value:
            write_audit(session, actor.username, AuditAction.USER_UPDATE, new_value=username,
                        old_value=user.role, reason=f"role {user.role} -> {role.value}")
            user.role = role.value


def _study_name(session: Session) -> str:
    """Return the name of the study (latest definition), '' before one is loaded."""
    name = session.scalar(select(StudyDefinitionRow.name)
                          .order_by(StudyDefinitionRow.version.desc()).limit(1))
    return name or ""


def _get(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise ValueError(f"no user called {username!r}")
    return user
