"""Template study databases built once per session, and fresh copies of them per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vo_crf.project import Project, open_project


def seal_template(project: Project) -> None:
    """Fold the WAL into the file and close it, so that copying the file copies everything."""
    with project.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()


@contextmanager
def opened_copy(template: Path, path: Path) -> Iterator[Project]:
    """Copy ``template`` to ``path`` and keep the copy open while the block runs."""
    shutil.copy(template, path)
    opened = open_project(str(path))
    try:
        yield opened
    finally:
        opened.close()


def cohort_template(template: Path, path: Path, patients: int, seed: int) -> Path:
    """Copy ``template`` to ``path``, import a random cohort of ``patients`` into it (as a
    nurse) and seal it, ready to be copied per test."""
    from random_cohort import cohort_csv

    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.exchange.redcap_import import import_redcap_text

    shutil.copy(template, path)
    project = open_project(str(path))
    import_redcap_text(project, CurrentUser("nurse", Role.NURSE),
                       cohort_csv(project.study, patients, seed=seed), "cohort.csv")
    seal_template(project)
    return path
