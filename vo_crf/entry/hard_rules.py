"""Checking the study's hard rules (impossible facts) against one record: pure, no database.

The rules come from ``hard_rules`` of ``project.json`` (``vo_crf.study.hard_rules``). A
date-order rule compares the dates wherever they are in the record: within one form instance
when both fields share a form, else every instance of one against every instance of the other
(the birth date at M0 against the clinical visit date at M3, M6 and the end of follow-up).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vo_crf.entry import message_templates as wording
from vo_crf.entry.message_templates import templated
from vo_crf.entry.messages import Rule as MessageRule
from vo_crf.entry.messages import Severity
from vo_crf.entry.record_values import InstanceKey, RecordValues
from vo_crf.study.model import FieldDef, HardRule, Study


@dataclass(frozen=True)
class DateSide:
    """One dated value of a record: where it is, its field, its text and its date."""

    key: InstanceKey
    field: str
    text: str
    day: dt.date


@dataclass(frozen=True)
class Violation:
    """One pair of dates breaking a date-order hard rule (``later`` is before ``earlier``)."""

    rule: HardRule
    later: DateSide
    earlier: DateSide

    def touches(self, key: InstanceKey) -> bool:
        """True when one of the two dates is in form instance ``key``."""
        return key in (self.later.key, self.earlier.key)


def typed_date(text: str) -> dt.date | None:
    """The date of a stored date or datetime text (None: blank, a missing-data code, bad)."""
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        return None


def _dates(study: Study, record: RecordValues, name: str) -> list[DateSide]:
    form = study.field(name).form
    found: list[DateSide] = []
    for key, values in record.forms.items():
        if key.form != form:
            continue
        text = values.get(name, "")
        day = typed_date(text)
        if day is not None:
            found.append(DateSide(key, name, text, day))
    return found


def date_order_violations(study: Study, record: RecordValues, rule: HardRule,
                          later_fields: frozenset[str] | None = None) -> list[Violation]:
    """Every pair of dates of ``record`` breaking ``rule`` (only ``later_fields`` if given)."""
    earlier_form = study.field(rule.not_before).form
    earliers = _dates(study, record, rule.not_before)
    if not earliers:
        return []
    found: list[Violation] = []
    for name in rule.fields:
        if later_fields is not None and name not in later_fields:
            continue
        same_form = study.field(name).form == earlier_form
        for later in _dates(study, record, name):
            for earlier in earliers:
                if same_form and later.key != earlier.key:
                    continue
                if later.day < earlier.day:
                    found.append(Violation(rule, later, earlier))
    return found


def violations_touching(study: Study, record: RecordValues, rule: HardRule,
                        key: InstanceKey, later_here: tuple[str, ...]) -> list[Violation]:
    """The violations of ``rule`` one of whose dates is in form instance ``key``.

    ``later_here``: the rule's later fields on the instance's form. The same as filtering
    ``date_order_violations``, without scanning the record for every later field when only
    the instance's own dates can be involved (a visit form's save).
    """
    if study.field(rule.not_before).form == key.form:
        return [v for v in date_order_violations(study, record, rule) if v.touches(key)]
    values = record.forms.get(key, {})
    laters = [(name, values[name], day) for name in later_here
              if (day := typed_date(values.get(name, ""))) is not None]
    if not laters:
        return []
    # the earlier dates read once, not once per later date, as plain tuples: the sides are
    # built only for a violation (a save of a visit form finds none, nearly always)
    earlier_name = rule.not_before
    earlier_form = study.field(earlier_name).form
    found: list[Violation] = []
    for other, other_values in record.forms.items():
        if other.form != earlier_form:
            continue
        text = other_values.get(earlier_name, "")
        day = typed_date(text)
        if day is None:
            continue
        for name, later_text, later_day in laters:
            if later_day < day:
                found.append(Violation(rule, DateSide(key, name, later_text, later_day),
                                       DateSide(other, earlier_name, text, day)))
    if len(laters) > 1 and len(found) > 1:  # in the order of the later dates, as before
        order = {name: number for number, (name, _, _) in enumerate(laters)}
        found.sort(key=lambda violation: order[violation.later.field])
    return found


def _where(study: Study, side: DateSide) -> str:
    event, _form, instance = side.key
    label = study.event(event).label if study.has_event(event) else event
    return f", {label}" + (f" #{instance}" if instance > 1 else "")


def _because(rule: HardRule) -> str:
    return f" ({rule.message})" if rule.message else ""


def violation_parts(study: Study, violation: Violation) -> tuple[str, dict[str, str | FieldDef]]:
    """The message's template and arguments (for ``templated``): both fields, their dates
    (and visits, when they differ), the rule."""
    later, earlier = violation.later, violation.earlier
    rule = violation.rule
    apart = later.key.event != earlier.key.event or later.key.instance != earlier.key.instance
    where_later = _where(study, later) if apart else ""
    where_earlier = _where(study, earlier) if apart else ""
    return wording.DATE_IMPOSSIBLE, {
        "later": study.field(later.field), "later_value": later.text + where_later,
        "earlier": study.field(earlier.field), "earlier_value": earlier.text + where_earlier,
        "because": _because(rule),
        "rule": f"[rule {rule.name}: {later.field} not before {rule.not_before}]"}


def violation_text(study: Study, violation: Violation) -> str:
    """The message: both fields by label, their dates (and visits, when they differ), the rule."""
    template, args = violation_parts(study, violation)
    return templated("", Severity.ERROR, MessageRule.IMPOSSIBLE, template, **args).text


def number(text: str) -> Decimal | None:
    """The number in a stored text (None when it is not one, e.g. a missing-data code)."""
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _resolved(bound: Decimal | dt.date | str | None, today: dt.date
              ) -> Decimal | dt.date | None:
    return today if bound == "today" else bound  # type: ignore[return-value]


def out_of_range(rule: HardRule, text: str, today: dt.date) -> bool:
    """True when ``text`` is a number (or date) outside the range rule's bounds."""
    low, high = _resolved(rule.minimum, today), _resolved(rule.maximum, today)
    kind = dt.date if isinstance(low or high, dt.date) else Decimal
    value = typed_date(text) if kind is dt.date else number(text)
    if value is None:
        return False
    return ((low is not None and value < low)  # type: ignore[operator]
            or (high is not None and value > high))  # type: ignore[operator]


def _bound_text(bound: Decimal | dt.date | str, today: dt.date) -> str:
    return f"today ({today.isoformat()})" if bound == "today" else str(bound)


def range_parts(study: Study, rule: HardRule, text: str, today: dt.date
                ) -> tuple[str, dict[str, str | FieldDef]]:
    """The template and arguments of a value outside a range hard rule."""
    low = None if rule.minimum is None else _bound_text(rule.minimum, today)
    high = None if rule.maximum is None else _bound_text(rule.maximum, today)
    args: dict[str, str | FieldDef] = {
        "field": study.field(rule.fields[0]), "value": text, "because": _because(rule),
        "rule": f"[rule {rule.name}]"}
    if low is not None and high is not None:
        return wording.RANGE_IMPOSSIBLE_BETWEEN, {**args, "low": low, "high": high}
    if low is not None:
        return wording.RANGE_IMPOSSIBLE_AT_LEAST, {**args, "low": low}
    return wording.RANGE_IMPOSSIBLE_AT_MOST, {**args, "high": str(high)}


def range_text(study: Study, rule: HardRule, text: str, today: dt.date) -> str:
    """The message of a value outside a range hard rule."""
    template, args = range_parts(study, rule, text, today)
    return templated("", Severity.ERROR, MessageRule.IMPOSSIBLE, template, **args).text
