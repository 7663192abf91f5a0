"""The one writer's audit rows (issue 15 item 1): an amendment, an adjudication and a deletion
write one ``form_save`` row per form instance they touch, listing its changes with the
operation's reason; users still read one entry per change (``vo_crf.audit.trail.expand``)."""

from __future__ import annotations

from pathlib import Path

import dde_study
from amend_support import edit, seed_patients, study_copy
from sqlalchemy import select
from trail_entries import trail_entries

from vo_crf.amend import AmendmentMapping, apply_amendment, prepare_amendment
from vo_crf.audit.trail import SAVE_ACTION, AuditAction, field_history
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.dde import DoubleEntryService
from vo_crf.entry import FormKey
from vo_crf.project import Project
from vo_crf.write import ChangeKind

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project
DICT = "data_dictionary.csv"
BIO = FormKey(dde_study.RECORD, "m0_arm_1", "biology")
FIRST = {"bio_date": "2024-03-05", "bio_crp": "120", "bio_esr": "80", "bio_wbc": "12.5"}


def _rows_after(project: Project, last_id: int) -> list[AuditEntry]:
    with read_session(project.engine) as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.id > last_id)
                                    .order_by(AuditEntry.id)))


def _last_id(project: Project) -> int:
    with read_session(project.engine) as session:
        return int(session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc())
                                  .limit(1)) or 0)


def test_an_amendment_recoding_three_forms_writes_one_row_per_form(
        project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    first, second, third = seed_patients(project, users["nurse"])
    folder = study_copy(tmp_path)
    edit(folder, DICT, '"1, Male | 2, Female"', '"M, Male | F, Female"')
    amendment = prepare_amendment(project, users["admin"], folder)
    before = _last_id(project)

    result = apply_amendment(project, users["admin"], amendment,
                             AmendmentMapping(choices={"sex": {"1": "M", "2": "F"}}))

    assert result.changes.touches_form(second, "m0_arm_1", "enrolment", 1)
    assert (second, "m0_arm_1", "enrolment", 1, "sex") in result.changes.fields
    assert {ChangeKind.VALUES, ChangeKind.STUDY} <= result.changes.kinds

    rows = [row for row in _rows_after(project, before) if row.action == SAVE_ACTION]
    assert sorted((row.record_id, row.form) for row in rows) == [
        (first, "enrolment"), (second, "enrolment"), (third, "enrolment")]
    assert {row.reason for row in rows} == {"protocol amendment v2"}
    with read_session(project.engine) as session:
        history = field_history(session, second, "m0_arm_1", "enrolment", 1, "sex")
    recoded = history[-1]
    assert (recoded.action, recoded.old_value, recoded.new_value, recoded.username,
            recoded.reason) == (AuditAction.VALUE_UPDATE, "2", "F", "admin",
                                "protocol amendment v2: recoded 2 -> F")


def test_an_adjudication_writes_one_row_for_its_form(dde_project: Project,
                                                     users: dict[str, CurrentUser]) -> None:
    DoubleEntryService(dde_project, users["nurse"]).save_entry(BIO, FIRST, 2)
    DoubleEntryService(dde_project, CurrentUser(dde_study.SECOND_NURSE, Role.NURSE)).save_entry(
        BIO, {**FIRST, "bio_crp": "210"}, 2)
    before = _last_id(dde_project)

    DoubleEntryService(dde_project, users["inv"]).adjudicate(
        BIO, {"bio_crp": "120"}, "checked against the lab report")

    rows = [row for row in _rows_after(dde_project, before) if row.form == "biology"]
    assert [row.action for row in rows] == [SAVE_ACTION]
    resolve = trail_entries(dde_project, action=str(AuditAction.DDE_RESOLVE))
    assert [(r.field, r.old_value, r.new_value, r.reason) for r in resolve[:1]] == [
        ("bio_crp", "entry 1: 120 | entry 2: 210", "120", "checked against the lab report")]
    assert {r.field for r in trail_entries(dde_project, action=str(AuditAction.VALUE_INSERT),
                                           form="biology")} == set(FIRST)
