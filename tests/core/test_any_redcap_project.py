"""Any REDCap project end to end (issue 13): classic, two arms, every field and validation type.

Small studies written in the test (tests/support/redcap_studies.py) go through init, the entry
service, REDCap CSV export and import (round trip), the workbook and the record PDF.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from redcap_studies import (
    ADMIN,
    ALL_TYPES,
    BAD_VALUES,
    CLASSIC,
    GOOD_VALUES,
    TWO_ARMS,
    dictionary,
    init_study,
    write_study,
)

from vo_crf.cli import main
from vo_crf.db.engine import read_session
from vo_crf.entry import EntryService, FormKey, Rule, SaveRefused
from vo_crf.entry.records import create_record
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_csv
from vo_crf.project import Project, init_project, stored_definition_texts
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.workbook import export_workbook

CLASSIC_EVENT = "event_1_arm_1"


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _round_trip(tmp_path: Path, project: Project, texts: dict[str, str]) -> tuple[str, str]:
    """Export, import the file into a new database of the same study, export again."""
    first = tmp_path / "first.csv"
    export_redcap_csv(project, ADMIN, first)
    copy = init_study(tmp_path, texts, "copy")
    import_redcap_csv(copy, ADMIN, first)
    second = tmp_path / "second.csv"
    export_redcap_csv(copy, ADMIN, second)
    copy.close()
    return first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")


def _classic_with_data(tmp_path: Path) -> Project:
    project = init_study(tmp_path, CLASSIC, "classic")
    service = EntryService(project, ADMIN)
    for number, (group, hb, symptoms) in enumerate((("1", "12.5", "1,3"), ("2", "9.0", "2"),
                                                     ("1", "14.1", "")), start=1):
        record = create_record(project, ADMIN, "1", f"P-00{number}")
        service.save_form(FormKey(record, CLASSIC_EVENT, "screening"),
                          {"screen_date": "31-12-2024", "eligible": "1",
                           "arm_choice": group}, 2)
        service.save_form(FormKey(record, CLASSIC_EVENT, "labs"),
                          {"hb": hb, "symptoms": symptoms}, 0)
    return project


def test_classic_project_exports_like_redcap_without_event_column(tmp_path: Path) -> None:
    project = _classic_with_data(tmp_path)
    assert project.study.record_id_field == "participant_code"
    assert [e.unique_name for e in project.study.events] == [CLASSIC_EVENT]
    first, second = _round_trip(tmp_path, project, CLASSIC)
    head, *rows = list(csv.reader(io.StringIO(first)))
    assert head == ["participant_code", "screen_date", "eligible", "arm_choice",
                    "screening_complete", "hb", "symptoms___1", "symptoms___2", "symptoms___3",
                    "labs_complete"]
    assert rows[0] == ["P-001", "2024-12-31", "1", "1", "2", "12.5", "1", "0", "1", "0"]
    assert second == first
    project.close()


def test_two_arms_with_the_api_dictionary_header(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS, "arms")
    assert {e.arm for e in project.study.events} == {1, 2}
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "A2-01")
    service.save_form(FormKey(record, "baseline_arm_2", "enrol"),
                      {"enrol_date": "2024-01-15", "weight": "72,5"}, 2)
    service.save_form(FormKey(record, "week_8_arm_2", "visit"),
                      {"visit_date": "03-11-2024", "score": "7"}, 1)
    with pytest.raises(SaveRefused) as refused:
        service.save_form(FormKey(record, "week_8_arm_2", "visit"), {"score": "11"}, 1)
    assert "Pain score (score): '11' is not a whole number from 0 to 10" in str(refused.value)
    first, second = _round_trip(tmp_path, project, TWO_ARMS)
    head, *rows = list(csv.reader(io.StringIO(first)))
    assert head[:4] == ["study_id", "redcap_event_name", "redcap_repeat_instrument",
                        "redcap_repeat_instance"]
    by_event = {row[1]: dict(zip(head, row, strict=True)) for row in rows}
    assert by_event["baseline_arm_2"]["weight"] == "72,5"  # comma decimal, as REDCap exports
    assert by_event["week_8_arm_2"]["visit_date"] == "2024-03-11"  # date_mdy stored Y-M-D
    assert second == first
    project.close()


def test_every_validation_accepts_redcap_values_and_refuses_bad_ones(tmp_path: Path) -> None:
    project = init_study(tmp_path, ALL_TYPES, "types")
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "T-01")
    key = FormKey(record, CLASSIC_EVENT, "measures")
    good = {f"v_{name}": value for name, value in GOOD_VALUES.items()}
    state = service.save_form(key, good, 0).state
    assert {name: state.values[name] for name in good} == good
    with pytest.raises(SaveRefused) as refused:
        service.save_form(key, {f"v_{name}": value for name, value in BAD_VALUES.items()}, 0)
    refused_fields = {m.field for m in refused.value.errors}
    assert refused_fields == {f"v_{name}" for name in BAD_VALUES}
    rules = {m.field: m.rule for m in refused.value.errors}
    assert rules["v_date_dmy"] is Rule.DATE and rules["v_ssn"] is Rule.TYPE
    text = str(refused.value)
    assert "Value time_mm_ss (v_time_mm_ss): '61:00' is not minutes and seconds (MM:SS)" in text
    assert "Value number_comma_decimal (v_number_comma_decimal): '38.5' is not a number " \
           "with a comma as decimal separator" in text
    typed = service.save_form(key, {"v_date_dmy": "05-03-2024",
                                    "v_datetime_mdy": "03-05-2024 08:30"}, 0).state
    assert typed.values["v_date_dmy"] == "2024-03-05"  # typed in the field's own order
    assert typed.values["v_datetime_mdy"] == "2024-03-05 08:30"
    project.close()


def test_unknown_validation_is_a_warning_at_init_and_a_file_field_is_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_study(tmp_path / "definition", ALL_TYPES)
    monkeypatch.setenv("VO_CRF_PASSWORD", "admin-pass-1")
    code = main(["init", "--db", str(tmp_path / "types.sqlite"), "--user", "admin",
                 "--study", str(folder)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "warning: data_dictionary.csv, row 4: field 'custom' has text validation " \
           "'my_custom_check', unknown offline: kept as plain text" in out.out
    assert "consent_scan" not in out.out  # a file field holds attachments offline


def test_all_types_round_trip_keeps_sql_file_and_slider_values(tmp_path: Path) -> None:
    project = init_study(tmp_path, ALL_TYPES, "types")
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "T-01")
    service.save_form(FormKey(record, CLASSIC_EVENT, "measures"),
                      {f"v_{name}": value for name, value in GOOD_VALUES.items()}, 2)
    service.save_form(FormKey(record, CLASSIC_EVENT, "identity"),
                      {"name": "Ada", "custom": "anything at all", "remarks": "two\nlines"}, 1)
    incoming = tmp_path / "incoming.csv"
    incoming.write_text("subject,colour,size,flags___a,flags___b,agree,truth,pain,mood,"
                        "site_pick,consent_scan,other_types_complete\n"
                        "T-01,2,1,1,1,0,1,7,55,3,consent_T-01.pdf,1\n", encoding="utf-8")
    import_redcap_csv(project, ADMIN, incoming)
    first, second = _round_trip(tmp_path, project, ALL_TYPES)
    head, row = list(csv.reader(io.StringIO(first)))
    values = dict(zip(head, row, strict=True))
    assert "redcap_event_name" not in head
    # a file name without its file is kept; REDCap's CSV says "[document]" for a file field
    assert values["site_pick"] == "3" and values["consent_scan"] == "[document]"
    assert values["pain"] == "7" and values["double_int"] == "84"
    assert values["v_number_2dp_comma_decimal"] == "38,55"
    assert values["v_datetime_seconds_dmy"] == "2024-12-31 14:05:09"
    assert second == first
    project.close()


def test_study_without_plan_gets_generic_workbook_and_record_pdf(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _classic_with_data(tmp_path).close()
    database = str(tmp_path / "classic.sqlite")
    monkeypatch.setenv("VO_CRF_PASSWORD", "admin-pass-1")
    workbook_path = tmp_path / "classic.xlsx"
    assert main(["export", "--db", database, "--user", "admin", "--format", "xlsx",
                 str(workbook_path)]) == 0, capsys.readouterr().err
    pdf_path = tmp_path / "p1.pdf"
    assert main(["report", "--db", database, "--user", "admin", "--record", "P-002",
                 str(pdf_path)]) == 0, capsys.readouterr().err
    book = load_workbook(workbook_path, read_only=True)
    assert book.sheetnames == ["About", "Codebook", "Data", "Data long", "Descriptive",
                               "Data quality", "Form status"]
    rows = [list(r) + [None] * (8 - len(r))
            for r in book["Descriptive"].iter_rows(values_only=True)]
    assert rows[0] == ["Form", "Event", "Variable", "Label", "Statistic", "Value", "n",
                       "Missing"]
    stats = {(r[2], r[4]): (r[5], r[6], r[7]) for r in rows[1:]}
    assert stats[("arm_choice", "1 = Control")] == ("2 (66.7%)", 2, None)
    assert stats[("arm_choice", "n")] == (None, 3, 0)
    assert stats[("hb", "mean (SD)")] == ("11.87 (2.61)", 3, None)
    assert stats[("hb", "median [IQR]")] == ("12.50 [10.75-13.30]", 3, None)
    assert stats[("symptoms", "3 = Pain")] == ("1 (50.0%)", 1, None)  # of 2 with one ticked
    book.close()
    text = " ".join(page.extract_text() for page in PdfReader(str(pdf_path)).pages)
    assert "Record P-002" in text
    assert "Screening — Complete" in text and "Labs — Incomplete" in text
    assert "Screening date" in text and "Treated" in text
    assert "31-12-2024" in text  # a date_dmy field shows its date day first


def test_the_analysis_plan_is_stored_with_the_definition(tmp_path: Path) -> None:
    project = init_project(str(tmp_path / "vo.sqlite"), "admin", "admin-pass-1")
    with read_session(project.engine) as session:
        settings = json.loads(stored_definition_texts(session)["project.json"])
    assert settings["analysis_plan"]["timeline"]["antibiotics"]["form"] == "antibiotics"
    assert project.study.analysis_plan == settings["analysis_plan"]
    project.close()


PLAIN = {
    "data_dictionary.csv": dictionary([
        ("record_id", "visit", "text", "Record ID"),
        ("age", "visit", "text", "Age", "", "integer", "0", "120"),
        ("smoker", "visit", "yesno", "Smoker"),
    ]),
    "events.csv": "event_name,arm_num,day_offset,offset_min,offset_max,unique_event_name\n"
                  "Visit,1,0,0,0,visit_arm_1\n",
    "instrument_event_mapping.csv": "arm_num,unique_event_name,form\n1,visit_arm_1,visit\n",
    "project.json": '{"name": "Plain"}\n',
}
"""A longitudinal study using only the field types the VO study has, and no analysis plan."""


def test_a_plain_study_without_plan_exports_its_workbook_and_pdfs(tmp_path: Path) -> None:
    project = init_study(tmp_path, PLAIN, "plain")
    service = EntryService(project, ADMIN)
    for number, age in enumerate(("40", "60"), start=1):
        record = create_record(project, ADMIN, "1", f"R{number}")
        service.save_form(FormKey(record, "visit_arm_1", "visit"),
                          {"age": age, "smoker": "1"}, 2)
    export_workbook(project, ADMIN, tmp_path / "plain.xlsx")
    book = load_workbook(tmp_path / "plain.xlsx", read_only=True)
    assert "Descriptive" in book.sheetnames and "Table 1" not in book.sheetnames
    book.close()
    written = write_patient_reports(project, ADMIN, tmp_path / "reports")
    assert [p.name for p in written] == ["R1.pdf", "R2.pdf"]
    text = PdfReader(str(written[1])).pages[0].extract_text()
    assert "Record R2" in text and "Visit (visit_arm_1) — Visit — Complete" in text
    assert "Age" in text and "60" in text
    project.close()


def test_bounds_of_decimal_fields_are_read_as_redcap_writes_them(tmp_path: Path) -> None:
    texts = {"data_dictionary.csv": dictionary([
        ("record_id", "form_a", "text", "Record ID"),
        ("temp", "form_a", "text", "Temperature", "", "number_1dp", "35", "42"),
        ("dose", "form_a", "text", "Dose", "", "number_comma_decimal", "0,5", "2,5"),
    ])}
    project = init_study(tmp_path, texts, "bounds")
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "B1")
    with pytest.raises(SaveRefused) as refused:
        service.save_form(FormKey(record, CLASSIC_EVENT, "form_a"),
                          {"temp": "42.5", "dose": "3,0"}, 0)
    assert [m.rule for m in refused.value.unconfirmed] == [Rule.RANGE, Rule.RANGE]
    assert "Dose (dose): 3,0 is above the maximum 2,5" in str(refused.value)
    project.close()


def test_deidentified_generic_workbook_describes_no_identifier_nor_dates(
        tmp_path: Path) -> None:
    project = init_study(tmp_path, ALL_TYPES, "types")
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "T-01")
    service.save_form(FormKey(record, CLASSIC_EVENT, "identity"), {"name": "Ada Lovelace"}, 1)
    service.save_form(FormKey(record, CLASSIC_EVENT, "measures"),
                      {"v_date_dmy": "2024-12-31", "v_integer": "42"}, 1)
    export_workbook(project, ADMIN, tmp_path / "deid.xlsx", deidentified=True)
    book = load_workbook(tmp_path / "deid.xlsx", read_only=True)
    rows = [list(r) for r in book["Descriptive"].iter_rows(values_only=True)]
    book.close()
    described = {r[2] for r in rows[1:]}
    assert "name" not in described and "remarks" not in described  # identifier, free text
    assert "v_integer" in described and "v_date_dmy" in described
    assert not any("2024" in str(cell) for row in rows for cell in row)
    project.close()
