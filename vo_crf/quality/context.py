"""What every data-quality check is given: one patient's saved forms, and how to report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from vo_crf.analysis.dataset import PatientData
from vo_crf.entry.record_values import RecordValues
from vo_crf.quality.issue import QualityIssue

Report = Callable[[QualityIssue], None]
"""Where a check reports each finding (``list.append`` of the listing)."""


class PatientRecord:
    """One patient's saved forms, with the logic engine's view of them built on first use."""

    __slots__ = ("_values", "patient")

    def __init__(self, patient: PatientData) -> None:
        self.patient = patient
        self._values: RecordValues | None = None

    @property
    def record_id(self) -> str:
        """The patient's record id."""
        return self.patient.record_id

    @property
    def values(self) -> RecordValues:
        """The values of every saved form instance, as ``RecordLookup`` reads them."""
        if self._values is None:
            self._values = RecordValues(self.patient.record_id, {
                key: stored.values for key, stored in self.patient.forms.items()})
        return self._values


class RecordCheck(Protocol):
    """A check run on one patient at a time (set up once per listing)."""

    def check(self, record: PatientRecord, report: Report) -> None:
        """Report every finding of ``record``."""
        ...
