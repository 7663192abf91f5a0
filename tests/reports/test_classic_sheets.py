"""A classic project (no events) in the workbook: exactly as REDCap's own exports, no
``redcap_event_name`` and no event label anywhere (issue 13, item 1)."""

from __future__ import annotations

from pathlib import Path

from inline_seeds import seed_repeating
from openpyxl import load_workbook
from redcap_studies import ADMIN, REPEATING, TWO_ARMS, init_study

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.reports.workbook import export_workbook

Sheets = dict[str, list[tuple[object, ...]]]


def _sheets(path: Path) -> Sheets:
    book = load_workbook(path, read_only=True)
    try:
        return {name: [tuple(row) for row in book[name].values] for name in book.sheetnames}
    finally:
        book.close()


def test_the_workbook_of_a_classic_study_has_no_event_columns(tmp_path: Path) -> None:
    project = init_study(tmp_path, REPEATING, "repeating")
    seed_repeating(project, tmp_path)
    export_workbook(project, ADMIN, tmp_path / "classic.xlsx")
    project.close()
    sheets = _sheets(tmp_path / "classic.xlsx")
    assert sheets["Data long"][0] == ("record_id", "dob", "baseline_complete")
    assert sheets["Data long"][1][0] == "R-1" and sheets["Data long"][1][2] == 2
    assert sheets["adverse_event"][0][:3] == ("record_id", "redcap_repeat_instance", "ae_term")
    assert [row[1:3] for row in sheets["adverse_event"][1:]] == [
        (1, "Rash"), (2, "Nausea"), (3, "Fall")]
    assert sheets["Form status"][0][:4] == ("record_id", "Form name", "Form", "Instance")
    assert sheets["Form status"][1][:5] == ("R-1", "baseline", "Baseline", 1, "Complete")
    for name, rows in sheets.items():
        cells = {str(cell) for row in rows for cell in row if cell is not None}
        assert not cells & {"redcap_event_name", "event_label", "event_1_arm_1"}, name


def test_a_longitudinal_study_keeps_its_event_columns(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS, "arms")
    record = create_record(project, ADMIN, "1", "A1-01")
    EntryService(project, ADMIN).save_form(FormKey(record, "baseline_arm_1", "enrol"),
                                           {"enrol_date": "2024-01-15"}, 2)
    export_workbook(project, ADMIN, tmp_path / "arms.xlsx")
    project.close()
    sheets = _sheets(tmp_path / "arms.xlsx")
    assert sheets["Data long"][0][:3] == ("study_id", "redcap_event_name", "event_label")
    assert sheets["Data long"][1][:3] == ("A1-01", "baseline_arm_1", "Baseline (arm 1)")
    assert sheets["Form status"][0][:3] == ("study_id", "redcap_event_name", "Event")


def test_the_descriptive_sheet_of_a_classic_study_names_no_event(tmp_path: Path) -> None:
    project = init_study(tmp_path, REPEATING, "repeating")
    seed_repeating(project, tmp_path)
    export_workbook(project, ADMIN, tmp_path / "classic.xlsx")
    project.close()
    head, *rows = _sheets(tmp_path / "classic.xlsx")["Descriptive"]
    assert head[:3] == ("Form", "Event", "Variable")
    assert {row[1] for row in rows} == {None}  # not "Event 1", REDCap's hidden event
    assert ("adverse_event", None, "ae_grade", "Grade", "n") in [row[:5] for row in rows]
