"""A stored value as the PDFs print it: choice labels for codes, missing-data codes by their
label, dates in the field's own display order, the unit after a number, and a slider's
position with what its labels stand for."""

from __future__ import annotations

from vo_crf.reports.timeline_data import display
from vo_crf.study.model import FieldDef, FieldType, Study
from vo_crf.study.validations import to_display


def unit_of(fdef: FieldDef) -> str:
    """Return the unit of a numeric field (its short field note, as REDCap studies write it)."""
    return fdef.note if fdef.is_numeric and fdef.note and len(fdef.note) <= 12 else ""


def slider_range(fdef: FieldDef) -> tuple[str, str]:
    """A slider's lowest and highest number (REDCap's 0 to 100 unless the dictionary says)."""
    return fdef.min_value or "0", fdef.max_value or "100"


def slider_anchors(fdef: FieldDef) -> list[str]:
    """What a slider's left, middle and right labels stand for, as REDCap draws them at both
    ends and the middle of its range: ``["0 = None", "5 = Some", "10 = Worst"]`` (blank
    labels left out). The blank CRFs and the printed values say the same."""
    low, high = slider_range(fdef)
    try:
        middle = f"{(float(low) + float(high)) / 2:g}"
    except ValueError:
        middle = "middle"
    labels = (list(fdef.slider_labels) + ["", "", ""])[:3]
    return [f"{where} = {label}" for where, label in zip((low, middle, high), labels,
                                                         strict=True) if label]


def value_text(study: Study, fdef: FieldDef, stored: str) -> str:
    """Return a stored value as printed: labels for codes, the unit after a number, a
    slider's number followed by its labels ("7 (0 = None … 10 = Worst)")."""
    shown = display(study, fdef, to_display(stored, fdef.validation))
    if not shown or shown != stored or stored in study.missing_code_values:
        return shown
    unit = unit_of(fdef)
    if unit:
        shown = f"{shown} {unit}"
    if fdef.field_type is FieldType.SLIDER:
        anchors = slider_anchors(fdef)
        if anchors:
            shown = f"{shown} ({' … '.join(anchors)})"
    return shown
