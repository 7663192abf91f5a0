"""What a new user meets first on the command line: one-line refusals, sites, report paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PASSWORD = "demo-password"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORD, "VO_CRF_NEW_PASSWORD": PASSWORD}
    return subprocess.run([sys.executable, "-m", "vo_crf", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("first_hour") / "demo.sqlite"
    assert run("demo", "--db", str(db), "--user", "admin").returncode == 0
    assert run("user", "add", "--db", str(db), "--user", "admin", "mona", "--role",
               "monitor").returncode == 0
    raised = run("queries", "--db", str(db), "--user", "mona", "raise", "VO-004", "m3_arm_1",
                 "bio_crp", "CRP 250?")
    assert raised.returncode == 0, raised.stderr
    return db


@pytest.mark.parametrize("args", [
    ("queries", "--db", "x.sqlite", "--user", "mona", "answer", "seven", "typo"),
    ("report", "--db", "x.sqlite", "--user", "mona"),
    ("queries", "--db", "x.sqlite", "--user", "mona", "--min-age", "two weeks"),
    ("frobnicate",),
])
def test_bad_arguments_exit_1_with_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("vo-crf: error: ")
    assert "--help" in lines[0]


def test_an_unknown_record_is_no_such_record_in_every_command(demo_db: Path,
                                                              tmp_path: Path) -> None:
    commands = [
        ("quality", "--db", str(demo_db), "--user", "mona", "--record", "VO-999"),
        ("report", "--db", str(demo_db), "--user", "mona", "--record", "VO-999",
         str(tmp_path / "p.pdf")),
        ("queries", "--db", str(demo_db), "--user", "mona", "raise", "VO-999", "m3_arm_1",
         "bio_crp", "CRP?"),
    ]
    for args in commands:
        done = run(*args)
        assert done.returncode == 1, args
        assert done.stderr.strip() == "vo-crf: error: no such record: VO-999", args


@pytest.mark.parametrize("site", ["01", "1", "Site 01"])
def test_site_is_found_written_01_or_1(demo_db: Path, site: str) -> None:
    done = run("queries", "--db", str(demo_db), "--user", "mona", "--site", site)
    assert done.returncode == 0, done.stderr
    rows = done.stdout.strip().splitlines()
    assert len(rows) == 2 and ",VO-004," in rows[1]


def test_an_unknown_site_is_refused_naming_the_known_ones(demo_db: Path) -> None:
    done = run("queries", "--db", str(demo_db), "--user", "mona", "--site", "9")
    assert done.returncode == 1
    assert done.stderr.strip() == ("vo-crf: error: unknown site '9' "
                                   "(known: 1 (Site 01), 2 (Site 02), 3 (Site 03))")


def test_combined_report_into_an_existing_folder_is_a_named_pdf(demo_db: Path,
                                                               tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    done = run("report", "--db", str(demo_db), "--user", "mona", "--all", "reports",
               "--combined", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = tmp_path / "reports" / "patients.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert str(Path("reports") / "patients.pdf") in done.stdout


def test_a_report_path_without_pdf_gets_the_extension(demo_db: Path, tmp_path: Path) -> None:
    done = run("report", "--db", str(demo_db), "--user", "mona", "--all", "everyone",
               "--combined", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "everyone.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "everyone").exists()
