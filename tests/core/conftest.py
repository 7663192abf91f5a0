"""Fixtures of the core tests."""

from __future__ import annotations

import pytest
from saved_course import SavedCourse, save_course

from vo_crf.auth.users import CurrentUser
from vo_crf.project import Project


@pytest.fixture
def saved_course(project: Project, nurse: CurrentUser) -> SavedCourse:
    """A new patient whose first antibiotic course is saved Complete by the nurse."""
    return save_course(project, nurse)
