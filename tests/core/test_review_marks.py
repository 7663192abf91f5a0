"""Verify, lock, unlock and sign: each one done leaves an audit row; one that does not apply to
the form's state is refused with a clear message, never announced as done (issue 11, item 15)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.entry import EntryError, EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, review_counts, unlock, verify
from vo_crf.project import Project


def _actions(project: Project, form: str) -> list[str]:
    with read_session(project.engine) as session:
        return list(session.scalars(select(AuditEntry.action).where(AuditEntry.form == form)
                                    .order_by(AuditEntry.id)))


@pytest.fixture
def micro(project: Project, users: dict[str, CurrentUser]) -> FormKey:
    record_id = create_record(project, users["nurse"], "1")
    key = FormKey(record_id, "m0_arm_1", "microbiology")
    EntryService(project, users["nurse"]).save_form(key, {"micro_organism": "1"}, 2)
    return key


def test_unlocking_an_unlocked_form_is_refused_and_writes_nothing(
        project: Project, users: dict[str, CurrentUser], micro: FormKey) -> None:
    before = _actions(project, "microbiology")
    with pytest.raises(EntryError, match="microbiology at m0_arm_1 of 01-001 is not locked"):
        unlock(project, users["inv"], micro.record_id, "query", micro)
    assert _actions(project, "microbiology") == before


def test_locking_a_locked_form_is_refused_and_verifying_twice_writes_nothing(
        project: Project, users: dict[str, CurrentUser], micro: FormKey) -> None:
    verify(project, users["inv"], micro)
    with pytest.raises(EntryError, match="already verified by inv"):  # never announced twice
        verify(project, users["inv"], micro)
    assert len(lock(project, users["inv"], micro.record_id, micro).forms) == 1
    with pytest.raises(EntryError, match="already locked by inv"):
        lock(project, users["inv"], micro.record_id, micro)
    assert len(unlock(project, users["inv"], micro.record_id, "monitor query", micro).forms) == 1
    assert _actions(project, "microbiology")[-3:] == ["verify", "lock", "unlock"]


def test_review_counts_say_what_applies_to_a_patient(
        project: Project, users: dict[str, CurrentUser], micro: FormKey) -> None:
    assert review_counts(project, micro.record_id) == (2, 0)  # enrolment (site), microbiology
    EntryService(project, users["nurse"]).save_form(
        FormKey(micro.record_id, "m0_arm_1", "clinical"), {"clin_temp": "38"}, 0)
    lock(project, users["inv"], micro.record_id, micro)
    assert review_counts(project, micro.record_id) == (3, 1)
    assert review_counts(project, "01-999") == (0, 0)  # a patient not saved yet
