# ruff: noqa: E501  (the inline project XML keeps REDCap's own long lines)
"""Opening a REDCap project in one step from its project XML (issue 13, item 2).

``data/redcap_project_clinic.xml`` is written as REDCap's "Download project XML (metadata &
data)" writes it (CDISC ODM 1.3.1 with the ``redcap:`` extensions, as in the project files of
REDCapR's test data): two arms, a repeating instrument, data access groups, surveys, alerts,
user roles, reports, a matrix group, action tags, a file field with its attachment and a
survey timestamp.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from vo_crf.cli import main
from vo_crf.db.engine import read_session
from vo_crf.db.models import Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.redcap_project_xml import read_project_xml
from vo_crf.project import Project, open_project
from vo_crf.study.errors import DefinitionError
from vo_crf.study.model import FieldType, ValidationType

DATA = Path(__file__).parent / "data"
CLINIC = DATA / "redcap_project_clinic.xml"
PASSWORD = "admin-pass-1"

CLASSIC_NO_DATA = """<?xml version="1.0" encoding="UTF-8" ?>
<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:redcap="https://projectredcap.org"
     ODMVersion="1.3.1" FileType="Snapshot" SourceSystem="REDCap" SourceSystemVersion="14.5.2">
<Study OID="Project.Screening">
<GlobalVariables>
	<StudyName>Screening log</StudyName>
	<redcap:SurveysEnabled>0</redcap:SurveysEnabled>
	<redcap:MissingDataCodes></redcap:MissingDataCodes>
</GlobalVariables>
<MetaDataVersion OID="Metadata.Screening" Name="Screening log" redcap:RecordIdField="screen_no">
	<FormDef OID="Form.screening" Name="Screening" Repeating="No" redcap:FormName="screening">
		<ItemGroupRef ItemGroupOID="screening.screen_no" Mandatory="No"/>
		<ItemGroupRef ItemGroupOID="screening.screening_complete" Mandatory="No"/>
	</FormDef>
	<ItemGroupDef OID="screening.screen_no" Name="Screening" Repeating="No">
		<ItemRef ItemOID="screen_no" Mandatory="No" redcap:Variable="screen_no"/>
		<ItemRef ItemOID="eligible" Mandatory="No" redcap:Variable="eligible"/>
		<ItemRef ItemOID="intro" Mandatory="No" redcap:Variable="intro"/>
	</ItemGroupDef>
	<ItemGroupDef OID="screening.screening_complete" Name="Form Status" Repeating="No">
		<ItemRef ItemOID="screening_complete" Mandatory="No" redcap:Variable="screening_complete"/>
	</ItemGroupDef>
	<ItemDef OID="screen_no" Name="screen_no" DataType="text" Length="999" redcap:Variable="screen_no" redcap:FieldType="text">
		<Question><TranslatedText>Screening number</TranslatedText></Question>
	</ItemDef>
	<ItemDef OID="eligible" Name="eligible" DataType="boolean" Length="1" redcap:Variable="eligible" redcap:FieldType="truefalse">
		<Question><TranslatedText>Eligible</TranslatedText></Question>
		<CodeListRef CodeListOID="eligible.choices"/>
	</ItemDef>
	<ItemDef OID="intro" Name="intro" DataType="text" Length="999" redcap:Variable="intro" redcap:FieldType="descriptive">
		<Question><TranslatedText>Read the protocol first.</TranslatedText></Question>
	</ItemDef>
	<ItemDef OID="screening_complete" Name="screening_complete" DataType="text" Length="1" redcap:Variable="screening_complete" redcap:FieldType="select" redcap:SectionHeader="Form Status">
		<Question><TranslatedText>Complete?</TranslatedText></Question>
		<CodeListRef CodeListOID="screening_complete.choices"/>
	</ItemDef>
	<CodeList OID="eligible.choices" Name="eligible" DataType="boolean" redcap:Variable="eligible">
		<CodeListItem CodedValue="1"><Decode><TranslatedText>True</TranslatedText></Decode></CodeListItem>
		<CodeListItem CodedValue="0"><Decode><TranslatedText>False</TranslatedText></Decode></CodeListItem>
	</CodeList>
</MetaDataVersion>
</Study>
CLINICAL
</ODM>
"""

CLASSIC_DATA = """<ClinicalData StudyOID="Project.Screening" MetaDataVersionOID="Metadata.Screening">
	<SubjectData SubjectKey="S-7" redcap:RecordIdField="screen_no">
			<FormData FormOID="Form.screening" FormRepeatKey="1">
				<ItemGroupData ItemGroupOID="screening.screen_no" ItemGroupRepeatKey="1">
					<ItemData ItemOID="screen_no" Value="S-7"/>
					<ItemData ItemOID="eligible" Value="VALUE"/>
				</ItemGroupData>
				<ItemGroupData ItemGroupOID="screening.screening_complete" ItemGroupRepeatKey="1">
					<ItemData ItemOID="screening_complete" Value="2"/>
				</ItemGroupData>
			</FormData>
	</SubjectData>
