"""The casebook PDF and blank CRFs (issue 14, item 2): every event and form of a record with
labels, values, units and statuses, the audit trail optional; blank forms for paper backup.
Tried on small inline studies as well as on the VO demo."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from redcap_studies import ALL_TYPES, DD_HEADER, init_study
from test_pdf_timeline import FIXED

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import verify
from vo_crf.exchange.deidentify import Deidentifier
from vo_crf.project import Project
from vo_crf.reports.blank_crf import write_blank_crfs
from vo_crf.reports.casebook import write_casebook
from vo_crf.reports.timeline_data import RecordNotFound

ADMIN = CurrentUser("admin", Role.ADMIN)


def _dictionary(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, DD_HEADER, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def _row(name: str, form: str, kind: str, label: str, **more: str) -> dict[str, str]:
    keys = {"choices": "Choices, Calculations, OR Slider Labels", "note": "Field Note",
            "validation": "Text Validation Type OR Show Slider Number",
            "low": "Text Validation Min", "high": "Text Validation Max",
            "section": "Section Header", "required": "Required Field?"}
    row = {"Variable / Field Name": name, "Form Name": form, "Field Type": kind,
           "Field Label": label}
    row.update({keys[k]: v for k, v in more.items()})
    return row


WARD = {
    "data_dictionary.csv": _dictionary([
        _row("pid", "admission", "text", "Patient number"),
        _row("ward", "admission", "dropdown", "Ward", choices="1, Surgery | 2, Medicine",
             required="y"),
        _row("adm_date", "admission", "text", "Admission date", validation="date_dmy"),
        _row("glucose", "labs", "text", "Glucose", note="mmol/L", validation="number",
             low="1", high="40", section="Chemistry"),
        _row("sodium", "labs", "text", "Sodium", note="mmol/L", validation="integer"),
        _row("comment", "labs", "notes", "Comment"),
    ]),
    "events.csv": "event_name,arm_num,day_offset,offset_min,offset_max,unique_event_name\n"
                  "Admission,1,0,0,0,admission_arm_1\n"
                  "Discharge,1,7,7,7,discharge_arm_1\n",
    "instrument_event_mapping.csv": "arm_num,unique_event_name,form\n"
                                    "1,admission_arm_1,admission\n1,admission_arm_1,labs\n"
                                    "1,discharge_arm_1,labs\n",
    "project.json": '{"name": "Ward glucose study", '
                    '"missing_data_codes": "UNK, Unknown | ND, Not done"}\n',
}


def flat_pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages]


def saved_ward(tmp_path: Path, first_labs_status: int = 2,
               reason: str = "lab re-run") -> Project:
    """The inline two-event study: W-1's admission saved, its labs saved twice (the second
    time with ``reason``) and verified."""
    project = init_study(tmp_path, WARD, "ward")
    record = create_record(project, ADMIN, "1", record_id="W-1")
    service = EntryService(project, ADMIN)
    service.save_form(FormKey(record, "admission_arm_1", "admission"),
                      {"ward": "2", "adm_date": "2024-03-05"}, 2)
    service.save_form(FormKey(record, "admission_arm_1", "labs"),
                      {"glucose": "7.5", "sodium": "ND"}, first_labs_status)
    service.save_form(FormKey(record, "admission_arm_1", "labs"), {"glucose": "8.1"}, 2,
                      reason=reason)
    verify(project, CurrentUser("mon", Role.MONITOR), FormKey(record, "admission_arm_1",
                                                              "labs"))
    return project


@pytest.fixture
def ward(tmp_path: Path) -> Project:
    return saved_ward(tmp_path)


def test_casebook_of_an_inline_study_prints_every_event_form_value_unit_and_status(
        ward: Project, tmp_path: Path) -> None:
    path = write_casebook(ward, ADMIN, tmp_path / "w1", ["W-1"], generated_at=FIXED)
    assert path.name == "w1.pdf"
    pages = flat_pages(path)
    for number, text in enumerate(pages, start=1):
        assert "Record W-1" in text and "Ward glucose study" in text
        assert f"page {number} of {len(pages)}" in text
    flat = " ".join(pages)
    for expected in ("Casebook — Record W-1", "Admission", "Discharge", "Patient number W-1",
                     "Ward Medicine",  # the choice label, not the code
                     "Admission date 05-03-2024",  # in the field's own display order
                     "Chemistry", "Glucose 8.1 mmol/L", "Sodium Not done",
                     "Status: Complete · verified by mon on",
                     "Labs — not entered",  # the discharge labs
                     "Record status"):
        assert expected in flat, expected
    assert "Audit trail" not in flat
    audited = flat_pages(write_casebook(ward, ADMIN, tmp_path / "w2.pdf", ["W-1"],
                                        with_audit=True, generated_at=FIXED))
    flat = " ".join(audited)
    assert "Audit trail" in flat and "7.5 → 8.1" in flat and "lab re-run" in flat
    with pytest.raises(RecordNotFound, match="W-9"):
        write_casebook(ward, ADMIN, tmp_path / "w3.pdf", ["W-9"])


def test_casebook_of_every_demo_record_has_a_bookmark_each_and_hides_what_it_must(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    path = write_casebook(demo_project, users["inv"], tmp_path / "all.pdf", generated_at=FIXED)
    reader = PdfReader(str(path))
    assert [item.title for item in reader.outline] == [f"Record VO-{n:03d}"
                                                       for n in range(1, 30)]
    for page in reader.pages:
        text = page.extract_text() or ""
        assert "Record VO-0" in text and "page " in text
    pseudonym = Deidentifier(demo_project).record_id("VO-004")
    hidden = " ".join(flat_pages(write_casebook(demo_project, users["stat"],
                                                tmp_path / "stat.pdf", [pseudonym],
                                                with_audit=True, show_identifiers=True)))
    assert f"Record {pseudonym}" in hidden and "VO-004" not in hidden
    assert "Patient initials" in hidden and "Spondylodiscite" not in hidden  # free text


def test_blank_crfs_have_boxes_ticks_ranges_and_units_for_any_study(
        ward: Project, tmp_path: Path) -> None:
    path = write_blank_crfs(ward, ADMIN, tmp_path / "ward_blank", generated_at=FIXED)
    pages = flat_pages(path)
    assert all("Blank CRF — Patient: ____" in t and "Ward glucose study" in t for t in pages)
    flat = " ".join(pages)
    for expected in ("Admission", "Collected at: Admission", "Collected at: Admission, "
                     "Discharge", "☐ Surgery ☐ Medicine", "Ward *", "DD-MM-YYYY",
                     "number · valid 1 to 40 · unit: mmol/L", "whole number · unit: mmol/L",
                     "Chemistry"):
        assert expected in flat, expected
    assert "8.1" not in flat and "Medicine tick" not in flat.replace("☐ Medicine tick", "")
    assert [item.title for item in PdfReader(str(path)).outline] == ["Admission", "Labs"]
    every = init_study(tmp_path, ALL_TYPES, "types")
    flat = " ".join(flat_pages(write_blank_crfs(every, ADMIN, tmp_path / "types.pdf")))
    for expected in ("☐ Red ☐ Blue", "☐ Alpha ☐ Beta", "tick all that apply", "☐ Yes ☐ No",
                     "☐ True ☐ False", "(calculated by the software: [v_integer] * 2)",
                     "HH:MM", "Please fill in every field"):
        assert expected in flat, expected


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VO_CRF_PASSWORD": "admin-pass-1"}
    return subprocess.run([sys.executable, "-m", "vo_crf", *args, "--db", str(db),
                           "--user", "admin"], capture_output=True, text=True, env=env,
                          check=False)


def test_cli_casebook_and_blank(demo_path: Path, tmp_path: Path) -> None:
    one = _cli(demo_path, "report", "--casebook", "--record", "VO-004", "--with-audit",
               str(tmp_path / "vo4"))
    assert one.returncode == 0, one.stderr
    assert (tmp_path / "vo4.pdf").exists() and "Audit trail" in " ".join(
        flat_pages(tmp_path / "vo4.pdf"))
    blank = _cli(demo_path, "report", "--blank", str(tmp_path / "crf.pdf"))
    assert blank.returncode == 0 and "7 form(s)" in blank.stdout
    refused = _cli(demo_path, "report", "--casebook", str(tmp_path / "x.pdf"))
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        "vo-crf: error: --casebook needs --record ID or --all"]
    assert not (tmp_path / "x.pdf").exists()


def test_cli_figures_and_a_report_without_target(demo_path: Path, tmp_path: Path) -> None:
    figures = _cli(demo_path, "report", "--figures", str(tmp_path / "fig"))
    assert figures.returncode == 0, figures.stderr
    assert len(PdfReader(str(tmp_path / "fig.pdf")).pages) == 4
    nothing = _cli(demo_path, "report", str(tmp_path / "none.pdf"))
    assert nothing.returncode == 1
    assert nothing.stderr.strip().splitlines() == [
        "vo-crf: error: give --record ID or --all (or --blank for blank CRFs)"]
