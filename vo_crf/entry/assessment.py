"""Assessing a form instance's proposed values: branching, calculations, every validation rule.

Pure functions (no database): the service and the GUI's live checks share them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from vo_crf.entry import message_templates as wording
from vo_crf.entry.hard_rules import (
    date_order_violations,
    out_of_range,
    range_parts,
    range_text,
    violation_parts,
    violation_text,
    violations_touching,
)
from vo_crf.entry.message_templates import templated
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.entry.record_values import InstanceKey, RecordLookup, RecordValues
from vo_crf.entry.study_index import study_checks, study_index
from vo_crf.entry.tag_calcs import compute_tagged
from vo_crf.logic import Expression, FieldRef, LogicEvalError, format_calc_value, parse
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import FieldDef, FieldType, HardRule, Study

_MAX_BRANCHING_PASSES = 20


@lru_cache(maxsize=4096)
def compiled(source: str) -> Expression:
    """Parse a logic expression once and keep the tree."""
    return parse(source)


@dataclass
class Assessment:
    """What the core thinks of one form instance's values."""

    values: dict[str, str]
    visible: frozenset[str]
    calc_values: dict[str, str]
    cleared_hidden: dict[str, str] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    visit_day: int | None = None
    impossible_calcs: dict[str, str] = field(default_factory=dict)
    """Calculated fields left blank because their inputs break a hard rule, with why."""

    @property
    def errors(self) -> list[Message]:
        """Findings that refuse the save."""
        return [m for m in self.messages if m.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Message]:
        """Findings that do not refuse the save by themselves."""
        return [m for m in self.messages if m.severity is Severity.WARNING]


def is_visible(fdef: FieldDef, lookup: RecordLookup, today: dt.date) -> bool:
    """True when the field's branching logic shows it (no logic: always shown)."""
    if not fdef.branching_logic:
        return True
    try:
        return compiled(fdef.branching_logic).is_true(lookup, today)
    except LogicEvalError:
        return True


def compute_calc(fdef: FieldDef, lookup: RecordLookup, today: dt.date) -> str:
    """Return the stored text of a calculated field ('' when it cannot be computed)."""
    try:
        return format_calc_value(compiled(fdef.calculation).evaluate(lookup, today))
    except LogicEvalError:
        return ""


def resolve_form(study: Study, record: RecordValues, key: InstanceKey,
                 proposed: dict[str, str], today: dt.date) -> Assessment:
    """Apply branching (clearing hidden values until stable) and compute calculated fields."""
    event, form_name, instance = key
    index = study_index(study).form(form_name)
    values = {k: v for k, v in proposed.items() if v != ""}
    cleared: dict[str, str] = {}
    visible = index.names
    for _ in range(_MAX_BRANCHING_PASSES if index.branching_fields else 0):
        lookup = RecordLookup(study, record, event, form_name, instance, current=values)
        hidden = [f for f in index.branching_fields if not is_visible(f, lookup, today)]
        visible = index.names.difference([f.name for f in hidden]) if hidden else index.names
        hidden_with_value = [f.name for f in hidden if values.get(f.name, "") != ""
                             and f.field_type is not FieldType.CALC]
        if not hidden_with_value:
            break
        for name in hidden_with_value:
            cleared[name] = values.pop(name)
    calc_values: dict[str, str] = {}
    impossible: dict[str, str] = {}
    if index.calc_fields:
        current = dict(values)  # the entered values and the calculations done so far
        lookup = RecordLookup(study, record, event, form_name, instance, current=current)
        merged: RecordValues | None = None
        for fdef in index.calc_fields:
            computed = compute_calc(fdef, lookup, today) if fdef.name in visible else ""
            guards = index.guarded_calcs.get(fdef.name)
            if computed and guards:
                merged = merged or record.with_form(key, values)
                why = _impossible_inputs(study, merged, key, computed, guards, today)
                if why:
                    impossible[fdef.name], computed = why, ""
            calc_values[fdef.name] = current[fdef.name] = computed
    tagged = index.calculated_tags
    if tagged:  # @CALCTEXT, @CALCDATE: computed here, saved as the field's value
        lookup = RecordLookup(study, record, event, form_name, instance,
                              current={**values, **calc_values})
        for fdef in tagged:
            computed = compute_tagged(fdef, lookup, today) if fdef.name in visible else ""
            if computed:
                values[fdef.name] = computed
            else:
                values.pop(fdef.name, None)
    return Assessment(values=values, visible=visible, calc_values=calc_values,
                      cleared_hidden=cleared, impossible_calcs=impossible)


def blank_calc_reason(study: Study, record: RecordValues, key: InstanceKey, name: str,
                      computed: str, today: dt.date) -> str:
    """Why calculated field ``name`` stays blank although it computes to ``computed``.

    '' when no hard rule blanks it (see ``resolve_form``).
    """
    guards = study_index(study).form(key.form).guarded_calcs.get(name)
    return _impossible_inputs(study, record, key, computed, guards, today) \
        if guards and computed else ""


