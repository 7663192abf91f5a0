"""Exports for statisticians: CSV, SPSS (.sav) and Stata (.dta), each with a codebook.

``OUT`` gets the wide table (one row per patient); ``OUT_visits`` and ``OUT_<repeating form>``
the long tables (see stats_tables); ``OUT_codebook.csv`` describes every variable of every table
(label, type, visit, form, field, value labels, units, how missing-data codes are written) and
``OUT_about.txt`` says when, by whom and how (de-identification, date mode) the export was made.
None of these files may exist unless ``force``; they are renamed into place together at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from vo_crf.audit.export_head import head_line
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.exchange.deidentify import DateMode, ExportTransform, export_transform
from vo_crf.exchange.snapshot import read_snapshot
from vo_crf.exchange.spreadsheet_text import safe_row
from vo_crf.exchange.stats_frames import (
    spss_missing_value,
    stata_label,
    write_spss,
    write_stata,
)
from vo_crf.exchange.stats_meta import missing_scheme
from vo_crf.exchange.stats_tables import StatTable, Variable, build_tables
from vo_crf.output_files import atomic_outputs, check_output
from vo_crf.project import Project, require_intact_audit
from vo_crf.study.model import Study

TableWriter = Callable[[Study, StatTable, Path, str], None]
CODEBOOK_COLUMNS = ["file", "variable", "label", "type", "event", "form", "field",
                    "checkbox_option", "value_labels", "units", "missing_codes", "notes"]


def export_csv(project: Project, user: CurrentUser, path: Path, deidentified: bool = False,
               date_mode: DateMode | str = DateMode.SHIFT, labels: bool = False,
               force: bool = False, keep_free_text: bool = False) -> int:
    """Write the statistics tables as UTF-8 CSV (codes, or labels with ``labels``)."""
    def write(study: Study, table: StatTable, target: Path, _label: str) -> None:
        _write_csv(study, table, target, labels)
    return _export(project, user, Path(path), deidentified, date_mode, "csv", write, force,
                   keep_free_text)


def export_spss(project: Project, user: CurrentUser, path: Path, deidentified: bool = False,
                date_mode: DateMode | str = DateMode.SHIFT, force: bool = False,
                keep_free_text: bool = False) -> int:
    """Write the statistics tables as SPSS .sav files with labels and user-missing codes."""
    return _export(project, user, Path(path), deidentified, date_mode, "spss", write_spss,
                   force, keep_free_text)


def export_stata(project: Project, user: CurrentUser, path: Path, deidentified: bool = False,
                 date_mode: DateMode | str = DateMode.SHIFT, force: bool = False,
                 keep_free_text: bool = False) -> int:
    """Write the statistics tables as Stata .dta files with labels and tagged missing codes."""
    return _export(project, user, Path(path), deidentified, date_mode, "stata", write_stata,
                   force, keep_free_text)


def companion_path(path: Path, suffix: str, extension: str | None = None) -> Path:
    """Return ``<stem>_<suffix><ext>`` next to ``path`` (``path`` itself for suffix '')."""
    extension = path.suffix if extension is None else extension
    return path if not suffix else path.with_name(f"{path.stem}_{suffix}{extension}")


def _export(project: Project, user: CurrentUser, path: Path, deidentified: bool,
            date_mode: DateMode | str, kind: str, writer: TableWriter, force: bool,
            keep_free_text: bool = False) -> int:
    user.require(Action.EXPORT_DEIDENTIFIED if deidentified else Action.EXPORT_IDENTIFIED)
    path = check_output(path, project, force)
    head = require_intact_audit(project.engine, "export refused").head
    study = project.study
    transform = export_transform(project, deidentified, date_mode, keep_free_text, user)
    snapshot = read_snapshot(project)
    if deidentified:
        snapshot.records.sort(key=lambda item: transform.record_id(item[1]))
    tables = build_tables(project, snapshot, transform)
    mode = f"de-identified, dates {DateMode(date_mode).value}" if deidentified else "identified"
    file_label = f"{study.name} ({mode})"
    written = [(companion_path(path, table.suffix), table) for table in tables]
    codebook = companion_path(path, "codebook", ".csv")
    about = companion_path(path, "about", ".txt")
    targets = [target for target, _ in written] + [codebook, about]
    with atomic_outputs(targets, project, force) as partials:
        for partial, table in zip(partials, tables, strict=False):
            writer(study, table, partial, file_label)
        _write_codebook(study, written, kind, partials[-2])
        partials[-1].write_text(_about(project, user, transform, kind, written, codebook)
                                + _chain_note(head), encoding="utf-8")
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=path.name,
                    reason=f"{kind} export, {len(tables[0].rows)} patients, {mode}")
    return len(tables[0].rows)


def _write_csv(study: Study, table: StatTable, path: Path, labels: bool) -> None:
    missing = {c.code: c.label for c in study.missing_codes}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([v.name for v in table.variables])
        for row in table.rows:
            cells = []
            for variable in table.variables:
                value = row.get(variable.name, "")
                if labels and value:
                    value = variable.value_labels.get(value) or missing.get(value, value)
                cells.append(value)
            writer.writerow(safe_row(cells))


def _write_codebook(study: Study, written: list[tuple[Path, StatTable]], kind: str,
                    path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CODEBOOK_COLUMNS)
        for target, table in written:
            for variable in table.variables:
                writer.writerow([target.name, variable.name, variable.label,
                                 _type(variable, kind),
                                 "" if study.classic else variable.event, variable.form,
                                 variable.field, variable.checkbox_code,
                                 " | ".join(f"{k} = {v}" for k, v in
                                            variable.value_labels.items()),
                                 variable.units, _missing(study, variable, kind),
                                 _notes(variable, kind)])


def _type(variable: Variable, kind: str) -> str:
    if variable.kind == "coded":
        return "coded numeric" if variable.numeric_codes else "coded string"
    if variable.kind == "datetime":
        return "datetime (text YYYY-MM-DD HH:MM)"
    if variable.kind == "date" and kind == "csv":
        return "date (text YYYY-MM-DD)"
    return variable.kind


def _missing(study: Study, variable: Variable, kind: str) -> str:
    codes = study.missing_codes
    special = missing_scheme(study).field_code(variable)
    assessable = f" | {special[0]} = {special[1]} (missing)" if special else ""
    if kind == "csv" or not variable.is_numeric and variable.kind != "date":
        return " | ".join(f"{c.code} = {c.label}" for c in codes) + assessable
    if variable.kind == "date":
        return "missing-data codes written as system-missing (see the CSV export)"
    if kind == "spss":
        return " | ".join(f"{spss_missing_value(study, c.code):g} = {c.code} ({c.label})"
                          for c in codes) + " (user-missing)" + assessable.replace(
                              "(missing)", "(user-missing)")
    letters = missing_scheme(study).letters(variable)
    return " | ".join(f".{letter} = {code}" + (f" ({label})" if not label.startswith(code)
                                               else f" ({label.partition(': ')[2]})")
                      for letter, (code, label) in sorted(letters.items()))


def _notes(variable: Variable, kind: str) -> str:
    notes = []
    if kind == "stata" and variable.kind == "coded" and not variable.numeric_codes:
        notes.append("Stata cannot label string variables: value labels only here")
    if kind == "stata" and len(variable.label) > 80:
        notes.append(f"Stata label cut to 80 characters: {stata_label(variable)!r}")
    if variable.name != (variable.column.name if variable.column else variable.name):
        notes.append(f"REDCap variable {variable.column.name if variable.column else ''}")
    return "; ".join(notes)


def _about(project: Project, user: CurrentUser, transform: ExportTransform, kind: str,
           written: list[tuple[Path, StatTable]], codebook: Path) -> str:
    study = project.study
    now = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    lines = [f"{study.name}: {kind.upper()} export",
             f"Made {now} by {user.username} ({user.role}) from definition version "
             f"{project.definition_version}.", "", transform.description(), "",
             "Files:"]
    lines += [f"  {target.name}: {len(table.rows)} rows, one row = {table.row_meaning}, "
              f"{len(table.variables)} variables" for target, table in written]
    lines += [f"  {codebook.name}: every variable with its label, type, visit, form, field, "
              "value labels, units and missing-data coding", "",
              "Missing-data codes: " + "; ".join(f"{c.code} = {c.label}"
                                                 for c in study.missing_codes),
              "Blank cells mean no value was entered (or the form was not saved).",
              *(["Text starting with = + - @ (a formula to a spreadsheet) is written with a "
                 "leading apostrophe ('), so that opening the CSV never runs it; numbers are "
                 "unchanged."] if kind == "csv" else []),
              "Form status variables (<form>_complete): 0 = Incomplete, 1 = Unverified, "
              "2 = Complete.", ""]
    return "\n".join(lines)


def _chain_note(head: str) -> str:
    """The audit chain head at export time, for ``vo-crf audit verify --extends``."""
    return head_line(head) + "\n"
