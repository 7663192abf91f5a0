"""De-identified files hold no free text, and no patient's shifted dates are real (issue 12)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pyreadstat
import pytest
from accounts import PASSWORDS
from openpyxl import load_workbook

from vo_crf.auth.permissions import PermissionDenied, Role
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.exchange.deidentify import Deidentifier
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.exchange.stats_export import export_csv, export_spss, export_stata
from vo_crf.project import Project, init_project
from vo_crf.reports.workbook import export_workbook

SENTINEL = "Jean DUPONT ne le 14/07/1941 tel 0611223344 ZQXSENTINEL"
MARK = "ZQXSENTINEL"
FREE_TEXT = ("img_comment", "micro_other")

Exporter = Callable[..., int]
EXPORTERS: dict[str, tuple[Exporter, dict[str, object]]] = {
    "r.csv": (export_redcap_csv, {}),
    "o.xml": (export_odm, {}),
    "c.csv": (export_csv, {}),
    "l.csv": (export_csv, {"labels": True}),
    "s.sav": (export_spss, {}),
    "t.dta": (export_stata, {}),
    "w.xlsx": (export_workbook, {}),
}


def _type_free_text(project: Project, record_id: str = "01-001") -> None:
    """Type the sentinel into the radiologist's comment and 'other organism' of one patient."""
    study = project.study
    lines = ["record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
             "img_comment,imaging_complete,micro_other,microbiology_complete"]
    imaging = study.events_of_form("imaging")[0].unique_name
    micro = study.events_of_form("microbiology")[0].unique_name
    lines.append(f'{record_id},{imaging},,,"{SENTINEL}",1,,')
    lines.append(f'{record_id},{micro},,,,,"{SENTINEL}",1')
    import_redcap_text(project, CurrentUser("nurse", Role.NURSE), "\n".join(lines) + "\n",
                       "typed.csv")


