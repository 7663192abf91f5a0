"""``vo-crf import`` options: --dry-run, --overwrite-blanks, --accept-out-of-range."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from accounts import PASSWORDS

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.project import open_project

HEAD = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
        "bio_date,bio_crp,bio_esr,bio_wbc,biology_complete\n")
BIO = FormKey("01-001", "m0_arm_1", "biology")


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS["nurse"]}
    return subprocess.run([sys.executable, "-m", "vo_crf", "import", "--db", str(db),
                           "--user", "nurse", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)


def biology(db: Path) -> tuple[dict[str, str], int]:
    project = open_project(str(db))
    try:
        state = EntryService(project, CurrentUser("inv", Role.INVESTIGATOR)).open_form(BIO)
        return dict(state.values), state.status
    finally:
        project.close()


@pytest.fixture
def cli_db(template_db: Path, tmp_path: Path) -> Path:
    """A study database where 01-001 has a Complete M0 biology form."""
    db = tmp_path / "study.sqlite"
    shutil.copy(template_db, db)
    first = tmp_path / "first.csv"
    first.write_text(HEAD + "01-001,m0_arm_1,,,2003-02-09,120,80,12.5,2\n", encoding="utf-8")
    result = run(db, str(first))
    assert result.returncode == 0, result.stderr
    return db


def test_dry_run_prints_per_form_counts_and_writes_nothing(cli_db: Path,
                                                           tmp_path: Path) -> None:
    update = tmp_path / "update.csv"
    update.write_text(HEAD + "01-001,m0_arm_1,,,,35,,,\n"
                             "01-002,m0_arm_1,,,2003-03-01,12,,,\n", encoding="utf-8")
    before = biology(cli_db)
    result = run(cli_db, "--dry-run", str(update))
    assert result.returncode == 0, result.stderr
    assert "dry run" in result.stdout.lower() and "nothing was written" in result.stdout
    table = [line.split() for line in result.stdout.splitlines()]
    assert ["form", "forms", "added", "changed", "erased"] in table
    assert ["biology", "2", "2", "1", "0"] in table
    assert biology(cli_db) == before
    overwrite = run(cli_db, "--dry-run", "--overwrite-blanks", str(update))
    assert ["biology", "2", "2", "1", "3"] in [line.split()
                                               for line in overwrite.stdout.splitlines()]
    assert biology(cli_db) == before


def test_blank_cells_are_kept_unless_overwrite_blanks(cli_db: Path, tmp_path: Path) -> None:
    update = tmp_path / "update.csv"
    update.write_text(HEAD + "01-001,m0_arm_1,,,,35,,,\n", encoding="utf-8")
    assert run(cli_db, str(update)).returncode == 0
    assert biology(cli_db) == ({"bio_date": "2003-02-09", "bio_crp": "35", "bio_esr": "80",
                                "bio_wbc": "12.5"}, 2)
    assert run(cli_db, "--overwrite-blanks", str(update)).returncode == 0
    assert biology(cli_db) == ({"bio_crp": "35"}, 0)


def test_out_of_range_needs_accept_out_of_range(cli_db: Path, tmp_path: Path) -> None:
    lab = tmp_path / "lab.csv"
    lab.write_text(HEAD + "01-001,m0_arm_1,,,2099-01-01,9999,,,\n", encoding="utf-8")
    refused = run(cli_db, str(lab))
    assert refused.returncode == 1
    assert "2 values out of range" in refused.stderr
    assert "line 2, field bio_crp" in refused.stderr and "9999" in refused.stderr
    assert "--accept-out-of-range" in refused.stderr and "Traceback" not in refused.stderr
    dry = run(cli_db, "--dry-run", str(lab))
    assert dry.returncode == 1
    assert "2 values out of range" in dry.stdout + dry.stderr
    assert biology(cli_db)[0]["bio_crp"] == "120"
    accepted = run(cli_db, "--accept-out-of-range", "values checked on the lab sheet", str(lab))
    assert accepted.returncode == 0, accepted.stderr
    assert "2 values out of range accepted" in accepted.stdout
    assert biology(cli_db)[0]["bio_crp"] == "9999"
    blank_reason = run(cli_db, "--accept-out-of-range", " ", str(lab))
    assert blank_reason.returncode != 0 and "reason" in blank_reason.stderr
