"""The central database restored from a backup (or replaced): the sites notice and all converge.

A backup of the central database is taken at each step of a sync sequence (before a site's
push, between its push and pull, after its pull, between two sites' syncs); the sites go on
working and syncing, the central database is restored from that backup, and the sites keep
syncing. Every node must end with the same data and marks, and the syncs must say that the
central database went back in time.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import sync_helpers
from sqlalchemy import make_url
from sync_helpers import data_of, save
from test_sync_marks import marks_of

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock
from vo_crf.project import Project, init_project, open_project
from vo_crf.sync.run import SyncReport, synchronise

site_a, site_b = sync_helpers.site_a, sync_helpers.site_b

CLINICAL = {"clin_date": "2007-06-14", "clin_temp": "38.5", "clin_pain_vas": "7"}
POINTS = ["before_push", "after_push", "after_pull", "between_sites"]


@dataclass
class Central:
    """The central database of a test and how to back it up and restore it."""

    url: str
    snapshot: Callable[[], object]
    restore: Callable[[object], None]
    empty: Callable[[], None]
    """Replace the database by an empty one (no study yet)."""


def _sqlite_central(path: Path) -> Central:
    def snapshot() -> object:
        copy = path.with_name(f"backup-{len(list(path.parent.glob('backup-*')))}.sqlite")
        source, target = sqlite3.connect(path), sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return copy

    def restore(copy: object) -> None:
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copy(str(copy), path)

    def empty() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    return Central(str(path), snapshot, restore, empty)


def _postgres_central(server: object, url: str) -> Central:
    from db.postgres_server import _bin_dir

    name = str(make_url(url).database)
    bin_dir = Path(os.path.realpath((getattr(server, "_bin", None) or _bin_dir()) / "pg_ctl")
                   ).parent  # pg_dump is beside the real pg_ctl, not beside a symlink to it
    where = ["-h", server.host, "-p", str(server.port), "-U", server.user]  # type: ignore[attr-defined]

    def snapshot() -> object:
        done = subprocess.run(server._command([str(bin_dir / "pg_dump"), *where, "-Fc", name]),  # type: ignore[attr-defined]
                              capture_output=True, check=True, timeout=120)
        return done.stdout

    def empty() -> None:
        server.drop_database(name)  # type: ignore[attr-defined]
        server.admin_sql(f'CREATE DATABASE "{name}"')  # type: ignore[attr-defined]

    def restore(dump: object) -> None:
        empty()
        subprocess.run(server._command([str(bin_dir / "pg_restore"), *where, "-d", name]),  # type: ignore[attr-defined]
                       input=dump, capture_output=True, check=True, timeout=120)

    return Central(url, snapshot, restore, empty)


@pytest.fixture(params=sync_helpers.CENTRALS)
def central(request: pytest.FixtureRequest, template_db: Path, tmp_path: Path) -> Central:
    if request.param == "postgresql":
        return _postgres_central(request.getfixturevalue("postgres_server"),
                                 str(request.getfixturevalue("postgres_url")))
    path = tmp_path / "central" / "central.sqlite"
    path.parent.mkdir()
    shutil.copy(template_db, path)
    return _sqlite_central(path)


def _converged(site_a: Project, site_b: Project, url: str) -> None:
    other = open_project(url)
    try:
        assert data_of(site_a) == data_of(site_b) == data_of(other)
        assert marks_of(site_a) == marks_of(site_b) == marks_of(other)
    finally:
        other.close()


def _value(project: Project, record_id: str, form: str, field: str) -> str:
    return EntryService(project, CurrentUser("x", "admin")).open_form(
        FormKey(record_id, "m0_arm_1", form)).value(field)


@pytest.mark.parametrize("point", POINTS)
def test_central_restored_from_a_backup_taken_at_each_step_converges(
        site_a: Project, site_b: Project, central: Central, point: str,
        users: dict[str, CurrentUser]) -> None:
    nurse = users["nurse"]
    first = create_record(site_a, nurse, "1")
    save(site_a, nurse, first, "clinical", CLINICAL, 1)
    second = create_record(site_b, nurse, "2")
    save(site_b, nurse, second, "clinical", CLINICAL, 0)
    for site in (site_a, site_b, site_a):
        synchronise(site, nurse, central.url)
    backups: list[object] = []

    def backup_at(step: str) -> Callable[[str], None]:
        def hook(reached: str) -> None:
            if reached == step:
                backups.append(central.snapshot())
        return hook

    # the sequence: site 1 changes and syncs, site 2 changes and syncs, a lock at central
    save(site_a, nurse, first, "clinical", {"clin_temp": "39.1"}, 1, reason="re-measured")
    if point == "before_push":
        backups.append(central.snapshot())
    synchronise(site_a, nurse, central.url,
                hook=backup_at({"after_push": "pushed", "after_pull": "pulled"}.get(point, "")))
    if point == "between_sites":
        backups.append(central.snapshot())
    save(site_b, nurse, second, "clinical", {"clin_pain_vas": "2"}, 0)
    synchronise(site_b, nurse, central.url)
    hub = open_project(central.url)
    try:
        lock(hub, users["inv"], first, FormKey(first, "m0_arm_1", "clinical"), reason="review")
    finally:
        hub.close()
    synchronise(site_b, nurse, central.url)
    (backup,) = backups

    central.restore(backup)

    save(site_a, nurse, first, "biology", {"bio_date": "2007-06-15", "bio_crp": "80"}, 0)
    save(site_b, nurse, second, "biology", {"bio_date": "2007-06-16", "bio_crp": "40"}, 0)
    reports: dict[str, list[SyncReport]] = {"a": [], "b": []}
    for name, site in (("a", site_a), ("b", site_b), ("a", site_a), ("b", site_b)):
        reports[name].append(synchronise(site, nurse, central.url))
    _converged(site_a, site_b, central.url)
    for project in (site_a, site_b):
        assert _value(project, first, "clinical", "clin_temp") == "39.1"
        assert _value(project, second, "clinical", "clin_pain_vas") == "2"
        assert _value(project, first, "biology", "bio_crp") == "80"
        assert _value(project, second, "biology", "bio_crp") == "40"
        assert marks_of(project)[(first, "m0_arm_1", "clinical", 1)][0] == "inv"
    # honest reports: each site that had synced after the backup was told, once
    a_first, b_first = reports["a"][0], reports["b"][0]
    assert b_first.recovery is not None and "went back in time" in b_first.summary()
    assert (a_first.recovery is not None) == (point in ("before_push", "after_push"))
    assert all(r.recovery is None for r in reports["a"][1:] + reports["b"][1:])
    for site in (site_a, site_b):
        again = synchronise(site, nurse, central.url)
        assert (again.pushed.applied, again.pulled.applied, again.recovery) == (0, 0, None)


def test_a_replaced_central_database_is_refilled(site_a: Project, site_b: Project,
                                                 central: Central, tmp_path: Path,
                                                 users: dict[str, CurrentUser]) -> None:
    nurse = users["nurse"]
    first = create_record(site_a, nurse, "1")
    save(site_a, nurse, first, "clinical", CLINICAL, 1)
    for site in (site_a, site_b):
        synchronise(site, nurse, central.url)
    central.empty()
    fresh = init_project(central.url, "admin", "admin-pass-1")
    fresh.close()
    report = synchronise(site_b, nurse, central.url)
    assert report.recovery is not None and "replaced" in report.recovery
    assert report.pushed.applied > 0
    synchronise(site_a, nurse, central.url)
    _converged(site_a, site_b, central.url)
