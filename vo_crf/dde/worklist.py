"""The double-data-entry worklist: form instances whose double entry is started but not finished.

One row per instance that has at least one entry, is not adjudicated and holds no ordinary
values (an instance entered the ordinary way is not in double entry any more). Each row says
where the instance stands, who made the entries, when it last changed, and what the user
asking can do next (finish their entry, make entry 2, compare and adjudicate, or wait).
Entered values are never part of a row: an entrant must not see the other entry.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import record_view
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import DoubleEntry, DoubleEntryAdjudication, FormInstance, Record
from vo_crf.dde.service import DoubleEntryStatus
from vo_crf.entry.service import FormKey
from vo_crf.project import Project
from vo_crf.study.form_status import FormStatus


class NextStep(StrEnum):
    """What the user asking for the worklist can do on a pending instance."""

    FINISH_YOUR_ENTRY = "finish your entry"
    """The user made one of the entries and has not marked it Complete."""
    MAKE_ENTRY_2 = "make entry 2"
    """Only one entry exists, made by someone else: the user can make the other one."""
    COMPARE = "compare and adjudicate"
    """Both entries are Complete and the user (who made neither) may adjudicate."""
    WAIT = "wait for another user"
    """Nothing for this user to do (e.g. their entry is done, the other is not)."""


@dataclass(frozen=True)
class PendingDoubleEntry:
    """One form instance in double entry, as the worklist shows it (never its values)."""

    key: FormKey
    site: str
    status: DoubleEntryStatus
    entrants: tuple[str, ...]
    """Who made entry 1 (and entry 2), in entry order."""
    entries_complete: int
    """How many of the entries are marked Complete (0, 1 or 2)."""
    last_change: dt.datetime
    next_step: NextStep


CSV_COLUMNS = ("record_id", "site", "event", "form", "instance", "status", "entry_1_by",
               "entry_2_by", "entries_complete", "last_change", "next_step")


def _status(entries: dict[int, DoubleEntry]) -> DoubleEntryStatus:
    first, second = entries.get(1), entries.get(2)
    if first is None or first.status != FormStatus.COMPLETE:
        return DoubleEntryStatus.AWAITING_ENTRY_1
    if second is None or second.status != FormStatus.COMPLETE:
        return DoubleEntryStatus.AWAITING_ENTRY_2
    return DoubleEntryStatus.READY


def _next_step(user: CurrentUser, entries: dict[int, DoubleEntry],
               status: DoubleEntryStatus) -> NextStep:
    own = next((e for e in entries.values() if e.username == user.username), None)
    if own is not None:
        return NextStep.WAIT if own.status == FormStatus.COMPLETE else NextStep.FINISH_YOUR_ENTRY
    if status is DoubleEntryStatus.READY:
        return NextStep.COMPARE if user.can(Action.ADJUDICATE) else NextStep.WAIT
    if len(entries) < 2 and user.can(Action.EDIT_DATA):
        return NextStep.MAKE_ENTRY_2
    return NextStep.WAIT


def pending_double_entries(project: Project, user: CurrentUser,
                           record_id: str | None = None) -> list[PendingDoubleEntry]:
    """Return the instances in double entry (entries started, not adjudicated), in study order.

    Ordered by record, then the protocol order of events and of forms in an event, then
    instance. Needs VIEW_DATA. ``record_id`` narrows the list to one patient. Four queries.
    A user without VIEW_IDENTIFIERS gets its de-identified view: patients named (and ordered)
    by pseudonym, ``record_id`` a pseudonym, times shifted by the patient's offset.
    """
    user.require(Action.VIEW_DATA)
    view = record_view(project, user)
    if record_id is not None:
        record_id = view.real_id(record_id)
        if record_id is None:
            return []
    study = project.study
    double_entered = set(study.protocol.double_entry_forms)
    with read_session(project.engine) as session:
        statement = select(DoubleEntry)
        if record_id is not None:
            statement = statement.where(DoubleEntry.record_id == record_id)
        grouped: dict[tuple[str, str, str, int], dict[int, DoubleEntry]] = defaultdict(dict)
        for entry in session.scalars(statement):
            grouped[(entry.record_id, entry.event, entry.form, entry.instance)][
                entry.entry_number] = entry
        adjudicated = set(session.execute(select(
            DoubleEntryAdjudication.record_id, DoubleEntryAdjudication.event,
            DoubleEntryAdjudication.form, DoubleEntryAdjudication.instance)).tuples())
        ordinary_statement = (select(Record.record_id, FormInstance.event, FormInstance.form,
                                     FormInstance.instance)
                              .join(Record, Record.id == FormInstance.record_pk)
                              .where(FormInstance.form.in_(double_entered)))
        entered_directly = set(session.execute(ordinary_statement).tuples())
        sites = dict(session.execute(select(Record.record_id, Record.site)).tuples().all())
    column = {(e.unique_name, form): (i, j) for i, e in enumerate(study.events)
              for j, form in enumerate(e.forms)}
    rows: list[PendingDoubleEntry] = []
    for where, entries in grouped.items():
        if where in adjudicated or where in entered_directly or where[2] not in double_entered:
            continue
        status = _status(entries)
        last_change = max(e.updated_at or e.created_at for e in entries.values())
        rows.append(PendingDoubleEntry(
            key=FormKey(view.shown_id(where[0]), *where[1:]), site=sites.get(where[0], ""),
            status=status, entrants=tuple(entries[n].username for n in sorted(entries)),
            entries_complete=sum(e.status == FormStatus.COMPLETE for e in entries.values()),
            last_change=view.moment(last_change, where[0]) or last_change,
            next_step=_next_step(user, entries, status)))
    rows.sort(key=lambda r: (r.key.record_id, column.get((r.key.event, r.key.form), (999, 0)),
                             r.key.instance))
    return rows


def pending_csv(rows: list[PendingDoubleEntry]) -> str:
    """Return the worklist as CSV text (one line per instance, ISO times to the second)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        entrants = list(row.entrants) + [""] * (2 - len(row.entrants))
        writer.writerow([row.key.record_id, row.site, row.key.event, row.key.form,
                         row.key.instance, row.status.value, entrants[0], entrants[1],
                         row.entries_complete,
                         row.last_change.replace(microsecond=0).isoformat(sep=" "),
                         row.next_step.value])
    return out.getvalue()
