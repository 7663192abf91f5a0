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

from vo_crf.db.models import FormInstance


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


def put_mark(instance: FormInstance, mark: Mark, username: str | None,
             at: dt.datetime | None) -> None:
    """Set (or with ``username`` None, remove) a mark on the form instance's row only."""
    by, when = _COLUMNS[mark]
    setattr(instance, by, username)
    setattr(instance, when, at if username else None)


