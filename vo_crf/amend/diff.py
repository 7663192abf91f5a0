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
    change concerns; ``text`` says it in words.
    """

    kind: ChangeKind
    text: str
    field: str = ""
    form: str = ""
    event: str = ""
    code: str = ""
    new_code: str = ""
    setting: str = ""


def diff_studies(old: Study, new: Study, old_settings: dict | None = None,
                 new_settings: dict | None = None) -> list[Change]:
    """Return every change from ``old`` to ``new``, in dictionary, form and event order."""
    changes: list[Change] = []
    for field in old.fields:
        if not new.has_field(field.name):
            changes.append(Change(ChangeKind.FIELD_REMOVED,
                                  f"field {field.name} removed (was on form {field.form})",
                                  field.name, field.form))
        else:
            changes.extend(_field_changes(field, new.field(field.name)))
    for field in new.fields:
        if not old.has_field(field.name):
            changes.append(Change(ChangeKind.FIELD_ADDED,
                                  f"field {field.name} ({_new_field_text(field)}) added to form "
                                  f"{field.form}: {field.label}", field.name, field.form))
    changes.extend(_form_changes(old, new))
    changes.extend(_event_changes(old, new))
    changes.extend(_setting_changes(old_settings or {}, new_settings or {}))
    return changes


def _new_field_text(field: FieldDef) -> str:
    """A new field's type, range and unit (its note, where REDCap keeps units)."""
    text = _kind_text(field)
    if field.min_value or field.max_value:
        text += f", range [{field.min_value or '-'}, {field.max_value or '-'}]"
    if field.note and field.validation in (ValidationType.INTEGER, ValidationType.NUMBER):
        text += f", unit {field.note}"
    return text


def _kind_text(field: FieldDef) -> str:
    return f"{field.field_type}" + (f" ({field.validation})" if field.validation else "")


def _field_changes(old: FieldDef, new: FieldDef) -> list[Change]:
    name = old.name
    changes: list[Change] = []

    def add(kind: ChangeKind, text: str, code: str = "", new_code: str = "") -> None:
        changes.append(Change(kind, f"{name}: {text}", name, new.form, code=code,
                              new_code=new_code))

    if old.form != new.form:
        add(ChangeKind.FIELD_MOVED, f"moved from form {old.form} to form {new.form}")
    if (old.field_type, old.validation) != (new.field_type, new.validation):
        add(ChangeKind.FIELD_RETYPED, f"type {_kind_text(old)} -> {_kind_text(new)}")
    if old.label != new.label:
        add(ChangeKind.FIELD_RELABELLED, f"label {old.label!r} -> {new.label!r}")
    if old.is_coded and new.is_coded and old.choices != new.choices:
        changes.extend(_choice_changes(old, new))
    if old.branching_logic != new.branching_logic:
        add(ChangeKind.BRANCHING_CHANGED,
            f"branching logic {old.branching_logic or '(none)'!r} -> "
            f"{new.branching_logic or '(none)'!r}")
    if old.calculation != new.calculation:
        add(ChangeKind.CALCULATION_CHANGED,
            f"calculation {old.calculation!r} -> {new.calculation!r}")
    if old.required != new.required:
        add(ChangeKind.REQUIRED_CHANGED,
            "now required" if new.required else "no longer required")
    if (old.min_value, old.max_value) != (new.min_value, new.max_value):
        add(ChangeKind.RANGE_CHANGED,
            f"range [{old.min_value or '-'}, {old.max_value or '-'}] -> "
            f"[{new.min_value or '-'}, {new.max_value or '-'}]")
    if old.identifier != new.identifier:
        add(ChangeKind.IDENTIFIER_CHANGED,
            "now an identifier" if new.identifier else "no longer an identifier")
    return changes


