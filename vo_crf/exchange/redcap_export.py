"""Export of records as REDCap's flat "CSV raw" file (the same format the importer reads)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from vo_crf.attachments.reference import REDCAP_DOCUMENT
from vo_crf.audit.export_head import about_path, head_line
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.exchange.deidentify import DateMode, ExportTransform, KeepIdentifiers, export_transform
from vo_crf.exchange.redcap_layout import (
    SPECIAL_COLUMNS,
    Column,
    export_columns,
    group_columns,
    special_columns,
    special_positions,
)
from vo_crf.exchange.snapshot import DataSnapshot, StoredForm, iter_snapshots
from vo_crf.keys import StoredFormKey
from vo_crf.output_files import atomic_outputs, check_output
from vo_crf.project import Project, require_intact_audit
from vo_crf.study.model import FieldDef, Study


def export_redcap_csv(project: Project, user: CurrentUser, path: Path,
                      deidentified: bool = False, date_mode: DateMode | str = DateMode.SHIFT,
                      force: bool = False, keep_free_text: bool = False) -> int:
    """Write every record to ``path``; return the number of data rows.

    Identifier fields are exported only for roles allowed to see them. With ``deidentified``
    they are dropped, record ids become pseudonyms (rows sorted by pseudonym) and dates are
    shifted or turned into days since M0 (``date_mode``, see vo_crf.exchange.deidentify), and
    free text is left out unless ``keep_free_text`` (for users allowed identified data).

    The file is REDCap's exchange format, meant to be imported (here or in REDCap), not opened
    by double-click in a spreadsheet: text is written exactly as stored, even text a
    spreadsheet would take for a formula (``=...``), so that a round trip stays exact.
    The audit trail is verified first; ``<name>_about.txt`` beside the file says what it holds
    and carries the audit chain head (see vo_crf.audit.export_head).
    ``path`` may not exist unless ``force`` (see vo_crf.output_files).
    """
    user.require(Action.EXPORT_DEIDENTIFIED if deidentified else Action.EXPORT_IDENTIFIED)
    path = check_output(Path(path), project, force)
    head = require_intact_audit(project.engine, "export refused").head
    study = project.study
    transform = export_transform(project, deidentified, date_mode, keep_free_text, user)
    columns = [c for c in export_columns(study) if c.field is None or transform.keeps(c.field)]
    order = transform.record_id if deidentified else None
    rows = 0
    with atomic_outputs([path, about_path(path)], project, force) as (partial, about), \
            partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        # Python 3.11's writer leaves a cell holding a lone CR unquoted (the reader then splits
        # the row there): rows with a CR are written with every cell quoted
        quoting_writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)
        special = special_columns(study)
        writer.writerow([study.record_id_field, *special, *group_columns(study),
                         *(c.name for c in columns)])
        kept = special_positions(study)
        sites = record_sites(project) if study.data_access_groups else None
        for snapshot in iter_snapshots(project, order=order):
            shown_sites = {transform.record_id(real): sites.get(real, "")
                           for _pk, real in snapshot.records} if sites is not None else {}
            for line in redcap_rows(study, columns, snapshot, transform):
                if len(kept) < len(SPECIAL_COLUMNS):  # a classic project: as REDCap's own
                    line = [line[0], *(line[i] for i in kept), *line[4:]]
                if sites is not None:  # the data access group, after the redcap_* columns
                    at = 1 + len(kept)
                    line = [*line[:at], shown_sites.get(line[0], ""), *line[at:]]
                if any("\r" in cell for cell in line):
                    quoting_writer.writerow(line)
                else:
                    writer.writerow(line)
                rows += 1
        about.write_text(_about_text(study, user, path, transform.description(), rows, head),
                        encoding="utf-8")
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=path.name,
                    reason=f"REDCap CSV, {rows} rows"
                    + (f", de-identified (dates: {DateMode(date_mode).value})"
                       if deidentified else ""))
    return rows


def record_sites(project: Project) -> dict[str, str]:
    """Every record's site (its REDCap data access group), by record id."""
    from sqlalchemy import select

    from vo_crf.db.engine import read_session
    from vo_crf.db.models import Record

    with read_session(project.engine) as session:
        return {row.record_id: row.site
                for row in session.execute(select(Record.record_id, Record.site))}


def _about_text(study: Study, user: CurrentUser, path: Path, description: str, rows: int,
                head: str) -> str:
    """The ``_about.txt`` written beside the CSV: what it holds and the audit chain head (the
    CSV itself stays exactly REDCap's format, so the head cannot go inside it)."""
    now = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    return (f"{study.name}: REDCap CSV {path.name}, {rows} rows, exported by vo-crf on {now} "
            f"by {user.username} ({user.role}).\n{description}\n"
            f"{head_line(head)}\n")


def redcap_rows(study: Study, columns: list[Column], snapshot: DataSnapshot,
                transform: ExportTransform | None = None) -> Iterator[list[str]]:
    """Yield the data rows: per record and event, the plain row then each repeat instance.

    ``transform`` (default: none) pseudonymises record ids and changes values (dates).
    """
    transform = transform or KeepIdentifiers()
    for record_pk, real_id in snapshot.records:
        record_id = transform.record_id(real_id)

        def convert(fdef: FieldDef, value: str, real_id: str = real_id) -> str:
            return transform.value(fdef, value, real_id)

        for event in study.events:
            name = event.unique_name
            plain = [f for f in event.forms if not study.is_repeating(name, f)]
            cells = _cells(columns, {f: snapshot.forms.get(StoredFormKey(record_pk, name, f, 1))
                                     for f in plain}, convert)
            if cells is not None:
                yield [record_id, name, "", "", *cells]
            for form in event.forms:
                if not study.is_repeating(name, form):
                    continue
                for number in snapshot.repeat_numbers.get((record_pk, name, form), []):
                    stored = snapshot.forms[StoredFormKey(record_pk, name, form, number)]
                    cells = _cells(columns, {form: stored}, convert)
                    if cells is not None:
                        yield [record_id, name, form, str(number), *cells]


def _cells(columns: list[Column], present: dict[str, StoredForm | None],
           convert: Callable[[FieldDef, str], str]) -> list[str] | None:
    """Return the row's cells for the forms in ``present``; None when none of them was saved."""
    if not any(present.values()):
        return None
    cells: list[str] = []
    for column in columns:
        if column.form not in present:
            cells.append("")
            continue
        stored = present[column.form]
        if column.is_status:
            cells.append(str(stored.status) if stored else "")
        elif column.checkbox_code is not None:
            assert column.field is not None
            chosen = (stored.values.get(column.field.name, "") if stored else "").split(",")
            cells.append("1" if column.checkbox_code in chosen else "0")
        else:
            assert column.field is not None
            value = stored.values.get(column.field.name, "") if stored else ""
            if value and column.field.is_file:
                cells.append(REDCAP_DOCUMENT)  # as REDCap: the file travels in ODM only
            else:
                cells.append(convert(column.field, value) if value else "")
    return cells
