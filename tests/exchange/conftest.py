"""Fixtures of the exchange tests: a filled study database, a second empty one, secrets in tmp."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from random_cohort import cohort_csv
from template_copies import opened_copy, seal_template

from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, open_project

PATIENTS = 12


@pytest.fixture(scope="session")
def cohort_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding a random cohort of 12 patients, built once."""
    path = tmp_path_factory.mktemp("cohort") / "cohort.sqlite"
    shutil.copy(template_db, path)
    project = open_project(str(path))
    from vo_crf.auth.permissions import Role

    import_redcap_text(project, CurrentUser("nurse", Role.NURSE),
                       cohort_csv(project.study, PATIENTS, seed=11), "cohort.csv")
    seal_template(project)
    return path


@pytest.fixture
def filled(cohort_db: Path, tmp_path: Path) -> Iterator[Project]:
    """A fresh copy of the cohort database."""
    path = tmp_path / "filled.sqlite"
    with opened_copy(cohort_db, path) as opened:
        yield opened


@pytest.fixture
def empty(template_db: Path, tmp_path: Path) -> Iterator[Project]:
    """A second, empty study database."""
    path = tmp_path / "empty.sqlite"
    with opened_copy(template_db, path) as opened:
        yield opened