def _bytes_of(path: Path) -> bytes:
    """Every byte a reader could see: the XML members of an xlsx, the file itself otherwise."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())
    return path.read_bytes()


def _export_all(project: Project, user: CurrentUser, folder: Path, **options: object) -> None:
    folder.mkdir()
    for name, (exporter, extra) in EXPORTERS.items():
        exporter(project, user, folder / name, deidentified=True, **extra, **options)


def test_typed_free_text_reaches_no_deidentified_file(filled: Project,
                                                      users: dict[str, CurrentUser],
                                                      tmp_path: Path) -> None:
    _type_free_text(filled)
    export_redcap_csv(filled, users["admin"], tmp_path / "identified.csv")
    assert SENTINEL in (tmp_path / "identified.csv").read_text(encoding="utf-8")
    out = tmp_path / "deid"
    _export_all(filled, users["stat"], out)
    files = sorted(out.iterdir())
    assert len(files) >= 18
    for path in files:
        assert MARK.encode() not in _bytes_of(path), path.name
        assert b"0611223344" not in _bytes_of(path), path.name
    for path in out.glob("*.sav"):
        frame, meta = pyreadstat.read_sav(str(path))
        assert not set(FREE_TEXT) & set(meta.column_names), path.name
        assert not frame.astype(str).apply(lambda c: c.str.contains(MARK)).any().any()
    for path in out.glob("*.dta"):
        frame, meta = pyreadstat.read_dta(str(path))
        assert not set(FREE_TEXT) & set(meta.column_names), path.name
        assert not frame.astype(str).apply(lambda c: c.str.contains(MARK)).any().any()
    for codebook in out.glob("*_codebook.csv"):
        fields = {row["field"] for row in csv.DictReader(io.StringIO(
            codebook.read_text(encoding="utf-8")))}
        assert not set(FREE_TEXT) & fields, codebook.name
    header = (out / "r.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert not set(FREE_TEXT) & set(header)
    xml = (out / "o.xml").read_text(encoding="utf-8")
    assert 'OID="img_comment"' not in xml and 'OID="micro_other"' not in xml
    workbook = load_workbook(out / "w.xlsx", read_only=True)
    listed = {row[0] for row in workbook["Codebook"].iter_rows(min_row=2, values_only=True)}
    assert not set(FREE_TEXT) & listed and "img_date" in listed
    assert "free text" in (out / "c_about.txt").read_text(encoding="utf-8")


def test_keep_free_text_needs_the_right_to_see_identified_data(
        filled: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    _type_free_text(filled)
    refused = tmp_path / "refused"
    refused.mkdir()
    for name, (exporter, extra) in EXPORTERS.items():
        with pytest.raises(PermissionDenied, match="free text"):
            exporter(filled, users["stat"], refused / name, deidentified=True,
                     keep_free_text=True, **extra)
    assert not list(refused.iterdir())
    _export_all(filled, users["inv"], tmp_path / "kept", keep_free_text=True)
    assert MARK in (tmp_path / "kept" / "r.csv").read_text(encoding="utf-8")
    assert MARK.encode() in _bytes_of(tmp_path / "kept" / "w.xlsx")


def test_cli_keep_free_text_is_refused_to_a_statistician(
        filled: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _type_free_text(filled)
    db = filled.url.removeprefix("sqlite:///")
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["stat"])
    assert main(["export", "--db", db, "--user", "stat", "--keep-free-text",
                 str(tmp_path / "s.csv")]) == 1
    assert "free text" in capsys.readouterr().err
    assert main(["export", "--db", db, "--user", "stat", str(tmp_path / "s.csv")]) == 0
    assert MARK not in (tmp_path / "s.csv").read_text(encoding="utf-8")
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["inv"])
    assert main(["export", "--db", db, "--user", "inv", "--deidentified", "--keep-free-text",
                 str(tmp_path / "i.csv")]) == 0
    assert MARK in (tmp_path / "i.csv").read_text(encoding="utf-8")


TINY_DICTIONARY = """\
Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...),Required Field?,Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?,Field Annotation
pid,visit,,text,Participant,,,,,,,,,,,,,
seen_on,visit,,text,Date seen,,,date_ymd,,,,,,,,,,
weight,visit,,text,Weight,,kg,number,,,,,,,,,,
mood,visit,,radio,Mood,"1, Good | 2, Bad",,,,,,,,,,,,
remark,visit,,text,Remark,,,,,,,,,,,,,
story,visit,,notes,What happened,,,,,,,,,,,,,
"""  # noqa: E501


@pytest.fixture
def tiny(tmp_path: Path) -> Project:
    """A one-form study of its own: two free-text fields among validated ones."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "data_dictionary.csv").write_text(TINY_DICTIONARY, encoding="utf-8")
    (folder / "project.json").write_text('{"name": "Tiny"}', encoding="utf-8")
    (folder / "events.csv").write_text("event_name,arm_num,day_offset,offset_min,offset_max,"
                                       "unique_event_name\nVisit,1,0,0,0,visit_arm_1\n",
                                       encoding="utf-8")
    (folder / "instrument_event_mapping.csv").write_text(
        "arm_num,unique_event_name,form\n1,visit_arm_1,visit\n", encoding="utf-8")
    project = init_project(str(tmp_path / "tiny.sqlite"), "admin", PASSWORDS["admin"], folder)
    import_redcap_text(project, CurrentUser("admin", Role.ADMIN),
                       "pid,redcap_event_name,seen_on,weight,mood,remark,story,visit_complete\n"
                       f'A1,visit_arm_1,2020-03-04,71.5,1,{MARK} remark,"{SENTINEL}",2\n',
                       "tiny.csv")
    return project


def test_free_text_is_removed_in_another_study_too(tiny: Project, tmp_path: Path) -> None:
    admin = CurrentUser("admin", Role.ADMIN)
    for name, (exporter, extra) in EXPORTERS.items():
        if exporter is export_workbook:
            continue  # the workbook is the VO study's (its tables follow the paper)
        exporter(tiny, admin, tmp_path / name, deidentified=True, **extra)
    for path in tmp_path.glob("[a-z].*"):
        assert MARK.encode() not in _bytes_of(path), path.name
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8"))))
    assert rows[0]["weight"] == "71.5" and rows[0]["mood"] == "1"
    assert "remark" not in rows[0] and "story" not in rows[0]
    tiny.close()


def test_no_patient_keeps_real_dates(filled: Project) -> None:
    deidentifier = Deidentifier(filled)
    again = Deidentifier(filled)
    offsets = [deidentifier.date_offset(f"{site:02d}-{n:03d}")
               for site in range(1, 21) for n in range(1, 251)]
    assert all(abs(offset) > 30 for offset in offsets)
    assert min(offsets) < 0 < max(offsets)
    assert len(set(offsets)) > 100
    assert offsets == [again.date_offset(f"{site:02d}-{n:03d}")
                       for site in range(1, 21) for n in range(1, 251)]
    other = Deidentifier(filled, secret=b"another study's secret key 32 by")
    assert [other.date_offset(f"01-{n:03d}") for n in range(1, 51)] != offsets[:50]
