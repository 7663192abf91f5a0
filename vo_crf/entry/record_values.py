"""All stored values of one record, and the logic engine's view of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.db.models import FormInstance, ItemValue, Record
from vo_crf.keys import InstanceKey
from vo_crf.logic import FieldRef
from vo_crf.study.model import FieldType, Study


@dataclass
class RecordValues:
    """The values of every form instance of one record, keyed by (event, form, instance)."""

    record_id: str
    forms: dict[InstanceKey, dict[str, str]] = field(default_factory=dict)

    def get(self, event: str, form: str, instance: int, field_name: str) -> str:
        """Return one stored value ('' when blank or absent)."""
        return self.forms.get(InstanceKey(event, form, instance), {}).get(field_name, "")

    def with_form(self, key: InstanceKey, values: dict[str, str]) -> RecordValues:
        """Return a copy in which one form instance holds ``values``."""
        forms = dict(self.forms)
        forms[key] = values
        return RecordValues(self.record_id, forms)


def load_record_values(session: Session, record: Record) -> RecordValues:
    """Read every value of ``record`` in one query."""
    result = RecordValues(record.record_id)
    rows = session.execute(
        select(FormInstance.event, FormInstance.form, FormInstance.instance,
               ItemValue.field, ItemValue.value)
        .join(ItemValue, ItemValue.form_instance_id == FormInstance.id, isouter=True)
        .where(FormInstance.record_pk == record.id)
    )
    for event, form, instance, field_name, value in rows:
        values = result.forms.setdefault(InstanceKey(event, form, instance), {})
        if field_name is not None:
            values[field_name] = value
    return result


class RecordLookup:
    """Answers the logic engine's field references from one record's values.

    A reference without an event means the current event; a field of the current form means the
    current instance, any other form its first instance (as in REDCap).
    """

    def __init__(self, study: Study, values: RecordValues, event: str, form: str,
                 instance: int, current: dict[str, str] | None = None) -> None:
        """``current``: the current instance's values, read instead of the stored ones."""
        self._study = study
        self._values = values
        self._event = event
        self._form = form
        self._instance = instance
        self._current = current
        self.missing_codes = study.missing_code_values

    def value(self, ref: FieldRef) -> str:
        """Return the raw value a reference points to ('' when blank)."""
        study = self._study
        name = ref.field
        if name == study.record_id_field:
            return self._values.record_id
        if not study.has_field(name):
            return ""
        target = study.field(name)
        event = ref.event or self._event
        if event == self._event and target.form == self._form:
            if self._current is not None:
                raw = self._current.get(name, "")
            else:
                raw = self._values.get(event, target.form, self._instance, name)
        else:
            raw = self._values.get(event, target.form, 1, name)
        if ref.code is not None and target.field_type is FieldType.CHECKBOX:
            return "1" if ref.code in raw.split(",") else "0"
        return raw
