"""Fixtures of the output-file tests: a filled study database and the CLI run in a subprocess."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from template_copies import cohort_template

PATIENTS = 8


@pytest.fixture(scope="session")
def filled_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A study database holding a small random cohort, built once."""
    return cohort_template(template_db, tmp_path_factory.mktemp("filled") / "filled.sqlite",
                           PATIENTS, seed=5)


@pytest.fixture
def study(filled_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the filled database, alone in its own folder."""
    folder = tmp_path / "study"
    folder.mkdir()
    path = folder / "s.sqlite"
    shutil.copy(filled_template, path)
    return path

