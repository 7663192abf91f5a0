"""The data-quality checks on the demo cohort: dates out of order, calculations, study rules."""

from __future__ import annotations

import dataclasses

import pytest
from raw_values import store_raw

from vo_crf.auth.users import CurrentUser
from vo_crf.entry.service import EntryService, FormKey
from vo_crf.exchange.deidentify import Deidentifier
from vo_crf.project import Project
from vo_crf.quality import QualityIssue, run_quality_checks
from vo_crf.quality.issue import (
    CALC_NOT_COMPUTED,
    DATES_OUT_OF_ORDER,
    OUT_OF_RANGE,
    STUDY_RULE,
    VISITS_OUT_OF_ORDER,
)
from vo_crf.study.model import QualityRule


def _of(issues: list[QualityIssue], check: str) -> list[QualityIssue]:
    return [i for i in issues if i.check == check]


def test_m3_visit_dated_before_m0_is_flagged_on_its_form(demo_project: Project,
                                                         users: dict[str, CurrentUser]) -> None:
    service = EntryService(demo_project, users["nurse"])
    key = FormKey("VO-001", "m3_arm_1", "clinical", 1)
    service.save_form(key, {"clin_date": "1997-11-01"}, 1, reason="corrected",
                      confirmations={"clin_date": "date as written in the notes"})

    issues = run_quality_checks(demo_project, users["inv"], checks=["visit-order"])

    assert {i.check for i in issues} == {VISITS_OUT_OF_ORDER}
    [issue] = issues
    assert issue.key == ("VO-001", "m3_arm_1", "clinical", 1, "clin_date")
    assert issue.value == "1997-11-01"
    assert "before the M0 visit (1997-11-25)" in issue.message
    assert issue.rule == "m3_arm_1 after m0_arm_1"


def test_date_order_rules_are_checked_across_forms_and_events(
        demo_project: Project, users: dict[str, CurrentUser]) -> None:
    store_raw(demo_project, "VO-001", "m0_arm_1", "antibiotics", "abx_stop", "1997-11-20")
    store_raw(demo_project, "VO-002", "end_arm_1", "outcome", "out_date", "1990-01-02")

    issues = run_quality_checks(demo_project, users["inv"], checks=["date-order"])

    by_key = {i.key: i for i in issues}
    assert set(by_key) == {("VO-001", "m0_arm_1", "antibiotics", 1, "abx_stop"),
                           ("VO-002", "end_arm_1", "outcome", 1, "out_date")}
    abx = by_key[("VO-001", "m0_arm_1", "antibiotics", 1, "abx_stop")]
    assert abx.check == DATES_OUT_OF_ORDER
    assert "(1997-11-20) must not precede" in abx.message and "(1997-11-26)" in abx.message
    assert abx.rule == "abx_stop not before abx_start"
    outcome = by_key[("VO-002", "end_arm_1", "outcome", 1, "out_date")]
    assert outcome.rule == "out_date not before diagnosis_date"  # diagnosis is at M0


def test_blank_calculations_whose_inputs_are_entered_are_flagged(
        demo_project: Project, users: dict[str, CurrentUser]) -> None:
    store_raw(demo_project, "VO-001", "m0_arm_1", "enrolment", "birth_date", "1923-02-30")
    store_raw(demo_project, "VO-001", "m0_arm_1", "enrolment", "age", "")
    store_raw(demo_project, "VO-002", "m0_arm_1", "enrolment", "delay_days", "")
    store_raw(demo_project, "VO-003", "m0_arm_1", "enrolment", "symptom_onset_date", "UNK")
    store_raw(demo_project, "VO-003", "m0_arm_1", "enrolment", "delay_days", "")

    issues = run_quality_checks(demo_project, users["inv"], checks=["calc"])

    by_key = {i.key: i for i in issues}
    assert set(by_key) == {("VO-001", "m0_arm_1", "enrolment", 1, "age"),
                           ("VO-002", "m0_arm_1", "enrolment", 1, "delay_days")}
    age = by_key[("VO-001", "m0_arm_1", "enrolment", 1, "age")]
    assert age.check == CALC_NOT_COMPUTED
    assert "cannot be computed from the values entered" in age.message
    assert "[birth_date] = 1923-02-30" in age.message
    delay = by_key[("VO-002", "m0_arm_1", "enrolment", 1, "delay_days")]
    assert "is blank although it computes to" in delay.message
    # VO-003's onset date is a missing-data code: a blank delay is expected, not a finding


