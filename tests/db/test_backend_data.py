"""Data on both backends: entry, concurrent edits, REDCap round trip, users and lockout."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from pathlib import Path

import pytest
from accounts import PASSWORDS
from random_cohort import cohort_csv
from sqlalchemy import func, select

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import (
    LOCKOUT_MINUTES,
    MAX_FAILED_LOGINS,
    AuthenticationError,
    CurrentUser,
    authenticate,
    set_active,
)
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import AuditEntry, Record, utcnow
from vo_crf.entry import ConcurrentEditError, EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project

TODAY = dt.date(2026, 11, 25)


def test_saved_values_and_audit_come_back(backend_project: Project, nurse: CurrentUser) -> None:
    record_id = create_record(backend_project, nurse, "1")
    service = EntryService(backend_project, nurse, today=lambda: TODAY)
    key = FormKey(record_id, "m0_arm_1", "clinical")
    service.save_form(key, {"clin_date": "2007-06-14", "clin_temp": "38.5",
                            "clin_pain_vas": "7"}, 1)
    service.save_form(key, {"clin_temp": "39.0"}, 1)
    state = service.open_form(key)
    assert state.values["clin_temp"] == "39.0" and state.status == 1
    history = service.field_history(key, "clin_temp")
    assert [(h.old_value, h.new_value) for h in history] == [(None, "38.5"), ("38.5", "39.0")]
    assert all(isinstance(h.at, dt.datetime) for h in history)


def test_stale_version_is_refused(backend_project: Project, nurse: CurrentUser) -> None:
    record_id = create_record(backend_project, nurse, "1")
    service = EntryService(backend_project, nurse, today=lambda: TODAY)
    key = FormKey(record_id, "m0_arm_1", "clinical")
    service.save_form(key, {"clin_date": "2007-06-14", "clin_temp": "38.5"}, 0)
    first, second = service.open_form(key), service.open_form(key)
    service.save_form(key, {"clin_temp": "39.0"}, 0, expected_version=first.version)
    with pytest.raises(ConcurrentEditError, match="nothing was overwritten"):
        service.save_form(key, {"clin_temp": "37.0"}, 0, expected_version=second.version)
    assert service.open_form(key).values["clin_temp"] == "39.0"


def test_truly_concurrent_writers_do_not_overwrite(backend_project: Project,
                                                   nurse: CurrentUser) -> None:
    """A second writer waiting on the first one's open transaction gets ConcurrentEditError."""
    record_id = create_record(backend_project, nurse, "1")
    service = EntryService(backend_project, nurse, today=lambda: TODAY)
    key = FormKey(record_id, "m0_arm_1", "clinical")
    service.save_form(key, {"clin_date": "2007-06-14", "clin_temp": "38.5"}, 0)
    version = service.open_form(key).version
    outcome: list[BaseException | None] = []

    def second_writer() -> None:
        try:
            service.save_form(key, {"clin_temp": "37.0"}, 0, expected_version=version)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread
            outcome.append(exc)

    with write_transaction(backend_project.engine) as session:
        record = session.scalar(select(Record).where(Record.record_id == record_id))
        assert record is not None
        service.save_in_session(session, record, key, {"clin_temp": "39.0"}, 0,
                                expected_version=version)
        session.flush()
        writer = threading.Thread(target=second_writer)
        writer.start()
        writer.join(0.5)
        assert writer.is_alive(), "the second writer must wait for the first one"
    writer.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], ConcurrentEditError), outcome
    assert service.open_form(key).values["clin_temp"] == "39.0"


def test_redcap_round_trip(backend_project: Project, tmp_path: Path,
                           users: dict[str, CurrentUser]) -> None:
    source = cohort_csv(backend_project.study, patients=6, seed=3)
    summary = import_redcap_text(backend_project, users["nurse"], source, "cohort.csv")
    assert summary.records_created == 6
    out = tmp_path / "out.csv"
    export_redcap_csv(backend_project, users["inv"], out)
    exported = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    original = list(csv.DictReader(io.StringIO(source)))
    calc = {"age", "delay_days", "out_sequelae", "out_followup_m"}
    assert len(exported) == len(original)
    for before, after in zip(original, exported, strict=True):
        assert {k: v for k, v in before.items() if k not in calc} == \
               {k: v for k, v in after.items() if k not in calc}
    assert any("abcès épidural" in r["img_comment"] or "Œdème" in r["img_comment"]
               for r in exported)
    import_redcap_text(backend_project, users["nurse"], out.read_text(encoding="utf-8"),
                       "out.csv")
    again = tmp_path / "again.csv"
    export_redcap_csv(backend_project, users["inv"], again)
    assert again.read_bytes() == out.read_bytes()
    with read_session(backend_project.engine) as session:
        assert session.scalar(select(func.count()).select_from(Record)) == 6


def test_lockout_and_deactivation(backend_project: Project,
                                  users: dict[str, CurrentUser]) -> None:
    engine = backend_project.engine
    assert authenticate(engine, "nurse", PASSWORDS["nurse"]).role is Role.NURSE
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError, match="wrong user name or password"):
            authenticate(engine, "nurse", "not-the-password")
    with pytest.raises(AuthenticationError, match="locked"):
        authenticate(engine, "nurse", PASSWORDS["nurse"])
    later = utcnow() + dt.timedelta(minutes=LOCKOUT_MINUTES + 1)
    assert authenticate(engine, "nurse", PASSWORDS["nurse"], now=later).role is Role.NURSE
    set_active(engine, users["admin"], "nurse", False)
    with pytest.raises(AuthenticationError, match="deactivated"):
        authenticate(engine, "nurse", PASSWORDS["nurse"], now=later)
    with read_session(engine) as session:
        failures = session.scalar(select(func.count()).select_from(AuditEntry)
                                  .where(AuditEntry.action == "login_failed"))
    assert failures == MAX_FAILED_LOGINS + 2
