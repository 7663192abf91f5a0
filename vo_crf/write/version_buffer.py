"""The one version buffer: where a value's version is stored, decided once, and every
statement that writes a version.

Every version this database writes goes through :class:`VersionBuffer`: those of saves,
imports, recalculated forms' statuses and site moves (``vo_crf.write.buffered``: plain tuples,
about a million at an import), those a sync takes (``vo_crf.write.synced_batch``) and those of
deletes, amendments, marks and conflict resolutions (``vo_crf.write.versions``: ``VersionRow``
objects, turned into the same tuples before they are written). The rule:

- a stored entered value holds its version in its value row (``item_values``' version
  columns, 0011): a value row written in the same batch takes it into its own ``INSERT`` or
  ``UPDATE`` (:meth:`VersionBuffer.claim`), a value row already stored is updated;
- a status, a review mark, a record's site and a blanked value (a tombstone, value NULL) have a
  ``value_versions`` row (``held_apart``);
- a value entered again after a tombstone removes the tombstone: its version (base: the
  tombstone's uid, synced uid kept) is back in the value row;
- calculated values have none (``vo_crf.write.clinical.is_versioned``: nobody buffers one).

Every version is stamped with the transaction's change sequence and, when it is this site's,
its code (``vo_crf.write.stamp``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, tuple_, update

from vo_crf.db.value_versions import held_apart
from vo_crf.entry.bulk_sql import insert_rows, sqlite_datetime
from vo_crf.entry.record_state import StoredVersion, chunks
from vo_crf.write.synced_versions import VersionKey, VersionRow, insert_many
from vo_crf.write.tables import VALUES, VERSIONS

PendingVersion = tuple[str | None, str, str | None, dt.datetime, str]
"""A version to write: (value, uid, base uid, changed at, changed by). A plain tuple: an
import buffers about a million."""

ValueRowOf = Callable[[VersionKey], int | None]
"""The form instance id holding ``key``'s value row after the batch's writes (None: none)."""

VALUE_COLUMNS = ("form_instance_id", "field", "value", "definition_version")
"""A value row without its version."""
VERSION_COLUMNS = ("uid", "base_uid", "changed_at", "changed_by", "origin_site", "seq",
                   "synced_uid")
"""A version's columns, in a value row or apart (the order of :meth:`VersionBuffer.claim`)."""
_APART_COLUMNS = ("record_id", "event", "form", "instance", "field", "value", *VERSION_COLUMNS)
_KEY = (VERSIONS.c.record_id, VERSIONS.c.event, VERSIONS.c.form, VERSIONS.c.instance,
        VERSIONS.c.field)
_VERSION_VALUES: dict[str, Any] = {name: bindparam(f"b_{name}") for name in VERSION_COLUMNS}
_VALUE_PLACE = and_(VALUES.c.form_instance_id == bindparam("b_instance"),
                    VALUES.c.field == bindparam("b_field"))

_UPDATE_APART = (update(VERSIONS).where(and_(*(column == bindparam(f"k_{column.name}")
                                                for column in _KEY)))
                 .values(value=bindparam("b_value"), **_VERSION_VALUES))
_SYNCED_APART = (update(VERSIONS).where(VERSIONS.c.id == bindparam("b_id"))
                 .values(synced_uid=bindparam("b_synced_uid"), seq=bindparam("b_seq")))
_UPDATE_VALUE_AND_VERSION = (update(VALUES).where(_VALUE_PLACE)
                             .values(value=bindparam("b_value"),
                                     definition_version=bindparam("b_definition_version"),
                                     **_VERSION_VALUES))
_UPDATE_IN_VALUE = update(VALUES).where(_VALUE_PLACE).values(**_VERSION_VALUES)
_CLEAR_IN_VALUE = (update(VALUES).where(VALUES.c.id == bindparam("b_id"))
                   .values(uid=None, base_uid=None, changed_at=None, changed_by=None,
                           origin_site=None, synced_uid=None, seq=None))
