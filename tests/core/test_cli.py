"""The command line contract: init, user add, import, export — exit codes and messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from random_cohort import cohort_csv

from vo_crf.paths import default_study_dir
from vo_crf.study import load_study


def run(*args: str, password: str = "admin-pass-1", new_password: str | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VO_CRF_PASSWORD": password}
    env.pop("VO_CRF_NEW_PASSWORD", None)
    if new_password is not None:
        env["VO_CRF_NEW_PASSWORD"] = new_password
    return subprocess.run([sys.executable, "-m", "vo_crf", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "study.sqlite"
    created = run("init", "--db", str(db), "--user", "boss")
    assert created.returncode == 0, created.stderr
    assert "with admin boss" in created.stdout
    added = run("user", "add", "--db", str(db), "--user", "boss", "nina", "--role", "nurse",
                new_password="nina-pass-1")
    assert added.returncode == 0, added.stderr
    return db


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("vo-crf ")
    assert "import" in run("--help").stdout


def test_cli_round_trip_of_a_29_patient_export_is_exact(cli_db: Path, tmp_path: Path) -> None:
    study = load_study(default_study_dir())
    (tmp_path / "cohort.csv").write_text(cohort_csv(study, patients=29, seed=11),
                                         encoding="utf-8")
    imported = run("import", "--db", str(cli_db), "--user", "nina", str(tmp_path / "cohort.csv"),
                   password="nina-pass-1")
    assert imported.returncode == 0, imported.stderr
    assert "29 new records" in imported.stdout
    first = run("export", "--db", str(cli_db), "--user", "boss", "--format", "redcap",
                str(tmp_path / "first.csv"))
    assert first.returncode == 0, first.stderr
    again = run("import", "--db", str(cli_db), "--user", "nina", str(tmp_path / "first.csv"),
                password="nina-pass-1")
    assert again.returncode == 0 and "0 new records, 0 values changed" in again.stdout
    run("export", "--db", str(cli_db), "--user", "boss", str(tmp_path / "second.csv"))
    assert (tmp_path / "first.csv").read_bytes() == (tmp_path / "second.csv").read_bytes()


def test_bad_import_exits_1_with_line_and_column_and_no_traceback(cli_db: Path,
                                                                  tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("record_id,redcap_event_name,redcap_repeat_instrument,"
                   "redcap_repeat_instance,clin_date,clin_temp,clinical_complete\n"
                   "09-001,m3_arm_1,,,2001-01-01,hot,0\n", encoding="utf-8")
    result = run("import", "--db", str(cli_db), "--user", "nina", str(bad),
                 password="nina-pass-1")
    assert result.returncode == 1
    assert "line 2, column 6 (clin_temp)" in result.stderr
    assert "is not a number" in result.stderr
    assert "Traceback" not in result.stderr
    export = run("export", "--db", str(cli_db), "--user", "boss", str(tmp_path / "x.csv"))
    assert export.returncode == 0
    assert "09-001" not in (tmp_path / "x.csv").read_text(encoding="utf-8")


def test_wrong_password_and_forbidden_action_are_clear(cli_db: Path) -> None:
    wrong = run("user", "add", "--db", str(cli_db), "--user", "boss", "x1", "--role", "nurse",
                password="nope")
    assert wrong.returncode == 1 and "login refused" in wrong.stderr
    forbidden = run("user", "add", "--db", str(cli_db), "--user", "nina", "x2", "--role",
                    "admin", password="nina-pass-1", new_password="xx-pass-123")
    assert forbidden.returncode == 1
    assert "nina (nurse) is not allowed to manage users" in forbidden.stderr


def test_missing_database_is_a_clear_message(tmp_path: Path) -> None:
    result = run("export", "--db", str(tmp_path / "none.sqlite"), "--user", "boss",
                 str(tmp_path / "o.csv"))
    assert result.returncode == 1
    assert "no study database" in result.stderr and "Traceback" not in result.stderr
