"""The dashboard tells the truth: ended follow-up, visits before M0, numbering like the study."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vo_crf.auth.users import authenticate
from vo_crf.dashboard import VisitState, list_records, load_rows
from vo_crf.demo.cohort import create_demo_project
from vo_crf.entry import EntryService, FormKey, Rule, SaveRefused
from vo_crf.entry.records import create_record
from vo_crf.paths import default_study_dir
from vo_crf.project import study_files_from_folder, study_from_files
from vo_crf.study.errors import DefinitionError

TODAY = dt.date(2026, 12, 4)


def _rows(project):
    return {r.record_id: r for r in load_rows(project, list_records(project), TODAY).values()}


def test_a_patient_whose_follow_up_ended_is_not_overdue(project, nurse) -> None:
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                      {"diagnosis_date": "2001-03-01"}, 0)
    service.save_form(FormKey(record_id, "m3_arm_1", "clinical"), {"clin_date": "2001-05-30"}, 0)
    assert _rows(project)[record_id].overdue  # M6 and the end are late: follow-up not ended
    service.save_form(FormKey(record_id, "end_arm_1", "outcome"), {"out_date": "2002-08-20"}, 0,
                      confirmations={"out_date": "seen late"})
    row = _rows(project)[record_id]
    assert not row.overdue and row.next_visit is None and row.follow_up_over
    assert row.visit("m6_arm_1").state is VisitState.MISSED
    assert [h.record_id for h in list_records(project, _overdue(), today=TODAY)] == []


def _overdue():
    from vo_crf.dashboard import DashboardFilter

    return DashboardFilter(overdue_only=True)


def test_the_demo_does_not_look_decades_late(tmp_path: Path) -> None:
    project = create_demo_project(str(tmp_path / "demo.sqlite"), "admin", "demo-password")
    try:
        rows = _rows(project)
        assert len(rows) == 29
        assert not [r.record_id for r in rows.values() if r.overdue]
        assert all(r.follow_up_over for r in rows.values())
        assert sum(r.visit("m6_arm_1").state is VisitState.MISSED for r in rows.values()) == 7
    finally:
        project.close()


def test_an_m3_visit_dated_before_m0_is_named_at_entry_and_on_the_dashboard(project,
                                                                            nurse) -> None:
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse, today=lambda: TODAY)
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                      {"diagnosis_date": "2024-03-01"}, 0)
    service.save_form(FormKey(record_id, "m0_arm_1", "clinical"), {"clin_date": "2024-03-05"}, 0)
    key = FormKey(record_id, "m3_arm_1", "clinical")
    with pytest.raises(SaveRefused) as refused:
        service.save_form(key, {"clin_date": "2024-01-31"}, 0)
    window = [m for m in refused.value.unconfirmed if m.rule is Rule.VISIT_WINDOW]
    assert len(window) == 1
    assert "2024-01-31 is before the M0 visit (2024-03-05): day -30 after diagnosis" \
        in window[0].text
    service.save_form(key, {"clin_date": "2024-01-31"}, 0,
                      confirmations={"clin_date": "date as written on the paper CRF"})
    row = _rows(project)[record_id]
    assert row.visits_before == {"m3_arm_1": ("m0_arm_1", dt.date(2024, 3, 5))}


def test_new_patients_are_numbered_like_the_demo(tmp_path: Path) -> None:
    project = create_demo_project(str(tmp_path / "demo.sqlite"), "admin", "demo-password")
    try:
        admin = authenticate(project.engine, "admin", "demo-password")
        assert project.study.protocol.record_id_scheme.prefix == "VO-"
        assert [create_record(project, admin, site) for site in ("01", "2")] == [
            "VO-030", "VO-031"]
    finally:
        project.close()


def test_the_default_scheme_numbers_per_site(project, nurse) -> None:
    assert [create_record(project, nurse, s) for s in ("01", "1", "2")] == [
        "01-001", "01-002", "02-001"]


def _study_with_scheme(scheme: object):
    files = study_files_from_folder(default_study_dir())
    return study_from_files(files.with_settings({**files.settings, "record_id_scheme": scheme}),
                            "vo")


def test_a_record_id_scheme_is_read_and_checked() -> None:
    scheme = _study_with_scheme({"prefix": "P", "digits": 4, "site_prefix": True})
    assert scheme.protocol.record_id_scheme.digits == 4
    for bad, says in (({"prefix": "V O"}, "prefix 'V O'"), ({"digits": 0}, "digits 0"),
                      ({"site_prefix": "no"}, "site_prefix 'no'"), ({"width": 3}, "only"),
                      ("VO-", "only")):
        with pytest.raises(DefinitionError, match=says):
            _study_with_scheme(bad)
