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
from vo_crf.study.event_titles import event_title

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
    repeating: bool = False
    """The form repeats at this event (its instances are numbered, #1 too)."""

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
    event_labels = {e.unique_name: event_title(study, e) for e in study.events}
    repeating = {(e.unique_name, form) for e in study.events for form in e.forms
                 if study.is_repeating(e.unique_name, form)}
    form_labels = {f.name: f.label for f in study.forms}
    statement = select(  # columns, not ORM objects: 150k forms in a big study's workbook
        Record.record_id, FormInstance.event, FormInstance.form, FormInstance.instance,
        FormInstance.status, FormInstance.verified_by, FormInstance.verified_at,
        FormInstance.locked_by, FormInstance.locked_at, FormInstance.signed_by,
        FormInstance.signed_at).join(
        Record, Record.id == FormInstance.record_pk)
    if record_ids is not None:
        statement = statement.where(Record.record_id.in_(list(record_ids)))

    def when(moment: dt.datetime | None) -> dt.datetime | None:
        return moment if with_times else None

    found: dict[str, list[tuple[tuple[int, int, int], ReviewMark]]] = defaultdict(list)
    with read_session(project.engine) as session:
        for (record_id, event, form, instance, status, verified_by, verified_at, locked_by,
             locked_at, signed_by, signed_at) in session.connection().execute(statement):
            found[record_id].append((
                (event_order.get(event, 999), form_order.get(form, 999), instance),
                ReviewMark(event_labels.get(event, event), form_labels.get(form, form),
                           instance, STATUS_LABELS.get(status, str(status)),
                           verified_by or "", when(verified_at), locked_by or "",
                           when(locked_at), signed_by or "", when(signed_at), event, form,
                           (event, form) in repeating)))
    return {record_id: tuple(mark for _, mark in sorted(marks, key=lambda m: m[0]))
            for record_id, marks in found.items()}
