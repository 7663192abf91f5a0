"""Writing save plans with SQLAlchemy Core: buffered rows, flushed with ``executemany``.

``PlanWriter`` turns form plans and calculation changes into rows of ``records``,
``form_instances``, ``item_values``, ``audit_log``, ``value_versions`` and
``protocol_deviations`` inside the session's transaction. It is the buffered path of the one
writer (``vo_crf.write``): audit rows and value versions get the transaction's change sequence
(``vo_crf.write.stamp``), a uid and this site's code; every entered value and form status change
gets a new value version (blanked values too); calculated values are not versioned. A stored
value's version is written in its own row (``item_values``' version columns); statuses, marks
and blanked values have a ``value_versions`` row. What it wrote is summed up in ``changes``.

The changes of one form instance (values, status, verification withdrawn, deviations,
recalculations) buffered before a flush are audited by one ``form_save`` row listing them
(``vo_crf.audit.trail``); other audit rows (record creation) are one row each.

A form instance's ``version`` is its optimistic-lock token: every save bumps it with
``UPDATE ... WHERE version = :expected``; no row updated means someone else saved in between
(ConcurrentEditError).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection, Table, and_, bindparam, tuple_, update
from sqlalchemy.orm import Session

from vo_crf.audit.chain import link_tuples
from vo_crf.audit.trail import SAVE_ACTION, AuditAction, Change, encode_changes
from vo_crf.db.marks import Mark
from vo_crf.db.models import (
    AuditEntry,
    FormInstance,
    ItemValue,
    ProtocolDeviation,
    Record,
    ValueVersion,
    utcnow,
)
from vo_crf.db.value_versions import site_version_key, status_field
from vo_crf.entry.bulk_sql import UidPool, insert_rows, returning_ids, sqlite_datetime
from vo_crf.entry.calc_plan import RECALCULATED, CalcChange
from vo_crf.entry.errors import ConcurrentEditError
from vo_crf.entry.plan import FormPlan, InstanceMeta
from vo_crf.entry.record_state import (
    StoredVersion,
    VersionKey,
    chunks,
    load_instance_ids,
    load_record_pks,
)
from vo_crf.keys import InstanceKey
from vo_crf.write.changes import ChangeKind, Changes, FieldRef, FormRef
from vo_crf.write.stamp import transaction_stamp

_RECORDS: Table = Record.__table__  # type: ignore[assignment]
_INSTANCES: Table = FormInstance.__table__  # type: ignore[assignment]
_VALUES: Table = ItemValue.__table__  # type: ignore[assignment]
_AUDIT_ROWS: Table = AuditEntry.__table__  # type: ignore[assignment]
_VERSIONS: Table = ValueVersion.__table__  # type: ignore[assignment]
_DEVIATIONS: Table = ProtocolDeviation.__table__  # type: ignore[assignment]

_AUDIT_COLUMNS = ("at", "username", "action", "record_id", "event", "form", "instance", "field",
                  "old_value", "new_value", "reason", "uid", "seq", "site", "changes",
                  "chain_seq", "chain_hash")
_VERSION_COLUMNS = ("record_id", "event", "form", "instance", "field", "value", "uid",
                    "base_uid", "changed_at", "changed_by", "origin_site", "seq", "synced_uid")
_DEVIATION_COLUMNS = ("record_id", "event", "form", "field", "kind", "message", "reason",
                      "detected_at", "detected_by")
_VALUE_COLUMNS = ("form_instance_id", "field", "value", "definition_version", "uid", "base_uid",
                  "changed_at", "changed_by", "origin_site", "seq")
_RECORD_COLUMNS = ("record_id", "site", "created_at", "created_by")
_INSTANCE_COLUMNS = ("record_pk", "event", "form", "instance", "status", "version", "updated_at",
                     "updated_by")

_UPDATE_INSTANCE = (
    update(_INSTANCES).where(and_(_INSTANCES.c.id == bindparam("b_id"),
                                  _INSTANCES.c.version == bindparam("b_expected")))
    .values(status=bindparam("b_status"), version=bindparam("b_version"),
            verified_by=bindparam("b_verified_by"), verified_at=bindparam("b_verified_at"),
            updated_at=bindparam("b_updated_at"), updated_by=bindparam("b_updated_by")))
_UPDATE_VALUE = (update(_VALUES).where(and_(_VALUES.c.form_instance_id == bindparam("b_instance"),
                                            _VALUES.c.field == bindparam("b_field")))
                 .values(value=bindparam("b_value"),
                         definition_version=bindparam("b_definition_version")))
_UPDATE_VERSIONED_VALUE = (
    update(_VALUES).where(and_(_VALUES.c.form_instance_id == bindparam("b_instance"),
                               _VALUES.c.field == bindparam("b_field")))
    .values(value=bindparam("b_value"), definition_version=bindparam("b_definition_version"),
            uid=bindparam("b_uid"), base_uid=bindparam("b_base_uid"),
            changed_at=bindparam("b_changed_at"), changed_by=bindparam("b_changed_by"),
            origin_site=bindparam("b_origin_site"), seq=bindparam("b_seq"),
            synced_uid=bindparam("b_synced_uid")))
_DELETE_VALUE = _VALUES.delete().where(and_(_VALUES.c.form_instance_id == bindparam("b_instance"),
                                            _VALUES.c.field == bindparam("b_field")))
_UPDATE_VERSION = (update(_VERSIONS).where(and_(_VERSIONS.c.record_id == bindparam("b_record_id"),
                                                _VERSIONS.c.event == bindparam("b_event"),
                                                _VERSIONS.c.form == bindparam("b_form"),
                                                _VERSIONS.c.instance == bindparam("b_instance"),
                                                _VERSIONS.c.field == bindparam("b_field")))
                   .values(value=bindparam("b_value"), uid=bindparam("b_uid"),
                           base_uid=bindparam("b_base_uid"),
                           changed_at=bindparam("b_changed_at"),
                           changed_by=bindparam("b_changed_by"),
                           origin_site=bindparam("b_origin_site"), seq=bindparam("b_seq")))
_VERSION_KEY = (_VERSIONS.c.record_id, _VERSIONS.c.event, _VERSIONS.c.form, _VERSIONS.c.instance,
                _VERSIONS.c.field)


_ACTION_TEXT = {action: str(action) for action in AuditAction}
"""Each audit action as the plain text stored (``str`` of an enum member, looked up once)."""

TRACKED_FIELDS = 5_000
"""Fields a writer lists in its ``changes`` before it says "everything" (imports)."""

FIRST_SAVE_VERSION = 2
"""Version of a form instance inserted by its first save: the same as one created empty
(version 1, ``ClinicalWriter.create_instance``) and then saved once."""


@dataclass(eq=False)
class RecordRef:
    """A record being written: its id, and its primary key once it exists."""

    record_id: str
    pk: int | None = None


_ValueOp = tuple[InstanceMeta, str, bool, str, "VersionKey | None"]
"""A buffered value write: (instance, field, existed, value, version key); ``existed``: the
value was stored before the first buffered change (so it is updated or deleted); the version
key names the entered value's version (None: a calculated value, not versioned). A plain
tuple: imports buffer about a million, and a NamedTuple takes about seven times as long to
build."""

_EXISTED: Final = 2
"""Index of ``existed`` in a ``_ValueOp``."""

_SaveKey = tuple[str, str, str, int]
"""(record id, event, form, instance) of a form save's audit row."""
_SAVE_CHANGES: Final = 12
"""Index of the list of changes in a buffered form save row (a list, see ``_save_row``)."""


