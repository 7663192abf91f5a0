"""Values computed by action tags: ``@CALCTEXT(logic)`` and ``@CALCDATE(date, offset, unit)``.

REDCap computes them on the form and saves the result as the field's value; here the core
computes them whenever a form is assessed or saved (``assessment.resolve_form``), so a saved
value is always the computed one, whatever the client sent.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from vo_crf.entry.record_values import RecordLookup
from vo_crf.logic import Expression, LogicEvalError, format_calc_value, parse
from vo_crf.study.model import FieldDef

_UNITS = {"y": 365.2425 * 86400, "M": 30.44 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1}
"""Seconds per @CALCDATE unit (REDCap's datediff units)."""


@lru_cache(maxsize=1024)
def _compiled(source: str) -> Expression:
    return parse(source)


def compute_tagged(fdef: FieldDef, lookup: RecordLookup, today: dt.date) -> str:
    """Return the value of a @CALCTEXT or @CALCDATE field ('' when it cannot be computed)."""
    tags = fdef.tags
    try:
        if tags.calctext is not None:
            return format_calc_value(_compiled(tags.calctext).evaluate(lookup, today))
        if tags.calcdate is not None:
            return _calcdate(fdef, tags.calcdate, lookup, today)
    except LogicEvalError:
        return ""
    return ""


def _calcdate(fdef: FieldDef, arguments: tuple[str, str, str], lookup: RecordLookup,
              today: dt.date) -> str:
    start_text, offset_text, unit = arguments
    start = _compiled(start_text).evaluate(lookup, today)
    offset = _compiled(offset_text).evaluate(lookup, today)
    if start is None or offset is None or unit not in _UNITS:
        return ""
    text = start.isoformat(" ") if isinstance(start, dt.datetime) else str(start)
    try:
        moment = dt.datetime.fromisoformat(text.replace("T", " "))
        seconds = float(offset) * _UNITS[unit]
    except (TypeError, ValueError):
        return ""
    result = moment + dt.timedelta(seconds=seconds)
    if fdef.is_datetime:
        seconds_shown = fdef.validation is not None and "seconds" in fdef.validation.value
        return result.strftime("%Y-%m-%d %H:%M:%S" if seconds_shown else "%Y-%m-%d %H:%M")
    return result.strftime("%Y-%m-%d")
