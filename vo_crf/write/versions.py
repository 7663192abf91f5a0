"""The one writer's ORM versions: a new version of an entered value, a status or a review mark.

Used by ``vo_crf.write.clinical.ClinicalWriter`` (deletes, amendments, review marks); the
buffered path (``vo_crf.write.buffered``) writes the same rows in bulk. Every version is
stamped with the transaction's change sequence (``vo_crf.write.stamp``) so that it travels by
sync. Reading versions is ``vo_crf.db.value_versions.find_version``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from vo_crf.db.marks import Mark, put_mark
from vo_crf.db.models import FormInstance, ValueVersion, new_uid, utcnow
from vo_crf.db.value_versions import find_version
from vo_crf.write.stamp import stamp


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


def note_mark(session: Session, record_id: str, instance: FormInstance, mark: Mark,
              username: str | None, actor: str) -> ValueVersion:
    """Set or remove a mark on the form instance and give it a new version (sync).

    ``username`` is who the mark names (None removes it), ``actor`` who made the change.
    """
    version = note_value_change(session, record_id, instance.event, instance.form,
                                instance.instance, str(mark), username, actor)
    put_mark(instance, mark, username, version.changed_at)
    return version
