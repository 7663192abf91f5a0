"""``vo-crf amend``: the printed diff (--dry-run), the refusal (exit 2), the mapped apply."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from accounts import PASSWORDS
from amend_support import edit, seed_patients, study_copy

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.project import open_project


def _amend(db: Path, *args: str, user: str = "admin") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS[user]}
    return subprocess.run([sys.executable, "-m", "vo_crf", "amend", "--db", str(db),
                           "--user", user, *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_dry_run_prints_the_diff_then_refusal_then_mapped_apply(
        db_path: Path, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    project = open_project(str(db_path))
    first = seed_patients(project, users["nurse"])[0]
    project.close()
    folder = study_copy(tmp_path)
    edit(folder, "data_dictionary.csv", '"1, Male | 2, Female"', '"M, Male | F, Female"')
    edit(folder, "data_dictionary.csv",
         "img_comment,imaging,,notes,Radiologist's comment,,,,,,,,,,,,,\n", "")

    dry = _amend(db_path, "--study", str(folder), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "definition version 1 -> 2" in dry.stdout
    assert "field_removed" in dry.stdout and "[2 stored values]" in dry.stdout
    assert "sex: choice 'Male' recoded 1 -> M  [2 stored values]" in dry.stdout
    assert "! field img_comment was removed (2 stored values)" in dry.stdout
    assert dry.stdout.rstrip().endswith("Dry run: nothing was changed.")

    refused = _amend(db_path, "--study", str(folder))
    assert refused.returncode == 2
    assert "3 change(s) would orphan or reinterpret stored data" in refused.stderr
    assert ("sex: code 2 is not a choice of the new version (its label 'Female' is now "
            "code F) (1 stored value)") in refused.stderr
    assert "Traceback" not in refused.stderr

    forbidden = _amend(db_path, "--study", str(folder), user="inv")
    assert forbidden.returncode == 1 and "not allowed to amend study" in forbidden.stderr

    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"fields": {"img_comment": None},
                                   "choices": {"sex": {"1": "M", "2": "F"}}}), encoding="utf-8")
    applied = _amend(db_path, "--study", str(folder), "--mapping", str(mapping))
    assert applied.returncode == 0, applied.stderr
    assert "No blocking change" in applied.stdout
    assert ("Applied the amendment: definition version 2: 3 value(s) recoded, 0 moved, "
            "2 deleted") in applied.stdout

    project = open_project(str(db_path))
    try:
        assert project.definition_version == 2
        state = EntryService(project, users["nurse"]).open_form(
            FormKey(first, "m0_arm_1", "enrolment"))
        assert state.values["sex"] == "M"
    finally:
        project.close()
