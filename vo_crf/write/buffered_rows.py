"""The rows of the one writer's buffered path, written in bulk with ``executemany`` (new
values and audit rows: ``COPY`` on PostgreSQL, ``insert_many``).

``BufferedRows`` holds what ``vo_crf.write.buffered.PlanWriter`` buffers and writes it on
``flush``: new records and their site moves, form instances (inserted, or updated under their
optimistic-lock version), values (an entered value taking its version from the one version
buffer, ``vo_crf.write.version_buffer``, into its row), the audit rows (one ``form_save`` row
per form instance, its changes encoded as ``changes``), the rest of the versions (that
buffer's ``flush``) and protocol deviations, all stamped with the transaction's change
sequence (``vo_crf.write.stamp``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection, and_, bindparam, update
from sqlalchemy.orm import Session

from vo_crf.audit.chain import link_tuples
from vo_crf.audit.trail import encode_changes
from vo_crf.db.models import (
    utcnow,
)
from vo_crf.entry.bulk_sql import insert_rows, returning_ids, sqlite_datetime
from vo_crf.entry.errors import ConcurrentEditError
from vo_crf.entry.plan import InstanceMeta
from vo_crf.entry.record_state import VersionKey, load_instance_ids, load_record_pks
from vo_crf.write.stamp import transaction_stamp
from vo_crf.write.synced_versions import insert_many
from vo_crf.write.tables import AUDIT_ROWS, DEVIATIONS, INSTANCES, RECORDS, VALUES
from vo_crf.write.version_buffer import (
    VERSION_COLUMNS,
    VersionBuffer,
    versioned_update,
    write_value_rows,
)

_AUDIT_COLUMNS = ("at", "username", "action", "record_id", "event", "form", "instance", "field",
                  "old_value", "new_value", "reason", "uid", "seq", "site", "changes",
                  "chain_seq", "chain_hash")
_DEVIATION_COLUMNS = ("record_id", "event", "form", "field", "kind", "message", "reason",
                      "detected_at", "detected_by")
_RECORD_COLUMNS = ("record_id", "site", "created_at", "created_by")
_INSTANCE_COLUMNS = ("record_pk", "event", "form", "instance", "status", "version", "updated_at",
                     "updated_by")

_UPDATE_INSTANCE = (
    update(INSTANCES).where(and_(INSTANCES.c.id == bindparam("b_id"),
                                  INSTANCES.c.version == bindparam("b_expected")))
    .values(status=bindparam("b_status"), version=bindparam("b_version"),
            verified_by=bindparam("b_verified_by"), verified_at=bindparam("b_verified_at"),
            updated_at=bindparam("b_updated_at"), updated_by=bindparam("b_updated_by")))
_UPDATE_VALUE = (update(VALUES).where(and_(VALUES.c.form_instance_id == bindparam("b_instance"),
                                            VALUES.c.field == bindparam("b_field")))
                 .values(value=bindparam("b_value"),
                         definition_version=bindparam("b_definition_version")))
_DELETE_VALUE = VALUES.delete().where(and_(VALUES.c.form_instance_id == bindparam("b_instance"),
                                            VALUES.c.field == bindparam("b_field")))





@dataclass(eq=False)
class RecordRef:
    """A record being written: its id, and its primary key once it exists."""

    record_id: str
    pk: int | None = None


ValueOp = tuple[InstanceMeta, str, bool, str, "VersionKey | None"]
"""A buffered value write: (instance, field, existed, value, version key); ``existed``: the
value was stored before the first buffered change (so it is updated or deleted); the version
key names the entered value's version (None: a calculated value, not versioned). A plain
tuple: imports buffer about a million, and a NamedTuple takes about seven times as long to
build."""

EXISTED: Final = 2
"""Index of ``existed`` in a ``ValueOp``."""

SaveKey = tuple[str, str, str, int]
"""(record id, event, form, instance) of a form save's audit row."""
SAVE_REASON: Final = 10
"""Index of the reason in a buffered form save row."""
SAVE_CHANGES: Final = 12
"""Index of the list of changes in a buffered form save row (a list, see ``_save_row``)."""


