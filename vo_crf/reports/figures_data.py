"""The numbers behind the study-wide figures: each patient's course for the swimmer plot, the
prevalence of each imaging finding by visit (n/N, "not assessable" left out of N), the median and
quartiles of each marker by visit, and how many patients have data at each visit."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from vo_crf.analysis.dataset import PatientData, number
from vo_crf.analysis.plan import AnalysisPlan
from vo_crf.reports.timeline_data import timeline_of
from vo_crf.reports.timeline_model import PatientTimeline
from vo_crf.study.model import Study


@dataclass(frozen=True)
class Prevalence:
    """One imaging finding at one visit: present n of N assessable."""

    finding: str
    visit: str
    present: int
    assessable: int

    @property
    def share(self) -> float | None:
        """Return n/N (None when nobody was assessable)."""
        return self.present / self.assessable if self.assessable else None


@dataclass(frozen=True)
class Trajectory:
    """One marker at one visit: every value, their median and quartiles (R's type 7)."""

    marker: str
    unit: str
    visit: str
    values: tuple[float, ...]

    @property
    def quartiles(self) -> tuple[float, float, float] | None:
        """Return (Q1, median, Q3), None without values."""
        if not self.values:
            return None
        if len(self.values) == 1:
            return (self.values[0],) * 3
        q1, median, q3 = statistics.quantiles(self.values, n=4, method="inclusive")
        return q1, median, q3


@dataclass(frozen=True)
class FigureData:
    """Everything the figures draw."""

    study_name: str
    patients: int
    visits: tuple[str, ...]
    timelines: tuple[PatientTimeline, ...]
    prevalence: tuple[Prevalence, ...]
    trajectories: tuple[Trajectory, ...]
    flow: tuple[tuple[str, int], ...]
    """(visit label, patients with any form saved at it), in protocol order."""
    individual: dict[str, tuple[tuple[float | None, ...], ...]]
    """By marker: each patient's values at the visits (None when not measured)."""


def figure_data(study: Study, plan: AnalysisPlan, patients: list[PatientData]) -> FigureData:
    """Return the numbers of the figures for ``patients`` (already as the user may see them)."""
    events = [study.event(name) for name in plan.table_visits]
    labels = tuple(e.label for e in events)
    prevalence = []
    for name in plan.imaging.findings:
        fdef = study.field(name)
        for event in events:
            codes = [p.value(study, name, event.unique_name) for p in patients]
            present = sum(c == plan.imaging.present for c in codes)
            absent = sum(c == plan.imaging.absent for c in codes)
            prevalence.append(Prevalence(fdef.label, event.label, present, present + absent))
    short = {m.field: m.short_label for m in plan.biology}
    trajectories = []
    individual: dict[str, tuple[tuple[float | None, ...], ...]] = {}
    for name in plan.timeline.markers:
        fdef = study.field(name)
        marker = short.get(name, fdef.label)
        by_patient = tuple(tuple(number(p.value(study, name, e.unique_name)) for e in events)
                           for p in patients)
        individual[marker] = by_patient
        for index, event in enumerate(events):
            trajectories.append(Trajectory(
                marker, fdef.note, event.label,
                tuple(v for row in by_patient if (v := row[index]) is not None)))
    flow = tuple((e.label, sum(p.has_event(e.unique_name) for p in patients))
                 for e in study.events)
    timelines = tuple(timeline_of(study, plan, p, False) for p in patients)
    return FigureData(study.name, len(patients), labels, timelines, tuple(prevalence),
                      tuple(trajectories), flow, individual)
