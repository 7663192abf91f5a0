"""REDCap's data access groups are the records' sites (issue 13): the
``redcap_data_access_group`` column of REDCap's CSV, in and out, as REDCap writes it."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from redcap_studies import ADMIN, dictionary, init_study
from sqlalchemy import select

from vo_crf.cli import main
from vo_crf.db.engine import read_session
from vo_crf.db.models import Record
from vo_crf.exchange.import_common import ImportFailed
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_csv
from vo_crf.project import Project, open_project
from vo_crf.study.errors import DefinitionError

CLINIC = Path(__file__).parent / "data" / "redcap_project_clinic.xml"

GROUPS = {
    "data_dictionary.csv": dictionary([
        ("subject", "intake", "text", "Subject"),
        ("age", "intake", "text", "Age", "", "integer"),
    ]),
    "project.json": json.dumps({
        "name": "Two clinics",
        "data_access_groups": [{"unique_name": "north", "name": "North clinic"},
                               {"unique_name": "south", "name": "South clinic"}]}),
}


def _sites(project: Project) -> dict[str, str]:
    with read_session(project.engine) as session:
        return {row.record_id: row.site
                for row in session.execute(select(Record.record_id, Record.site))}


def test_the_groups_are_part_of_the_study(tmp_path: Path) -> None:
    project = init_study(tmp_path, GROUPS, "groups")
    assert [(c.code, c.label) for c in project.study.data_access_groups] == [
        ("north", "North clinic"), ("south", "South clinic")]
    project.close()


def test_a_bad_group_list_is_refused_by_name(tmp_path: Path) -> None:
    broken = dict(GROUPS, **{"project.json": json.dumps(
        {"data_access_groups": [{"unique_name": "North Clinic!", "name": "x"}]})})
    with pytest.raises(DefinitionError, match="data_access_groups"):
        init_study(tmp_path, broken, "broken")


def test_csv_import_gives_each_record_its_group_and_export_writes_it_back(
        tmp_path: Path) -> None:
    project = init_study(tmp_path, GROUPS, "groups")
    source = tmp_path / "in.csv"
    source.write_text("subject,redcap_data_access_group,age,intake_complete\n"
                      "S1,north,54,2\nS2,south,61,0\nS3,,47,1\n", encoding="utf-8")
    import_redcap_csv(project, ADMIN, source)
    assert _sites(project) == {"S1": "north", "S2": "south", "S3": ""}
    out = tmp_path / "out.csv"
    export_redcap_csv(project, ADMIN, out)
    assert out.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    project.close()


def test_an_unknown_group_is_refused_with_its_line(tmp_path: Path) -> None:
    project = init_study(tmp_path, GROUPS, "groups")
    source = tmp_path / "in.csv"
    source.write_text("subject,redcap_data_access_group,age,intake_complete\n"
                      "S1,east,54,2\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as refused:
        import_redcap_csv(project, ADMIN, source)
    assert "line 2, column 2 (redcap_data_access_group)" in str(refused.value)
    assert "north, south" in str(refused.value)
    assert _sites(project) == {}
    project.close()


def test_the_redcap_project_exports_its_groups_after_the_repeat_columns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "clinic.sqlite"
    os.environ["VO_CRF_PASSWORD"] = "admin-pass-1"
    try:
        assert main(["init", "--db", str(database), "--user", "admin", "--from-redcap",
                     str(CLINIC)]) == 0
    finally:
        del os.environ["VO_CRF_PASSWORD"]
    capsys.readouterr()
    project = open_project(str(database))
    out = tmp_path / "clinic.csv"
    export_redcap_csv(project, ADMIN, out)
    head, *rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert head[:6] == ["patient_id", "redcap_event_name", "redcap_repeat_instrument",
                        "redcap_repeat_instance", "redcap_data_access_group", "dob"]
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("1", "baseline_arm_1", "", "north_clinic"),
        ("1", "followup_arm_1", "medication", "north_clinic"),
        ("1", "followup_arm_1", "medication", "north_clinic"),
        ("2", "baseline_arm_2", "", "south_clinic")]
    project.close()


def test_an_odm_file_naming_an_unknown_group_is_refused_with_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml = tmp_path / "clinic.xml"
    xml.write_text(CLINIC.read_text(encoding="utf-8").replace(
        'Value="south_clinic"', 'Value="east_clinic"'), encoding="utf-8")
    database = tmp_path / "clinic.sqlite"
    os.environ["VO_CRF_PASSWORD"] = "admin-pass-1"
    try:
        code = main(["init", "--db", str(database), "--user", "admin", "--from-redcap",
                     str(xml)])
    finally:
        del os.environ["VO_CRF_PASSWORD"]
    output = capsys.readouterr()
    assert code != 0 and not database.exists()
    assert "redcap_data_access_group" in output.err and "'east_clinic'" in output.err
    assert "north_clinic, south_clinic" in output.err
