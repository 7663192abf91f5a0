"""Versions of entered values, kept for multi-site sync.

An entered value's version is held in its value row (``ItemValue``'s version columns, 0011);
what has no value row has a ``ValueVersion`` row: a form status (the REDCap-style field
``<form>_complete``), a review mark, a blanked value (a tombstone, so a deletion travels), or a
record's site (its REDCap data access group: the record-level pseudo-field ``@site``, so a
record moved to another site by an import travels too).
The one writer (``vo_crf.write.versions`` for the ORM paths, ``vo_crf.write.buffered`` for
saves and imports, ``vo_crf.write.synced_versions`` for sync) versions every entered value it
writes or blanks and every form status change, in the same transaction as the value and its
audit row. Calculated fields are not versioned (``vo_crf.write.clinical.is_versioned``): every
node recomputes them from the entered values.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.db.marks import is_mark
from vo_crf.db.models import FormInstance, ItemValue, Record, ValueVersion

STATUS_SUFFIX = "_complete"

SITE_FIELD = "@site"
"""The pseudo-field of a record's site (no REDCap field can have this name): its version is
held apart, at event and form ``""``, instance 0 (:func:`site_version_key`); the value is the
site moved to."""

Version = ItemValue | ValueVersion
"""Where a version is stored; both have ``value``, ``uid``, ``base_uid``, ``changed_at``,
``changed_by``, ``origin_site``, ``seq`` and ``synced_uid``."""


def status_field(form: str) -> str:
    """Return the pseudo-field holding a form's status (REDCap's ``<form>_complete``)."""
    return form + STATUS_SUFFIX


def site_version_key(record_id: str) -> tuple[str, str, str, int, str]:
    """The place of a record's site version: (record id, "", "", 0, ``@site``)."""
    return (record_id, "", "", 0, SITE_FIELD)


def held_apart(form: str, field: str) -> bool:
    """True for the versions that never live in a value row: statuses, review marks and
    records' sites."""
    return field == status_field(form) or is_mark(field) or field == SITE_FIELD


def find_value_row(session: Session, record_id: str, event: str, form: str, instance: int,
                   field: str) -> ItemValue | None:
    """Return the stored value row of one field (None if there is none)."""
    return session.scalar(select(ItemValue).join(
        FormInstance, FormInstance.id == ItemValue.form_instance_id).join(
        Record, Record.id == FormInstance.record_pk).where(
        Record.record_id == record_id, FormInstance.event == event, FormInstance.form == form,
        FormInstance.instance == instance, ItemValue.field == field))


def find_version_row(session: Session, record_id: str, event: str, form: str, instance: int,
                     field: str) -> ValueVersion | None:
    """Return the ``value_versions`` row of one place (status, mark, tombstone; or None)."""
    return session.scalar(select(ValueVersion).where(
        ValueVersion.record_id == record_id, ValueVersion.event == event,
        ValueVersion.form == form, ValueVersion.instance == instance,
        ValueVersion.field == field))


def find_version(session: Session, record_id: str, event: str, form: str, instance: int,
                 field: str) -> Version | None:
    """Return where the version of one value is held (None if it was never set)."""
    if not held_apart(form, field):
        row = find_value_row(session, record_id, event, form, instance, field)
        if row is not None and row.uid is not None:
            return row
    return find_version_row(session, record_id, event, form, instance, field)
