"""Lock, verification and e-signature marks travel with sync; a lock holds across sync."""

from __future__ import annotations

import pytest
import sync_helpers
from accounts import PASSWORDS
from sqlalchemy import select
from sync_helpers import data_of, save

from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, sign, unlock, verify
from vo_crf.project import Project, open_project
from vo_crf.sync.conflicts import ConflictError, list_conflicts, resolve_conflict
from vo_crf.sync.run import synchronise

site_a, site_b, central_url = sync_helpers.site_a, sync_helpers.site_b, sync_helpers.central_url

BIOLOGY = {"bio_date": "2007-06-14", "bio_crp": "120", "bio_esr": "80"}


def marks_of(project: Project) -> dict[tuple[str, str, str, int], tuple[object, ...]]:
    """Every form's lock, verification and signature (who and when), by place."""
    with read_session(project.engine) as session:
        rows = session.execute(
            select(Record.record_id, FormInstance.event, FormInstance.form,
                   FormInstance.instance, FormInstance.locked_by, FormInstance.locked_at,
                   FormInstance.verified_by, FormInstance.signed_by, FormInstance.signed_at)
            .join(FormInstance, FormInstance.record_pk == Record.id))
        return {(r[0], r[1], r[2], int(r[3])): tuple(r[4:]) for r in rows}


def _crp(project: Project, record_id: str) -> str:
    return EntryService(project, CurrentUser("x", "admin")).open_form(
        FormKey(record_id, "m0_arm_1", "biology")).value("bio_crp")


@pytest.fixture
def patient(site_a: Project, site_b: Project, central_url: str,
            users: dict[str, CurrentUser]) -> str:
    """A patient of site 1 with M0 biology, known to every node."""
    record_id = create_record(site_a, users["nurse"], "1")
    save(site_a, users["nurse"], record_id, "biology", BIOLOGY, 2)
    for site in (site_a, site_b):
        synchronise(site, users["nurse"], central_url)
    return record_id


def test_an_offline_edit_of_a_form_locked_centrally_becomes_a_conflict(
        site_a: Project, site_b: Project, central_url: str, patient: str,
        users: dict[str, CurrentUser], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    biology = FormKey(patient, "m0_arm_1", "biology")
    central = open_project(central_url)
    try:
        lock(central, users["inv"], patient, biology, reason="monitored")
    finally:
        central.close()
    save(site_a, users["nurse"], patient, "biology", {"bio_crp": "95"}, 2, reason="re-read")
    report = synchronise(site_a, users["nurse"], central_url)
    assert report.pushed.applied == 0 and report.pushed.locked_out == 1
    assert report.pulled.conflicts == 1 and report.pulled.locked_conflicts == 1
    summary = report.summary()
    assert "1 value NOT taken by the central database: the form is locked there" in summary
    assert "1 conflict recorded (1 of them edits of forms locked elsewhere)" in summary
    central = open_project(central_url)
    try:
        assert _crp(central, patient) == "120"  # the locked form is untouched at central
    finally:
        central.close()
    assert _crp(site_a, patient) == "95"  # nothing overwritten at the site either
    assert marks_of(site_a)[(patient, "m0_arm_1", "biology", 1)][0] == "inv"  # lock arrived
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["inv"])
    assert main(["sync", "conflicts", "--db", site_a.url, "--user", "inv"]) == 0
    listing = capsys.readouterr().out
    assert "bio_crp" in listing and "form locked by inv" in listing
    (conflict,) = list_conflicts(site_a, users["admin"])
    with pytest.raises(ConflictError, match="locked by inv: keep the remote value"):
        resolve_conflict(site_a, users["inv"], conflict.id, "local", "lab report")
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["inv"])
    assert main(["sync", "resolve", "--db", site_a.url, "--user", "inv", str(conflict.id),
                 "--keep", "remote", "--reason", "the form was locked after review"]) == 0
    assert _crp(site_a, patient) == "120"
    for site in (site_a, site_b):
        assert synchronise(site, users["nurse"], central_url).pulled.conflicts == 0
    central = open_project(central_url)
    try:
        assert data_of(site_a) == data_of(site_b) == data_of(central)
        assert marks_of(site_a) == marks_of(site_b) == marks_of(central)
    finally:
        central.close()


def test_marks_travel_both_ways_and_converge(site_a: Project, site_b: Project, central_url: str,
                                             patient: str,
                                             users: dict[str, CurrentUser]) -> None:
    inv = users["inv"]
    biology = FormKey(patient, "m0_arm_1", "biology")
    verify(site_a, inv, biology)
    done = sign(site_a, inv, patient, biology, password=PASSWORDS["inv"], reason="reviewed")
    assert done.signed == 1
    for site in (site_a, site_b):
        synchronise(site, users["nurse"], central_url)
    place = (patient, "m0_arm_1", "biology", 1)
    central = open_project(central_url)
    try:
        locked_by, _, verified_by, signed_by, _ = marks_of(central)[place]
        assert (locked_by, verified_by, signed_by) == ("inv", "inv", "inv")
        assert marks_of(site_b)[place] == marks_of(site_a)[place] == marks_of(central)[place]
        unlock(central, inv, patient, "monitor query on CRP", biology)
    finally:
        central.close()
    report = synchronise(site_b, users["nurse"], central_url)
    assert report.pulled.marks == 2  # lock and signature withdrawn
    assert marks_of(site_b)[place][0] is None and marks_of(site_b)[place][3] is None
    save(site_b, users["nurse"], patient, "biology", {"bio_crp": "118"}, 2, reason="typo")
    for site in (site_b, site_a):
        assert synchronise(site, users["nurse"], central_url).pulled.conflicts == 0
    central = open_project(central_url)
    try:
        assert data_of(site_a) == data_of(site_b) == data_of(central)
        assert marks_of(site_a) == marks_of(site_b) == marks_of(central)
        assert marks_of(site_a)[place][2] is None  # the changed data is no longer verified
        assert _crp(central, patient) == "118"
    finally:
        central.close()
