"""What a REDCap CSV import writes: blank cells, dry runs, out-of-range values, double entry."""

from __future__ import annotations

import csv
import io

import dde_study
import pytest
from dde_study import RECORD, SECOND_NURSE
from sqlalchemy import func, select
from trail_entries import trail_entries

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, DoubleEntry, FormInstance, ItemValue, Record
from vo_crf.dde import DoubleEntryService, DoubleEntryStatus
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.import_options import ImportOptions
from vo_crf.exchange.redcap_import import ImportFailed, import_redcap_text
from vo_crf.exchange.redcap_layout import header
from vo_crf.project import Project

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project

ENROLMENT = {"site": "1", "initials": "AB", "birth_date": "1950-04-12",
             "enrol_date": "2003-02-10", "sex": "2", "weight_kg": "71",
             "comorb___1": "1", "comorb___3": "1", "enrolment_complete": "2"}
BIOLOGY = {"bio_date": "2003-02-09", "bio_crp": "120", "bio_esr": "80", "bio_wbc": "12.5",
           "biology_complete": "2"}
BIO = FormKey("01-001", "m0_arm_1", "biology")
ENROL = FormKey("01-001", "m0_arm_1", "enrolment")


def full_width_csv(project: Project, *rows: dict[str, str]) -> str:
    """A CSV with every column of the study (as REDCap's export), the given cells filled."""
    columns = header(project.study)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def m0(**cells: str) -> dict[str, str]:
    return {"record_id": "01-001", "redcap_event_name": "m0_arm_1", **cells}


def stored(project: Project, key: FormKey) -> tuple[dict[str, str], int]:
    state = EntryService(project, CurrentUser("inv", Role.INVESTIGATOR)).open_form(key)
    return dict(state.values), state.status


def counts(project: Project) -> tuple[int, int, int, int]:
    with read_session(project.engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(table))  # type: ignore
                     for table in (Record, FormInstance, ItemValue, AuditEntry))


@pytest.fixture
def entered(project: Project, nurse: CurrentUser) -> Project:
    """01-001 with enrolment and M0 biology entered and Complete."""
    import_redcap_text(project, nurse, full_width_csv(project, m0(**ENROLMENT, **BIOLOGY)),
                       "first.csv")
    return project


def test_blank_cells_leave_stored_values_and_status_alone(entered: Project,
                                                          nurse: CurrentUser) -> None:
    before_bio, before_enrol = stored(entered, BIO), stored(entered, ENROL)
    summary = import_redcap_text(entered, nurse, full_width_csv(entered, m0(bio_crp="35")),
                                 "one-cell.csv")
    values, status = stored(entered, BIO)
    assert values == {**before_bio[0], "bio_crp": "35"}
    assert status == 2
    assert stored(entered, ENROL) == before_enrol
    assert summary.values_changed == 1


def test_overwrite_blanks_erases_the_blank_cells_of_the_forms_a_row_fills(
        entered: Project, nurse: CurrentUser) -> None:
    before_enrol = stored(entered, ENROL)
    import_redcap_text(entered, nurse, full_width_csv(entered, m0(bio_crp="35")),
                       "one-cell.csv", ImportOptions(overwrite_blanks=True))
    values, status = stored(entered, BIO)
    assert values == {"bio_crp": "35"}
    assert status == 0
    # a form the row leaves entirely blank is not touched, even then
    assert stored(entered, ENROL) == before_enrol


def test_checkbox_cells_given_as_zero_uncheck_blank_ones_do_not(entered: Project,
                                                                nurse: CurrentUser) -> None:
    assert stored(entered, ENROL)[0]["comorb"] == "1,3"
    import_redcap_text(entered, nurse, full_width_csv(entered, m0(weight_kg="72")), "w.csv")
    assert stored(entered, ENROL)[0]["comorb"] == "1,3"
    zeros = {f"comorb___{code}": "0" for code in range(1, 9)}
    import_redcap_text(entered, nurse, full_width_csv(entered, m0(**{**zeros, "comorb___2": "1"})),
                       "c.csv")
    assert stored(entered, ENROL)[0]["comorb"] == "2"
    import_redcap_text(entered, nurse, full_width_csv(entered, m0(**zeros, weight_kg="73")),
                       "z.csv")
    assert "comorb" not in stored(entered, ENROL)[0]


def test_dry_run_counts_per_form_and_writes_nothing(entered: Project,
                                                    nurse: CurrentUser) -> None:
    text = full_width_csv(entered, m0(bio_crp="35", bio_esr="", weight_kg="72",
                                      initials="AC"),
                          {"record_id": "01-002", "redcap_event_name": "m0_arm_1",
                           "site": "1", "initials": "XY", "sex": "1"})
    before = counts(entered)
    summary = import_redcap_text(entered, nurse, text, "plan.csv",
                                 ImportOptions(dry_run=True, overwrite_blanks=True))
    assert counts(entered) == before
    assert summary.dry_run
    biology, enrolment = summary.forms["biology"], summary.forms["enrolment"]
    # overwrite: bio_date, bio_esr and bio_wbc erased, bio_crp changed
    assert (biology.added, biology.changed, biology.erased) == (0, 1, 3)
    # 01-002: site, initials, sex added; 01-001: weight and initials changed, the rest erased
    assert enrolment.added == 3
    assert enrolment.changed == 2
    assert enrolment.erased == 5  # site, birth_date, enrol_date, sex, comorb
    assert summary.records_created == 1
    normal = import_redcap_text(entered, nurse, text, "plan.csv", ImportOptions(dry_run=True))
    assert (normal.forms["biology"].changed, normal.forms["biology"].erased) == (1, 0)
    assert counts(entered) == before


