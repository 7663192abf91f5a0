"""Checking one value against its field definition: type, date, choice list, range."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.study.model import FieldDef, FieldType, ValidationType

# ASCII digits only (``\d`` alone also matches other scripts' digits), whole string only
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a value may not hold (tab and line feed are allowed)."""
_SHOWN_CHARS = 40

Bound = dt.date | dt.datetime | Decimal | str


@lru_cache(maxsize=1024)
def parse_bound(text: str, validation: ValidationType) -> Bound:
    """Parse a dictionary min/max; ``today``/``now`` stay symbolic. Raise ValueError if bad."""
    if text.lower() in ("today", "now"):
        if validation not in (ValidationType.DATE_YMD, ValidationType.DATETIME_YMD):
            raise ValueError(f"{text!r} is only allowed for dates")
        return text.lower()
    parsed = parse_typed(text, validation)
    if parsed is None:
        raise ValueError(f"not a valid {validation}")
    return parsed


def parse_typed(text: str, validation: ValidationType | None) -> Bound | None:
    """Return the typed value of ``text`` for a validation type, or None when it does not parse."""
    if validation is ValidationType.INTEGER:
        return Decimal(text) if _INTEGER.fullmatch(text) else None
    if validation is ValidationType.NUMBER:
        if not _NUMBER.fullmatch(text):
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    if validation is ValidationType.DATE_YMD:
        if not _DATE.fullmatch(text):
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if validation is ValidationType.DATETIME_YMD:
        if not _DATETIME.fullmatch(text):
            return None
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    return text


def shown(value: str, limit: int = _SHOWN_CHARS) -> str:
    """Return how a message echoes a value: quoted, cut to ``limit`` characters with its length.

    A 100,000-character id or cell is never repeated in full in a message.
    """
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value):,} characters)"


def control_character(value: str) -> str | None:
    """Return the first control character of ``value`` other than tab and line feed, or None."""
    found = _CONTROL.search(value) if not value.isprintable() else None
    return found.group() if found else None


def field_title(field: FieldDef) -> str:
    """Return how a message names a field: its label and its variable name."""
    return f"{field.label} ({field.name})" if field.label else field.name


def check_value(field: FieldDef, value: str, missing_codes: frozenset[str],
                today: dt.date | None = None) -> list[Message]:
    """Check one non-blank stored value; return errors (refused) and warnings (need a reason)."""
    if value == "" or not field.holds_data or field.field_type is FieldType.CALC:
        return []
    if value in missing_codes and field.field_type is not FieldType.CALC:
        return []
    title = field_title(field)
    bad = control_character(value)
    if bad is not None:
        return [Message(field.name, Severity.ERROR, Rule.TYPE,
                        f"{title}: contains the control character U+{ord(bad):04X} at "
                        f"position {value.index(bad) + 1}; only tabs and line breaks are "
                        "allowed")]
    if field.field_type is FieldType.CHECKBOX:
        return _check_checkbox(field, value, title)
    if field.is_coded:
        codes = {c.code for c in field.choices}
        if value not in codes:
            allowed = ", ".join(f"{c.code} = {c.label}" for c in field.choices)
            return [Message(field.name, Severity.ERROR, Rule.CHOICE,
                            f"{title}: {shown(value)} is not one of the choices ({allowed})")]
        return []
    if field.field_type is FieldType.TEXT and field.validation is not None:
        return _check_validated_text(field, value, title, today or dt.date.today())
    return []


class CheckCache:
    """``check_value`` with its answers remembered, for code that checks many values.

    ``check_value`` is a pure function of the field, the value, the missing-data codes and
    ``today``; imports check the same dates, codes and numbers over and over. One cache serves
    one study (fields are told apart by name) and one set of missing-data codes; it forgets
    everything when ``today`` changes or when it has ``limit`` answers. The answers are tuples
    (shared between calls: never change them).
    """

    def __init__(self, missing_codes: frozenset[str], limit: int = 50_000) -> None:
        self._missing = missing_codes
        self._limit = limit
        self._today: dt.date | None = None
        self._answers: dict[tuple[str, str], tuple[Message, ...]] = {}

    def check(self, field: FieldDef, value: str, today: dt.date) -> tuple[Message, ...]:
        """Return ``tuple(check_value(field, value, missing_codes, today))``."""
        if value == "":
            return ()
        if today != self._today:
            self._answers = {}
            self._today = today
        answers = self._answers
        key = (field.name, value)
        found = answers.get(key)
        if found is None:
            found = tuple(check_value(field, value, self._missing, today))
            if len(answers) >= self._limit:
                answers.clear()
            answers[key] = found
        return found


