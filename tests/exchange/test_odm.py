"""CDISC ODM 1.3.2: schema-valid export, exact round trip, REDCap files, all-or-nothing import."""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlschema
from lxml import etree
from sqlalchemy import func, select
from trail_entries import trail_entries

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, ItemValue, Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm, import_odm_bytes
from vo_crf.exchange.odm_names import ODM_NS
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import ImportFailed
from vo_crf.project import Project

XSD = Path("/work/shared/spec/odm1-3-2/ODM1-3-2.xsd")
DATA = Path(__file__).parent / "data"
NS = {"odm": ODM_NS}


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    if not XSD.exists():
        pytest.skip("ODM 1.3.2 schema not available")
    return xmlschema.XMLSchema(str(XSD))


def _counts(project: Project) -> tuple[int, int, int]:
    with read_session(project.engine) as session:
        return (session.scalar(select(func.count()).select_from(Record)),
                session.scalar(select(func.count()).select_from(ItemValue)),
                session.scalar(select(func.count()).select_from(AuditEntry)))


@pytest.mark.parametrize(("deidentified", "mode"), [(False, "shift"), (True, "shift"),
                                                    (True, "days")])
def test_export_validates_against_the_odm_schema(filled: Project, users: dict[str, CurrentUser],
                                                 tmp_path: Path, schema: xmlschema.XMLSchema,
                                                 deidentified: bool, mode: str) -> None:
    out = tmp_path / "study.xml"
    assert export_odm(filled, users["admin"], out, deidentified=deidentified,
                      date_mode=mode) == 12
    errors = list(schema.iter_errors(str(out)))
    assert not errors, errors[0]


def test_export_structure_follows_redcap(filled: Project, users: dict[str, CurrentUser],
                                         tmp_path: Path) -> None:
    out = tmp_path / "study.xml"
    export_odm(filled, users["inv"], out)
    tree = etree.parse(str(out))
    find = lambda path: tree.xpath(path, namespaces=NS)  # noqa: E731
    assert find("//odm:StudyEventDef/@OID")[:2] == ["Event.m0_arm_1", "Event.m3_arm_1"]
    assert find("//odm:StudyEventDef/@Repeating") == ["No"] * 4
    assert find("//odm:FormDef[@OID='Form.antibiotics']/@Repeating") == ["Yes"]
    assert find("//odm:FormDef[@OID='Form.clinical']/@Repeating") == ["No"]
    assert "enrolment.comorb" in find("//odm:ItemGroupDef/@OID")
    assert find("//odm:ItemDef[@OID='clin_temp']/@DataType") == ["float"]
    assert find("//odm:ItemDef[@OID='birth_date']/@DataType") == ["date"]
    assert find("//odm:ItemDef[@OID='n_levels']/odm:RangeCheck/odm:CheckValue/text()") == \
        ["1", "10"]
    assert find("//odm:CodeList[@OID='clin_frankel.choices']/odm:CodeListItem/@CodedValue") \
        == list("ABCDE")
    assert len(find("//odm:ItemDef[starts-with(@OID, 'comorb___')]")) == 8
    first = find("//odm:SubjectData")[0]
    assert first.get("SubjectKey") == "01-001"
    repeat_keys = first.xpath(".//odm:FormData[@FormOID='Form.antibiotics']/@FormRepeatKey",
                              namespaces=NS)
    assert repeat_keys[0] == "1"
    values = first.xpath(".//odm:ItemData[starts-with(@ItemOID, 'comorb___')]/@Value",
                         namespaces=NS)
    assert sorted(values) == ["0"] * 7 + ["1"]
    # the audit trail: the current value's AuditRecord on ItemData, the history with IDs
    temp = first.xpath(".//odm:ItemData[@ItemOID='clin_temp']", namespaces=NS)[0]
    assert temp.xpath("odm:AuditRecord/odm:UserRef/@UserOID", namespaces=NS) == ["USR.nurse"]
    clinical_changes = [e for e in trail_entries(filled) if e.record_id is not None]
    assert len(find("//odm:AuditRecords/odm:AuditRecord")) == len(clinical_changes)
    assert "USR.nurse" in find("//odm:AdminData/odm:User/@OID")


