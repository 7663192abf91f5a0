"""Writing save plans with SQLAlchemy Core: buffered rows, flushed with ``executemany``.

``PlanWriter`` turns form plans and calculation changes into rows of ``records``,
``form_instances``, ``item_values``, ``audit_log``, ``value_versions`` and
``protocol_deviations`` inside the session's transaction (it buffers them; its base
``vo_crf.write.buffered_rows.BufferedRows`` writes them on ``flush``). It is the buffered
path of the one writer (``vo_crf.write``): audit rows and value versions get the transaction's
change sequence (``vo_crf.write.stamp``), a uid and this site's code; every entered value and
form status change gets a new value version (blanked values too); calculated values are not
versioned. Its versions go, as plain tuples, to the one version buffer
(``vo_crf.write.version_buffer``), which writes a stored value's version in its own row
(``item_values``' version columns) and statuses, marks and blanked values in
``value_versions``. What it wrote is summed up in ``changes``.

The changes of one form instance (values, status, verification withdrawn, deviations,
recalculations) buffered before a flush are audited by one ``form_save`` row listing them
(``vo_crf.audit.trail``); other audit rows (record creation) are one row each.

A form instance's ``version`` is its optimistic-lock token: every save bumps it with
``UPDATE ... WHERE version = :expected``; no row updated means someone else saved in between
(ConcurrentEditError).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from vo_crf.audit.trail import SAVE_ACTION, AuditAction, Change
from vo_crf.db.marks import Mark
from vo_crf.db.models import utcnow
from vo_crf.db.value_versions import site_version_key, status_field
from vo_crf.entry.bulk_sql import UidPool, sqlite_datetime
from vo_crf.entry.calc_plan import RECALCULATED, CalcChange
from vo_crf.entry.plan import FormPlan, InstanceMeta
from vo_crf.entry.record_state import StoredVersion, VersionKey
from vo_crf.keys import InstanceKey
from vo_crf.write.buffered_rows import (
    EXISTED,
    SAVE_CHANGES,
    SAVE_REASON,
    BufferedRows,
    RecordRef,
    SaveKey,
    ValueOp,
)
from vo_crf.write.changes import ChangeKind, Changes, FieldRef, FormRef
from vo_crf.write.version_buffer import VersionBuffer

_ACTION_TEXT = {action: str(action) for action in AuditAction}
"""Each audit action as the plain text stored (``str`` of an enum member, looked up once)."""

TRACKED_FIELDS = 5_000
"""Fields a writer lists in its ``changes`` before it says "everything" (imports)."""

FIRST_SAVE_VERSION = 2
"""Version of a form instance inserted by its first save: the same as one created empty
(version 1, ``ClinicalWriter.create_instance``) and then saved once."""



class PlanWriter(BufferedRows):
    """Buffers the rows of plans and writes them in bulk on ``flush``."""

    def __init__(self, session: Session, username: str,
                 versions: dict[VersionKey, StoredVersion] | None = None,
                 definition_version: int | None = None) -> None:
        self._session = session
        self._definition_version = definition_version
        """The study definition version every written value is stored under."""
        self._connection: Connection = session.connection()
        self._username = username
        self._versions = VersionBuffer(stored=versions)
        """The versions written (the one version buffer: entered values, statuses, marks,
        sites)."""
        self._new_records: list[tuple[RecordRef, dict[str, Any]]] = []
        self._site_moves: dict[str, str] = {}
        """Records moved to another site: record id → new site."""
        self._new_instances: dict[int, tuple[InstanceMeta, RecordRef, dict[str, Any]]] = {}
        self._instance_updates: dict[int, tuple[InstanceMeta, int]] = {}
        self._values: dict[tuple[int, str], ValueOp] = {}
        self._audit: list[tuple[Any, ...] | list[Any]] = []
        """Audit rows to write, in order: tuples, and a list per form save (``_save_row``)."""
        self._saves: dict[SaveKey, list[Any]] = {}
        """The buffered form save row of each form instance (also in ``_audit``)."""
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
        row = self._saves.get(save_key)
        if row is None:
            row = self._saves[save_key] = [at, self._username, SAVE_ACTION, record_id, event,
                                           form, instance, None, None, None, reason or None,
                                           self._uids.take(), []]
            self._audit.append(row)
            self.pending_rows += 1
        changes: list[Change] = row[SAVE_CHANGES]
        return changes

    def list_changes(self, record_id: str, key: InstanceKey, changes: Sequence[Change],
                     reason: str | None = None) -> None:
        """List more changes of a form in its save row (a double-entry adjudication's
        ``dde_resolve`` changes join the save of its final values); ``reason`` becomes the
        row's reason when the save had none."""
        if not changes:
            return
        self._save_row(record_id, key, self._now(), reason).extend(changes)
        row = self._saves[(record_id, *key)]
        if reason and row[SAVE_REASON] is None:
            row[SAVE_REASON] = reason

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
        self._versions.note(site_version_key(record_id), new_site, self._uids.take(), utcnow(),
                            self._username)
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
        changes, status_changed, unverifies = plan.changes, plan.status_changed, plan.unverifies
        audited = self._save_row(record_id, key, now, plan.reason) if (
            changes or status_changed or unverifies or plan.deviations) else []
        append = audited.append
        version_uids, pending_versions = self._versions.uids, self._versions.waiting
        values = self._values
        meta_id = id(meta)
        new_values = 0
        # per change: an entry of the save's audit row, a value version (_note_version) and
        # the value (_set_value), inlined: imports write about a million of them
        actions = _ACTION_TEXT
        for (name, old, new, action, reason), uid in zip(
                changes, self._uids.take_many(len(changes)), strict=True):
            stored = new or None
            append((actions[action], name, old or None, stored, reason or None))
            vkey = (record_id, event, form, instance, name)
            pending_versions[vkey] = (stored, uid, version_uids.get(vkey), stamp, username)
            version_uids[vkey] = uid
            value_key = (meta_id, name)
            op = values.get(value_key)
            if op is None:
                values[value_key] = (meta, name, bool(old), new, vkey)
                new_values += 1
            else:
                values[value_key] = (meta, name, op[EXISTED], new, vkey)
        self.pending_rows += len(changes) + new_values
        if changes:
            self._kinds.add(ChangeKind.VALUES)
        if len(self._touched_fields) < TRACKED_FIELDS:
            self._touched_records.add(record_id)
            self._touched_forms.add((record_id, event, form, instance))
            self._touched_fields.update((record_id, event, form, instance, change[0])
                                        for change in changes)
        if status_changed or meta.id is None:
            self._kinds.add(ChangeKind.STATUS)
        if unverifies:
            self._kinds.add(ChangeKind.MARKS)
        if status_changed:
            old_status = plan.old_status
            audited.append((_ACTION_TEXT[AuditAction.STATUS_CHANGE], None,
                            None if old_status is None else str(old_status), str(plan.status),
                            plan.reason or None))
            self._note_version(record_id, key, status_field(form), str(plan.status), stamp)
        if unverifies:
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
            values[key] = (meta, field, op[EXISTED], new, op[4])

    def _note_version(self, record_id: str, key: InstanceKey, field: str,
                      value: str | None, now: dt.datetime) -> None:
        self._versions.note((record_id, key.event, key.form, key.instance, field), value,
                            self._uids.take(), now, self._username)
        self.pending_rows += 1
