"""Reading the stored data for exports: all at once, or in batches of records.

Batches keep large exports from holding every value at once; every batch is read in three
queries, all inside one read transaction so an export sees one consistent state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import select

from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue, Record
from vo_crf.keys import StoredFormKey
from vo_crf.project import Project


@dataclass
class StoredForm:
    """One saved form instance: status and values."""

    status: int
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class DataSnapshot:
    """Every record and form instance of the database, read in three queries."""

    records: list[tuple[int, str]]
    forms: dict[StoredFormKey, StoredForm]
    repeat_numbers: dict[tuple[int, str, str], list[int]]


def read_snapshot(project: Project) -> DataSnapshot:
    """Read all records, form instances and values."""
    forms: dict[StoredFormKey, StoredForm] = {}
    keys: dict[int, StoredFormKey] = {}
    repeat_numbers: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    with read_session(project.engine) as session:
        records = [(r.id, r.record_id) for r in
                   session.execute(select(Record.id, Record.record_id).order_by(Record.id))]
        for row in session.execute(select(FormInstance.id, FormInstance.record_pk,
                                          FormInstance.event, FormInstance.form,
                                          FormInstance.instance, FormInstance.status)):
            key = StoredFormKey(row.record_pk, row.event, row.form, row.instance)
            keys[row.id] = key
            forms[key] = StoredForm(row.status)
            repeat_numbers[(row.record_pk, row.event, row.form)].append(row.instance)
        for form_instance_id, name, value in session.execute(
                select(ItemValue.form_instance_id, ItemValue.field, ItemValue.value)):
            forms[keys[form_instance_id]].values[name] = value
    for numbers in repeat_numbers.values():
        numbers.sort()
    return DataSnapshot(records, forms, dict(repeat_numbers))


BATCH_SIZE = 500


def iter_snapshots(project: Project, batch_size: int = BATCH_SIZE,
                   order: Callable[[str], str] | None = None) -> Iterator[DataSnapshot]:
    """Yield DataSnapshots of at most ``batch_size`` records each.

    Records come in creation order, or sorted by ``order(record_id)`` when given (de-identified
    exports sort by pseudonym so the row order does not reveal the enrolment order).

    Every batch is read in three queries inside one read transaction, so an export sees one
    consistent state of the database even while others keep saving.
    """
    with read_session(project.engine) as session:
        records = [(r.id, r.record_id) for r in
                   session.execute(select(Record.id, Record.record_id).order_by(Record.id))]
        if order is not None:
            records.sort(key=lambda item: order(item[1]))
        for start in range(0, len(records), batch_size):
            batch = records[start:start + batch_size]
            pks = [pk for pk, _ in batch]
            forms: dict[StoredFormKey, StoredForm] = {}
            keys: dict[int, StoredFormKey] = {}
            repeat_numbers: dict[tuple[int, str, str], list[int]] = defaultdict(list)
            for row in session.execute(
                    select(FormInstance.id, FormInstance.record_pk, FormInstance.event,
                           FormInstance.form, FormInstance.instance, FormInstance.status)
                    .where(FormInstance.record_pk.in_(pks))):
                key = StoredFormKey(row.record_pk, row.event, row.form, row.instance)
                keys[row.id] = key
                forms[key] = StoredForm(row.status)
                repeat_numbers[(row.record_pk, row.event, row.form)].append(row.instance)
            for form_instance_id, name, value in session.execute(
                    select(ItemValue.form_instance_id, ItemValue.field, ItemValue.value)
                    .join(FormInstance, FormInstance.id == ItemValue.form_instance_id)
                    .where(FormInstance.record_pk.in_(pks))):
                forms[keys[form_instance_id]].values[name] = value
            for numbers in repeat_numbers.values():
                numbers.sort()
            yield DataSnapshot(batch, forms, dict(repeat_numbers))
