"""What an ODM import writes: items given twice, absent or blank items, out-of-range values."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from trail_entries import trail_entries

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, ItemValue, Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.import_options import ImportOptions
from vo_crf.exchange.odm_import import import_odm_bytes
from vo_crf.exchange.odm_names import ODM_NS
from vo_crf.exchange.redcap_import import ImportFailed
from vo_crf.project import Project

BIO = FormKey("01-001", "m0_arm_1", "biology")


def odm(*forms: str, subject: str = "01-001", event: str = "m0_arm_1") -> bytes:
    """An ODM file with one subject and event holding the given FormData elements."""
    body = "\n".join(forms)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<ODM xmlns="{ODM_NS}" FileOID="t" FileType="Snapshot" ODMVersion="1.3.2"'
            f' CreationDateTime="2024-03-01T10:00:00">\n'
            f'<ClinicalData StudyOID="Project.VO" MetaDataVersionOID="v1">\n'
            f'<SubjectData SubjectKey="{subject}">\n'
            f'<StudyEventData StudyEventOID="Event.{event}">\n'
            f'{body}\n'
            f'</StudyEventData>\n</SubjectData>\n</ClinicalData>\n</ODM>\n').encode()


def form(name: str, *groups: str) -> str:
    return f'<FormData FormOID="Form.{name}" FormRepeatKey="1">\n' + "\n".join(groups) + \
        "\n</FormData>"


def group(oid: str, **items: str) -> str:
    lines = [f'<ItemData ItemOID="{k}" Value="{v}"/>' for k, v in items.items()]
    return f'<ItemGroupData ItemGroupOID="{oid}" ItemGroupRepeatKey="1">\n' + \
        "\n".join(lines) + "\n</ItemGroupData>"


def counts(project: Project) -> tuple[int, int, int]:
    with read_session(project.engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(t))  # type: ignore
                     for t in (Record, ItemValue, AuditEntry))


def line_of(data: bytes, needle: str, occurrence: int = 1) -> int:
    text = data.decode()
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    return text[:at].count("\n") + 1


@pytest.fixture
def entered(empty: Project, users: dict[str, CurrentUser]) -> Project:
    data = odm(form("enrolment", group("enrolment.record_id", site="1", initials="AB")),
               form("biology", group("biology.bio_date", bio_date="2003-02-09", bio_crp="120",
                                     bio_esr="80", bio_wbc="12.5"),
                    group("biology.biology_complete", biology_complete="2")))
    import_odm_bytes(empty, users["nurse"], data, "first.xml")
    return empty


def test_an_item_given_twice_in_one_group_is_refused_with_its_line(
        empty: Project, users: dict[str, CurrentUser]) -> None:
    data = odm(form("biology", '<ItemGroupData ItemGroupOID="biology.bio_date">\n'
                               '<ItemData ItemOID="bio_crp" Value="12"/>\n'
                               '<ItemData ItemOID="bio_esr" Value="20"/>\n'
                               '<ItemData ItemOID="bio_crp" Value="120"/>\n'
                               '</ItemGroupData>'))
    before = counts(empty)
    with pytest.raises(ImportFailed) as failed:
        import_odm_bytes(empty, users["nurse"], data, "twice.xml")
    first, second = line_of(data, 'ItemOID="bio_crp"'), line_of(data, 'ItemOID="bio_crp"', 2)
    assert (f"line {second}, field bio_crp: item bio_crp of biology at m0_arm_1 of 01-001 is "
            f"given twice (first on line {first})") in str(failed.value)
    assert counts(empty) == before


def test_an_item_group_given_twice_is_refused(empty: Project,
                                              users: dict[str, CurrentUser]) -> None:
    data = odm(form("biology", group("biology.bio_date", bio_date="2003-02-09", bio_crp="12"),
                    group("biology.bio_date", bio_crp="120")))
    with pytest.raises(ImportFailed) as failed:
        import_odm_bytes(empty, users["nurse"], data, "twice.xml")
    assert f"line {line_of(data, 'bio_crp', 2)}, field bio_crp" in str(failed.value)
    assert "given twice" in str(failed.value)


def test_a_checkbox_option_given_twice_is_refused(empty: Project,
                                                  users: dict[str, CurrentUser]) -> None:
    data = odm(form("enrolment", group("enrolment.comorb", comorb___1="1", comorb___2="0"),
                    group("enrolment.comorb", comorb___1="0")))
    with pytest.raises(ImportFailed, match="item comorb___1 of enrolment .* given twice"):
        import_odm_bytes(empty, users["nurse"], data, "twice.xml")


def test_a_form_given_twice_is_refused(empty: Project, users: dict[str, CurrentUser]) -> None:
    data = odm(form("biology", group("biology.bio_date", bio_crp="12")),
               form("biology", group("biology.bio_date", bio_crp="120")))
    with pytest.raises(ImportFailed, match="already given on line"):
        import_odm_bytes(empty, users["nurse"], data, "twice.xml")


def test_absent_and_blank_items_leave_stored_values_and_status_alone(
        entered: Project, users: dict[str, CurrentUser]) -> None:
    data = odm(form("biology", group("biology.bio_date", bio_crp="35", bio_esr="")))
    import_odm_bytes(entered, users["nurse"], data, "update.xml")
    state = EntryService(entered, users["inv"]).open_form(BIO)
    assert dict(state.values) == {"bio_date": "2003-02-09", "bio_crp": "35", "bio_esr": "80",
                                  "bio_wbc": "12.5"}
    assert state.status == 2
    import_odm_bytes(entered, users["nurse"], data, "update.xml",
                     ImportOptions(overwrite_blanks=True))
    state = EntryService(entered, users["inv"]).open_form(BIO)
    assert dict(state.values) == {"bio_date": "2003-02-09", "bio_crp": "35", "bio_wbc": "12.5"}


def test_out_of_range_odm_values_need_a_reason(entered: Project,
                                               users: dict[str, CurrentUser]) -> None:
    data = odm(form("biology", group("biology.bio_date", bio_crp="9999")))
    with pytest.raises(ImportFailed) as failed:
        import_odm_bytes(entered, users["nurse"], data, "lab.xml")
    assert "1 value out of range" in str(failed.value)
    assert f"line {line_of(data, 'bio_crp')}, field bio_crp" in str(failed.value)
    summary = import_odm_bytes(entered, users["nurse"], data, "lab.xml",
                               ImportOptions(accept_out_of_range="confirmed with the lab"))
    assert [v.value for v in summary.out_of_range] == ["9999"]
    reason = trail_entries(entered, field="bio_crp")[-1].reason
    assert reason and "confirmed with the lab" in reason
