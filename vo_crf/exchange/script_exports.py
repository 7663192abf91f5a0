"""R and SAS exports as REDCap makes them: a CSV of the data beside a program that reads it.

``vo-crf export --format r OUT.R`` writes ``OUT_data.csv`` (REDCap's flat layout: one row per
record, event and repeat instance, the same columns as the REDCap CSV export) and ``OUT.R``;
``source("OUT.R")`` creates the data frame ``data`` (see r_program). ``--format sas OUT.sas``
writes ``OUT_data.csv`` and ``OUT.sas`` (``PROC FORMAT``, a data step reading the CSV; see
sas_program). In the SAS data file the missing-data codes and "not assessable" codes of numeric
and date columns are written as SAS special missing letters (A, B, ...; see stats_meta), which
the program declares with ``MISSING``; the R data file keeps the stored codes.

Roles without identified access get the de-identified data exactly as in the other formats
(free text left out unless ``keep_free_text``, for users allowed identified data).
Both files are renamed into place together (vo_crf.output_files). The audit trail is verified
first, and the program's first line carries its chain head (vo_crf.audit.export_head).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vo_crf.audit.export_head import HEAD_ITEM
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.exchange.deidentify import DateMode, ExportTransform, export_transform
from vo_crf.exchange.redcap_export import redcap_rows
from vo_crf.exchange.redcap_layout import (
    RECORD_EVENT,
    REPEAT_INSTANCE,
    REPEAT_INSTRUMENT,
    SPECIAL_COLUMNS,
    export_columns,
    special_columns,
    special_positions,
)
from vo_crf.exchange.snapshot import iter_snapshots
from vo_crf.exchange.stats_meta import MissingScheme, missing_scheme
from vo_crf.exchange.stats_tables import Variable, column_variable
from vo_crf.output_files import atomic_outputs, check_output
from vo_crf.project import Project, require_intact_audit
from vo_crf.study.model import Study


@dataclass
class FlatData:
    """What a program needs to know about the CSV written beside it."""

    study: Study
    csv_name: str
    variables: list[Variable]
    """Every column of the CSV, in order (record id and the redcap_* columns first)."""
    scheme: MissingScheme
    transform: ExportTransform
    rows: int = 0
    widths: dict[str, int] = field(default_factory=dict)
    """Longest cell of each column, in UTF-8 bytes."""


CellCoder = Callable[[Variable, str], str]
ProgramWriter = Callable[[FlatData, str], str]


def export_r(project: Project, user: CurrentUser, path: Path, deidentified: bool = False,
             date_mode: DateMode | str = DateMode.SHIFT, force: bool = False,
             keep_free_text: bool = False) -> int:
    """Write ``OUT_data.csv`` and the R script ``OUT`` creating ``data``; return the rows."""
    from vo_crf.exchange.r_program import r_program

    return _export(project, user, Path(path), deidentified, date_mode, force, "R",
                   lambda _v, cell: cell, r_program, keep_free_text)


def export_sas(project: Project, user: CurrentUser, path: Path, deidentified: bool = False,
               date_mode: DateMode | str = DateMode.SHIFT, force: bool = False,
               keep_free_text: bool = False) -> int:
    """Write ``OUT_data.csv`` and the SAS program ``OUT`` reading it; return the rows."""
    from vo_crf.exchange.sas_program import sas_cell, sas_program

    scheme = missing_scheme(project.study)

    def coder(variable: Variable, cell: str) -> str:
        return sas_cell(scheme, variable, cell)

    return _export(project, user, Path(path), deidentified, date_mode, force, "SAS",
                   coder, sas_program, keep_free_text)


def flat_variables(study: Study, transform: ExportTransform) -> list[Variable]:
    """The variables of REDCap's flat layout, record id and redcap_* columns first (those
    of ``special_columns``: a classic project has no ``redcap_event_name``, and repeat
    columns only with repeating forms)."""
    special = {
        RECORD_EVENT: Variable(RECORD_EVENT, "Visit (REDCap unique event name)", "coded",
                               value_labels={e.unique_name: e.label for e in study.events},
                               numeric_codes=False),
        REPEAT_INSTRUMENT: Variable(REPEAT_INSTRUMENT, "Repeating form", "coded",
                                    numeric_codes=False,
                                    value_labels={r.form: study.form(r.form).label
                                                  for r in study.repeating}),
        REPEAT_INSTANCE: Variable(REPEAT_INSTANCE, "Instance number", "numeric")}
    first = [Variable(study.record_id_field, "Patient study number"
                      + (" (pseudonym)" if transform.deidentified else ""), "string",
                      field=study.record_id_field),
             *(special[name] for name in special_columns(study))]
    columns = [c for c in export_columns(study) if c.field is None or transform.keeps(c.field)]
    return first + [column_variable(study, c, transform) for c in columns]


def _export(project: Project, user: CurrentUser, path: Path, deidentified: bool,
            date_mode: DateMode | str, force: bool, kind: str, coder: CellCoder,
            program: ProgramWriter, keep_free_text: bool = False) -> int:
    user.require(Action.EXPORT_DEIDENTIFIED if deidentified else Action.EXPORT_IDENTIFIED)
    path = check_output(path, project, force)
    head = require_intact_audit(project.engine, "export refused").head
    study = project.study
    transform = export_transform(project, deidentified, date_mode, keep_free_text, user)
    data_path = path.with_name(f"{path.stem}_data.csv")
    variables = flat_variables(study, transform)
    flat = FlatData(study, data_path.name, variables, missing_scheme(study), transform)
    columns = [v.column for v in variables if v.column is not None]
    kept = special_positions(study)
    order = transform.record_id if deidentified else None
    mode = f"de-identified, dates {DateMode(date_mode).value}" if deidentified else "identified"
    with atomic_outputs([data_path, path], project, force) as (data_partial, program_partial):
        with data_partial.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([v.name for v in variables])
            for snapshot in iter_snapshots(project, order=order):
                for line in redcap_rows(study, columns, snapshot, transform):
                    if len(kept) < len(SPECIAL_COLUMNS):  # a classic project, as REDCap's
                        line = [line[0], *(line[i] for i in kept), *line[1 + len(
                            SPECIAL_COLUMNS):]]
                    cells = [coder(v, cell.replace(",", ".") if v.decimal_comma else cell)
                             for v, cell in zip(variables, line, strict=True)]
                    for variable, cell in zip(variables, cells, strict=True):
                        width = len(cell.encode("utf-8"))
                        if width > flat.widths.get(variable.name, 0):
                            flat.widths[variable.name] = width
                    writer.writerow(cells)
                    flat.rows += 1
        made = f"by {user.username} ({user.role}), {mode}; {HEAD_ITEM}: {head}"
        program_partial.write_text(program(flat, made), encoding="utf-8")
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=path.name,
                    reason=f"{kind} export, {flat.rows} rows, {mode}")
    return flat.rows
