"""The workbook prints and pastes: captions above tables, number formats, widths that fit,
one font, landscape pages with repeated headers (narrow sheets fitted to one page wide, wide
data sheets across pages at full size with their record id column repeated), and the imaging
evolution."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from redcap_studies import dictionary, init_study

from vo_crf.analysis.plan import load_analysis_plan
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import open_project
from vo_crf.reports.workbook import export_workbook

ADMIN = CurrentUser("admin", Role.ADMIN)
P_FORMAT = '[<0.001]"<0.001";0.000'
TABLES = ("Table 1", "Table 2", "Table 3", "Table 4")


def _table(path: Path, name: str) -> tuple[str, list[str], list[list[openpyxl.cell.Cell]]]:
    sheet = openpyxl.load_workbook(path)[name]
    rows = list(sheet.iter_rows())
    caption = str(rows[0][0].value)
    headers = [str(c.value) for c in rows[1]]
    body = []
    for row in rows[2:]:
        if row[0].value is None:
            break
        body.append(list(row))
    return caption, headers, body


def test_each_table_has_its_caption_above_its_column_names(demo_workbook: Path) -> None:
    for name in TABLES:
        caption, headers, body = _table(demo_workbook, name)
        assert caption.startswith(f"{name} - "), caption
        assert headers[0] in ("Characteristic", "Finding", "Marker")
        assert body, name
        sheet = openpyxl.load_workbook(demo_workbook)[name]
        assert sheet["A1"].font.b and sheet.freeze_panes == "A3"
        assert sheet.print_title_rows.replace("$", "") == "1:2"  # caption + names, each page


def test_p_values_means_and_percentages_have_publication_formats(demo_workbook: Path) -> None:
    _, headers, body = _table(demo_workbook, "Table 3")
    p_column = headers.index("p (Fisher exact)")
    assert {row[p_column].number_format for row in body if row[p_column].value is not None} \
        == {P_FORMAT}
    _, headers, body = _table(demo_workbook, "Table 1")
    for name in ("Mean", "SD", "Median", "Q1", "Q3"):
        column = headers.index(name)
        formats = {row[column].number_format for row in body if row[column].value is not None}
        assert formats == {"0.0"}, (name, formats)
    _, headers, body = _table(demo_workbook, "Table 2")
    percent = headers.index("M3 %")
    assert {row[percent].number_format for row in body} == {"0.0"}
    count = headers.index("M3 n")
    assert {row[count].number_format for row in body} == {"0"}


def test_table_columns_are_wide_enough_for_their_text(demo_workbook: Path) -> None:
    book = openpyxl.load_workbook(demo_workbook)
    for name in TABLES:
        sheet = book[name]
        _, headers, body = _table(demo_workbook, name)
        for index, header in enumerate(headers):
            letter = openpyxl.utils.get_column_letter(index + 1)
            longest = max([len(header)] + [len(str(row[index].value)) for row in body
                                           if row[index].value is not None
                                           and not isinstance(row[index].value, float)])
            assert sheet.column_dimensions[letter].width >= min(longest, 60), (name, header)


FITTED = ("About", "Antibiotics", "Imaging evolution", "Form status") + TABLES
"""Narrow sheets: printed fitted to one page wide."""
ACROSS = {"Codebook": "A:A", "Data": "A:A", "Data long": "A:C", "Data quality": "A:B"}
"""Wide sheets: printed across pages at full size, these key columns on every page."""


def _printed_inches(sheet: openpyxl.worksheet.worksheet.Worksheet) -> float:
    """The sheet's width on paper at full size (Calibri 11: 7 pixels a character + 5)."""
    return sum((sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width * 7 + 5)
               / 96 for i in range(1, sheet.max_column + 1))


def test_narrow_sheets_print_landscape_fitted_to_one_page_wide(demo_workbook: Path) -> None:
    book = openpyxl.load_workbook(demo_workbook)
    for name in FITTED:
        sheet = book[name]
        setup = sheet.page_setup
        assert setup.orientation == "landscape", name
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.print_title_cols is None, name
        # shrunk to fit, the text stays readable: at least 60 % of its size
        assert _printed_inches(sheet) * 0.6 <= 11.69 - 1.5, name
    for name in ("About", "Antibiotics", "Form status"):
        assert book[name].print_title_rows.replace("$", "") == "1:1", name


def test_wide_data_sheets_print_across_pages_with_the_record_id_on_each(
        demo_workbook: Path) -> None:
    book = openpyxl.load_workbook(demo_workbook)
    assert not set(ACROSS) & set(FITTED) and set(ACROSS) | set(FITTED) == set(book.sheetnames)
    for name, key_columns in ACROSS.items():
        sheet = book[name]
        setup = sheet.page_setup
        assert setup.orientation == "landscape", name
        assert not sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert int(setup.scale) == 100, name  # full size, as many pages wide as it needs
        assert sheet.print_title_cols.replace("$", "") == key_columns, name
        assert sheet.print_title_rows.replace("$", "") == "1:1", name
        assert _printed_inches(sheet) * 0.6 > 11.69 - 1.5, name  # fitted, it would be tiny
    assert book["Data"]["A1"].value == "record_id" and book["Data quality"]["B1"].value == \
        "record_id"


