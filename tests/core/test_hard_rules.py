"""Impossible facts (``hard_rules`` of project.json) are errors at every save and import.

A birth date after enrolment, a visit before birth, a negative age: refused in the form and in
imports, across the events of the record, with a message naming both fields and the rule; a
calculation from such inputs is left blank instead of showing a plausible number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from accounts import PASSWORDS

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.errors import SaveRefused
from vo_crf.entry.messages import Rule
from vo_crf.entry.records import create_record
from vo_crf.exchange.redcap_import import ImportFailed, import_redcap_text
from vo_crf.project import Project, init_project
from vo_crf.study import DefinitionError, load_study

HEADER = ("Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"
          '"Choices, Calculations, OR Slider Labels",Field Note,'
          "Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,"
          "Identifier?,Branching Logic (Show field only if...),Required Field?,Custom Alignment,"
          "Question Number (surveys only),Matrix Group Name,Matrix Ranking?,Field Annotation\n")
DICTIONARY = HEADER + """\
pid,intake,,text,Participant,,,,,,,,,,,,,
born,intake,,text,Born on,,,date_ymd,,,,,,,,,,
birth_year,intake,,text,Year of birth,,,integer,,,,,,,,,,
seen_year,intake,,text,Year seen,,,integer,,,,,,,,,,
years_old,intake,,calc,Years old,[seen_year] - [birth_year],,,,,,,,,,,,
weight,intake,,text,Weight (kg),,,number,,,,,,,,,,
visit_on,visit,,text,Visit day,,,date_ymd,,,,,,,,,,
"""
EVENTS = """event_name,arm_num,day_offset,offset_min,offset_max,unique_event_name
Baseline,1,0,0,0,baseline_arm_1
Follow-up,1,30,5,5,followup_arm_1
"""
MAPPING = """arm_num,unique_event_name,form
1,baseline_arm_1,intake
1,baseline_arm_1,visit
1,followup_arm_1,visit
"""
RULES = [
    {"name": "seen_after_birth", "kind": "date_order", "field": "visit_on",
     "not_before": "born", "message": "nobody is seen before being born"},
    {"name": "no_negative_age", "kind": "range", "field": "years_old", "min": 0},
    {"name": "heavy", "kind": "range", "field": "weight", "max": 300, "severity": "warning"},
]


def write_study(folder: Path, rules: list[dict]) -> Path:
    """An inline two-event study whose project.json holds ``rules`` as its hard rules."""
    folder.mkdir()
    (folder / "data_dictionary.csv").write_text(DICTIONARY, encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    (folder / "instrument_event_mapping.csv").write_text(MAPPING, encoding="utf-8")
    (folder / "project.json").write_text(json.dumps({"name": "Inline", "hard_rules": rules}),
                                         encoding="utf-8")
    return folder


@pytest.fixture
def inline(tmp_path: Path) -> Iterator[Project]:
    """A database of the inline study."""
    project = init_project(str(tmp_path / "inline.sqlite"), "admin", PASSWORDS["admin"],
                           write_study(tmp_path / "inline", RULES))
    yield project
    project.close()


def _admin_service(project: Project) -> EntryService:
    from vo_crf.auth.permissions import Role

    return EntryService(project, CurrentUser("admin", Role.ADMIN))


def test_inline_study_visit_before_birth_is_refused_from_either_side(inline: Project) -> None:
    service = _admin_service(inline)
    record_id = create_record(inline, service.user, "1")
    service.save_form(FormKey(record_id, "baseline_arm_1", "intake"), {"born": "2020-01-01"}, 0)
    with pytest.raises(SaveRefused) as refused:
        service.save_form(FormKey(record_id, "followup_arm_1", "visit"),
                          {"visit_on": "2019-12-31"}, 0)
    [error] = refused.value.errors
    assert error.rule is Rule.IMPOSSIBLE and error.field == "visit_on"
    assert error.text == ("Visit day (visit_on) (2019-12-31, Follow-up) is before Born on (born) "
                          "(2020-01-01, Baseline): impossible (nobody is seen before being born) "
                          "[rule seen_after_birth: visit_on not before born]")
    service.save_form(FormKey(record_id, "followup_arm_1", "visit"), {"visit_on": "2020-02-01"},
                      0)
    # the other side: a birth date moved after a visit already stored at another event
    with pytest.raises(SaveRefused, match=r"Visit day \(visit_on\) \(2020-02-01, Follow-up\) is "
                                          r"before Born on \(born\) \(2020-03-01, Baseline\)"):
        service.save_form(FormKey(record_id, "baseline_arm_1", "intake"),
                          {"born": "2020-03-01"}, 0)
    assert service.open_form(FormKey(record_id, "baseline_arm_1", "intake")).value("born") == \
        "2020-01-01"


def test_inline_study_negative_calculation_is_an_error_not_a_number(inline: Project) -> None:
    service = _admin_service(inline)
    record_id = create_record(inline, service.user, "1")
    key = FormKey(record_id, "baseline_arm_1", "intake")
    state = service.assess(key, {"birth_year": "2030", "seen_year": "2020"}, 0)
    assert state.calc_values["years_old"] == ""
    [error] = [m for m in state.messages if m.is_error]
    assert error.field == "years_old" and error.rule is Rule.IMPOSSIBLE
    assert "Years old (years_old) = -10 is impossible: it must be at least 0" in error.text
    assert "[rule no_negative_age]" in error.text
    with pytest.raises(SaveRefused, match="no_negative_age"):
        service.save_form(key, {"birth_year": "2030", "seen_year": "2020"}, 0)
    assert service.assess(key, {"birth_year": "1990", "seen_year": "2020"}, 0) \
        .calc_values["years_old"] == "30"


def test_inline_study_warning_rule_only_warns(inline: Project) -> None:
    service = _admin_service(inline)
    record_id = create_record(inline, service.user, "1")
    key = FormKey(record_id, "baseline_arm_1", "intake")
    state = service.assess(key, {"weight": "350"}, 0)
    [warning] = [m for m in state.messages if m.rule is Rule.IMPOSSIBLE]
    assert not warning.is_error and "[rule heavy]" in warning.text
    service.save_form(key, {"weight": "350"}, 0)
    assert service.open_form(key).value("weight") == "350"


@pytest.mark.parametrize(("rule", "reason"), [
    ({"name": "x", "kind": "date_order", "field": "visit_on", "not_before": "weight"},
     "'weight' is not a date field"),
    ({"name": "x", "kind": "date_order", "field": "nope", "not_before": "born"},
     "'nope' is not a field of the study"),
    ({"name": "x", "kind": "range", "field": "pid", "min": 0}, "'pid' is not a number"),
    ({"name": "x", "kind": "range", "field": "born", "max": "tomorrow"},
     "'max' of a date field must be a YYYY-MM-DD date or \"today\""),
    ({"name": "x", "kind": "range", "field": "weight"}, "needs 'min', 'max' or both"),
    ({"name": "x", "kind": "sometimes", "field": "weight"}, "'kind' must be one of"),
    ({"name": "x", "kind": "range", "field": "weight", "min": 1, "severity": "fatal"},
     "'severity' must be one of error, warning"),
])
def test_broken_hard_rules_are_refused_naming_the_rule(tmp_path: Path, rule: dict,
                                                       reason: str) -> None:
    with pytest.raises(DefinitionError, match=f"project.json: hard_rules rule x: .*{reason}"):
        load_study(write_study(tmp_path / "broken", [rule]))


# ----- the VO study ------------------------------------------------------------------------
VO_ENROLMENT = {"initials": "JD", "enrol_date": "2024-03-01", "consent_date": "2024-03-01",
                "symptom_onset_date": "2024-02-01", "diagnosis_date": "2024-02-28",
                "sex": "1"}


def test_vo_birth_after_enrolment_is_refused_and_age_is_not_shown(
        project: Project, users: dict[str, CurrentUser]) -> None:
    service = EntryService(project, users["nurse"])
    record_id = create_record(project, users["nurse"], "1")
    key = FormKey(record_id, "m0_arm_1", "enrolment")
    values = {**VO_ENROLMENT, "birth_date": "2056-01-01"}
    state = service.assess(key, values, 0)
    assert state.calc_values["age"] == ""  # not the plausible 32 of |2024 - 2056|
    errors = [m for m in state.messages if m.is_error]
    assert {m.field for m in errors} >= {"birth_date", "enrol_date", "age"}
    birth = next(m for m in errors if m.field == "birth_date" and "enrol_date" in m.text)
    assert birth.text.startswith("Date of enrolment (enrol_date) (2024-03-01) is before "
                                 "Date of birth (birth_date) (2056-01-01): impossible")
    assert "[rule born_before_enrolment" in birth.text
    with pytest.raises(SaveRefused, match="born_before_enrolment"):
        service.save_form(key, values, 0, confirmations={"birth_date": "as on the ID card"})
    service.save_form(key, {**VO_ENROLMENT, "birth_date": "1960-05-04"}, 0)
    assert service.open_form(key).calc_values["age"] == "63"


def test_vo_birth_date_in_the_future_is_refused_even_alone(
        project: Project, users: dict[str, CurrentUser]) -> None:
    import datetime as dt

    service = EntryService(project, users["nurse"], today=lambda: dt.date(2026, 1, 10))
    key = FormKey(create_record(project, users["nurse"], "1"), "m0_arm_1", "enrolment")
    with pytest.raises(SaveRefused) as refused:
        service.save_form(key, {"birth_date": "2056-01-01"}, 0,
                          confirmations={"birth_date": "as on the ID card"})
    [error] = refused.value.errors
    assert error.text == ("Date of birth (birth_date) = 2056-01-01 is impossible: it must be at "
                          "most today (2026-01-10) (a birth date cannot be in the future) "
                          "[rule born_in_the_past]")
    service.save_form(key, {"birth_date": "2026-01-10"}, 0)


def test_vo_visit_before_birth_at_a_later_event_is_refused(
        project: Project, users: dict[str, CurrentUser]) -> None:
    service = EntryService(project, users["nurse"])
    record_id = create_record(project, users["nurse"], "1")
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                      {"birth_date": "1960-05-04"}, 0)
    with pytest.raises(SaveRefused) as refused:
        service.save_form(FormKey(record_id, "m6_arm_1", "biology"),
                          {"bio_date": "1959-01-01"}, 0, confirmations={"bio_date": "old"})
    [error] = [m for m in refused.value.errors if m.rule is Rule.IMPOSSIBLE]
    assert error.field == "bio_date"
    assert error.text.startswith("Date of blood sample (bio_date) (1959-01-01, M6) is before "
                                 "Date of birth (birth_date) (1960-05-04, M0): impossible")
    assert "dated_after_birth" in error.text


def _vo_csv(birth: str, m3_clinical: str) -> str:
    return ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
            "site,birth_date,enrol_date,clin_date\n"
            f"01-901,m0_arm_1,,,1,{birth},2024-03-01,\n"
            f"01-901,m3_arm_1,,,,,,{m3_clinical}\n")


def test_vo_import_refuses_impossible_dates_naming_line_and_fields(
        project: Project, users: dict[str, CurrentUser]) -> None:
    with pytest.raises(ImportFailed) as failed:
        import_redcap_text(project, users["nurse"], _vo_csv("2056-01-01", "2024-06-01"),
                           "future.csv")
    text = str(failed.value)
    assert "line 2" in text and "Date of birth (birth_date)" in text
    assert "Date of enrolment (enrol_date)" in text and "born_before_enrolment" in text
    with pytest.raises(ImportFailed) as failed:
        import_redcap_text(project, users["nurse"], _vo_csv("1960-01-01", "1950-06-01"),
                           "early.csv")
    text = str(failed.value)
    assert "line 3" in text and "Date of clinical examination (clin_date) (1950-06-01, M3)" \
        in text and "dated_after_birth" in text
    summary = import_redcap_text(project, users["nurse"], _vo_csv("1960-01-01", "2024-06-01"),
                                 "fine.csv")
    assert summary.records_created == 1


def test_rules_added_by_an_amendment_blank_stored_calculations_and_find_old_data(
        tmp_path: Path) -> None:
    from sqlalchemy import select

    from vo_crf.amend import apply_amendment, prepare_amendment
    from vo_crf.db.engine import read_session
    from vo_crf.db.models import ItemValue
    from vo_crf.quality import run_quality_checks

    project = init_project(str(tmp_path / "old.sqlite"), "admin", PASSWORDS["admin"],
                           write_study(tmp_path / "v1", []))
    try:
        service = _admin_service(project)
        record_id = create_record(project, service.user, "1")
        service.save_form(FormKey(record_id, "baseline_arm_1", "intake"),
                          {"born": "2020-01-01", "birth_year": "2030", "seen_year": "2020"}, 0)
        service.save_form(FormKey(record_id, "followup_arm_1", "visit"),
                          {"visit_on": "2019-12-31"}, 0)

        def stored_age() -> list[str]:
            with read_session(project.engine) as session:
                return list(session.scalars(select(ItemValue.value).where(
                    ItemValue.field == "years_old")))

        assert stored_age() == ["-10"]
        admin = service.user
        apply_amendment(project, admin,
                        prepare_amendment(project, admin, write_study(tmp_path / "v2", RULES)))
        assert stored_age() == []  # recomputed under the new rules: blank, not -10
        findings = run_quality_checks(project, admin, checks=["impossible", "calc"])
        by_field = {issue.field: issue for issue in findings}
        assert by_field["visit_on"].check == "Impossible value"
        assert by_field["visit_on"].rule == "seen_after_birth"
        assert "Visit day (visit_on) (2019-12-31, Follow-up) is before Born on (born)" in \
            by_field["visit_on"].message
        assert by_field["years_old"].message.startswith(
            "Years old (years_old) is left blank: Years old (years_old) = -10 is impossible")
    finally:
        project.close()
