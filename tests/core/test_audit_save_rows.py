"""One audit row per form save listing its changes (issue 15 item 6, the audit part).

A save of N changed fields writes one ``form_save`` row whose ``changes`` column lists them;
what a user reads (field history, ODM audit trail, casebook) is still one entry per field, old
per-value rows of older databases read alike, and the chain covers every listed change.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from vo_crf.audit.chain_check import verify_engine
from vo_crf.audit.trail import AuditAction, Where, write_audit
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import AuditEntry, FormInstance
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.exchange.redcap_layout import header
from vo_crf.project import Project

ADMIN = CurrentUser("admin", Role.ADMIN)
CLINICAL = {"clin_date": "2007-06-14", "clin_pain_vas": "3", "clin_temp": "38.2"}


def _rows_of(project: Project, record_id: str) -> list[AuditEntry]:
    with read_session(project.engine) as session:
        rows = list(session.scalars(select(AuditEntry).where(AuditEntry.record_id == record_id,
                                                             AuditEntry.form == "clinical")
                                    .order_by(AuditEntry.id)))
        session.expunge_all()
    return rows


def test_a_save_of_three_fields_writes_one_audit_row_and_each_field_keeps_its_history(
        project: Project, nurse: CurrentUser) -> None:
    record_id = create_record(project, nurse, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    service = EntryService(project, nurse)
    state = service.save_form(key, CLINICAL, 1)
    assert len(_rows_of(project, record_id)) == 1
    service.save_form(key, {**CLINICAL, "clin_pain_vas": "5"}, 1, reason="patient re-asked",
                      expected_version=state.state.version)
    assert len(_rows_of(project, record_id)) == 2
    investigator = EntryService(project, CurrentUser("inv", Role.INVESTIGATOR))
    pain = investigator.field_history(key, "clin_pain_vas")
    assert [(e.username, e.action, e.old_value, e.new_value, e.reason) for e in pain] == [
        ("nurse", "value_insert", None, "3", None),
        ("nurse", "value_update", "3", "5", "patient re-asked")]
    temperature = investigator.field_history(key, "clin_temp")
    assert [(e.action, e.old_value, e.new_value) for e in temperature] == [
        ("value_insert", None, "38.2")]


def test_an_import_writes_one_audit_row_per_form_it_fills(project: Project) -> None:
    columns = header(project.study)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for number in (1, 2, 3):
        cells = {"record_id": f"01-00{number}", "redcap_event_name": "m0_arm_1", "site": "1",
                 "initials": "AB", "birth_date": "1950-04-12", "enrol_date": "2003-02-10",
                 "sex": "2", "weight_kg": "71", "bio_date": "2003-02-09", "bio_crp": "120",
                 "bio_esr": "80"}
        writer.writerow([cells.get(c, "") for c in columns])
    with read_session(project.engine) as session:
        before = session.scalar(select(func.max(AuditEntry.id))) or 0
    import_redcap_text(project, ADMIN, out.getvalue(), "three.csv")
    with read_session(project.engine) as session:
        forms = session.scalar(select(func.count()).select_from(FormInstance))
        saves = session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.id > before, AuditEntry.record_id.is_not(None),
            AuditEntry.action != "record_create"))
    assert forms and saves == forms  # enrolment and biology of 3 patients (calcs inside)
    history = EntryService(project, ADMIN).field_history(
        FormKey("01-002", "m0_arm_1", "biology"), "bio_crp")
    assert [(e.action, e.new_value) for e in history] == [("value_insert", "120")]
    assert (history[0].reason or "").startswith("import of three.csv (line 3)")


def test_a_value_changed_inside_a_save_row_is_named_by_audit_verify(
        project: Project, nurse: CurrentUser, db_path: Path) -> None:
    record_id = create_record(project, nurse, "1")
    EntryService(project, nurse).save_form(FormKey(record_id, "m0_arm_1", "clinical"),
                                           CLINICAL, 1)
    assert verify_engine(project.engine).ok
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        row, changes = connection.execute(
            "SELECT id, changes FROM audit_log WHERE changes LIKE '%clin_temp%'").fetchone()
        connection.execute("UPDATE audit_log SET changes = ? WHERE id = ?",
                           (changes.replace("38.2", "37.2"), row))
    connection.close()
    report = verify_engine(project.engine)
    assert not report.ok
    assert any(f"audit row {row} " in line and "hash mismatch" in line
               for line in report.lines())


def test_old_per_value_rows_and_save_rows_read_alike(
        project: Project, nurse: CurrentUser, tmp_path: Path) -> None:
    record_id = create_record(project, nurse, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(project, nurse).save_form(key, CLINICAL, 1)
    with write_transaction(project.engine) as session:  # a row as databases before 0010 hold it
        write_audit(session, "ivan", AuditAction.VALUE_UPDATE,
                    Where(record_id, "m0_arm_1", "clinical", 1, "clin_temp"), "38.2", "38.4",
                    "thermometer recalibrated")
    history = EntryService(project, ADMIN).field_history(key, "clin_temp")
    assert [(e.username, e.old_value, e.new_value, e.reason) for e in history] == [
        ("nurse", None, "38.2", None), ("ivan", "38.2", "38.4", "thermometer recalibrated")]
    assert verify_engine(project.engine).ok
    odm = tmp_path / "audit.xml"
    export_odm(project, ADMIN, odm)
    text = odm.read_text(encoding="utf-8")
    for name, value in CLINICAL.items():  # one AuditRecord per field of the save, as before
        assert f"value_insert {record_id} m0_arm_1 clinical #1 {name}: (none) -&gt; " \
               f"'{value}'</SourceID>" in text
    assert "clinical #1 clin_temp: '38.2' -&gt; '38.4'</SourceID>" in text
    ids = re.findall(r'ID="(AR\.[^"]+)"', text)
    assert len(ids) > len(CLINICAL) and len(ids) == len(set(ids))
