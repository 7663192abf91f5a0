"""Double data entry: two independent entries, comparison, adjudication, the rules around them."""

from __future__ import annotations

import dde_study
import pytest
from dde_study import RECORD, SECOND_NURSE
from sqlalchemy import select
from trail_entries import trail_entries

from vo_crf.audit.trail import AuditAction, TrailEntry
from vo_crf.auth.permissions import PermissionDenied, Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import DoubleEntryAdjudication
from vo_crf.dde import DoubleEntryRefused, DoubleEntryService, DoubleEntryStatus, values_equal
from vo_crf.entry import EntryService, FormKey, SaveRefused
from vo_crf.project import Project
from vo_crf.study.model import Choice, FieldDef, FieldType, ValidationType
from vo_crf.write import ChangeKind

BIO = FormKey(RECORD, "m0_arm_1", "biology")
MICRO = FormKey(RECORD, "m0_arm_1", "microbiology")
FIRST = {"bio_date": "2024-03-05", "bio_crp": "120", "bio_esr": "80", "bio_wbc": "12.5"}

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project
nurse_2 = CurrentUser(SECOND_NURSE, Role.NURSE)


def dde(project: Project, user: CurrentUser) -> DoubleEntryService:
    return DoubleEntryService(project, user)


def enter_both(project: Project, users: dict[str, CurrentUser], first: dict[str, str],
               second: dict[str, str], key: FormKey = BIO) -> None:
    dde(project, users["nurse"]).save_entry(key, first, 2)
    dde(project, nurse_2).save_entry(key, second, 2)


def audit_rows(project: Project, action: AuditAction) -> list[TrailEntry]:
    return trail_entries(project, action=str(action))


def test_entries_are_numbered_by_who_saves_first_and_audited(dde_project: Project,
                                                              users: dict) -> None:
    first = dde(dde_project, users["nurse"]).save_entry(BIO, FIRST, 1)
    assert first.entry_number == 1
    assert dde(dde_project, users["nurse"]).status(BIO) is DoubleEntryStatus.AWAITING_ENTRY_1
    dde(dde_project, users["nurse"]).save_entry(BIO, FIRST, 2)
    assert dde(dde_project, nurse_2).status(BIO) is DoubleEntryStatus.AWAITING_ENTRY_2
    second = dde(dde_project, nurse_2).save_entry(BIO, {**FIRST, "bio_crp": "210"}, 2)
    assert second.entry_number == 2
    assert dde(dde_project, nurse_2).status(BIO) is DoubleEntryStatus.READY
    rows = audit_rows(dde_project, AuditAction.DDE_ENTRY)
    assert [(r.username, r.new_value.split(":")[0]) for r in rows] == [
        ("nurse", "entry 1 (Unverified)"), ("nurse", "entry 1 (Complete)"),
        (SECOND_NURSE, "entry 2 (Complete)")]
    # nothing reaches the clinical data before adjudication
    assert not EntryService(dde_project, users["inv"]).open_form(BIO).exists


def test_the_same_user_cannot_make_both_entries(dde_project: Project, users: dict) -> None:
    service = dde(dde_project, users["nurse"])
    service.save_entry(BIO, FIRST, 2)
    with pytest.raises(DoubleEntryRefused, match="same user cannot make entry 2"):
        service.save_entry(BIO, FIRST, 2, entry_number=2)
    again = service.open_entry(BIO)
    assert again.entry_number == 1 and again.values["bio_crp"] == "120"


def test_a_third_user_is_refused_while_both_entries_exist(dde_project: Project,
                                                          users: dict) -> None:
    enter_both(dde_project, users, FIRST, FIRST)
    third = dde(dde_project, users["inv"])
    assert third.open_entry(BIO).entry_number is None
    assert "third user" in third.open_entry(BIO).refusal
    with pytest.raises(DoubleEntryRefused, match=r"\(by nurse and nurse2\): a third user"):
        third.save_entry(BIO, FIRST, 2)


def test_users_never_see_the_other_entry(dde_project: Project, users: dict) -> None:
    dde(dde_project, users["nurse"]).save_entry(BIO, FIRST, 2)
    second = dde(dde_project, nurse_2).open_entry(BIO)
    assert second.entry_number == 2 and second.values == {} and not second.exists
    dde(dde_project, nurse_2).save_entry(BIO, {"bio_crp": "99"}, 0)
    assert dde(dde_project, nurse_2).open_entry(BIO).values == {"bio_crp": "99"}
    assert dde(dde_project, users["nurse"]).open_entry(BIO).values == FIRST


def test_entries_get_the_checks_of_ordinary_entry(dde_project: Project, users: dict) -> None:
    service = dde(dde_project, users["nurse"])
    with pytest.raises(SaveRefused, match=r"C-reactive protein \(bio_crp\): 'high' is not a "
                                          "number"):
        service.save_entry(BIO, {"bio_crp": "high"}, 0)
    with pytest.raises(SaveRefused, match=r"bio_date\) is required"):
        service.save_entry(BIO, {"bio_crp": "12"}, 2)
    assert not service.open_entry(BIO).exists  # nothing partial stored
    saved = service.save_entry(BIO, {**FIRST, "bio_crp": "900"}, 2)
    assert [m.field for m in saved.messages] == ["bio_crp"]  # out of range: a warning