_PendingVersion = tuple[str | None, str, str | None, dt.datetime, str]
"""A value version to write: (value, uid, base_uid, changed_at, changed_by)."""


class PlanWriter:
    """Buffers the rows of plans and writes them in bulk on ``flush``."""

    def __init__(self, session: Session, username: str,
                 versions: dict[VersionKey, StoredVersion] | None = None,
                 definition_version: int | None = None) -> None:
        self._session = session
        self._definition_version = definition_version
        """The study definition version every written value is stored under."""
        self._connection: Connection = session.connection()
        self._username = username
        stored = versions or {}
        self._version_uids: dict[VersionKey, str] = {k: v[0] for k, v in stored.items()}
        """The newest uid of every value version (stored, or buffered in ``_pending``)."""
        self._synced_uids: dict[VersionKey, str | None] = {k: v[1] for k, v in stored.items()}
        """The version the central database holds, of the stored versions (kept as it is)."""
        self._stored_versions: set[VersionKey] = {k for k, v in stored.items() if v[2]}
        """Version keys with a ``value_versions`` row (a new version held apart updates it)."""
        self._pending_versions: dict[VersionKey, _PendingVersion] = {}
        """Versions to write, in the order they were first changed since the last flush."""
        self._new_records: list[tuple[RecordRef, dict[str, Any]]] = []
        self._site_moves: dict[str, str] = {}
        """Records moved to another site: record id → new site."""
        self._new_instances: dict[int, tuple[InstanceMeta, RecordRef, dict[str, Any]]] = {}
        self._instance_updates: dict[int, tuple[InstanceMeta, int]] = {}
        self._values: dict[tuple[int, str], _ValueOp] = {}
        self._audit: list[tuple[Any, ...] | list[Any]] = []
        """Audit rows to write, in order: tuples, and a list per form save (``_save_row``)."""
        self._saves: dict[_SaveKey, list[Change]] = {}
        """The changes listed by each buffered form save row."""
        self._deviations: list[tuple[Any, ...]] = []
        self._uids = UidPool()
        self._text_times = self._connection.dialect.name == "sqlite"
        self.pending_rows = 0
        """Rough count of buffered rows (callers flush when it grows large)."""
        self._touched_records: set[str] = set()
        self._touched_forms: set[FormRef] = set()
        self._touched_fields: set[FieldRef] = set()
        self._kinds: set[ChangeKind] = set()

    @property
    def changes(self) -> Changes:
        """What was written so far (records, forms, fields, kinds).

        Past ``TRACKED_FIELDS`` fields (an import) it says only "everything", so that a long
        import keeps its memory bounded.
        """
        if len(self._touched_fields) >= TRACKED_FIELDS:
            return Changes(kinds=frozenset(self._kinds), everything=True)
        return Changes(frozenset(self._touched_records), frozenset(self._touched_forms),
                       frozenset(self._touched_fields), frozenset(self._kinds))

    # ----- buffering ---------------------------------------------------------------------
    def _now(self) -> Any:
        """The current time as the rows hold it (text on SQLite, see ``insert_rows``)."""
        now = utcnow()
        return sqlite_datetime(now) if self._text_times else now

    def audit(self, action: AuditAction, record_id: str | None = None,
              key: InstanceKey | None = None, field: str | None = None,
              old: str | None = None, new: str | None = None, reason: str | None = None,
              at: Any = None) -> None:
        """Buffer one audit row (as ``write_audit`` would add it)."""
        event, form, instance = key if key is not None else (None, None, None)
        self._audit.append((at or self._now(), self._username, str(action), record_id, event,
                            form, instance, field, old, new, reason or None, self._uids.take()))
        self.pending_rows += 1

    def _save_row(self, record_id: str, key: InstanceKey, at: Any, reason: str | None
                  ) -> list[Change]:
        """Return the change list of the form save row of this instance, buffering the row
        at its first change (later changes before the flush join it)."""
        event, form, instance = key
        save_key = (record_id, event, form, instance)
        changes = self._saves.get(save_key)
        if changes is None:
            changes = self._saves[save_key] = []
            self._audit.append([at, self._username, SAVE_ACTION, record_id, event, form,
                                instance, None, None, None, reason or None, self._uids.take(),
                                changes])
            self.pending_rows += 1
        return changes

    def new_record(self, record_id: str, site: str) -> RecordRef:
        """Buffer a new record and its record_create audit row (as ``add_record`` does)."""
        ref = RecordRef(record_id)
        self._new_records.append((ref, {"record_id": record_id, "site": site,
                                        "created_at": utcnow(), "created_by": self._username}))
        self.audit(AuditAction.RECORD_CREATE, record_id, new=record_id,
                   reason=f"site {site}" if site else None)
        if len(self._touched_fields) < TRACKED_FIELDS:
            self._touched_records.add(record_id)
        self._kinds.add(ChangeKind.RECORDS)
        return ref

    def move_record(self, record_id: str, old_site: str, new_site: str, reason: str) -> None:
        """Buffer an existing record's move to another site (its REDCap data access group),
        its audit row (old site → new site, with the reason) and the record's site version
        (``@site``, so that sync carries the move)."""
        self._site_moves[record_id] = new_site
        vkey = site_version_key(record_id)
        uid = self._uids.take()
        self._pending_versions[vkey] = (new_site or None, uid, self._version_uids.get(vkey),
                                        utcnow(), self._username)
        self._version_uids[vkey] = uid
        self.pending_rows += 1
        self.audit(AuditAction.RECORD_SITE_CHANGE, record_id, old=old_site, new=new_site,
                   reason=reason)
        if len(self._touched_fields) < TRACKED_FIELDS:
            self._touched_records.add(record_id)
        self._kinds.add(ChangeKind.RECORDS)

    def write_form(self, record: RecordRef, plan: FormPlan) -> InstanceMeta:
        """Buffer the rows of an accepted form plan; return the instance's new metadata.

        An existing instance's metadata (``plan.meta``) is updated in place.
        """
        stamp = utcnow()
        now = sqlite_datetime(stamp) if self._text_times else stamp
        key = plan.key
        meta = plan.meta
        if meta is None:
            meta = InstanceMeta(id=None, status=plan.status, version=FIRST_SAVE_VERSION,
                                updated_by=self._username)
            self._new_instances[id(meta)] = (meta, record, {
                "event": key.event, "form": key.form, "instance": key.instance})
        else:
            pending = self._instance_updates.get(id(meta))
            expected = pending[1] if pending else meta.version
            if id(meta) not in self._new_instances:
                self._instance_updates[id(meta)] = (meta, expected)
            meta.version += 1
        record_id = record.record_id
        event, form, instance = key
        username = self._username
        audited = self._save_row(record_id, key, now, plan.reason) if (
            plan.changes or plan.status_changed or plan.unverifies or plan.deviations) else []
        append, take = audited.append, self._uids.take
        version_uids, pending_versions = self._version_uids, self._pending_versions
        values = self._values
        meta_id = id(meta)
        new_values = 0
        # per change: an entry of the save's audit row, a value version (_note_version) and
        # the value (_set_value), inlined: imports write about a million of them
        actions = _ACTION_TEXT
        for name, old, new, action, reason in plan.changes:
            stored = new or None
            append((actions[action], name, old or None, stored, reason or None))
            vkey = (record_id, event, form, instance, name)
            uid = take()
            pending_versions[vkey] = (stored, uid, version_uids.get(vkey), stamp, username)
            version_uids[vkey] = uid
            value_key = (meta_id, name)
            op = values.get(value_key)
            if op is None:
                values[value_key] = (meta, name, bool(old), new, vkey)
                new_values += 1
            else:
                values[value_key] = (meta, name, op[_EXISTED], new, vkey)
        self.pending_rows += len(plan.changes) + new_values
        if plan.changes:
            self._kinds.add(ChangeKind.VALUES)
        if len(self._touched_fields) < TRACKED_FIELDS:
            self._touched_records.add(record_id)
            self._touched_forms.add((record_id, event, form, instance))
            self._touched_fields.update((record_id, event, form, instance, change[0])
                                        for change in plan.changes)
        if plan.status_changed or meta.id is None:
            self._kinds.add(ChangeKind.STATUS)
        if plan.unverifies:
            self._kinds.add(ChangeKind.MARKS)
        if plan.status_changed:
            old_status = plan.old_status
            audited.append((_ACTION_TEXT[AuditAction.STATUS_CHANGE], None,
                            None if old_status is None else str(old_status), str(plan.status),
                            plan.reason or None))
            self._note_version(record.record_id, key, status_field(key.form), str(plan.status),
                               stamp)
        if plan.unverifies:
            audited.append((_ACTION_TEXT[AuditAction.UNVERIFY], None, meta.verified_by, None,
                            "data changed after verification"))
            meta.verified_by = None
            meta.verified_at = None
            self._note_version(record.record_id, key, str(Mark.VERIFY), None, stamp)
        meta.status = plan.status
        meta.updated_by = self._username
        for deviation in plan.deviations:
            self._deviations.append((record.record_id, key.event, key.form, deviation.field,
                                     "visit_window", deviation.message, deviation.reason, now,
                                     self._username))
            audited.append((_ACTION_TEXT[AuditAction.DEVIATION], deviation.field, None,
                            deviation.message, deviation.reason or None))
        return meta

    def write_calcs(self, record_id: str, instances: dict[InstanceKey, InstanceMeta],
                    changes: list[CalcChange]) -> None:
        """Buffer recalculated values (calcs are not versioned): calc_update changes of their
        form's save row."""
        if not changes:
            return
        now = self._now()
        action = _ACTION_TEXT[AuditAction.CALC_UPDATE]
        for change in changes:
            self._save_row(record_id, change.key, now, None).append(
                (action, change.field, change.old or None, change.new or None, RECALCULATED))
            self._set_value(instances[change.key], change.field, change.old, change.new)
            if len(self._touched_fields) < TRACKED_FIELDS:
                self._touched_records.add(record_id)
                self._touched_forms.add((record_id, *change.key))
                self._touched_fields.add((record_id, *change.key, change.field))
        self._kinds.add(ChangeKind.VALUES)

    def _set_value(self, meta: InstanceMeta, field: str, old: str, new: str) -> None:
        values = self._values
        key = (id(meta), field)
        op = values.get(key)
        if op is None:
            values[key] = (meta, field, bool(old), new, None)
            self.pending_rows += 1
        else:
            values[key] = (meta, field, op[_EXISTED], new, op[4])

    def _note_version(self, record_id: str, key: InstanceKey, field: str,
                      value: str | None, now: dt.datetime) -> None:
        vkey = (record_id, key.event, key.form, key.instance, field)
        uid = self._uids.take()
        base_uid = self._version_uids.get(vkey)
        self._version_uids[vkey] = uid
        self._pending_versions[vkey] = (value or None, uid, base_uid, now, self._username)
        self.pending_rows += 1

    # ----- writing -----------------------------------------------------------------------
    def flush(self) -> None:
        """Write every buffered row (in the session's transaction)."""
        connection = self._connection
        seq, site = transaction_stamp(self._session) if (self._audit or self._pending_versions) \
            else (0, "")
        self._insert_records(connection)
        if self._site_moves:
            connection.execute(
                update(_RECORDS).where(_RECORDS.c.record_id == bindparam("moved"))
                .values(site=bindparam("new_site")),
                [{"moved": r, "new_site": s} for r, s in self._site_moves.items()])
            self._site_moves = {}
        self._insert_instances(connection)
        self._update_instances(connection)
        self._write_values(connection, seq, site)
        insert_rows(connection, _AUDIT_ROWS, _AUDIT_COLUMNS,
                    link_tuples(connection, _AUDIT_COLUMNS[:-2], [
                        (*row[:_SAVE_CHANGES], seq, site, encode_changes(row[_SAVE_CHANGES]))
                        if row.__class__ is list else (*row, seq, site, None)
                        for row in self._audit]))
        self._audit, self._saves = [], {}
        self._write_versions(connection, seq, site)
        insert_rows(connection, _DEVIATIONS, _DEVIATION_COLUMNS, self._deviations)
        self._deviations = []
        self.pending_rows = 0

    def _insert_records(self, connection: Connection) -> None:
        new = self._new_records
        self._new_records = []
        if len(new) == 1:
            new[0][0].pk = returning_ids(connection, _RECORDS, [new[0][1]])[0]
            return
        now = self._now()
        insert_rows(connection, _RECORDS, _RECORD_COLUMNS,
                    [(ref.record_id, row["site"], now, row["created_by"]) for ref, row in new])
        pks = load_record_pks(connection, [ref.record_id for ref, _ in new])
        for ref, _ in new:
            ref.pk = pks[ref.record_id]

    def _insert_instances(self, connection: Connection) -> None:
        pending = list(self._new_instances.values())
        self._new_instances = {}
        if len(pending) == 1:
            meta, record, row = pending[0]
            meta.id = returning_ids(connection, _INSTANCES, [{
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
            insert_rows(connection, _INSTANCES, ("id", *_INSTANCE_COLUMNS), [
                (meta.id, record.pk, row["event"], row["form"], row["instance"], meta.status,
                 meta.version, now, meta.updated_by) for meta, record, row in pending])
            return
        insert_rows(connection, _INSTANCES, _INSTANCE_COLUMNS, [
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
        """Write the values; an entered value takes its pending version into its row."""
        inserts, updates, versioned, deletes, revived = [], [], [], [], []
        version = self._definition_version
        pending, synced = self._pending_versions, self._synced_uids
        apart = self._stored_versions
        times: dict[dt.datetime, Any] = {}
        text_times = self._text_times
        for meta, field, existed, value, vkey in self._values.values():
            held = pending.pop(vkey, None) if value and vkey is not None else None
            if held is None:
                uid = base_uid = changed_at = changed_by = origin = at_seq = None
            else:
                _, uid, base_uid, changed_at, changed_by = held
                origin, at_seq = site, seq
                if vkey in apart:  # a blanked value entered again: its tombstone goes
                    revived.append(vkey)
                    apart.discard(vkey)
            if value and not existed:
                stored_at: Any = changed_at
                if text_times and changed_at is not None:
                    stored_at = times.get(changed_at)
                    if stored_at is None:
                        stored_at = times[changed_at] = sqlite_datetime(changed_at)
                inserts.append((meta.id, field, value, version, uid, base_uid, stored_at,
                                changed_by, origin, at_seq,
                                None if vkey is None else synced.get(vkey)))
            elif value and held is not None:
                versioned.append({"b_instance": meta.id, "b_field": field, "b_value": value,
                                  "b_definition_version": version, "b_uid": uid,
                                  "b_base_uid": base_uid, "b_changed_at": changed_at,
                                  "b_changed_by": changed_by, "b_origin_site": site,
                                  "b_seq": seq,
                                  "b_synced_uid": None if vkey is None else synced.get(vkey)})
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
        if versioned:
            connection.execute(_UPDATE_VERSIONED_VALUE, versioned)
        insert_rows(connection, _VALUES, (*_VALUE_COLUMNS, "synced_uid"), inserts)
        for chunk in chunks(revived):
            connection.execute(_VERSIONS.delete().where(tuple_(*_VERSION_KEY).in_(chunk)))

    def _write_versions(self, connection: Connection, seq: int, site: str) -> None:
        """Write the versions held apart: statuses, marks, blanked values (tombstones)."""
        inserts, updates = [], []
        times: dict[dt.datetime, Any] = {}
        text_times = self._text_times
        stored, synced = self._stored_versions, self._synced_uids
        for vkey, (value, uid, base_uid, changed_at, changed_by) in \
                self._pending_versions.items():
            if vkey in stored:
                record_id, event, form, instance, field = vkey
                updates.append({"b_record_id": record_id, "b_event": event, "b_form": form,
                                "b_instance": instance, "b_field": field, "b_value": value,
                                "b_uid": uid, "b_base_uid": base_uid,
                                "b_changed_at": changed_at, "b_changed_by": changed_by,
                                "b_origin_site": site, "b_seq": seq})
            else:
                stored_at: Any = changed_at
                if text_times:
                    stored_at = times.get(changed_at)
                    if stored_at is None:
                        stored_at = times[changed_at] = sqlite_datetime(changed_at)
                inserts.append((*vkey, value, uid, base_uid, stored_at, changed_by, site, seq,
                                synced.get(vkey)))
                stored.add(vkey)
        self._pending_versions = {}
        if updates:
            connection.execute(_UPDATE_VERSION, updates)
        insert_rows(connection, _VERSIONS, _VERSION_COLUMNS, inserts)
