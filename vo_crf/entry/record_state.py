"""Reading what the planners need, with SQLAlchemy Core: values, instance rows, value versions.

Everything is read in a few chunked queries (``IN`` lists of at most ``CHUNK`` keys), so an
import naming thousands of records costs a handful of round trips.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from vo_crf.db.models import FormInstance, ItemValue, Record, ValueVersion
from vo_crf.entry.plan import InstanceMeta
from vo_crf.entry.record_values import InstanceKey, RecordValues

CHUNK = 500

# Core columns of the tables read here (Core statements: about the cost of raw SQL).
_INSTANCE = FormInstance.__table__.c
_VALUE = ItemValue.__table__.c
_RECORD = Record.__table__.c
_VERSION = ValueVersion.__table__.c

VersionKey = tuple[str, str, str, int, str]
"""(record_id, event, form, instance, field) of a value version."""

StoredVersion = tuple[str, str | None, bool]
"""A stored version: (uid, synced uid, held apart in ``value_versions``: not in a value row)."""


@dataclass
class RecordState:
    """One record as the planners see it: its values and its stored form instance rows."""

    pk: int | None
    values: RecordValues
    instances: dict[InstanceKey, InstanceMeta] = field(default_factory=dict)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """Yield successive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _meta_columns() -> list[Any]:
    return [_INSTANCE.id, _INSTANCE.record_pk, _INSTANCE.event, _INSTANCE.form,
            _INSTANCE.instance, _INSTANCE.status, _INSTANCE.version, _INSTANCE.verified_by,
            _INSTANCE.verified_at, _INSTANCE.locked_by, _INSTANCE.locked_at, _INSTANCE.updated_by,
            _INSTANCE.signed_by, _INSTANCE.signed_at]


def _meta(row: Any) -> InstanceMeta:
    return InstanceMeta(id=row.id, status=row.status, version=row.version,
                        verified_by=row.verified_by, verified_at=row.verified_at,
                        locked_by=row.locked_by, locked_at=row.locked_at,
                        updated_by=row.updated_by, signed_by=row.signed_by,
                        signed_at=row.signed_at)


def load_instance_meta(connection: Connection, record_pk: int, key: InstanceKey,
                       for_update: bool = False) -> InstanceMeta | None:
    """Read one form instance row; ``for_update`` locks it (PostgreSQL; SQLite ignores it)."""
    statement = select(*_meta_columns()).where(
        _INSTANCE.record_pk == record_pk, _INSTANCE.event == key.event, _INSTANCE.form == key.form,
        _INSTANCE.instance == key.instance)
    if for_update:
        statement = statement.with_for_update()
    row = connection.execute(statement).first()
    return None if row is None else _meta(row)


def load_states(connection: Connection, records: dict[int, str],
                lock: bool = False) -> dict[int, RecordState]:
    """Read the values and instance rows of the records ``{pk: record_id}``.

    Instances come in (event, form, instance) order. ``lock`` takes the PostgreSQL row locks of
    every instance first (``SELECT ... FOR UPDATE``), as single saves do.
    """
    states = {pk: RecordState(pk, RecordValues(record_id)) for pk, record_id in records.items()}
    pks = sorted(records)
    for chunk in chunks(pks):
        if lock:
            connection.execute(select(_INSTANCE.id).where(_INSTANCE.record_pk.in_(chunk))
                               .with_for_update()).all()
        metas = connection.execute(select(*_meta_columns()).where(_INSTANCE.record_pk.in_(chunk))
                                   .order_by(_INSTANCE.record_pk, _INSTANCE.event, _INSTANCE.form,
                                             _INSTANCE.instance))
        by_id: dict[int, tuple[RecordState, dict[str, str]]] = {}
        for row in metas:
            state = states[row.record_pk]
            key = InstanceKey(row.event, row.form, row.instance)
            state.instances[key] = _meta(row)
            by_id[row.id] = (state, state.values.forms.setdefault(key, {}))
        values = connection.execute(
            select(_VALUE.form_instance_id, _VALUE.field, _VALUE.value)
            .join(FormInstance.__table__, _INSTANCE.id == _VALUE.form_instance_id)
            .where(_INSTANCE.record_pk.in_(chunk)))
        for instance_id, field_name, value in values:
            by_id[instance_id][1][field_name] = value
    return states


def load_records(connection: Connection, record_ids: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Return ``{record_id: (pk, site)}`` of the records that exist among ``record_ids``."""
    found: dict[str, tuple[int, str]] = {}
    for chunk in chunks(sorted(set(record_ids))):
        found.update((r.record_id, (r.id, r.site)) for r in connection.execute(
            select(_RECORD.record_id, _RECORD.id, _RECORD.site)
            .where(_RECORD.record_id.in_(chunk))))
    return found


def load_record_pks(connection: Connection, record_ids: Iterable[str]) -> dict[str, int]:
    """Return ``{record_id: pk}`` of the records that exist among ``record_ids``."""
    return {record_id: pk for record_id, (pk, _) in load_records(connection, record_ids).items()}


def load_instance_ids(connection: Connection, record_pks: Iterable[int]
                      ) -> dict[tuple[int, str, str, int], int]:
    """Return ``{(record_pk, event, form, instance): id}`` of every instance of the records."""
    found: dict[tuple[int, str, str, int], int] = {}
    for chunk in chunks(sorted(set(record_pks))):
        found.update(((r.record_pk, r.event, r.form, r.instance), r.id)
                     for r in connection.execute(
                         select(_INSTANCE.id, _INSTANCE.record_pk, _INSTANCE.event, _INSTANCE.form,
                                _INSTANCE.instance).where(_INSTANCE.record_pk.in_(chunk))))
    return found


def load_versions(connection: Connection, record_ids: Iterable[str],
                  instance: InstanceKey | None = None) -> dict[VersionKey, StoredVersion]:
    """Return ``{(record, event, form, instance, field): (uid, synced uid, apart)}`` of stored
    value versions: those held in value rows and those apart (statuses, marks, blanked
    values).

    With ``instance`` only that instance's versions are read (one record id expected).
    """
    found: dict[VersionKey, StoredVersion] = {}
    columns = (_VERSION.uid, _VERSION.record_id, _VERSION.event, _VERSION.form, _VERSION.instance,
               _VERSION.field, _VERSION.synced_uid)
    in_values = (_VALUE.uid, _RECORD.record_id, _INSTANCE.event, _INSTANCE.form,
                 _INSTANCE.instance, _VALUE.field, _VALUE.synced_uid)
    for chunk in chunks(sorted(set(record_ids))):
        statement = select(*columns).where(_VERSION.record_id.in_(chunk))
        held = (select(*in_values)
                .join(FormInstance.__table__, _INSTANCE.id == _VALUE.form_instance_id)
                .join(Record.__table__, _RECORD.id == _INSTANCE.record_pk)
                .where(_RECORD.record_id.in_(chunk), _VALUE.uid.is_not(None)))
        if instance is not None:
            statement = statement.where(_VERSION.event == instance.event,
                                        _VERSION.form == instance.form,
                                        _VERSION.instance == instance.instance)
            held = held.where(_INSTANCE.event == instance.event, _INSTANCE.form == instance.form,
                              _INSTANCE.instance == instance.instance)
        for query, apart in ((statement, True), (held, False)):
            for row in connection.execute(query):
                found[(row[1], row[2], row[3], int(row[4]), row[5])] = (row[0], row[6], apart)
    return found
