"""The one writer's single-row operations: deleting a form instance, an amendment's values,
review marks (lock, verification, e-signature) and a sync conflict's resolution.

A part of ``vo_crf.write.writer.Writer`` (nothing else builds it): values are ORM rows, their
versions go through the one version buffer (``vo_crf.write.versions``), and every audit row
into the writer's row buffer (``vo_crf.write.buffered``): each value change is listed in the
``form_save`` row of its form instance (one per form instance touched), a mark has its own
row. What was touched is summed up in ``changes``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, Change
from vo_crf.db.marks import Mark, put_mark
from vo_crf.db.models import FormInstance, ItemValue
from vo_crf.db.value_versions import status_field
from vo_crf.keys import InstanceKey
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import FieldType, Study
from vo_crf.write.buffered import PlanWriter
from vo_crf.write.changes import ChangeKind, Changes, FormRef
from vo_crf.write.synced import RemoteVersion
from vo_crf.write.synced_versions import VersionKey, VersionRow
from vo_crf.write.versions import LocalVersions


def is_versioned(study: Study | None, field: str) -> bool:
    """True when a field's values travel by sync as versions.

    Calculated values are not versioned: every node recomputes them from the entered values.
    A field the study does not know (a status or mark pseudo-field) is versioned.
    """
    return not (study is not None and study.has_field(field)
                and study.field(field).field_type is FieldType.CALC)


def _key(instance: FormInstance) -> tuple[str, str, int]:
    return instance.event, instance.form, instance.instance


class ClinicalWriter:
    """The single-row operations of the one writer (``vo_crf.write.writer.Writer``): values
    (ORM rows), their versions (Core, ``LocalVersions``) and marks; its audit rows go into the
    writer's row buffer (``rows``), one form save row per form instance touched (``finish``)."""

    def __init__(self, session: Session, username: str, rows: PlanWriter,
                 study: Study | None = None, definition_version: int | None = None,
                 reason: str | None = None) -> None:
        self.session = session
        self.rows = rows
        """The writer's row buffer: the audit rows are written with its rows."""
        self.username = username
        self.study = study
        """The study whose calculated fields are not versioned (None: version everything)."""
        self.definition_version = definition_version
        self.changes = Changes()
        """Everything written so far."""
        self.reason = reason
        """The operation's reason, on each of its form save rows."""
        self._saves: dict[FormRef, list[Change]] = {}
        """The changes of each form instance touched, written as its form save row by
        ``finish`` (one row per form instance, as a form save)."""
        self._versions = LocalVersions(session)
        """The versions changed, written by ``finish`` after the values."""

    def _touched(self, kind: ChangeKind, record_id: str, instance: FormInstance | None = None,
                 field: str | None = None) -> None:
        form = _key(instance) if instance is not None else None
        self.changes |= Changes.of([kind], record_id, form, [field] if field else [])

    def change(self, record_id: str, instance: FormInstance, action: AuditAction,
               field: str | None = None, old: str | None = None, new: str | None = None,
               reason: str | None = None) -> None:
        """List one change of a form instance in its form save row (written by ``finish``)."""
        self._list((record_id, *_key(instance)), action, field, old, new, reason)

    def _list(self, form: FormRef, action: AuditAction, field: str | None, old: str | None,
              new: str | None, reason: str | None) -> None:
        self._saves.setdefault(form, []).append(
            (str(action), field, old or None, new or None, reason or None))

    def finish(self) -> Changes:
        """Write the values and versions changed, and buffer one ``form_save`` audit row per
        form instance touched in ``rows``, listing its changes (with the operation's reason
        on the row); return everything written. The writer can go on writing afterwards."""
        self.session.flush()
        self._versions.flush()
        for (record_id, event, form, number), audited in self._saves.items():
            self.rows.list_changes(record_id, InstanceKey(event, form, number), audited,
                                   self.reason)
        self._saves = {}
        return self.changes

    def version(self, record_id: str, instance: FormInstance, field: str, value: str | None,
                study: Study | None = None) -> VersionRow | None:
        """Give an entered value (or a status, a mark) a new version; calculated fields have
        none (None)."""
        if not is_versioned(study or self.study, field):
            return None
        return self._versions.note((record_id, *_key(instance), field), value, self.username)

    # ----- values ----------------------------------------------------------------------------
    def insert_value(self, record_id: str, instance: FormInstance, field: str,
                     value: str | None, reason: str, study: Study | None = None) -> None:
        """Store a new value, audited (value_insert) and versioned."""
        self.session.add(ItemValue(form_instance_id=instance.id, field=field,
                                   value=value,
                                   definition_version=self.definition_version))
        self.session.flush()
        self.change(record_id, instance, AuditAction.VALUE_INSERT, field, new=value,
                    reason=reason)
        self.version(record_id, instance, field, value, study)
        self._touched(ChangeKind.VALUES, record_id, instance, field)

    def update_value(self, record_id: str, instance: FormInstance, item: ItemValue,
                     value: str | None, reason: str, study: Study | None = None) -> None:
        """Change a stored value, audited (value_update) and versioned."""
        self.change(record_id, instance, AuditAction.VALUE_UPDATE, item.field, old=item.value,
                    new=value, reason=reason)
        item.value = value  # type: ignore[assignment]  # an amendment may blank it
        item.definition_version = self.definition_version
        self.version(record_id, instance, item.field, value, study)
        self._touched(ChangeKind.VALUES, record_id, instance, item.field)

    def delete_value(self, record_id: str, instance: FormInstance, item: ItemValue,
                     reason: str, study: Study | None = None) -> None:
        """Delete a stored value, audited (value_delete) and versioned as blanked."""
        self.change(record_id, instance, AuditAction.VALUE_DELETE, item.field, old=item.value,
                    reason=reason)
        self.version(record_id, instance, item.field, None, study)
        self.session.delete(item)
        self._touched(ChangeKind.VALUES, record_id, instance, item.field)

    # ----- form instances --------------------------------------------------------------------
    def create_instance(self, record_pk: int, record_id: str, event: str, form: str,
                        number: int) -> FormInstance:
        """Create an empty form instance (status Incomplete, versioned)."""
        instance = FormInstance(record_pk=record_pk, event=event, form=form, instance=number,
                                status=FormStatus.INCOMPLETE, updated_by=self.username)
        self.session.add(instance)
        self.session.flush()
        self.version(record_id, instance, status_field(form), FormStatus.INCOMPLETE.code)
        self._touched(ChangeKind.STATUS, record_id, instance)
        return instance

    def delete_instance(self, record_id: str, instance: FormInstance, reason: str,
                        field_order: dict[str, int] | None = None) -> None:
        """Delete a form instance with its values: its form save row lists a value_delete per
        value (in form order) and the form_delete; the deletion travels as a blanked status,
        and the verification goes with the form everywhere."""
        order = field_order or {}
        for item in sorted(instance.values, key=lambda row: order.get(row.field, 0)):
            self.change(record_id, instance, AuditAction.VALUE_DELETE, item.field,
                        old=item.value, reason=reason)
            self.version(record_id, instance, item.field, None)
            self._touched(ChangeKind.VALUES, record_id, instance, item.field)
        self.change(record_id, instance, AuditAction.FORM_DELETE, reason=reason)
        self.version(record_id, instance, status_field(instance.form), None)
        if instance.verified_by:
            self.version(record_id, instance, str(Mark.VERIFY), None)
        self._touched(ChangeKind.STATUS, record_id, instance)
        self.session.delete(instance)

    # ----- review marks ----------------------------------------------------------------------
    def mark(self, record_id: str, instance: FormInstance, mark: Mark, on: bool,
             action: AuditAction, reason: str | None = None, old: str | None = None,
             new: str | None = None) -> None:
        """Set (``on``) or remove a review mark, versioned for sync, with its audit row."""
        named = self.username if on else None
        version = self.version(record_id, instance, str(mark), named)
        assert version is not None  # marks are versioned
        put_mark(instance, mark, named, version.changed_at)
        self.rows.audit(action, record_id, InstanceKey(*_key(instance)), None, old, new,
                        reason)  # a mark's own row
        self._touched(ChangeKind.MARKS, record_id, instance)

    # ----- sync conflicts --------------------------------------------------------------------
    def stored_version(self, key: VersionKey) -> VersionRow | None:
        """Return the version of a value as this operation sees it (None: never set)."""
        return self._versions.get(key)

    def take_version(self, key: VersionKey, remote: RemoteVersion, synced: bool,
                     take_base: bool = True) -> None:
        """Make another node's version this node's version of the value (a conflict
        resolved by keeping the remote value)."""
        self._versions.take(key, remote, synced, take_base)
        self._touched(ChangeKind.VALUES, key[0], None)

    def taken_value(self, key: VersionKey, local_value: str | None,
                    remote_value: str | None, reason: str) -> None:
        """List a remote value put back over the local one in its form's save row."""
        self._list(key[:4], AuditAction.VALUE_UPDATE, key[4], local_value, remote_value,
                   reason)

    def keep_local(self, key: VersionKey, remote_value: str | None, remote_uid: str,
                   reason: str) -> None:
        """Keep this node's value over a remote one: listed in its form's save row, with a
        new version based on the remote one."""
        version = self._versions.keep_local(key, remote_uid, self.username)
        self._list(key[:4], AuditAction.VALUE_UPDATE, key[4], remote_value, version.value,
                   reason)
        self._touched(ChangeKind.VALUES, key[0], None)
