"""The study-wide Excel workbook: about, codebook, data (wide, long), antibiotics, Tables 1-4
and data quality. Written in openpyxl's write-only (streaming) mode.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import textwrap
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from vo_crf import __version__
from vo_crf.analysis.dataset import FormData, PatientData, load_patients
from vo_crf.analysis.descriptive_tables import paper_tables
from vo_crf.analysis.generic_descriptive import (
    DESCRIPTIVE_HEADERS,
    DESCRIPTIVE_WIDTHS,
    descriptive_rows,
)
from vo_crf.analysis.generic_descriptive import Row as DescriptiveRow
from vo_crf.analysis.imaging_evolution import imaging_evolution
from vo_crf.analysis.plan import AntibioticPlan, load_analysis_plan
from vo_crf.analysis.table_model import SummaryTable
from vo_crf.audit.export_head import HEAD_ITEM
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.audit.verify_meanwhile import AuditCheck, audit_check
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.exchange.deidentify import DateMode, ExportTransform, export_transform
from vo_crf.output_files import atomic_output, check_output, scratch_folder
from vo_crf.project import Project
from vo_crf.reports.data_quality import (
    QUALITY_HEADERS,
    QUALITY_WIDTHS,
    QualityIssue,
    quality_issues,
)
from vo_crf.reports.discordance_sheet import ABOUT_TEXT as DOUBLE_ENTRY_ABOUT
from vo_crf.reports.discordance_sheet import DOUBLE_ENTRY_SHEET, write_double_entry_sheet
from vo_crf.reports.form_status_sheet import (
    FORM_STATUS_ABOUT,
    FORM_STATUS_SHEET,
    write_form_status_sheet,
)
from vo_crf.reports.repeating_sheets import (
    REPEATING_ABOUT,
    repeating_forms,
    write_repeating_sheets,
)
from vo_crf.reports.report_texts import ENGLISH, ReportTexts, report_texts
from vo_crf.reports.workbook_data import (
    ANTIBIOTIC_HEADERS,
    CODEBOOK_HEADERS,
    CODEBOOK_WIDTHS,
    antibiotic_rows,
    codebook_rows,
    data_plan,
    data_widths,
    long_columns,
    long_keys,
    wide_columns,
)
from vo_crf.reports.xlsx_cells import (
    P_VALUE_FORMAT,
    SheetWriter,
    default_widths,
    fitted_widths,
)
from vo_crf.reports.xlsx_scratch import sheet_files_in
from vo_crf.study.model import Study

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SHEETS = ["About", "Codebook", "Data", "Data long", "Antibiotics", "Table 1", "Table 2",
          "Table 3", "Table 4", "Imaging evolution", "Data quality", "Form status"]


def export_workbook(project: Project, user: CurrentUser, path: Path,
                    deidentified: bool = False,
                    date_mode: DateMode | str = DateMode.SHIFT, force: bool = False,
                    keep_free_text: bool = False, language: str = "en") -> int:
    """Write the workbook to ``path``; return the number of patients (rows of 'Data').

    Identifier fields are included only for roles allowed to export them. A de-identified
    workbook also replaces record ids by pseudonyms and shifts dates (or turns them into days
    since M0), with the same ``Deidentifier`` as every other export format; the paper's tables
    are computed before, so they are identical either way. Free text (notes, unvalidated text)
    is left out of a de-identified workbook, codebook included, unless ``keep_free_text`` (for
    users allowed identified data). The export is audited.
    ``path`` may not exist unless ``force``; openpyxl's temporary sheet files stay in a private
    folder beside it, removed in every case (see vo_crf.output_files).
    ``language`` (``en``/``fr``): the language of the About sheet's explanations; sheet names,
    column and variable names (what statisticians' scripts read) are the same in every
    language.
    """
    user.require(Action.EXPORT_DEIDENTIFIED if deidentified else Action.EXPORT_IDENTIFIED)
    path = check_output(Path(path), project, force)
    with audit_check(project.engine, "export refused") as audit:  # verified meanwhile
        patients = _write(project, user, path, deidentified, date_mode, force, keep_free_text,
                          audit, report_texts(language))
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=path.name,
                    reason=f"Excel workbook, {patients} patients"
                    + (", de-identified" if deidentified else ""))
    return patients


def _write(project: Project, user: CurrentUser, path: Path, deidentified: bool,
           date_mode: DateMode | str, force: bool, keep_free_text: bool,
           audit: AuditCheck, texts: ReportTexts = ENGLISH) -> int:
    """Compute and write the workbook; move it into place only if the trail is intact."""
    study = project.study
    transform = export_transform(project, deidentified, date_mode, keep_free_text, user)
    plan = load_analysis_plan(study)
    patients = load_patients(project)
    issues = quality_issues(project, patients)
    tables = paper_tables(study, plan, patients) if plan is not None else []
    descriptive = list(descriptive_rows(study, patients, transform.keeps, not deidentified)) \
        if plan is None else None
    if deidentified:
        patients, issues = _deidentify(transform, patients, issues)
    if plan is not None and plan.imaging.findings:  # per patient: after the pseudonyms
        tables.append(imaging_evolution(study, plan, patients))
    with atomic_output(path, project, force) as partial, scratch_folder(path) as scratch, \
            sheet_files_in(scratch):
        workbook = Workbook(write_only=True)
        _fill(workbook, project, user, transform,
              plan.timeline.antibiotics if plan is not None else None, patients, issues,
              tables, descriptive, audit.head, texts)
        workbook.save(partial)
        audit.require_intact()  # never a workbook from a tampered trail
    return len(patients)


def _fill(workbook: Workbook, project: Project, user: CurrentUser, transform: ExportTransform,
          antibiotics_plan: AntibioticPlan | None, patients: list[PatientData],
          issues: list[QualityIssue], tables: list[SummaryTable],
          descriptive: list[DescriptiveRow] | None = None, head: str = "",
          texts: ReportTexts = ENGLISH) -> None:
    """Write every sheet of the workbook, in order.

    A study with an analysis plan gets its antibiotics sheet and tables; one without gets the
    generic Descriptive sheet (``descriptive``, computed before de-identification).
    """
    study = project.study
    deidentified = transform.deidentified
    _about(workbook, project, user, transform.description(), len(patients),
           generic=descriptive is not None, head=head, texts=texts)
    listed = [f for f in study.fields if transform.keeps(f)]
    codebook = SheetWriter(workbook, "Codebook", CODEBOOK_HEADERS, len(listed), CODEBOOK_WIDTHS,
                           wrap=True)
    for row in codebook_rows(study, listed):
        codebook.append(row)
    wide, columns = (wide_columns(study, deidentified, transform.keeps),
                     long_columns(study, deidentified, transform.keeps))
    sheets = data_plan(study, wide, columns)
    data = SheetWriter(workbook, "Data", [study.record_id_field, *(c.header for _, c in wide)],
                       len(patients), [default_widths([study.record_id_field])[0],
                                       *data_widths([c for _, c in wide])], freeze="B2")
    long_headers = long_keys(study)
    long_sheet = SheetWriter(workbook, "Data long", [*long_headers, *(c.header for c in columns)],
                             sheets.count_long(patients),
                             [*default_widths(long_headers), *data_widths(columns)],
                             freeze=f"{get_column_letter(len(long_headers) + 1)}2")
    # Both sheets are written at once (each write-only sheet streams to its own file): the
    # long rows are never all held together.
    for wide_row, long_rows in sheets.rows(patients):  # each form instance converted once
        data.append_prepared(wide_row)
        for row in long_rows:
            long_sheet.append_prepared(row)
    if descriptive is not None:  # a plan names its repeating forms' sheets (Antibiotics)
        write_repeating_sheets(workbook, study, patients, deidentified, transform.keeps)
    if antibiotics_plan is not None:
        courses = list(antibiotic_rows(study, patients, antibiotics_plan))
        antibiotics = SheetWriter(workbook, "Antibiotics", ANTIBIOTIC_HEADERS, len(courses),
                                  [12, 9, 10, 18, 11, 12, 12, 12, 8])
        for row in courses:
            antibiotics.append(row)
    if descriptive is not None:
        sheet = SheetWriter(workbook, "Descriptive", DESCRIPTIVE_HEADERS, len(descriptive),
                            [max(fitted, least) for fitted, least in zip(
                                fitted_widths(DESCRIPTIVE_HEADERS, descriptive, maximum=50),
                                DESCRIPTIVE_WIDTHS, strict=True)],
                            freeze="A2", wrap=True)
        for descriptive_row in descriptive:
            sheet.append(descriptive_row)
    for table in tables:
        _table_sheet(workbook, table, texts)
    quality = SheetWriter(workbook, "Data quality",
                          [QUALITY_HEADERS[0], study.record_id_field, *QUALITY_HEADERS[2:]],
                          len(issues), QUALITY_WIDTHS, title_columns=2)  # check, record
    for issue in issues:
        quality.append(issue.row())
    write_form_status_sheet(workbook, project, transform)
    write_double_entry_sheet(workbook, project, user)  # only a study with double data entry


def _table_sheet(workbook: Workbook, table: SummaryTable,
                 texts: ReportTexts = ENGLISH) -> None:
    """A table sheet: its caption in row 1, exact column names in row 2, rows, then notes.

    The caption and the notes are in ``texts``' language when the catalog has them (the
    column names, which scripts read, never change).

    Numbers get their publication format (p as 0.000 or "<0.001", means, SD, quartiles and
    percentages with one decimal, counts as integers); columns are as wide as their text.
    """
    widths = fitted_widths(table.headers, table.rows)
    sheet = SheetWriter(workbook, table.sheet, table.headers, len(table.rows), widths,
                        autofilter=False, caption=texts(table.title),
                        formats=_formats_if_any(column_formats(table.headers)))
    for row in table.rows:
        sheet.append(row)
    sheet.append([])
    for note in table.notes:  # lines no wider than the table, so the page is not widened
        for line in textwrap.wrap(texts(note), width=max(60, int(sum(widths)))):
            sheet.append([line])


def _formats_if_any(formats: list[str | None]) -> list[str | None]:
    """The formats, or none at all for a table of text (written without a per-cell pass)."""
    return formats if any(formats) else []


_ONE_DECIMAL = re.compile(r"(^|\s)(%|Mean|SD|Median|Q1|Q3)$")
_COUNT = re.compile(r"(^|\s)(n|N)$")


def column_formats(headers: list[str]) -> list[str | None]:
    """The number format of each column of a summary table, chosen from its name."""
    formats: list[str | None] = []
    for header in headers:
        if header.startswith("p (") or header == "p":
            formats.append(P_VALUE_FORMAT)
        elif _ONE_DECIMAL.search(header):
            formats.append("0.0")
        elif _COUNT.search(header):
            formats.append("0")
        else:
            formats.append(None)
    return formats


def _deidentify(transform: ExportTransform, patients: list[PatientData],
                issues: list[QualityIssue]) -> tuple[list[PatientData], list[QualityIssue]]:
    """Return pseudonymised copies of the patients and issues, sorted by pseudonym."""
    copies = [
        PatientData(transform.record_id(p.record_id), {
            key: FormData(form.status, {name: transform.value(name, value, p.record_id)
                                        for name, value in form.values.items()
                                        if transform.keeps(name)})
            for key, form in p.forms.items()})
        for p in patients]
    kept = [dataclasses.replace(
        issue, record_id=transform.record_id(issue.record_id),
        value=transform.value(issue.field, issue.value, issue.record_id),
        message=_ISO_DATE.sub("(date removed)", issue.message))
        for issue in issues if transform.keeps(issue.field)]
    return sorted(copies, key=lambda p: p.record_id), kept


def _about(workbook: Workbook, project: Project, user: CurrentUser, identifiers: str,
           patients: int, generic: bool = False, head: str = "",
           texts: ReportTexts = ENGLISH) -> None:
    t = texts
    sheet = SheetWriter(workbook, "About", [t("Item"), t("Value")], 0, [26, 100],
                        autofilter=False, wrap=True)
    rows = about_rows(project, user, identifiers, patients, t)
    if generic:
        rows = [row for row in rows
                if row[0] not in ("Antibiotics", "Tables 1-4", "Imaging evolution")]
        rows.insert(-1, ("Descriptive", t(GENERIC_ABOUT)))
        if repeating_forms(project.study):
            rows.insert(rows.index(next(r for r in rows if r[0] == "Data long")) + 1,
                        (t("Repeating forms"), t(REPEATING_ABOUT)))
    if head:  # verified just before: a later database must extend it (vo-crf audit verify)
        rows.append((HEAD_ITEM, head))  # in English in every language: read back by its item
    for item, value in rows:
        if isinstance(value, dt.datetime) and t.day_first:
            cell = WriteOnlyCell(sheet.sheet, value=value)
            cell.number_format = t.excel_date_time
            sheet.append([item, cell])
        else:
            sheet.append([item, value])


GENERIC_ABOUT = ("the study has no analysis plan: per variable and visit (event), n with a "
                 "value, missing (blank or a missing-data code), then n (%) per choice, or "
                 "mean (SD), median [IQR] and range of numbers, or the range of dates; "
                 "repeating forms count every instance")


def about_rows(project: Project, user: CurrentUser, identifiers: str, patients: int,
               texts: ReportTexts = ENGLISH) -> list[tuple[str, str | int | dt.datetime]]:
    """The rows of the About sheet (item, value): the items naming a sheet keep its name,
    the others and every explanation are in ``texts``' language."""
    t = texts
    study: Study = project.study
    now = dt.datetime.now().replace(microsecond=0)
    return [
        (t("Study"), study.name),
        (t("Generated at"), now),
        (t("Generated by"), f"{user.username} ({user.role})"),
        (t("Application"), f"vo-crf {__version__}"),
        (t("Definition version"), project.definition_version),
        (t("Patients"), patients),
        (t("Identifiers"), t(identifiers)),
        ("Codebook", t("every variable: form, label, type, units, choices (code=label), "
                       "validation, range, identifier flag, branching logic")),
        ("Data", t("one row per patient; variables of forms filled at one visit keep their "
                   "names (sex), those of forms filled at several visits get the visit as "
                   "prefix (m3_clin_temp), as in the CSV, SPSS and Stata exports; "
                   "coded variables hold the code, '<variable>_label' the label; checkbox "
                   "options are 0/1 columns '<variable>___<code>'; '<form>_complete' is the "
                   "form status (0 Incomplete, 1 Unverified, 2 Complete)")),
        ("Data long", t("one row per patient (a classic project has no events), the same "
                        "variables") if study.classic else
         t("one row per patient and visit (event), same variables without prefix")),
        ("Antibiotics", t("one row per antibiotic course (repeating form), days = stop - "
                          "start")),
        (t("Missing data"), t("blank = not entered; ") + ", ".join(
            f"{c.code} = {c.label}" for c in study.missing_codes)),
        (t("Dates"), t("real Excel dates (yyyy-mm-dd); numbers are numeric cells")),
        ("Tables 1-4", t("the paper's tables, computed from this database; n/N (%) counts "
                         "only patients in whom the item was known or assessable; each sheet "
                         "has its caption in row 1 and the column names in row 2")),
        ("Imaging evolution", t("each imaging finding of each patient at M0, M3 and M6 as "
                                "read, its course and evolution (present throughout, "
                                "resolved, ...)")),
        ("Data quality", t("missing required values, out-of-range values with the reason "
                           "from the audit trail, visits outside their protocol window, "
                           "visits and dates out of order, calculations not computed, the "
                           "study's own rules (Rule = the rule's name)")),
        (FORM_STATUS_SHEET, t(FORM_STATUS_ABOUT)),
        (t("Text"), t("formula-like text (starting with = + - @) is stored as plain text "
                      "cells, unchanged; control characters are removed")),
        *([(DOUBLE_ENTRY_SHEET, t(DOUBLE_ENTRY_ABOUT))] if study.protocol.double_entry_forms
          else []),
    ]
