"""Recomputing the calculated fields of the records a change set changed, audited as ``sync``.

Calculated values do not travel: each receiver recomputes them from the entered values it
took. A change set's part knows every value and form instance of its records (the receiver's
``SyncedBatch``, loaded whole and changed in memory): :func:`recompute_batch` plans from that
state, as it was just written, instead of reading the records back. :func:`recompute` reads
them (a single conflict resolution).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry.calc_plan import plan_calcs
from vo_crf.entry.plan import InstanceMeta
from vo_crf.entry.record_state import RecordState, chunks, load_record_pks, load_states
from vo_crf.entry.record_values import RecordValues
from vo_crf.keys import InstanceKey
from vo_crf.project import Project
from vo_crf.write.writer import Writer

SYNC_USER = CurrentUser("sync", Role.ADMIN, "vo-crf sync")
"""The identity of changes the sync itself makes (recalculations, un-verification)."""

_RECALC_FLUSH_ROWS = 20_000
"""Recalculated values buffered before they are written."""


def recompute(session: Session, project: Project, record_ids: set[str]) -> None:
    """Recompute the calculated fields of these records (read from the database), audited as
    user ``sync``."""
    if not record_ids:
        return
    session.flush()
    _recalculate(session, project, _stored_states(session.connection(), record_ids))


def recompute_batch(session: Session, project: Project, loaded: Writer,
                    record_ids: set[str]) -> None:
    """Recompute the calculated fields of these records of the change set ``loaded`` (the
    writer that loaded and wrote it, finished) from the values and form instances it holds:
    the same as reading them back. Audited as user ``sync``."""
    if record_ids:
        _recalculate(session, project, batch_states(loaded, record_ids).items())


def _stored_states(connection: Connection, record_ids: set[str]
                   ) -> Iterator[tuple[str, RecordState]]:
    """The records' states read from the database, a chunk of records at a time."""
    pks = load_record_pks(connection, record_ids)
    for chunk in chunks(sorted(pks)):
        states = load_states(connection, {pks[record_id]: record_id for record_id in chunk})
        for record_id in chunk:
            yield record_id, states[pks[record_id]]


def _recalculate(session: Session, project: Project,
                 states: Iterable[tuple[str, RecordState]]) -> None:
    """Write each record's calculations planned from its state, as user ``sync``."""
    writer = Writer(session, SYNC_USER.username, definition_version=project.definition_version)
    today = dt.date.today()
    for record_id, state in states:
        writer.write_calcs(record_id, state.instances,
                           plan_calcs(project.study, state.values, today))
        if writer.pending_rows >= _RECALC_FLUSH_ROWS:
            writer.flush()
    writer.flush()


def batch_states(loaded: Writer, record_ids: Iterable[str]) -> dict[str, RecordState]:
    """The records' values and form instance rows as the sync batch of ``loaded`` last wrote
    them (what ``load_states`` reads back): instances in (event, form, instance) order, by
    record id in order."""
    batch = loaded.synced
    states = {record_id: RecordState(batch.records[record_id].pk, RecordValues(record_id))
              for record_id in sorted(record_ids)}
    for place in sorted(batch.instances):
        state = states.get(place[0])
        instance = batch.instances[place]
        if state is None or instance.deleted:
            continue
        key = InstanceKey(*place[1:])
        state.instances[key] = InstanceMeta(
            id=instance.id, status=instance.status, version=instance.version,
            verified_by=instance.verified_by, verified_at=instance.verified_at,
            locked_by=instance.locked_by, locked_at=instance.locked_at,
            updated_by=instance.updated_by, signed_by=instance.signed_by,
            signed_at=instance.signed_at)
        state.values.forms[key] = dict(instance.texts)
    return states
