"""Schema on both backends: init, migrations to head matching the models, append-only audit."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from vo_crf.db.migrate import current_revision, head_revision
from vo_crf.db.models import Base
from vo_crf.project import Project, ProjectError, init_project, open_project


def test_migrations_reach_head_and_match_the_models(backend_project: Project) -> None:
    assert current_revision(backend_project.engine) == head_revision()
    with backend_project.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


@pytest.mark.postgres
def test_init_project_on_an_empty_postgresql_database(empty_postgres_url: str) -> None:
    project = init_project(empty_postgres_url, "boss", "long-password-1")
    try:
        assert project.engine.dialect.name == "postgresql"
        assert current_revision(project.engine) == head_revision()
        assert project.study.has_field("img_vert_oedema")
    finally:
        project.close()
    again = open_project(empty_postgres_url)
    assert again.definition_version == 1
    again.close()
    with pytest.raises(ProjectError, match="already holds a study database"):
        init_project(empty_postgres_url, "someone", "long-password-1")


STATEMENTS = ["UPDATE audit_log SET new_value = 'forged'", "DELETE FROM audit_log"]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_audit_trail_refuses_changes(backend_project: Project, statement: str) -> None:
    _refused(backend_project, statement)


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_refuses_truncating_the_audit_trail(backend_project: Project) -> None:
    _refused(backend_project, "TRUNCATE audit_log")


def _refused(project: Project, statement: str) -> None:
    with project.engine.connect() as connection:
        before = connection.execute(text("SELECT count(*) FROM audit_log")).scalar()
        connection.rollback()
        assert before and before > 0
        with pytest.raises(DatabaseError, match="append-only"), connection.begin():
            connection.execute(text(statement))
        after = connection.execute(text("SELECT count(*), max(new_value) FROM audit_log")).one()
    assert after[0] == before
    assert after[1] != "forged"
