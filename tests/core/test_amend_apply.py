"""Protocol amendments on a database holding data: refusal, mapping, migration, audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest
from amend_support import edit, seed_patients, study_copy
from sqlalchemy import func, select
from trail_entries import trail_entries

from vo_crf.amend import (
    AmendmentMapping,
    AmendmentRefused,
    BlockerKind,
    MappingError,
    apply_amendment,
    prepare_amendment,
)
from vo_crf.audit.trail import AuditAction, TrailEntry
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue, Record, StudyDefinitionRow
from vo_crf.entry import EntryService, FormKey
from vo_crf.project import Project, open_project

DICT = "data_dictionary.csv"


def _amended_study(tmp_path: Path) -> Path:
    """v2: adds clin_weight_loss, recodes sex 1/2 -> M/F, removes img_comment."""
    folder = study_copy(tmp_path)
    edit(folder, DICT, "clin_radicular,clinical,,yesno,Radicular pain,,,,,,,,,,,,,\n",
         "clin_radicular,clinical,,yesno,Radicular pain,,,,,,,,,,,,,\n"
         "clin_weight_loss,clinical,,yesno,Weight loss,,,,,,,,,,,,,\n")
    edit(folder, DICT, '"1, Male | 2, Female"', '"M, Male | F, Female"')
    edit(folder, DICT, "img_comment,imaging,,notes,Radiologist's comment,,,,,,,,,,,,,\n", "")
    return folder


def _stored(project: Project) -> dict[tuple[str, str, str], tuple[str, int | None]]:
    with read_session(project.engine) as session:
        rows = session.execute(
            select(Record.record_id, FormInstance.form, ItemValue.field, ItemValue.value,
                   ItemValue.definition_version)
            .join(FormInstance, FormInstance.id == ItemValue.form_instance_id)
            .join(Record, Record.id == FormInstance.record_pk)).all()
    return {(r, form, field): (value, version) for r, form, field, value, version in rows}


def _audit(project: Project, **where: object) -> list[TrailEntry]:
    """The audit trail as users read it (one entry per change, ``expand``)."""
    return trail_entries(project, **{name: str(value) if isinstance(value, AuditAction)
                                      else value for name, value in where.items()})


def _definition_count(project: Project) -> int:
    with read_session(project.engine) as session:
        return int(session.scalar(select(func.count()).select_from(StudyDefinitionRow)) or 0)


@pytest.fixture
def seeded(project: Project, users: dict[str, CurrentUser]) -> list[str]:
    return seed_patients(project, users["nurse"])


def test_unmapped_amendment_is_refused_listing_every_blocker_and_changes_nothing(
        project: Project, users: dict[str, CurrentUser], seeded: list[str],
        tmp_path: Path) -> None:
    amendment = prepare_amendment(project, users["admin"], _amended_study(tmp_path))
    blockers = {(b.key.kind, b.key.field, b.key.code): b.count for b in amendment.blockers()}
    assert blockers == {(BlockerKind.FIELD, "img_comment", ""): 2,
                        (BlockerKind.CODE, "sex", "1"): 2, (BlockerKind.CODE, "sex", "2"): 1}
    before, audit_rows = _stored(project), len(_audit(project))

    with pytest.raises(AmendmentRefused) as refused:
        apply_amendment(project, users["admin"], amendment,
                        AmendmentMapping(choices={"sex": {"1": "M", "2": "F"}}))

    assert [b.key.field for b in refused.value.blockers] == ["img_comment"]
    assert "field img_comment was removed (2 stored values)" in str(refused.value)
    assert _stored(project) == before
    assert len(_audit(project)) == audit_rows
    assert _definition_count(project) == 1 and project.definition_version == 1
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_amendment_adds_a_field_recodes_a_choice_and_deletes_mapped_values(
        project: Project, users: dict[str, CurrentUser], seeded: list[str],
        tmp_path: Path) -> None:
    first, second, third = seeded
    amendment = prepare_amendment(project, users["admin"], _amended_study(tmp_path))
    mapping = AmendmentMapping(fields={"img_comment": None},
                               choices={"sex": {"1": "M", "2": "F"}})
    assert amendment.blockers(mapping) == []

    result = apply_amendment(project, users["admin"], amendment, mapping)

    assert (result.version, result.values_updated, result.values_deleted) == (2, 3, 2)
    assert result.backup is not None and "before-amendment" in result.backup.name
    backed_up = open_project(str(result.backup))
    try:  # the copy taken first still holds version 1 and the old codes
        assert backed_up.definition_version == 1
        assert EntryService(backed_up, users["nurse"]).open_form(
            FormKey(first, "m0_arm_1", "enrolment")).values["sex"] == "1"
    finally:
        backed_up.close()
    stored = _stored(project)
    assert stored[(first, "enrolment", "sex")] == ("M", 2)
    assert stored[(second, "enrolment", "sex")] == ("F", 2)
    assert stored[(first, "enrolment", "initials")] == ("P0", 1)  # untouched: entered under v1
    assert (first, "imaging", "img_comment") not in stored
    recoded = _audit(project, record_id=second, field="sex")[-1]
    assert (recoded.action, recoded.old_value, recoded.new_value, recoded.username) == (
        AuditAction.VALUE_UPDATE, "2", "F", "admin")
    assert recoded.reason == "protocol amendment v2: recoded 2 -> F"
    deleted = _audit(project, record_id=first, field="img_comment")[-1]
    assert (deleted.action, deleted.old_value, deleted.new_value) == (
        AuditAction.VALUE_DELETE, "small abscess", None)
    assert deleted.reason == "protocol amendment v2: field img_comment mapped to nothing"
    amendment_row = _audit(project, action=AuditAction.AMENDMENT)[-1]
    assert (amendment_row.old_value, amendment_row.new_value) == ("version 1", "version 2")
    assert "3 value(s) recoded" in amendment_row.reason and "img_comment" in amendment_row.reason

    # the new field is usable at once and new values are stored under version 2
    service = EntryService(project, users["nurse"])
    service.save_form(FormKey(third, "m0_arm_1", "clinical"),
                      {"clin_date": "2007-06-14", "clin_weight_loss": "1"}, 0)
    assert _stored(project)[(third, "clinical", "clin_weight_loss")] == ("1", 2)
    reopened = open_project(project.url)
    try:
        assert reopened.definition_version == 2
        assert [c.code for c in reopened.study.field("sex").choices] == ["M", "F"]
        assert EntryService(reopened, users["nurse"]).open_form(
            FormKey(first, "m0_arm_1", "enrolment")).values["sex"] == "M"
    finally:
        reopened.close()


def test_checkbox_codes_are_recoded_one_by_one(project: Project, users: dict[str, CurrentUser],
                                               seeded: list[str], tmp_path: Path) -> None:
    folder = study_copy(tmp_path)
    edit(folder, DICT, "7, Infective endocarditis | 8, None", "7, Infective endocarditis")
    edit(folder, DICT, "2, Immunosuppression |", "20, Immunosuppression |")
    amendment = prepare_amendment(project, users["admin"], folder)
    assert {(b.key.code, b.count) for b in amendment.blockers()} == {("2", 2), ("8", 2)}

    apply_amendment(project, users["admin"], amendment,
                    AmendmentMapping(choices={"comorb": {"2": "20", "8": None}}))

    stored = _stored(project)
    assert stored[(seeded[0], "enrolment", "comorb")] == ("1,20", 2)
    assert stored[(seeded[1], "enrolment", "comorb")] == ("20", 2)
    assert (seeded[2], "enrolment", "comorb") not in stored  # its only code mapped away


def test_renamed_field_moves_its_values_and_keeps_history(
        project: Project, users: dict[str, CurrentUser], seeded: list[str],
        tmp_path: Path) -> None:
    folder = study_copy(tmp_path)
    edit(folder, DICT, "img_comment,imaging,,notes", "img_remarks,imaging,,notes")
    amendment = prepare_amendment(project, users["admin"], folder)
    apply_amendment(project, users["admin"], amendment,
                    AmendmentMapping(fields={"img_comment": "img_remarks"}))
    stored = _stored(project)
    assert stored[(seeded[0], "imaging", "img_remarks")] == ("small abscess", 2)
    moved_in = _audit(project, record_id=seeded[0], field="img_remarks")[-1]
    assert moved_in.action == AuditAction.VALUE_INSERT
    assert moved_in.reason.endswith("(from imaging.img_comment)")


def test_retype_that_invalidates_stored_values_blocks_until_they_are_mapped(
        project: Project, users: dict[str, CurrentUser], seeded: list[str],
        tmp_path: Path) -> None:
    folder = study_copy(tmp_path)
    edit(folder, DICT, "img_comment,imaging,,notes,Radiologist's comment,,,,",
         "img_comment,imaging,,text,Radiologist's comment,,,integer,")
    amendment = prepare_amendment(project, users["admin"], folder)
    assert sorted(b.key.code for b in amendment.blockers()) == ["no change", "small abscess"]
    with pytest.raises(AmendmentRefused, match="is not a whole number"):
        apply_amendment(project, users["admin"], amendment)
    apply_amendment(project, users["admin"], amendment, AmendmentMapping(
        choices={"img_comment": {"small abscess": "1", "no change": None}}))
    assert _stored(project)[(seeded[0], "imaging", "img_comment")] == ("1", 2)


def test_removing_a_form_from_an_event_with_data_needs_the_place_deleted(
        project: Project, users: dict[str, CurrentUser], seeded: list[str],
        tmp_path: Path) -> None:
    folder = study_copy(tmp_path)
    edit(folder, "instrument_event_mapping.csv", "1,m0_arm_1,imaging\n", "")
    amendment = prepare_amendment(project, users["admin"], folder)
    assert {b.key.kind for b in amendment.blockers()} == {BlockerKind.PLACE}
    result = apply_amendment(project, users["admin"], amendment,
                             AmendmentMapping(forms={"m0_arm_1/imaging": None}))
    assert result.forms_deleted == 3
    assert not [key for key in _stored(project) if key[1] == "imaging"]


def test_only_an_admin_may_amend_and_bad_mappings_are_named(
        project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    folder = _amended_study(tmp_path)
    with pytest.raises(PermissionDenied, match="amend study"):
        prepare_amendment(project, users["inv"], folder)
    amendment = prepare_amendment(project, users["admin"], folder)
    with pytest.raises(PermissionDenied):
        apply_amendment(project, users["inv"], amendment)
    with pytest.raises(MappingError, match="choices.sex.1: 'X' is not a code of sex"):
        apply_amendment(project, users["admin"], amendment,
                        AmendmentMapping(choices={"sex": {"1": "X"}}))
    with pytest.raises(MappingError, match="fields.nope"):
        AmendmentMapping.from_json('{"fields": {"nope": null}}').check(amendment.old,
                                                                        amendment.new)


def test_amendment_migrates_the_same_way_on_every_backend(
        backend_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    first, second, _ = seed_patients(backend_project, users["nurse"])
    amendment = prepare_amendment(backend_project, users["admin"], _amended_study(tmp_path))
    assert len(amendment.blockers()) == 3
    apply_amendment(backend_project, users["admin"], amendment, AmendmentMapping(
        fields={"img_comment": None}, choices={"sex": {"1": "M", "2": "F"}}))
    stored = _stored(backend_project)
    assert stored[(first, "enrolment", "sex")] == ("M", 2)
    assert stored[(second, "enrolment", "sex")] == ("F", 2)
    assert (first, "imaging", "img_comment") not in stored
    assert len(_audit(backend_project, action=AuditAction.AMENDMENT)) == 1
