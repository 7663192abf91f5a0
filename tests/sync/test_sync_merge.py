"""Two sites and a central database (SQLite or PostgreSQL): merges, conflicts, resolutions."""

from __future__ import annotations

import pytest
import sync_helpers
from accounts import PASSWORDS
from sqlalchemy import select
from sync_helpers import data_of, save

from vo_crf.audit.trail import SAVE_ACTION, record_history
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project, open_project
from vo_crf.sync.conflicts import list_conflicts, resolve_conflict
from vo_crf.sync.run import synchronise

site_a, site_b, central_url = sync_helpers.site_a, sync_helpers.site_b, sync_helpers.central_url

CLINICAL = {"clin_date": "2007-06-14", "clin_temp": "38.5", "clin_pain_vas": "7"}


def _value(project: Project, record_id: str, field: str, form: str = "clinical") -> str:
    return EntryService(project, CurrentUser("x", "admin")).open_form(
        FormKey(record_id, "m0_arm_1", form)).value(field)


def test_records_and_edits_of_different_fields_merge(site_a: Project, site_b: Project,
                                                     central_url: str,
                                                     users: dict[str, CurrentUser]) -> None:
    nurse = users["nurse"]
    first = create_record(site_a, nurse, "1")
    save(site_a, nurse, first, "clinical", CLINICAL, 1)
    other = create_record(site_b, nurse, "2")
    save(site_b, nurse, other, "enrolment", {"initials": "ZZ", "birth_date": "1950-06-15",
                                             "enrol_date": "2007-06-15"}, 0)
    for site in (site_a, site_b, site_a):
        synchronise(site, nurse, central_url)
    assert _value(site_b, first, "clin_temp") == "38.5"
    assert _value(site_a, other, "initials", "enrolment") == "ZZ"
    # concurrent edits of different fields of the same form
    save(site_a, nurse, first, "clinical", {"clin_temp": "39.1"}, 1)
    save(site_b, users["inv"], first, "clinical", {"clin_pain_vas": "3"}, 1)
    for site in (site_a, site_b, site_a):
        report = synchronise(site, nurse, central_url)
        assert report.pulled.conflicts == 0
    central = open_project(central_url)
    try:
        assert data_of(site_a) == data_of(site_b) == data_of(central)
        assert _value(central, first, "clin_temp") == "39.1"
        assert _value(central, first, "clin_pain_vas") == "3"
        assert _value(central, other, "age", "enrolment") == "57"  # recomputed there
        with read_session(central.engine) as session:
            pain = sorted((e for e in record_history(session, first)
                           if e.field == "clin_pain_vas"), key=lambda e: e.at)
        assert [(r.username, r.site, r.new_value) for r in pain] == [
            ("nurse", "1", "7"), ("inv", "2", "3")]
    finally:
        central.close()
    with read_session(site_a.engine) as session:
        uids = session.scalars(select(AuditEntry.uid)).all()
    assert len(uids) == len(set(uids))


def test_same_field_changed_on_both_sides_is_a_conflict_resolved_with_audit(
        site_a: Project, site_b: Project, central_url: str, users: dict[str, CurrentUser],
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    nurse, inv = users["nurse"], users["inv"]
    record_id = create_record(site_a, nurse, "1")
    save(site_a, nurse, record_id, "clinical", CLINICAL, 1)
    synchronise(site_a, nurse, central_url)
    synchronise(site_b, nurse, central_url)
    save(site_a, nurse, record_id, "clinical", {"clin_temp": "39.0"}, 1)
    save(site_b, inv, record_id, "clinical", {"clin_temp": "37.2"}, 1)
    synchronise(site_a, nurse, central_url)
    report = synchronise(site_b, nurse, central_url)
    assert report.pulled.conflicts == 1
    assert _value(site_b, record_id, "clin_temp") == "37.2"  # nothing overwritten
    central = open_project(central_url)
    assert _value(central, record_id, "clin_temp") == "39.0"
    central.close()
    (conflict,) = list_conflicts(site_b, users["admin"])
    assert (conflict.field, conflict.local_value, conflict.local_user, conflict.remote_value,
            conflict.remote_user, conflict.remote_site) == (
        "clin_temp", "37.2", "inv", "39.0", "nurse", "1")
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["inv"])
    assert main(["sync", "conflicts", "--db", site_b.url, "--user", "inv"]) == 0
    assert f"#{conflict.id} [open]" in capsys.readouterr().out
    assert main(["sync", "resolve", "--db", site_b.url, "--user", "inv", str(conflict.id),
                 "--keep", "local", "--reason", "checked the source document"]) == 0
    assert list_conflicts(site_b, users["admin"]) == []
    with read_session(site_b.engine) as session:  # the one writer's form save row (issue 15)
        resolved = session.scalars(select(AuditEntry).where(
            AuditEntry.reason.contains("checked the source document"))).all()
    assert [(row.action, row.form, row.field) for row in resolved] == [
        (SAVE_ACTION, "clinical", None)]
    for site in (site_b, site_a):
        assert synchronise(site, nurse, central_url).pulled.conflicts == 0
    central = open_project(central_url)
    try:
        assert data_of(site_a) == data_of(site_b) == data_of(central)
        assert _value(site_a, record_id, "clin_temp") == "37.2"
        history = EntryService(central, inv).field_history(
            FormKey(record_id, "m0_arm_1", "clinical"), "clin_temp")
        assert history[-1].username == "inv"
        assert "checked the source document" in (history[-1].reason or "")
        assert (history[-1].old_value, history[-1].new_value) == ("39.0", "37.2")
    finally:
        central.close()


def test_keeping_the_remote_value_is_saved_through_the_entry_service(
        site_a: Project, site_b: Project, central_url: str,
        users: dict[str, CurrentUser]) -> None:
    nurse = users["nurse"]
    record_id = create_record(site_a, nurse, "1")
    save(site_a, nurse, record_id, "clinical", CLINICAL, 1)
    for site in (site_a, site_b):
        synchronise(site, nurse, central_url)
    save(site_a, nurse, record_id, "clinical", {"clin_pain_vas": "2"}, 1)
    save(site_b, nurse, record_id, "clinical", {"clin_pain_vas": "9"}, 2)
    synchronise(site_a, nurse, central_url)
    report = synchronise(site_b, nurse, central_url)
    assert report.pulled.conflicts == 1  # the status changed only at site 2: merged
    for conflict in list_conflicts(site_b, users["admin"]):
        resolve_conflict(site_b, users["inv"], conflict.id, "remote", "site 1 measured it")
    assert _value(site_b, record_id, "clin_pain_vas") == "2"
    history = EntryService(site_b, nurse).field_history(
        FormKey(record_id, "m0_arm_1", "clinical"), "clin_pain_vas")
    assert history[-1].username == "inv" and "site 1 measured it" in (history[-1].reason or "")
    for site in (site_b, site_a):
        assert synchronise(site, nurse, central_url).pulled.conflicts == 0
    central = open_project(central_url)
    try:
        assert data_of(site_a) == data_of(site_b) == data_of(central)
    finally:
        central.close()
