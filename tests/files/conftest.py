"""Fixtures of the output-file tests: a filled study database and the CLI run in a subprocess."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from random_cohort import cohort_csv
from template_copies import seal_template

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import open_project

PATIENTS = 8


@pytest.fixture(scope="session")
def filled_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A study database holding a small random cohort, built once."""
    path = tmp_path_factory.mktemp("filled") / "filled.sqlite"
    shutil.copy(template_db, path)
    project = open_project(str(path))
    import_redcap_text(project, CurrentUser("nurse", Role.NURSE),
                       cohort_csv(project.study, PATIENTS, seed=5), "cohort.csv")
    seal_template(project)
    return path


@pytest.fixture
def study(filled_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the filled database, alone in its own folder."""
    folder = tmp_path / "study"
    folder.mkdir()
    path = folder / "s.sqlite"
    shutil.copy(filled_template, path)
    return path