class BufferedRows:
    """The buffers of the bulk path, and ``flush``, which writes them."""

    _session: Session
    _connection: Connection
    _username: str
    _definition_version: int | None
    _text_times: bool
    _versions: VersionBuffer
    _new_records: list[tuple[RecordRef, dict[str, Any]]]
    _site_moves: dict[str, str]
    _new_instances: dict[int, tuple[InstanceMeta, RecordRef, dict[str, Any]]]
    _instance_updates: dict[int, tuple[InstanceMeta, int]]
    _values: dict[tuple[int, str], ValueOp]
    _audit: list[tuple[Any, ...] | list[Any]]
    _saves: dict[SaveKey, list[Any]]
    _deviations: list[tuple[Any, ...]]
    pending_rows: int

    def _now(self) -> Any:
        """The current time as the rows hold it (text on SQLite, see ``insert_rows``)."""
        now = utcnow()
        return sqlite_datetime(now) if self._text_times else now

    def flush(self) -> None:
        """Write every buffered row (in the session's transaction)."""
        connection = self._connection
        seq, site = transaction_stamp(self._session) if (self._audit or self._versions.pending) \
            else (0, "")
        self._insert_records(connection)
        if self._site_moves:
            connection.execute(
                update(RECORDS).where(RECORDS.c.record_id == bindparam("moved"))
                .values(site=bindparam("new_site")),
                [{"moved": r, "new_site": s} for r, s in self._site_moves.items()])
            self._site_moves = {}
        self._insert_instances(connection)
        self._update_instances(connection)
        self._write_values(connection, seq, site)
        insert_many(connection, AUDIT_ROWS, _AUDIT_COLUMNS,
                    link_tuples(connection, _AUDIT_COLUMNS[:-2], [
                        (*row[:SAVE_CHANGES], seq, site, encode_changes(row[SAVE_CHANGES]))
                        if row.__class__ is list else (*row, seq, site, None)
                        for row in self._audit]))
        self._audit, self._saves = [], {}
        self._versions.flush(connection, seq, site)
        insert_rows(connection, DEVIATIONS, _DEVIATION_COLUMNS, self._deviations)
        self._deviations = []
        self.pending_rows = 0

    def _insert_records(self, connection: Connection) -> None:
        new = self._new_records
        self._new_records = []
        if len(new) == 1:
            new[0][0].pk = returning_ids(connection, RECORDS, [new[0][1]])[0]
            return
        now = self._now()
        insert_rows(connection, RECORDS, _RECORD_COLUMNS,
                    [(ref.record_id, row["site"], now, row["created_by"]) for ref, row in new])
        pks = load_record_pks(connection, [ref.record_id for ref, _ in new])
        for ref, _ in new:
            ref.pk = pks[ref.record_id]

    def _insert_instances(self, connection: Connection) -> None:
        pending = list(self._new_instances.values())
        self._new_instances = {}
        if len(pending) == 1:
            meta, record, row = pending[0]
            meta.id = returning_ids(connection, INSTANCES, [{
                **row, "record_pk": record.pk, "status": meta.status, "version": meta.version,
                "updated_at": utcnow(), "updated_by": meta.updated_by}])[0]
            return
        now = self._now()
        if self._text_times and pending:
            # SQLite numbers new rows max(id) + 1, + 2...: give them those ids ourselves and
            # skip reading them back (nobody else writes inside this transaction)
            first = connection.exec_driver_sql(
                "SELECT coalesce(max(id), 0) + 1 FROM form_instances").scalar_one()
            for number, (meta, _record, _row) in enumerate(pending, start=first):
                meta.id = number
            insert_rows(connection, INSTANCES, ("id", *_INSTANCE_COLUMNS), [
                (meta.id, record.pk, row["event"], row["form"], row["instance"], meta.status,
                 meta.version, now, meta.updated_by) for meta, record, row in pending])
            return
        insert_rows(connection, INSTANCES, _INSTANCE_COLUMNS, [
            (record.pk, row["event"], row["form"], row["instance"], meta.status, meta.version,
             now, meta.updated_by) for meta, record, row in pending])
        ids = load_instance_ids(connection, {record.pk for _, record, _ in pending
                                             if record.pk is not None})
        for meta, record, row in pending:
            assert record.pk is not None  # records are inserted first
            meta.id = ids[(record.pk, row["event"], row["form"], row["instance"])]

    def _update_instances(self, connection: Connection) -> None:
        if not self._instance_updates:
            return
        now = utcnow()
        rows = [{"b_id": meta.id, "b_expected": expected, "b_status": meta.status,
                 "b_version": meta.version, "b_verified_by": meta.verified_by,
                 "b_verified_at": meta.verified_at, "b_updated_at": now,
                 "b_updated_by": meta.updated_by}
                for meta, expected in self._instance_updates.values()]
        self._instance_updates = {}
        result = connection.execute(_UPDATE_INSTANCE, rows)
        checkable = len(rows) == 1 or connection.dialect.supports_sane_multi_rowcount
        if checkable and result.rowcount != len(rows):
            raise ConcurrentEditError("the form was saved by someone else in the meantime: "
                                      "reload it to see their changes (nothing was "
                                      "overwritten)")

    def _write_values(self, connection: Connection, seq: int, site: str) -> None:
        """Write the values; an entered value takes its waiting version into its row."""
        inserts, updates, versioned, deletes = [], [], [], []
        version = self._definition_version
        claim = self._versions.claim
        text_times = self._text_times
        unversioned = (None,) * len(VERSION_COLUMNS)
        for meta, field, existed, value, vkey in self._values.values():
            held = claim(vkey, value, seq, site, text_times and not existed) \
                if value and vkey is not None else None
            if value and not existed:
                inserts.append((meta.id, field, value, version, *(held or unversioned)))
            elif value and held is not None:
                versioned.append(versioned_update(meta.id, field, value, version, held))
            elif value:
                updates.append({"b_instance": meta.id, "b_field": field, "b_value": value,
                                "b_definition_version": version})
            elif existed:
                deletes.append({"b_instance": meta.id, "b_field": field})
        self._values = {}
        if deletes:
            connection.execute(_DELETE_VALUE, deletes)
        if updates:
            connection.execute(_UPDATE_VALUE, updates)
        write_value_rows(connection, inserts, versioned, insert_many)
