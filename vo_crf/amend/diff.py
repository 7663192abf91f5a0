"""What a new version of the study definition changes: a list of readable, typed changes.

``diff_studies`` compares two loaded studies (and their ``project.json`` settings) and knows
nothing of stored data; ``vo_crf.amend.analysis`` adds the number of stored values each change
touches and what blocks the amendment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from vo_crf.study.model import FieldDef, Study, ValidationType


class ChangeKind(StrEnum):
    """The kinds of change a protocol amendment can make."""

    FIELD_ADDED = "field_added"
    FIELD_REMOVED = "field_removed"
    FIELD_MOVED = "field_moved"
    FIELD_RETYPED = "field_retyped"
    FIELD_RELABELLED = "field_relabelled"
    CHOICE_ADDED = "choice_added"
    CHOICE_REMOVED = "choice_removed"
    CHOICE_RELABELLED = "choice_relabelled"
    CHOICE_RECODED = "choice_recoded"
    BRANCHING_CHANGED = "branching_changed"
    CALCULATION_CHANGED = "calculation_changed"
    REQUIRED_CHANGED = "required_changed"
    RANGE_CHANGED = "range_changed"
    IDENTIFIER_CHANGED = "identifier_changed"
    FORM_ADDED = "form_added"
    FORM_REMOVED = "form_removed"
    EVENT_ADDED = "event_added"
    EVENT_REMOVED = "event_removed"
    EVENT_CHANGED = "event_changed"
    EVENT_FORM_ADDED = "event_form_added"
    EVENT_FORM_REMOVED = "event_form_removed"
    REPEATING_ADDED = "repeating_added"
    REPEATING_REMOVED = "repeating_removed"
    SETTING_CHANGED = "setting_changed"


@dataclass(frozen=True)
class Change:
    """One difference between the current and the new definition.

    ``field``, ``form``, ``event`` and ``code`` say where (as far as they apply); ``new_code``
    is the code a recoded choice label has now; ``setting`` the project.json key a setting
    change concerns; ``text`` says it in words: ``template`` filled with ``args`` (one of
    ``TEMPLATES``, so a user interface can say it in its own language).
    """

    kind: ChangeKind
    text: str
    field: str = ""
    form: str = ""
    event: str = ""
    code: str = ""
    new_code: str = ""
    setting: str = ""
    template: str = ""
    args: tuple[tuple[str, str], ...] = ()


FIELD_REMOVED = "field {field} removed (was on form {form})"
FIELD_ADDED = "field {field} ({kind}) added to form {form}: {label}"
FIELD_ADDED_RANGE = "field {field} ({kind}, range [{low}, {high}]) added to form {form}: {label}"
FIELD_ADDED_UNIT = "field {field} ({kind}, unit {unit}) added to form {form}: {label}"
FIELD_ADDED_RANGE_UNIT = ("field {field} ({kind}, range [{low}, {high}], unit {unit}) added to "
                          "form {form}: {label}")
FIELD_MOVED = "{field}: moved from form {old} to form {new}"
FIELD_RETYPED = "{field}: type {old} -> {new}"
FIELD_RELABELLED = "{field}: label {old} -> {new}"
BRANCHING_CHANGED = "{field}: branching logic {old} -> {new}"
CALCULATION_CHANGED = "{field}: calculation {old} -> {new}"
NOW_REQUIRED = "{field}: now required"
NO_LONGER_REQUIRED = "{field}: no longer required"
RANGE_CHANGED = "{field}: range [{old_low}, {old_high}] -> [{low}, {high}]"
NOW_IDENTIFIER = "{field}: now an identifier"
NO_LONGER_IDENTIFIER = "{field}: no longer an identifier"
CHOICE_RELABELLED = "{field}: choice {code} label {old} -> {new}"
CHOICE_RECODED = "{field}: choice {label} recoded {code} -> {new_code}"
CHOICE_REMOVED = "{field}: choice {code} ({label}) removed"
CHOICE_ADDED = "{field}: choice {code} ({label}) added"
FORM_REMOVED = "form {form} ({label}) removed"
FORM_ADDED = "form {form} ({label}) added"
EVENT_REMOVED = "event {event} ({label}) removed"
EVENT_CHANGED = ("event {event}: {old} day {old_day} -{old_before}/+{old_after} -> {new} day "
                 "{day} -{before}/+{after}")
EVENT_FORM_REMOVED = "form {form} no longer collected at event {event}"
EVENT_FORM_ADDED = "form {form} now collected at event {event}"
EVENT_ADDED = "event {event} ({label}) added, forms: {forms}"
EVENT_ADDED_NO_FORMS = "event {event} ({label}) added, no forms"
REPEATING_REMOVED = "form {form} no longer repeats at event {event}"
REPEATING_ADDED = "form {form} now repeats at event {event}"
SETTING_CHANGED = "project.json {setting}: {old} -> {new}"

TEMPLATES = (
    FIELD_REMOVED, FIELD_ADDED, FIELD_ADDED_RANGE, FIELD_ADDED_UNIT, FIELD_ADDED_RANGE_UNIT,
    FIELD_MOVED, FIELD_RETYPED, FIELD_RELABELLED, BRANCHING_CHANGED, CALCULATION_CHANGED,
    NOW_REQUIRED, NO_LONGER_REQUIRED, RANGE_CHANGED, NOW_IDENTIFIER, NO_LONGER_IDENTIFIER,
    CHOICE_RELABELLED, CHOICE_RECODED, CHOICE_REMOVED, CHOICE_ADDED, FORM_REMOVED, FORM_ADDED,
    EVENT_REMOVED, EVENT_CHANGED, EVENT_FORM_REMOVED, EVENT_FORM_ADDED, EVENT_ADDED,
    EVENT_ADDED_NO_FORMS, REPEATING_REMOVED, REPEATING_ADDED, SETTING_CHANGED,
)
"""Every wording of a change, for a user interface's translation tool."""


