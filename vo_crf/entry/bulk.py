"""Saving many forms of many records in one transaction (imports): read once, plan, write in bulk.

``BulkSaver`` reads every named record in a few chunked queries, then each ``save`` plans the
form exactly as a single save does (``plan_form_save``, then the record's calculations), updates
the record in memory and buffers the rows in the one ``Writer``. Nothing else is read afterwards,
so thousands of forms cost a few queries and a few ``executemany`` calls.

Calculations are re-planned after every save, as single saves do, but a ``CalcTracker`` per
record only recomputes the instances whose inputs changed, so the audit trail is the same as
saving the forms one by one.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from vo_crf.entry.calc_plan import CalcTracker, plan_calcs
from vo_crf.entry.errors import EntryError
from vo_crf.entry.plan import (
    ANY_VERSION,
    FormPlan,
    InstanceMeta,
    apply_form_plan,
    plan_form_save,
)
from vo_crf.entry.record_state import (
    RecordState,
    load_records,
    load_states,
    load_versions,
)
from vo_crf.entry.record_values import InstanceKey, RecordValues
from vo_crf.entry.records import check_record_id
from vo_crf.entry.study_index import study_index
from vo_crf.study.model import Study
from vo_crf.write.buffered import RecordRef
from vo_crf.write.writer import Writer


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk save (restored afterwards).

    A large import keeps millions of small objects alive; the collector's full passes over
    them cost about a third of the planning time and free nothing (plans make no cycles).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


FLUSH_ROWS = 50_000
"""Buffered rows after which ``maybe_flush`` writes (bounds memory on large imports)."""


@dataclass
class _RecordWork:
    ref: RecordRef
    state: RecordState
    tracker: CalcTracker = field(default_factory=CalcTracker)


class BulkSaver:
    """Plans and writes many form saves of the records it was opened for."""

    def __init__(self, session: Session, study: Study, username: str,
                 record_ids: Iterable[str], today: dt.date,
                 definition_version: int | None = None) -> None:
        connection = session.connection()
        wanted = sorted(set(record_ids))
        stored = load_records(connection, wanted)
        pks = {record_id: pk for record_id, (pk, _) in stored.items()}
        self._sites = {record_id: site for record_id, (_, site) in stored.items()}
        """Each record's site: as stored, or as this saver created or moved it."""
        states = load_states(connection, {pk: rid for rid, pk in pks.items()}, lock=True)
        self._study = study
        self._session = session
        self._index = study_index(study)
        self._today = today
        self._records = {rid: _RecordWork(RecordRef(rid, pk), states[pk])
                         for rid, pk in pks.items()}
        self._writer = Writer(session, username, load_versions(connection, wanted),
                                  definition_version=definition_version)

    def has_record(self, record_id: str) -> bool:
        """True when the record exists (stored, or created by this saver)."""
        return record_id in self._records

    def stored_instance(self, record_id: str, key: InstanceKey) -> InstanceMeta | None:
        """The metadata of a saved form instance (stored, or saved by this saver), or None."""
        work = self._records.get(record_id)
        return None if work is None else work.state.instances.get(key)

    def stored_values(self, record_id: str, key: InstanceKey) -> dict[str, str]:
        """The values of a form instance as stored (or saved by this saver); {} when none."""
        work = self._records.get(record_id)
        return {} if work is None else dict(work.state.values.forms.get(key, {}))

    def site(self, record_id: str) -> str:
        """The site of a record (stored, or as this saver created or moved it)."""
        return self._sites.get(record_id, "")

    def move_record(self, record_id: str, site: str, reason: str) -> None:
        """Move an existing record to ``site``, audited (old site → new site, ``reason``)."""
        old = self.site(record_id)
        self._sites[record_id] = site
        self._writer.move_record(record_id, old, site, reason)

    def create_record(self, record_id: str, site: str = "") -> None:
        """Create a record with its audit row (as ``add_record``); EntryError if refused."""
        check_record_id(record_id)
        if record_id in self._records:
            raise EntryError(f"record {record_id!r} already exists")
        ref = self._writer.new_record(record_id, site)
        self._sites[record_id] = site
        self._records[record_id] = _RecordWork(ref, RecordState(None, RecordValues(record_id)))

    def save(self, record_id: str, key: InstanceKey, values: dict[str, str], status: int, *,
             reason: str | None, confirmations: dict[str, str],
             enforce_required: bool = True,
             keep_invalid: frozenset[str] = frozenset()) -> FormPlan:
        """Plan and buffer one form save (raises like ``EntryService.save_in_session``)."""
        work = self._records[record_id]
        record = work.state.values
        plan = plan_form_save(self._study, record, key, work.state.instances.get(key), values,
                              status, reason=reason, confirmations=confirmations,
                              today=self._today, expected_version=ANY_VERSION,
                              enforce_required=enforce_required, keep_invalid=keep_invalid)
        work.state.instances[key] = self._writer.write_form(work.ref, plan)
        apply_form_plan(self._study, record, plan)
        if plan.is_new or plan.data_changed:
            work.tracker.form_changed(self._index, record, key.form)
        self._writer.write_calcs(record_id, work.state.instances,
                                 plan_calcs(self._study, record, self._today, work.tracker,
                                            (key, plan.assessment)))
        return plan

    def maybe_flush(self) -> None:
        """Write the buffered rows when there are many (call only while nothing was refused)."""
        if self._writer.pending_rows >= FLUSH_ROWS:
            self._writer.flush()

    def flush(self) -> None:
        """Write every buffered row."""
        self._writer.flush()
