"""The data-entry service: validation, reasons, branching, calculations, audit, concurrency."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from trail_entries import trail_entries

from vo_crf.audit.trail import TrailEntry
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import ItemValue, ProtocolDeviation
from vo_crf.entry import (
    ConcurrentEditError,
    EntryService,
    FormKey,
    FormLockedError,
    Rule,
    SaveRefused,
)
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, verify
from vo_crf.project import Project

TODAY = dt.date(2026, 11, 25)
ENROLMENT = {"initials": "JD", "birth_date": "1950-06-15", "enrol_date": "2007-06-15",
             "consent_date": "2007-06-15", "sex": "1", "symptom_onset_date": "2007-05-01",
             "diagnosis_date": "2007-06-14", "spine_level": "3", "comorb": "1,2"}


@pytest.fixture
def service(project: Project, nurse: CurrentUser) -> EntryService:
    return EntryService(project, nurse, today=lambda: TODAY)


@pytest.fixture
def record_id(project: Project, nurse: CurrentUser) -> str:
    return create_record(project, nurse, "2")


def _audit(project: Project, **where: object) -> list[TrailEntry]:
    return trail_entries(project, **where)


def _value_count(project: Project) -> int:
    with read_session(project.engine) as session:
        return len(session.scalars(select(ItemValue.id)).all())


def test_new_patient_gets_next_study_number_of_its_site(project: Project,
                                                         nurse: CurrentUser) -> None:
    assert [create_record(project, nurse, s) for s in ("1", "1", "2")] == [
        "01-001", "01-002", "02-001"]
    state = EntryService(project, nurse).open_form(FormKey("01-002", "m0_arm_1", "enrolment"))
    assert state.values["site"] == "1"


def test_saved_values_come_back_with_calculations(service: EntryService, record_id: str) -> None:
    key = FormKey(record_id, "m0_arm_1", "enrolment")
    result = service.save_form(key, ENROLMENT, 1)
    state = service.open_form(key)
    assert state.values["comorb"] == "1,2"
    assert state.calc_values == {"age": "57", "delay_days": "44"}
    assert state.status == 1 and state.version == result.state.version


def test_hard_errors_refuse_the_whole_save(project: Project, service: EntryService,
                                           record_id: str) -> None:
    before = _value_count(project)
    with pytest.raises(SaveRefused) as refused:
        service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                          {**ENROLMENT, "sex": "3", "birth_date": "1950-02-30",
                           "weight_kg": "7O"}, 0)
    rules = {(m.field, m.rule) for m in refused.value.errors}
    assert rules == {("sex", Rule.CHOICE), ("birth_date", Rule.DATE), ("weight_kg", Rule.TYPE)}
    assert "Date of birth (birth_date): '1950-02-30' is not a valid date" in str(refused.value)
    assert _value_count(project) == before


def test_out_of_range_needs_a_confirmation_reason(project: Project, service: EntryService,
                                                  record_id: str) -> None:
    key = FormKey(record_id, "m0_arm_1", "clinical")
    values = {"clin_date": "2007-06-14", "clin_temp": "43.5"}
    with pytest.raises(SaveRefused) as refused:
        service.save_form(key, values, 0)
    assert [m.rule for m in refused.value.unconfirmed] == [Rule.RANGE]
    assert "Body temperature (clin_temp): 43.5 is above the maximum 42" in str(refused.value)
    service.save_form(key, values, 0, confirmations={"clin_temp": "checked twice, febrile"})
    (row,) = _audit(project, field="clin_temp")
    assert (row.new_value, row.reason) == ("43.5", "checked twice, febrile")


def test_future_date_is_beyond_today(service: EntryService, record_id: str) -> None:
    with pytest.raises(SaveRefused, match="above the maximum today"):
        service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                          {"consent_date": "2030-01-01"}, 0)


def test_required_fields_block_complete_unless_missing_code(service: EntryService,
                                                            record_id: str) -> None:
    key = FormKey(record_id, "m0_arm_1", "imaging")
    values = {"img_date": "2007-06-14", "img_mri": "1"}
    result = service.save_form(key, values, 0)
    assert result.state.status == 0
    with pytest.raises(SaveRefused) as refused:
        service.save_form(key, values, 2)
    assert [(m.field, m.rule) for m in refused.value.errors] == [("img_ct", Rule.REQUIRED)]
    assert service.save_form(key, {"img_ct": "NASK"}, 2).state.status == 2


def test_hidden_branching_value_is_cleared_and_audited(project: Project, service: EntryService,
                                                       record_id: str) -> None:
    key = FormKey(record_id, "m0_arm_1", "clinical")
    state = service.save_form(key, {"clin_date": "2007-06-14", "clin_neuro": "1",
                                    "clin_frankel": "D"}, 0).state
    assert "clin_frankel" in state.visible
    assessed = service.assess(key, {"clin_neuro": "0"}, 0)
    assert "clin_frankel" not in assessed.visible
    assert any(m.rule is Rule.HIDDEN_VALUE and m.field == "clin_frankel"
               for m in assessed.messages)
    result = service.save_form(key, {"clin_neuro": "0"}, 0)
    assert result.cleared_hidden == ["clin_frankel"]
    assert "clin_frankel" not in service.open_form(key).values
    last = _audit(project, field="clin_frankel")[-1]
    assert (last.action, last.old_value, last.new_value) == ("hidden_value_cleared", "D", None)
    assert "[clin_neuro] = '1'" in last.reason


def test_complete_form_change_needs_a_reason(project: Project, service: EntryService,
                                             record_id: str) -> None:
    key = FormKey(record_id, "m0_arm_1", "microbiology")
    service.save_form(key, {"micro_organism": "1", "micro_source": "1"}, 2)
    with pytest.raises(SaveRefused) as refused:
        service.save_form(key, {"micro_organism": "4"}, 2)
    assert refused.value.reason_required
    service.save_form(key, {"micro_organism": "4"}, 2, reason="biopsy result received")
    last = _audit(project, field="micro_organism")[-1]
    assert (last.old_value, last.new_value, last.reason, last.username) == (
        "1", "4", "biopsy result received", "nurse")


def test_visit_outside_window_is_a_recorded_deviation(project: Project, service: EntryService,
                                                      record_id: str) -> None:
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"), ENROLMENT, 1)
    key = FormKey(record_id, "m3_arm_1", "biology")
    inside = service.assess(key, {"bio_date": "2007-09-12"}, 0)
    assert not [m for m in inside.messages if m.rule is Rule.VISIT_WINDOW]
    with pytest.raises(SaveRefused) as refused:
        service.save_form(key, {"bio_date": "2007-10-20"}, 0)
    assert "day 128 after diagnosis, outside the M3 window (day 76 to 104)" in str(refused.value)
    result = service.save_form(key, {"bio_date": "2007-10-20"}, 0,
                               confirmations={"bio_date": "patient abroad"})
    assert len(result.deviations) == 1
    with read_session(project.engine) as session:
        deviation = session.scalar(select(ProtocolDeviation))
    assert (deviation.record_id, deviation.event, deviation.reason) == (
        record_id, "m3_arm_1", "patient abroad")


def test_antibiotic_stop_before_start_is_refused(service: EntryService, record_id: str) -> None:
    key = FormKey(record_id, "m0_arm_1", "antibiotics", 1)
    with pytest.raises(SaveRefused) as refused:
        service.save_form(key, {"abx_drug": "2", "abx_route": "1", "abx_start": "2007-06-14",
                                "abx_stop": "2007-06-01"}, 0)
    assert [(m.field, m.rule) for m in refused.value.errors] == [("abx_stop", Rule.CROSS_FIELD)]


def test_calcs_are_recomputed_across_events(service: EntryService, record_id: str) -> None:
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"), ENROLMENT, 1)
    outcome = FormKey(record_id, "end_arm_1", "outcome")
    state = service.save_form(outcome, {"out_date": "2008-12-14", "out_seq_pain": "1"}, 0).state
    assert state.calc_values == {"out_sequelae": "1", "out_followup_m": "18"}
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                      {"diagnosis_date": "2007-07-14"}, 1)
    assert service.open_form(outcome).calc_values["out_followup_m"] == "17"


def test_repeating_antibiotic_courses_and_audited_delete(project: Project,
                                                         service: EntryService,
                                                         record_id: str) -> None:
    for number, drug in ((1, "2"), (2, "7")):
        assert service.next_instance(record_id, "m0_arm_1", "antibiotics") == number
        service.save_form(FormKey(record_id, "m0_arm_1", "antibiotics", number),
                          {"abx_drug": drug, "abx_route": "1", "abx_start": "2007-06-14"}, 2)
    courses = service.instances(record_id, "m0_arm_1", "antibiotics")
    assert [c.values["abx_drug"] for c in courses] == ["2", "7"]
    with pytest.raises(SaveRefused):
        service.delete_instance(FormKey(record_id, "m0_arm_1", "antibiotics", 2), " ")
    service.delete_instance(FormKey(record_id, "m0_arm_1", "antibiotics", 2), "entered twice")
    assert len(service.instances(record_id, "m0_arm_1", "antibiotics")) == 1
    deleted = _audit(project, instance=2, action="value_delete")
    assert {r.field for r in deleted} == {"abx_drug", "abx_route", "abx_start"}
    assert {r.reason for r in deleted} == {"entered twice"}


def test_second_writer_does_not_overwrite_the_first(service: EntryService, record_id: str,
                                                    project: Project) -> None:
    key = FormKey(record_id, "m0_arm_1", "clinical")
    service.save_form(key, {"clin_date": "2007-06-14", "clin_temp": "38.5"}, 0)
    first, second = service.open_form(key), service.open_form(key)
    service.save_form(key, {"clin_temp": "39.0"}, 0, expected_version=first.version)
    with pytest.raises(ConcurrentEditError, match="nothing was overwritten"):
        service.save_form(key, {"clin_temp": "37.0"}, 0, expected_version=second.version)
    assert service.open_form(key).values["clin_temp"] == "39.0"


def test_locked_form_is_read_only(project: Project, service: EntryService, record_id: str,
                                  users: dict[str, CurrentUser]) -> None:
    key = FormKey(record_id, "m0_arm_1", "microbiology")
    service.save_form(key, {"micro_organism": "1"}, 2)
    verify(project, users["inv"], key)
    assert service.open_form(key).verified_by == "inv"
    lock(project, users["inv"], record_id, reason="reviewed", signature_password="investigator"
         "-pass-1")
    assert service.open_form(key).locked
    with pytest.raises(FormLockedError):
        service.save_form(key, {"micro_organism": "2"}, 2, reason="typo")
    assert [r.action for r in _audit(project, form="microbiology")][-3:] == [
        "verify", "lock", "esign"]


def test_unknown_field_is_refused(service: EntryService, record_id: str) -> None:
    with pytest.raises(SaveRefused, match="'clin_temperature' is not a data-entry field"):
        service.save_form(FormKey(record_id, "m0_arm_1", "clinical"),
                          {"clin_temperature": "38"}, 0)