def worded(kind: ChangeKind, template: str, args: dict[str, object], *, field: str = "",
           form: str = "", event: str = "", code: str = "", new_code: str = "",
           setting: str = "") -> Change:
    """A change said by ``template`` filled with ``args`` (kept, for translation)."""
    words = {key: str(value) for key, value in args.items()}
    return Change(kind, template.format(**words), field=field, form=form, event=event,
                  code=code, new_code=new_code, setting=setting, template=template,
                  args=tuple(words.items()))


def diff_studies(old: Study, new: Study, old_settings: dict | None = None,
                 new_settings: dict | None = None) -> list[Change]:
    """Return every change from ``old`` to ``new``, in dictionary, form and event order."""
    changes: list[Change] = []
    for field in old.fields:
        if not new.has_field(field.name):
            changes.append(worded(ChangeKind.FIELD_REMOVED, FIELD_REMOVED,
                                  {"field": field.name, "form": field.form},
                                  field=field.name, form=field.form))
        else:
            changes.extend(_field_changes(field, new.field(field.name)))
    for field in new.fields:
        if not old.has_field(field.name):
            changes.append(_field_added(field))
    changes.extend(_form_changes(old, new))
    changes.extend(_event_changes(old, new))
    changes.extend(_setting_changes(old_settings or {}, new_settings or {}))
    return changes


def _field_added(field: FieldDef) -> Change:
    """A new field with its type, range and unit (its note, where REDCap keeps units)."""
    args: dict[str, object] = {"field": field.name, "kind": _kind_text(field),
                               "form": field.form, "label": field.label}
    ranged = bool(field.min_value or field.max_value)
    unit = field.note if field.validation in (ValidationType.INTEGER,
                                              ValidationType.NUMBER) else ""
    if ranged:
        args.update(low=field.min_value or "-", high=field.max_value or "-")
    if unit:
        args["unit"] = unit
    template = {(False, False): FIELD_ADDED, (True, False): FIELD_ADDED_RANGE,
                (False, True): FIELD_ADDED_UNIT, (True, True): FIELD_ADDED_RANGE_UNIT}[
        (ranged, bool(unit))]
    return worded(ChangeKind.FIELD_ADDED, template, args, field=field.name, form=field.form)


def _kind_text(field: FieldDef) -> str:
    return f"{field.field_type}" + (f" ({field.validation})" if field.validation else "")


def _field_changes(old: FieldDef, new: FieldDef) -> list[Change]:
    name = old.name
    changes: list[Change] = []

    def add(kind: ChangeKind, template: str, **args: object) -> None:
        changes.append(worded(kind, template, {"field": name, **args}, field=name,
                              form=new.form))

    if old.form != new.form:
        add(ChangeKind.FIELD_MOVED, FIELD_MOVED, old=old.form, new=new.form)
    if (old.field_type, old.validation) != (new.field_type, new.validation):
        add(ChangeKind.FIELD_RETYPED, FIELD_RETYPED, old=_kind_text(old), new=_kind_text(new))
    if old.label != new.label:
        add(ChangeKind.FIELD_RELABELLED, FIELD_RELABELLED, old=repr(old.label),
            new=repr(new.label))
    if old.is_coded and new.is_coded and old.choices != new.choices:
        changes.extend(_choice_changes(old, new))
    if old.branching_logic != new.branching_logic:
        add(ChangeKind.BRANCHING_CHANGED, BRANCHING_CHANGED,
            old=repr(old.branching_logic or "(none)"), new=repr(new.branching_logic or "(none)"))
    if old.calculation != new.calculation:
        add(ChangeKind.CALCULATION_CHANGED, CALCULATION_CHANGED, old=repr(old.calculation),
            new=repr(new.calculation))
    if old.required != new.required:
        add(ChangeKind.REQUIRED_CHANGED, NOW_REQUIRED if new.required else NO_LONGER_REQUIRED)
    if (old.min_value, old.max_value) != (new.min_value, new.max_value):
        add(ChangeKind.RANGE_CHANGED, RANGE_CHANGED, old_low=old.min_value or "-",
            old_high=old.max_value or "-", low=new.min_value or "-", high=new.max_value or "-")
    if old.identifier != new.identifier:
        add(ChangeKind.IDENTIFIER_CHANGED,
            NOW_IDENTIFIER if new.identifier else NO_LONGER_IDENTIFIER)
    return changes