def test_vo_rule_crp_rose_at_m3_is_flagged_with_its_message(
        demo_project: Project, users: dict[str, CurrentUser]) -> None:
    assert not _of(run_quality_checks(demo_project, users["inv"], checks=["crp_rose_m3"]),
                   STUDY_RULE)  # the demo's CRP falls at M3: the rule does not fire
    EntryService(demo_project, users["nurse"]).save_form(
        FormKey("VO-001", "m3_arm_1", "biology", 1), {"bio_crp": "60"}, 1, reason="corrected")

    issues = run_quality_checks(demo_project, users["inv"], checks=["rule"])

    at_m3 = [i for i in issues if i.rule == "crp_rose_m3"]
    assert [i.key for i in at_m3] == [("VO-001", "m3_arm_1", "biology", 1, "bio_crp")]
    assert at_m3[0].message == "CRP rose at M3"
    assert at_m3[0].value == "60"
    assert not [i for i in issues if i.record_id == "VO-001" and i.rule == "crp_rose_m6"]


def test_rule_without_events_is_evaluated_at_every_visit(
        demo_project: Project, users: dict[str, CurrentUser],
        monkeypatch: pytest.MonkeyPatch) -> None:
    study = demo_project.study
    fever = QualityRule("fever", "[clin_temp] > 41", "Fever above 41 °C")
    monkeypatch.setattr(demo_project, "study", dataclasses.replace(
        study, protocol=dataclasses.replace(study.protocol, quality_rules=(fever,))))
    service = EntryService(demo_project, users["nurse"])
    for event in ("m0_arm_1", "m3_arm_1"):
        service.save_form(FormKey("VO-004", event, "clinical", 1), {"clin_temp": "41.6"}, 1,
                          reason="corrected")

    issues = run_quality_checks(demo_project, users["inv"], checks=["fever"])

    assert sorted(i.key for i in issues) == [("VO-004", "m0_arm_1", "clinical", 1, "clin_temp"),
                                             ("VO-004", "m3_arm_1", "clinical", 1, "clin_temp")]
    assert {i.message for i in issues} == {"Fever above 41 °C"}


def test_records_and_identifiers(demo_project: Project, users: dict[str, CurrentUser]) -> None:
    store_raw(demo_project, "VO-001", "m0_arm_1", "enrolment", "birth_date", "1890-06-01")
    store_raw(demo_project, "VO-002", "m0_arm_1", "enrolment", "birth_date", "1890-06-01")

    seen_by_investigator = run_quality_checks(demo_project, users["inv"], records=["VO-002"],
                                              checks=["range"])
    pseudonym = Deidentifier(demo_project).record_id("VO-002")
    seen_by_statistician = run_quality_checks(demo_project, users["stat"], records=[pseudonym],
                                              checks=["range"])

    [issue] = _of(seen_by_investigator, OUT_OF_RANGE)
    assert issue.key == ("VO-002", "m0_arm_1", "enrolment", 1, "birth_date")
    assert issue.value == "1890-06-01"
    [hidden] = seen_by_statistician
    assert hidden.value == "" and "1890" not in hidden.message
    assert hidden.template and "1890" not in repr(hidden.args)  # translated, still masked
    assert hidden.record_id == pseudonym
    with pytest.raises(ValueError, match="no such record: VO-002"):
        run_quality_checks(demo_project, users["stat"], records=["VO-002"])


def test_unknown_check_or_record_is_refused_by_name(demo_project: Project,
                                                    users: dict[str, CurrentUser]) -> None:
    with pytest.raises(ValueError, match="unknown data-quality check 'typo'.*crp_rose_m3"):
        run_quality_checks(demo_project, users["inv"], checks=["typo"])
    with pytest.raises(ValueError, match="no such record: VO-999"):
        run_quality_checks(demo_project, users["inv"], records=["VO-999"])