"""A value row kept blank (an amendment blanking a value): its version moved apart."""
_SYNCED_IN_VALUE = (update(VALUES).where(VALUES.c.id == bindparam("b_id"))
                    .values(synced_uid=bindparam("b_synced_uid"), seq=bindparam("b_seq")))
"""Only ``synced_uid`` moves, in a value row read with its version (by the row's id)."""

_held_apart = cache(held_apart)
"""``held_apart``, asked once per form and field (a claim asks for every value)."""

Insert = Callable[[Connection, Any, Any, list[tuple[Any, ...]]], None]
"""How a batch inserts rows (``insert_rows``: ``executemany``; ``insert_many``: also
``COPY`` on PostgreSQL)."""


def write_value_rows(connection: Connection, inserts: list[tuple[Any, ...]],
                     updates: list[dict[str, Any]], insert: Insert = insert_rows) -> None:
    """Write value rows with their versions: ``inserts`` in ``VALUE_COLUMNS`` +
    ``VERSION_COLUMNS`` order (the version as :meth:`VersionBuffer.claim` returned it, or
    seven None), ``updates`` as :func:`versioned_update` builds them."""
    if updates:
        connection.execute(_UPDATE_VALUE_AND_VERSION, updates)
    if inserts:
        insert(connection, VALUES, (*VALUE_COLUMNS, *VERSION_COLUMNS), inserts)


def versioned_update(instance_id: int | None, field: str, value: str,
                     definition_version: int | None, version: tuple[Any, ...]
                     ) -> dict[str, Any]:
    """The parameters of a stored value row's new value and version (``version`` as
    :meth:`VersionBuffer.claim` returned it, with ``text`` False)."""
    return {"b_instance": instance_id, "b_field": field, "b_value": value,
            "b_definition_version": definition_version,
            **{f"b_{name}": part for name, part in zip(VERSION_COLUMNS, version, strict=True)}}


