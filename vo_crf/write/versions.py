"""The one writer's ORM versions: a new version of an entered value, a status or a review mark.

Used by ``vo_crf.write.clinical.ClinicalWriter`` (deletes, amendments, review marks); the
buffered path (``vo_crf.write.buffered``) writes the same versions in bulk. A stored value's
version is held in its value row; a status, a mark or a blanked value's in ``value_versions``
(``vo_crf.db.value_versions``). Every version is stamped with the transaction's change
sequence (``vo_crf.write.stamp``) so that it travels by sync.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from vo_crf.db.marks import Mark, put_mark
from vo_crf.db.models import FormInstance, ItemValue, ValueVersion, new_uid, utcnow
from vo_crf.db.value_versions import Version, find_value_row, find_version_row, held_apart
from vo_crf.write.stamp import stamp

_VERSION_COLUMNS = ("uid", "base_uid", "changed_at", "changed_by", "origin_site", "seq",
                    "synced_uid")


def clear_version(item: ItemValue) -> None:
    """Take the version out of a value row (its version moved to ``value_versions``)."""
    for name in _VERSION_COLUMNS:
        setattr(item, name, None)


def note_value_change(session: Session, record_id: str, event: str, form: str, instance: int,
                      field: str, value: str | None, username: str) -> Version:
    """Give a value written by this database a new version (None or '' = blanked).

    The value row, when the value is stored, must already hold ``value`` (it holds the
    version); a blanked value's version is a tombstone row of ``value_versions``.
    """
    value = value or None
    item = None if held_apart(form, field) else find_value_row(
        session, record_id, event, form, instance, field)
    apart = find_version_row(session, record_id, event, form, instance, field)
    previous = item.uid if item is not None and item.uid is not None else (
        apart.uid if apart is not None else None)
    row: Version
    if item is not None and value is not None:
        row = item
        if apart is not None:  # a tombstone: the value was entered again
            session.delete(apart)
    else:
        if item is not None and item.uid is not None:
            clear_version(item)
        if apart is None:
            apart = ValueVersion(record_id=record_id, event=event, form=form,
                                 instance=instance, field=field)
            session.add(apart)
        apart.value = value
        row = apart
    row.base_uid = previous
    row.uid = new_uid()
    row.changed_at = utcnow()
    row.changed_by = username
    row.origin_site = None  # this site's (stamp)
    stamp(session, row)
    return row


def note_mark(session: Session, record_id: str, instance: FormInstance, mark: Mark,
              username: str | None, actor: str) -> ValueVersion:
    """Set or remove a mark on the form instance and give it a new version (sync).

    ``username`` is who the mark names (None removes it), ``actor`` who made the change.
    """
    version = note_value_change(session, record_id, instance.event, instance.form,
                                instance.instance, str(mark), username, actor)
    assert isinstance(version, ValueVersion)  # marks are held apart
    put_mark(instance, mark, username, version.changed_at)
    return version
