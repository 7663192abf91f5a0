"""The audit trail as a hash chain: a row changed, inserted or removed outside vo-crf shows.

Every audit row gets a position (``chain_seq`` 1, 2, 3 …) and ``chain_hash`` = SHA-256 of the
previous row's hash and the row's own canonical content (time, user, action, record, event,
form, instance, field, old and new value, reason, uid, site, sync sequence, and a form save's
list of changes when there is one: a NULL ``changes``, as on every row before migration 0010,
is left out of the hashed text, so older rows keep their hashes). The newest position
and hash (the head) are kept in ``audit_chain``. Rows are chained inside the transaction that
writes them, after the transaction took the sync stamp (``sync_node`` row lock on PostgreSQL,
``BEGIN IMMEDIATE``/the write lock on SQLite), and the head is read ``FOR UPDATE`` on
PostgreSQL: two writers never chain onto the same head.

A hash chain without a secret key shows changes made by anyone who does not recompute every
later hash; a head written into an export (held outside the database) also shows a recomputed
chain: a later export must extend the earlier head (:func:`chain_extends`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, inspect, text

from vo_crf.db.models import AuditEntry

GENESIS = "0" * 64
"""The "previous hash" of the first row."""

CONTENT_FIELDS = ("at", "username", "action", "record_id", "event", "form", "instance", "field",
                  "old_value", "new_value", "reason", "uid", "site", "seq", "changes")
"""The columns a row's hash covers (with its chain position and the previous hash); the last,
``changes``, only when it is not NULL."""

_CHANGES = CONTENT_FIELDS.index("changes")


_TIME_TEXT_LENGTH = len("2026-01-01 00:00:00.000000")
_INTEGER_FIELDS = tuple(i for i, name in enumerate(CONTENT_FIELDS) if name in ("instance", "seq"))


def canonical_time(value: Any) -> str | None:
    """Return a timestamp as stored (``YYYY-MM-DD HH:MM:SS.ffffff``, UTC, naive)."""
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) == _TIME_TEXT_LENGTH and value[10] == " ":
            return value  # SQLite's stored text is already canonical
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return str(value.strftime("%Y-%m-%d %H:%M:%S.%f"))


def _encoded(value: Any) -> str:
    """One hashed field: ``~`` for NULL, else ``<length>:<text>``."""
    if value is None:
        return "~"
    text_value = str(value)
    return f"{len(text_value)}:{text_value}"


def content_hash(previous: str, position: int, content: Sequence[Any]) -> str:
    """Return the chain hash of one row: ``content`` holds the CONTENT_FIELDS values in order.

    The hashed text is ``position|previous|f1|f2|…`` where each field is ``~`` for NULL, else
    ``<length>:<text>`` (so no value can spill into the next), the time canonical, the
    instance and sync sequence as integers; encoded as UTF-8. A NULL ``changes`` (or content
    without it) adds nothing.
    """
    values = list(content)
    if len(values) > _CHANGES and values[_CHANGES] is None:
        del values[_CHANGES:]
    values[0] = canonical_time(values[0])
    for index in _INTEGER_FIELDS:
        value = values[index]
        if value is not None and not isinstance(value, int):
            values[index] = int(value)
    return _digest(previous, position, values)


def chain_links(previous: str, position: int, contents: Sequence[Sequence[Any]]
                ) -> list[tuple[int, str]]:
    """Return (position, hash) of rows chained after (``position``, ``previous``).

    The same hashes as ``content_hash`` row by row, the fields encoded inline (an import
    chains a row per form save: a function call per field cost more than the hashing).
    """
    tails: dict[tuple[Any, Any], str] = {}
    links: list[tuple[int, str]] = []
    sha256 = hashlib.sha256
    for content in contents:
        position += 1
        (at, username, action, record_id, event, form, instance, field, old, new, reason,
         uid, site, seq, *rest) = content
        if not (at.__class__ is str and len(at) == _TIME_TEXT_LENGTH and at[10] == " "):
            at = canonical_time(at)
        if instance is not None and instance.__class__ is not int:
            instance = int(instance)
        tail = tails.get((site, seq))
        if tail is None:
            tail = tails[(site, seq)] = (
                f"{_encoded(site)}|"
                f"{_encoded(seq if seq is None or isinstance(seq, int) else int(seq))}")
        parts = [str(position), previous]
        for value in (at, username, action, record_id, event, form, instance, field, old,
                      new, reason, uid):
            parts.append("~" if value is None else f"{len(value)}:{value}"
                         if value.__class__ is str else _encoded(value))
        parts.append(tail)
        changes = rest[0] if rest else None  # the 15th content field (CONTENT_FIELDS)
        if changes is not None:
            parts.append(_encoded(changes))
        previous = sha256("|".join(parts).encode("utf-8")).hexdigest()
        links.append((position, previous))
    return links


def _digest(previous: str, position: int, values: Sequence[Any]) -> str:
    """The hash of canonical field values (time as text, instance and sequence as int)."""
    parts = [str(position), previous]
    parts += ["~" if value is None else f"{len(value)}:{value}" if value.__class__ is str
              else _encoded(value) for value in values]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def row_hash(previous: str, position: int, content: Mapping[str, Any]) -> str:
    """Return the chain hash of one row from the previous hash and the row's content."""
    return content_hash(previous, position, [content.get(name) for name in CONTENT_FIELDS])