class VersionBuffer:
    """The versions of one writer's batch, changed in memory and written in bulk by
    :meth:`flush` (stamped with the transaction's sequence); see the module for the rule.

    Two ways in, one way out: ``VersionRow`` objects (``put``, ``mark_synced``: syncs,
    deletes, amendments, marks, conflicts) and tuples (``note``, or ``waiting`` and ``uids``
    filled directly by a hot loop: saves and imports). Both are written by ``claim`` and
    ``flush``.
    """

    def __init__(self, rows: Iterable[VersionRow] = (),
                 stored: dict[VersionKey, StoredVersion] | None = None) -> None:
        self.rows: dict[VersionKey, VersionRow] = {row.key: row for row in rows}
        """The stored versions read as objects (``get``)."""
        self._changed: dict[VersionKey, VersionRow] = {}
        self._synced_only: dict[VersionKey, VersionRow] = {}
        known = stored or {}
        self.uids: dict[VersionKey, str] = {key: v[0] for key, v in known.items()}
        """The newest uid of each version (stored or waiting): a new version's base."""
        self.waiting: dict[VersionKey, PendingVersion] = {}
        """The versions to write, in the order they were first changed since the flush."""
        self._synced: dict[VersionKey, str | None] = {key: v[1] for key, v in known.items()}
        """The version the central database holds (kept as it is by a version of this site)."""
        self._apart: set[VersionKey] = {key for key, v in known.items() if v[2]}
        """Versions with a ``value_versions`` row."""
        self._origins: dict[VersionKey, str] = {}
        """The origin site of the versions that came as objects (a tuple's is this site's)."""
        self._held_in: dict[VersionKey, int] = {}
        """The value row (by id) holding a waiting version now (one a blank value leaves)."""
        self._objects: dict[VersionKey, VersionRow] = {}
        self._revived: list[VersionKey] = []
        self._times: dict[dt.datetime, str] = {}

    # ----- objects -----------------------------------------------------------------------
    def add(self, rows: Iterable[VersionRow]) -> None:
        """Hold more stored versions (those of more records, read since)."""
        for row in rows:
            self.rows.setdefault(row.key, row)

    @property
    def pending(self) -> bool:
        """True when a version is waiting to be written."""
        return bool(self.waiting or self._changed or self._synced_only)

    def get(self, key: VersionKey) -> VersionRow | None:
        """Return the version of ``key`` (None: never set here)."""
        return self.rows.get(key)

    def put(self, row: VersionRow, key: VersionKey | None = None) -> None:
        """Write ``row`` (new or changed) at the flush; a blank origin becomes this node's.
        ``key``: the row's key, when the caller has it at hand."""
        key = key or row.key
        self.rows[key] = row
        self._changed[key] = row
        if self._synced_only:
            self._synced_only.pop(key, None)

    def mark_synced(self, row: VersionRow, uid: str) -> None:
        """Record that the other side holds version ``uid`` of this value (it travels on)."""
        row.synced_uid = uid
        if row.key not in self._changed:
            self._synced_only[row.key] = row

    def _settle(self, seq: int, site: str) -> None:
        """Turn the changed objects into waiting tuples, stamped."""
        for key, row in self._changed.items():
            row.seq = seq
            if row.origin_site is None:
                row.origin_site = site
            self.waiting[key] = (row.value, row.uid, row.base_uid, row.changed_at,
                                 row.changed_by)
            self.uids[key] = row.uid
            self._synced[key] = row.synced_uid
            self._origins[key] = row.origin_site
            self._objects[key] = row
            if row.id is not None:
                if row.apart:
                    self._apart.add(key)
                else:
                    self._held_in[key] = row.id
        self._changed = {}

    # ----- tuples ------------------------------------------------------------------------
    def note(self, key: VersionKey, value: str | None, uid: str, at: dt.datetime,
             by: str) -> None:
        """A new version of this site (blank: a tombstone), based on the newest one."""
        self.waiting[key] = (value or None, uid, self.uids.get(key), at, by)
        self.uids[key] = uid

    # ----- writing -----------------------------------------------------------------------
    def claim(self, key: VersionKey, value: str, seq: int, site: str,
              text: bool = False) -> tuple[Any, ...] | None:
        """Hand the waiting version of a value about to be written to its value row (None:
        no waiting version of that value), in ``VERSION_COLUMNS`` order (``text``: its time
        as text, for an ``INSERT`` on SQLite); a tombstone of the value goes at the flush."""
        if self._changed:
            self._settle(seq, site)
        held = self.waiting.get(key)
        if held is None or held[0] != value or _held_apart(key[2], key[4]):
            return None
        del self.waiting[key]
        if key in self._apart:  # a blanked value entered again: its tombstone goes
            self._revived.append(key)
            self._apart.discard(key)
        if self._objects:  # a ``VersionRow``: now in its value row (its id not read back)
            self._held_in.pop(key, None)
            row = self._objects.pop(key, None)
            if row is not None:
                row.apart, row.id = False, None
        at: Any = held[3]
        if text:
            at = self._times.get(at)
            if at is None:
                at = self._times[held[3]] = sqlite_datetime(held[3])
        return (held[1], held[2], at, held[4], self._origins.get(key) or site, seq,
                self._synced.get(key))

    def flush(self, connection: Connection, seq: int, site: str,
              value_row_of: ValueRowOf | None = None) -> int:
        """Write the waiting versions, after the batch wrote the values: into the value row
        when the value is stored (``value_row_of``), apart otherwise; return how many."""
        self._settle(seq, site)
        text = connection.dialect.name == "sqlite"
        inserts: list[tuple[Any, ...]] = []
        updates: list[dict[str, Any]] = []
        in_values: list[dict[str, Any]] = []
        left: list[dict[str, Any]] = []
        apart, origins, synced, times = self._apart, self._origins, self._synced, self._times
        for key, (value, uid, base_uid, at, by) in self.waiting.items():
            origin = origins.get(key) or site
            instance_id = None if value is None or value_row_of is None \
                or _held_apart(key[2], key[4]) else value_row_of(key)
            version = {"b_uid": uid, "b_base_uid": base_uid, "b_changed_at": at,
                       "b_changed_by": by, "b_origin_site": origin, "b_seq": seq,
                       "b_synced_uid": synced.get(key)} if instance_id is not None \
                or key in apart else None
            if instance_id is not None:
                assert version is not None
                in_values.append({"b_instance": instance_id, "b_field": key[4], **version})
                if key in apart:
                    self._revived.append(key)
                    apart.discard(key)
                self._placed(key, False)
            elif version is not None:
                updates.append({"k_record_id": key[0], "k_event": key[1], "k_form": key[2],
                                "k_instance": key[3], "k_field": key[4], "b_value": value,
                                **version})
            else:  # new, or the version of a value blanked here (a tombstone)
                held = self._held_in.pop(key, None)
                if held is not None:  # a value row left blank
                    left.append({"b_id": held})
                stored_at: Any = at
                if text:
                    stored_at = times.get(at)
                    if stored_at is None:
                        stored_at = times[at] = sqlite_datetime(at)
                inserts.append((*key, value, uid, base_uid, stored_at, by, origin, seq,
                                synced.get(key)))
                apart.add(key)
                self._placed(key, True)
        synced_apart: list[dict[str, Any]] = []
        synced_in_values: list[dict[str, Any]] = []
        for row in self._synced_only.values():
            row.seq = seq
            if row.apart:
                synced_apart.append({"b_id": row.id, "b_synced_uid": row.synced_uid,
                                     "b_seq": seq})
            elif row.id is not None:
                synced_in_values.append({"b_id": row.id, "b_synced_uid": row.synced_uid,
                                         "b_seq": seq})
        for chunk in chunks(self._revived):
            connection.execute(VERSIONS.delete().where(tuple_(*_KEY).in_(chunk)))
        for statement, parameters in ((_CLEAR_IN_VALUE, left), (_UPDATE_APART, updates),
                                      (_SYNCED_APART, synced_apart),
                                      (_UPDATE_IN_VALUE, in_values),
                                      (_SYNCED_IN_VALUE, synced_in_values)):
            if parameters:
                connection.execute(statement, parameters)
        insert_many(connection, VERSIONS, _APART_COLUMNS, inserts)
        count = len(inserts) + len(updates) + len(synced_apart) + len(in_values) \
            + len(synced_in_values) + len(self._revived)
        self.waiting, self._synced_only, self._revived = {}, {}, []
        self._held_in, self._objects = {}, {}
        return count

    def _placed(self, key: VersionKey, apart: bool) -> None:
        """Say where a written object's version now is (its id is not read back)."""
        row = self._objects.pop(key, None)
        if row is not None:
            row.apart, row.id = apart, None


