"""What a monitor and a statistician see in the outputs of a study without an analysis plan
(a classic study with a checkbox, a slider and long labels): looked at as PNGs and through
LibreOffice, and fixed."""

from __future__ import annotations

import csv
import io
import textwrap
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from redcap_studies import ADMIN, DD_HEADER, TWO_ARMS, init_study

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project
from vo_crf.reports.blank_crf import write_blank_crfs
from vo_crf.reports.casebook import write_casebook
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.workbook import export_workbook
from vo_crf.study.loader import CLASSIC_EVENT

LONG_CHOICE = "Treated with the long-named intervention of the protocol"
LONG_LABEL = "Symptoms at the screening visit as reported by the participant herself"


def _dictionary() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DD_HEADER)
    for name, form, kind, label, choices, note, validation, low, high, section in (
            ("participant_code", "screening", "text", "Participant code", "", "", "", "", "",
             ""),
            ("arm_choice", "screening", "radio", "Group", f"1, Control | 2, {LONG_CHOICE}", "",
             "", "", "", ""),
            ("hb", "labs", "text", "Haemoglobin", "", "g/dL", "number_1dp", "3.0", "25.0",
             "Blood count"),
            ("symptoms", "labs", "checkbox", LONG_LABEL,
             "1, Fever | 2, Cough | 3, Pain in the lower back radiating to both legs", "", "",
             "", "", ""),
            ("pain", "labs", "slider", "Pain", "None | Moderate | Worst", "", "number", "0",
             "10", "")):
        row = [""] * len(DD_HEADER)
        row[:10] = [name, form, section, kind, label, choices, note, validation, low, high]
        writer.writerow(row)
    return out.getvalue()


@pytest.fixture
def classic(tmp_path: Path) -> Project:
    project = init_study(tmp_path, {"data_dictionary.csv": _dictionary(),
                                    "project.json": '{"name": "Classic screening"}\n'},
                         "classic")
    service = EntryService(project, ADMIN)
    for arm, hb, symptoms in (("1", "12.5", "1"), ("2", "9.8", "1,3")):
        record = create_record(project, ADMIN, "1")
        service.save_form(FormKey(record, CLASSIC_EVENT, "screening"), {"arm_choice": arm}, 2)
        service.save_form(FormKey(record, CLASSIC_EVENT, "labs"),
                          {"hb": hb, "symptoms": symptoms, "pain": "3"}, 1)
    return project


def test_the_record_pdf_prints_the_record_id_units_and_sections(classic: Project,
                                                                tmp_path: Path) -> None:
    [path] = write_patient_reports(classic, ADMIN, tmp_path / "record.pdf", ["01-002"])
    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(str(path)).pages)
    assert "Participant code participant_code 01-002" in text
    assert "Haemoglobin hb 9.8 g/dL" in text
    assert "Blood count" in text
    assert LONG_CHOICE in text
    assert "Event" not in text  # a classic study has no events: none named, no Event column
    classic.close()


def test_the_casebook_of_a_classic_study_names_no_event(classic: Project,
                                                        tmp_path: Path) -> None:
    text = _text(write_casebook(classic, ADMIN, tmp_path / "casebook.pdf", ["01-001"]))
    assert "Record status Form Status Verified by / at" in text and "Event" not in text
    classic.close()


def _clipped(sheet, headers: list[str]) -> list[str]:  # noqa: ANN001
    """The texts of the columns named ``headers`` that are wider than their column and not
    wrapped (LibreOffice and Excel cut them at the next filled cell, on screen and on paper)."""
    titles = {cell.value: cell.column_letter for cell in sheet[1] if cell.value}
    clipped = []
    for header in headers:
        letter = titles[header]
        width = sheet.column_dimensions[letter].width
        for cell in sheet[letter][1:]:
            text = "" if cell.value is None else str(cell.value)
            if len(text) > width and not cell.alignment.wrap_text:
                clipped.append(f"{header}: {text}")
    return clipped


