"""A killed or failed export leaves the previous file as it was, no partial file at the target,
and no temporary file holding study data in the system's temporary folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from output_checks import fill_drive, run_cli, tmpfs_drives

STALLED = Path(__file__).with_name("stalled_export.py")


def _kill_mid_export(database: Path, fmt: str, target: Path, tmpdir: Path) -> None:
    """Run the export until it is half-way, then SIGKILL it."""
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    process = subprocess.Popen([sys.executable, str(STALLED), str(database), fmt, str(target)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "stalled":
        process.kill()
        _, errors = process.communicate(timeout=30)
        pytest.fail(f"the export did not reach its middle: {line!r} {errors}")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("fmt", ["xlsx", "odm", "redcap"])
def test_a_killed_export_leaves_the_old_file_and_no_temporary_data(study: Path, fmt: str,
                                                                   tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    tmpdir = tmp_path / "system-tmp"
    tmpdir.mkdir()
    target = folder / f"out.{fmt}"
    target.write_bytes(b"the previous export")
    _kill_mid_export(study, fmt, target, tmpdir)
    assert target.read_bytes() == b"the previous export"
    assert list(tmpdir.iterdir()) == []  # nothing in the system temporary folder
    assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == [target.name]
    # what the killed process left is hidden beside the target and removed by the next export
    again = run_cli("export", "--db", str(study), "--user", "admin", "--format", fmt,
                    str(folder / f"again.{fmt}"), env={"TMPDIR": str(tmpdir)})
    assert again.returncode == 0, again.stderr
    beside = ["again_about.txt"] if fmt == "redcap" else []  # the REDCap CSV's chain head
    assert sorted(p.name for p in folder.iterdir()) == sorted([target.name, f"again.{fmt}",
                                                               *beside])
    assert target.read_bytes() == b"the previous export"
    assert list(tmpdir.iterdir()) == []


@pytest.mark.parametrize("existing", [False, True])
def test_an_export_failing_on_a_full_disk_leaves_no_partial_file(study: Path, tmp_path: Path,
                                                                 existing: bool) -> None:
    with tmpfs_drives(tmp_path) as mount:
        folder = mount("1m")
        target = folder / "out.csv"
        if existing:
            target.write_text("the previous export\n", encoding="utf-8")
        fill_drive(folder)
        (folder / "filler2.bin").unlink()
        (folder / "filler.bin").open("r+b").truncate(
            (folder / "filler.bin").stat().st_size - 8192)  # 8 KB free: less than the export
        extra = ["--force"] if existing else []
        result = run_cli("export", "--db", str(study), "--user", "admin", *extra, str(target))
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "full" in result.stderr and str(target) in result.stderr, result.stderr
        if existing:
            assert target.read_text(encoding="utf-8") == "the previous export\n"
            assert "unchanged" in result.stderr
        else:
            assert not target.exists()
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            ["filler.bin", *(["out.csv"] if existing else [])])


def test_a_report_failing_on_a_full_disk_keeps_the_previous_pdf(study: Path, tmp_path: Path
                                                                ) -> None:
    with tmpfs_drives(tmp_path) as mount:
        folder = mount("1m")
        target = folder / "all.pdf"
        target.write_bytes(b"%PDF-1.4 the previous report")
        fill_drive(folder)
        (folder / "filler2.bin").unlink()
        (folder / "filler.bin").open("r+b").truncate(
            (folder / "filler.bin").stat().st_size - 8192)
        result = run_cli("report", "--db", str(study), "--user", "inv", "--all", "--combined",
                         "--force", str(target), user="inv")
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "full" in result.stderr, result.stderr
        assert target.read_bytes() == b"%PDF-1.4 the previous report"
        assert sorted(p.name for p in folder.iterdir()) == ["all.pdf", "filler.bin"]
