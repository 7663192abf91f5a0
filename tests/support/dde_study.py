"""A study database in which biology and microbiology are double-entered (DDE test fixtures).

Bind the fixtures in a test module: ``dde_project = dde_study.dde_project`` (and the template).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from accounts import PASSWORDS, ROLES
from template_copies import opened_copy, seal_template

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser, create_user
from vo_crf.entry.records import create_record
from vo_crf.paths import default_study_dir
from vo_crf.project import Project, init_project

DDE_FORMS = ["biology", "microbiology"]
SECOND_NURSE = "nurse2"
SECOND_NURSE_PASSWORD = "second-nurse-pass-1"
RECORD = "01-001"


def double_entry_study_dir(folder: Path, forms: list[str]) -> Path:
    """Copy the VO study definition to ``folder`` with ``forms`` entered twice; return it."""
    shutil.copytree(default_study_dir(), folder)
    project_file = folder / "project.json"
    settings = json.loads(project_file.read_text(encoding="utf-8"))
    settings["double_data_entry_forms"] = forms
    project_file.write_text(json.dumps(settings, indent=2), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def dde_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The VO study with biology and microbiology double-entered, a user of every role, a
    second nurse and one patient (01-001), built once."""
    base = tmp_path_factory.mktemp("dde-template")
    study_dir = double_entry_study_dir(base / "study", DDE_FORMS)
    path = base / "template.sqlite"
    project = init_project(str(path), "admin", PASSWORDS["admin"], study_dir)
    admin = CurrentUser("admin", Role.ADMIN)
    for name in ("inv", "nurse", "stat", "mon"):
        create_user(project.engine, admin, name, PASSWORDS[name], ROLES[name])
    create_user(project.engine, admin, SECOND_NURSE, SECOND_NURSE_PASSWORD, Role.NURSE)
    create_record(project, admin, "1", RECORD)
    seal_template(project)
    return path


@pytest.fixture
def dde_project(dde_template_db: Path, tmp_path: Path) -> Iterator[Project]:
    """A fresh copy of the double-entry study database, open."""
    path = tmp_path / "dde.sqlite"
    with opened_copy(dde_template_db, path) as opened:
        yield opened


def adjudicate_new_double_entry(project: Project, user: CurrentUser) -> object:
    """Double-enter biology at M0 of 01-001 (two nurses), then let ``user`` adjudicate it.

    For the role matrix: switches double entry on for biology in the open ``project`` only
    (the database's definition is unchanged).
    """
    from dataclasses import replace

    from vo_crf.dde import DoubleEntryService
    from vo_crf.entry import FormKey

    study = project.study
    project.study = replace(study, protocol=replace(study.protocol,
                                                    double_entry_forms=("biology",)))
    key = FormKey(RECORD, "m0_arm_1", "biology")
    values = {"bio_date": "2024-03-05", "bio_crp": "12"}
    DoubleEntryService(project, CurrentUser("nurse", Role.NURSE)).save_entry(key, values, 2)
    DoubleEntryService(project, CurrentUser(SECOND_NURSE, Role.NURSE)).save_entry(
        key, {**values, "bio_crp": "13"}, 2)
    return DoubleEntryService(project, user).adjudicate(key, {"bio_crp": "12"}, "lab report")
