"""The output-path rules of vo_crf.output_files and vo_crf.storage, without a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vo_crf.output_files import (
    OutputRefused,
    atomic_output,
    check_output,
    clean_stale,
    temporary_name,
)
from vo_crf.storage import storage_problem


def test_links_to_the_database_are_refused(tmp_path: Path) -> None:
    database = tmp_path / "s.sqlite"
    database.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    (tmp_path / "link.csv").symlink_to(database)
    os.link(database, tmp_path / "hard.csv")
    for name in ("link.csv", "hard.csv", "./s.sqlite"):
        with pytest.raises(OutputRefused, match="study database"):
            check_output(tmp_path / name, f"sqlite:///{database}", force=True)


def test_an_export_never_replaces_another_sqlite_database(tmp_path: Path) -> None:
    other = tmp_path / "other-study.sqlite"
    other.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    with pytest.raises(OutputRefused, match="SQLite database"):
        check_output(other, None, force=True)
    assert check_output(other, None, force=True, replace_database=True) == other


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target, force=True) as partial:
        partial.write_text("half", encoding="utf-8")
        raise RuntimeError("the exporter failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_only_leftovers_of_dead_processes_are_cleaned(tmp_path: Path) -> None:
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        mine = temporary_name(tmp_path / "a.csv")
        host = mine.name.rsplit(".", 1)[0].rsplit("-", 1)[1]
        theirs = tmp_path / f".a.csv.{alive.pid}-0123abcd-{host}.vo-crf-part"
        gone = tmp_path / f".a.csv.{dead.pid}-0123abcd-{host}.vo-crf-part"
        gone_folder = tmp_path / f".b.xlsx.{dead.pid}-0123abcd-{host}.vo-crf-tmp"
        elsewhere = tmp_path / f".a.csv.{dead.pid}-0123abcd-ffffff.vo-crf-part"
        gone_folder.mkdir()
        (gone_folder / "openpyxl.x").write_text("data", encoding="utf-8")
        stranger = tmp_path / ".a.csv.part"
        for path in (mine, theirs, gone, stranger, elsewhere):
            path.write_text("x", encoding="utf-8")
        assert sorted(clean_stale(tmp_path)) == sorted([gone, gone_folder])
        assert mine.exists() and theirs.exists() and stranger.exists()
        assert elsewhere.exists()  # another computer's process: only removed after a day
    finally:
        alive.kill()
        alive.wait()


def test_a_folder_without_permission_is_named(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    problem = storage_problem(tmp_path / "s.sqlite")
    assert problem is not None and "no permission" in problem and str(tmp_path) in problem