def test_the_generic_workbook_shows_every_label_and_text_whole(classic: Project,
                                                                tmp_path: Path) -> None:
    export_workbook(classic, ADMIN, tmp_path / "book.xlsx")
    book = load_workbook(tmp_path / "book.xlsx")
    about = book["About"]
    assert about.column_dimensions["B"].width <= 100
    assert [cell.value for cell in about["B"][1:]
            if len(str(cell.value)) > about.column_dimensions["B"].width
            and not cell.alignment.wrap_text] == []  # long explanations wrap within the page
    per_line = int(about.column_dimensions["B"].width * 1.2)  # as LibreOffice wraps Calibri
    for item, cell in zip(about["A"][1:], about["B"][1:], strict=True):
        if cell.alignment.wrap_text:  # rows high enough: lines do not overlap the next row
            lines = len(textwrap.wrap(str(cell.value), per_line))
            assert about.row_dimensions[cell.row].height >= 14 * lines, cell.value
            assert item.alignment.vertical == "top"  # the item beside its text's first line
    assert _clipped(book["Codebook"], ["Label", "Choices"]) == []
    assert _clipped(book["Descriptive"], ["Label", "Statistic", "Value"]) == []
    assert {cell.alignment.vertical for row in book["Descriptive"].iter_rows(min_row=2)
            for cell in row if cell.value is not None} == {"top"}  # n beside its label
    assert _clipped(book["Data"], ["arm_choice_label"]) == []
    assert _clipped(book["Data long"], ["arm_choice_label"]) == []
    book.close()
    classic.close()


def test_the_codebook_of_a_classic_study_names_no_event(classic: Project,
                                                        tmp_path: Path) -> None:
    export_workbook(classic, ADMIN, tmp_path / "book.xlsx")
    book = load_workbook(tmp_path / "book.xlsx", read_only=True)
    rows = list(book["Codebook"].values)
    events = rows[0].index("Events")
    assert {row[events] for row in rows[1:]} == {None}  # a classic project has no events
    book.close()
    classic.close()


def test_comma_decimal_numbers_are_numbers_in_the_workbook(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS, "arms")
    record = create_record(project, ADMIN, "1")
    EntryService(project, ADMIN).save_form(FormKey(record, "baseline_arm_1", "enrol"),
                                           {"enrol_date": "2024-01-15", "weight": "72,5"}, 2)
    export_workbook(project, ADMIN, tmp_path / "book.xlsx")
    book = load_workbook(tmp_path / "book.xlsx", read_only=True)
    for sheet in ("Data", "Data long"):
        head, first = list(book[sheet].values)[:2]
        [weight] = [index for index, name in enumerate(head)
                    if name in ("weight", "baseline_arm_1_weight")]  # long, wide
        assert first[weight] == 72.5, sheet  # a number to compute with, not the text "72,5"
    book.close()
    project.close()


def test_the_descriptive_sheet_tells_the_arms_apart(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS, "arms")
    for arm, weight in ((1, "70,5"), (2, "80,5")):
        record = create_record(project, ADMIN, "1")
        EntryService(project, ADMIN).save_form(FormKey(record, f"baseline_arm_{arm}", "enrol"),
                                               {"weight": weight}, 2)
    export_workbook(project, ADMIN, tmp_path / "book.xlsx")
    book = load_workbook(tmp_path / "book.xlsx", read_only=True)
    head, *rows = list(book["Descriptive"].values)
    means = {row[head.index("Event")]: row[head.index("Value")] for row in rows
             if row[head.index("Variable")] == "weight"
             and row[head.index("Statistic")] == "mean (SD)"}
    assert means == {"Baseline (arm 1)": "70.50 (-)", "Baseline (arm 2)": "80.50 (-)"}
    book.close()
    project.close()


def _text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(str(path)).pages)


def test_casebook_and_blank_crfs_of_a_study_with_two_arms_name_the_arm(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS, "arms")
    record = create_record(project, ADMIN, "1")
    EntryService(project, ADMIN).save_form(FormKey(record, "baseline_arm_2", "enrol"),
                                           {"weight": "80,5"}, 2)

    casebook = _text(write_casebook(project, ADMIN, tmp_path / "casebook.pdf", [record]))
    assert "Baseline (arm 2)" in casebook and "Week 8 (arm 2) Visit — not entered" in casebook
    assert "arm 1" not in casebook and "Week 4" not in casebook  # the other arm's visits
    blank = _text(write_blank_crfs(project, ADMIN, tmp_path / "blank.pdf"))
    assert "Collected at: Baseline (arm 1), Baseline (arm 2)" in blank
    assert "Weight (kg) number with a decimal comma, e.g. 38,5" in blank  # as it is typed
    assert "required" not in blank  # no field of the study is required: no legend for one
    # a slider on paper: the number to write and what its ends mean (not a box called a line)
    assert ("Pain score whole number from 0 to 10 · 0 = None · 5 = Some · 10 = Worst"
            in blank)
    project.close()
