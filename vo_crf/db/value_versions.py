"""Versions of entered values, kept for multi-site sync.

An entered value's version is held in its value row (``ItemValue``'s version columns, 0011);
what has no value row has a ``ValueVersion`` row: a form status (the REDCap-style field
``<form>_complete``), a review mark, a blanked value (a tombstone, so a deletion travels), or a
record's site (its REDCap data access group: the record-level pseudo-field ``@site``, so a
record moved to another site by an import travels too).
The one writer (``vo_crf.write``) versions every entered value it writes or blanks and every
form status change, in the same transaction as the value and its audit row. Calculated fields
are not versioned (``vo_crf.write.clinical.is_versioned``): every node recomputes them from
the entered values.
"""

from __future__ import annotations

from vo_crf.db.marks import is_mark

STATUS_SUFFIX = "_complete"

SITE_FIELD = "@site"
"""The pseudo-field of a record's site (no REDCap field can have this name): its version is
held apart, at event and form ``""``, instance 0 (:func:`site_version_key`); the value is the
site moved to."""

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
