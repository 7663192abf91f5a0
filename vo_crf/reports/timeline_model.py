"""One patient's course as plain data: the model both the PDF report and the GUI timeline draw.

Study day = days since the baseline date (``diagnosis_date``), or since the first dated visit
when it is not known. Nothing here knows about drawing or the database; every value is ready to
show (labels, not codes) except days, dates and numbers. Built by
:mod:`vo_crf.reports.timeline_data`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from vo_crf.reports.review_marks import ReviewMark

PRESENT, ABSENT, NOT_ASSESSABLE = "present", "absent", "not assessable"

DayOf = Callable[[dt.date | None], int | None]


class RecordNotFound(LookupError):
    """No record with this study number."""


@dataclass(frozen=True)
class PatientHeader:
    """Who the report is about (identifiers only when asked for and allowed)."""

    study_name: str
    record_id: str
    site: str = ""
    age: str = ""
    sex: str = ""
    organism: str = ""
    spinal_levels: tuple[str, ...] = ()
    n_levels: str = ""
    comorbidities: tuple[str, ...] = ()
    diagnosis_date: dt.date | None = None
    last_followup_date: dt.date | None = None
    identifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Visit:
    """A visit that has data: its label, date and study day (None when undated)."""

    event: str
    label: str
    date: dt.date | None
    study_day: int | None
    nominal_day: int

    @property
    def day(self) -> int:
        """Return the study day to draw at: the actual one, else the protocol's."""
        return self.study_day if self.study_day is not None else self.nominal_day


@dataclass(frozen=True)
class AntibioticCourse:
    """One antibiotic course; days are study days (stop None while ongoing or unknown)."""

    instance: int
    drug: str
    route: str
    intravenous: bool
    start_date: dt.date | None
    stop_date: dt.date | None
    start_day: int | None
    stop_day: int | None


@dataclass(frozen=True)
class MarkerPoint:
    """One measurement of a biological marker."""

    visit: str
    study_day: int
    value: float


@dataclass(frozen=True)
class MarkerSeries:
    """A biological marker over the visits (e.g. CRP)."""

    field: str
    label: str
    short_label: str
    unit: str
    points: tuple[MarkerPoint, ...]
    missing: tuple[tuple[str, str], ...] = ()
    """(visit, missing-data label) of each visit where the value is a missing-data code."""


@dataclass(frozen=True)
class ImagingGrid:
    """Imaging findings × visits; each cell 'present', 'absent', 'not assessable' or ''."""

    findings: tuple[str, ...]
    visits: tuple[str, ...]
    cells: dict[tuple[str, str], str]
    modalities: dict[str, str] = field(default_factory=dict)

    def cell(self, finding: str, visit: str) -> str:
        """Return the reading of ``finding`` at ``visit`` ('' when not recorded)."""
        return self.cells.get((finding, visit), "")


@dataclass(frozen=True)
class ClinicalRow:
    """The clinical examination of one visit, cells in the order of the table's columns."""

    visit: str
    study_day: int | None
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """End-of-follow-up outcome."""

    cured: str = ""
    relapse: str = ""
    sequelae: str = ""
    sequelae_details: tuple[str, ...] = ()
    antibiotic_days: int | None = None
    followup_months: float | None = None


@dataclass(frozen=True)
class PatientTimeline:
    """Everything a per-patient report shows."""

    header: PatientHeader
    visits: tuple[Visit, ...]
    courses: tuple[AntibioticCourse, ...]
    markers: tuple[MarkerSeries, ...]
    imaging: ImagingGrid
    clinical_columns: tuple[str, ...]
    clinical: tuple[ClinicalRow, ...]
    outcome: Outcome
    imaging_comments: tuple[tuple[str, str], ...] = ()
    review: tuple[ReviewMark, ...] = ()
    """Every saved form's status, verified, locked and e-signed (who and when)."""
    biology_columns: tuple[str, ...] = ()
    biology: tuple[ClinicalRow, ...] = ()
    """The biology of each visit (every marker of the plan, missing-data codes by label)."""
    day_zero: str = "diagnosis"
    """What study day 0 is: the diagnosis, or the first dated visit when it is not known."""

    @property
    def first_day(self) -> int:
        """Return the smallest study day to show (0 unless something happened before)."""
        days = [v.day for v in self.visits]
        days += [d for c in self.courses for d in (c.start_day, c.stop_day) if d is not None]
        days += [p.study_day for s in self.markers for p in s.points]
        return min(days, default=0)

    @property
    def intravenous_days(self) -> int:
        """Return the calendar days with an intravenous antibiotic (overlaps counted once)."""
        days: set[int] = set()
        for course in self.courses:
            if course.intravenous and course.start_day is not None \
                    and course.stop_day is not None:
                days.update(range(course.start_day, course.stop_day + 1))
        return len(days)

    @property
    def last_day(self) -> int:
        """Return the largest study day to show (visits, courses, markers)."""
        days = [v.day for v in self.visits]
        days += [d for c in self.courses for d in (c.start_day, c.stop_day) if d is not None]
        days += [p.study_day for s in self.markers for p in s.points]
        return max(days, default=0)

    def marker(self, name: str) -> MarkerSeries | None:
        """Return the series of field ``name`` (e.g. 'bio_crp'), None when not in the plan."""
        return next((s for s in self.markers if s.field == name), None)
