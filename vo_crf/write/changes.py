"""What a write changed: the summary every clinical operation returns (Anki's ``OpChanges``).

Screens read it to decide whether to refresh: the dashboard and the patient view look at
``records``, an open form editor at ``forms``, the queries list at ``kinds``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

FormRef = tuple[str, str, str, int]
"""A form instance touched: (record id, event, form, instance)."""

FieldRef = tuple[str, str, str, int, str]
"""A field touched: (record id, event, form, instance, field)."""


class ChangeKind(StrEnum):
    """What kind of data a write changed."""

    VALUES = "values"
    """Entered or calculated values."""
    STATUS = "status"
    """Form statuses, form instances created or deleted."""
    MARKS = "marks"
    """Review marks: lock, verification, e-signature."""
    QUERIES = "queries"
    """Data queries (raised, answered, closed, re-opened, moved)."""
    RECORDS = "records"
    """Records created."""
    STUDY = "study"
    """The study definition (amendments, settings)."""


@dataclass(frozen=True)
class Changes:
    """Records, forms and fields a write touched, and the kinds of change."""

    records: frozenset[str] = frozenset()
    forms: frozenset[FormRef] = frozenset()
    fields: frozenset[FieldRef] = frozenset()
    kinds: frozenset[ChangeKind] = frozenset()
    everything: bool = False
    """Too much to list (a sync, a restore): every screen reads its data again."""

    @staticmethod
    def of(kinds: Iterable[ChangeKind], record_id: str | None = None,
           form: tuple[str, str, int] | None = None,
           fields: Iterable[str] = ()) -> Changes:
        """A summary of one place: a record, optionally one form instance and its fields."""
        if record_id is None:
            return Changes(kinds=frozenset(kinds))
        forms: frozenset[FormRef] = frozenset()
        touched: frozenset[FieldRef] = frozenset()
        if form is not None:
            forms = frozenset({(record_id, *form)})
            touched = frozenset((record_id, *form, name) for name in fields)
        return Changes(frozenset({record_id}), forms, touched, frozenset(kinds))

    @staticmethod
    def all() -> Changes:
        """Everything may have changed (sync, restore)."""
        return Changes(kinds=frozenset(ChangeKind), everything=True)

    def merge(self, other: Changes) -> Changes:
        """The union of two summaries."""
        return Changes(self.records | other.records, self.forms | other.forms,
                       self.fields | other.fields, self.kinds | other.kinds,
                       self.everything or other.everything)

    __or__ = merge

    def __bool__(self) -> bool:
        """True when something changed."""
        return self.everything or bool(self.kinds or self.records)

    def touches_record(self, record_id: str) -> bool:
        """True when the record may have changed."""
        return self.everything or record_id in self.records

    def touches_form(self, record_id: str, event: str, form: str, instance: int) -> bool:
        """True when the form instance may have changed (its values, status or marks)."""
        return self.everything or (record_id, event, form, instance) in self.forms

    def has(self, kind: ChangeKind) -> bool:
        """True when this kind of data may have changed."""
        return self.everything or kind in self.kinds
