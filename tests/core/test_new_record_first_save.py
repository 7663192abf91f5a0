"""A new patient is created by its first saved form, in that form's transaction; proposing one
writes nothing (issue 11, item 15)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.entry import EntryService, FormKey, SaveRefused
from vo_crf.entry.new_record import (
    assess_new_form,
    open_new_form,
    propose_record,
    save_first_form,
)
from vo_crf.entry.records import create_record, list_record_ids
from vo_crf.project import Project


def _audit_count(project: Project) -> int:
    with read_session(project.engine) as session:
        return int(session.scalar(select(func.count(AuditEntry.id))))


def test_proposing_and_opening_a_new_patient_writes_nothing(project: Project,
                                                            nurse: CurrentUser) -> None:
    before = _audit_count(project)
    new = propose_record(project, nurse, "2")
    assert new.record_id == "02-001"
    service = EntryService(project, nurse)
    enrolment = open_new_form(service, new, FormKey(new.record_id, "m0_arm_1", "enrolment"))
    assert enrolment.values["site"] == "2" and not enrolment.exists
    clinical = assess_new_form(service, new, FormKey(new.record_id, "m0_arm_1", "clinical"),
                               {"clin_neuro": "1"}, 0)
    assert "clin_frankel" in clinical.visible
    assert list_record_ids(project) == []
    assert _audit_count(project) == before


def test_the_first_save_creates_the_patient_with_its_site(project: Project,
                                                          nurse: CurrentUser) -> None:
    new = propose_record(project, nurse, "1")
    service = EntryService(project, nurse)
    result = save_first_form(service, new, FormKey(new.record_id, "m0_arm_1", "microbiology"),
                             {"micro_organism": "4"}, 1)
    assert result.state.key.record_id == "01-001" == new.record_id
    assert list_record_ids(project) == ["01-001"]
    assert service.open_form(FormKey("01-001", "m0_arm_1", "enrolment")).values["site"] == "1"
    assert service.open_form(FormKey("01-001", "m0_arm_1", "microbiology")).values == {
        "micro_organism": "4"}
    with read_session(project.engine) as session:
        actions = list(session.scalars(select(AuditEntry.action).where(
            AuditEntry.record_id == "01-001").order_by(AuditEntry.id)))
    assert actions[0] == "record_create"


def test_saving_the_enrolment_first_keeps_the_site_and_the_values(project: Project,
                                                                  nurse: CurrentUser) -> None:
    new = propose_record(project, nurse, "3")
    service = EntryService(project, nurse)
    save_first_form(service, new, FormKey(new.record_id, "m0_arm_1", "enrolment"),
                    {"initials": "AB"}, 0)
    values = service.open_form(FormKey("03-001", "m0_arm_1", "enrolment")).values
    assert values["site"] == "3" and values["initials"] == "AB"


def test_a_refused_first_save_creates_no_patient(project: Project, nurse: CurrentUser) -> None:
    new = propose_record(project, nurse, "1")
    before = _audit_count(project)
    with pytest.raises(SaveRefused, match="'abc' is not a number"):
        save_first_form(EntryService(project, nurse), new,
                        FormKey(new.record_id, "m0_arm_1", "biology"), {"bio_wbc": "abc"}, 0)
    assert list_record_ids(project) == []
    assert _audit_count(project) == before


def test_a_study_number_taken_meanwhile_gives_the_next_one(project: Project,
                                                          nurse: CurrentUser) -> None:
    new = propose_record(project, nurse, "1")
    assert create_record(project, nurse, "1") == new.record_id  # another nurse was quicker
    result = save_first_form(EntryService(project, nurse), new,
                             FormKey(new.record_id, "m0_arm_1", "clinical"), {"clin_temp": "38"},
                             0)
    assert result.state.key.record_id == "01-002"
    assert list_record_ids(project) == ["01-001", "01-002"]
