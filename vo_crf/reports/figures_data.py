"""What the study-wide figures show, computed from the database (no drawing here).

Every patient is read through the user's record view, so a role without identified access sees
pseudonyms and shifted dates (study days do not change). Counts are those of the paper's tables:
the imaging prevalence uses Table 2's denominators, the trajectories Table 4's visits.
"""

from __future__ import annotations

from dataclasses import dataclass

from vo_crf.analysis.dataset import PatientData, load_patients, number, values_of
from vo_crf.analysis.imaging_tables import count_finding
from vo_crf.analysis.plan import AnalysisPlan, require_plan
from vo_crf.analysis.stats import Summary, summarise
from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import record_view, shown_patient
from vo_crf.auth.users import CurrentUser
from vo_crf.project import Project
from vo_crf.reports.timeline_data import PatientTimeline, timeline_of
from vo_crf.study.model import Study


@dataclass(frozen=True)
class Prevalence:
    """One imaging finding at one visit: n present among N read present or absent."""

    finding: str
    visit: str
    n: int
    total: int

    @property
    def percent(self) -> float | None:
        """100·n/N, None when nobody was assessable."""
        return 100 * self.n / self.total if self.total else None


@dataclass(frozen=True)
class Trajectory:
    """A biological marker by visit: its summary per visit and each patient's values."""

    label: str
    unit: str
    visits: tuple[str, ...]
    summaries: tuple[Summary, ...]
    patients: tuple[tuple[float | None, ...], ...]


@dataclass(frozen=True)
class FlowStep:
    """Patients with a visit done, and how many of the previous step have not had it."""

    visit: str
    done: int
    not_done: int


@dataclass(frozen=True)
class StudyFigures:
    """Everything the figures PDF draws."""

    study_name: str
    deidentified: bool
    timelines: tuple[PatientTimeline, ...]
    prevalence: tuple[Prevalence, ...]
    trajectories: tuple[Trajectory, ...]
    flow: tuple[FlowStep, ...]


def study_figures(project: Project, user: CurrentUser) -> StudyFigures:
    """Compute the figures' data of every patient, in the user's view (pseudonyms for a role
    without identified access). Refused (AnalysisPlanError) for a study without a plan."""
    user.require(Action.REPORT)
    study = project.study
    plan = require_plan(study)
    view = record_view(project, user)
    patients = load_patients(project)
    shown = sorted((shown_patient(view, p) for p in patients), key=lambda p: p.record_id)
    timelines = tuple(timeline_of(study, plan, p, False, ()) for p in shown)
    return StudyFigures(study.name, view.deidentified, timelines,
                        prevalence(study, plan, patients), trajectories(study, plan, patients),
                        flow(study, timelines))


def prevalence(study: Study, plan: AnalysisPlan, patients: list[PatientData]
               ) -> tuple[Prevalence, ...]:
    """Each imaging finding at each table visit, counted as Table 2 counts it."""
    return tuple(
        Prevalence(study.field(finding).label, study.event(event).label,
                   *count_finding(study, plan, patients, finding, event))
        for finding in plan.imaging.findings for event in plan.table_visits)


def trajectories(study: Study, plan: AnalysisPlan, patients: list[PatientData]
                 ) -> tuple[Trajectory, ...]:
    """Each biological marker of the plan at the table visits (numbers only: codes left out)."""
    found: list[Trajectory] = []
    for marker in plan.biology:
        field = study.field(marker.field)
        by_visit = [[number(text) for text in values_of(study, patients, marker.field, event)]
                    for event in plan.table_visits]
        summaries = tuple(summarise([v for v in column if v is not None])
                          for column in by_visit)
        per_patient = tuple(zip(*by_visit, strict=True)) if by_visit else ()
        found.append(Trajectory(marker.short_label or field.label, field.note,
                                tuple(study.event(e).label for e in plan.table_visits),
                                summaries, per_patient))
    return tuple(found)


def flow(study: Study, timelines: tuple[PatientTimeline, ...]) -> tuple[FlowStep, ...]:
    """Patients with each visit done (dated), in visit order."""
    steps: list[FlowStep] = []
    previous = len(timelines)
    for event in study.events:
        done = sum(1 for t in timelines for v in t.visits
                   if v.event == event.unique_name and v.date is not None)
        steps.append(FlowStep(event.label, done, max(previous - done, 0)))
        previous = done
    return tuple(steps)
