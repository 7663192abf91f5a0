"""Versions of entered values, kept for multi-site sync (see ``ValueVersion``).

The one writer (``vo_crf.write.clinical``, and ``vo_crf.write.buffered`` for buffered saves)
versions every entered value it writes or blanks and every form status change (as the
REDCap-style field ``<form>_complete``), in the same transaction as the value and its audit
row. Calculated fields are not versioned (``vo_crf.write.clinical.is_versioned``): every node
recomputes them from the entered values.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.db.models import ValueVersion, new_uid, utcnow
from vo_crf.write.stamp import stamp

STATUS_SUFFIX = "_complete"


def status_field(form: str) -> str:
    """Return the pseudo-field holding a form's status (REDCap's ``<form>_complete``)."""
    return form + STATUS_SUFFIX


def find_version(session: Session, record_id: str, event: str, form: str, instance: int,
                 field: str) -> ValueVersion | None:
    """Return the version row of one value (None if it was never set)."""
    return session.scalar(select(ValueVersion).where(
        ValueVersion.record_id == record_id, ValueVersion.event == event,
        ValueVersion.form == form, ValueVersion.instance == instance,
        ValueVersion.field == field))


def note_value_change(session: Session, record_id: str, event: str, form: str, instance: int,
                      field: str, value: str | None, username: str) -> ValueVersion:
    """Give a value written by this database a new version (None or '' = blanked)."""
    row = find_version(session, record_id, event, form, instance, field)
    if row is None:
        row = ValueVersion(record_id=record_id, event=event, form=form, instance=instance,
                           field=field)
        session.add(row)
    else:
        row.base_uid = row.uid
    row.value = value or None
    row.uid = new_uid()
    row.changed_at = utcnow()
    row.changed_by = username
    row.origin_site = None  # type: ignore[assignment]  # this site's (stamp)
    stamp(session, row)
    return row
