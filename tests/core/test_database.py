"""The database: pragmas, migrations that match the models, an append-only audit table."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from vo_crf.db.migrate import current_revision, head_revision
from vo_crf.db.models import Base
from vo_crf.paths import to_database_url
from vo_crf.project import Project, ProjectError, init_project, open_project


def test_sqlite_connection_is_configured_for_safety(project: Project) -> None:
    with project.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_migrations_reach_head_and_match_the_models(project: Project) -> None:
    assert current_revision(project.engine) == head_revision()
    with project.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET new_value = 'forged'",
    "DELETE FROM audit_log",
])
def test_database_refuses_to_alter_the_audit_trail(project: Project, statement: str) -> None:
    with project.engine.connect() as connection:
        before = connection.execute(text("SELECT count(*) FROM audit_log")).scalar()
        connection.rollback()
        assert before > 0
        with pytest.raises(DatabaseError, match="append-only"), connection.begin():
            connection.execute(text(statement))
        after = connection.execute(text("SELECT count(*), max(new_value) FROM audit_log")).one()
    assert after[0] == before
    assert after[1] != "forged"


def test_definition_is_stored_versioned_in_the_database(project: Project) -> None:
    assert project.definition_version == 1
    assert project.study.has_field("img_vert_oedema")


def test_paths_and_urls_are_both_accepted(tmp_path: Path) -> None:
    assert to_database_url(str(tmp_path / "a.sqlite")).startswith("sqlite:///")
    assert to_database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_opening_a_missing_database_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="vo-crf init"):
        open_project(str(tmp_path / "nothing.sqlite"))


def test_init_twice_is_refused(db_path: Path) -> None:
    with pytest.raises(ProjectError, match="already holds a study database"):
        init_project(str(db_path), "someone", "long-password-1")
