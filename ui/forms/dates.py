"""Dates as typed and shown: ISO (2024-03-05) or day/month/year (05/03/2024); stored as ISO."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def parse_date(text: str) -> str | None:
    """Return the ISO form of a typed date, '' for blank, None when it is not a date.

    Accepted: ``2024-03-05``, ``05/03/2024``, ``5.3.2024``, ``05032024`` and ``t``/``today``.
    Day/month order is always day first (the study's convention), whatever the display format.
    """
    text = text.strip()
    if not text:
        return ""
    if text.lower() in ("t", "today"):
        return dt.date.today().isoformat()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY.match(text) or _DIGITS.match(text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def format_date(iso: str, date_format: str) -> str:
    """Return how a stored ISO date is shown (anything else is shown unchanged)."""
    if date_format != "dmy":
        return iso
    try:
        date = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{date.day:02d}/{date.month:02d}/{date.year:04d}"


def moment_text(at: dt.datetime, date_format: str) -> str:
    """Show a stored time stamp (UTC, naive as stored) in local time, in the user's format."""
    local = (at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at).astimezone()
    return local.strftime("%d/%m/%Y %H:%M" if date_format == "dmy" else "%Y-%m-%d %H:%M")


def placeholder(date_format: str) -> str:
    """Return the placeholder shown in an empty date field."""
    if date_format == "dmy":
        return QCoreApplication.translate("Dates", "DD/MM/YYYY")
    return QCoreApplication.translate("Dates", "YYYY-MM-DD")