def _impossible_inputs(study: Study, record: RecordValues, key: InstanceKey, computed: str,
                       guards: tuple[tuple[HardRule, frozenset[str]], ...],
                       today: dt.date) -> str:
    """Why a calculation must stay blank ('' when its inputs break no hard rule).

    A date-order violation counts when one of its dates is at the calculation's event.
    """
    for rule, later_fields in guards:
        if rule.kind == "range":
            if out_of_range(rule, computed, today):
                return range_text(study, rule, computed, today)
            continue
        for violation in date_order_violations(study, record, rule, later_fields):
            if key.event in (violation.later.key.event, violation.earlier.key.event):
                return violation_text(study, violation)
    return ""


def _hard_rule_messages(study: Study, merged: RecordValues, key: InstanceKey,
                        result: Assessment, changed: set[str], today: dt.date) -> list[Message]:
    """Errors (or warnings) of the hard rules that involve this form instance.

    ``merged``: the record with the instance holding ``result.values``. A date-order
    violation is shown at each of its fields on this form that the save changes (at its
    later field when neither changes).
    """
    index = study_index(study).form(key.form)
    messages: list[Message] = []
    for rule in index.hard_ranges:
        name = rule.fields[0]
        value = result.values.get(name, "")
        if name in result.visible and value and out_of_range(rule, value, today):
            template, args = range_parts(study, rule, value, today)
            messages.append(templated(name, _severity(rule), Rule.IMPOSSIBLE, template, **args))
    if index.hard_date_rules:
        for rule, later_here in index.hard_date_rules:
            for violation in violations_touching(study, merged, rule, key, later_here):
                sides = [s.field for s in (violation.later, violation.earlier) if s.key == key]
                template, args = violation_parts(study, violation)
                for blamed in [name for name in sides if name in changed] or sides[:1]:
                    message = templated(blamed, _severity(rule), Rule.IMPOSSIBLE, template,
                                        **args)
                    if message not in messages:
                        messages.append(message)
    for name, why in result.impossible_calcs.items():
        messages.append(templated(name, Severity.ERROR, Rule.IMPOSSIBLE, wording.NOT_CALCULATED,
                                  field=study.field(name), why=why))
    return messages


def _read_only_messages(study: Study, stored: dict[str, str], values: dict[str, str],
                        changed: set[str]) -> list[Message]:
    """@READONLY fields the save changes: refused, except the default a new form starts with
    (@DEFAULT, @TODAY, @NOW). Fields computed by the form (@CALCTEXT, @CALCDATE) follow their
    inputs; imports may fill any field (REDCap's own rule)."""
    found = []
    for name in sorted(changed):
        fdef = study.field(name)
        tags = fdef.tags
        if not tags.readonly or tags.is_calculated:
            continue
        new = values.get(name, "")
        starts_with_default = not stored.get(name) and (
            tags.today or tags.now or (tags.default is not None and new == tags.default))
        if not starts_with_default:
            found.append(templated(name, Severity.ERROR, Rule.READ_ONLY, wording.READ_ONLY,
                                   field=fdef, value=repr(new)))
    return found


def _severity(rule: HardRule) -> Severity:
    return Severity.ERROR if rule.is_error else Severity.WARNING


def assess_form(study: Study, record: RecordValues, key: InstanceKey, proposed: dict[str, str],
                status: int, changed: set[str], today: dt.date | None = None,
                enforce_required: bool = True) -> Assessment:
    """Resolve the form and run every rule; range and window warnings only for ``changed``.

    With ``enforce_required`` false (imports, as in REDCap) a blank required field is only a
    warning even on a Complete form.
    """
    today = today or dt.date.today()
    result = resolve_form(study, record, key, proposed, today)
    study_lookups = study_index(study)
    index = study_lookups.form(key.form)
    check = study_checks(study).check
    for name, old in result.cleared_hidden.items():
        fdef = study.field(name)
        result.messages.append(templated(
            name, Severity.WARNING, Rule.HIDDEN_VALUE, wording.HIDDEN_VALUE, field=fdef,
            logic=fdef.branching_logic, value=repr(old)))
    values, visible, messages = result.values, result.visible, result.messages
    for fdef in index.checked_fields:
        name = fdef.name
        if name not in visible:
            continue
        value = values.get(name, "")
        if value:
            for message in check(fdef, value, today):
                if message.severity is Severity.ERROR or name in changed:
                    messages.append(message)
        elif fdef.required and fdef.field_type is not FieldType.CALC:
            blocks = enforce_required and status == FormStatus.COMPLETE
            severity = Severity.ERROR if blocks else Severity.WARNING
            result.messages.append(templated(
                fdef.name, severity, Rule.REQUIRED,
                wording.REQUIRED_FOR_COMPLETE if severity is Severity.ERROR else wording.REQUIRED,
                field=fdef))
    if enforce_required and changed:
        messages.extend(_read_only_messages(study, record.forms.get(key, {}), values, changed))
    dated = bool(index.date_order_rules) or index.visit_date_field is not None
    # the record as this save leaves it, copied once for the hard rules and the date checks
    merged = record.with_form(key, result.values) if dated or index.hard_date_rules else record
    if index.hard_date_rules or index.hard_ranges or result.impossible_calcs:
        messages.extend(_hard_rule_messages(study, merged, key, result, changed, today))
    if dated:
        result.messages.extend(_date_order_messages(study, merged, key))
        window_messages, result.visit_day = _visit_window_messages(study, merged, key,
                                                                   result.values, changed)
        result.messages.extend(window_messages)
    return result


