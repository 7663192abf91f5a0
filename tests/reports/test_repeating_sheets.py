"""The generic workbook's sheet per repeating form (issue 13, item 3): named after the form,
within Excel's 31 characters, never taking the name of another sheet (Excel ignores case)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from redcap_studies import ADMIN, dictionary, init_study

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.reports.workbook import export_workbook

LONG_NAME = "concomitant_medication_during_follow_up"
TEXTS = {
    "data_dictionary.csv": dictionary([
        ("record_id", "enrolment", "text", "Record ID"),
        ("note", "data", "text", "Note"),
        ("drug", LONG_NAME, "text", "Drug"),
    ]),
    "repeating_forms.csv": f"form_name,custom_form_label\ndata,\n{LONG_NAME},\n",
    "project.json": '{"name": "Sheet names"}\n',
}


def test_repeating_form_sheets_get_names_excel_accepts(tmp_path: Path) -> None:
    project = init_study(tmp_path, TEXTS, "names")
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "R1")
    for instance in (1, 2):
        service.save_form(FormKey(record, "event_1_arm_1", "data", instance),
                          {"note": f"note {instance}"}, 0)
    service.save_form(FormKey(record, "event_1_arm_1", LONG_NAME), {"drug": "aspirin"}, 2)
    export_workbook(project, ADMIN, tmp_path / "names.xlsx")
    project.close()
    book = load_workbook(tmp_path / "names.xlsx", read_only=True)
    try:
        assert book.sheetnames[:6] == ["About", "Codebook", "Data", "Data long", "data (2)",
                                       LONG_NAME[:31]]
        notes = [row[2] for row in book["data (2)"].iter_rows(min_row=2, values_only=True)]
        drugs = [row[2] for row in book[LONG_NAME[:31]].iter_rows(min_row=2, values_only=True)]
        # a classic project: record id, instance, then the form's columns (no event)
    finally:
        book.close()
    assert notes == ["note 1", "note 2"] and drugs == ["aspirin"]