def test_out_of_range_values_are_refused_without_a_reason(entered: Project,
                                                          nurse: CurrentUser) -> None:
    text = full_width_csv(entered, m0(bio_crp="9999", bio_date="2099-01-01"))
    before = counts(entered)
    with pytest.raises(ImportFailed) as failed:
        import_redcap_text(entered, nurse, text, "lab.csv")
    message = str(failed.value)
    assert "2 values out of range" in message
    assert "line 2, field bio_crp" in message and "01-001" in message
    assert "m0_arm_1" in message and "9999" in message and "maximum 500" in message
    assert "2099-01-01" in message and "today" in message
    assert "--accept-out-of-range" in message
    assert counts(entered) == before


def test_out_of_range_values_import_with_the_reason_in_their_audit_rows(
        entered: Project, nurse: CurrentUser) -> None:
    text = full_width_csv(entered, m0(bio_crp="9999", bio_esr="81"))
    summary = import_redcap_text(entered, nurse, text, "lab.csv",
                                 ImportOptions(accept_out_of_range="lab sheet checked by PI"))
    assert [(v.field, v.value) for v in summary.out_of_range] == [("bio_crp", "9999")]
    assert stored(entered, BIO)[0]["bio_crp"] == "9999"
    reasons = {e.field: e.reason for e in trail_entries(entered, action="value_update")
               if e.field in ("bio_crp", "bio_esr")}
    assert "lab sheet checked by PI" in reasons["bio_crp"]
    assert "lab sheet checked by PI" not in reasons["bio_esr"]


def test_unchanged_out_of_range_values_need_no_reason(entered: Project,
                                                      nurse: CurrentUser) -> None:
    text = full_width_csv(entered, m0(bio_crp="9999"))
    import_redcap_text(entered, nurse, text, "lab.csv", ImportOptions(accept_out_of_range="ok"))
    again = import_redcap_text(entered, nurse, text, "lab.csv")
    assert again.values_changed == 0


def test_import_into_a_form_in_double_entry_is_refused(dde_project: Project,
                                                       users: dict[str, CurrentUser]) -> None:
    key = FormKey(RECORD, "m0_arm_1", "biology")
    values = {"bio_date": "2024-03-05", "bio_crp": "12"}
    DoubleEntryService(dde_project, users["nurse"]).save_entry(key, values, 2)
    DoubleEntryService(dde_project, CurrentUser(SECOND_NURSE, Role.NURSE)).save_entry(
        key, {**values, "bio_crp": "13"}, 2)
    text = full_width_csv(dde_project, {"record_id": RECORD, "redcap_event_name": "m0_arm_1",
                                        "bio_crp": "14", "clin_temp": "38.5"})
    before = counts(dde_project)
    with pytest.raises(ImportFailed) as failed:
        import_redcap_text(dde_project, users["nurse"], text, "bio.csv")
    message = str(failed.value)
    assert f"line 2: biology at m0_arm_1 of {RECORD} is in double data entry" in message
    assert "adjudicat" in message
    assert counts(dde_project) == before
    service = DoubleEntryService(dde_project, users["inv"])
    assert service.status(key) is DoubleEntryStatus.READY
    with read_session(dde_project.engine) as session:
        assert session.scalar(select(func.count()).select_from(DoubleEntry)) == 2


def test_a_double_entered_form_nobody_started_imports_as_an_ordinary_form(
        dde_project: Project, users: dict[str, CurrentUser]) -> None:
    text = full_width_csv(dde_project, {"record_id": RECORD, "redcap_event_name": "m0_arm_1",
                                        "bio_crp": "14"})
    import_redcap_text(dde_project, users["nurse"], text, "bio.csv")
    key = FormKey(RECORD, "m0_arm_1", "biology")
    assert DoubleEntryService(dde_project, users["inv"]).status(key) is \
        DoubleEntryStatus.ENTERED_DIRECTLY


def test_out_of_range_values_are_all_counted_and_the_first_ones_kept(
        entered: Project, nurse: CurrentUser, monkeypatch: pytest.MonkeyPatch) -> None:
    from vo_crf.exchange import import_options

    monkeypatch.setattr(import_options, "KEPT_OUT_OF_RANGE", 1)
    text = full_width_csv(entered, m0(bio_crp="9999", bio_esr="900", bio_wbc="700"))
    with pytest.raises(ImportFailed, match="3 values out of range"):
        import_redcap_text(entered, nurse, text, "lab.csv")
    summary = import_redcap_text(entered, nurse, text, "lab.csv", ImportOptions(dry_run=True))
    assert summary.out_of_range_count == 3
    assert [v.field for v in summary.out_of_range] == ["bio_crp"]