def _typed_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _date_order_messages(study: Study, record: RecordValues, key: InstanceKey) -> list[Message]:
    event, form_name, instance = key
    rules = study_index(study).form(form_name).date_order_rules
    if not rules:
        return []
    lookup = RecordLookup(study, record, event, form_name, instance)
    messages: list[Message] = []
    for rule in rules:
        later_def, earlier_def = study.field(rule.field), study.field(rule.not_before)
        later = _typed_date(_lookup_anywhere(study, lookup, rule.field))
        if later is None:  # nothing to compare (the earlier date is not even read)
            continue
        earlier = _typed_date(_lookup_anywhere(study, lookup, rule.not_before))
        if earlier and later < earlier:
            on_this_form = rule.field if later_def.form == form_name else rule.not_before
            messages.append(templated(
                on_this_form, Severity.ERROR, Rule.CROSS_FIELD, wording.DATE_ORDER, later=later_def,
                later_value=later.isoformat(), earlier=earlier_def,
                earlier_value=earlier.isoformat()))
    return messages


def _lookup_anywhere(study: Study, lookup: RecordLookup, name: str) -> str:
    """Value of ``name`` at the current event, else at the first event that has its form."""
    value = lookup.value(FieldRef(None, name, None))
    if value:
        return value
    for candidate in study_index(study).form_events[study.field(name).form]:
        value = lookup.value(FieldRef(candidate.unique_name, name, None))
        if value:
            return value
    return ""


def baseline_date(study: Study, record: RecordValues) -> dt.date | None:
    """Return the record's day-0 date (the protocol's baseline date field), if entered."""
    name = study.protocol.baseline_date_field
    if not name:
        return None
    form = study.field(name).form
    for event in study_index(study).form_events[form]:
        found = _typed_date(record.get(event.unique_name, form, 1, name))
        if found:
            return found
    return None


def _visit_window_messages(study: Study, record: RecordValues, key: InstanceKey,
                           values: dict[str, str], changed: set[str]
                           ) -> tuple[list[Message], int | None]:
    event_name, form_name, _ = key
    fdef = study_index(study).form(form_name).visit_date_field
    if fdef is None:
        return [], None
    visit = _typed_date(values.get(fdef.name, ""))
    if visit is None:
        return [], None
    day0 = baseline_date(study, record)
    if day0 is None:
        return [], None
    event = study_index(study).events[event_name]
    day = (visit - day0).days
    first, last = event.window
    if first <= day <= last or fdef.name not in changed:
        return [], day
    earlier = earlier_visit_after(study, record, event_name, visit)
    window: dict[str, str | int | FieldDef] = {
        "field": fdef, "value": visit.isoformat(), "day": day, "event": event.label,
        "first": first, "last": last}
    if earlier:
        message = templated(fdef.name, Severity.WARNING, Rule.VISIT_WINDOW,
                            wording.OUTSIDE_WINDOW_BEFORE, earlier_event=earlier[0],
                            earlier_value=earlier[1].isoformat(), **window)
    else:
        message = templated(fdef.name, Severity.WARNING, Rule.VISIT_WINDOW, wording.OUTSIDE_WINDOW,
                            **window)
    return [message], day


def earlier_visit_after(study: Study, record: RecordValues, event_name: str,
                        visit: dt.date) -> tuple[str, dt.date] | None:
    """Return (label, date) of a visit of an earlier event dated after ``visit``, if any.

    Earlier means the same arm and a smaller day offset (M0 for M3); the latest such date
    is named, as the data-quality check "Visits out of order" does.
    """
    index = study_index(study)
    event = index.events[event_name]
    names = set(study.protocol.visit_date_fields)
    found: tuple[str, dt.date] | None = None
    for (other_event, form, _), values in record.forms.items():
        other = index.events.get(other_event)
        if other is None or other.arm != event.arm or other.day_offset >= event.day_offset:
            continue
        for name, text in values.items():
            day = _typed_date(text) if name in names and study.field(name).form == form \
                else None
            if day is not None and day > visit and (found is None or day > found[1]):
                found = (other.label, day)
    return found
