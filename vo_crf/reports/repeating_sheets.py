"""One workbook sheet per repeating form, for a study without an analysis plan.

The Data and Data long sheets hold the forms filled once per visit; a repeating form (adverse
events, concomitant medications) has any number of instances per visit, so it gets its own
sheet, as REDCap's reports give it: one row per instance with the record id, the event, the
instance number, then the form's columns exactly as in Data long (value, label of coded
fields, 0/1 per checkbox option, the form status). The VO study's repeating antibiotics form
keeps its Antibiotics sheet through its analysis plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from vo_crf.analysis.dataset import PatientData
from vo_crf.reports.discordance_sheet import DOUBLE_ENTRY_SHEET
from vo_crf.reports.form_status_sheet import FORM_STATUS_SHEET
from vo_crf.reports.row_plans import FormSegment
from vo_crf.reports.workbook_data import Keeps, field_columns, long_keys
from vo_crf.reports.xlsx_cells import SheetWriter, Value, prepared_text
from vo_crf.study.event_titles import event_title
from vo_crf.study.model import Study

REPEATING_ABOUT = ("one sheet per repeating form, named after the form: one row per "
                   "instance (record, event unless the project is classic, "
                   "redcap_repeat_instance), the form's variables as in Data long")
RESERVED_SHEETS = ("About", "Codebook", "Data", "Data long", "Descriptive", "Data quality",
                   FORM_STATUS_SHEET, DOUBLE_ENTRY_SHEET)
"""Sheets of the generic workbook a repeating form's sheet may not take the name of."""

_MAX_TITLE = 31  # Excel's limit on a sheet name


def repeating_forms(study: Study) -> list[str]:
    """The forms that repeat at any event, in the order of the dictionary."""
    repeating = {item.form for item in study.repeating}
    return [form.name for form in study.forms if form.name in repeating]


def sheet_title(form: str, taken: Iterable[str]) -> str:
    """The sheet name of a repeating form: its name, cut to Excel's 31 characters, made
    different (ignoring case, as Excel does) from every name in ``taken``."""
    used = {name.casefold() for name in taken}
    title = form[:_MAX_TITLE]
    number = 1
    while title.casefold() in used:
        number += 1
        suffix = f" ({number})"
        title = form[:_MAX_TITLE - len(suffix)] + suffix
    return title


def write_repeating_sheets(workbook: Workbook, study: Study, patients: Sequence[PatientData],
                           deidentified: bool, keeps: Keeps | None = None) -> list[str]:
    """Write one sheet per repeating form (see the module doc); return their names."""
    titles: list[str] = []
    for form in repeating_forms(study):
        columns = field_columns(study, [form], "", deidentified, keeps)
        segment = FormSegment(study, "", form, columns)
        events = [(prepared_text(e.unique_name), prepared_text(event_title(study, e)),
                   e.unique_name)
                  for e in study.events if study.is_repeating(e.unique_name, form)]
        keys = long_keys(study)  # a classic study's sheet names no event, as REDCap's
        rows: list[list[Value]] = []
        for patient in patients:
            record_id = prepared_text(patient.record_id)
            for name, label, event in events:
                shown = [record_id, name, label][:len(keys)]
                for instance, data in patient.instances(event, form):
                    rows.append([*shown, instance, *segment.cells(data)])
        title = sheet_title(form, [*RESERVED_SHEETS, *titles])
        sheet = SheetWriter(workbook, title,
                            [*keys, "redcap_repeat_instance", *(c.header for c in columns)],
                            len(rows), freeze=f"{get_column_letter(len(keys) + 2)}2")
        for row in rows:
            sheet.append_prepared(row)
        titles.append(title)
    return titles
