"""Imports are bounded in memory; running out of memory gives one clear message (issue 11, 9).

Each test runs a fresh Python process under an address-space limit (``RLIMIT_AS``): a 2000-
patient REDCap CSV (13,000 rows) that needed about 60 MB more than the process's size before
streaming now imports within 48 MB of headroom; a cell too big for the memory left ends the
``vo-crf import`` command with one line on stderr and nothing stored, never a traceback.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from random_cohort import cohort_csv

from vo_crf.paths import default_study_dir
from vo_crf.study import load_study

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads /proc/self/status, limits RLIMIT_AS")

ROOT = Path(__file__).resolve().parents[2]
HEADROOM_MB = 48

_BOUNDED_CHILD = """
import resource, sys
from pathlib import Path
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.redcap_import import import_redcap_csv
from vo_crf.project import open_project

def size_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmSize"):
            return int(line.split()[1])

db, warm_up, big, headroom_mb = sys.argv[1:5]
project = open_project(db)
nurse = CurrentUser("nurse", Role.NURSE)
import_redcap_csv(project, nurse, Path(warm_up))  # every module and cache loaded
limit = (size_kb() + int(headroom_mb) * 1024) * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
summary = import_redcap_csv(project, nurse, Path(big))
print("imported", summary.forms_saved, "forms")
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "VO_CRF_PASSWORD": "admin-pass-1"}


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_2000_patient_csv_imports_within_48_mb_of_headroom(db_path: Path,
                                                             tmp_path: Path) -> None:
    study = load_study(default_study_dir())
    (tmp_path / "warm.csv").write_text(cohort_csv(study, 5, seed=3), encoding="utf-8")
    (tmp_path / "big.csv").write_text(cohort_csv(study, 2000), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _BOUNDED_CHILD, str(db_path),
                           str(tmp_path / "warm.csv"), str(tmp_path / "big.csv"),
                           str(HEADROOM_MB)], capture_output=True, text=True, env=_env(),
                          cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "imported" in done.stdout
    assert _count(db_path, "records") == 2000


def _vm_peak_of_a_small_import(db: Path, csv_path: Path) -> int:
    """VmPeak (bytes) of a ``vo-crf import`` of a small file: login hashing included."""
    code = ("import sys\nfrom vo_crf.cli import main\ncode = main(sys.argv[1:])\n"
            "print([l for l in open('/proc/self/status') if l.startswith('VmPeak')][0])\n"
            "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code, "import", "--db", str(db), "--user",
                           "admin", str(csv_path)], capture_output=True, text=True,
                          env=_env(), cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip().splitlines()[-1].split()[1]) * 1024


def test_running_out_of_memory_gives_one_clear_message(template_db: Path,
                                                       tmp_path: Path) -> None:
    study = load_study(default_study_dir())
    calibration, db = tmp_path / "calibration.sqlite", tmp_path / "study.sqlite"
    for path in (calibration, db):
        path.write_bytes(template_db.read_bytes())
    (tmp_path / "small.csv").write_text(cohort_csv(study, 3), encoding="utf-8")
    limit = _vm_peak_of_a_small_import(calibration, tmp_path / "small.csv") + 64 * 2**20
    head = "record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance," \
           "img_date,img_comment,imaging_complete\n"
    with (tmp_path / "huge.csv").open("w", encoding="utf-8") as handle:
        handle.write(head + '01-001,m3_arm_1,,,1998-04-01,"')
        handle.write("x" * 30_000_000)
        handle.write('",1\n')

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    done = subprocess.run([sys.executable, "-m", "vo_crf", "import", "--db", str(db), "--user",
                           "admin", str(tmp_path / "huge.csv")], capture_output=True, text=True,
                          env=_env(), cwd=ROOT, timeout=120, check=False,
                          preexec_fn=limited)  # noqa: PLW1509
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "out of memory" in done.stderr and "nothing was stored" in done.stderr
    assert _count(db, "records") == 0 and _count(db, "item_values") == 0


_FAILING_CHILD = """
import sys
import vo_crf.exchange.redcap_import as redcap_import
from vo_crf.cli import main

def broken(*args, **kwargs):
    raise RuntimeError("a bug nobody foresaw")

redcap_import._parse_line = broken
sys.exit(main(sys.argv[1:]))
"""


def test_an_unexpected_failure_gives_one_clear_message(db_path: Path, tmp_path: Path) -> None:
    study = load_study(default_study_dir())
    (tmp_path / "small.csv").write_text(cohort_csv(study, 2), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _FAILING_CHILD, "import", "--db",
                           str(db_path), "--user", "admin", str(tmp_path / "small.csv")],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120,
                          check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") == 0
    assert "unexpected error (RuntimeError: a bug nobody foresaw)" in done.stderr
    assert _count(db_path, "records") == 0
