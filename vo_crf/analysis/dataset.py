"""Patients as analysis sees them: each record's values by event, plus its repeated forms.

Values stay the stored strings; ``number`` and ``date`` turn them into Python values, treating
blanks and missing-data codes (NA, UNK, ...) as absent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, select

from vo_crf.attachments.reference import file_name_of
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue, Record
from vo_crf.keys import InstanceKey
from vo_crf.project import Project
from vo_crf.study.model import Study


@dataclass
class FormData:
    """One saved form instance: its status and values."""

    status: int
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class PatientData:
    """One record's saved forms, keyed by (event, form, instance)."""

    record_id: str
    forms: dict[InstanceKey, FormData] = field(default_factory=dict)

    def value(self, study: Study, name: str, event: str | None = None) -> str:
        """Return the value of field ``name`` at ``event`` ('' when blank).

        Without ``event``, the first event collecting the field's form that holds a value.
        """
        form, events = study.index.field_events[name]
        forms = self.forms
        if event:
            stored = forms.get(InstanceKey(event, form))
            return stored.values.get(name, "") if stored is not None else ""
        for event_name in events:
            stored = forms.get(InstanceKey(event_name, form))
            if stored is not None:
                text = stored.values.get(name, "")
                if text != "":
                    return text
        return ""

    def has_event(self, event: str) -> bool:
        """True when any form was saved at ``event``."""
        return any(key.event == event for key in self.forms)

    def instances(self, event: str, form: str) -> list[tuple[int, FormData]]:
        """Return the saved instances of a (repeating) form at ``event``, by instance number."""
        found = [(key.instance, data) for key, data in self.forms.items()
                 if key.event == event and key.form == form]
        return sorted(found, key=lambda item: item[0])


def values_of(study: Study, patients: Sequence[PatientData], name: str,
              event: str | None = None) -> list[str]:
    """Return ``patient.value(study, name, event)`` of every patient, in one pass."""
    if not event:
        return [p.value(study, name) for p in patients]
    form = study.index.field_events[name][0]
    key = InstanceKey(event, form)
    found: list[str] = []
    add = found.append
    for patient in patients:
        stored = patient.forms.get(key)
        add("" if stored is None else stored.values.get(name, ""))
    return found


def number(text: str) -> float | None:
    """Return the value as a float; None for blanks, missing-data codes and non-numbers."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def date(text: str) -> dt.date | None:
    """Return a 'YYYY-MM-DD' (or datetime) value as a date; None otherwise."""
    try:
        return dt.date.fromisoformat(text[:10])
    except (TypeError, ValueError):
        return None


def load_patients(project: Project, record_ids: Sequence[str] | None = None
                  ) -> list[PatientData]:
    """Read the saved forms of every record (or of ``record_ids``), in record order.

    Rows are read without ORM row processing (straight from the driver's cursor when the
    whole study is read); field, event and form names and the values themselves are shared
    between patients (one string object per distinct text: codes, numbers and dates repeat a
    lot), which keeps a large cohort's memory down. A ``file`` field's
    value is given as the attached file's name (what reports and the workbook show).
    """
    with read_session(project.engine) as session:
        connection = session.connection()
        query = select(Record.id, Record.record_id).order_by(Record.id)
        if record_ids is not None:
            query = query.where(Record.record_id.in_(list(record_ids)))
        records = connection.execute(query).all()
        patients = {pk: PatientData(record_id) for pk, record_id in records}
        form_query = select(FormInstance.id, FormInstance.record_pk, FormInstance.event,
                            FormInstance.form, FormInstance.instance, FormInstance.status)
        value_query = select(ItemValue.form_instance_id, ItemValue.field, ItemValue.value)
        if record_ids is not None:
            form_query = form_query.where(FormInstance.record_pk.in_(list(patients)))
            value_query = value_query.join(FormInstance).where(
                FormInstance.record_pk.in_(list(patients)))
        names: dict[str, str] = {}
        shared = names.setdefault
        by_id: dict[int, dict[str, str]] = {}
        for rows in _batches(connection, form_query):
            for instance_id, record_pk, event, form, instance, status in rows:
                data = FormData(status)
                by_id[instance_id] = data.values
                patients[record_pk].forms[InstanceKey(shared(event, event), shared(form, form),
                                                      instance)] = data
        for rows in _batches(connection, value_query):
            for instance_id, name, value in rows:
                by_id[instance_id][shared(name, name)] = shared(value, value)
    files = [f.name for f in project.study.fields if f.is_file]
    if files:  # reports and the workbook show an attachment by its file name
        for values in by_id.values():
            for name in files:
                if values.get(name):
                    values[name] = file_name_of(values[name])
    return list(patients.values())


def _batches(connection: Connection, query: Select[Any], size: int = 10_000
             ) -> Iterator[Sequence[tuple[Any, ...]]]:
    """Yield the rows of ``query`` in lists; without parameters straight from the driver."""
    compiled = query.compile(dialect=connection.dialect)
    if compiled.params:
        yield connection.execute(query).tuples().all()
        return
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled))
        while rows := cursor.fetchmany(size):
            yield rows
    finally:
        cursor.close()


def checkbox_codes(text: str) -> list[str]:
    """Return the codes of a checkbox value ('1,3' -> ['1', '3'])."""
    return [code for code in text.split(",") if code]


def labels_of(study: Study, name: str, codes: Iterable[str]) -> list[str]:
    """Return the choice labels of ``codes`` for field ``name``."""
    fdef = study.field(name)
    return [fdef.choice_label(code) for code in codes]
