"""Files holding identified data are readable by their owner only, whatever the umask (issue 12).

The database with its -wal and -shm, backups, identified exports and patient reports are
created with mode 0600 (Unix), so another account of the machine cannot read them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from accounts import PASSWORDS

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.backup import backup_database
from vo_crf.drafts.store import DraftStore
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.stats_export import export_csv, export_stata
from vo_crf.project import Project, init_project, open_project
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.workbook import export_workbook

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix file modes")
ADMIN = CurrentUser("admin", Role.ADMIN)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A permissive umask (files 0644, as on most desktops) for the duration of a test."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def study(tmp_path: Path, open_umask: None) -> Iterator[Project]:
    """A new study database with one patient, created under the permissive umask."""
    project = init_project(str(tmp_path / "study.sqlite"), "admin", PASSWORDS["admin"])
    project.close()
    opened = open_project(str(tmp_path / "study.sqlite"))
    record_id = create_record(opened, ADMIN, "1")
    EntryService(opened, ADMIN).save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                                          {"initials": "JD", "birth_date": "1941-07-14"}, 0)
    yield opened
    opened.close()


def test_database_and_its_wal_and_shm_are_private(study: Project, tmp_path: Path) -> None:
    database = tmp_path / "study.sqlite"
    for path in (database, tmp_path / "study.sqlite-wal", tmp_path / "study.sqlite-shm"):
        assert path.exists(), path.name
        assert _mode(path) == 0o600, (path.name, oct(_mode(path)))


def test_backups_are_private(study: Project, tmp_path: Path) -> None:
    automatic = backup_database(tmp_path / "study.sqlite", "manual")
    chosen = backup_database(tmp_path / "study.sqlite", "manual", target=tmp_path / "copy.sqlite")
    assert _mode(automatic) == 0o600 and _mode(chosen) == 0o600
    assert _mode(automatic.parent) & 0o077 == 0


def test_identified_exports_and_reports_are_private(study: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    export_redcap_csv(study, ADMIN, out / "r.csv")
    export_odm(study, ADMIN, out / "o.xml")
    export_csv(study, ADMIN, out / "c.csv")
    export_stata(study, ADMIN, out / "s.dta")
    export_workbook(study, ADMIN, out / "w.xlsx")
    write_patient_reports(study, ADMIN, out / "report.pdf", combined=True,
                          show_identifiers=True)
    write_patient_reports(study, ADMIN, out / "each")
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) >= 9
    assert {p.name: oct(_mode(p)) for p in files} == {p.name: "0o600" for p in files}


def test_an_existing_export_file_is_made_private_when_overwritten(study: Project,
                                                                  tmp_path: Path) -> None:
    target = tmp_path / "old.csv"
    target.write_text("old\n", encoding="utf-8")
    assert _mode(target) == 0o644
    export_redcap_csv(study, ADMIN, target, force=True)  # replacing needs the user's consent
    assert _mode(target) == 0o600 and "record_id" in target.read_text(encoding="utf-8")


def test_the_drafts_file_is_private(tmp_path: Path, open_umask: None) -> None:
    DraftStore(tmp_path / "drafts" / "drafts.sqlite", "sqlite:///study.sqlite", "nurse")
    assert _mode(tmp_path / "drafts" / "drafts.sqlite") == 0o600
