"""What a REDCap project XML carries beyond the plain fields (issue 13, item 2): sliders with
their labels and number flag, the files of file fields, survey items listed by init and import
alike, and the records' data access groups through an ODM round trip and later imports.

The project is ``PAIN`` (``tests/support/pain_project.py``), a small classic REDCap project
with data access groups, written inline as REDCap writes its project XML.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from pain_project import PAIN, SCAN, pain_xml
from redcap_studies import ADMIN
from sqlalchemy import select
from trail_entries import trail_entries

from vo_crf.attachments.reference import parse_reference
from vo_crf.attachments.store import read_attachment
from vo_crf.cli import main
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.import_options import ImportOptions
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.exchange.redcap_project_open import OpenedRedcapProject, create_study_from_redcap
from vo_crf.exchange.redcap_project_xml import read_project_xml
from vo_crf.project import Project, init_project
from vo_crf.study.model import FieldType

PASSWORD = "admin-pass-1"
@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenedRedcapProject]:
    result = create_study_from_redcap(str(tmp_path / "pain.sqlite"), "admin", PASSWORD,
                                      pain_xml(tmp_path))
    yield result
    result.project.close()


def _sites(project: Project) -> dict[str, str]:
    with read_session(project.engine) as session:
        return {r.record_id: r.site for r in session.execute(select(Record.record_id,
                                                                     Record.site))}


def _audit(project: Project, field: str) -> list[tuple[str, str | None, str | None]]:
    return [(entry.action, entry.old_value, entry.new_value)
            for entry in trail_entries(project, field=field)]


def test_sliders_keep_their_three_labels_and_the_number_flag(
        opened: OpenedRedcapProject) -> None:
    study = opened.project.study
    score, mood = study.field("pain_score"), study.field("mood")
    assert score.field_type is mood.field_type is FieldType.SLIDER
    assert score.slider_labels == ("No pain", "Moderate", "Worst pain")
    assert score.slider_shows_number and not mood.slider_shows_number
    assert mood.slider_labels == ("Sad", "", "Happy")
    assert (score.min_value, score.max_value) == ("0", "10")


def test_slider_labels_sit_in_the_dictionary_as_redcap_writes_them(tmp_path: Path) -> None:
    dictionary = read_project_xml(pain_xml(tmp_path)).texts["data_dictionary.csv"]
    row = next(line for line in dictionary.splitlines() if line.startswith("pain_score,"))
    assert ",No pain | Moderate | Worst pain,,number,0,10," in row


def test_the_files_of_file_fields_come_with_the_project(opened: OpenedRedcapProject) -> None:
    project = opened.project
    value = EntryService(project, ADMIN).open_form(
        FormKey("P1", "event_1_arm_1", "pain", 1)).value("consent_scan")
    ref = parse_reference(value)
    assert ref is not None, value
    assert (ref.name, ref.mime_type, ref.size, ref.sha256) == (
        "consent P1.pdf", "application/pdf", len(SCAN), hashlib.sha256(SCAN).hexdigest())
    assert read_attachment(project.engine, value) == (ref, SCAN)
    # audited like any imported value: who (the new admin), old -> new, the import as reason
    assert _audit(project, "consent_scan") == [("value_insert", None, value)]
    assert not any("consent_scan" in line for line in opened.report_lines())


def _cli(*args: str) -> int:
    os.environ["VO_CRF_PASSWORD"] = PASSWORD
    try:
        return main(list(args))
    finally:
        del os.environ["VO_CRF_PASSWORD"]


def test_import_of_a_project_xml_lists_survey_items_as_init_does(
        opened: OpenedRedcapProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = [line for line in opened.report_lines() if "pain_timestamp" in line]
    assert len(listed) == 1 and "survey" in listed[0]
    capsys.readouterr()
    (tmp_path / "again").mkdir()
    again = pain_xml(tmp_path / "again", PAIN.replace('Value="7"', 'Value="5"'))
    code = _cli("import", "--db", opened.project.url, "--user", "admin", str(again))
    output = capsys.readouterr()
    assert code == 0, output.err
    # the same sentence as init's: listed, not an error, not lost silently
    assert listed[0].strip(" -") in output.out
    state = EntryService(opened.project, ADMIN).open_form(
        FormKey("P1", "event_1_arm_1", "pain", 1))
    assert state.value("pain_score") == "5"
    summary = import_odm(opened.project, ADMIN, again)
    assert [line for line in summary.not_carried if "pain_timestamp" in line] == [
        listed[0].strip(" -")]


def test_the_odm_export_writes_each_records_group_and_a_round_trip_keeps_it(
        opened: OpenedRedcapProject, tmp_path: Path) -> None:
    assert _sites(opened.project) == {"P1": "lyon", "P2": "nantes"}
    out = tmp_path / "export.xml"
    export_odm(opened.project, ADMIN, out)
    tree = etree.parse(str(out))
    odm = "{http://www.cdisc.org/ns/odm/v1.3}"
    groups = {subject.get("SubjectKey"): [item.get("Value") for item in subject.iter(
                  f"{odm}ItemData") if item.get("ItemOID") == "redcap_data_access_group"]
              for subject in tree.iter(f"{odm}SubjectData")}
    assert groups == {"P1": ["lyon"], "P2": ["nantes"]}  # once per record, as REDCap does
    assert [d.get("OID") for d in tree.iter(f"{odm}ItemDef")].count(
        "redcap_data_access_group") == 1
    fresh = init_project(str(tmp_path / "fresh.sqlite"), "admin", PASSWORD,
                         study_texts=read_project_xml(pain_xml(tmp_path)).texts)
    try:
        import_odm(fresh, ADMIN, out)
        assert _sites(fresh) == {"P1": "lyon", "P2": "nantes"}
    finally:
        fresh.close()


def test_the_odm_export_with_groups_stays_valid_odm_1_3_2(
        opened: OpenedRedcapProject, tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    xsd = Path("/work/shared/spec/odm1-3-2/ODM1-3-2.xsd")
    if not xsd.exists():
        pytest.skip("ODM 1.3.2 schema not available")
    out = tmp_path / "export.xml"
    export_odm(opened.project, ADMIN, out)
    tree = etree.parse(str(out))
    for item in tree.iter("{*}ItemDataBase64Binary"):  # REDCap's two file attributes
        for name in ("DocName", "MimeType"):
            del item.attrib[f"{{https://projectredcap.org}}{name}"]
    stripped = tmp_path / "stripped.xml"
    tree.write(str(stripped), xml_declaration=True, encoding="utf-8")
    assert list(xmlschema.XMLSchema(str(xsd)).iter_errors(str(stripped))) == []


def test_a_later_import_giving_another_group_moves_the_record_with_an_audit_row(
        opened: OpenedRedcapProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As in REDCap, where an importer in no data access group may (re)assign records."""
    project = opened.project
    summary = import_redcap_text(project, ADMIN,
                                 "pid,redcap_data_access_group,pain_score\n"
                                 "P1,nantes,6\nP2,,2\n", "move.csv")
    assert summary.records_moved == 1
    assert _sites(project) == {"P1": "nantes", "P2": "nantes"}  # a blank cell moves nothing
    with read_session(project.engine) as session:
        rows = session.execute(select(AuditEntry).where(
            AuditEntry.action == "record_site_change")).scalars().all()
        assert [(r.record_id, r.username, r.old_value, r.new_value, r.reason)
                for r in rows] == [("P1", "admin", "lyon", "nantes", "import of move.csv (line 2)")]
    # the same through the CLI, from an ODM file, with a dry run first
    (tmp_path / "back").mkdir()
    back = pain_xml(tmp_path / "back")  # P1 in lyon again
    capsys.readouterr()
    assert _cli("import", "--db", project.url, "--user", "admin", str(back), "--dry-run") == 0
    assert "1 record would move to another site" in capsys.readouterr().out
    assert _sites(project)["P1"] == "nantes"
    assert _cli("import", "--db", project.url, "--user", "admin", str(back)) == 0
    assert "1 record moved to another site" in capsys.readouterr().out
    assert _sites(project) == {"P1": "lyon", "P2": "nantes"}


