"""What every line of one REDCap CSV shares, worked out once per file (``CsvLayout``).

The importer reads each row through this layout: the positions of the ``redcap_*`` columns,
the data columns with what each holds (``DataColumn``: a value, a date, a checkbox option, a
form status or a calculated field), and, per set of forms a row holds, the columns to read.
Deciding these once per file, instead of once per cell, is what keeps a big import's parsing
cheap; what a cell means and how it is checked does not change.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from vo_crf.entry.messages import Message
from vo_crf.entry.study_index import study_checks
from vo_crf.entry.values import CheckCache
from vo_crf.exchange.import_options import ImportOptions
from vo_crf.exchange.redcap_layout import (
    DATA_ACCESS_GROUP,
    RECORD_EVENT,
    REPEAT_INSTANCE,
    REPEAT_INSTRUMENT,
    Column,
)
from vo_crf.study.model import FieldDef, FieldType, Study

ColumnKind = Literal["status", "checkbox", "calc", "date", "value"]
"""What the cells of one data column hold: the form's status (``<form>_complete``), one
option of a checkbox field (0 or 1), a calculated field (the file's value is not read), a
date or datetime text field (read in the import's date order), any other field's value.
(Plain strings: they compare several times faster than Enum members, once per cell.)"""


def column_kind(column: Column) -> ColumnKind:
    """The kind of ``column``'s cells."""
    fdef = column.field
    if fdef is None:
        return "status"
    if column.checkbox_code is not None:
        return "checkbox"
    if fdef.field_type is FieldType.CALC:
        return "calc"
    return "date" if fdef.is_date else "value"


class DataColumn(NamedTuple):
    """One data column of the file: its 0-based position, name, form, field and kind."""

    at: int
    name: str
    form: str
    field: FieldDef | None
    """The field (None for a status column)."""
    checkbox_code: str | None
    kind: ColumnKind


class RowColumns(NamedTuple):
    """The columns of a row holding some forms (``CsvLayout.split``)."""

    read: list[DataColumn]
    """The columns of the row's forms, in file order (calculated fields left out)."""
    outside: list[DataColumn]
    """The columns of the other forms, in file order."""
    outside_at: tuple[int, ...]
    """Their positions (a quick look for any non-blank cell there)."""


def outside_value(column: DataColumn, cell: str) -> bool:
    """True when a cell of a form the row does not hold has a value (not a checkbox's 0)."""
    stripped = cell.strip()
    return bool(stripped) and not (column.checkbox_code and stripped == "0")


class CsvLayout:
    """What every line of one file shares: column positions, the data columns, event scopes."""

    def __init__(self, study: Study, head: list[str], known: dict[str, Column],
                 options: ImportOptions) -> None:
        self.study = study
        self.date_order = options.date_order
        """``dmy``/``mdy``: the order of the file's dates (None: ISO, REDCap's YMD)."""
        self.keep_invalid = bool(options.keep_invalid_reason)
        """Values failing their validation are kept (not problems)."""
        self.head = head
        self.position = {name: i + 1 for i, name in enumerate(head)}
        self.event_at = self.position.get(RECORD_EVENT, 0) - 1
        self.instrument_at = self.position.get(REPEAT_INSTRUMENT, 0) - 1
        self.instance_at = self.position.get(REPEAT_INSTANCE, 0) - 1
        self.group_at = self.position.get(DATA_ACCESS_GROUP, 0) - 1
        self.groups = {g.code for g in study.data_access_groups}
        self.default_event = study.events[0].unique_name
        self.columns = [DataColumn(i, name, known[name].form, known[name].field,
                                   known[name].checkbox_code, column_kind(known[name]))
                        for i, name in enumerate(head) if name in known]
        """Every data column, in file order."""
        self.checks: CheckCache = study_checks(study)
        self.today = dt.date.today()
        self.cell_answers: dict[tuple[str, str], tuple[str, tuple[Message, ...]]] = {}
        """A non-blank cell's value and refusals by (column, cell text), remembered by the
        parser (the same dates, codes and numbers come over and over)."""
        self._scopes: dict[str, list[str]] = {}
        self._split: dict[tuple[str, ...], RowColumns] = {}

    def split(self, scope: list[str]) -> RowColumns:
        """The columns to read for a row holding the forms in ``scope``, and the columns of
        the other forms (each in file order).

        A calculated field's cell is never read: its columns in ``scope`` are left out.
        """
        key = tuple(scope)
        found = self._split.get(key)
        if found is None:
            outside = [c for c in self.columns if c.form not in scope]
            found = self._split[key] = RowColumns(
                [c for c in self.columns if c.form in scope and c.kind != "calc"],
                outside, tuple(c.at for c in outside))
        return found

    def cell(self, cells: list[str], at: int, default: str = "") -> str:
        """The cell at a 0-based position (``default`` when the file has no such column)."""
        return cells[at] if at >= 0 else default

    def single_forms(self, event_name: str) -> list[str]:
        """The non-repeating forms of an event (what a row without repeat instrument holds)."""
        scope = self._scopes.get(event_name)
        if scope is None:
            study = self.study
            scope = self._scopes[event_name] = [
                f for f in study.event(event_name).forms
                if not study.is_repeating(event_name, f)]
        return scope
