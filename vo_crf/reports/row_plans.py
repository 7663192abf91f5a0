"""Compiled row plans of the Data and Data long sheets.

The columns of a sheet are grouped into segments, one per (event, form): the columns of one
form are contiguous. Each segment is compiled once per export into per-field converters
(stored text -> the field's cells), so a patient's row costs one dictionary lookup per form
instance and one dictionary lookup per field: the cells of coded, numeric and date fields are
remembered per text (values repeat a lot across patients), free text is only cleaned. A form
instance is converted once for both sheets (:class:`DataPlan`). The cells are exactly those
of :func:`vo_crf.reports.xlsx_cells.typed_value` and :meth:`FieldDef.choice_label`, their
texts already prepared for the sheet (``prepared_text``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from vo_crf.analysis.dataset import FormData, PatientData
from vo_crf.keys import InstanceKey
from vo_crf.reports.xlsx_cells import Value, prepared_text, to_number
from vo_crf.study.model import FieldDef, FieldType, Study


@dataclass(frozen=True)
class DataColumn:
    """One exported column: a field's value, its label, a checkbox option, or a form status."""

    header: str
    form: str
    field: FieldDef | None
    kind: str  # "value", "label", "option" or "status"
    code: str = ""


Cells = tuple[Value, ...]
FieldCells = Callable[[str], Cells]
"""Stored text of one field -> its cells (value; value and label; or the 0/1 options)."""


def _plain_text(text: str) -> Value:
    """The cell of a text value: blank -> None, anything else (missing codes too) unchanged."""
    return text if text else None


def _prepared(cells: Sequence[Value]) -> Cells:
    """Return cells with their texts prepared for the sheet (cleaned, formulas marked)."""
    return tuple(prepared_text(c) if isinstance(c, str) else c for c in cells)


def _typed(fdef: FieldDef, missing: frozenset[str]) -> Callable[[str], Value]:
    """Return ``text -> typed_value(fdef, text, missing)`` without the per-call dispatch."""
    if fdef.is_date and not fdef.is_datetime:
        parse: Callable[[str], Value] = dt.date.fromisoformat
    elif fdef.is_datetime:
        parse = dt.datetime.fromisoformat
    elif fdef.is_comma_decimal:  # 38,5 is the number 38.5, as in the statistics exports
        return lambda text: None if text == "" else text if text in missing \
            else to_number(text.replace(",", "."))
    elif fdef.is_numeric or (fdef.is_coded and fdef.field_type is not FieldType.CHECKBOX):
        return lambda text: None if text == "" else text if text in missing else to_number(text)
    else:
        return _plain_text

    def convert(text: str) -> Value:
        if text == "":
            return None
        if text in missing:
            return text
        try:
            return parse(text)
        except ValueError:
            return text

    return convert


def field_cells(fdef: FieldDef, kinds: Sequence[tuple[str, str]],
                missing: frozenset[str]) -> FieldCells | None:
    """Compile the cells of one field's consecutive columns (``kinds``: (kind, code) pairs).

    Kinds: ``value`` (typed), ``label`` (choice label; blank for blanks and missing codes)
    and ``option`` (1 when the checkbox code is ticked, else 0). None for a free-text field
    (one column, the text itself).
    """
    typed = _typed(fdef, missing)
    if typed is _plain_text and list(kinds) == [("value", "")]:
        return None
    labels: dict[str, str] = {}
    for choice in fdef.choices:
        labels.setdefault(choice.code, choice.label)

    def convert(text: str) -> Cells:
        ticked = text.split(",") if text else []
        cells: list[Value] = []
        for kind, code in kinds:
            if kind == "value":
                cells.append(typed(text))
            elif kind == "label":
                cells.append(None if text == "" or text in missing else labels.get(text, text))
            else:
                cells.append(1 if code in ticked else 0)
        return _prepared(cells)

    return convert


