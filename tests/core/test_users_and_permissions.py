"""Users, roles and the permission matrix, enforced by the core services themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from accounts import PASSWORDS
from sqlalchemy import select, text

from vo_crf.auth.permissions import PERMISSIONS, Action, PermissionDenied, Role
from vo_crf.auth.users import (
    LOCKOUT_MINUTES,
    MAX_FAILED_LOGINS,
    AuthenticationError,
    CurrentUser,
    authenticate,
    create_user,
    reset_password,
    set_active,
    set_role,
)
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, User, utcnow
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, unlock, verify
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.project import Project


def test_login_returns_the_role(project: Project) -> None:
    user = authenticate(project.engine, "nurse", PASSWORDS["nurse"])
    assert user == CurrentUser("nurse", Role.NURSE)


def test_passwords_are_stored_only_as_argon2_hashes(project: Project) -> None:
    with read_session(project.engine) as session:
        hashes = session.scalars(select(User.password_hash)).all()
        audit_text = " ".join(str(v) for row in session.execute(text(
            "SELECT old_value, new_value, reason FROM audit_log")) for v in row)
    assert all(h.startswith("$argon2id$") for h in hashes)
    for password in PASSWORDS.values():
        assert all(password not in h for h in hashes)
        assert password not in audit_text


def test_repeated_failures_lock_the_account(project: Project) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError, match="wrong user name or password"):
            authenticate(project.engine, "nurse", "not-the-password")
    with pytest.raises(AuthenticationError, match="locked"):
        authenticate(project.engine, "nurse", PASSWORDS["nurse"])
    later = utcnow() + dt.timedelta(minutes=LOCKOUT_MINUTES + 1)
    assert authenticate(project.engine, "nurse", PASSWORDS["nurse"], now=later).role is Role.NURSE


def test_deactivated_user_cannot_log_in(project: Project, users: dict[str, CurrentUser]) -> None:
    set_active(project.engine, users["admin"], "nurse", False)
    with pytest.raises(AuthenticationError, match="deactivated"):
        authenticate(project.engine, "nurse", PASSWORDS["nurse"])


def test_only_admin_manages_users(project: Project, users: dict[str, CurrentUser]) -> None:
    for name in ("inv", "nurse", "stat"):
        with pytest.raises(PermissionDenied, match="manage users"):
            create_user(project.engine, users[name], "new1", "harbour-lamp-123", Role.NURSE)
        with pytest.raises(PermissionDenied):
            set_role(project.engine, users[name], "nurse", Role.ADMIN)
    create_user(project.engine, users["admin"], "new1", "harbour-lamp-123", Role.NURSE)
    reset_password(project.engine, users["admin"], "new1", "harbour-lamp-456")
    assert authenticate(project.engine, "new1", "harbour-lamp-456").role is Role.NURSE
    with read_session(project.engine) as session:
        actions = session.scalars(select(AuditEntry.action)
                                  .where(AuditEntry.new_value == "new1")).all()
    assert actions == ["user_create", "user_update"]


def test_weak_password_is_refused(project: Project, users: dict[str, CurrentUser]) -> None:
    with pytest.raises(ValueError, match="at least 8 characters"):
        create_user(project.engine, users["admin"], "new2", "short", Role.NURSE)


def test_permission_matrix() -> None:
    assert PERMISSIONS[Role.ADMIN] == frozenset(Action)
    assert Action.LOCK not in PERMISSIONS[Role.NURSE]
    assert Action.VERIFY not in PERMISSIONS[Role.NURSE]
    assert Action.EDIT_DATA not in PERMISSIONS[Role.STATISTICIAN]
    assert Action.VIEW_IDENTIFIERS not in PERMISSIONS[Role.STATISTICIAN]
    assert Action.MANAGE_USERS not in PERMISSIONS[Role.INVESTIGATOR]
    assert {Action.VERIFY, Action.LOCK, Action.UNLOCK} <= PERMISSIONS[Role.INVESTIGATOR]


def _complete_microbiology(project: Project, user: CurrentUser) -> FormKey:
    record_id = create_record(project, user, "1")
    key = FormKey(record_id, "m0_arm_1", "microbiology")
    EntryService(project, user).save_form(key, {"micro_organism": "1"}, 2)
    return key


def test_services_enforce_the_matrix(project: Project, users: dict[str, CurrentUser],
                                     tmp_path) -> None:  # noqa: ANN001
    key = _complete_microbiology(project, users["nurse"])
    with pytest.raises(PermissionDenied, match="nurse .* not allowed to verify"):
        verify(project, users["nurse"], key)
    with pytest.raises(PermissionDenied, match="not allowed to lock"):
        lock(project, users["nurse"], key.record_id, key)
    with pytest.raises(PermissionDenied, match="edit data"):
        EntryService(project, users["stat"]).save_form(key, {"micro_organism": "2"}, 2,
                                                       reason="x")
    with pytest.raises(PermissionDenied, match="create record"):
        create_record(project, users["stat"], "1")
    with pytest.raises(PermissionDenied, match="export identified"):
        export_redcap_csv(project, users["stat"], tmp_path / "x.csv")
    export_redcap_csv(project, users["stat"], tmp_path / "x.csv", deidentified=True)
    verify(project, users["inv"], key)
    assert len(lock(project, users["inv"], key.record_id, key, reason="monitored").forms) == 1
    assert len(unlock(project, users["inv"], key.record_id, "query from monitor", key).forms) == 1
