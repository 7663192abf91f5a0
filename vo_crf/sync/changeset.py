"""What one node sends another: value versions, the records they belong to, audit rows, queries.

Value versions include form statuses, review marks and records' sites (a record moved to
another site: the pseudo-field ``@site``, ``vo_crf.sync.site_moves``).

A change set holds everything the sender committed with a change sequence in
``(after, upto]``; ``upto`` is the sender's committed counter read first, so every change up to it
is visible and the receiver can store ``upto`` as its watermark. It is read and applied in
parts (``read_change_parts``: a few hundred records' values at a time, then audit rows, then
queries), so neither side holds a first sync of thousands of patients in memory at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, or_, select
from sqlalchemy.orm import Session

from vo_crf.attachments.spool import FileSpool
from vo_crf.attachments.transfer import SentFile, named_files, spool_files
from vo_crf.db.marks import Mark, is_mark
from vo_crf.db.models import AuditEntry, Record, SyncConflict, SyncNode
from vo_crf.db.value_versions import SITE_FIELD, STATUS_SUFFIX
from vo_crf.entry.record_state import chunks
from vo_crf.study.model import FieldType, Study
from vo_crf.sync.query_threads import QueryChange, QueryStepChange, read_query_changes
from vo_crf.write.synced_versions import VersionRow, read_record_versions
from vo_crf.write.tables import INSTANCES, VALUES, VERSIONS

_REC: Table = Record.__table__  # type: ignore[assignment]
_AUDIT: Table = AuditEntry.__table__  # type: ignore[assignment]

AUDIT_COLUMNS = ("at", "username", "action", "record_id", "event", "form", "instance", "field",
                 "old_value", "new_value", "reason", "uid", "site", "changes")
"""An audit row as it travels (by uid): a form save row with its list of changes (0010)."""


class ValueChange(NamedTuple):
    """One value version as the sender holds it (a named tuple: a first sync makes one per
    value, about 1.4 million at 10,000 patients)."""

    record_id: str
    event: str
    form: str
    instance: int
    field: str
    value: str | None
    uid: str
    base_uid: str | None
    synced_uid: str | None
    changed_at: dt.datetime
    changed_by: str
    origin_site: str
    row_id: int | None = None
    """The sender's row of this version (``value_versions`` or, not ``apart``,
    ``item_values``): a push's acknowledgement names it (``vo_crf.sync.ack``)."""
    apart: bool = True

    @property
    def key(self) -> tuple[str, str, str, int, str]:
        """The value's place: record, event, form, instance, field (its first five)."""
        return self[:5]

    @property
    def is_status(self) -> bool:
        """True for the form status pseudo-field ``<form>_complete``."""
        name = self.field
        return name.endswith(STATUS_SUFFIX) and name == self.form + STATUS_SUFFIX

    @property
    def is_mark(self) -> bool:
        """True for a review mark (``@lock``, ``@verify``, ``@sign``)."""
        return is_mark(self.field)

    @property
    def is_site(self) -> bool:
        """True for a record's site (``@site``: a move to another site)."""
        return self.field == SITE_FIELD


@dataclass(frozen=True)
class RecordInfo:
    """A patient record as created at its site."""

    record_id: str
    site: str
    created_at: dt.datetime
    created_by: str


@dataclass
class ChangeSet:
    """Everything to send, and the sender's sequence it is complete up to."""

    upto: int
    values: list[ValueChange] = field(default_factory=list)
    records: dict[str, RecordInfo] = field(default_factory=dict)
    audit: list[dict[str, object]] = field(default_factory=list)
    queries: list[QueryChange] = field(default_factory=list)
    query_steps: list[QueryStepChange] = field(default_factory=list)
    full: bool = False
    """Everything the sender holds (a recovery after the receiver went back in time)."""
    files: list[SentFile] = field(default_factory=list)
    """The attached files the values name (``file`` fields), stored before the values; their
    bytes wait in ``spool`` (on disk), read back one at a time by the receiver."""
    spool: FileSpool | None = None

    def close(self) -> None:
        """Delete the temporary file holding the files' bytes (once the set is applied)."""
        if self.spool is not None:
            self.spool.close()
            self.spool = None


