"""Comparing the two entries of a double-entered form, field by field (pure functions).

Values are compared after normalisation, so that entries meaning the same thing agree:
surrounding spaces are ignored, numbers are compared numerically (``7.0`` equals ``7``) and
the codes of a checkbox are compared as a set (``2,1`` equals ``1,2``). Only fields shown by the
branching logic in at least one of the entries are compared; calculated fields never are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vo_crf.entry.assessment import resolve_form
from vo_crf.entry.record_values import InstanceKey, RecordValues
from vo_crf.entry.study_index import study_index
from vo_crf.study.model import FieldDef, FieldType, Study


@dataclass(frozen=True)
class ComparedField:
    """One field of the two entries, side by side."""

    field: str
    label: str
    value_1: str
    value_2: str
    equal: bool

    @property
    def discordant(self) -> bool:
        """True when the two entries differ on this field."""
        return not self.equal


def comparable(fdef: FieldDef, value: str) -> object:
    """Return the normalised form of a value that two entries are compared on."""
    text = value.strip()
    if not text:
        return ""
    if fdef.field_type is FieldType.CHECKBOX:
        return frozenset(code.strip() for code in text.split(",") if code.strip())
    if fdef.is_numeric:
        try:
            return Decimal(text).normalize()
        except InvalidOperation:
            return text  # a missing-data code such as UNK
    return text


def values_equal(fdef: FieldDef, first: str, second: str) -> bool:
    """True when two entered values of ``fdef`` mean the same (see the module docstring)."""
    return comparable(fdef, first) == comparable(fdef, second)


def compare_entries(study: Study, record: RecordValues, key: InstanceKey,
                    entry_1: dict[str, str], entry_2: dict[str, str],
                    today: dt.date) -> list[ComparedField]:
    """Compare two entries of one form instance; rows in form order.

    ``record`` holds the record's other stored values (branching may read other forms).
    """
    visible_1 = resolve_form(study, record, key, entry_1, today).visible
    visible_2 = resolve_form(study, record, key, entry_2, today).visible
    entry_fields = study_index(study).form(key.form).entry_fields
    rows: list[ComparedField] = []
    for fdef in study.form(key.form).fields:
        if fdef.name not in entry_fields or fdef.field_type is FieldType.CALC:
            continue
        if fdef.name not in visible_1 and fdef.name not in visible_2:
            continue
        value_1 = entry_1.get(fdef.name, "")
        value_2 = entry_2.get(fdef.name, "")
        rows.append(ComparedField(fdef.name, fdef.label or fdef.name, value_1, value_2,
                                  values_equal(fdef, value_1, value_2)))
    return rows