def chain_head(connection: Connection, lock: bool = False) -> tuple[int, str]:
    """Return the chain's head (position, hash); ``lock`` holds it until the transaction ends."""
    statement = "SELECT head_seq, head_hash FROM audit_chain WHERE id = 1"
    if lock and connection.dialect.name == "postgresql":
        statement += " FOR UPDATE"
    row = connection.execute(text(statement)).first()
    if row is None:
        return 0, GENESIS
    return int(row[0]), str(row[1])


def link_rows(connection: Connection, contents: Sequence[Mapping[str, Any]]) -> list[tuple[int,
                                                                                          str]]:
    """Chain new rows onto the head, in order; return each row's (position, hash).

    Must run in the write transaction that inserts the rows (it moves the head).
    """
    return _link(connection, [[content.get(name) for name in CONTENT_FIELDS]
                              for content in contents])


def _link(connection: Connection, contents: Sequence[Sequence[Any]]) -> list[tuple[int, str]]:
    """Chain rows given as CONTENT_FIELDS values onto the head (see ``link_rows``)."""
    if not contents:
        return []
    position, previous = chain_head(connection, lock=True)
    links = chain_links(previous, position, contents)
    if links:
        position, previous = links[-1]
    updated = connection.execute(
        text("UPDATE audit_chain SET head_seq = :seq, head_hash = :hash WHERE id = 1"),
        {"seq": position, "hash": previous})
    if updated.rowcount == 0:
        connection.execute(text("INSERT INTO audit_chain (id, head_seq, head_hash) "
                                "VALUES (1, :seq, :hash)"), {"seq": position, "hash": previous})
    return links


def link_entries(connection: Connection, entries: Iterable[AuditEntry]) -> None:
    """Give new ORM audit rows their chain position and hash (their time is fixed here)."""
    rows = list(entries)
    for entry in rows:
        if entry.at is None:
            from vo_crf.db.models import utcnow

            entry.at = utcnow()
    links = link_rows(connection, [{name: getattr(entry, name) for name in CONTENT_FIELDS}
                                   for entry in rows])
    for entry, (position, digest) in zip(rows, links, strict=True):
        entry.chain_seq = position
        entry.chain_hash = digest


def link_tuples(connection: Connection, columns: Sequence[str],
                rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Return bulk audit rows (tuples in ``columns`` order) with chain_seq and chain_hash added."""
    if not rows:
        return []
    content = itemgetter(*(list(columns).index(name) for name in CONTENT_FIELDS))
    links = _link(connection, [content(row) for row in rows])
    return [(*row, position, digest) for row, (position, digest) in zip(rows, links, strict=True)]


def audit_rows_in_chain_order(connection: Connection, after: int = 0) -> Iterable[Any]:
    """Yield chained audit rows after position ``after`` in chain order, as plain tuples.

    Each is (id, chain_seq, chain_hash, *CONTENT_FIELDS); no type conversion (fast). A
    database not yet migrated to 0010 (a backup being checked) reads NULL ``changes``.
    """
    columns = list(CONTENT_FIELDS)
    if "changes" not in {c["name"] for c in inspect(connection).get_columns("audit_log")}:
        columns[_CHANGES] = "NULL AS changes"
    statement = (f"SELECT id, chain_seq, chain_hash, {', '.join(columns)} FROM audit_log "
                 f"WHERE chain_seq > {int(after)} ORDER BY chain_seq")
    result = connection.execution_options(stream_results=True, yield_per=10_000) \
        .exec_driver_sql(statement)
    yield from result


def chain_extends(connection: Connection, head: str) -> bool:
    """True when the row at the position of ``head`` ("POSITION:HASH") still has that hash."""
    position_text, _, digest = head.strip().partition(":")
    if not position_text.isdigit() or len(digest) != 64:
        raise ValueError(f"not an audit chain head: {head!r} (expected POSITION:SHA256, as "
                         "printed by 'vo-crf audit verify' and written into exports)")
    stored = connection.execute(
        text("SELECT chain_hash FROM audit_log WHERE chain_seq = :seq"),
        {"seq": int(position_text)}).scalar()
    return stored == digest.lower()
