"""Double data entry switched on per form from the application: a versioned, audited setting."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from vo_crf.amend.settings import set_double_entry_forms
from vo_crf.audit.trail import AuditAction
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.dde import DoubleEntryService
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.errors import DoubleEntryRefused
from vo_crf.entry.records import create_record
from vo_crf.project import Project, open_project


def test_switching_double_entry_on_stores_a_new_definition_version(
        project: Project, users: dict[str, CurrentUser]) -> None:
    result = set_double_entry_forms(project, users["admin"], ["microbiology", "biology"])

    assert result is not None and result.version == 2
    assert project.study.protocol.double_entry_forms == ("microbiology", "biology")
    reopened = open_project(project.url)
    try:
        assert reopened.definition_version == 2
        assert reopened.study.protocol.double_entry_forms == ("microbiology", "biology")
        assert DoubleEntryService(reopened, users["nurse"]).is_double_entered("biology")
    finally:
        reopened.close()
    with read_session(project.engine) as session:
        row = session.scalars(select(AuditEntry).where(
            AuditEntry.action == str(AuditAction.AMENDMENT))).one()
    assert (row.username, row.new_value) == ("admin", "version 2")
    assert set_double_entry_forms(project, users["admin"], ["biology", "microbiology"]) is None


def test_forms_switched_on_are_entered_twice_from_then_on(
        project: Project, users: dict[str, CurrentUser]) -> None:
    record_id = create_record(project, users["nurse"], "1")
    set_double_entry_forms(project, users["admin"], ["biology"])
    key = FormKey(record_id, "m0_arm_1", "biology")
    with pytest.raises(DoubleEntryRefused, match="entered twice"):
        EntryService(project, users["nurse"]).save_form(key, {"bio_crp": "12"}, 0)
    saved = DoubleEntryService(project, users["nurse"]).save_entry(
        key, {"bio_date": "2024-03-05", "bio_crp": "12"}, 2)
    assert saved.entry_number == 1
    micro = FormKey(key.record_id, "m0_arm_1", "microbiology")  # still entered once
    assert EntryService(project, users["nurse"]).save_form(micro, {"micro_organism": "1"}, 0)


def test_only_an_admin_changes_the_setting_and_forms_must_exist(
        project: Project, users: dict[str, CurrentUser]) -> None:
    with pytest.raises(PermissionDenied):
        set_double_entry_forms(project, users["inv"], ["biology"])
    with pytest.raises(ValueError, match="bloods: not a form of the study"):
        set_double_entry_forms(project, users["admin"], ["bloods"])
    assert project.definition_version == 1

