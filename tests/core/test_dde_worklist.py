"""The double-data-entry worklist: which forms wait for an entry or a comparison, and for whom."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import dde_study
import pytest
from accounts import PASSWORDS
from dde_study import RECORD, SECOND_NURSE

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.dde import (
    DoubleEntryService,
    DoubleEntryStatus,
    NextStep,
    pending_csv,
    pending_double_entries,
)
from vo_crf.entry import EntryService, FormKey
from vo_crf.project import Project

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project

NURSE_2 = CurrentUser(SECOND_NURSE, Role.NURSE)
BIO_M0 = FormKey(RECORD, "m0_arm_1", "biology")
MICRO_M0 = FormKey(RECORD, "m0_arm_1", "microbiology")
BIO_M3 = FormKey(RECORD, "m3_arm_1", "biology")
BIO_M6 = FormKey(RECORD, "m6_arm_1", "biology")
BIOLOGY = {"bio_date": "2024-03-05", "bio_crp": "120", "bio_esr": "80", "bio_wbc": "12.5"}


def enter(project: Project, user: CurrentUser, key: FormKey, status: int = 2) -> None:
    DoubleEntryService(project, user).save_entry(key, BIOLOGY if key.form == "biology" else
                                                 {"micro_organism": "1"}, status)


@pytest.fixture
def worklist_case(dde_project: Project, users: dict[str, CurrentUser]) -> Project:
    """M0 biology: entry 1 Complete (nurse); M0 microbiology: entry 1 Incomplete (nurse);
    M3 biology: both Complete (nurse, nurse2); M6 biology: adjudicated (not pending)."""
    enter(dde_project, users["nurse"], BIO_M0)
    enter(dde_project, users["nurse"], MICRO_M0, status=0)
    enter(dde_project, users["nurse"], BIO_M3)
    enter(dde_project, NURSE_2, BIO_M3)
    enter(dde_project, users["nurse"], BIO_M6)
    enter(dde_project, NURSE_2, BIO_M6)
    DoubleEntryService(dde_project, users["inv"]).adjudicate(BIO_M6, {}, "")
    return dde_project


def test_lists_started_instances_in_study_order_with_status_and_entrants(
        worklist_case: Project, users: dict[str, CurrentUser]) -> None:
    rows = pending_double_entries(worklist_case, users["inv"])
    assert [(r.key, r.status, r.entrants, r.entries_complete) for r in rows] == [
        (MICRO_M0, DoubleEntryStatus.AWAITING_ENTRY_1, ("nurse",), 0),
        (BIO_M0, DoubleEntryStatus.AWAITING_ENTRY_2, ("nurse",), 1),
        (BIO_M3, DoubleEntryStatus.READY, ("nurse", SECOND_NURSE), 2)]
    assert all(r.site == "1" for r in rows)
    assert rows[2].last_change >= rows[1].last_change


def test_the_next_step_depends_on_who_asks(worklist_case: Project,
                                           users: dict[str, CurrentUser]) -> None:
    def steps(user: CurrentUser) -> list[NextStep]:
        return [r.next_step for r in pending_double_entries(worklist_case, user)]

    assert steps(users["nurse"]) == [NextStep.FINISH_YOUR_ENTRY, NextStep.WAIT, NextStep.WAIT]
    assert steps(NURSE_2) == [NextStep.MAKE_ENTRY_2, NextStep.MAKE_ENTRY_2, NextStep.WAIT]
    assert steps(users["inv"]) == [NextStep.MAKE_ENTRY_2, NextStep.MAKE_ENTRY_2,
                                   NextStep.COMPARE]
    assert steps(users["mon"]) == [NextStep.WAIT, NextStep.WAIT, NextStep.WAIT]


def test_an_instance_saved_the_ordinary_way_is_not_pending(
        worklist_case: Project, users: dict[str, CurrentUser]) -> None:
    study = worklist_case.study
    worklist_case.study = replace(study, protocol=replace(study.protocol,
                                                          double_entry_forms=()))
    EntryService(worklist_case, users["inv"]).save_form(BIO_M0, BIOLOGY, 2)
    worklist_case.study = study
    keys = [r.key for r in pending_double_entries(worklist_case, users["inv"])]
    assert keys == [MICRO_M0, BIO_M3]
    assert [r.key for r in pending_double_entries(worklist_case, users["inv"],
                                                  record_id="01-999")] == []


def test_the_worklist_never_shows_entered_values(worklist_case: Project,
                                                  users: dict[str, CurrentUser]) -> None:
    text = pending_csv(pending_double_entries(worklist_case, users["nurse"]))
    assert "120" not in text and "12.5" not in text and "2024-03-05" not in text


def test_cli_dde_report_pending_prints_the_worklist(worklist_case: Project) -> None:
    database = worklist_case.url.removeprefix("sqlite:///")
    worklist_case.close()
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS["inv"]}
    done = subprocess.run([sys.executable, "-m", "vo_crf", "dde-report", "--pending", "--db",
                           database, "--user", "inv"], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("record_id,site,event,form,instance,status,entry_1_by,entry_2_by,"
                        "entries_complete,last_change,next_step")
    assert [line.split(",")[:9] for line in lines[1:]] == [
        [RECORD, "1", "m0_arm_1", "microbiology", "1", "awaiting entry 1", "nurse", "", "0"],
        [RECORD, "1", "m0_arm_1", "biology", "1", "awaiting entry 2", "nurse", "", "1"],
        [RECORD, "1", "m3_arm_1", "biology", "1", "ready to compare", "nurse", SECOND_NURSE,
         "2"]]
    assert [line.split(",")[-1] for line in lines[1:]] == [
        "make entry 2", "make entry 2", "compare and adjudicate"]
