"""A full disk or a read-only drive is named as such, never as a damaged database, and nothing
is touched: no "damaged" copy, no restore, no file beside the database.

The drives are real: small tmpfs mounts (root only, as in tests/faults), filled or remounted
read-only.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from output_checks import fill_drive, listing, run_cli, tmpfs_drives

from vo_crf.db.backup import backup_database


@pytest.fixture
def drive(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount small tmpfs drives (``drive("4m")``); unmounted at the end."""
    with tmpfs_drives(tmp_path) as mount:
        yield mount


def _study_on(drive_folder: Path, study: Path) -> Path:
    database = drive_folder / "s.sqlite"
    shutil.copy(study, database)
    backup_database(database, "daily")  # a good backup exists: a restore would be offered
    return database


def _clear_failure(result, *words: str) -> None:  # noqa: ANN001
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("vo-crf: error: "), result.stderr
    lowered = result.stderr.lower()
    for word in words:
        assert word in lowered, result.stderr
    assert "damaged" not in lowered.replace("not damage", ""), result.stderr
    assert "vo-crf restore" not in result.stderr


def test_a_full_disk_is_named_and_nothing_is_touched(study: Path, drive, tmp_path: Path
                                                     ) -> None:  # noqa: ANN001
    database = _study_on(drive("4m"), study)
    fill_drive(database.parent)
    before = listing(database.parent)
    result = run_cli("export", "--db", str(database), "--user", "admin",
                     str(tmp_path / "out.csv"))
    _clear_failure(result, "disk", "full", "nothing was changed")
    assert listing(database.parent) == before
    assert not (tmp_path / "out.csv").exists()


def test_a_restore_onto_a_full_disk_keeps_no_empty_damaged_copy(study: Path, drive
                                                                ) -> None:  # noqa: ANN001
    database = _study_on(drive("4m"), study)
    backup = next((database.parent / "backups").iterdir())
    fill_drive(database.parent)
    before = listing(database.parent)
    result = run_cli("restore", "--db", str(database), "--user", "admin", "--yes", str(backup))
    _clear_failure(result, "disk", "full")
    assert listing(database.parent) == before
    assert not any("damaged" in name for name in before)


def test_a_backup_on_a_full_disk_is_named_and_nothing_is_touched(study: Path, drive
                                                                  ) -> None:  # noqa: ANN001
    database = _study_on(drive("4m"), study)
    fill_drive(database.parent)
    before = listing(database.parent)
    result = run_cli("backup", "--db", str(database), "--user", "admin")
    _clear_failure(result, "disk", "full", "nothing was changed")
    assert listing(database.parent) == before


def test_a_read_only_drive_is_named_and_nothing_is_touched(study: Path, drive, tmp_path: Path
                                                           ) -> None:  # noqa: ANN001
    database = _study_on(drive("8m"), study)
    folder = database.parent
    before = listing(folder)
    assert subprocess.run(["mount", "-o", "remount,ro", str(folder)]).returncode == 0
    for args in (["export", "--db", str(database), "--user", "admin",
                  str(tmp_path / "out.csv")],
                 ["restore", "--db", str(database), "--user", "admin", "--yes",
                  str(next((folder / "backups").iterdir()))]):
        result = run_cli(*args)
        _clear_failure(result, "read-only", "nothing was changed")
    assert listing(folder) == before
    assert not (tmp_path / "out.csv").exists()


def test_an_export_onto_a_read_only_or_full_drive_says_so(study: Path, drive
                                                          ) -> None:  # noqa: ANN001
    full = drive("1m")
    fill_drive(full)
    read_only = drive("1m")
    subprocess.run(["mount", "-o", "remount,ro", str(read_only)], check=True)
    for target, word in ((full / "out.csv", "full"), (read_only / "out.csv", "read-only")):
        result = run_cli("export", "--db", str(study), "--user", "admin", str(target))
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert word in result.stderr and "out.csv" in result.stderr, result.stderr
        assert ".vo-crf-" not in result.stderr  # the temporary name is not shown
        assert not target.exists()
    assert sorted(p.name for p in full.iterdir()) == ["filler.bin", "filler2.bin"]
