"""Dates for datediff(): parsing stored date/datetime strings and differences in units."""

from __future__ import annotations

import datetime as dt
import re

from vo_crf.logic.values import Value

DATE_FORMATS = frozenset({"ymd", "mdy", "dmy"})

# Divisors applied to a difference in days (y, M, d) or seconds (h, m, s), as in REDCap.
_DAYS_PER = {"y": 365.2425, "M": 30.44, "d": 1.0}
_SECONDS_PER = {"h": 3600.0, "m": 60.0, "s": 1.0}
UNITS = frozenset(_DAYS_PER) | frozenset(_SECONDS_PER)

_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME, re.ASCII)
_OTHER = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + _TIME, re.ASCII)


def parse_datetime(value: Value, today: dt.date, date_format: str = "ymd") -> dt.datetime | None:
    """Return the moment a date or datetime string stands for, or None if it is not one.

    Accepts ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM`` and ``YYYY-MM-DD HH:MM:SS`` (the stored
    forms), the word ``today`` (case-insensitive), and for ``date_format`` "mdy"/"dmy" also
    ``MM-DD-YYYY`` / ``DD-MM-YYYY`` (with ``-``, ``/`` or ``.``). Dates have time 00:00.
    Impossible dates (2021-02-30) and anything that is not text give None.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.lower() == "today":
        return dt.datetime.combine(today, dt.time())
    if match := _YMD.fullmatch(text):
        year, month, day = match.group(1, 2, 3)
    elif date_format in ("mdy", "dmy") and (match := _OTHER.fullmatch(text)):
        first, second, year = match.group(1, 2, 3)
        month, day = (first, second) if date_format == "mdy" else (second, first)
    else:
        return None
    hour, minute, second_text = match.group(4, 5, 6)
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                           int(second_text or 0))
    except ValueError:
        return None


def datediff(start: dt.datetime, end: dt.datetime, unit: str, signed: bool) -> float:
    """Return ``end - start`` in ``unit`` (y, M, d, h, m, s); absolute unless ``signed``.

    Years are days / 365.2425 and months days / 30.44, exactly as REDCap computes them, so
    the result is fractional; wrap it in rounddown() for an age in completed years.
    """
    seconds = (end - start).total_seconds()
    if unit in _DAYS_PER:
        result = seconds / 86400.0 / _DAYS_PER[unit]
    elif unit in _SECONDS_PER:
        result = seconds / _SECONDS_PER[unit]
    else:
        raise ValueError(f"unknown datediff unit {unit!r}")
    return result if signed else abs(result)