</ClinicalData>"""


def _init(tmp_path: Path, xml: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    database = tmp_path / "study.sqlite"
    os.environ["VO_CRF_PASSWORD"] = PASSWORD
    try:
        code = main(["init", "--db", str(database), "--user", "admin", "--from-redcap",
                     str(xml)])
    finally:
        del os.environ["VO_CRF_PASSWORD"]
    captured = capsys.readouterr()
    return code, captured.out + captured.err, database


@pytest.fixture
def clinic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Project, str]:
    code, output, database = _init(tmp_path, CLINIC, capsys)
    assert code == 0, output
    project = open_project(str(database))
    yield project, output
    project.close()


def test_the_definition_comes_whole_from_the_project_xml(clinic: tuple[Project, str]) -> None:
    study = clinic[0].study
    assert study.name == "Clinic follow-up"
    assert study.record_id_field == "patient_id"
    assert [(f.name, f.label) for f in study.forms] == [
        ("enrolment", "Enrolment"), ("visit", "Clinic visit"), ("medication", "Medication")]
    assert [(e.unique_name, e.label, e.arm, e.day_offset, e.window, e.forms)
            for e in study.events] == [
        ("baseline_arm_1", "Baseline", 1, 0, (0, 2), ("enrolment", "visit")),
        ("followup_arm_1", "Follow-up", 1, 30, (25, 37), ("visit", "medication")),
        ("baseline_arm_2", "Baseline", 2, 0, (0, 2), ("enrolment", "visit"))]
    assert study.is_repeating("followup_arm_1", "medication")
    assert not study.is_repeating("baseline_arm_1", "visit")
    assert [(c.code, c.label) for c in study.missing_codes] == [
        ("UNK", "Unknown"), ("NA", "Not applicable"), ("ND", "Not done")]
    # the survey timestamp, the DAG column and the status items are not fields
    assert [f.name for f in study.form("enrolment").fields] == [
        "patient_id", "dob", "sex", "symptoms", "weight", "height", "bmi", "pregnant",
        "clinic_note"]
    dob = study.field("dob")
    assert (dob.validation, dob.note, dob.identifier, dob.required) == (
        ValidationType.DATE_YMD, "As on the ID card", True, True)
    assert [(c.code, c.label) for c in study.field("symptoms").choices] == [
        ("1", "Cough"), ("2", "Fever"), ("99", "None of these")]
    assert study.field("symptoms").annotation == "@NONEOFTHEABOVE='99'"
    weight = study.field("weight")
    assert (weight.validation, weight.min_value, weight.max_value, weight.section_header) == (
        ValidationType.INTEGER, "30", "200", "Body measures")
    assert study.field("height").validation is ValidationType.NUMBER
    assert study.field("med_dose").validation is ValidationType.NUMBER_1DP
    assert study.field("visit_date").validation is ValidationType.DATE_DMY
    assert study.field("bmi").calculation == "round([weight]*10000/([height]*[height]),1)"
    assert study.field("pregnant").branching_logic == "[sex] = '0'"
    assert study.field("pregnant").field_type is FieldType.YESNO
    assert study.field("clinic_note").field_type is FieldType.NOTES
    assert study.field("clinic_note").label == "Note for <b>[patient_id]</b>"
    assert study.field("qol_walk").section_header == "Quality of life"
    assert study.field("qol_sleep").section_header == ""
    assert study.field("qol_walk").matrix_group == study.field("qol_sleep").matrix_group == "qol"
    assert study.field("scan_report").field_type is FieldType.FILE


def test_the_data_come_with_the_project_and_dags_become_sites(
        clinic: tuple[Project, str]) -> None:
    project, _output = clinic
    admin_service = EntryService(project, _admin())
    enrolment = admin_service.open_form(FormKey("1", "baseline_arm_1", "enrolment", 1))
    assert (enrolment.value("dob"), enrolment.value("symptoms"), enrolment.value("weight"),
            enrolment.value("height"), enrolment.value("clinic_note")) == (
        "1961-04-12", "1,2", "64", "165.5", "Lives alone")
    assert enrolment.status == 2
    visit = admin_service.open_form(FormKey("1", "baseline_arm_1", "visit", 1))
    assert visit.value("comments") == "Sleeps badly\nsince discharge"
    assert visit.value("visit_date") == "2026-10-01"
    assert visit.value("scan_report").startswith("scan.txt; text/plain; 10 bytes; sha256:")
    assert [s.value("med_name") for s in
            admin_service.instances("1", "followup_arm_1", "medication")] == [
        "Metformin", "Ramipril"]
    second = admin_service.open_form(FormKey("2", "baseline_arm_2", "enrolment", 1))
    assert (second.value("weight"), second.value("symptoms")) == ("UNK", "99")
    with read_session(project.engine) as session:
        sites = {row.record_id: row.site
                 for row in session.execute(select(Record.record_id, Record.site))}
    assert sites == {"1": "north_clinic", "2": "south_clinic"}


def test_what_cannot_be_carried_offline_is_listed(clinic: tuple[Project, str]) -> None:
    _project, output = clinic
    assert "Imported 2 records" in output
    for expected in ("surveys", "alerts", "user roles", "reports", "survey timestamps"):
        assert expected in output.lower(), (expected, output)
    assert "scan_report" not in output  # the file field's file comes with its value
    # the groups themselves are carried (as sites), their users are not
    assert "data access groups' users" in output


def test_a_project_without_data_and_without_events(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    xml = tmp_path / "screening.xml"
    xml.write_text(CLASSIC_NO_DATA.replace("CLINICAL", ""), encoding="utf-8")
    code, output, database = _init(tmp_path, xml, capsys)
    assert code == 0, output
    project = open_project(str(database))
    assert project.study.classic
    assert [f.name for f in project.study.fields] == ["screen_no", "eligible", "intro"]
    assert project.study.field("intro").field_type is FieldType.DESCRIPTIVE
    assert "no data" in output.lower()
    project.close()


def test_a_classic_project_with_data_has_no_event_elements(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml = tmp_path / "screening.xml"
    xml.write_text(CLASSIC_NO_DATA.replace("CLINICAL", CLASSIC_DATA.replace("VALUE", "1")),
                   encoding="utf-8")
    code, output, database = _init(tmp_path, xml, capsys)
    assert code == 0, output
    project = open_project(str(database))
    state = EntryService(project, _admin()).open_form(
        FormKey("S-7", "event_1_arm_1", "screening", 1))
    assert (state.value("eligible"), state.status) == ("1", 2)
    project.close()


def test_bad_data_refuse_the_whole_project_and_create_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml = tmp_path / "screening.xml"
    xml.write_text(CLASSIC_NO_DATA.replace("CLINICAL", CLASSIC_DATA.replace("VALUE", "7")),
                   encoding="utf-8")
    code, output, database = _init(tmp_path, xml, capsys)
    assert code != 0
    assert "eligible" in output and "line" in output
    assert not database.exists()


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    text = CLASSIC_NO_DATA.replace("CLINICAL", "").replace(
        '<?xml version="1.0" encoding="UTF-8" ?>',
        f'<?xml version="1.0"?>\n<!DOCTYPE ODM [<!ENTITY x SYSTEM "file://{secret}">]>')
    text = text.replace("Screening number", "&x;")
    xml = tmp_path / "evil.xml"
    xml.write_text(text, encoding="utf-8")
    try:
        project_xml = read_project_xml(xml)
    except DefinitionError:
        return  # refused outright: fine
    assert "TOP-SECRET" not in project_xml.texts["data_dictionary.csv"]


def test_not_a_redcap_project_is_refused_by_name(tmp_path: Path) -> None:
    xml = tmp_path / "other.xml"
    xml.write_text("<root/>", encoding="utf-8")
    with pytest.raises(DefinitionError, match="not a REDCap project XML"):
        read_project_xml(xml)


def _admin():  # noqa: ANN202
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser

    return CurrentUser("admin", Role.ADMIN)


REPEATING_EVENT = """<?xml version="1.0" encoding="UTF-8" ?>
<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:redcap="https://projectredcap.org" ODMVersion="1.3.1">
<Study OID="Project.Dialysis">
<GlobalVariables>
	<StudyName>Dialysis sessions</StudyName>
	<redcap:RepeatingInstrumentsAndEvents>
		<redcap:RepeatingEvent redcap:UniqueEventName="session_arm_1"/>
	</redcap:RepeatingInstrumentsAndEvents>
