"""The workbook prints and pastes: captions above tables, number formats, widths that fit,
one font, landscape pages fitted to width with repeated headers, and the imaging evolution."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from vo_crf.analysis.plan import load_analysis_plan
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
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


def test_every_sheet_prints_landscape_fitted_to_width_with_its_header_repeated(
        demo_workbook: Path) -> None:
    book = openpyxl.load_workbook(demo_workbook)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        if sheet.title not in ("About", "Imaging evolution") + TABLES:
            assert sheet.print_title_rows.replace("$", "") == "1:1", sheet.title


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
