"""How far double entry has gone, per patient and (event, form): for the record status dashboard.

A form instance in double entry has no ordinary values yet, so the dashboard would show it as
"no data". ``double_entry_progress`` tells it, in ONE grouped query for a batch of patients,
which cells have entries waiting: how many instances, how many are ready to compare, and the
fewest Complete entries among them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session

from vo_crf.db.models import DoubleEntry, DoubleEntryAdjudication, FormInstance, Record
from vo_crf.study.form_status import FormStatus

"""The form status of a Complete entry."""


@dataclass(frozen=True)
class DoubleEntryProgress:
    """The double entry of one form of one visit (over its instances still in double entry)."""

    instances: int
    """Instances with at least one entry and no final values yet."""
    ready: int
    """Of them, instances whose two entries are both Complete (an adjudicator can compare)."""
    fewest_complete: int
    """The fewest Complete entries (0, 1 or 2) of these instances: the least advanced one."""

    @property
    def all_ready(self) -> bool:
        """True when every instance in double entry is ready to compare."""
        return self.ready == self.instances


def double_entry_progress(session: Session, record_ids: Collection[str]
                          ) -> dict[str, dict[tuple[str, str], DoubleEntryProgress]]:
    """Return record id -> (event, form) -> progress, for instances still in double entry.

    One grouped query; instances that are adjudicated or hold ordinary values are left out.
    """
    if not record_ids:
        return {}
    adjudicated = exists().where(
        DoubleEntryAdjudication.record_id == DoubleEntry.record_id,
        DoubleEntryAdjudication.event == DoubleEntry.event,
        DoubleEntryAdjudication.form == DoubleEntry.form,
        DoubleEntryAdjudication.instance == DoubleEntry.instance)
    entered = exists().where(
        Record.record_id == DoubleEntry.record_id, FormInstance.record_pk == Record.id,
        FormInstance.event == DoubleEntry.event, FormInstance.form == DoubleEntry.form,
        FormInstance.instance == DoubleEntry.instance)
    complete = func.sum(case((DoubleEntry.status == FormStatus.COMPLETE, 1), else_=0))
    statement = (select(DoubleEntry.record_id, DoubleEntry.event, DoubleEntry.form, complete)
                 .where(and_(DoubleEntry.record_id.in_(list(record_ids)), ~adjudicated,
                             ~entered))
                 .group_by(DoubleEntry.record_id, DoubleEntry.event, DoubleEntry.form,
                           DoubleEntry.instance))
    counts: dict[str, dict[tuple[str, str], list[int]]] = defaultdict(lambda: defaultdict(list))
    for record_id, event, form, completed in session.execute(statement):
        counts[record_id][(event, form)].append(int(completed or 0))
    return {record_id: {cell: DoubleEntryProgress(len(done), sum(n >= 2 for n in done),
                                                  min(done))
                        for cell, done in cells.items()}
            for record_id, cells in counts.items()}