def test_a_form_that_is_not_double_entered_is_refused(dde_project: Project,
                                                      users: dict) -> None:
    with pytest.raises(DoubleEntryRefused, match="'clinical' is not entered twice"):
        dde(dde_project, users["nurse"]).save_entry(
            FormKey(RECORD, "m0_arm_1", "clinical"), {}, 0)


def test_comparison_normalises_numbers_spaces_and_checkbox_order(dde_project: Project,
                                                                 users: dict) -> None:
    enter_both(dde_project, users, {"micro_organism": "8", "micro_other": " Kingella ",
                                    "micro_source": "2,1"},
               {"micro_organism": "8", "micro_other": "Kingella", "micro_source": "1,2"},
               MICRO)
    rows = dde(dde_project, users["inv"]).comparison(MICRO).rows
    assert [(r.field, r.equal) for r in rows] == [
        ("micro_organism", True), ("micro_other", True), ("micro_source", True)]
    number = FieldDef("crp", "biology", FieldType.TEXT, "CRP", validation=ValidationType.NUMBER)
    assert values_equal(number, "7.0", "7") and values_equal(number, " 7", "7.00")
    assert not values_equal(number, "7", "70") and values_equal(number, "UNK", "UNK")
    box = FieldDef("box", "f", FieldType.CHECKBOX, "Box", choices=(Choice("1", "a"),
                                                                  Choice("2", "b")))
    assert values_equal(box, "2,1", "1,2") and not values_equal(box, "1", "1,2")


def test_comparison_only_shows_fields_visible_in_either_entry(dde_project: Project,
                                                              users: dict) -> None:
    enter_both(dde_project, users, {"micro_organism": "1"}, {"micro_organism": "4"}, MICRO)
    rows = dde(dde_project, users["inv"]).comparison(MICRO).rows
    assert "micro_other" not in [r.field for r in rows]  # shown only for organism 8
    assert [r.field for r in rows if r.discordant] == ["micro_organism"]
    dde(dde_project, nurse_2).save_entry(MICRO, {"micro_organism": "8", "micro_other": "K"}, 2)
    comparison = dde(dde_project, users["inv"]).comparison(MICRO)
    assert {r.field: (r.value_1, r.value_2) for r in comparison.discordant} == {
        "micro_organism": ("1", "8"), "micro_other": ("", "K")}
    assert (comparison.user_1, comparison.user_2) == ("nurse", SECOND_NURSE)


def test_an_entrant_cannot_see_the_comparison(dde_project: Project, users: dict) -> None:
    investigator = users["inv"]
    dde(dde_project, investigator).save_entry(BIO, FIRST, 2)
    dde(dde_project, nurse_2).save_entry(BIO, FIRST, 2)
    with pytest.raises(DoubleEntryRefused, match="an entrant can neither see"):
        dde(dde_project, investigator).comparison(BIO)
    with pytest.raises(DoubleEntryRefused, match="an entrant"):
        dde(dde_project, investigator).adjudicate(BIO, {}, "")


def test_adjudication_saves_final_values_with_audit(dde_project: Project, users: dict) -> None:
    enter_both(dde_project, users, FIRST, {**FIRST, "bio_crp": "210", "bio_wbc": "12.50"})
    result = dde(dde_project, users["inv"]).adjudicate(BIO, {"bio_crp": "120"},
                                                       "checked against the lab report")
    assert (result.fields_compared, result.fields_discordant) == (4, 1)
    place = (BIO.record_id, BIO.event, BIO.form, BIO.instance)
    assert result.changes.touches_form(*place)  # what the screens follow (issue 15)
    assert {(*place, name) for name in FIRST} <= result.changes.fields
    assert {ChangeKind.VALUES, ChangeKind.STATUS} <= result.changes.kinds
    state = EntryService(dde_project, users["inv"]).open_form(BIO)
    assert state.values == FIRST and state.status == 2
    assert dde(dde_project, users["inv"]).status(BIO) is DoubleEntryStatus.ADJUDICATED
    resolve = audit_rows(dde_project, AuditAction.DDE_RESOLVE)
    assert [(r.field, r.old_value, r.new_value, r.reason) for r in resolve[:1]] == [
        ("bio_crp", "entry 1: 120 | entry 2: 210", "120", "checked against the lab report")]
    assert resolve[1].field is None and resolve[1].new_value.startswith(
        "4 fields compared, 1 discordant")
    inserted = audit_rows(dde_project, AuditAction.VALUE_INSERT)
    assert {r.field for r in inserted if r.form == "biology"} == set(FIRST)
    with read_session(dde_project.engine) as session:
        row = session.scalar(select(DoubleEntryAdjudication))
        assert (row.adjudicated_by, row.fields_compared, row.fields_discordant) == ("inv", 4, 1)
    # an ordinary form now: no more entries, changes go through the entry service
    with pytest.raises(DoubleEntryRefused, match="adjudicated: edit it as an ordinary form"):
        dde(dde_project, users["nurse"]).save_entry(BIO, FIRST, 2)
    with pytest.raises(SaveRefused, match="give a reason"):
        EntryService(dde_project, users["nurse"]).save_form(BIO, {"bio_crp": "121"}, 2)


