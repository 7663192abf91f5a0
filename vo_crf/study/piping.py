"""REDCap's piping: ``[field]`` and ``[event][field]`` in labels, notes and choice labels.

``[field]`` is the field's value in the current event, ``[event][field]`` in another event;
``[field:value]`` gives the raw code of a coded field and ``[field:label]`` (the default) its
label. A blank value shows as REDCap shows it: six underscores. Dates are shown in their
field's own order (``date_dmy``: DD-MM-YYYY). Brackets naming no field are left as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vo_crf.study.model import FieldDef, FieldType, Study
from vo_crf.study.validations import to_display

BLANK = "______"
"""What a blank piped value shows (REDCap's own)."""
_NAME = r"([a-z][a-z0-9_]*)"
_EVENT_FIELD = re.compile(rf"\[{_NAME}\]\[{_NAME}(?::(value|label))?\]")
_FIELD = re.compile(rf"\[{_NAME}(?::(value|label))?\]")

ValueOf = Callable[[str | None, str], str]
"""``value_of(event or None for the current one, field)``: the stored value, '' blank."""


def has_piping(text: str) -> bool:
    """True when ``text`` may pipe a value (it holds a ``[``)."""
    return "[" in text


def pipe(study: Study, text: str, value_of: ValueOf) -> str:
    """Return ``text`` with every ``[field]`` and ``[event][field]`` replaced by its value."""
    if "[" not in text:
        return text

    def event_field(match: re.Match[str]) -> str:
        event, name, mode = match.groups()
        if not (study.has_event(event) and study.has_field(name)):
            return match.group(0)
        return shown_value(study.field(name), value_of(event, name), mode)

    def plain_field(match: re.Match[str]) -> str:
        name, mode = match.groups()
        if not study.has_field(name):
            return match.group(0)
        return shown_value(study.field(name), value_of(None, name), mode)

    return _FIELD.sub(plain_field, _EVENT_FIELD.sub(event_field, text))


def shown_value(fdef: FieldDef, value: str, mode: str | None = None) -> str:
    """A stored value as piping shows it (choice labels unless ``mode`` is "value")."""
    if not value:
        return BLANK
    if fdef.is_coded and mode != "value":
        codes = value.split(",") if fdef.field_type is FieldType.CHECKBOX else [value]
        return ", ".join(fdef.choice_label(code) for code in codes if code)
    return to_display(value, fdef.validation)