</GlobalVariables>
<MetaDataVersion OID="Metadata.Dialysis" Name="Dialysis sessions" redcap:RecordIdField="pid">
	<Protocol>
		<StudyEventRef StudyEventOID="Event.enrol_arm_1" OrderNumber="1" Mandatory="No"/>
		<StudyEventRef StudyEventOID="Event.session_arm_1" OrderNumber="2" Mandatory="No"/>
	</Protocol>
	<StudyEventDef OID="Event.enrol_arm_1" Name="Enrolment" Type="Common" Repeating="No" redcap:EventName="Enrolment" redcap:UniqueEventName="enrol_arm_1" redcap:ArmNum="1" redcap:ArmName="Arm 1" redcap:DayOffset="0" redcap:OffsetMin="0" redcap:OffsetMax="0">
		<FormRef FormOID="Form.patient" OrderNumber="1" Mandatory="No" redcap:FormName="patient"/>
	</StudyEventDef>
	<StudyEventDef OID="Event.session_arm_1" Name="Session" Type="Common" Repeating="No" redcap:EventName="Session" redcap:UniqueEventName="session_arm_1" redcap:ArmNum="1" redcap:ArmName="Arm 1" redcap:DayOffset="1" redcap:OffsetMin="0" redcap:OffsetMax="0">
		<FormRef FormOID="Form.session" OrderNumber="1" Mandatory="No" redcap:FormName="session"/>
	</StudyEventDef>
	<FormDef OID="Form.patient" Name="Patient" Repeating="No" redcap:FormName="patient">
		<ItemGroupRef ItemGroupOID="patient.pid" Mandatory="No"/>
	</FormDef>
	<FormDef OID="Form.session" Name="Session" Repeating="No" redcap:FormName="session">
		<ItemGroupRef ItemGroupOID="session.kt_v" Mandatory="No"/>
	</FormDef>
	<ItemGroupDef OID="patient.pid" Name="Patient" Repeating="No">
		<ItemRef ItemOID="pid" Mandatory="No" redcap:Variable="pid"/>
	</ItemGroupDef>
	<ItemGroupDef OID="session.kt_v" Name="Session" Repeating="No">
		<ItemRef ItemOID="kt_v" Mandatory="No" redcap:Variable="kt_v"/>
	</ItemGroupDef>
	<ItemDef OID="pid" Name="pid" DataType="text" Length="999" redcap:Variable="pid" redcap:FieldType="text">
		<Question><TranslatedText>Patient</TranslatedText></Question>
	</ItemDef>
	<ItemDef OID="kt_v" Name="kt_v" DataType="float" Length="999" redcap:Variable="kt_v" redcap:FieldType="text" redcap:TextValidationType="float">
		<Question><TranslatedText>Kt/V</TranslatedText></Question>
	</ItemDef>
