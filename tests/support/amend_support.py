"""Amendment tests: a copy of the VO study definition to edit, and seeded patients."""

from __future__ import annotations

import shutil
from pathlib import Path

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.paths import default_study_dir
from vo_crf.project import Project

ENROLMENT = {"initials": "JD", "birth_date": "1950-06-15", "enrol_date": "2007-06-15",
             "consent_date": "2007-06-15", "symptom_onset_date": "2007-05-01",
             "diagnosis_date": "2007-06-14", "spine_level": "3"}


def study_copy(tmp_path: Path, name: str = "vo_v2") -> Path:
    """Copy the shipped VO definition into ``tmp_path/name`` (to be edited by the test)."""
    folder = tmp_path / name
    shutil.copytree(default_study_dir(), folder)
    return folder


def edit(folder: Path, file_name: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) by ``new`` in one definition file."""
    path = folder / file_name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file_name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def seed_patients(project: Project, nurse: CurrentUser) -> list[str]:
    """Three patients: sex 1, 2, 1; comorbidities; an imaging comment on the first two."""
    service = EntryService(project, nurse)
    record_ids = []
    for number, (sex, comorb, comment) in enumerate(
            [("1", "1,2", "small abscess"), ("2", "2,8", "no change"), ("1", "8", "")]):
        record_id = create_record(project, nurse, "1")
        record_ids.append(record_id)
        service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                          {**ENROLMENT, "sex": sex, "comorb": comorb,
                           "initials": f"P{number}"}, 0)
        imaging = {"img_date": "2007-06-14", "img_mri": "1", "img_ct": "0"}
        if comment:
            imaging["img_comment"] = comment
        service.save_form(FormKey(record_id, "m0_arm_1", "imaging"), imaging, 0)
    return record_ids
