"""The record status of a patient's forms for reports: status, verified, locked, e-signed.

One :class:`ReviewMark` per saved form instance, in protocol order, with who and when of each
mark; the PDF reports print them as the "Record status" section and the workbook as its
``Form status`` sheet (record × event × form).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, Record
from vo_crf.project import Project

STATUS_LABELS = {0: "Incomplete", 1: "Unverified", 2: "Complete"}
"""The form status as REDCap names it (``<form>_complete`` 0, 1, 2)."""


@dataclass(frozen=True)
class ReviewMark:
    """One form instance's status and marks ('' / None when a mark is not set)."""

    event: str
    form: str
    instance: int
    status: str = ""
    verified_by: str = ""
    verified_at: dt.datetime | None = None
    locked_by: str = ""
    locked_at: dt.datetime | None = None
    signed_by: str = ""
    signed_at: dt.datetime | None = None
    event_name: str = ""
    form_name: str = ""

    @property
    def verified(self) -> str:
        """Return 'verified by X on date time', or ''."""
        return _mark("verified", self.verified_by, self.verified_at)

    @property
    def locked(self) -> str:
        """Return 'locked by X on date time', or ''."""
        return _mark("locked", self.locked_by, self.locked_at)

    @property
    def signed(self) -> str:
        """Return 'signed by X on date time', or ''."""
        return _mark("signed", self.signed_by, self.signed_at)

    @property
    def marked(self) -> bool:
        """True when the form is verified, locked or e-signed."""
        return bool(self.verified_by or self.locked_by or self.signed_by)


def _mark(verb: str, who: str, when: dt.datetime | None) -> str:
    if not who:
        return ""
    return f"{verb} by {who}" + (f" on {when:%Y-%m-%d %H:%M}" if when else "")


def load_review_marks(project: Project, record_ids: Sequence[str] | None = None,
                      with_times: bool = True) -> dict[str, tuple[ReviewMark, ...]]:
    """Return, by record id, the status and marks of every saved form instance, in protocol
    order (events, then forms within the event). Without ``with_times`` the time stamps are
    left out (the de-identified view: who and what, not when)."""
    study = project.study
    event_order = {e.unique_name: i for i, e in enumerate(study.events)}
    form_order = {f.name: i for i, f in enumerate(study.forms)}
    event_labels = {e.unique_name: e.label for e in study.events}
    form_labels = {f.name: f.label for f in study.forms}
    statement = select(Record.record_id, FormInstance).join(
        Record, Record.id == FormInstance.record_pk)
    if record_ids is not None:
        statement = statement.where(Record.record_id.in_(list(record_ids)))

    def when(moment: dt.datetime | None) -> dt.datetime | None:
        return moment if with_times else None

    found: dict[str, list[tuple[tuple[int, int, int], ReviewMark]]] = defaultdict(list)
    with read_session(project.engine) as session:
        for record_id, row in session.execute(statement).tuples():
            found[record_id].append((
                (event_order.get(row.event, 999), form_order.get(row.form, 999), row.instance),
                ReviewMark(event_labels.get(row.event, row.event),
                           form_labels.get(row.form, row.form), row.instance,
                           STATUS_LABELS.get(row.status, str(row.status)),
                           row.verified_by or "", when(row.verified_at),
                           row.locked_by or "", when(row.locked_at),
                           row.signed_by or "", when(row.signed_at),
                           row.event, row.form)))
    return {record_id: tuple(mark for _, mark in sorted(marks, key=lambda m: m[0]))
            for record_id, marks in found.items()}