</MetaDataVersion>
</Study>
<ClinicalData StudyOID="Project.Dialysis" MetaDataVersionOID="Metadata.Dialysis">
	<SubjectData SubjectKey="D1" redcap:RecordIdField="pid">
		<StudyEventData StudyEventOID="Event.enrol_arm_1" StudyEventRepeatKey="1" redcap:UniqueEventName="enrol_arm_1">
			<FormData FormOID="Form.patient" FormRepeatKey="1">
				<ItemGroupData ItemGroupOID="patient.pid" ItemGroupRepeatKey="1">
					<ItemData ItemOID="pid" Value="D1"/>
				</ItemGroupData>
			</FormData>
		</StudyEventData>
		<StudyEventData StudyEventOID="Event.session_arm_1" StudyEventRepeatKey="1" redcap:UniqueEventName="session_arm_1">
			<FormData FormOID="Form.session" FormRepeatKey="1">
				<ItemGroupData ItemGroupOID="session.kt_v" ItemGroupRepeatKey="1">
					<ItemData ItemOID="kt_v" Value="1.2"/>
				</ItemGroupData>
			</FormData>
		</StudyEventData>
		<StudyEventData StudyEventOID="Event.session_arm_1" StudyEventRepeatKey="2" redcap:UniqueEventName="session_arm_1">
			<FormData FormOID="Form.session" FormRepeatKey="1">
				<ItemGroupData ItemGroupOID="session.kt_v" ItemGroupRepeatKey="1">
					<ItemData ItemOID="kt_v" Value="1.4"/>
				</ItemGroupData>
			</FormData>
		</StudyEventData>
	</SubjectData>
</ClinicalData>
</ODM>
"""


def test_a_repeating_event_repeats_its_forms_offline(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    xml = tmp_path / "dialysis.xml"
    xml.write_text(REPEATING_EVENT, encoding="utf-8")
    code, output, database = _init(tmp_path, xml, capsys)
    assert code == 0, output
    assert "repeating event 'session_arm_1'" in output
    project = open_project(str(database))
    assert project.study.is_repeating("session_arm_1", "session")
    sessions = EntryService(project, _admin()).instances("D1", "session_arm_1", "session")
    assert [s.value("kt_v") for s in sessions] == ["1.2", "1.4"]
    project.close()
