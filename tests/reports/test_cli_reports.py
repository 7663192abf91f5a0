"""``vo-crf demo``, ``vo-crf report`` and ``vo-crf export --format xlsx`` end to end."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from vo_crf.cli import main


def test_demo_report_and_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VO_CRF_PASSWORD", "demo-admin-pass-1")
    db = str(tmp_path / "demo.sqlite")
    assert main(["demo", "--db", db, "--user", "boss"]) == 0
    assert "29 patients" in capsys.readouterr().out

    assert main(["report", "--db", db, "--user", "boss", "--record", "VO-002",
                 str(tmp_path / "one.pdf")]) == 0
    assert (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")

    assert main(["report", "--db", db, "--user", "boss", "--all", str(tmp_path / "all")]) == 0
    assert len(list((tmp_path / "all").glob("*.pdf"))) == 29
    assert "29/29" in capsys.readouterr().err

    assert main(["report", "--db", db, "--user", "boss", "--all", "--combined",
                 "--identifiers", str(tmp_path / "all.pdf")]) == 0
    assert (tmp_path / "all.pdf").exists()

    assert main(["report", "--db", db, "--user", "boss", "--record", "NOPE",
                 str(tmp_path / "x.pdf")]) == 1

    out = tmp_path / "study.xlsx"
    assert main(["export", "--db", db, "--user", "boss", "--format", "xlsx", str(out),
                 "--deidentified"]) == 0
    workbook = openpyxl.load_workbook(out, read_only=True)
    header = next(workbook["Data"].iter_rows(max_row=1, values_only=True))
    assert "initials" not in header and "sex" in header
    workbook.close()
