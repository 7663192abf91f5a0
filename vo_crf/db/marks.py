"""Review marks of a form instance (lock, verification, e-signature) as versioned pseudo-fields.

Each mark is kept in ``form_instances`` (``locked_by/at``, ``verified_by/at``,
``signed_by/at``) and, for multi-site sync, as a value version of the pseudo-field ``@lock``,
``@verify`` or ``@sign`` (a name no REDCap field can have): the value is the user who set the
mark, None once it is removed, and ``changed_at`` is when. Marks merge between nodes by time
(the later mark wins, ties broken by uid), so every node ends with the same marks.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy.orm import Session

from vo_crf.db.models import FormInstance, ValueVersion
from vo_crf.db.value_versions import find_version


class Mark(StrEnum):
    """A review mark, named as its pseudo-field."""

    LOCK = "@lock"
    VERIFY = "@verify"
    SIGN = "@sign"


MARK_FIELDS = frozenset(str(mark) for mark in Mark)
_COLUMNS = {Mark.LOCK: ("locked_by", "locked_at"), Mark.VERIFY: ("verified_by", "verified_at"),
            Mark.SIGN: ("signed_by", "signed_at")}


def is_mark(field: str) -> bool:
    """True for the pseudo-field of a review mark."""
    return field in MARK_FIELDS


def mark_of(instance: FormInstance, mark: Mark) -> tuple[str | None, dt.datetime | None]:
    """Return who set a mark on the form instance and when (None, None: not set)."""
    by, at = _COLUMNS[mark]
    return getattr(instance, by), getattr(instance, at)


def put_mark(instance: FormInstance, mark: Mark, username: str | None,
             at: dt.datetime | None) -> None:
    """Set (or with ``username`` None, remove) a mark on the form instance's row only."""
    by, when = _COLUMNS[mark]
    setattr(instance, by, username)
    setattr(instance, when, at if username else None)


def mark_version(session: Session, record_id: str, instance: FormInstance,
                 mark: Mark) -> ValueVersion | None:
    """Return the version row of a mark (None if the mark was never set here)."""
    return find_version(session, record_id, instance.event, instance.form, instance.instance,
                        str(mark))
