"""The role × action matrix, checked against the core services themselves (not the GUI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from dde_study import adjudicate_new_double_entry

from vo_crf.amend import apply_amendment, prepare_amendment
from vo_crf.auth.permissions import PERMISSIONS, Action, PermissionDenied, Role
from vo_crf.auth.users import CurrentUser, create_user, set_role
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, unlock, verify
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.paths import default_study_dir
from vo_crf.project import Project
from vo_crf.queries import FieldKey, QueryService
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.timeline_data import build_patient_timeline
from vo_crf.reports.workbook import export_workbook

RECORD = "01-001"
MICRO = FormKey(RECORD, "m0_arm_1", "microbiology")
COURSE = FormKey(RECORD, "m0_arm_1", "antibiotics", 1)
ORGANISM = FieldKey(RECORD, "m0_arm_1", "microbiology", "micro_organism")
IMPORT = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
          "clin_date,clinical_complete\n02-001,m0_arm_1,,,2001-01-01,0\n")

Operation = Callable[[Project, CurrentUser, Path], object]

OPERATIONS: dict[Action, Operation] = {
    Action.VIEW_DATA: lambda p, u, _: EntryService(p, u).open_form(MICRO),
    Action.EDIT_DATA: lambda p, u, _: EntryService(p, u).save_form(
        MICRO, {"micro_organism": "4"}, 2, reason="matrix test"),
    Action.CREATE_RECORD: lambda p, u, _: create_record(p, u, "2"),
    Action.DELETE_INSTANCE: lambda p, u, _: EntryService(p, u).delete_instance(COURSE, "dup"),
    Action.IMPORT: lambda p, u, _: import_redcap_text(p, u, IMPORT, "m.csv"),
    Action.VERIFY: lambda p, u, _: verify(p, u, MICRO),
    Action.LOCK: lambda p, u, _: lock(p, u, RECORD, MICRO),
    Action.UNLOCK: lambda p, u, _: unlock(p, u, RECORD, "monitor query", MICRO),
    Action.EXPORT_IDENTIFIED: lambda p, u, d: export_redcap_csv(p, u, d / "i.csv"),
    Action.EXPORT_DEIDENTIFIED: lambda p, u, d: export_redcap_csv(p, u, d / "d.csv",
                                                                  deidentified=True),
    Action.REPORT: lambda p, u, d: write_patient_reports(p, u, d / "r.pdf", [RECORD]),
    Action.VIEW_AUDIT: lambda p, u, _: EntryService(p, u).field_history(MICRO, "micro_organism"),
    Action.MANAGE_USERS: lambda p, u, _: create_user(p.engine, u, "newcomer", "harbour-lamp-123",
                                                     Role.NURSE),
    Action.RAISE_QUERY: lambda p, u, _: QueryService(p, u).open_query(ORGANISM, "sure?"),
    Action.ANSWER_QUERY: lambda p, u, _: QueryService(p, u).answer(_query_by(p, "admin"), "ok"),
    Action.CLOSE_QUERY: lambda p, u, _: QueryService(p, u).close(_query_by(p, u.username)),
    Action.ADJUDICATE: lambda p, u, _: adjudicate_new_double_entry(p, u),
    Action.AMEND_STUDY: lambda p, u, _: apply_amendment(
        p, u, prepare_amendment(p, CurrentUser("admin", Role.ADMIN), default_study_dir())),
}


def _query_by(project: Project, opener: str) -> int:
    """Open a query on the organism as ``opener`` (so that only the role is being tested)."""
    return QueryService(project, CurrentUser(opener, Role.ADMIN)).open_query(ORGANISM, "sure?")


@pytest.fixture
def seeded(project: Project, users: dict[str, CurrentUser]) -> Project:
    """One patient with a Complete microbiology form and one antibiotic course."""
    nurse = users["nurse"]
    create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(MICRO, {"micro_organism": "1"}, 2)
    service.save_form(COURSE, {"abx_drug": "2", "abx_route": "1",
                               "abx_start": "2001-01-01"}, 0)
    return project


def test_every_action_has_a_service_check() -> None:
    assert set(OPERATIONS) | {Action.VIEW_IDENTIFIERS, Action.EXPORT_DEIDENTIFIED} == set(Action)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(OPERATIONS))
def test_service_allows_exactly_what_the_matrix_says(seeded: Project, tmp_path: Path,
                                                     role: Role, action: Action) -> None:
    if action is Action.UNLOCK:
        lock(seeded, CurrentUser("admin", Role.ADMIN), RECORD, MICRO)
    user = CurrentUser(f"someone-{role.value}", role)
    if action in PERMISSIONS[role]:
        OPERATIONS[action](seeded, user, tmp_path)
    else:
        with pytest.raises(PermissionDenied, match=action.value.replace("_", " ")):
            OPERATIONS[action](seeded, user, tmp_path)


@pytest.mark.parametrize("role", list(Role))
def test_identifiers_in_reports_only_for_allowed_roles(
        seeded: Project, users: dict[str, CurrentUser], role: Role) -> None:
    EntryService(seeded, users["nurse"]).save_form(
        FormKey(RECORD, "m0_arm_1", "enrolment"), {"initials": "ZQ"}, 0)
    timeline = build_patient_timeline(seeded, CurrentUser("x", role), RECORD,
                                      show_identifiers=True)
    shown = " ".join(value for _, value in timeline.header.identifiers)
    assert ("ZQ" in shown) == (Action.VIEW_IDENTIFIERS in PERMISSIONS[role])


def test_statistician_workbook_is_always_deidentified(seeded: Project, tmp_path: Path) -> None:
    statistician = CurrentUser("stat", Role.STATISTICIAN)
    with pytest.raises(PermissionDenied):
        export_workbook(seeded, statistician, tmp_path / "w.xlsx")
    assert export_workbook(seeded, statistician, tmp_path / "w.xlsx", deidentified=True) == 1


def test_role_change_takes_effect_at_next_login(seeded: Project,
                                                users: dict[str, CurrentUser]) -> None:
    from accounts import PASSWORDS

    from vo_crf.auth.users import authenticate

    set_role(seeded.engine, users["admin"], "nurse", Role.INVESTIGATOR)
    promoted = authenticate(seeded.engine, "nurse", PASSWORDS["nurse"])
    verify(seeded, promoted, MICRO)
