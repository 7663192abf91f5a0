"""The Excel workbook: sheets, headers, types, de-identification, sanitising, data quality."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from vo_crf.audit.trail import AuditAction
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import AuditEntry, ItemValue
from vo_crf.entry.records import list_record_ids
from vo_crf.entry.service import EntryService, FormKey
from vo_crf.project import Project
from vo_crf.reports.workbook import SHEETS, export_workbook


def test_sheets_headers_and_frozen_panes(demo_workbook: Path) -> None:
    workbook = openpyxl.load_workbook(demo_workbook)
    assert workbook.sheetnames == SHEETS
    assert workbook["Data"].freeze_panes == "B2"
    for name in ("Codebook", "Antibiotics", "Data quality"):
        assert workbook[name].freeze_panes == "A2"
        assert workbook[name].auto_filter.ref.startswith("A1:")
    assert workbook["Table 2"].freeze_panes == "A3"  # below its caption and column names
    codebook = [c.value for c in workbook["Codebook"][1]]
    assert codebook[:11] == ["Variable", "Form", "Label", "Type", "Units", "Choices",
                             "Validation", "Min", "Max", "Identifier", "Branching logic"]
    sex = next(r for r in workbook["Codebook"].iter_rows(values_only=True) if r[0] == "sex")
    assert sex[5] == "1=Male | 2=Female"
    assert [c.value for c in workbook["Antibiotics"][1]] == [
        "record_id", "instance", "drug_code", "drug", "route_code", "route", "start", "stop",
        "days"]
    assert workbook["Data"].max_row == 30


def test_data_types(demo_workbook: Path) -> None:
    workbook = openpyxl.load_workbook(demo_workbook)
    data = workbook["Data"]
    header = [c.value for c in data[1]]
    first = {h: c for h, c in zip(header, data[2], strict=True)}
    assert first["record_id"].value == "VO-001"
    diagnosis = first["diagnosis_date"]
    assert isinstance(diagnosis.value, dt.datetime) and diagnosis.number_format == "yyyy-mm-dd"
    assert isinstance(first["m0_clin_temp"].value, float)
    assert isinstance(first["m0_bio_esr"].value, int)
    assert first["sex"].value in (1, 2)
    assert first["sex_label"].value in ("Male", "Female")
    assert first["spine_level___3"].value in (0, 1)
    assert "initials" in header and "birth_date" in header
    assert "m3_clin_temp" in header and "out_sequelae" in header
    antibiotics = list(workbook["Antibiotics"].iter_rows(min_row=2, values_only=True))
    assert 29 <= len(antibiotics) <= 87
    assert all(isinstance(r[6], dt.datetime) and r[8] == (r[7] - r[6]).days
               for r in antibiotics)
    long_rows = list(workbook["Data long"].iter_rows(min_row=2, values_only=True))
    assert len(long_rows) == 29 * 3 + 22


def test_deidentified_export_has_no_identifiers(demo_project: Project,
                                                users: dict[str, CurrentUser],
                                                tmp_path: Path) -> None:
    path = tmp_path / "deid.xlsx"
    assert export_workbook(demo_project, users["inv"], path, deidentified=True) == 29
    workbook = openpyxl.load_workbook(path, read_only=True)
    for name in ("Data", "Data long"):
        header = next(workbook[name].iter_rows(max_row=1, values_only=True))
        assert not [h for h in header if "initials" in h or "birth_date" in h]
    about = dict(workbook["About"].iter_rows(min_row=2, values_only=True))
    assert about["Identifiers"].startswith("De-identified export (date mode: shift)")
    real_ids = set(list_record_ids(demo_project))
    export_workbook(demo_project, users["inv"], tmp_path / "real.xlsx")
    identified = openpyxl.load_workbook(tmp_path / "real.xlsx", read_only=True)
    for sheet in ("Data", "Data long", "Antibiotics"):
        ids = {r[0] for r in workbook[sheet].iter_rows(min_row=2, values_only=True) if r[0]}
        assert len(ids) == 29 and not ids & real_ids, sheet
        assert all(str(i).startswith("P-") for i in ids), sheet
    real_days = _diagnosis_to_outcome(identified)
    assert sorted(_diagnosis_to_outcome(workbook).values()) == sorted(real_days.values())
    for name in ("Table 1", "Table 2", "Table 3", "Table 4"):
        assert list(workbook[name].values) == list(identified[name].values)
    identified.close()
    workbook.close()
    with read_session(demo_project.engine) as session:
        audit = session.scalars(select(AuditEntry).where(
            AuditEntry.action == str(AuditAction.EXPORT))).all()
    assert [(a.username, a.reason) for a in audit[-2:]] == [
        ("inv", "Excel workbook, 29 patients, de-identified"),
        ("inv", "Excel workbook, 29 patients")]


def _diagnosis_to_outcome(workbook: openpyxl.Workbook) -> dict[str, int]:
    """Days from diagnosis to last follow-up per patient row (dates shift, intervals stay)."""
    rows = workbook["Data"].iter_rows(values_only=True)
    header = list(next(rows))
    start = header.index("diagnosis_date")
    end = header.index("out_date")
    return {r[0]: (r[end] - r[start]).days for r in rows if r[start] and r[end]}


def test_statistician_cannot_export_identifiers(demo_project: Project,
                                                users: dict[str, CurrentUser],
                                                tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        export_workbook(demo_project, users["stat"], tmp_path / "x.xlsx")
    assert export_workbook(demo_project, users["stat"], tmp_path / "y.xlsx",
                           deidentified=True) == 29


def test_text_is_sanitised_and_quality_lists_reasons(demo_project: Project,
                                                     users: dict[str, CurrentUser],
                                                     tmp_path: Path) -> None:
    service = EntryService(demo_project, users["inv"])
    key = FormKey("VO-001", "m0_arm_1", "imaging", 1)
    values = dict(service.open_form(key).values)
    values["img_comment"] = "=HYPERLINK(\"http://x\") abcès"
    service.save_form(key, values, 2, reason="comment corrected")
    # a control character can no longer be saved (issue 11, item 10): stored by older versions
    with write_transaction(demo_project.engine) as session:
        session.execute(ItemValue.__table__.update()
                        .where(ItemValue.value == values["img_comment"])
                        .values(value="=HYPERLINK(\"http://x\")\x07 abcès"))
    clinical = FormKey("VO-002", "m3_arm_1", "clinical", 1)
    values = dict(service.open_form(clinical).values)
    values["clin_temp"] = "42.5"
    service.save_form(clinical, values, 2, reason="temperature corrected",
                      confirmations={"clin_temp": "confirmed with the ward chart"})
    path = tmp_path / "out.xlsx"
    export_workbook(demo_project, users["inv"], path)
    workbook = openpyxl.load_workbook(path)
    data = workbook["Data"]
    header = [c.value for c in data[1]]
    cell = data.cell(row=2, column=header.index("m0_img_comment") + 1)
    assert cell.data_type == "s"
    assert cell.value == "=HYPERLINK(\"http://x\") abcès"
    quality = list(workbook["Data quality"].iter_rows(min_row=2, values_only=True))
    out_of_range = [r for r in quality if r[0] == "Out of range"]
    assert out_of_range and out_of_range[0][1:6] == ("VO-002", "m3_arm_1", "clinical", 1,
                                                      "clin_temp")
    assert out_of_range[0][8] == "confirmed with the ward chart"
