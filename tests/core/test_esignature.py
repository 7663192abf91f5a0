"""E-signatures: every signature announced is recorded (audit row + signed by/at), locked or not."""

from __future__ import annotations

import pytest
from accounts import PASSWORDS
from sqlalchemy import select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.entry import EntryError, EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import SignatureError, lock, lock_all, sign, unlock, verify
from vo_crf.project import Project

CLINICAL = {"clin_date": "2007-06-14", "clin_temp": "38.5", "clin_pain_vas": "7"}


def _actions(project: Project, record_id: str, form: str | None = None) -> list[str]:
    with read_session(project.engine) as session:
        statement = (select(AuditEntry.action, AuditEntry.form)
                     .where(AuditEntry.record_id == record_id, AuditEntry.field.is_(None))
                     .order_by(AuditEntry.id))
        return [action for action, where in session.execute(statement)
                if form is None or where == form]


@pytest.fixture
def patient(project: Project, nurse: CurrentUser) -> str:
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(record_id, "m0_arm_1", "clinical"), CLINICAL, 2)
    service.save_form(FormKey(record_id, "m0_arm_1", "microbiology"),
                      {"micro_organism": "1"}, 2)
    return record_id


def test_signing_a_form_locked_beforehand_records_the_signature(
        project: Project, patient: str, users: dict[str, CurrentUser]) -> None:
    inv = users["inv"]
    clinical = FormKey(patient, "m0_arm_1", "clinical")
    assert len(lock(project, inv, patient, clinical, reason="monitored").forms) == 1
    signed = lock(project, inv, patient, clinical, reason="I confirm these data",
                  signature_password=PASSWORDS["inv"])
    assert signed.forms == {(patient, "m0_arm_1", "clinical", 1)}  # locked already (one
    # lock row below) ...
    state = EntryService(project, inv).open_form(clinical)
    assert state.signed_by == "inv" and state.signed_at is not None  # ... and is signed
    assert _actions(project, patient, "clinical")[-2:] == ["lock", "esign"]


def test_signing_a_patient_signs_every_form_locked_or_not(
        project: Project, patient: str, users: dict[str, CurrentUser]) -> None:
    inv = users["inv"]
    lock(project, inv, patient, FormKey(patient, "m0_arm_1", "clinical"))
    done = sign(project, inv, patient, password=PASSWORDS["inv"], reason="reviewed")
    assert (done.signed, done.newly_locked) == (3, 2)  # enrolment, clinical, microbiology
    service = EntryService(project, inv)
    for form in ("enrolment", "clinical", "microbiology"):
        state = service.open_form(FormKey(patient, "m0_arm_1", form))
        assert (state.locked_by, state.signed_by) == ("inv", "inv")
        assert _actions(project, patient, form).count("esign") == 1


def test_a_wrong_password_signs_nothing(project: Project, patient: str,
                                        users: dict[str, CurrentUser]) -> None:
    with pytest.raises(SignatureError, match="password is wrong"):
        sign(project, users["inv"], patient, password="guess")
    assert "esign" not in _actions(project, patient)
    assert EntryService(project, users["inv"]).open_form(
        FormKey(patient, "m0_arm_1", "clinical")).signed_by is None


def test_unlocking_withdraws_the_signature_with_audit(project: Project, patient: str,
                                                      users: dict[str, CurrentUser]) -> None:
    inv = users["inv"]
    clinical = FormKey(patient, "m0_arm_1", "clinical")
    sign(project, inv, patient, clinical, password=PASSWORDS["inv"])
    assert len(unlock(project, inv, patient, "monitor query", clinical).forms) == 1
    state = EntryService(project, inv).open_form(clinical)
    assert (state.locked_by, state.signed_by) == (None, None)
    assert _actions(project, patient, "clinical")[-2:] == ["unlock", "esign_withdrawn"]


def test_review_actions_that_do_nothing_are_refused_not_announced(
        project: Project, patient: str, users: dict[str, CurrentUser]) -> None:
    inv = users["inv"]
    clinical = FormKey(patient, "m0_arm_1", "clinical")
    with pytest.raises(EntryError, match="clinical at m0_arm_1 of 01-001 is not locked"):
        unlock(project, inv, patient, "why", clinical)
    verify(project, inv, clinical)
    with pytest.raises(EntryError, match="already verified by inv"):
        verify(project, inv, clinical)
    lock(project, inv, patient, clinical)
    with pytest.raises(EntryError, match="already locked by inv"):
        lock(project, inv, patient, clinical)
    assert _actions(project, patient, "clinical")[-2:] == ["verify", "lock"]


def test_lock_all_locks_every_form_of_every_record(project: Project, patient: str,
                                                   nurse: CurrentUser,
                                                   users: dict[str, CurrentUser]) -> None:
    other = create_record(project, nurse, "2")
    EntryService(project, nurse).save_form(FormKey(other, "m0_arm_1", "clinical"), CLINICAL, 0)
    lock(project, users["inv"], patient, FormKey(patient, "m0_arm_1", "clinical"))
    with pytest.raises(EntryError, match="needs a reason"):
        lock_all(project, users["inv"], " ")
    assert lock_all(project, users["inv"], "database lock") == (4, 2)
    service = EntryService(project, nurse)
    for key in (FormKey(patient, "m0_arm_1", "microbiology"),
                FormKey(other, "m0_arm_1", "clinical")):
        assert service.open_form(key).locked
    assert _actions(project, other, "clinical")[-1] == "lock"
