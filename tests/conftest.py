"""Shared fixtures: a study database per test (copied from a template), users of every role."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from accounts import PASSWORDS, ROLES  # noqa: E402
from template_copies import seal_template

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
    seal_template(project)
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


# ----- PostgreSQL: one private server per test session, a database per test -----------------
# The database-level tests run on both backends through ``backend_url``/``backend_project``.
# Starting the server must work: a failure is an error, not a skip (VO_CRF_SKIP_POSTGRES=1
# skips the PostgreSQL tests explicitly).

from db.postgres_server import PostgresServer, postgres_skipped, start_server  # noqa: E402

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running PostgreSQL server for the whole test session."""
    if postgres_skipped():
        pytest.skip("PostgreSQL tests switched off with VO_CRF_SKIP_POSTGRES")
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer) -> str:
    """Name of a PostgreSQL database holding what ``template_db`` holds (copied per test)."""
    name = postgres_server.new_database()
    project = init_project(postgres_server.url(name), "admin", PASSWORDS["admin"])
    admin = CurrentUser("admin", Role.ADMIN)
    for user in ("inv", "nurse", "stat"):
        create_user(project.engine, admin, user, PASSWORDS[user], ROLES[user])
    project.close()
    return name


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, postgres_template: str) -> Iterator[str]:
    """URL of a fresh PostgreSQL copy of the template database (dropped after the test)."""
    name = postgres_server.new_database(template=postgres_template)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture
def empty_postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """URL of an empty PostgreSQL database (for ``init_project``)."""
    name = postgres_server.new_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend a parametrised database test runs on: 'sqlite' or 'postgresql'."""
    return str(request.param)


@pytest.fixture
def backend_url(backend: str, request: pytest.FixtureRequest) -> str:
    """URL of a fresh study database (template copy) on the test's backend."""
    if backend == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return str(request.getfixturevalue("db_path"))


@pytest.fixture
def backend_project(backend_url: str) -> Iterator[Project]:
    """The open study database of one test, on the test's backend."""
    opened = open_project(backend_url)
    yield opened
    opened.close()
