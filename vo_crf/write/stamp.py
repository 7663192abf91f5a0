"""Stamping synced rows for sync: a change sequence, global ids, the origin site.

Every new or changed audit row, value, value version, query and query step gets the
transaction's change sequence number (``sync_node.change_seq`` + 1, taken once per transaction; on
PostgreSQL the row lock makes later writers wait, so sequence order is commit order), a uid if
it has none, and this database's site code as its origin if unset. The writers call ``stamp``
when they add or change such a row; there is no flush listener. New audit rows are then
chained (vo_crf.audit.chain) in the order they are stamped.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vo_crf.db.models import AuditEntry, Query, QueryStep, SyncNode, new_uid

_INFO_KEY = "vo_crf_change_stamp"

Stamped = AuditEntry | QueryStep | Query
"""The ORM rows sync sends by change sequence (values and versions are written by Core
statements, stamped with ``transaction_stamp``)."""


def transaction_stamp(session: Session) -> tuple[int, str]:
    """Return (change sequence, site code) of the session's current transaction.

    The first call in a transaction bumps ``sync_node.change_seq`` (and so locks that row until
    the transaction ends); later calls return the cached values.
    """
    transaction = session.get_transaction()
    cached = session.info.get(_INFO_KEY)
    if cached is not None and cached[0] is transaction:
        return cached[1], cached[2]
    connection = session.connection()
    connection.execute(update(SyncNode).where(SyncNode.id == 1)
                       .values(change_seq=SyncNode.change_seq + 1))
    row = connection.execute(select(SyncNode.change_seq, SyncNode.site_code)
                             .where(SyncNode.id == 1)).one()
    session.info[_INFO_KEY] = (transaction, int(row.change_seq), str(row.site_code))
    return int(row.change_seq), str(row.site_code)


def stamp(session: Session, *rows: Stamped) -> None:
    """Give new or changed synced rows this transaction's sequence (and uid, site if unset)."""
    if not rows:
        return
    seq, site = transaction_stamp(session)
    for row in rows:
        if isinstance(row, (AuditEntry, QueryStep)):
            row.seq = seq
            if row.uid is None:
                row.uid = new_uid()
            if row.site is None:
                row.site = site
        else:
            row.seq = seq
            if row.site is None:
                row.site = site
    audit = [row for row in rows if isinstance(row, AuditEntry) and row.chain_seq is None]
    if audit:  # chained in the order they are stamped (vo_crf.audit.chain)
        from vo_crf.audit.chain import link_entries

        link_entries(session.connection(), audit)
