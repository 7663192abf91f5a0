"""Checking one value against its field definition: type, date, choice list, range."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from vo_crf.entry import message_templates as wording
from vo_crf.entry.message_templates import field_title as field_title  # re-exported
from vo_crf.entry.message_templates import templated
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.study.model import FieldDef, FieldType, ValidationType

_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

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
        return Decimal(text) if _INTEGER.match(text) else None
    if validation is ValidationType.NUMBER:
        if not _NUMBER.match(text):
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    if validation is ValidationType.DATE_YMD:
        if not _DATE.match(text):
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if validation is ValidationType.DATETIME_YMD:
        if not _DATETIME.match(text):
            return None
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    return text


def check_value(field: FieldDef, value: str, missing_codes: frozenset[str],
                today: dt.date | None = None) -> list[Message]:
    """Check one non-blank stored value; return errors (refused) and warnings (need a reason)."""
    if value == "" or not field.holds_data or field.field_type is FieldType.CALC:
        return []
    if value in missing_codes and field.field_type is not FieldType.CALC:
        return []
    if field.field_type is FieldType.CHECKBOX:
        return _check_checkbox(field, value)
    if field.is_coded:
        codes = {c.code for c in field.choices}
        if value not in codes:
            allowed = ", ".join(f"{c.code} = {c.label}" for c in field.choices)
            return [templated(field.name, Severity.ERROR, Rule.CHOICE, wording.NOT_A_CHOICE,
                              field=field, value=repr(value), allowed=allowed)]
        return []
    if field.field_type is FieldType.TEXT and field.validation is not None:
        return _check_validated_text(field, value, today or dt.date.today())
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


def _check_checkbox(field: FieldDef, value: str) -> list[Message]:
    codes = {c.code for c in field.choices}
    chosen = [c for c in value.split(",") if c]
    unknown = [c for c in chosen if c not in codes]
    if unknown:
        return [templated(field.name, Severity.ERROR, Rule.CHOICE, wording.NOT_IN_CHOICE_LIST,
                          field=field, codes=", ".join(unknown))]
    return []


def _check_validated_text(field: FieldDef, value: str, today: dt.date) -> list[Message]:
    validation = field.validation
    assert validation is not None
    typed = parse_typed(value, validation)
    if typed is None:
        return [templated(field.name, Severity.ERROR, _type_rule(validation),
                          _type_template(validation), field=field, value=repr(value))]
    if validation is ValidationType.EMAIL and not _EMAIL.match(value):
        return [templated(field.name, Severity.ERROR, Rule.TYPE, wording.NOT_EMAIL, field=field,
                          value=repr(value))]
    messages: list[Message] = []
    for bound_text, is_min in ((field.min_value, True), (field.max_value, False)):
        if not bound_text:
            continue
        bound = _resolve_bound(parse_bound(bound_text, validation), today, validation)
        if (is_min and typed < bound) or (not is_min and typed > bound):  # type: ignore[operator]
            if bound_text.lower() in ("today", "now"):
                template = wording.BELOW_MINIMUM_TODAY if is_min else wording.ABOVE_MAXIMUM_TODAY
                shown = str(bound)
            else:
                template = wording.BELOW_MINIMUM if is_min else wording.ABOVE_MAXIMUM
                shown = bound_text
            messages.append(templated(field.name, Severity.WARNING, Rule.RANGE, template,
                                      field=field, value=value, bound=shown))
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


def _type_template(validation: ValidationType) -> str:
    return {
        ValidationType.INTEGER: wording.NOT_INTEGER,
        ValidationType.NUMBER: wording.NOT_NUMBER,
        ValidationType.DATE_YMD: wording.NOT_DATE,
        ValidationType.DATETIME_YMD: wording.NOT_DATETIME,
        ValidationType.EMAIL: wording.NOT_EMAIL,
    }[validation]


def normalize_input(field: FieldDef, value: str) -> str:
    """Return the canonical stored form of user input: trimmed; checkbox codes in list order."""
    value = value.strip() if field.field_type is not FieldType.NOTES else value.rstrip()
    if field.field_type is FieldType.CHECKBOX and value:
        chosen = set(value.split(","))
        ordered = [c.code for c in field.choices if c.code in chosen]
        extra = sorted(chosen - set(ordered) - {""})
        return ",".join(ordered + extra)
    return value
