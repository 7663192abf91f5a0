"""A field's typed values and its dictionary min/max, as the study defines them.

The loader checks each field's bounds with ``parse_bound`` when it reads the dictionary; the
value checks (``vo_crf.entry.values``), the data-quality checks and amendments compare typed
values and bounds with the same two functions.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from vo_crf.study.model import ValidationType
from vo_crf.study.validations import parse_stored, spec

_ANY_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)", re.ASCII)

Bound = dt.date | dt.datetime | dt.time | Decimal | str


@lru_cache(maxsize=1024)
def parse_bound(text: str, validation: ValidationType) -> Bound:
    """Parse a dictionary min/max; ``today``/``now`` stay symbolic. Raise ValueError if bad.

    Bounds are written as REDCap stores values (dates ``YYYY-MM-DD`` whatever the display order).
    """
    if text.lower() in ("today", "now"):
        if spec(validation).kind not in ("date", "datetime"):
            raise ValueError(f"{text!r} is only allowed for dates")
        return text.lower()
    if spec(validation).kind == "number" and _ANY_NUMBER.fullmatch(text):
        return Decimal(text.replace(",", "."))  # a bound of a 1dp field may be written "0"
    parsed = parse_typed(text, validation)
    if parsed is None:
        raise ValueError(f"not a valid {validation}")
    return parsed


def parse_typed(text: str, validation: ValidationType | None) -> Bound | None:
    """Return the typed value of ``text`` for a validation type, or None when it does not parse."""
    if validation is None:
        return text
    return parse_stored(text, validation)
