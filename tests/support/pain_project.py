# ruff: noqa: E501  (the project XML keeps REDCap's own long lines)
"""A small REDCap project XML written inline ("Pain clinic"): a classic project as REDCap's
"Download project XML (metadata & data)" writes it, with two data access groups (Lyon,
Nantes), a survey timestamp, two sliders (``redcap:SliderLabels``, one with the ``number``
flag, as REDCap's ODM.php writes a slider) and a file field carried whole
(``ItemDataBase64Binary`` with ``redcap:DocName`` / ``redcap:MimeType``).
"""

from __future__ import annotations

import base64
from pathlib import Path

SCAN = b"%PDF-1.4 signed consent of P1\n"

PAIN = """<?xml version="1.0" encoding="UTF-8" ?>
<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:redcap="https://projectredcap.org" ODMVersion="1.3.1" FileType="Snapshot" SourceSystem="REDCap" SourceSystemVersion="14.5.2">
<Study OID="Project.Pain">
<GlobalVariables>
	<StudyName>Pain clinic</StudyName>
	<redcap:SurveysEnabled>1</redcap:SurveysEnabled>
	<redcap:DataAccessGroupsGroup>
		<redcap:DataAccessGroups group_name="Lyon"/>
		<redcap:DataAccessGroups group_name="Nantes"/>
	</redcap:DataAccessGroupsGroup>
</GlobalVariables>
<MetaDataVersion OID="Metadata.Pain" Name="Pain clinic" redcap:RecordIdField="pid">
	<FormDef OID="Form.pain" Name="Pain" Repeating="No" redcap:FormName="pain">
		<ItemGroupRef ItemGroupOID="pain.pid" Mandatory="No"/>
		<ItemGroupRef ItemGroupOID="pain.pain_complete" Mandatory="No"/>
	</FormDef>
	<ItemGroupDef OID="pain.pid" Name="Pain" Repeating="No">
		<ItemRef ItemOID="pid" Mandatory="No" redcap:Variable="pid"/>
		<ItemRef ItemOID="redcap_data_access_group" Mandatory="No" redcap:Variable="redcap_data_access_group"/>
		<ItemRef ItemOID="pain_timestamp" Mandatory="No" redcap:Variable="pain_timestamp"/>
		<ItemRef ItemOID="pain_score" Mandatory="No" redcap:Variable="pain_score"/>
		<ItemRef ItemOID="mood" Mandatory="No" redcap:Variable="mood"/>
		<ItemRef ItemOID="consent_scan" Mandatory="No" redcap:Variable="consent_scan"/>
	</ItemGroupDef>
	<ItemGroupDef OID="pain.pain_complete" Name="Form Status" Repeating="No">
		<ItemRef ItemOID="pain_complete" Mandatory="No" redcap:Variable="pain_complete"/>
	</ItemGroupDef>
	<ItemDef OID="pid" Name="pid" DataType="text" Length="999" redcap:Variable="pid" redcap:FieldType="text">
		<Question><TranslatedText>Patient</TranslatedText></Question>
	</ItemDef>
	<ItemDef OID="redcap_data_access_group" Name="redcap_data_access_group" DataType="text" Length="999" redcap:Variable="redcap_data_access_group">
		<Question><TranslatedText>Data Access Group</TranslatedText></Question>
	</ItemDef>
	<ItemDef OID="pain_timestamp" Name="pain_timestamp" DataType="datetime" Length="999" redcap:Variable="pain_timestamp">
		<Question><TranslatedText>Survey Timestamp</TranslatedText></Question>
	</ItemDef>
	<ItemDef OID="pain_score" Name="pain_score" DataType="integer" Length="999" redcap:Variable="pain_score" redcap:FieldType="slider" redcap:TextValidationType="number" redcap:SliderLabels="No pain | Moderate | Worst pain">
		<Question><TranslatedText>Pain now</TranslatedText></Question>
		<RangeCheck Comparator="GE" SoftHard="Soft"><CheckValue>0</CheckValue><ErrorMessage><TranslatedText>0 - 10</TranslatedText></ErrorMessage></RangeCheck>
		<RangeCheck Comparator="LE" SoftHard="Soft"><CheckValue>10</CheckValue><ErrorMessage><TranslatedText>0 - 10</TranslatedText></ErrorMessage></RangeCheck>
	</ItemDef>
	<ItemDef OID="mood" Name="mood" DataType="integer" Length="999" redcap:Variable="mood" redcap:FieldType="slider" redcap:SliderLabels="Sad |  | Happy">
		<Question><TranslatedText>Mood</TranslatedText></Question>
	</ItemDef>
	<ItemDef OID="consent_scan" Name="consent_scan" DataType="text" Length="999" redcap:Variable="consent_scan" redcap:FieldType="file">
		<Question><TranslatedText>Scanned consent</TranslatedText></Question>
	</ItemDef>
	<ItemDef OID="pain_complete" Name="pain_complete" DataType="text" Length="1" redcap:Variable="pain_complete" redcap:FieldType="select" redcap:SectionHeader="Form Status">
		<Question><TranslatedText>Complete?</TranslatedText></Question>
		<CodeListRef CodeListOID="pain_complete.choices"/>
	</ItemDef>
	<CodeList OID="pain_complete.choices" Name="pain_complete" DataType="text" redcap:Variable="pain_complete">
		<CodeListItem CodedValue="0"><Decode><TranslatedText>Incomplete</TranslatedText></Decode></CodeListItem>
		<CodeListItem CodedValue="1"><Decode><TranslatedText>Unverified</TranslatedText></Decode></CodeListItem>
		<CodeListItem CodedValue="2"><Decode><TranslatedText>Complete</TranslatedText></Decode></CodeListItem>
	</CodeList>
</MetaDataVersion>
</Study>
<ClinicalData StudyOID="Project.Pain" MetaDataVersionOID="Metadata.Pain">
	<SubjectData SubjectKey="P1" redcap:RecordIdField="pid">
			<FormData FormOID="Form.pain" FormRepeatKey="1">
				<ItemGroupData ItemGroupOID="pain.pid" ItemGroupRepeatKey="1">
					<ItemData ItemOID="pid" Value="P1"/>
					<ItemData ItemOID="redcap_data_access_group" Value="lyon"/>
					<ItemData ItemOID="pain_timestamp" Value="2026-11-02T08:15:00"/>
					<ItemData ItemOID="pain_score" Value="7"/>
					<ItemData ItemOID="mood" Value="40"/>
					<ItemDataBase64Binary ItemOID="consent_scan" redcap:DocName="consent P1.pdf" redcap:MimeType="application/pdf"><![CDATA[SCAN]]></ItemDataBase64Binary>
				</ItemGroupData>
				<ItemGroupData ItemGroupOID="pain.pain_complete" ItemGroupRepeatKey="1">
					<ItemData ItemOID="pain_complete" Value="2"/>
				</ItemGroupData>
			</FormData>
	</SubjectData>
	<SubjectData SubjectKey="P2" redcap:RecordIdField="pid">
			<FormData FormOID="Form.pain" FormRepeatKey="1">
				<ItemGroupData ItemGroupOID="pain.pid" ItemGroupRepeatKey="1">
					<ItemData ItemOID="pid" Value="P2"/>
					<ItemData ItemOID="redcap_data_access_group" Value="nantes"/>
					<ItemData ItemOID="pain_score" Value="3"/>
				</ItemGroupData>
				<ItemGroupData ItemGroupOID="pain.pain_complete" ItemGroupRepeatKey="1">
					<ItemData ItemOID="pain_complete" Value="0"/>
				</ItemGroupData>
			</FormData>
	</SubjectData>
</ClinicalData>
</ODM>
""".replace("SCAN", base64.b64encode(SCAN).decode("ascii"))


def pain_xml(folder: Path, text: str = PAIN) -> Path:
    """Write the project XML into ``folder``; return its path."""
    path = folder / "pain.xml"
    path.write_text(text, encoding="utf-8")
    return path
