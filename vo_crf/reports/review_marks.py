"""The review marks of a patient's forms for reports: verified, locked, e-signed (who, when)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select

from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, Record
from vo_crf.project import Project


@dataclass(frozen=True)
class ReviewMark:
    """One form instance's marks as printed ('' when the mark is not set)."""

    event: str
    form: str
    instance: int
    verified: str
    locked: str
    signed: str


def _mark(verb: str, who: str | None, when: dt.datetime | None) -> str:
    if not who:
        return ""
    return f"{verb} by {who}" + (f" on {when:%Y-%m-%d %H:%M}" if when else "")


def load_review_marks(project: Project, record_ids: Sequence[str] | None = None
                      ) -> dict[str, tuple[ReviewMark, ...]]:
    """Return, by record id, the marks of every verified, locked or e-signed form instance,
    in protocol order (events, then forms within the event)."""
    study = project.study
    event_order = {e.unique_name: i for i, e in enumerate(study.events)}
    form_order = {f.name: i for i, f in enumerate(study.forms)}
    event_labels = {e.unique_name: e.label for e in study.events}
    form_labels = {f.name: f.label for f in study.forms}
    statement = (select(Record.record_id, FormInstance)
                 .join(Record, Record.id == FormInstance.record_pk)
                 .where(or_(FormInstance.verified_by.is_not(None),
                            FormInstance.locked_by.is_not(None),
                            FormInstance.signed_by.is_not(None))))
    if record_ids is not None:
        statement = statement.where(Record.record_id.in_(list(record_ids)))
    found: dict[str, list[tuple[tuple[int, int, int], ReviewMark]]] = defaultdict(list)
    with read_session(project.engine) as session:
        for record_id, row in session.execute(statement).tuples():
            event = event_labels.get(row.event, row.event)
            form = form_labels.get(row.form, row.form)
            found[record_id].append((
                (event_order.get(row.event, 999), form_order.get(row.form, 999), row.instance),
                ReviewMark(event, form, row.instance,
                           _mark("verified", row.verified_by, row.verified_at),
                           _mark("locked", row.locked_by, row.locked_at),
                           _mark("signed", row.signed_by, row.signed_at))))
    return {record_id: tuple(mark for _, mark in sorted(marks, key=lambda m: m[0]))
            for record_id, marks in found.items()}
