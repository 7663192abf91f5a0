"""Export of records as REDCap's flat "CSV raw" file (the same format the importer reads)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.exchange.deidentify import DateMode, ExportTransform, KeepIdentifiers, export_transform
from vo_crf.exchange.redcap_layout import (
    SPECIAL_COLUMNS,
    Column,
    export_columns,
    special_columns,
)
from vo_crf.exchange.snapshot import DataSnapshot, StoredForm, iter_snapshots
from vo_crf.keys import StoredFormKey
from vo_crf.output_files import atomic_output, check_output
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
    ``path`` may not exist unless ``force`` (see vo_crf.output_files).
    """
    user.require(Action.EXPORT_DEIDENTIFIED if deidentified else Action.EXPORT_IDENTIFIED)
    path = check_output(Path(path), project, force)
    require_intact_audit(project.engine, "export refused")
    study = project.study
    transform = export_transform(project, deidentified, date_mode, keep_free_text, user)
    columns = [c for c in export_columns(study) if c.field is None or transform.keeps(c.field)]
    order = transform.record_id if deidentified else None
    rows = 0
    with atomic_output(path, project, force) as partial, \
            partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        # Python 3.11's writer leaves a cell holding a lone CR unquoted (the reader then splits
        # the row there): rows with a CR are written with every cell quoted
        quoting_writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)
        special = special_columns(study)
        writer.writerow([study.record_id_field, *special, *(c.name for c in columns)])
        kept = [i + 1 for i, name in enumerate(SPECIAL_COLUMNS) if name in special]
        for snapshot in iter_snapshots(project, order=order):
            for line in redcap_rows(study, columns, snapshot, transform):
                if len(kept) < len(SPECIAL_COLUMNS):  # a classic project: as REDCap's own
                    line = [line[0], *(line[i] for i in kept), *line[4:]]
                if any("\r" in cell for cell in line):
                    quoting_writer.writerow(line)
                else:
                    writer.writerow(line)
                rows += 1
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=path.name,
                    reason=f"REDCap CSV, {rows} rows"
                    + (f", de-identified (dates: {DateMode(date_mode).value})"
                       if deidentified else ""))
    return rows


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
            cells.append(convert(column.field, value) if value else "")
    return cells