RECORDS_PER_PART = 200
"""Records whose changes are read, sent and applied together: a first sync of 10,000 patients
holds about 200 of them in memory at a time (their versions, on both sides), not all."""
AUDIT_ROWS_PER_PART = 5_000
"""Audit rows read and copied together."""


def read_change_parts(session: Session, study: Study, after: int, *,
                      origin: str | None = None, audit_sites: tuple[str, ...] | None = None,
                      skip_audit_site: str | None = None, full: bool = False,
                      skip_pushed: tuple[int, str] | None = None) -> Iterator[ChangeSet]:
    """Yield the sender's changes with a sequence in ``(after, upto]``, in parts applied one
    after the other in the receiver's one transaction: the values of ``RECORDS_PER_PART``
    records at a time (each record's changes whole, in one part), then the audit rows in parts
    of ``AUDIT_ROWS_PER_PART``, then the queries. Every part has the same ``upto``; there is
    always at least one. Each part's attached files wait in its spool: close each once applied.

    ``origin`` keeps only the values this site changed itself and the central database does
    not hold yet, leaving out those with an open conflict; ``audit_sites`` keeps only audit rows
    (and query steps) written at those sites; ``skip_audit_site`` leaves out rows written at the
    receiver. ``full`` (a recovery) reads every value version, whatever its origin and whether
    or not the receiver was known to hold it, open conflicts still left out. ``skip_pushed``
    (central sequence, site) leaves out the versions a push of that site stored, which the
    site is acknowledged for (``vo_crf.sync.ack``). Without ``origin``, a form whose lock is
    sent comes with all its values, so the receiver can tell its own pending edits of that
    form apart (they become conflicts).

    The records with changes are listed first (one query per table); each part then reads
    every version of its records (indexed by record) and keeps the changed ones.
    """
    upto = int(session.scalar(select(SyncNode.change_seq).where(SyncNode.id == 1)) or 0)
    connection = session.connection()
    wanted = Wanted(after, origin if origin is not None and not full else None, skip_pushed)
    entered = _entered_fields(study)
    open_keys = _open_conflict_keys(session) if origin is not None else set()
    file_fields = {f.name for f in study.fields if f.is_file}
    for records in chunks(changed_records(connection, upto, wanted), RECORDS_PER_PART):
        part = ChangeSet(upto, full=full)
        held = read_record_versions(connection, records, upto)
        for row in sorted(filter(wanted.keeps, held), key=_in_order):
            change = _value_change(row)
            if not (change.is_status or change.is_mark or change.is_site
                    or change.field in entered):
                continue
            if origin is not None and (change.key in open_keys
                                       or (row.uid == row.synced_uid and not full)):
                continue
            part.values.append(change)
        if origin is None:
            _add_locked_forms(held, part, entered)
        del held
        _add_files(session, part, file_fields)
        _add_records(connection, part)
        yield part
    audit = (select(*(_AUDIT.c[name] for name in AUDIT_COLUMNS))
             .where(_AUDIT.c.seq > after, _AUDIT.c.seq <= upto)
             .order_by(_AUDIT.c.seq, _AUDIT.c.id))
    if audit_sites is not None:
        audit = audit.where(_AUDIT.c.site.in_(audit_sites))
    if skip_audit_site is not None:
        audit = audit.where(_AUDIT.c.site != skip_audit_site)
    for rows in connection.execution_options(yield_per=AUDIT_ROWS_PER_PART).execute(audit) \
            .partitions():
        yield ChangeSet(upto, full=full,
                        audit=[dict(zip(AUDIT_COLUMNS, row, strict=True)) for row in rows])
    queries, steps = read_query_changes(session, after, upto, sites=audit_sites,
                                        skip_site=skip_audit_site)
    yield ChangeSet(upto, full=full, queries=queries, query_steps=steps)