def _choice_changes(old: FieldDef, new: FieldDef) -> list[Change]:
    name = old.name
    old_labels = {c.code: c.label for c in old.choices}
    new_labels = {c.code: c.label for c in new.choices}
    added_codes = [c.code for c in new.choices if c.code not in old_labels]
    changes: list[Change] = []
    recoded_to: set[str] = set()
    for choice in old.choices:
        code = choice.code
        if code in new_labels:
            if new_labels[code] != choice.label:
                changes.append(Change(
                    ChangeKind.CHOICE_RELABELLED,
                    f"{name}: choice {code} label {choice.label!r} -> {new_labels[code]!r}",
                    name, new.form, code=code))
            continue
        same_label = [c for c in added_codes if new_labels[c] == choice.label]
        if same_label:
            recoded_to.add(same_label[0])
            changes.append(Change(
                ChangeKind.CHOICE_RECODED,
                f"{name}: choice {choice.label!r} recoded {code} -> {same_label[0]}",
                name, new.form, code=code, new_code=same_label[0]))
        else:
            changes.append(Change(ChangeKind.CHOICE_REMOVED,
                                  f"{name}: choice {code} ({choice.label}) removed",
                                  name, new.form, code=code))
    for code in added_codes:
        if code not in recoded_to:
            changes.append(Change(ChangeKind.CHOICE_ADDED,
                                  f"{name}: choice {code} ({new_labels[code]}) added",
                                  name, new.form, code=code))
    return changes


def _form_changes(old: Study, new: Study) -> list[Change]:
    old_forms = {f.name for f in old.forms}
    new_forms = {f.name for f in new.forms}
    changes = [Change(ChangeKind.FORM_REMOVED, f"form {f.name} ({f.label}) removed", form=f.name)
               for f in old.forms if f.name not in new_forms]
    changes += [Change(ChangeKind.FORM_ADDED, f"form {f.name} ({f.label}) added", form=f.name)
                for f in new.forms if f.name not in old_forms]
    return changes


def _event_changes(old: Study, new: Study) -> list[Change]:
    changes: list[Change] = []
    for event in old.events:
        name = event.unique_name
        if not new.has_event(name):
            changes.append(Change(ChangeKind.EVENT_REMOVED, f"event {name} ({event.label}) "
                                  "removed", event=name))
            continue
        after = new.event(name)
        timing = (event.label, event.day_offset, event.offset_min, event.offset_max)
        if timing != (after.label, after.day_offset, after.offset_min, after.offset_max):
            changes.append(Change(
                ChangeKind.EVENT_CHANGED,
                f"event {name}: {event.label!r} day {event.day_offset} "
                f"-{event.offset_min}/+{event.offset_max} -> {after.label!r} day "
                f"{after.day_offset} -{after.offset_min}/+{after.offset_max}", event=name))
        changes += [Change(ChangeKind.EVENT_FORM_REMOVED,
                           f"form {form} no longer collected at event {name}",
                           form=form, event=name)
                    for form in event.forms if form not in after.forms]
        changes += [Change(ChangeKind.EVENT_FORM_ADDED, f"form {form} now collected at event "
                           f"{name}", form=form, event=name)
                    for form in after.forms if form not in event.forms]
    changes += [Change(ChangeKind.EVENT_ADDED, f"event {e.unique_name} ({e.label}) added, "
                       f"forms: {', '.join(e.forms) or '(none)'}", event=e.unique_name)
                for e in new.events if not old.has_event(e.unique_name)]
    old_repeating = {(r.event, r.form) for r in old.repeating}
    new_repeating = {(r.event, r.form) for r in new.repeating}
    changes += [Change(ChangeKind.REPEATING_REMOVED, f"form {form} no longer repeats at event "
                       f"{event}", form=form, event=event)
                for event, form in sorted(old_repeating - new_repeating)]
    changes += [Change(ChangeKind.REPEATING_ADDED, f"form {form} now repeats at event {event}",
                       form=form, event=event)
                for event, form in sorted(new_repeating - old_repeating)]
    return changes


def _setting_changes(old: dict, new: dict) -> list[Change]:
    changes: list[Change] = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            before = json.dumps(old[key], ensure_ascii=False) if key in old else "(unset)"
            after = json.dumps(new[key], ensure_ascii=False) if key in new else "(unset)"
            changes.append(Change(ChangeKind.SETTING_CHANGED,
                                  f"project.json {key}: {_short(before)} -> {_short(after)}",
                                  setting=key))
    return changes


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
