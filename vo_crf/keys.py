"""The keys of clinical data, with named fields: which form instance, which stored form, which
field. One family, so code reads ``key.form`` rather than ``key[1]``.

``InstanceKey`` and ``StoredFormKey`` are named tuples: they compare and hash like the plain
tuples they replace, so dictionaries keyed by them need no other change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class InstanceKey(NamedTuple):
    """One form instance within a record: event, form and repeat instance."""

    event: str
    form: str
    instance: int = 1


class StoredFormKey(NamedTuple):
    """One stored form instance of a database: the record's primary key, event, form, instance."""

    record_pk: int
    event: str
    form: str
    instance: int


@dataclass(frozen=True)
class FormKey:
    """Which form instance: record, event, form and repeat instance (1 if not repeating)."""

    record_id: str
    event: str
    form: str
    instance: int = 1

    @property
    def instance_key(self) -> InstanceKey:
        """The form instance within its record."""
        return InstanceKey(self.event, self.form, self.instance)
