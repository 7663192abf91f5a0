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
