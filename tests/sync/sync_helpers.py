"""Sync test helpers and fixtures: two SQLite sites (codes 1 and 2), a central database."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue, Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.project import Project, open_project
from vo_crf.sync.node import set_site_code

CENTRALS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def make_site(template: Path, folder: Path, code: str, admin: CurrentUser) -> Project:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"site{code}.sqlite"
    shutil.copy(template, path)
    project = open_project(str(path))
    set_site_code(project, admin, code)
    return project


@pytest.fixture
def site_a(template_db: Path, tmp_path: Path, users: dict[str, CurrentUser]
           ) -> Iterator[Project]:
    project = make_site(template_db, tmp_path / "a", "1", users["admin"])
    yield project
    project.close()


@pytest.fixture
def site_b(template_db: Path, tmp_path: Path, users: dict[str, CurrentUser]
           ) -> Iterator[Project]:
    project = make_site(template_db, tmp_path / "b", "2", users["admin"])
    yield project
    project.close()


@pytest.fixture(params=CENTRALS)
def central_url(request: pytest.FixtureRequest, template_db: Path, tmp_path: Path) -> str:
    """URL of the central database: an SQLite file or a PostgreSQL database."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    path = tmp_path / "central" / "central.sqlite"
    path.parent.mkdir()
    shutil.copy(template_db, path)
    return str(path)


def save(project: Project, user: CurrentUser, record_id: str, form: str,
         values: dict[str, str], status: int = 0, event: str = "m0_arm_1",
         reason: str | None = None) -> None:
    EntryService(project, user).save_form(FormKey(record_id, event, form), values, status,
                                          reason=reason)


def data_of(project: Project) -> dict[tuple[str, str, str, int, str], str]:
    """Every stored value and form status of a database, by place."""
    with read_session(project.engine) as session:
        rows = session.execute(
            select(Record.record_id, FormInstance.event, FormInstance.form,
                   FormInstance.instance, ItemValue.field, ItemValue.value)
            .join(FormInstance, FormInstance.record_pk == Record.id)
            .join(ItemValue, ItemValue.form_instance_id == FormInstance.id))
        data = {(r[0], r[1], r[2], int(r[3]), r[4]): r[5] for r in rows}
        for r in session.execute(select(Record.record_id, FormInstance.event, FormInstance.form,
                                        FormInstance.instance, FormInstance.status)
                                 .join(FormInstance, FormInstance.record_pk == Record.id)):
            data[(r[0], r[1], r[2], int(r[3]), "_status")] = str(r[4])
    return data