def test_a_row_giving_only_the_group_moves_the_record_as_a_row_with_values_does(
        opened: OpenedRedcapProject) -> None:
    """REDCap assigns a record's group from its ``redcap_data_access_group`` cell whatever
    else the row holds: a row of just the record id and the group moves the record too."""
    project = opened.project
    text = "pid,redcap_data_access_group,pain_score\nP1,nantes,\nP3,lyon,\n"
    preview = import_redcap_text(project, ADMIN, text, "groups.csv",
                                 ImportOptions(dry_run=True))
    assert (preview.records_moved, preview.records_created) == (1, 1)
    assert _sites(project) == {"P1": "lyon", "P2": "nantes"}  # a dry run moves nothing
    summary = import_redcap_text(project, ADMIN, text, "groups.csv")
    assert (summary.records_moved, summary.records_created, summary.forms_saved) == (1, 1, 0)
    assert _sites(project) == {"P1": "nantes", "P2": "nantes", "P3": "lyon"}
    with read_session(project.engine) as session:
        rows = session.execute(select(AuditEntry).where(
            AuditEntry.action == "record_site_change")).scalars().all()
        assert [(r.record_id, r.username, r.old_value, r.new_value, r.reason)
                for r in rows] == [("P1", "admin", "lyon", "nantes",
                                    "import of groups.csv (line 2)")]
    state = EntryService(project, ADMIN).open_form(FormKey("P1", "event_1_arm_1", "pain", 1))
    assert state.value("pain_score") == "7"  # its values stay


def test_a_redcap_csv_with_survey_fields_follows_the_same_rule(
        opened: OpenedRedcapProject) -> None:
    """REDCap's CSV export "with survey identifier and timestamp fields"."""
    summary = import_redcap_text(
        opened.project, ADMIN,
        "pid,redcap_survey_identifier,redcap_data_access_group,pain_timestamp,pain_score\n"
        "P2,anna@example.org,nantes,2026-11-03 09:00:00,4\n", "survey.csv")
    assert summary.values_changed == 1
    assert summary.not_carried == ["survey timestamps and survey identifiers (pain_timestamp, "
                                   "redcap_survey_identifier): surveys do not run offline, so "
                                   "they are not kept"]
