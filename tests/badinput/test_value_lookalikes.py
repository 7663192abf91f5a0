"""Values are normalised or refused, never stored as look-alikes (issue 11, item 10).

Full-width digits and a leading ``+`` in numbers, dates and integers are stored as plain ASCII
(NFKC); line breaks (CR, CRLF) become LF; other control characters are refused with the field
named, in the form save as in CSV and ODM imports. A REDCap CSV that vo-crf exports always
imports again, whatever its values; an error names the column even for a huge cell, and never
echoes a huge value in full.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import ItemValue
from vo_crf.entry import EntryService, FormKey, SaveRefused
from vo_crf.entry.records import create_record
from vo_crf.exchange.odm_import import import_odm_bytes
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import ImportFailed, import_redcap_csv, import_redcap_text
from vo_crf.project import Project

TODAY = dt.date(2026, 11, 25)
HEAD = "record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
BIOLOGY = HEAD + "bio_date,bio_crp,bio_esr,biology_complete\n"
IMAGING = HEAD + "img_date,img_comment,imaging_complete\n"


def _stored(project: Project, field: str) -> list[str]:
    with read_session(project.engine) as session:
        return list(session.scalars(select(ItemValue.value).where(ItemValue.field == field)
                                    .order_by(ItemValue.id)))


def test_full_width_digits_and_plus_signs_are_stored_as_ascii(
        project: Project, nurse: CurrentUser) -> None:
    service = EntryService(project, nurse, today=lambda: TODAY)
    record_id = create_record(project, nurse, "2")
    service.save_form(FormKey(record_id, "m3_arm_1", "biology"),
                      {"bio_date": "１９９８-04-01", "bio_crp": "＋４５.5", "bio_esr": "+045"}, 0)
    import_redcap_text(project, nurse, BIOLOGY + "01-900,m3_arm_1,,,1998-04-02,４５,+12,1\n",
                       "fw.csv")
    assert _stored(project, "bio_date") == ["1998-04-01", "1998-04-02"]
    assert _stored(project, "bio_crp") == ["45.5", "45"]
    assert _stored(project, "bio_esr") == ["45", "12"]


def test_digits_of_other_scripts_are_refused_not_stored(project: Project,
                                                        nurse: CurrentUser) -> None:
    with pytest.raises(ImportFailed, match=r"column 7 \(bio_esr\).*is not a whole number"):
        import_redcap_text(project, nurse, BIOLOGY + "01-900,m3_arm_1,,,1998-04-02,4,٤٥,1\n",
                           "arabic.csv")


def test_control_characters_are_refused_in_the_form_naming_the_field(
        project: Project, nurse: CurrentUser) -> None:
    service = EntryService(project, nurse, today=lambda: TODAY)
    record_id = create_record(project, nurse, "2")
    with pytest.raises(SaveRefused, match=r"img_comment.*control character U\+0007"):
        service.save_form(FormKey(record_id, "m3_arm_1", "imaging"),
                          {"img_date": "1998-04-01", "img_comment": "bad\x07bell"}, 0)
    service.save_form(FormKey(record_id, "m3_arm_1", "imaging"),
                      {"img_date": "1998-04-01", "img_comment": "two\r\nlines\rand\tTab"}, 0)
    assert _stored(project, "img_comment") == ["two\nlines\nand\tTab"]


def test_control_characters_are_refused_by_the_csv_and_odm_imports(
        project: Project, nurse: CurrentUser) -> None:
    with pytest.raises(ImportFailed, match=r"column 6 \(img_comment\).*control character U\+001B"):
        import_redcap_text(project, nurse,
                           IMAGING + '01-900,m3_arm_1,,,1998-04-01,"esc\x1b[0m",1\n', "c.csv")
    odm = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" FileOID="f" FileType="Snapshot" '
           'CreationDateTime="2026-01-01T00:00:00" ODMVersion="1.3.2">'
           '<ClinicalData StudyOID="Project.VO" MetaDataVersionOID="Metadata.VO">'
           '<SubjectData SubjectKey="01-900"><StudyEventData StudyEventOID="Event.m3_arm_1">'
           '<FormData FormOID="Form.imaging"><ItemGroupData ItemGroupOID="imaging.img_date">'
           '<ItemData ItemOID="img_date" Value="1998-04-01"/>'
           '<ItemData ItemOID="img_comment" Value="a&#13;&#10;b&#13;c"/>'
           '</ItemGroupData></FormData></StudyEventData></SubjectData></ClinicalData></ODM>')
    import_odm_bytes(project, nurse, odm.encode("utf-8"), "cr.xml")
    assert _stored(project, "img_comment") == ["a\nb\nc"]
    assert "\x1b" not in "".join(_stored(project, "img_comment"))


def _legacy_value(project: Project, nurse: CurrentUser, value: str) -> None:
    """Store a value as older versions did (before normalisation), straight in the table."""
    service = EntryService(project, nurse, today=lambda: TODAY)
    record_id = create_record(project, nurse, "2")
    service.save_form(FormKey(record_id, "m3_arm_1", "imaging"),
                      {"img_date": "1998-04-01", "img_comment": "placeholder"}, 0)
    with write_transaction(project.engine) as session:
        session.execute(ItemValue.__table__.update()
                        .where(ItemValue.field == "img_comment").values(value=value))


def test_an_export_with_a_bare_cr_imports_again(project: Project, nurse: CurrentUser,
                                                users: dict[str, CurrentUser],
                                                tmp_path: Path) -> None:
    _legacy_value(project, nurse, "line one\rline two, \"quoted\"")
    export_redcap_csv(project, users["inv"], tmp_path / "out.csv")
    summary = import_redcap_csv(project, nurse, tmp_path / "out.csv")
    assert summary.forms_saved >= 1
    assert _stored(project, "img_comment") == ["line one\nline two, \"quoted\""]


def test_a_200k_character_value_round_trips(project: Project, nurse: CurrentUser,
                                            users: dict[str, CurrentUser],
                                            tmp_path: Path) -> None:
    long_text = ("Abcès épidural, \"L3-L4\"\n" * 9000)[:200_000]
    quoted = long_text.replace('"', '""')
    import_redcap_text(project, nurse, IMAGING + f'01-900,m3_arm_1,,,1998-04-01,"{quoted}",1\n',
                       "long.csv")
    export_redcap_csv(project, users["inv"], tmp_path / "out.csv")
    import_redcap_csv(project, nurse, tmp_path / "out.csv")
    assert _stored(project, "img_comment") == [long_text.rstrip()]


def test_an_error_names_the_column_of_a_huge_cell_and_never_echoes_it(
        project: Project, nurse: CurrentUser) -> None:
    with pytest.raises(ImportFailed) as failed:
        import_redcap_text(project, nurse,
                           BIOLOGY + "01-900,m3_arm_1,,,1998-04-01,1," + "x" * 1_000_000 + ",1\n",
                           "huge.csv")
    message = str(failed.value)
    assert "column 7 (bio_esr)" in message and "is not a whole number" in message
    assert "1,000,000 characters" in message and len(message) < 400
    with pytest.raises(ImportFailed) as failed:
        import_redcap_text(project, nurse,
                           BIOLOGY + "7" * 100_000 + ",m3_arm_1,,,1998-04-01,1,2,1\n", "id.csv")
    message = str(failed.value)
    assert "column 1 (record_id)" in message and "100,000 characters" in message
    assert len(message) < 400


@pytest.mark.parametrize("instance", ["²", "٣", "1" * 5000])
def test_a_strange_repeat_instance_is_refused_not_a_crash(project: Project, nurse: CurrentUser,
                                                          instance: str) -> None:
    text = (HEAD + "abx_drug,abx_route,abx_start,antibiotics_complete\n"
            f"01-900,m0_arm_1,antibiotics,{instance},2,1,1998-04-01,1\n")
    with pytest.raises(ImportFailed, match="is not a repeat instance number") as failed:
        import_redcap_text(project, nurse, text, "instance.csv")
    assert len(str(failed.value)) < 400


def test_a_huge_unknown_column_name_is_not_echoed_in_full(project: Project,
                                                          nurse: CurrentUser) -> None:
    with pytest.raises(ImportFailed, match="unknown column") as failed:
        import_redcap_text(project, nurse, HEAD + "q" * 100_000 + "\n01-900,m3_arm_1,,,x\n",
                           "column.csv")
    assert len(str(failed.value)) < 400


@pytest.mark.parametrize("key", ["²", "٣", "1" * 5000])
def test_a_strange_odm_repeat_key_is_refused_not_a_crash(project: Project, nurse: CurrentUser,
                                                         key: str) -> None:
    odm = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" FileOID="f" FileType="Snapshot" '
           'CreationDateTime="2026-01-01T00:00:00" ODMVersion="1.3.2">'
           '<ClinicalData StudyOID="Project.VO" MetaDataVersionOID="Metadata.VO">'
           '<SubjectData SubjectKey="01-900"><StudyEventData StudyEventOID="Event.m0_arm_1">'
           f'<FormData FormOID="Form.antibiotics" FormRepeatKey="{key}">'
           '<ItemGroupData ItemGroupOID="antibiotics.abx_drug">'
           '<ItemData ItemOID="abx_drug" Value="2"/>'
           '</ItemGroupData></FormData></StudyEventData></SubjectData></ClinicalData></ODM>')
    with pytest.raises(ImportFailed, match="is not a repeat key") as failed:
        import_odm_bytes(project, nurse, odm.encode("utf-8"), "key.xml")
    assert len(str(failed.value)) < 400
