"""Fixtures of the exchange tests: a filled study database, a second empty one, secrets in tmp."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from template_copies import cohort_template, opened_copy

from vo_crf.project import Project

PATIENTS = 12


@pytest.fixture(scope="session")
def cohort_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding a random cohort of 12 patients, built once."""
    return cohort_template(template_db, tmp_path_factory.mktemp("cohort") / "cohort.sqlite",
                           PATIENTS, seed=11)


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
