"""Versions of entered values, kept for multi-site sync (see ``ValueVersion``).

The one writer (``vo_crf.write.versions`` for the ORM paths, ``vo_crf.write.buffered`` for
saves and imports) versions every entered value it writes or blanks and every form status
change (as the REDCap-style field ``<form>_complete``), in the same transaction as the value
and its audit row. Calculated fields are not versioned
(``vo_crf.write.clinical.is_versioned``): every node recomputes them from the entered values.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.db.models import ValueVersion

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
