"""Putting a value straight into the database, as old or synchronised data may hold it."""

from __future__ import annotations

from sqlalchemy import select

from vo_crf.db.engine import write_transaction
from vo_crf.db.models import FormInstance, ItemValue, Record
from vo_crf.project import Project


def store_raw(project: Project, record_id: str, event: str, form: str, field: str,
              value: str, instance: int = 1) -> None:
    """Write ``value`` into a saved form instance without data entry's checks ('' deletes it).

    Data entry refuses some of these values; the checks must still find them in stored data.
    """
    with write_transaction(project.engine) as session:
        form_id = session.scalar(
            select(FormInstance.id).join(Record, Record.id == FormInstance.record_pk)
            .where(Record.record_id == record_id, FormInstance.event == event,
                   FormInstance.form == form, FormInstance.instance == instance))
        stored = session.scalar(select(ItemValue).where(ItemValue.form_instance_id == form_id,
                                                        ItemValue.field == field))
        if value == "" and stored is not None:
            session.delete(stored)
        elif stored is not None:
            stored.value = value
        else:
            session.add(ItemValue(form_instance_id=form_id, field=field, value=value))
