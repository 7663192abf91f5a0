"""Where the data-quality findings go: the Excel "Data quality" sheet and ``vo-crf quality``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from accounts import PASSWORDS

from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.entry.service import EntryService, FormKey
from vo_crf.project import Project, open_project
from vo_crf.reports.workbook import export_workbook


def _raise_crp_at_m3(project: Project, nurse: CurrentUser) -> None:
    EntryService(project, nurse).save_form(FormKey("VO-001", "m3_arm_1", "biology", 1),
                                           {"bio_crp": "60"}, 1, reason="lab report re-read")


def test_workbook_sheet_lists_study_rules_with_their_name(demo_project: Project,
                                                          users: dict[str, CurrentUser],
                                                          tmp_path: Path) -> None:
    _raise_crp_at_m3(demo_project, users["nurse"])
    path = tmp_path / "study.xlsx"
    export_workbook(demo_project, users["inv"], path)

    sheet = openpyxl.load_workbook(path)["Data quality"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Rule"
    crp = [r for r in rows[1:] if r[-1] == "crp_rose_m3"]
    assert crp == [("Study rule", "VO-001", "m3_arm_1", "biology", 1, "bio_crp", "60",
                    "CRP rose at M3", "lab report re-read", "computed", "crp_rose_m3")]


def test_cli_prints_the_findings_as_csv(demo_path: Path, users: dict[str, CurrentUser],
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    project = open_project(str(demo_path))
    _raise_crp_at_m3(project, users["nurse"])
    project.close()
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["inv"])

    assert main(["quality", "--db", str(demo_path), "--user", "inv", "--check", "rule"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["Check"] for r in rows} == {"Study rule"}
    assert {"record_id": "VO-001", "Event": "m3_arm_1", "Form": "biology", "Field": "bio_crp",
            "Message": "CRP rose at M3", "Rule": "crp_rose_m3"}.items() <= rows[0].items()
    assert f"{len(rows)} finding(s)" in err

    assert main(["quality", "--db", str(demo_path), "--user", "inv", "--check",
                 "crp_rose_m3", "--record", "VO-002"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == []

    assert main(["quality", "--db", str(demo_path), "--user", "inv", "--check", "nope"]) == 1
    assert "unknown data-quality check 'nope'" in capsys.readouterr().err