def _choice_changes(old: FieldDef, new: FieldDef) -> list[Change]:
    name = old.name
    old_labels = {c.code: c.label for c in old.choices}
    new_labels = {c.code: c.label for c in new.choices}
    added_codes = [c.code for c in new.choices if c.code not in old_labels]
    changes: list[Change] = []
    recoded_to: set[str] = set()

    def add(kind: ChangeKind, template: str, code: str, new_code: str = "",
            **args: object) -> None:
        changes.append(worded(kind, template, {"field": name, "code": code,
                                               "new_code": new_code, **args},
                              field=name, form=new.form, code=code, new_code=new_code))

    for choice in old.choices:
        code = choice.code
        if code in new_labels:
            if new_labels[code] != choice.label:
                add(ChangeKind.CHOICE_RELABELLED, CHOICE_RELABELLED, code,
                    old=repr(choice.label), new=repr(new_labels[code]))
            continue
        same_label = [c for c in added_codes if new_labels[c] == choice.label]
        if same_label:
            recoded_to.add(same_label[0])
            add(ChangeKind.CHOICE_RECODED, CHOICE_RECODED, code, same_label[0],
                label=repr(choice.label))
        else:
            add(ChangeKind.CHOICE_REMOVED, CHOICE_REMOVED, code, label=choice.label)
    for code in added_codes:
        if code not in recoded_to:
            add(ChangeKind.CHOICE_ADDED, CHOICE_ADDED, code, label=new_labels[code])
    return changes


def _form_changes(old: Study, new: Study) -> list[Change]:
    old_forms = {f.name for f in old.forms}
    new_forms = {f.name for f in new.forms}
    changes = [worded(ChangeKind.FORM_REMOVED, FORM_REMOVED, {"form": f.name, "label": f.label},
                      form=f.name) for f in old.forms if f.name not in new_forms]
    changes += [worded(ChangeKind.FORM_ADDED, FORM_ADDED, {"form": f.name, "label": f.label},
                       form=f.name) for f in new.forms if f.name not in old_forms]
    return changes


def _event_changes(old: Study, new: Study) -> list[Change]:
    changes: list[Change] = []
    for event in old.events:
        name = event.unique_name
        if not new.has_event(name):
            changes.append(worded(ChangeKind.EVENT_REMOVED, EVENT_REMOVED,
                                  {"event": name, "label": event.label}, event=name))
            continue
        after = new.event(name)
        timing = (event.label, event.day_offset, event.offset_min, event.offset_max)
        if timing != (after.label, after.day_offset, after.offset_min, after.offset_max):
            changes.append(worded(ChangeKind.EVENT_CHANGED, EVENT_CHANGED, {
                "event": name, "old": repr(event.label), "old_day": event.day_offset,
                "old_before": event.offset_min, "old_after": event.offset_max,
                "new": repr(after.label), "day": after.day_offset, "before": after.offset_min,
                "after": after.offset_max}, event=name))
        changes += [worded(ChangeKind.EVENT_FORM_REMOVED, EVENT_FORM_REMOVED,
                           {"form": form, "event": name}, form=form, event=name)
                    for form in event.forms if form not in after.forms]
        changes += [worded(ChangeKind.EVENT_FORM_ADDED, EVENT_FORM_ADDED,
                           {"form": form, "event": name}, form=form, event=name)
                    for form in after.forms if form not in event.forms]
    changes += [worded(ChangeKind.EVENT_ADDED,
                       EVENT_ADDED if e.forms else EVENT_ADDED_NO_FORMS,
                       {"event": e.unique_name, "label": e.label, "forms": ", ".join(e.forms)},
                       event=e.unique_name)
                for e in new.events if not old.has_event(e.unique_name)]
    old_repeating = {(r.event, r.form) for r in old.repeating}
    new_repeating = {(r.event, r.form) for r in new.repeating}
    changes += [worded(ChangeKind.REPEATING_REMOVED, REPEATING_REMOVED,
                       {"form": form, "event": event}, form=form, event=event)
                for event, form in sorted(old_repeating - new_repeating)]
    changes += [worded(ChangeKind.REPEATING_ADDED, REPEATING_ADDED,
                       {"form": form, "event": event}, form=form, event=event)
                for event, form in sorted(new_repeating - old_repeating)]
    return changes


def _setting_changes(old: dict, new: dict) -> list[Change]:
    changes: list[Change] = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            before = json.dumps(old[key], ensure_ascii=False) if key in old else "(unset)"
            after = json.dumps(new[key], ensure_ascii=False) if key in new else "(unset)"
            changes.append(worded(ChangeKind.SETTING_CHANGED, SETTING_CHANGED,
                                  {"setting": key, "old": _short(before), "new": _short(after)},
                                  setting=key))
    return changes


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
