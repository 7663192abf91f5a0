"""A sync killed at any point (SIGKILL, or a failure between the two sides) converges on re-run."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sync_helpers
from accounts import PASSWORDS
from random_cohort import cohort_csv
from sync_helpers import data_of

from vo_crf.auth.users import CurrentUser
from vo_crf.db.backup import check_file
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, open_project
from vo_crf.sync import apply as sync_apply
from vo_crf.sync.run import synchronise

site_a, site_b, central_url = sync_helpers.site_a, sync_helpers.site_b, sync_helpers.central_url


def _site_part(project: Project, prefix: str) -> dict:
    return {k: v for k, v in data_of(project).items() if k[0].startswith(prefix)}


SYNC_DRIVER = """
import sys
from vo_crf.auth.users import authenticate
from vo_crf.project import open_project
from vo_crf.sync.run import synchronise
site = open_project(sys.argv[1])
user = authenticate(site.engine, "nurse", sys.argv[3])
print(synchronise(site, user, sys.argv[2]).summary())
"""
"""What ``vo-crf sync`` runs, without the rest of the CLI (kept independent of other commands)."""


def _sync_process(site: Project, central: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SYNC_DRIVER, site.url, central, PASSWORDS["nurse"]],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)


def test_sync_killed_at_random_points_converges(site_a: Project, site_b: Project,
                                                central_url: str,
                                                users: dict[str, CurrentUser]) -> None:
    import_redcap_text(site_a, users["nurse"], cohort_csv(site_a.study, 12, seed=11), "a.csv")
    expected = _site_part(site_a, "01-")
    site_a.close()  # the subprocesses are the only writers of site A now
    rng = random.Random(20261125)
    killed = 0
    for _ in range(3):
        process = _sync_process(site_a, central_url)
        time.sleep(rng.uniform(0.5, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.communicate(timeout=60)
        central = open_project(central_url)
        try:  # the push is one transaction: all of site A's data or none of it
            assert _site_part(central, "01-") in ({}, expected)
        finally:
            central.close()
        assert check_file(Path(site_a.url.removeprefix("sqlite:///"))) is None
    assert killed >= 1
    finished = _sync_process(site_a, central_url)
    out, err = finished.communicate(timeout=120)
    assert finished.returncode == 0, err
    synchronise(site_b, users["nurse"], central_url)
    again = open_project(site_a.url)
    central = open_project(central_url)
    try:
        assert _site_part(central, "01-") == expected
        assert data_of(again) == data_of(central) == data_of(site_b)
        assert synchronise(again, users["nurse"], central_url).pushed.applied == 0
    finally:
        again.close()
        central.close()


def test_failure_between_push_and_pull_then_rerun(site_a: Project, site_b: Project,
                                                  central_url: str,
                                                  users: dict[str, CurrentUser]) -> None:
    nurse = users["nurse"]
    import_redcap_text(site_a, nurse, cohort_csv(site_a.study, 2, seed=5), "a.csv")

    def crash(step: str) -> None:
        if step == "pushed":
            raise RuntimeError("network lost")

    with pytest.raises(RuntimeError, match="network lost"):
        synchronise(site_a, nurse, central_url, hook=crash)
    synchronise(site_b, nurse, central_url)
    sync_helpers.save(site_b, nurse, "01-001", "clinical", {"clin_pain_vas": "1"}, 1,
                      reason="corrected")
    synchronise(site_b, nurse, central_url)
    report = synchronise(site_a, nurse, central_url)
    assert report.pulled.conflicts == 0 and report.pushed.applied == 0
    central = open_project(central_url)
    try:
        assert data_of(site_a) == data_of(site_b) == data_of(central)
    finally:
        central.close()


def test_failure_inside_the_pull_leaves_the_site_unchanged(site_a: Project, site_b: Project,
                                                           central_url: str,
                                                           users: dict[str, CurrentUser],
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    nurse = users["nurse"]
    import_redcap_text(site_a, nurse, cohort_csv(site_a.study, 2, seed=5), "a.csv")
    synchronise(site_a, nurse, central_url)
    before = data_of(site_b)
    real_copy = sync_apply.copy_audit

    def failing_copy(*args: object, **kwargs: object) -> int:
        real_copy(*args, **kwargs)  # type: ignore[arg-type]
        raise OSError("disk unplugged")

    monkeypatch.setattr(sync_apply, "copy_audit", failing_copy)
    with pytest.raises(OSError, match="disk unplugged"):
        synchronise(site_b, nurse, central_url)
    assert data_of(site_b) == before
    monkeypatch.undo()
    synchronise(site_b, nurse, central_url)
    assert _site_part(site_b, "01-") == _site_part(site_a, "01-")
