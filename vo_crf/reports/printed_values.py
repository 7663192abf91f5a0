"""A stored value as the PDFs print it: choice labels for codes, missing-data codes by their
label, dates in the field's own display order, the unit after a number, and a slider's
position with what its labels stand for."""

from __future__ import annotations

import datetime as dt
import html
import re

from vo_crf.analysis.dataset import PatientData
from vo_crf.reports.report_texts import ENGLISH, ReportTexts
from vo_crf.reports.timeline_data import display
from vo_crf.study.model import FieldDef, FieldType, Study
from vo_crf.study.piping import ValueOf, pipe
from vo_crf.study.validations import SPECS, to_display


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


def value_text(study: Study, fdef: FieldDef, stored: str,
               texts: ReportTexts = ENGLISH) -> str:
    """Return a stored value as printed: labels for codes, the unit after a number, a
    slider's number followed by its labels ("7 (0 = None … 10 = Worst)").

    In French (``texts``) a year-first date is written day first (05/03/2024, as the French
    GUI shows it) and a decimal with a comma (37,5); a date the study displays day or month
    first keeps the study's order.
    """
    shown = display(study, fdef, to_display(stored, fdef.validation))
    if not shown or shown != stored or stored in study.missing_code_values:
        return shown
    if texts.day_first:
        shown = _local_form(fdef, shown, texts)
    unit = unit_of(fdef)
    if unit:
        shown = f"{shown} {unit}"
    if fdef.field_type is FieldType.SLIDER:
        anchors = slider_anchors(fdef)
        if anchors:
            shown = f"{shown} ({' … '.join(anchors)})"
    return shown


def _local_form(fdef: FieldDef, stored: str, texts: ReportTexts) -> str:
    """A stored ISO date (time kept) day first, a decimal number with a comma."""
    spec = SPECS.get(fdef.validation) if fdef.validation is not None else None
    if spec is not None and spec.kind in ("date", "datetime") and spec.order == "ymd":
        date_part, _, time_part = stored.partition(" ")
        try:
            date = dt.date.fromisoformat(date_part)
        except ValueError:
            return stored
        return texts.date(date) + (f" {time_part}" if time_part else "")
    if fdef.is_numeric:
        return texts.decimal(stored)
    return stored


_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_KEPT_TAGS = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u"}
_BREAKS = {"br", "p", "div"}


def label_markup(study: Study, text: str, value_of: ValueOf | None = None) -> str:
    """Return a REDCap label, section header or note as reportlab markup, as REDCap shows it.

    ``[field]`` and ``[event][field]`` are piped (``value_of``; without it, a blank form:
    REDCap's blank ``______``). Bold, italic and underline are kept, line breaks (``<br>``,
    paragraphs) kept as breaks, every other HTML tag removed, entities (``&nbsp;``) resolved,
    and the rest escaped; a tag left open is closed, a closing tag without its opening
    dropped (reportlab refuses unbalanced markup).
    """
    if "[" in text:
        text = pipe(study, text, value_of or (lambda _event, _name: ""))
    out: list[str] = []
    opened: list[str] = []
    at = 0
    for match in _TAG.finditer(text):
        out.append(_escaped(text[at:match.start()]))
        at = match.end()
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in _BREAKS:
            if name == "br" or closing:
                out.append("<br/>")
            continue
        tag = _KEPT_TAGS.get(name)
        if tag is None:
            continue
        if not closing:
            opened.append(tag)
            out.append(f"<{tag}>")
        elif opened and opened[-1] == tag:
            opened.pop()
            out.append(f"</{tag}>")
    out.append(_escaped(text[at:]))
    out += [f"</{tag}>" for tag in reversed(opened)]
    return "".join(out).strip().removesuffix("<br/>")


def _escaped(text: str) -> str:
    """Plain text (entities resolved) escaped for reportlab markup."""
    plain = html.unescape(text).replace("\xa0", " ")
    return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def record_values(study: Study, patient: PatientData, event: str, current: dict[str, str],
                  show_identifiers: bool) -> ValueOf:
    """The ``value_of`` piping needs for a form of ``patient`` at ``event`` (``current``: the
    values of the form instance printed). An identifier is hidden unless ``show_identifiers``.
    """

    def value_of(other: str | None, name: str) -> str:
        fdef = study.field(name)
        if fdef.identifier and not show_identifiers:
            return "(identifier hidden)"
        if name == study.record_id_field:
            return patient.record_id
        if other is None and name in current:
            return current[name]
        saved = patient.instances(other or event, fdef.form)
        return saved[0][1].values.get(name, "") if saved else ""

    return value_of
