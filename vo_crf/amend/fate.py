"""What happens to one stored value under an amendment and a mapping (pure, no database).

``value_fate`` decides, for a value stored at (event, form, field) under the current
definition, whether it stays, is rewritten (recoded, moved to another field or form), is
deleted, or blocks the amendment because keeping it would orphan it or silently change what it
means. The analysis runs it on grouped counts, the migration on every affected row: both reach
the same verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from vo_crf.amend.mapping import AmendmentMapping
from vo_crf.entry.messages import Severity
from vo_crf.entry.values import check_value, normalize_input
from vo_crf.study.model import FieldDef, FieldType, Study


class BlockerKind(StrEnum):
    """What the user must map to unblock: a whole field, one stored code/value, or a place."""

    FIELD = "field"
    CODE = "code"
    PLACE = "place"
    SETTING = "setting"


@dataclass(frozen=True)
class BlockerKey:
    """One thing the user must decide before the amendment may be applied.

    FIELD: map ``field`` to a field of the new version or to null (``mapping.fields``).
    CODE: map the stored ``code`` of ``field`` to a new code or to null (``mapping.choices``).
    PLACE: delete the data of ``form`` at ``event`` (``mapping.forms["event/form"]``).
    SETTING: accept that a safeguard is switched off or weakened
    (``mapping.accept_setting_changes`` lists ``setting``; see ``vo_crf.amend.weakening``).
    """

    kind: BlockerKind
    text: str
    field: str = ""
    code: str = ""
    event: str = ""
    form: str = ""
    setting: str = ""


class FateAction(StrEnum):
    """What the migration does with a stored value."""

    KEEP = "keep"
    UPDATE = "update"
    MOVE = "move"
    DELETE = "delete"
    BLOCK = "block"


@dataclass(frozen=True)
class Fate:
    """The verdict for one stored value (``field``/``form``/``value``: where it ends up)."""

    action: FateAction
    field: str = ""
    form: str = ""
    value: str = ""
    why: str = ""
    blockers: tuple[BlockerKey, ...] = ()


def _block(*blockers: BlockerKey) -> Fate:
    return Fate(FateAction.BLOCK, blockers=blockers)


def value_fate(old: Study, new: Study, mapping: AmendmentMapping, event: str, form: str,
               name: str, value: str | None, repeated: bool, check_values: bool = True) -> Fate:
    """Decide the fate of a value of ``name`` stored at ``event``/``form``.

    ``value`` None means "not known" (only field- and place-level verdicts are reached);
    ``repeated`` is True for repeat instances 2 and above; ``check_values=False`` skips
    recoding and re-validation (for fields the amendment does not touch).
    """
    if mapping.drops_place(event, form):
        return Fate(FateAction.DELETE, why=f"form {form} at {event} deleted by the mapping")
    old_def = old.field(name) if old.has_field(name) else None
    why: list[str] = []
    if name in mapping.fields:
        target = mapping.fields[name]
        if target is None:
            return Fate(FateAction.DELETE, why=f"field {name} mapped to nothing")
        if target != name:
            why.append(f"field {name} mapped to {target}")
    elif not new.has_field(name):
        if old_def is not None and old_def.field_type is FieldType.CALC:
            return Fate(FateAction.DELETE, why=f"calculated field {name} removed")
        return _block(BlockerKey(BlockerKind.FIELD, f"field {name} was removed", field=name))
    else:
        target = name
        if new.field(name).form != form:
            return _block(BlockerKey(
                BlockerKind.FIELD, f"field {name} moved from form {form} to form "
                f"{new.field(name).form}", field=name))
    target_def = new.field(target)
    if target_def.field_type is FieldType.CALC and (old_def is None or
                                                    old_def.field_type is not FieldType.CALC):
        return _block(BlockerKey(BlockerKind.FIELD, f"{target} is a calculated field in the new "
                                 "version: entered values would be overwritten", field=name))
    place_problem = _place_problem(new, event, target_def.form, repeated)
    if place_problem:
        return _block(BlockerKey(BlockerKind.PLACE, place_problem, event=event, form=form))
    if target_def.form != form:
        why.append(f"moved to form {target_def.form}")
    if value is None or not check_values or target_def.field_type is FieldType.CALC:
        action = FateAction.KEEP if target == name and target_def.form == form \
            else FateAction.MOVE
        return Fate(action, target, target_def.form, value or "", "; ".join(why))
    new_value = recode(value, mapping.choices.get(name, {}), old_def, target_def)
    if new_value != value:
        why.append(f"recoded {value} -> {new_value or '(nothing)'}")
    if new_value == "":
        return Fate(FateAction.DELETE, why="; ".join(why))
    invalid = _invalid_parts(target_def, new_value, new.missing_code_values, old_def)
    if invalid:
        return _block(*(BlockerKey(BlockerKind.CODE, text, field=name, code=code)
                        for code, text in invalid))
    if target == name and target_def.form == form:
        action = FateAction.KEEP if new_value == value else FateAction.UPDATE
    else:
        action = FateAction.MOVE
    return Fate(action, target, target_def.form, new_value, "; ".join(why))


def recode(value: str, codes: dict[str, str | None], old_def: FieldDef | None,
           target_def: FieldDef) -> str:
    """Apply a code mapping to a stored value (checkbox lists code by code)."""
    if not codes:
        return value
    if (old_def is not None and old_def.field_type is FieldType.CHECKBOX) or \
            target_def.field_type is FieldType.CHECKBOX:
        parts: list[str] = []
        for code in value.split(","):
            mapped = codes.get(code, code)
            if mapped and mapped not in parts:
                parts.append(mapped)
        joined = ",".join(parts)
        return normalize_input(target_def, joined) if joined else ""
    if value in codes:
        return codes[value] or ""
    return value


def _place_problem(new: Study, event: str, form: str, repeated: bool) -> str:
    if not new.has_event(event):
        return f"event {event} was removed"
    if form not in new.event(event).forms:
        return f"form {form} is no longer collected at event {event}"
    if repeated and not new.is_repeating(event, form):
        return f"form {form} no longer repeats at event {event}: instances 2 and above"
    return ""


def _invalid_parts(field: FieldDef, value: str, missing: frozenset[str],
                   old_def: FieldDef | None) -> list[tuple[str, str]]:
    """Return (stored code or value, why) for each part of ``value`` the new field refuses."""
    if value in missing:
        return []
    if field.is_coded:
        codes = {c.code for c in field.choices}
        parts = value.split(",") if field.field_type is FieldType.CHECKBOX else [value]
        return [(code, f"{field.name}: code {code} is not a choice of the new version"
                       f"{_same_label_hint(code, old_def, field)}")
                for code in parts if code and code not in codes]
    errors = [m for m in check_value(field, value, missing) if m.severity is Severity.ERROR]
    return [(value, f"{field.name}: stored {errors[0].text.split(': ', 1)[-1]}")] if errors \
        else []


def _same_label_hint(code: str, old_def: FieldDef | None, field: FieldDef) -> str:
    """Name the new code that carries the old code's label, if one does."""
    if old_def is None or not old_def.is_coded:
        return ""
    label = old_def.choice_label(code)
    same = [c.code for c in field.choices if c.label == label]
    return f" (its label {label!r} is now code {same[0]})" if same else ""