@dataclass(frozen=True)
class Wanted:
    """Which stored versions a change set carries: changed after ``after`` (and read up to
    the set's ``upto``), made at ``origin`` if given, not stored by the push ``skip``
    (central sequence, site)."""

    after: int
    origin: str | None
    skip: tuple[int, str] | None

    def keeps(self, row: VersionRow) -> bool:
        """True when ``row`` is one of the changes."""
        if row.seq is None or row.seq <= self.after:
            return False
        if self.origin is not None and row.origin_site != self.origin:
            return False
        return self.skip is None or (row.seq, row.origin_site) != self.skip

    def where(self, table: Table, upto: int) -> list[Any]:
        """The same conditions in SQL, on ``value_versions`` or ``item_values``."""
        conditions: list[Any] = [table.c.seq > self.after, table.c.seq <= upto]
        if self.origin is not None:
            conditions.append(table.c.origin_site == self.origin)
        if self.skip is not None:
            conditions.append(or_(table.c.seq != self.skip[0],
                                  table.c.origin_site.is_distinct_from(self.skip[1])))
        return conditions


def changed_records(connection: Connection, upto: int, wanted: Wanted) -> list[str]:
    """The records holding a version ``wanted`` keeps (up to ``upto``), sorted."""
    found = set(connection.scalars(select(VERSIONS.c.record_id).distinct()
                                   .where(*wanted.where(VERSIONS, upto))))
    found.update(connection.scalars(
        select(_REC.c.record_id).distinct()
        .select_from(VALUES.join(INSTANCES, INSTANCES.c.id == VALUES.c.form_instance_id)
                     .join(_REC, _REC.c.id == INSTANCES.c.record_pk))
        .where(VALUES.c.uid.is_not(None), *wanted.where(VALUES, upto))))
    return sorted(found)


def _in_order(row: VersionRow) -> tuple[int, int, int]:
    """Sequence order, as the sender stored them."""
    return (row.seq or 0, 0 if row.apart else 1, row.id or 0)


def _add_files(session: Session, part: ChangeSet, file_fields: set[str]) -> None:
    """Spool the attached files the part's values name."""
    named = [c.value for c in part.values if c.field in file_fields] if file_fields else []
    if named_files(named):
        part.spool = FileSpool()
        try:
            part.files = spool_files(session, named, part.spool)
        except BaseException:
            part.close()
            raise


def _add_records(connection: Connection, part: ChangeSet) -> None:
    """The records the part's values belong to, as created at their site."""
    wanted = sorted({c.record_id for c in part.values})
    for chunk in chunks(wanted):
        for record in connection.execute(
                select(_REC.c.record_id, _REC.c.site, _REC.c.created_at, _REC.c.created_by)
                .where(_REC.c.record_id.in_(chunk))):
            part.records[record[0]] = RecordInfo(record[0], record[1], record[2], record[3])


def _value_change(row: VersionRow) -> ValueChange:
    return ValueChange(row.record_id, row.event, row.form, row.instance, row.field, row.value,
                       row.uid, row.base_uid, row.synced_uid, row.changed_at, row.changed_by,
                       row.origin_site or "", row.id, row.apart)


def _add_locked_forms(held: list[VersionRow], part: ChangeSet, entered: set[str]) -> None:
    """Add every value of the forms whose lock is in the part (if not there already), from
    the versions of its records (``held``)."""
    sent = {c.key for c in part.values}
    forms = {c.key[:4] for c in part.values if c.field == str(Mark.LOCK) and c.value}
    if not forms:
        return
    for row in held:
        change = _value_change(row)
        if change.key[:4] in forms and change.key not in sent and not change.is_mark and (
                change.is_status or change.field in entered):
            part.values.append(change)


def _entered_fields(study: Study) -> set[str]:
    """Names of the fields that carry entered data (not calculated, not descriptive)."""
    return {f.name for form in study.forms for f in form.fields
            if f.holds_data and f.field_type is not FieldType.CALC}


def _open_conflict_keys(session: Session) -> set[tuple[str, str, str, int, str]]:
    rows = session.execute(select(SyncConflict.record_id, SyncConflict.event, SyncConflict.form,
                                  SyncConflict.instance, SyncConflict.field)
                           .where(SyncConflict.status == "open"))
    return {(r[0], r[1], r[2], int(r[3]), r[4]) for r in rows}
