"""Shared fixtures: a study database per test (copied from a template), users of every role."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from accounts import PASSWORDS, ROLES  # noqa: E402

from vo_crf.auth.permissions import Role  # noqa: E402
from vo_crf.auth.users import CurrentUser, create_user  # noqa: E402
from vo_crf.project import Project, init_project, open_project  # noqa: E402


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A study database with the VO study and one user of each role, built once."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    project = init_project(str(path), "admin", PASSWORDS["admin"])
    admin = CurrentUser("admin", Role.ADMIN)
    for name in ("inv", "nurse", "stat"):
        create_user(project.engine, admin, name, PASSWORDS[name], ROLES[name])
    with project.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template database for one test."""
    path = tmp_path / "study.sqlite"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def project(db_path: Path) -> Iterator[Project]:
    """The open study database of one test."""
    opened = open_project(str(db_path))
    yield opened
    opened.close()


@pytest.fixture
def users() -> dict[str, CurrentUser]:
    """Logged-in identities of every role (as authenticate() returns them)."""
    return {name: CurrentUser(name, role) for name, role in ROLES.items()}


@pytest.fixture
def nurse(users: dict[str, CurrentUser]) -> CurrentUser:
    """A research nurse."""
    return users["nurse"]