def test_adjudication_is_refused_while_a_difference_is_unresolved(dde_project: Project,
                                                                 users: dict) -> None:
    enter_both(dde_project, users, FIRST, {**FIRST, "bio_crp": "210", "bio_esr": "8"})
    adjudicator = dde(dde_project, users["inv"])
    with pytest.raises(DoubleEntryRefused, match="bio_crp, bio_esr have no final value"):
        adjudicator.adjudicate(BIO, {}, "source")
    with pytest.raises(DoubleEntryRefused, match="bio_esr has no final value"):
        adjudicator.adjudicate(BIO, {"bio_crp": "210"}, "source")
    with pytest.raises(DoubleEntryRefused, match="give a reason"):
        adjudicator.adjudicate(BIO, {"bio_crp": "210", "bio_esr": "80"}, " ")
    with pytest.raises(DoubleEntryRefused, match="bio_wbc: both entries agree"):
        adjudicator.adjudicate(BIO, {"bio_crp": "210", "bio_esr": "80", "bio_wbc": "1"}, "x")
    with pytest.raises(SaveRefused, match=r"bio_esr\): 'eighty' is not a whole number"):
        adjudicator.adjudicate(BIO, {"bio_crp": "210", "bio_esr": "eighty"}, "source")
    assert adjudicator.status(BIO) is DoubleEntryStatus.READY  # nothing stored
    assert not audit_rows(dde_project, AuditAction.DDE_RESOLVE)
    assert not EntryService(dde_project, users["inv"]).open_form(BIO).exists


def test_the_ordinary_save_cannot_bypass_double_entry(dde_project: Project,
                                                     users: dict) -> None:
    dde(dde_project, users["nurse"]).save_entry(BIO, FIRST, 2)
    with pytest.raises(DoubleEntryRefused, match="biology at m0_arm_1 of .* is entered twice"):
        EntryService(dde_project, nurse_2).save_form(BIO, FIRST, 2)
    assert not EntryService(dde_project, users["inv"]).open_form(BIO).exists
    assert dde(dde_project, nurse_2).status(BIO) is DoubleEntryStatus.AWAITING_ENTRY_2


def test_agreeing_entries_are_committed_without_choices(dde_project: Project,
                                                       users: dict) -> None:
    enter_both(dde_project, users, FIRST, {**FIRST, "bio_crp": "120.0"})
    result = dde(dde_project, users["admin"]).adjudicate(BIO, {}, "")
    assert result.fields_discordant == 0
    assert EntryService(dde_project, users["inv"]).open_form(BIO).values == FIRST


def test_adjudication_needs_both_entries_complete(dde_project: Project, users: dict) -> None:
    dde(dde_project, users["nurse"]).save_entry(BIO, FIRST, 2)
    dde(dde_project, nurse_2).save_entry(BIO, FIRST, 1)
    with pytest.raises(DoubleEntryRefused, match="awaiting entry 2: both entries must be"):
        dde(dde_project, users["inv"]).adjudicate(BIO, {}, "")


@pytest.mark.parametrize("role", ["nurse", "mon", "stat"])
def test_only_investigators_and_admins_adjudicate(dde_project: Project, users: dict,
                                                  role: str) -> None:
    enter_both(dde_project, users, FIRST, FIRST)
    with pytest.raises(PermissionDenied, match="adjudicate"):
        dde(dde_project, users[role]).adjudicate(BIO, {}, "")
    with pytest.raises(PermissionDenied, match="adjudicate"):
        dde(dde_project, users[role]).comparison(BIO)


def test_a_statistician_reads_double_entry_status_by_pseudonym(dde_project: Project,
                                                               users: dict) -> None:
    from vo_crf.entry import NotFoundError
    from vo_crf.exchange.deidentify import Deidentifier

    enter_both(dde_project, users, FIRST, FIRST)
    pseudonym = Deidentifier(dde_project).record_id(RECORD)
    seen = dde(dde_project, users["stat"]).open_entry(FormKey(pseudonym, "m0_arm_1", "biology"))
    assert seen.key.record_id == pseudonym and seen.values == {}
    assert seen.instance_status is DoubleEntryStatus.READY
    assert pseudonym in seen.refusal and RECORD not in seen.refusal
    with pytest.raises(NotFoundError):  # the real study number is no record for them
        dde(dde_project, users["stat"]).open_entry(BIO)
