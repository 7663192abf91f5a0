"""A writer killed with SIGKILL at random points loses nothing it committed and leaves no half."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project, open_project

WRITER = Path(__file__).with_name("writer.py")
ROUNDS = 4


def _run_and_kill(db: Path, mode: str, rng: random.Random, *extra: str) -> list[int]:
    """Start the writer, let it commit a few times, SIGKILL it mid-flight; return what it said."""
    process = subprocess.Popen([sys.executable, str(WRITER), str(db), mode, *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    wanted = rng.randint(2, 8)
    done: list[int] = []
    deadline = time.monotonic() + 60
    while len(done) < wanted and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        done.append(int(line.split()[1]))
    time.sleep(rng.uniform(0, 0.05))
    process.send_signal(signal.SIGKILL)
    rest, errors = process.communicate(timeout=30)
    done.extend(int(line.split()[1]) for line in rest.splitlines() if line.strip())
    assert done, f"the writer committed nothing before it was killed: {errors}"
    return done


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.parametrize("seed", range(ROUNDS))
def test_killed_saves_keep_every_committed_save(db_path: Path, users: dict[str, CurrentUser],
                                                seed: int) -> None:
    with_project = open_project(str(db_path))
    record_id = create_record(with_project, users["nurse"], "1")
    with_project.close()
    done = _run_and_kill(db_path, "save", random.Random(seed), record_id)
    assert _integrity(db_path) == "ok"
    project = open_project(str(db_path))
    state = EntryService(project, users["nurse"]).open_form(
        FormKey(record_id, "m3_arm_1", "imaging"))
    last = int(state.values["img_comment"].split()[1])
    assert last in (done[-1], done[-1] + 1)  # the one in flight may have committed unreported
    project.close()


@pytest.mark.parametrize("seed", range(ROUNDS))
def test_killed_imports_are_never_half_applied(db_path: Path, seed: int) -> None:
    done = _run_and_kill(db_path, "import", random.Random(seed))
    assert _integrity(db_path) == "ok"
    with sqlite3.connect(db_path) as connection:
        ids = [r[0] for r in connection.execute("SELECT record_id FROM records")]
    batches: dict[str, int] = {}
    for record_id in ids:
        batches[record_id.split("-")[0]] = batches.get(record_id.split("-")[0], 0) + 1
    assert set(batches.values()) == {5}, batches
    assert {int(b) for b in batches} >= set(done)
    assert max(int(b) for b in batches) <= done[-1] + 1


def test_second_process_save_does_not_overwrite_the_first(project: Project, db_path: Path,
                                                          users: dict[str, CurrentUser]) -> None:
    record_id = create_record(project, users["nurse"], "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    service = EntryService(project, users["nurse"])
    opened = service.open_form(key)
    script = (
        "import sys; from vo_crf.project import open_project;"
        "from vo_crf.auth.users import CurrentUser; from vo_crf.auth.permissions import Role;"
        "from vo_crf.entry import EntryService, FormKey;"
        f"p = open_project({str(db_path)!r});"
        "EntryService(p, CurrentUser('inv', Role.INVESTIGATOR)).save_form("
        f"FormKey({record_id!r}, 'm0_arm_1', 'clinical'), {{'clin_temp': '39.5'}}, 0)"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    from vo_crf.entry import ConcurrentEditError

    with pytest.raises(ConcurrentEditError, match="saved by inv after you opened it"):
        service.save_form(key, {"clin_temp": "37.0"}, 0, expected_version=opened.version)
    assert service.open_form(key).values["clin_temp"] == "39.5"
