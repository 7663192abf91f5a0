"""De-identified exports: no identifiers, pseudonyms, shifted dates, statisticians never see ids."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

import pyreadstat
import pytest
from lxml import etree

from vo_crf.auth.permissions import PermissionDenied
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.exchange.deidentify import DateMode, Deidentifier, project_secret
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_names import ODM_NS
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.stats_export import export_csv, export_spss, export_stata
from vo_crf.project import Project, open_project, sqlite_file

PASSWORDS = {"admin": "admin-pass-1", "inv": "investigator-pass-1", "nurse": "nurse-pass-1",
             "stat": "statistician-pass-1"}  # as in tests/conftest.py (not importable here)


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _real(project: Project, users: dict[str, CurrentUser], tmp_path: Path
          ) -> list[dict[str, str]]:
    export_redcap_csv(project, users["admin"], tmp_path / "real.csv")
    return _rows(tmp_path / "real.csv")


def test_no_identifier_reaches_any_deidentified_file(filled: Project,
                                                     users: dict[str, CurrentUser],
                                                     tmp_path: Path) -> None:
    real = _real(filled, users, tmp_path)
    secrets = {r["record_id"] for r in real} | {r["birth_date"] for r in real if r["birth_date"]}
    out = tmp_path / "deid"
    out.mkdir()
    export_redcap_csv(filled, users["stat"], out / "r.csv", deidentified=True)
    export_odm(filled, users["stat"], out / "o.xml", deidentified=True)
    export_csv(filled, users["stat"], out / "c.csv", deidentified=True)
    export_spss(filled, users["stat"], out / "s.sav", deidentified=True)
    export_stata(filled, users["stat"], out / "t.dta", deidentified=True)
    for path in out.iterdir():
        text = path.read_bytes().decode("utf-8", errors="replace")
        leaked = [s for s in secrets if s in text]
        assert not leaked, (path.name, leaked[:3])
        if path.suffix == ".xml":
            assert 'OID="initials"' not in text and 'OID="birth_date"' not in text
        elif path.suffix == ".csv" and "codebook" not in path.name:
            header = text.splitlines()[0].split(",")
            assert "initials" not in header and "birth_date" not in header, path.name
        elif path.suffix in (".sav", ".dta"):
            reader = pyreadstat.read_sav if path.suffix == ".sav" else pyreadstat.read_dta
            columns = reader(str(path), metadataonly=True)[1].column_names
            assert "initials" not in columns and "birth_date" not in columns
    frame, _ = pyreadstat.read_sav(str(out / "s.sav"))
    assert frame["record_id"].str.fullmatch(r"P-[0-9A-F]{12}").all()
    assert list(frame["record_id"]) == sorted(frame["record_id"])  # no enrolment order
    about = (out / "c_about.txt").read_text(encoding="utf-8")
    assert "De-identified export (date mode: shift)" in about


def test_shifted_dates_keep_intervals_and_pseudonyms_are_stable(
        filled: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    real = {(r["record_id"], r["redcap_event_name"], r["redcap_repeat_instance"]): r
            for r in _real(filled, users, tmp_path)}
    export_redcap_csv(filled, users["stat"], tmp_path / "a.csv", deidentified=True)
    export_redcap_csv(filled, users["stat"], tmp_path / "b.csv", deidentified=True)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    shifted = _rows(tmp_path / "a.csv")
    deidentifier = Deidentifier(filled, DateMode.SHIFT)
    by_pseudonym = {deidentifier.record_id(rid): rid for rid, _e, _i in real}
    offsets = set()
    for row in shifted:
        rid = by_pseudonym[row["record_id"]]
        original = real[(rid, row["redcap_event_name"], row["redcap_repeat_instance"])]
        for name in ("diagnosis_date", "symptom_onset_date", "clin_date", "abx_start",
                     "abx_stop", "img_date"):
            if original.get(name):
                delta = (dt.date.fromisoformat(row[name])
                         - dt.date.fromisoformat(original[name])).days
                assert delta == deidentifier.date_offset(rid)
                offsets.add(delta)
    assert all(30 < abs(d) <= 365 for d in offsets) and len(offsets) > 3


def test_days_since_m0_mode(filled: Project, users: dict[str, CurrentUser],
                            tmp_path: Path) -> None:
    export_redcap_csv(filled, users["stat"], tmp_path / "d.csv", deidentified=True,
                      date_mode="days")
    rows = _rows(tmp_path / "d.csv")
    m0 = [r for r in rows if r["redcap_event_name"] == "m0_arm_1"
          and not r["redcap_repeat_instrument"]]
    assert {r["diagnosis_date"] for r in m0} == {"0"}
    assert all(int(r["symptom_onset_date"]) < 0 for r in m0)
    m3 = [r for r in rows if r["redcap_event_name"] == "m3_arm_1" and r["clin_date"]]
    assert {r["clin_date"] for r in m3} == {"90"}
    export_odm(filled, users["stat"], tmp_path / "d.xml", deidentified=True, date_mode="days")
    tree = etree.parse(str(tmp_path / "d.xml"))
    ns = {"odm": ODM_NS}
    assert tree.xpath("//odm:ItemDef[@OID='clin_date']/@DataType", namespaces=ns) == ["integer"]
    assert "days since the patient's M0 date" in tree.xpath(
        "//odm:StudyDescription/text()", namespaces=ns)[0]
    frame, meta = pyreadstat.read_sav(str(_export_spss_days(filled, users, tmp_path)))
    assert set(frame["diagnosis_date"]) == {0.0}
    assert "(days since M0)" in meta.column_names_to_labels["diagnosis_date"]


def _export_spss_days(project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> Path:
    export_spss(project, users["stat"], tmp_path / "days.sav", deidentified=True,
                date_mode="days")
    return tmp_path / "days.sav"


def test_secret_lives_in_the_database_so_copies_keep_pseudonyms(
        filled: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    first = project_secret(filled)
    assert project_secret(filled) == first and len(first) == 32
    pseudonym = Deidentifier(filled).record_id("01-001")
    copy = tmp_path / "copy.sqlite"
    source_file = sqlite_file(filled.url)
    assert source_file is not None
    with sqlite3.connect(source_file) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    copied = open_project(str(copy))
    try:
        assert project_secret(copied) == first
        assert Deidentifier(copied).record_id("01-001") == pseudonym
    finally:
        copied.close()


@pytest.mark.parametrize("exporter", [export_redcap_csv, export_odm, export_csv, export_spss,
                                      export_stata])
def test_statistician_cannot_export_identifiers(filled: Project, users: dict[str, CurrentUser],
                                                tmp_path: Path, exporter) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        exporter(filled, users["stat"], tmp_path / "x.out")
    assert not list(tmp_path.glob("x*"))


def test_cli_forces_deidentification_for_statisticians(filled: Project, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    db = filled.url.removeprefix("sqlite:///")
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["stat"])
    assert main(["export", "--db", db, "--user", "stat", "--format", "odm",
                 str(tmp_path / "s.xml")]) == 0
    assert "(de-identified)" in capsys.readouterr().out
    text = (tmp_path / "s.xml").read_text(encoding="utf-8")
    assert "01-001" not in text and "De-identified export" in text
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["inv"])
    assert main(["export", "--db", db, "--user", "inv", "--format", "csv", "--labels",
                 "--deidentified", "--date-mode", "days", str(tmp_path / "i.csv")]) == 0
    assert "date mode: days" in (tmp_path / "i_about.txt").read_text(encoding="utf-8")
    assert main(["export", "--db", db, "--user", "inv", "--format", "odm", "--no-audit",
                 str(tmp_path / "full.xml")]) == 0
    assert "<AuditRecord" not in (tmp_path / "full.xml").read_text(encoding="utf-8")
    empty = tmp_path / "copy.sqlite"
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["admin"])
    assert main(["init", "--db", str(empty), "--user", "admin"]) == 0
    assert main(["import", "--db", str(empty), "--user", "admin", str(tmp_path / "full.xml")]) \
        == 0
    assert "Imported full.xml: " in capsys.readouterr().out
