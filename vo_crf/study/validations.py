"""REDCap's built-in text validations: how a value is stored, typed, shown and compared.

REDCap stores every date as ``YYYY-MM-DD`` (datetimes ``YYYY-MM-DD HH:MM`` and
``YYYY-MM-DD HH:MM:SS``) whatever the field's display order (``date_dmy`` shows ``31-12-2024``)
and exports them so in "CSV raw". Numbers with a comma decimal (``number_comma_decimal``,
``number_2dp_comma_decimal``) are stored and exported as typed, with the comma. Everything here
is plain Python (no Qt): the form editors and the entry service share it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vo_crf.study.model import ValidationType

V = ValidationType


@dataclass(frozen=True)
class ValidationSpec:
    """What one validation type accepts: its kind, stored pattern, rule phrase and order."""

    kind: str  # "date", "datetime", "time", "number", "text"
    pattern: re.Pattern[str] | None
    phrase: str
    order: str = "ymd"  # display order of dates: ymd, mdy, dmy
    seconds: bool = False
    comma: bool = False
    decimals: int | None = None


def _re(text: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a whole-value pattern: ASCII digits only (``\\d`` alone matches any script's)."""
    return re.compile(text, flags | re.ASCII)


_I = re.IGNORECASE
_DATE = _re(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = _re(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
_DATETIME_S = _re(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
_DISPLAY = {"ymd": "YYYY-MM-DD", "mdy": "MM-DD-YYYY", "dmy": "DD-MM-YYYY"}


def _dates() -> dict[ValidationType, ValidationSpec]:
    specs: dict[ValidationType, ValidationSpec] = {}
    for order in ("ymd", "mdy", "dmy"):
        shown = _DISPLAY[order]
        specs[V(f"date_{order}")] = ValidationSpec("date", _DATE, f"a valid date ({shown})",
                                                   order)
        specs[V(f"datetime_{order}")] = ValidationSpec(
            "datetime", _DATETIME, f"a valid date and time ({shown} HH:MM)", order)
        specs[V(f"datetime_seconds_{order}")] = ValidationSpec(
            "datetime", _DATETIME_S, f"a valid date and time ({shown} HH:MM:SS)", order, True)
    return specs


def _numbers() -> dict[ValidationType, ValidationSpec]:
    specs = {
        V.INTEGER: ValidationSpec("number", _re(r"^[+-]?\d+$"), "a whole number", decimals=0),
        V.NUMBER: ValidationSpec("number", _re(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
                                 "a number (use a point as decimal separator, e.g. 38.5)"),
        V.NUMBER_COMMA_DECIMAL: ValidationSpec(
            "number", _re(r"^[+-]?(\d+(,\d*)?|,\d+)$"),
            "a number with a comma as decimal separator (e.g. 38,5)", comma=True),
    }
    for places in range(1, 5):
        specs[V(f"number_{places}dp")] = ValidationSpec(
            "number", _re(rf"^[+-]?\d+\.\d{{{places}}}$"),
            f"a number with exactly {places} decimal place(s) (e.g. {1:.{places}f})",
            decimals=places)
        specs[V(f"number_{places}dp_comma_decimal")] = ValidationSpec(
            "number", _re(rf"^[+-]?\d+,\d{{{places}}}$"),
            f"a number with exactly {places} decimal place(s) after a comma "
            f"(e.g. {1:.{places}f})".replace("1.", "1,"), comma=True, decimals=places)
    return specs


_TEXTS = {
    V.EMAIL: ValidationSpec("text", _re(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"), "an e-mail address"),
    V.PHONE: ValidationSpec(
        "text", _re(r"^\(?[2-9]\d{2}\)?[\s.-]*[2-9]\d{2}[\s.-]*\d{4}"
                    r"(\s*(x|ext\.?|extension|#)\s*\d+)?$", _I),
        "a North American phone number (e.g. (615) 322-2222)"),
    V.PHONE_AUSTRALIA: ValidationSpec(
        "text", _re(r"^(\(0[2-8]\)|0[2-8])\s*\d{4}\s*\d{4}$|^04\d{2}\s*\d{3}\s*\d{3}$"),
        "an Australian phone number (e.g. 02 1234 5678 or 0412 345 678)"),
    V.ZIPCODE: ValidationSpec("text", _re(r"^\d{5}(-\d{4})?$"),
                              "a U.S. ZIP code (99999 or 99999-9999)"),
    V.POSTALCODE_AUSTRALIA: ValidationSpec("text", _re(r"^\d{4}$"),
                                           "an Australian postcode (4 digits)"),
    V.POSTALCODE_CANADA: ValidationSpec(
        "text", _re(r"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$", _I),
        "a Canadian postal code (e.g. K1A 0B1)"),
    V.POSTALCODE_FRENCH: ValidationSpec("text", _re(r"^((0[1-9])|([1-8]\d)|(9[0-8])|(2A)|(2B))"
                                                    r"\d{3}$", _I),
                                        "a French postal code (5 digits, e.g. 75013)"),
    V.POSTALCODE_GERMANY: ValidationSpec("text", _re(r"^\d{5}$"),
                                         "a German postal code (5 digits)"),
    V.SSN: ValidationSpec("text", _re(r"^\d{3}-\d{2}-\d{4}$"),
                          "a U.S. social security number (999-99-9999)"),
    V.MRN_10D: ValidationSpec("text", _re(r"^\d{10}$"), "a medical record number of 10 digits"),
    V.MRN_GENERIC: ValidationSpec("text", _re(r"^[a-z0-9_-]+$", _I),
                                  "a medical record number (letters, digits, '-', '_')"),
    V.VMRN: ValidationSpec("text", _re(r"^\d{4,9}$"), "a medical record number of 4 to 9 digits"),
    V.ALPHA_ONLY: ValidationSpec("text", _re(r"^[a-z]+$", _I), "letters only (no spaces)"),
    V.TIME: ValidationSpec("time", _re(r"^([01]\d|2[0-3]):[0-5]\d$"),
                           "a time (HH:MM, 00:00-23:59)"),
    V.TIME_HH_MM_SS: ValidationSpec("time", _re(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$"),
                                    "a time (HH:MM:SS)"),
    V.TIME_MM_SS: ValidationSpec("time", _re(r"^[0-5]\d:[0-5]\d$"), "minutes and seconds (MM:SS)"),
}

SPECS: dict[ValidationType, ValidationSpec] = {**_dates(), **_numbers(), **_TEXTS}
"""Every built-in validation type and what it accepts."""

Typed = dt.date | dt.datetime | dt.time | Decimal | str


def spec(validation: ValidationType) -> ValidationSpec:
    """Return the spec of a validation type."""
    return SPECS[validation]


def parse_stored(text: str, validation: ValidationType) -> Typed | None:
    """Return the typed value of a stored value (for comparisons), None when it is not valid."""
    item = SPECS[validation]
    if item.pattern is not None and not item.pattern.fullmatch(text):
        return None
    try:
        if item.kind == "date":
            return dt.date.fromisoformat(text)
        if item.kind == "datetime":
            return dt.datetime.fromisoformat(text)
        if item.kind == "number":
            return Decimal(text.replace(",", ".") if item.comma else text)
        if item.kind == "time":
            if validation is V.TIME_MM_SS:
                minutes, seconds = text.split(":")
                return dt.time(0, int(minutes), int(seconds))
            return dt.time.fromisoformat(text)
    except (ValueError, InvalidOperation):
        return None
    return text


_TYPED_DATE = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})", re.ASCII)


def _typed_date(text: str, order: str) -> str | None:
    """Return the ISO date of a date typed in ``order`` (or ISO); None when not a date."""
    match = _TYPED_DATE.fullmatch(text)
    if not match:
        return None
    first, second, third = match.groups()
    if len(first) == 4:
        year, month, day = first, second, third
    elif len(third) == 4:
        month, day = (first, second) if order == "mdy" else (second, first)
        year = third
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def to_stored(text: str, validation: ValidationType | None) -> str:
    """Return how REDCap stores a value typed in the field's own display format.

    ``31-12-2024`` in a ``date_dmy`` field is stored ``2024-12-31``; ``12-31-2024 14:05`` in a
    ``datetime_mdy`` field ``2024-12-31 14:05``; ``38.5`` in a comma-decimal field ``38,5``.
    Text that does not fit is returned unchanged (the core then refuses it, naming the rule).
    """
    text = text.strip()
    if not text or validation is None:
        return text
    item = SPECS[validation]
    if item.kind in ("date", "datetime"):
        date_part, _, time_part = text.partition(" ")
        iso = _typed_date(date_part, item.order)
        if iso is None:
            return text
        return f"{iso} {time_part.strip()}" if time_part else iso
    if item.kind == "number" and item.comma and re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", text,
                                                              re.ASCII):
        return text.replace(".", ",")
    if item.kind == "number" and not item.comma and re.fullmatch(r"[+-]?(\d+,\d*|,\d+)", text,
                                                                  re.ASCII):
        return text.replace(",", ".")
    return text


def from_date_order(text: str, order: str) -> str:
    """Return the stored form of a date or datetime written in ``order`` (``dmy``, ``mdy``
    or ``ymd``: REDCap's import option ``dateFormat``), e.g. ``31/12/2024 14:05`` in ``dmy``
    → ``2024-12-31 14:05``. Text that is not such a date is returned unchanged."""
    text = text.strip()
    date_part, _, time_part = text.partition(" ")
    iso = _typed_date(date_part, order)
    if iso is None:
        return text
    return f"{iso} {time_part.strip()}" if time_part.strip() else iso


def to_display(stored: str, validation: ValidationType | None) -> str:
    """Return how a stored value is shown in its field (dates in the field's own order)."""
    if not stored or validation is None:
        return stored
    item = SPECS[validation]
    if item.kind not in ("date", "datetime") or item.order == "ymd":
        return stored
    date_part, _, time_part = stored.partition(" ")
    try:
        date = dt.date.fromisoformat(date_part)
    except ValueError:
        return stored
    if item.order == "dmy":
        shown = f"{date.day:02d}-{date.month:02d}-{date.year:04d}"
    else:
        shown = f"{date.month:02d}-{date.day:02d}-{date.year:04d}"
    return f"{shown} {time_part}" if time_part else shown


def display_pattern(validation: ValidationType) -> str:
    """Return the placeholder of an empty field (``DD-MM-YYYY HH:MM``, ``HH:MM``...)."""
    item = SPECS[validation]
    if item.kind == "date":
        return _DISPLAY[item.order]
    if item.kind == "datetime":
        return _DISPLAY[item.order] + (" HH:MM:SS" if item.seconds else " HH:MM")
    if item.kind == "time":
        return {V.TIME: "HH:MM", V.TIME_HH_MM_SS: "HH:MM:SS"}.get(validation, "MM:SS")
    return ""
