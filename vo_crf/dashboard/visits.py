"""Visit schedule of one patient: which visits are done, due, overdue or upcoming.

Visits are planned from the baseline date (day 0, the protocol's ``baseline_date_field``) and each
event's window (``EventDef.window``, study days). A visit counts as done as soon as any form of its
event has been saved. A visit not done while a later one is (follow-up moved on, or ended with
the end-of-follow-up visit) is missed: it can no longer be done, so it is not overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from vo_crf.study.model import Study


class VisitState(StrEnum):
    """Where a visit stands on a given day."""

    DONE = "done"
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    MISSED = "missed"


@dataclass(frozen=True)
class VisitDue:
    """One planned visit of one patient with its window in calendar dates."""

    event: str
    label: str
    first_day: dt.date
    last_day: dt.date
    state: VisitState

    def describe(self) -> str:
        """Return a short English description (the GUI builds its own translated text)."""
        return f"{self.label} {self.state.value} ({self.first_day} to {self.last_day})"


def visit_schedule(study: Study, baseline: dt.date | None, started_events: set[str],
                   today: dt.date) -> list[VisitDue]:
    """Return every visit after the first one with its state on ``today``.

    Without a baseline date nothing can be planned and the list is empty.
    """
    if baseline is None:
        return []
    first_event = study.first_event.unique_name
    schedule: list[VisitDue] = []
    for number, event in enumerate(study.events):
        if event.unique_name == first_event:
            continue
        first, last = event.window
        first_day = baseline + dt.timedelta(days=first)
        last_day = baseline + dt.timedelta(days=last)
        later = {e.unique_name for e in study.events[number + 1:] if e.arm == event.arm}
        if event.unique_name in started_events:
            state = VisitState.DONE
        elif later & started_events:
            state = VisitState.MISSED
        elif today > last_day:
            state = VisitState.OVERDUE
        elif today >= first_day:
            state = VisitState.DUE
        else:
            state = VisitState.UPCOMING
        schedule.append(VisitDue(event.unique_name, event.label, first_day, last_day, state))
    return schedule


def next_visit(schedule: list[VisitDue]) -> VisitDue | None:
    """Return the most pressing visit: the first overdue, else due, else upcoming one.

    None when every visit is done or missed (the follow-up is over).
    """
    for wanted in (VisitState.OVERDUE, VisitState.DUE, VisitState.UPCOMING):
        for visit in schedule:
            if visit.state is wanted:
                return visit
    return None