def _check_checkbox(field: FieldDef, value: str, title: str) -> list[Message]:
    codes = {c.code for c in field.choices}
    chosen = [c for c in value.split(",") if c]
    unknown = [c for c in chosen if c not in codes]
    if unknown:
        return [Message(field.name, Severity.ERROR, Rule.CHOICE,
                        f"{title}: option(s) {shown(', '.join(unknown))} not in the "
                        "choice list")]
    return []


def _check_validated_text(field: FieldDef, value: str, title: str,
                          today: dt.date) -> list[Message]:
    validation = field.validation
    assert validation is not None
    typed = parse_typed(value, validation)
    if typed is None:
        return [Message(field.name, Severity.ERROR, _type_rule(validation),
                        f"{title}: {shown(value)} is not {_type_phrase(validation)}")]
    if validation is ValidationType.EMAIL and not _EMAIL.fullmatch(value):
        return [Message(field.name, Severity.ERROR, Rule.TYPE,
                        f"{title}: {shown(value)} is not an e-mail address")]
    messages: list[Message] = []
    for bound_text, is_min in ((field.min_value, True), (field.max_value, False)):
        if not bound_text:
            continue
        bound = _resolve_bound(parse_bound(bound_text, validation), today, validation)
        if (is_min and typed < bound) or (not is_min and typed > bound):  # type: ignore[operator]
            word = "below the minimum" if is_min else "above the maximum"
            limit = bound_text if bound_text.lower() not in ("today", "now") else (
                f"today ({bound})")
            echoed = value if len(value) <= _SHOWN_CHARS else shown(value)
            messages.append(Message(field.name, Severity.WARNING, Rule.RANGE,
                                    f"{title}: {echoed} is {word} {limit}"))
    return messages


def _resolve_bound(bound: Bound, today: dt.date, validation: ValidationType) -> Bound:
    if bound == "today" or bound == "now":
        if validation is ValidationType.DATETIME_YMD:
            return dt.datetime.combine(today, dt.time(23, 59, 59))
        return today
    return bound


def _type_rule(validation: ValidationType) -> Rule:
    if validation in (ValidationType.DATE_YMD, ValidationType.DATETIME_YMD):
        return Rule.DATE
    return Rule.TYPE


def _type_phrase(validation: ValidationType) -> str:
    return {
        ValidationType.INTEGER: "a whole number",
        ValidationType.NUMBER: "a number (use a point as decimal separator, e.g. 38.5)",
        ValidationType.DATE_YMD: "a valid date (YYYY-MM-DD)",
        ValidationType.DATETIME_YMD: "a valid date and time (YYYY-MM-DD HH:MM)",
        ValidationType.EMAIL: "an e-mail address",
    }[validation]


_NFKC_VALIDATIONS = frozenset({ValidationType.INTEGER, ValidationType.NUMBER,
                                ValidationType.DATE_YMD, ValidationType.DATETIME_YMD,
                                ValidationType.EMAIL})
"""Validated texts whose look-alike characters (full-width digits, ``＋``, ``＠``) mean ASCII."""


def normalize_input(field: FieldDef, value: str) -> str:
    """Return the canonical stored form of user input.

    Line breaks become LF (CRLF and a lone CR too); the value is trimmed (notes only at the
    end); numbers, dates and e-mail addresses are NFKC-normalised, so full-width digits are
    stored as ASCII digits; integers and numbers lose a leading ``+`` (and integers their
    leading zeros); checkbox codes come in list order. Free text keeps its characters (NFKC
    would turn ``m²`` into ``m2``). What still is not valid is refused by ``check_value``.
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.strip() if field.field_type is not FieldType.NOTES else value.rstrip()
    validation = field.validation
    if validation is not None and field.field_type is FieldType.TEXT:
        if validation in _NFKC_VALIDATIONS and not value.isascii():
            value = unicodedata.normalize("NFKC", value).strip()
        if validation is ValidationType.INTEGER and _INTEGER.fullmatch(value):
            digits = value.lstrip("+-").lstrip("0") or "0"
            value = f"-{digits}" if value.startswith("-") and digits != "0" else digits
        elif validation is ValidationType.NUMBER and value.startswith("+") \
                and _NUMBER.fullmatch(value):
            value = value[1:]
        return value
    if field.is_coded and not value.isascii():
        value = unicodedata.normalize("NFKC", value)
    if field.field_type is FieldType.CHECKBOX and value:
        chosen = set(value.split(","))
        ordered = [c.code for c in field.choices if c.code in chosen]
        extra = sorted(chosen - set(ordered) - {""})
        return ",".join(ordered + extra)
    return value
