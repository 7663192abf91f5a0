"""REDCap's import options (issue 13): ``--date-format DMY|MDY|YMD`` for the dates of a CSV
file, and ``--keep-invalid "reason"`` for data a REDCap server holds although it fails its
field's validation: kept as typed, audited with the reason, listed by the data-quality checks.
An inline study, not the VO study."""

from __future__ import annotations

from pathlib import Path

import pytest
from redcap_studies import ADMIN, dictionary, init_study, write_study
from trail_entries import trail_entries

from vo_crf.cli import main
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.import_common import ImportFailed
from vo_crf.exchange.import_options import ImportOptions
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm
from vo_crf.exchange.redcap_import import import_redcap_csv
from vo_crf.project import Project
from vo_crf.quality.run import run_quality_checks

EVENT = "event_1_arm_1"
STUDY = {
    "data_dictionary.csv": dictionary([
        ("pid", "visit", "text", "Participant"),
        ("d_ymd", "visit", "text", "Visit date", "", "date_ymd"),
        ("d_dmy", "visit", "text", "Birth date", "", "date_dmy"),
        ("seen_at", "visit", "text", "Seen at", "", "datetime_mdy"),
        ("count", "visit", "text", "Lesions", "", "integer"),
        ("email", "visit", "text", "E-mail", "", "email"),
        ("arm", "visit", "radio", "Arm", "1, A | 2, B"),
    ]),
    "project.json": '{"name": "Import options"}\n',
}
HEAD = "pid,d_ymd,d_dmy,seen_at,count,email,arm,visit_complete\n"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    opened = init_study(tmp_path, STUDY, "options")
    yield opened
    opened.close()


def _values(project: Project, record: str = "P-1") -> dict[str, str]:
    return EntryService(project, ADMIN).open_form(FormKey(record, EVENT, "visit")).values


def _csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "records.csv"
    path.write_text(HEAD + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(("order", "d1", "d2", "seen"), [
    ("DMY", "31/12/2024", "01/02/1980", "05/03/2024 14:05"),
    ("MDY", "12/31/2024", "02/01/1980", "03/05/2024 14:05"),
    ("YMD", "2024-12-31", "1980-02-01", "2024-03-05 14:05"),
])
def test_dates_of_a_csv_are_read_in_the_order_given(project: Project, tmp_path: Path,
                                                    order: str, d1: str, d2: str,
                                                    seen: str) -> None:
    path = _csv(tmp_path, f"P-1,{d1},{d2},{seen},3,a@b.org,1,0")
    import_redcap_csv(project, ADMIN, path, ImportOptions(date_format=order))
    values = _values(project)
    assert (values["d_ymd"], values["d_dmy"], values["seen_at"]) == (
        "2024-12-31", "1980-02-01", "2024-03-05 14:05")


def test_dates_in_another_order_than_the_one_given_are_refused(project: Project,
                                                               tmp_path: Path) -> None:
    path = _csv(tmp_path, "P-1,31/12/2024,,,,,,0")
    with pytest.raises(ImportFailed, match=r"line 2, column 2 \(d_ymd\): .*Visit date"):
        import_redcap_csv(project, ADMIN, path)
    with pytest.raises(ImportFailed, match=r"line 2, column 2 \(d_ymd\)"):
        import_redcap_csv(project, ADMIN, path, ImportOptions(date_format="MDY"))


def test_date_format_on_the_command_line(project: Project, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(tmp_path, "P-1,31.12.2024,,,,,,0")
    monkeypatch.setenv("VO_CRF_PASSWORD", "admin-pass-1")
    database = str(tmp_path / "options.sqlite")
    project.close()
    assert main(["import", "--db", database, "--user", "admin", "--date-format", "dmy",
                 str(path)]) == 0, capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["import", "--db", database, "--user", "admin", "--date-format", "DYM",
              str(path)])
    assert "invalid choice: 'DYM'" in capsys.readouterr().err


def test_invalid_values_are_refused_unless_kept_with_a_reason(project: Project,
                                                              tmp_path: Path) -> None:
    path = _csv(tmp_path, "P-1,2024-12-31,,,4.2,nina@example,1,1")
    with pytest.raises(ImportFailed) as refused:
        import_redcap_csv(project, ADMIN, path)
    assert "column 5 (count)" in str(refused.value) and "column 6 (email)" in str(refused.value)
    reason = "validation added on the server after the data"
    import_redcap_csv(project, ADMIN, path, ImportOptions(keep_invalid=reason))
    values = _values(project)
    assert (values["count"], values["email"]) == ("4.2", "nina@example")
    rows = {r.field: r for r in trail_entries(project)
            if r.field in ("count", "email", "d_ymd")}
    assert rows["count"].new_value == "4.2" and reason in (rows["count"].reason or "")
    assert "kept although invalid" in (rows["email"].reason or "")
    assert reason not in (rows["d_ymd"].reason or "")  # a valid value: the import's own reason
    issues = [i for i in run_quality_checks(project, ADMIN) if i.field in ("count", "email")]
    assert {(i.check, i.field, i.value) for i in issues} == {
        ("Invalid value", "count", "4.2"), ("Invalid value", "email", "nina@example")}
    assert all(reason in i.reason for i in issues)
    assert "Lesions (count)" in next(i.message for i in issues if i.field == "count")


def test_keep_invalid_never_keeps_an_unknown_choice_or_a_control_character(
        project: Project, tmp_path: Path) -> None:
    path = _csv(tmp_path, "P-1,,,,,,7,0")
    with pytest.raises(ImportFailed, match=r"column 7 \(arm\)"):
        import_redcap_csv(project, ADMIN, path, ImportOptions(keep_invalid="server data"))
    path = _csv(tmp_path, "P-1,,,,,bad\x01mail,,0")
    with pytest.raises(ImportFailed, match=r"column 6 \(email\).*U\+0001"):
        import_redcap_csv(project, ADMIN, path, ImportOptions(keep_invalid="server data"))


def test_keep_invalid_for_odm_and_on_the_command_line(project: Project, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    path = _csv(tmp_path, "P-1,2024-12-31,,,4.2,,1,1")
    import_redcap_csv(project, ADMIN, path, ImportOptions(keep_invalid="server data"))
    xml = tmp_path / "study.xml"
    export_odm(project, ADMIN, xml)
    copy = init_study(tmp_path, STUDY, "copy")
    with pytest.raises(ImportFailed, match="count"):
        import_odm(copy, ADMIN, xml)
    import_odm(copy, ADMIN, xml, ImportOptions(keep_invalid="server data"))
    assert _values(copy)["count"] == "4.2"
    copy.close()
    monkeypatch.setenv("VO_CRF_PASSWORD", "admin-pass-1")
    third = write_study(tmp_path / "third-def", STUDY)
    database = str(tmp_path / "third.sqlite")
    assert main(["init", "--db", database, "--user", "admin", "--study", str(third)]) == 0
    assert main(["import", "--db", database, "--user", "admin", "--keep-invalid", " ",
                 str(path)]) == 1
    assert "--keep-invalid needs a reason" in capsys.readouterr().err
    assert main(["import", "--db", database, "--user", "admin", "--keep-invalid",
                 "server data", str(path)]) == 0
    assert "1 value kept although invalid" in capsys.readouterr().out
