"""The "Double entry" sheet of the Excel workbook: the discordance report of double data entry.

Written only when the study double-enters some forms (other studies' workbooks are unchanged).
Per form, a row for all users then one per user, then all forms; the rate is a fraction
formatted as a percentage (blank when no field was compared).
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from vo_crf.auth.users import CurrentUser
from vo_crf.project import Project
from vo_crf.reports.discordance import ALL, discordance_report
from vo_crf.reports.xlsx_cells import SheetWriter, Value

DOUBLE_ENTRY_SHEET = "Double entry"
DOUBLE_ENTRY_HEADERS = ["Form", "Form label", "User", "Forms double-entered", "Fields compared",
                        "Fields discordant", "Discordance rate"]
DOUBLE_ENTRY_WIDTHS = [16, 28, 14, 20, 16, 16, 16]
PERCENT_FORMAT = "0.0%"
ABOUT_TEXT = ("per double-entered form and entrant: adjudicated forms, fields compared, fields "
              "where the two entries differed and the rate (a difference counts for both "
              "entrants; '(all)' rows total them)")


def double_entry_rows(project: Project, user: CurrentUser) -> list[list[Value]]:
    """Return the sheet's rows (without the header); needs REPORT."""
    labels = {form.name: form.label for form in project.study.forms}
    return [[row.form, labels.get(row.form, "") if row.form != ALL else "", row.user,
             row.forms_double_entered, row.fields_compared, row.fields_discordant,
             None if row.rate is None else round(row.rate, 4)]
            for row in discordance_report(project, user)]


def write_double_entry_sheet(workbook: Workbook, project: Project, user: CurrentUser) -> bool:
    """Add the sheet when the study double-enters forms; return True when it was added."""
    if not project.study.protocol.double_entry_forms:
        return False
    rows = double_entry_rows(project, user)
    sheet = SheetWriter(workbook, DOUBLE_ENTRY_SHEET, DOUBLE_ENTRY_HEADERS, len(rows),
                        DOUBLE_ENTRY_WIDTHS)
    for row in rows:
        rate = row[-1]
        if isinstance(rate, float):
            cell = WriteOnlyCell(sheet.sheet, value=rate)
            cell.number_format = PERCENT_FORMAT
            sheet.append([*row[:-1], cell])
        else:
            sheet.append(row)
    return True