class FormSegment:
    """The contiguous columns of one form (at one event, for the wide sheet)."""

    def __init__(self, study: Study, event: str, form: str, columns: Sequence[DataColumn]) -> None:
        self.event = event
        self.form = form
        self.key = InstanceKey(event, form)
        self.width = len(columns)
        self.blank: list[Value] = [None] * self.width
        missing = study.missing_code_values
        self.fields: list[tuple[str, dict[str, Cells] | None, FieldCells | None]] = []
        """(field, the cells of every text met so far, converter); None for free text."""
        self.has_status = False
        for fdef, group in groupby(columns, key=lambda c: c.field):
            kinds = [(c.kind, c.code) for c in group]
            if fdef is None:
                self.has_status = kinds == [("status", "")]
                assert self.has_status, "a form's status is its last column"
                continue
            convert = field_cells(fdef, kinds, missing)
            self.fields.append((fdef.name, None if convert is None else {}, convert))

    def cells(self, stored: FormData | None) -> list[Value]:
        """Return the segment's cells for one saved form (blanks when it was not saved)."""
        if stored is None:
            return self.blank
        get = stored.values.get
        out: list[Value] = []
        for name, known, convert in self.fields:
            text = get(name, "")
            if known is None:
                out.append(prepared_text(text) if text else None)
                continue
            found = known.get(text)
            if found is None:
                found = known[text] = convert(text)  # type: ignore[misc]
            out += found
        if self.has_status:
            out.append(stored.status)
        return out


def segments(study: Study, columns: Sequence[tuple[str, DataColumn]]) -> list[FormSegment]:
    """Group (event, column) pairs into per-(event, form) segments, in column order."""
    return [FormSegment(study, event, form, [c for _, c in group])
            for (event, form), group in groupby(columns, key=lambda p: (p[0], p[1].form))]


EventPlan = tuple[str, str, list[InstanceKey], list[tuple[bool, InstanceKey, FormSegment]]]
"""(event name, label, keys of its forms, (collected here?, key, segment) per long segment)."""


class DataPlan:
    """The Data (wide) and Data long sheets, computed together patient by patient.

    Data: one row per patient, every event-prefixed column. Data long: one row per patient
    and event holding any non-repeating form, the same columns without prefix; the event's
    name and label follow the record id, except in a classic study (no events, as REDCap's
    own exports). A form instance is converted once for both sheets.
    """

    def __init__(self, study: Study, wide: Sequence[tuple[str, DataColumn]],
                 long: Sequence[DataColumn],
                 events: Sequence[tuple[str, str, Sequence[str]]]) -> None:
        """``events``: (unique name, label, non-repeating forms) of every event, in order."""
        self.with_event = not study.classic
        self.wide = segments(study, wide)
        forms = segments(study, [("", c) for c in long])
        self.events: list[EventPlan] = []
        for name, label, event_forms in events:
            plan = [(segment.form in event_forms, InstanceKey(name, segment.form), segment)
                    for segment in forms]
            keys = [InstanceKey(name, form) for form in event_forms]
            self.events.append((prepared_text(name), prepared_text(label), keys, plan))

    def rows(self, patients: Sequence[PatientData]
             ) -> Iterator[tuple[list[Value], list[list[Value]]]]:
        """Yield, per patient, the wide row and the long rows."""
        for patient in patients:
            forms = patient.forms
            record_id = prepared_text(patient.record_id)
            wide: list[Value] = [record_id]
            done: dict[InstanceKey, list[Value]] = {}
            for segment in self.wide:
                cells = done[segment.key] = segment.cells(forms.get(segment.key))
                wide += cells
            long: list[list[Value]] = []
            for name, label, keys, plan in self.events:
                if not any(key in forms for key in keys):
                    continue
                row: list[Value] = [record_id, name, label] if self.with_event else [record_id]
                for collected, key, segment in plan:
                    if not collected:
                        row += segment.blank
                        continue
                    known = done.get(key)
                    row += known if known is not None else segment.cells(forms.get(key))
                long.append(row)
            yield wide, long

    def count_long(self, patients: Sequence[PatientData]) -> int:
        """Return the number of long rows ``rows`` yields."""
        return sum(1 for p in patients for _, _, keys, _ in self.events
                   if any(key in p.forms for key in keys))
