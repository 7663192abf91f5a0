"""Checking one value against its field definition: type, date, choice list, range."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from vo_crf.entry import message_templates as wording
from vo_crf.entry.message_templates import field_title as field_title  # re-exported
from vo_crf.entry.message_templates import templated
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.study.bounds import Bound, parse_bound, parse_typed
from vo_crf.study.model import FieldDef, FieldType, ValidationType
from vo_crf.study.validations import spec, to_stored

# ASCII digits only (``\d`` alone also matches other scripts' digits), whole string only
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a value may not hold (tab and line feed are allowed)."""
_SHOWN_CHARS = 40

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


def check_value(field: FieldDef, value: str, missing_codes: frozenset[str],
                today: dt.date | None = None) -> list[Message]:
    """Check one non-blank stored value; return errors (refused) and warnings (need a reason)."""
    if value == "" or not field.holds_data or field.field_type is FieldType.CALC:
        return []
    if value in missing_codes:
        return []
    bad = control_character(value)
    if bad is not None:
        return [templated(field.name, Severity.ERROR, Rule.TYPE, wording.CONTROL_CHARACTER,
                          field=field, char=f"U+{ord(bad):04X}",
                          position=value.index(bad) + 1)]
    if field.annotation and "@" in field.annotation:
        tagged = _check_action_tags(field, value)
        if tagged:
            return tagged
    if field.field_type is FieldType.CHECKBOX:
        return _check_checkbox(field, value)
    if field.is_coded:
        codes = {c.code for c in field.choices}
        if value not in codes:
            allowed = ", ".join(f"{c.code} = {c.label}" for c in field.choices)
            return [templated(field.name, Severity.ERROR, Rule.CHOICE, wording.NOT_A_CHOICE,
                              field=field, value=shown(value), allowed=allowed)]
        return []
    if field.field_type is FieldType.TEXT and field.validation is not None:
        return _check_validated_text(field, value, today or dt.date.today())
    if field.field_type is FieldType.SLIDER:
        return _check_slider(field, value)
    return []


def slider_range(field: FieldDef) -> tuple[int, int]:
    """Return a slider's lowest and highest value (REDCap's default: 0 to 100)."""
    low = int(field.min_value) if field.min_value.lstrip("-").isdigit() else 0
    high = int(field.max_value) if field.max_value.lstrip("-").isdigit() else 100
    return low, high


def _check_slider(field: FieldDef, value: str) -> list[Message]:
    low, high = slider_range(field)
    if not value.lstrip("-").isdigit() or not low <= int(value) <= high:
        return [templated(field.name, Severity.ERROR, Rule.RANGE, wording.NOT_ON_SLIDER,
                          field=field, value=repr(value), low=low, high=high)]
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
        self._normalized: dict[tuple[str, str], str] = {}

    def normalize(self, field: FieldDef, value: str) -> str:
        """Return ``normalize_input(field, value)``, remembered (a pure function of both:
        an import normalises each value two or three times, and the same texts often)."""
        normalized = self._normalized
        key = (field.name, value)
        found = normalized.get(key)
        if found is None:
            found = normalize_input(field, value)
            if len(normalized) >= self._limit:
                normalized.clear()
            normalized[key] = found
        return found

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


def _check_action_tags(field: FieldDef, value: str) -> list[Message]:
    """The rules of the field annotation: @CHARLIMIT, @MAXCHECKED, @NONEOFTHEABOVE."""
    tags = field.tags
    if tags.char_limit is not None and len(value) > tags.char_limit:
        return [templated(field.name, Severity.ERROR, Rule.ACTION_TAG, wording.CHAR_LIMIT,
                          field=field, count=len(value), limit=tags.char_limit)]
    if field.field_type is not FieldType.CHECKBOX:
        return []
    chosen = [c for c in value.split(",") if c]
    if tags.max_checked is not None and len(chosen) > tags.max_checked:
        return [templated(field.name, Severity.ERROR, Rule.ACTION_TAG, wording.MAX_CHECKED,
                          field=field, count=len(chosen), limit=tags.max_checked)]
    exclusive = [c for c in chosen if c in tags.none_of_the_above]
    if exclusive and len(chosen) > 1:
        return [templated(field.name, Severity.ERROR, Rule.ACTION_TAG,
                          wording.NONE_OF_THE_ABOVE, field=field,
                          none=f"{exclusive[0]} = {field.choice_label(exclusive[0])}")]
    return []


def _check_checkbox(field: FieldDef, value: str) -> list[Message]:
    codes = {c.code for c in field.choices}
    chosen = [c for c in value.split(",") if c]
    unknown = [c for c in chosen if c not in codes]
    if unknown:
        return [templated(field.name, Severity.ERROR, Rule.CHOICE, wording.NOT_IN_CHOICE_LIST,
                          field=field, codes=shown(", ".join(unknown)))]
    return []