def test_round_trip_restores_every_value_and_status(filled: Project, empty: Project,
                                                    users: dict[str, CurrentUser],
                                                    tmp_path: Path) -> None:
    export_odm(filled, users["admin"], tmp_path / "study.xml")
    summary = import_odm(empty, users["nurse"], tmp_path / "study.xml")
    assert summary.records_created == 12
    export_redcap_csv(filled, users["admin"], tmp_path / "a.csv")
    export_redcap_csv(empty, users["admin"], tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    with read_session(empty.engine) as session:
        assert session.scalar(select(AuditEntry.new_value)
                              .where(AuditEntry.action == "import")) == "study.xml"


def test_redcap_odm_file_imports(empty: Project, users: dict[str, CurrentUser]) -> None:
    summary = import_odm(empty, users["nurse"], DATA / "redcap_sample.xml")
    assert summary.records_created == 1
    assert summary.forms_saved == 5
    service = EntryService(empty, users["inv"])
    enrolment = service.open_form(FormKey("02-001", "m0_arm_1", "enrolment"))
    assert enrolment.values["comorb"] == "1,4"
    assert enrolment.values["weight_kg"] == "UNK"
    assert enrolment.status == 2
    assert enrolment.value("age") == "52"
    assert service.open_form(FormKey("02-001", "m0_arm_1", "clinical")).values[
        "clin_frankel"] == "D"
    course = service.open_form(FormKey("02-001", "m0_arm_1", "antibiotics", 2))
    assert course.values["abx_drug"] == "7" and course.status == 0
    imaging = service.open_form(FormKey("02-001", "m3_arm_1", "imaging"))
    assert imaging.values["img_comment"] == "Abcès résiduel\nL4-L5"


def _sample_with(old: str, new: str) -> bytes:
    text = (DATA / "redcap_sample.xml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def _line_of(data: bytes, needle: str) -> int:
    return data.decode("utf-8").split(needle)[0].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('ItemOID="clin_temp" Value="38.4"', 'ItemOID="clin_temp" Value="38,4"',
     "field clin_temp: Body temperature (clin_temp): '38,4' is not a number"),
    ('ItemOID="sex" Value="2"', 'ItemOID="sex" Value="7"', "field sex: Sex (sex): '7' is "
                                                             "not one of the choices"),
    ('ItemOID="n_levels"', 'ItemOID="n_level"', "field n_level: item 'n_level' is not in the "
                                                "data dictionary"),
    ('<ItemData ItemOID="img_ct" Value="0"/>', '<ItemData ItemOID="clin_temp" Value="0"/>',
     "item 'clin_temp' belongs to form 'clinical', not to 'imaging'"),
    ('StudyEventOID="Event.m3_arm_1" StudyEventRepeatKey="1" redcap:UniqueEventName="m3_arm_1"',
     'StudyEventOID="Event.m9_arm_1" StudyEventRepeatKey="1" redcap:UniqueEventName="m9_arm_1"',
     "unknown event"),
    ('FormOID="Form.clinical" FormRepeatKey="1"', 'FormOID="Form.clinical" FormRepeatKey="2"',
     "clinical does not repeat at m0_arm_1"),
    ('<ItemData ItemOID="comorb___2" Value="0"/>', '<ItemData ItemOID="comorb___2" Value="0">',
     "malformed XML"),
])
def test_bad_file_is_refused_whole_with_its_line(empty: Project, users: dict[str, CurrentUser],
                                                 old: str, new: str, expected: str) -> None:
    data = _sample_with(old, new)
    before = _counts(empty)
    with pytest.raises(ImportFailed) as failed:
        import_odm_bytes(empty, users["nurse"], data, "bad.xml")
    message = str(failed.value)
    assert expected in message
    if "malformed" not in expected:
        anchor = new.split(">")[0] if "Event" in new or "Form" in new else new
        assert f"line {_line_of(data, anchor)}" in message
    assert _counts(empty) == before


def test_cross_field_error_names_the_form_line(empty: Project,
                                               users: dict[str, CurrentUser]) -> None:
    data = _sample_with('ItemOID="abx_stop" Value="2003-03-20"',
                        'ItemOID="abx_stop" Value="2003-01-20"')
    with pytest.raises(ImportFailed) as failed:
        import_odm_bytes(empty, users["nurse"], data, "bad.xml")
    line = _line_of(data, '<FormData FormOID="Form.antibiotics" FormRepeatKey="1"')
    assert f"line {line}, field abx_stop" in str(failed.value)
    assert "[rule: cross_field]" in str(failed.value)


def test_not_an_odm_file(empty: Project, users: dict[str, CurrentUser]) -> None:
    with pytest.raises(ImportFailed, match="line 1: not a CDISC ODM file"):
        import_odm_bytes(empty, users["nurse"], b"<records><r/></records>", "x.xml")
    with pytest.raises(ImportFailed, match="no clinical data"):
        import_odm_bytes(empty, users["nurse"],
                         f'<ODM xmlns="{ODM_NS}" FileOID="x"/>'.encode(), "x.xml")


def test_entities_are_not_expanded(empty: Project, users: dict[str, CurrentUser],
                                   tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    data = _sample_with('<?xml version="1.0" encoding="UTF-8" ?>',
                        f'<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE ODM '
                        f'[<!ENTITY x SYSTEM "file://{secret}">]>')
    data = data.replace(b'Value="38.4"', b'Value="&x;"')
    with pytest.raises(ImportFailed) as failed:
        import_odm_bytes(empty, users["nurse"], data, "xxe.xml")
    assert "TOP-SECRET" not in str(failed.value)
