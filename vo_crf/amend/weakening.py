"""Amendment changes that switch off or weaken a safeguard: each needs an explicit decision.

Double data entry switched off for a form, a protocol rule or check removed or changed
(``date_order_rules``, ``quality_rules``, ``hard_rules``, ``visit_date_fields``,
``baseline_date_field``), a field's range widened or removed, a field no longer required: an
amendment doing any of these is refused, like an unmapped data change, unless the mapping
accepts it by name (``"accept_setting_changes": ["double_data_entry_forms", "range:bio_crp"]``,
or ``vo-crf amend --accept-setting-change NAME``). Adding forms to double entry, adding rules
or narrowing a range needs no decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from vo_crf.study.bounds import parse_bound
from vo_crf.study.model import FieldDef, Study

GUARDED_LISTS: dict[str, str] = {
    "double_data_entry_forms": "double data entry",
    "date_order_rules": "date order rule",
    "quality_rules": "data-quality rule",
    "hard_rules": "hard rule (impossible facts)",
    "visit_date_fields": "visit window check of",
}
"""project.json lists whose items are safeguards, and how an item is named."""
GUARDED_VALUES: dict[str, str] = {"baseline_date_field": "day 0 of the visit windows"}
"""project.json values a change of which moves every visit window."""
FIELD_CHECKS = ("range", "required")
"""Per-field checks of the data dictionary: accepted as ``range:<field>``/``required:<field>``."""


@dataclass(frozen=True)
class Weakening:
    """One safeguard an amendment switches off or weakens.

    ``name`` is what the mapping's ``accept_setting_changes`` lists to accept it (a project.json
    key, or ``range:<field>``/``required:<field>``); ``field`` the field concerned, if any.
    """

    name: str
    text: str
    field: str = ""


def is_acceptable_name(name: str, old: Study) -> bool:
    """True when ``name`` can appear in ``accept_setting_changes`` for the study ``old``."""
    if name in GUARDED_LISTS or name in GUARDED_VALUES:
        return True
    check, _, field = name.partition(":")
    return check in FIELD_CHECKS and old.has_field(field)


def find_weakenings(old: Study, new: Study, old_settings: dict, new_settings: dict
                    ) -> list[Weakening]:
    """Every safeguard of ``old`` (and its settings) that ``new`` switches off or weakens."""
    found: list[Weakening] = []
    for key, noun in GUARDED_LISTS.items():
        removed = _removed_items(old_settings.get(key), new_settings.get(key))
        if removed:
            found.append(Weakening(key, _list_text(key, noun, removed)))
    for key, noun in GUARDED_VALUES.items():
        before, after = old_settings.get(key), new_settings.get(key)
        if before and before != after:
            found.append(Weakening(key, f"{noun} changed: {key} {before!r} -> "
                                        f"{after or '(unset)'!r}"))
    for field in old.fields:
        if not new.has_field(field.name):
            continue
        after = new.field(field.name)
        if _range_loosened(field, after):
            found.append(Weakening(
                f"range:{field.name}", f"{field.name}: range check loosened "
                f"[{field.min_value or '-'}, {field.max_value or '-'}] -> "
                f"[{after.min_value or '-'}, {after.max_value or '-'}]", field.name))
        if field.required and not after.required:
            found.append(Weakening(f"required:{field.name}",
                                   f"{field.name}: no longer required", field.name))
    return found


def _canonical(item: object) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _removed_items(before: object, after: object) -> list[object]:
    if not isinstance(before, list):
        return []
    kept = {_canonical(item) for item in after} if isinstance(after, list) else set()
    return [item for item in before if _canonical(item) not in kept]


def _item_name(item: object) -> str:
    if isinstance(item, dict):
        if item.get("name"):
            return str(item["name"])
        if "field" in item and "not_before" in item:
            return f"{item['field']} not before {item['not_before']}"
    return str(item) if isinstance(item, str) else _canonical(item)


def _list_text(key: str, noun: str, removed: list[object]) -> str:
    names = ", ".join(_item_name(item) for item in removed)
    if key == "double_data_entry_forms":
        return f"double data entry switched off for form(s) {names}"
    if key == "visit_date_fields":
        return f"{noun} {names} switched off"
    return f"{noun}(s) removed or changed: {names}"


def _range_loosened(old: FieldDef, new: FieldDef) -> bool:
    if (old.min_value, old.max_value) == (new.min_value, new.max_value):
        return False
    if old.validation != new.validation or old.validation is None:
        return True  # a retyped field is a data change; any other range change: ask
    return (_looser(old.min_value, new.min_value, old, lower=True)
            or _looser(old.max_value, new.max_value, old, lower=False))


def _looser(before: str, after: str, field: FieldDef, lower: bool) -> bool:
    if not before or before == after:
        return False
    if not after:
        return True
    assert field.validation is not None
    try:
        old_bound, new_bound = (parse_bound(before, field.validation),
                                parse_bound(after, field.validation))
        if isinstance(old_bound, str) or isinstance(new_bound, str):
            return True  # "today" against a fixed date: cannot say it is narrower
        return new_bound < old_bound if lower else new_bound > old_bound  # type: ignore[operator]
    except (ValueError, TypeError):
        return True
