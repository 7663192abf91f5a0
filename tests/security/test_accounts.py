"""Accounts: new users' passwords, failed-login records, e-signature attempts (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from accounts import PASSWORDS
from sqlalchemy import select

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import (
    MAX_FAILED_LOGINS,
    AuthenticationError,
    CurrentUser,
    authenticate,
    create_user,
    reset_password,
)
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, User
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import SignatureError, lock
from vo_crf.exchange.odm_export import export_odm
from vo_crf.project import Project

ADMIN = CurrentUser("admin", Role.ADMIN)
INVESTIGATOR = CurrentUser("inv", Role.INVESTIGATOR)


def _cli(*args: str, new_password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS["admin"]}
    env.pop("VO_CRF_NEW_PASSWORD", None)
    if new_password is not None:
        env["VO_CRF_NEW_PASSWORD"] = new_password
    return subprocess.run([sys.executable, "-m", "vo_crf", *args], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)


def _audit_rows(project: Project) -> list[AuditEntry]:
    with read_session(project.engine) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_user_add_without_terminal_or_new_password_is_refused(db_path: Path) -> None:
    added = _cli("user", "add", "--db", str(db_path), "--user", "admin", "zoe",
                 "--role", "nurse")
    assert added.returncode != 0
    assert "VO_CRF_NEW_PASSWORD" in added.stderr and "zoe" in added.stderr
    assert "Traceback" not in added.stderr
    # the admin's own password does not open the account: there is no account
    login = _cli("export", "--db", str(db_path), "--user", "zoe", str(db_path.with_name("x")))
    assert login.returncode != 0


@pytest.mark.parametrize("password", ["password1234", "Password1234", "dragon1987!",
                                      "aaaaaaaaaaaa", "abcabcabcabc", "12345678",
                                      "zoe2026zoe", "ZOE-2026", "azertyuiop"])
def test_common_or_guessable_passwords_are_refused(project: Project, password: str) -> None:
    with pytest.raises(ValueError, match="password") as refused:
        create_user(project.engine, ADMIN, "zoe", password, Role.NURSE)
    assert "password" in str(refused.value)
    if "zoe" not in password.lower():
        with pytest.raises(ValueError):
            reset_password(project.engine, ADMIN, "nurse", password)
    with read_session(project.engine) as session:
        assert session.scalar(select(User).where(User.username == "zoe")) is None


def test_cli_user_add_refuses_a_common_password_with_a_clear_message(db_path: Path) -> None:
    added = _cli("user", "add", "--db", str(db_path), "--user", "admin", "zoe",
                 "--role", "nurse", new_password="password1234")
    assert added.returncode == 1
    assert "common password" in added.stderr and "Traceback" not in added.stderr


def test_the_study_name_is_not_a_password(project: Project) -> None:
    name = project.study.name
    with pytest.raises(ValueError, match="study name"):
        create_user(project.engine, ADMIN, "zoe", name + "!", Role.NURSE)


def test_a_reasonable_password_is_accepted(project: Project) -> None:
    create_user(project.engine, ADMIN, "zoe", "violet-harbour-27", Role.NURSE)
    assert authenticate(project.engine, "zoe", "violet-harbour-27").username == "zoe"


def test_a_password_typed_as_user_name_is_never_stored(project: Project, tmp_path: Path
                                                       ) -> None:
    typed = "Tr0ub4dor&3-secret"
    with pytest.raises(AuthenticationError):
        authenticate(project.engine, typed, "")
    with pytest.raises(AuthenticationError):
        authenticate(project.engine, "nurse", "not-the-password")
    rows = _audit_rows(project)
    failed = [r for r in rows if r.action == "login_failed"]
    assert [r.username for r in failed] == ["(unknown user)", "nurse"]
    for row in rows:
        assert typed not in " ".join(str(v) for v in (row.username, row.old_value,
                                                       row.new_value, row.reason))
    export_odm(project, ADMIN, tmp_path / "audit.xml")
    text = (tmp_path / "audit.xml").read_text(encoding="utf-8")
    assert typed not in text and "Tr0ub4dor" not in text


def _signable(project: Project) -> FormKey:
    record_id = create_record(project, INVESTIGATOR, "1")
    key = FormKey(record_id, "m0_arm_1", "microbiology")
    EntryService(project, INVESTIGATOR).save_form(key, {"micro_organism": "4"}, 2)
    return key


def test_wrong_e_signature_passwords_are_audited_and_lock_the_account(project: Project
                                                                      ) -> None:
    key = _signable(project)
    before = len([r for r in _audit_rows(project) if r.action == "login_failed"])
    for _ in range(MAX_FAILED_LOGINS + 1):
        with pytest.raises(SignatureError):
            lock(project, INVESTIGATOR, key.record_id, key, signature_password="wrong-guess")
    failed = [r for r in _audit_rows(project) if r.action == "login_failed"]
    assert len(failed) - before == MAX_FAILED_LOGINS + 1
    assert all(r.username == "inv" for r in failed[before:])
    assert "locked" in failed[before + MAX_FAILED_LOGINS - 1].reason
    # the seventh attempt, with the right password, does not sign: the account is locked
    with pytest.raises(SignatureError):
        lock(project, INVESTIGATOR, key.record_id, key,
             signature_password=PASSWORDS["inv"])
    assert not [r for r in _audit_rows(project) if r.action in ("esign", "lock")]
    with pytest.raises(AuthenticationError, match="locked"):
        authenticate(project.engine, "inv", PASSWORDS["inv"])


def test_wrong_e_signature_passwords_count_with_wrong_logins(project: Project) -> None:
    key = _signable(project)
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthenticationError):
            authenticate(project.engine, "inv", "wrong-guess")
    with pytest.raises(SignatureError):
        lock(project, INVESTIGATOR, key.record_id, key, signature_password="wrong-guess")
    with pytest.raises(AuthenticationError, match="locked"):
        authenticate(project.engine, "inv", PASSWORDS["inv"])


def test_a_right_e_signature_password_signs_and_clears_the_count(project: Project) -> None:
    key = _signable(project)
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(SignatureError):
            lock(project, INVESTIGATOR, key.record_id, key, signature_password="wrong-guess")
    assert len(lock(project, INVESTIGATOR, key.record_id, key,
                    signature_password=PASSWORDS["inv"]).forms) == 1
    with read_session(project.engine) as session:
        user = session.scalar(select(User).where(User.username == "inv"))
        assert user is not None and user.failed_logins == 0
