"""Reading the ``hard_rules`` of ``project.json``: impossible facts, refused at save and import.

::

    "hard_rules": [
      {"name": "born_before_enrolment", "kind": "date_order", "field": "enrol_date",
       "not_before": "birth_date", "severity": "error",
       "message": "nobody is enrolled before being born"},
      {"name": "visits_after_birth", "kind": "date_order",
       "fields": ["clin_date", "bio_date"], "not_before": "birth_date"},
      {"name": "age_not_negative", "kind": "range", "field": "age", "min": 0},
      {"name": "born_in_the_past", "kind": "range", "field": "birth_date", "max": "today"}
    ]

- ``date_order``: none of the date fields ``field``/``fields`` may be earlier than
  ``not_before``, compared within one form instance when both share a form, else across every
  event and instance of the record (a visit at M6 before the birth date at M0).
- ``range``: the number in ``field`` (entered or calculated) lies within ``min``..``max``;
  for a date field the bounds are ``YYYY-MM-DD`` dates or ``"today"``.
- ``severity``: ``"error"`` (the default) refuses the save or the import, and a calculation
  that reads the offending fields stays blank; ``"warning"`` only shows the message.
- ``message``: optional words added to the message naming both fields and the rule.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from vo_crf.study.errors import DefinitionError
from vo_crf.study.model import HardRule, Study

PROJECT_FILE = "project.json"
HARD_RULES_KEY = "hard_rules"
KINDS = ("date_order", "range")
SEVERITIES = ("error", "warning")
_KEYS = {"name", "kind", "field", "fields", "not_before", "min", "max", "severity", "message"}


def parse_hard_rules(project: dict, study: Study) -> tuple[HardRule, ...]:
    """Read and check the ``hard_rules`` of ``project.json`` (DefinitionError names the rule)."""
    items = project.get(HARD_RULES_KEY, [])
    if not isinstance(items, list):
        raise DefinitionError(PROJECT_FILE, 0, f"{HARD_RULES_KEY} must be a list of rules")
    rules = tuple(_parse_rule(item, study) for item in items)
    names = [rule.name for rule in rules]
    if len(set(names)) != len(names):
        raise DefinitionError(PROJECT_FILE, 0, f"{HARD_RULES_KEY}: two rules have the same name")
    return rules


def _fail(item: object, reason: str) -> DefinitionError:
    name = item.get("name") if isinstance(item, dict) else None
    label = name if isinstance(name, str) and name else repr(item)
    return DefinitionError(PROJECT_FILE, 0, f"{HARD_RULES_KEY} rule {label}: {reason}")


def _parse_rule(item: object, study: Study) -> HardRule:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
        raise _fail(item, "needs a 'name'")
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise _fail(item, f"unknown key(s) {', '.join(unknown)}")
    kind = item.get("kind")
    if kind not in KINDS:
        raise _fail(item, f"'kind' must be one of {', '.join(KINDS)}")
    severity = item.get("severity", "error")
    if severity not in SEVERITIES:
        raise _fail(item, f"'severity' must be one of {', '.join(SEVERITIES)}")
    fields = _fields(item)
    for name in fields:
        if not study.has_field(name):
            raise _fail(item, f"{name!r} is not a field of the study")
    message = item.get("message", "")
    if not isinstance(message, str):
        raise _fail(item, "'message' must be text")
    if kind == "date_order":
        return _date_order(item, study, fields, severity, message)
    return _range(item, study, fields, severity, message)


def _fields(item: dict) -> tuple[str, ...]:
    if ("field" in item) == ("fields" in item):
        raise _fail(item, "needs either 'field' or 'fields'")
    raw = [item["field"]] if "field" in item else item["fields"]
    if not isinstance(raw, list) or not raw or not all(isinstance(n, str) and n for n in raw):
        raise _fail(item, "'field' must be a field name, 'fields' a list of field names")
    return tuple(raw)


def _date_order(item: dict, study: Study, fields: tuple[str, ...], severity: str,
                message: str) -> HardRule:
    earlier = item.get("not_before")
    if not isinstance(earlier, str) or not study.has_field(earlier):
        raise _fail(item, "a date_order rule needs 'not_before', a date field of the study")
    for name in (*fields, earlier):
        if not study.field(name).is_date:
            raise _fail(item, f"{name!r} is not a date field")
    if earlier in fields:
        raise _fail(item, f"{earlier!r} cannot be compared with itself")
    if "min" in item or "max" in item:
        raise _fail(item, "'min'/'max' belong to range rules")
    return HardRule(item["name"], "date_order", fields, earlier, severity=severity,
                    message=message)


def _range(item: dict, study: Study, fields: tuple[str, ...], severity: str,
           message: str) -> HardRule:
    if len(fields) != 1 or "not_before" in item:
        raise _fail(item, "a range rule names one 'field' and no 'not_before'")
    fdef = study.field(fields[0])
    if not (fdef.is_numeric or fdef.is_date):
        raise _fail(item, f"{fields[0]!r} is not a number, integer, date or calculated field")
    parse = _date_bound if fdef.is_date else _bound
    bounds = [parse(item, key) for key in ("min", "max")]
    if bounds[0] is None and bounds[1] is None:
        raise _fail(item, "a range rule needs 'min', 'max' or both")
    low, high = bounds
    if low is not None and high is not None and type(low) is type(high) and \
            low > high:  # type: ignore[operator]
        raise _fail(item, "'min' is greater than 'max'")
    return HardRule(item["name"], "range", fields, minimum=bounds[0], maximum=bounds[1],
                    severity=severity, message=message)


def _date_bound(item: dict, key: str) -> dt.date | str | None:
    raw = item.get(key)
    if raw is None or raw == "today":
        return raw
    if isinstance(raw, str) and len(raw) == 10:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise _fail(item, f"'{key}' of a date field must be a YYYY-MM-DD date or \"today\"")


def _bound(item: dict, key: str) -> Decimal | None:
    raw = item.get(key)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _fail(item, f"'{key}' must be a number")
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise _fail(item, f"'{key}' must be a number") from None
    if not value.is_finite():
        raise _fail(item, f"'{key}' must be a finite number")
    return value
