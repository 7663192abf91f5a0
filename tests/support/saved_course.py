"""A new patient with one antibiotic course saved Complete by the nurse, through the one writer
(the start of the one-writer tests, ``tests/core/conftest.py`` serves it as ``saved_course``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

TODAY = dt.date(2026, 11, 25)
COURSE = {"abx_drug": "2", "abx_route": "1", "abx_start": "2007-06-14"}
"""One antibiotic course (a repeating form at M0), as the nurse enters it."""


@dataclass(frozen=True)
class SavedCourse:
    """A new patient of site 1 and its first antibiotic course, saved Complete."""

    record_id: str
    service: EntryService
    """The nurse's entry service (today is ``TODAY``)."""
    key: FormKey


def save_course(project: Project, nurse: CurrentUser) -> SavedCourse:
    """Create a patient and save its first antibiotic course (``COURSE``) Complete."""
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse, today=lambda: TODAY)
    key = FormKey(record_id, "m0_arm_1", "antibiotics", 1)
    service.save_form(key, COURSE, 2)
    return SavedCourse(record_id, service, key)
