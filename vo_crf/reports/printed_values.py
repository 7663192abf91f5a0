"""A stored value as the PDFs print it: choice labels for codes, missing-data codes by their
label, dates in the field's own display order, and the unit after a number."""

from __future__ import annotations

from vo_crf.reports.timeline_data import display
from vo_crf.study.model import FieldDef, Study
from vo_crf.study.validations import to_display


def unit_of(fdef: FieldDef) -> str:
    """Return the unit of a numeric field (its short field note, as REDCap studies write it)."""
    return fdef.note if fdef.is_numeric and fdef.note and len(fdef.note) <= 12 else ""


def value_text(study: Study, fdef: FieldDef, stored: str) -> str:
    """Return a stored value as printed: labels for codes, the unit after a number."""
    shown = display(study, fdef, to_display(stored, fdef.validation))
    unit = unit_of(fdef)
    if unit and shown and shown == stored and stored not in study.missing_code_values:
        shown = f"{shown} {unit}"
    return shown