def _check_validated_text(field: FieldDef, value: str, today: dt.date) -> list[Message]:
    validation = field.validation
    assert validation is not None
    typed = parse_typed(value, validation)
    if typed is None:
        template = _type_template(validation)
        if template:
            return [templated(field.name, Severity.ERROR, _type_rule(validation), template,
                              field=field, value=shown(value))]
        return [templated(field.name, Severity.ERROR, _type_rule(validation), wording.NOT_VALID,
                          field=field, value=shown(value), phrase=_type_phrase(validation))]
    messages: list[Message] = []
    for bound_text, is_min in ((field.min_value, True), (field.max_value, False)):
        if not bound_text:
            continue
        bound = _resolve_bound(parse_bound(bound_text, validation), today, validation)
        if (is_min and typed < bound) or (not is_min and typed > bound):  # type: ignore[operator]
            if bound_text.lower() in ("today", "now"):
                template = wording.BELOW_MINIMUM_TODAY if is_min else wording.ABOVE_MAXIMUM_TODAY
                limit = str(bound)
            else:
                template = wording.BELOW_MINIMUM if is_min else wording.ABOVE_MAXIMUM
                limit = bound_text
            echoed = value if len(value) <= _SHOWN_CHARS else shown(value)
            messages.append(templated(field.name, Severity.WARNING, Rule.RANGE, template,
                                      field=field, value=echoed, bound=limit))
    return messages


def _resolve_bound(bound: Bound, today: dt.date, validation: ValidationType) -> Bound:
    if bound == "today" or bound == "now":
        if spec(validation).kind == "datetime":
            return dt.datetime.combine(today, dt.time(23, 59, 59))
        return today
    return bound


def _type_rule(validation: ValidationType) -> Rule:
    if spec(validation).kind in ("date", "datetime"):
        return Rule.DATE
    return Rule.TYPE


def _type_template(validation: ValidationType) -> str:
    """The translatable wording of the common validations ('' for the others)."""
    return {
        ValidationType.INTEGER: wording.NOT_INTEGER,
        ValidationType.NUMBER: wording.NOT_NUMBER,
        ValidationType.DATE_YMD: wording.NOT_DATE,
        ValidationType.DATETIME_YMD: wording.NOT_DATETIME,
        ValidationType.EMAIL: wording.NOT_EMAIL,
    }.get(validation, "")


def _type_phrase(validation: ValidationType) -> str:
    item = spec(validation)
    if item.kind in ("date", "datetime") and item.order != "ymd":
        return item.phrase.replace("(", "(YYYY-MM-DD or ", 1)
    return item.phrase


_NFKC_VALIDATIONS = frozenset({ValidationType.INTEGER, ValidationType.NUMBER,
                                ValidationType.DATE_YMD, ValidationType.DATETIME_YMD,
                                ValidationType.EMAIL})
"""Validated texts whose look-alike characters (full-width digits, ``＋``, ``＠``) mean ASCII."""


_NOTES, _TEXT, _CHECKBOX = FieldType.NOTES, FieldType.TEXT, FieldType.CHECKBOX
_INTEGER_TEXT, _NUMBER_TEXT = ValidationType.INTEGER, ValidationType.NUMBER
"""Enum members ``normalize_input`` compares with, read once: on Python 3.11 reading an Enum
member costs about 0.1 µs, and an import normalises every value three times."""


def normalize_input(field: FieldDef, value: str) -> str:
    """Return the canonical stored form of user input.

    Line breaks become LF (CRLF and a lone CR too); the value is trimmed (notes only at the
    end); validated texts (numbers, dates, e-mail addresses...) are NFKC-normalised, so
    full-width digits are stored as ASCII digits; integers and numbers lose a leading ``+``
    (and integers their leading zeros); a date typed in its field's own order (``31-12-2024``
    for ``date_dmy``) is stored as REDCap stores it (``2024-12-31``); checkbox codes come in
    list order. Free text keeps its characters (NFKC would turn ``m²`` into ``m2``). What
    still is not valid is refused by ``check_value``.
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    field_type = field.field_type
    value = value.strip() if field_type is not _NOTES else value.rstrip()
    validation = field.validation
    if validation is not None and field_type is _TEXT:
        if not value.isascii():
            value = unicodedata.normalize("NFKC", value).strip()
        if validation is _INTEGER_TEXT and _INTEGER.fullmatch(value):
            digits = value.lstrip("+-").lstrip("0") or "0"
            value = f"-{digits}" if value.startswith("-") and digits != "0" else digits
        elif validation is _NUMBER_TEXT and value.startswith("+") \
                and _NUMBER.fullmatch(value):
            value = value[1:]
        elif field.is_date and spec(validation).order != "ymd":
            value = to_stored(value, validation)  # 31-12-2024 in a date_dmy field
        return value
    if field.is_coded and not value.isascii():
        value = unicodedata.normalize("NFKC", value)
    if field_type is _CHECKBOX and value:
        chosen = set(value.split(","))
        ordered = [c.code for c in field.choices if c.code in chosen]
        extra = sorted(chosen - set(ordered) - {""})
        return ",".join(ordered + extra)
    return value
