"""Stamping every write transaction for sync: a change sequence, global ids, the origin site.

A ``before_flush`` listener on every Session gives new audit rows, new or changed value
versions, new or changed queries and new query steps the transaction's change sequence number
(``sync_node.change_seq`` + 1, taken once per transaction; on PostgreSQL the row lock makes later
writers wait, so sequence order is commit order), a uid if they have none, and this database's
site code as their origin if unset. New audit rows are then chained (vo_crf.audit.chain), in
the order they were added to the session.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import instance_state

from vo_crf.db.models import AuditEntry, Query, QueryStep, SyncNode, ValueVersion, new_uid

_INFO_KEY = "vo_crf_change_stamp"


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


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, _context: Any, _instances: Any) -> None:
    created = [o for o in session.new if isinstance(o, (AuditEntry, QueryStep))]
    versions = [o for o in (*session.new, *session.dirty) if isinstance(o, ValueVersion)]
    queries = [o for o in (*session.new, *session.dirty) if isinstance(o, Query)]
    if not created and not versions and not queries:
        return
    seq, site = transaction_stamp(session)
    for row in created:
        row.seq = seq
        if row.uid is None:
            row.uid = new_uid()
        if row.site is None:
            row.site = site
    for version in versions:
        version.seq = seq
        if version.origin_site is None:
            version.origin_site = site
    for query in queries:
        query.seq = seq
        if query.site is None:
            query.site = site
    audit = [o for o in created if isinstance(o, AuditEntry) and object_session(o) is session]
    if audit:
        from vo_crf.audit.chain import link_entries

        audit.sort(key=lambda entry: instance_state(entry).insert_order or 0)
        link_entries(session.connection(), audit)
