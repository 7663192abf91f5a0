"""Fixtures of the report tests: a database holding the demo cohort, and its workbook."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from template_copies import seal_template

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.demo.cohort import load_demo
from vo_crf.project import Project, open_project
from vo_crf.reports.workbook import export_workbook

ADMIN = CurrentUser("admin", Role.ADMIN)


@pytest.fixture(scope="session")
def demo_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template database with the demo cohort loaded, built once."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(template_db, path)
    project = open_project(str(path))
    load_demo(project, ADMIN)
    seal_template(project)
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database for one test."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_project(demo_path: Path) -> Iterator[Project]:
    """The open demo database of one test."""
    opened = open_project(str(demo_path))
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_workbook(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The identified workbook of the demo cohort, written once by the admin."""
    folder = tmp_path_factory.mktemp("workbook")
    shutil.copy(demo_template, folder / "demo.sqlite")
    project = open_project(str(folder / "demo.sqlite"))
    path = folder / "demo.xlsx"
    export_workbook(project, ADMIN, path)
    project.close()
    return path
