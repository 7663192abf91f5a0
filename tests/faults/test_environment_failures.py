"""Hostile environments: locked, read-only, full, missing or damaged databases.

Each gets a clear message from the CLI (exit status 1, no traceback) and no damage.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from accounts import PASSWORDS
from random_cohort import cohort_csv

from vo_crf.paths import default_study_dir
from vo_crf.study import load_study


def vo_crf(*args: str, timeout_ms: int = 10_000) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS["nurse"],
           "VO_CRF_BUSY_TIMEOUT_MS": str(timeout_ms)}
    return subprocess.run([sys.executable, "-m", "vo_crf", *args], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)


def _counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as connection:
        return (connection.execute("SELECT count(*) FROM item_values").fetchone()[0],
                connection.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture
def cohort_file(tmp_path: Path) -> Path:
    path = tmp_path / "cohort.csv"
    path.write_text(cohort_csv(load_study(default_study_dir()), patients=29), encoding="utf-8")
    return path


def _assert_clear_failure(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("vo-crf: error: ")
    for word in words:
        assert word in result.stderr


def test_locked_database_waits_then_says_busy(db_path: Path, cohort_file: Path) -> None:
    before = _counts(db_path)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        result = vo_crf("import", "--db", str(db_path), "--user", "nurse", str(cohort_file),
                        timeout_ms=300)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    _assert_clear_failure(result, "busy", "nothing was saved")
    assert _counts(db_path) == before


def test_read_only_database_refuses_writes_clearly(db_path: Path, cohort_file: Path) -> None:
    before = _counts(db_path)
    url = f"sqlite:///file:{db_path}?mode=ro&uri=true"
    result = vo_crf("import", "--db", url, "--user", "nurse", str(cohort_file))
    _assert_clear_failure(result, "read-only")
    assert _counts(db_path) == before
    exported = vo_crf("export", "--db", url, "--user", "nurse", "--deidentified",
                      str(db_path.parent / "out.csv"))
    assert exported.returncode in (0, 1)
    assert "Traceback" not in exported.stderr


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1.5 MB tmpfs (root only); falls back to an SQLite size limit where mounting fails."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs",
                              str(mount_point)], capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_full_disk_leaves_the_database_intact(db_path: Path, tiny_disk: Path,
                                              tmp_path: Path) -> None:
    db = tiny_disk / "study.sqlite"
    db.write_bytes(db_path.read_bytes())
    big = tmp_path / "big.csv"
    big.write_text(cohort_csv(load_study(default_study_dir()), patients=400), encoding="utf-8")
    before = _counts(db)
    result = vo_crf("import", "--db", str(db), "--user", "nurse", str(big))
    _assert_clear_failure(result, "disk is full", "nothing was saved")
    assert _integrity(db) == "ok"
    values, audit_rows = _counts(db)
    assert values == before[0]
    assert audit_rows == before[1] + 1  # only the login is recorded


def test_size_limited_database_is_reported_as_full(project, users) -> None:  # noqa: ANN001
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    from vo_crf.db.failures import describe_database_error
    from vo_crf.exchange.redcap_import import import_redcap_text

    with project.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(project.engine, "connect")
    def _limit(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    project.engine.dispose()
    with pytest.raises(OperationalError) as failed:
        import_redcap_text(project, users["nurse"], cohort_csv(project.study, 100), "big.csv")
    assert "disk is full" in describe_database_error(failed.value)


def test_missing_database_is_named(tmp_path: Path) -> None:
    result = vo_crf("export", "--db", str(tmp_path / "gone.sqlite"), "--user", "nurse",
                    str(tmp_path / "o.csv"))
    _assert_clear_failure(result, "no study database", "gone.sqlite")
    assert not (tmp_path / "gone.sqlite").exists()


def test_damaged_database_is_reported_not_crashed(db_path: Path, tmp_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    data[0:100] = b"\x00" * 100
    db_path.write_bytes(bytes(data))
    damaged = db_path.read_bytes()
    result = vo_crf("export", "--db", str(db_path), "--user", "nurse", str(tmp_path / "o.csv"))
    _assert_clear_failure(result)
    assert any(w in result.stderr for w in ("damaged", "not a vo-crf database", "backup"))
    assert db_path.read_bytes() == damaged
