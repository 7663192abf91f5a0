"""How stored data follow an amendment: the user's explicit mapping (a JSON file for the CLI).

::

    {"fields":  {"old_field": "new_field" | null},
     "choices": {"field": {"old_code": "new_code" | null}},
     "forms":   {"form" | "event/form": null},
     "accept_setting_changes": ["double_data_entry_forms", "range:bio_crp", ...]}

- ``fields``: the values of ``old_field`` move to ``new_field`` (the same name: follow a field
  moved to another form) at the same event and instance; ``null`` deletes them.
- ``choices``: a stored code (or, for a field that is no longer coded, a stored value) becomes
  ``new_code``; ``null`` drops it (a checkbox keeps its other codes).
- ``forms``: ``null`` deletes the data of a form everywhere, or only at one event.
- ``accept_setting_changes``: the safeguards the amendment may switch off or weaken (double
  data entry, protocol rules and checks, ranges, required fields), by the name the report
  gives (``vo_crf.amend.weakening``).

Every deletion is audited like any other; nothing is deleted and no safeguard is switched off
without being named here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from vo_crf.amend.weakening import is_acceptable_name
from vo_crf.study.model import Study

ACCEPT_KEY = "accept_setting_changes"


class MappingError(ValueError):
    """The mapping is malformed or names fields, codes or forms that do not exist."""


@dataclass
class AmendmentMapping:
    """The user's decisions for the changes that touch stored data (see the module doc)."""

    fields: dict[str, str | None] = field(default_factory=dict)
    choices: dict[str, dict[str, str | None]] = field(default_factory=dict)
    forms: dict[str, None] = field(default_factory=dict)
    accept_setting_changes: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, text: str) -> AmendmentMapping:
        """Parse a mapping file's text; MappingError names what is wrong."""
        try:
            data = json.loads(text or "{}")
        except json.JSONDecodeError as exc:
            raise MappingError(f"the mapping is not valid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise MappingError("the mapping must be a JSON object")
        unknown = set(data) - {"fields", "choices", "forms", ACCEPT_KEY}
        if unknown:
            raise MappingError(f"unknown mapping key(s): {', '.join(sorted(unknown))} "
                               f"(expected fields, choices, forms, {ACCEPT_KEY})")
        accepted = data.get(ACCEPT_KEY, [])
        if not isinstance(accepted, list) or not all(isinstance(n, str) for n in accepted):
            raise MappingError(f"mapping '{ACCEPT_KEY}' must be a list of names")
        fields = _string_map(data.get("fields", {}), "fields")
        choices_data = data.get("choices", {})
        if not isinstance(choices_data, dict):
            raise MappingError("mapping 'choices' must be an object of objects")
        choices = {name: _string_map(codes, f"choices.{name}")
                   for name, codes in choices_data.items()}
        forms = _string_map(data.get("forms", {}), "forms")
        kept = [key for key, value in forms.items() if value is not None]
        if kept:
            raise MappingError(f"mapping forms.{kept[0]}: only null (delete the form's data) "
                               "is allowed")
        return cls(fields, choices, {key: None for key in forms}, list(accepted))

    @classmethod
    def from_file(cls, path: Path) -> AmendmentMapping:
        """Read a mapping file."""
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    def drops_place(self, event: str, form: str) -> bool:
        """True when the data of ``form`` at ``event`` are to be deleted."""
        return form in self.forms or f"{event}/{form}" in self.forms

    def check(self, old: Study, new: Study) -> None:
        """Refuse a mapping naming fields, codes, forms or events that do not exist."""
        for name, target in self.fields.items():
            if not old.has_field(name):
                raise MappingError(f"mapping fields.{name}: no field {name!r} in the current "
                                   "version")
            if target is not None and (not new.has_field(target)
                                       or not new.field(target).holds_data):
                raise MappingError(f"mapping fields.{name}: {target!r} is not a data field of "
                                   "the new version")
        for name, codes in self.choices.items():
            if not old.has_field(name):
                raise MappingError(f"mapping choices.{name}: no field {name!r} in the current "
                                   "version")
            target = self.fields.get(name, name if new.has_field(name) else None)
            if target is None or not new.field(target).is_coded:
                continue
            allowed = {c.code for c in new.field(target).choices}
            for code, new_code in codes.items():
                if new_code is not None and new_code not in allowed:
                    raise MappingError(f"mapping choices.{name}.{code}: {new_code!r} is not a "
                                       f"code of {target} ({', '.join(sorted(allowed))})")
        for name in self.accept_setting_changes:
            if not is_acceptable_name(name, old):
                raise MappingError(f"mapping {ACCEPT_KEY}: {name!r} is not a setting or check "
                                   "(a project.json key such as double_data_entry_forms, or "
                                   "range:<field>, required:<field>)")
        form_names = {f.name for f in old.forms}
        for key in self.forms:
            event, _, form = key.rpartition("/")
            if form not in form_names or (event and not old.has_event(event)):
                raise MappingError(f"mapping forms.{key}: no such form (or event/form) in the "
                                   "current version")


def _string_map(data: object, where: str) -> dict[str, str | None]:
    if not isinstance(data, dict):
        raise MappingError(f"mapping '{where}' must be an object")
    for key, value in data.items():
        if value is not None and not isinstance(value, str):
            raise MappingError(f"mapping {where}.{key}: {value!r} must be a string or null")
    return dict(data)
