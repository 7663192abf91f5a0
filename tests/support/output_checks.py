"""Helpers of the output-file tests: the CLI in a subprocess, file digests, database checks."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from accounts import PASSWORDS

from vo_crf.project import open_project


def run_cli(*args: str, user: str = "admin", env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m vo_crf ARGS`` as ``user`` (password from the environment)."""
    full_env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS[user], **(env or {})}
    return subprocess.run([sys.executable, "-m", "vo_crf", *args], capture_output=True,
                          text=True, env=full_env, stdin=subprocess.DEVNULL, timeout=180,
                          cwd=cwd)


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record_count(database: Path) -> int:
    """How many records the study database holds (opened as vo-crf opens it)."""
    project = open_project(str(database))
    try:
        with project.engine.connect() as connection:
            return int(connection.exec_driver_sql("SELECT count(*) FROM records").scalar_one())
    finally:
        project.close()


def integrity(database: Path) -> str:
    """``PRAGMA integrity_check`` of an SQLite file."""
    with sqlite3.connect(database) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


@contextmanager
def tmpfs_drives(base: Path) -> Iterator[Callable[[str], Path]]:
    """Yield ``mount(size)``: a new small tmpfs under ``base`` (root only, else the test is
    skipped); every one is unmounted at the end."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        point = base / f"drive{len(mounted)}"
        point.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                          capture_output=True).returncode != 0:
            pytest.skip("cannot mount a tmpfs here (not root)")
        mounted.append(point)
        return point

    try:
        yield mount
    finally:
        for point in mounted:
            subprocess.run(["umount", "-l", str(point)], check=False)


def fill_drive(folder: Path) -> None:
    """Fill the drive of ``folder`` to the last byte (files ``filler.bin``, ``filler2.bin``)."""
    for name, chunk in (("filler.bin", 65536), ("filler2.bin", 512)):
        try:
            with (folder / name).open("wb") as handle:
                while True:
                    handle.write(b"\0" * chunk)
                    handle.flush()
        except OSError:
            pass


def listing(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its digest."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*"))
            if p.is_file()}