def test_a_repeating_form_with_many_fields_prints_across_pages(tmp_path: Path) -> None:
    many = [(f"visit_measure_{n:02}", "visit", "text", f"Measure {n}") for n in range(40)]
    texts = {"data_dictionary.csv": dictionary([("record_id", "enrolment", "text", "Record ID"),
                                                *many, ("drug", "drugs", "text", "Drug")]),
             "repeating_forms.csv": "form_name,custom_form_label\nvisit,\ndrugs,\n",
             "project.json": '{"name": "Many measures"}\n'}
    project = init_study(tmp_path, texts, "many")
    record = create_record(project, ADMIN, "1", "R1")
    service = EntryService(project, ADMIN)
    service.save_form(FormKey(record, "event_1_arm_1", "visit", 1), {"visit_measure_00": "7"},
                      0)
    service.save_form(FormKey(record, "event_1_arm_1", "drugs", 1), {"drug": "aspirin"}, 0)
    export_workbook(project, ADMIN, tmp_path / "many.xlsx")
    project.close()
    book = openpyxl.load_workbook(tmp_path / "many.xlsx")
    visit, drugs = book["visit"], book["drugs"]
    assert not visit.sheet_properties.pageSetUpPr.fitToPage and int(visit.page_setup.scale) == 100
    # record id and instance on every page, beside the measures
    assert visit.print_title_cols.replace("$", "") == "A:B"
    assert [visit["A1"].value, visit["B1"].value] == ["record_id", "redcap_repeat_instance"]
    assert drugs.sheet_properties.pageSetUpPr.fitToPage and drugs.page_setup.fitToWidth == 1
    assert drugs.print_title_cols is None


def test_the_workbook_uses_one_font(demo_workbook: Path) -> None:
    book = openpyxl.load_workbook(demo_workbook)
    names = {cell.font.name for sheet in book.worksheets for row in sheet.iter_rows()
             for cell in row if cell.value is not None}
    assert len(names) == 1, names


def test_imaging_evolution_follows_each_finding_of_each_patient(demo_template: Path,
                                                                tmp_path: Path) -> None:
    shutil.copy(demo_template, tmp_path / "demo.sqlite")
    project = open_project(str(tmp_path / "demo.sqlite"))
    path = tmp_path / "book.xlsx"
    export_workbook(project, ADMIN, path)
    plan = load_analysis_plan(project.study)
    assert plan is not None
    sheet = openpyxl.load_workbook(path)["Imaging evolution"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("Imaging evolution")
    headers = list(rows[1])
    assert headers == ["record_id", "Finding", "M0", "M3", "M6", "Course", "Evolution"]
    body = [dict(zip(headers, r, strict=False)) for r in rows[2:] if r[1] is not None]
    findings = [project.study.field(f).label for f in plan.imaging.findings]
    assert len(body) == 29 * len(findings)
    oedema = [r for r in body if r["Finding"] == "Vertebral oedema"]
    assert sum(r["M3"] == "Present" for r in oedema) == 18  # Table 2: 18/27 at M3
    for row in body:
        seen = [row[v] for v in ("M0", "M3", "M6") if row[v]]
        assert row["Course"] == " → ".join(v or "–" for v in
                                           (row["M0"], row["M3"], row["M6"])).strip()
        if len(seen) > 1 and all(v == "Present" for v in seen):
            assert row["Evolution"] == "present throughout"
    project.close()


def test_the_deidentified_imaging_evolution_shows_pseudonyms(demo_template: Path,
                                                             tmp_path: Path) -> None:
    shutil.copy(demo_template, tmp_path / "demo.sqlite")
    project = open_project(str(tmp_path / "demo.sqlite"))
    path = tmp_path / "book.xlsx"
    export_workbook(project, ADMIN, path, deidentified=True)
    rows = list(openpyxl.load_workbook(path)["Imaging evolution"].iter_rows(values_only=True))
    ids = {r[0] for r in rows[2:] if r[1] is not None}
    assert ids and not ids & {"VO-001", "VO-002"} and all(not i.startswith("VO-") for i in ids)
    project.close()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_tables_landscape(demo_workbook: Path, tmp_path: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(demo_workbook), f"-env:UserInstallation=file://{tmp_path}/lo"],
                   check=True, capture_output=True, timeout=300)
    reader = PdfReader(tmp_path / "demo.pdf")
    pages = [p for p in reader.pages if "Table 2 - " in (p.extract_text() or "")]
    assert pages
    box = pages[0].mediabox
    assert box.width > box.height  # landscape
    assert "Vertebral oedema" in pages[0].extract_text()
    # the data sheet's last columns are on a page of their own, the record ids beside them
    data = openpyxl.load_workbook(demo_workbook)["Data"]
    last = data.cell(1, data.max_column).value
    texts = [p.extract_text() or "" for p in reader.pages]
    data_pages = [t for t in texts if t.startswith("record_id") and "VO-029" in t]
    assert len(data_pages) > 20
    assert any(last in t.split() for t in data_pages), last
