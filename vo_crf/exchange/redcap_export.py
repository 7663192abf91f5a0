"""Export of records as REDCap's flat "CSV raw" file (the same format the importer reads)."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import FormInstance, ItemValue, Record
from vo_crf.exchange.deidentify import DateMode, ExportTransform, KeepIdentifiers, export_transform
from vo_crf.exchange.redcap_layout import Column, export_columns, header
from vo_crf.project import Project
from vo_crf.study.model import FieldDef, Study

InstanceKey = tuple[int, str, str, int]
"""(record primary key, event, form, instance)."""


@dataclass
class StoredForm:
    """One saved form instance: status and values."""

    status: int
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class DataSnapshot:
    """Every record and form instance of the database, read in three queries."""

    records: list[tuple[int, str]]
    forms: dict[InstanceKey, StoredForm]
    repeat_numbers: dict[tuple[int, str, str], list[int]]


def read_snapshot(project: Project) -> DataSnapshot:
    """Read all records, form instances and values."""
    forms: dict[InstanceKey, StoredForm] = {}
    keys: dict[int, InstanceKey] = {}
    repeat_numbers: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    with read_session(project.engine) as session:
        records = [(r.id, r.record_id) for r in
                   session.execute(select(Record.id, Record.record_id).order_by(Record.id))]
        for row in session.execute(select(FormInstance.id, FormInstance.record_pk,
                                          FormInstance.event, FormInstance.form,
                                          FormInstance.instance, FormInstance.status)):
            key = (row.record_pk, row.event, row.form, row.instance)
            keys[row.id] = key
            forms[key] = StoredForm(row.status)
            repeat_numbers[(row.record_pk, row.event, row.form)].append(row.instance)
        for form_instance_id, name, value in session.execute(
                select(ItemValue.form_instance_id, ItemValue.field, ItemValue.value)):
            forms[keys[form_instance_id]].values[name] = value
    for numbers in repeat_numbers.values():
        numbers.sort()
    return DataSnapshot(records, forms, dict(repeat_numbers))


def export_redcap_csv(project: Project, user: CurrentUser, path: Path,
                      deidentified: bool = False, date_mode: DateMode | str = DateMode.SHIFT
                      ) -> int:
    """Write every record to ``path``; return the number of data rows.

    Identifier fields are exported only for roles allowed to see them. With ``deidentified``
    they are dropped, record ids become pseudonyms (rows sorted by pseudonym) and dates are
    shifted or turned into days since M0 (``date_mode``, see vo_crf.exchange.deidentify).
    """
    user.require(Action.EXPORT_DEIDENTIFIED if deidentified else Action.EXPORT_IDENTIFIED)
    study = project.study
    transform = export_transform(project, deidentified, date_mode)
    columns = [c for c in export_columns(study) if c.field is None or transform.keeps(c.field)]
    snapshot = read_snapshot(project)
    if deidentified:
        snapshot.records.sort(key=lambda item: transform.record_id(item[1]))
    rows = 0
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header(study)[:4] + [c.name for c in columns])
        for line in redcap_rows(study, columns, snapshot, transform):
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
            cells = _cells(columns, {f: snapshot.forms.get((record_pk, name, f, 1))
                                     for f in plain}, convert)
            if cells is not None:
                yield [record_id, name, "", "", *cells]
            for form in event.forms:
                if not study.is_repeating(name, form):
                    continue
                for number in snapshot.repeat_numbers.get((record_pk, name, form), []):
                    cells = _cells(columns, {form: snapshot.forms[(record_pk, name, form,
                                                                   number)]}, convert)
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