# ----- a push acknowledged -------------------------------------------------------------
# A site's own versions marked as held by the central database (``synced_uid``), by row id,
# after the central database took them (``vo_crf.sync.ack``). Only rows not changed since the
# push read them are marked (their change sequence is still at most the one the push was
# complete up to): a value edited meanwhile keeps its own version and is sent at the next
# sync. Marking does not stamp the rows (they are not new changes), so the next push does not
# read them again. The statements go straight to the driver (``executemany`` of plain tuples
# on SQLite, an id array per statement on PostgreSQL): a first push acknowledges 1.4 million
# rows at 10,000 patients.
_ROWS_PER_STATEMENT = 50_000


def mark_held(connection: Connection, apart_ids: Sequence[int], value_ids: Sequence[int],
              upto: int) -> None:
    """Mark the versions of these ``value_versions`` and ``item_values`` rows as held by the
    central database, unless changed after sequence ``upto``."""
    postgres = connection.dialect.name == "postgresql"
    for table, ids in ((VERSIONS, apart_ids), (VALUES, value_ids)):
        for chunk in chunks(ids, _ROWS_PER_STATEMENT):
            if postgres:
                connection.exec_driver_sql(
                    f"UPDATE {table.name} SET synced_uid = uid "
                    "WHERE id = ANY(%(ids)s) AND seq <= %(upto)s",
                    {"ids": list(chunk), "upto": upto})
            else:
                connection.exec_driver_sql(
                    f"UPDATE {table.name} SET synced_uid = uid WHERE id = ? AND seq <= ?",
                    [(row_id, upto) for row_id in chunk])
