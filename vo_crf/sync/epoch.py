"""Noticing a central database that went back in time (restored from a backup) or was replaced.

The watermarks alone cannot: after a restore the central change counter restarts below what
the sites received, its own watermarks of the sites go back, and the sites' values it lost are
marked as held there (``synced_uid``), so nothing would ever be sent again while every sync
said "success". Two facts make it visible:

- the central database's identity, ``sync_node.node_uid`` (a replaced database has another);
- a **checkpoint**: at the end of every pull the site stores a new uid in the central database
  (``sync_checkpoints``: uid, site, the central change sequence the site holds up to) and keeps
  the same uid in its watermark row. A central database restored from a backup older than that
  pull does not hold it.

When either fact fails, the next sync is a **full** one: the site sends every value version,
audit row and query it holds (the central database takes what it lacks, keeps what is newer)
and receives everything the central database holds, then stores a new checkpoint. Every site
does so at its next sync, so all nodes end with the same data; each report says it happened.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vo_crf.db.models import SyncCheckpoint, SyncNode, SyncPeer, new_uid, utcnow

RECOVERY_ACTION = "sync_recovery"
"""Audit action of a full re-sync after the central database went back in time."""


def node_uid(session: Session) -> str | None:
    """Return the identity of the database of ``session``."""
    return session.scalar(select(SyncNode.node_uid).where(SyncNode.id == 1))


def divergence(site: Session, central: Session, peer: str) -> str | None:
    """Return why the central database no longer holds what this site knows it held.

    None when it does (or before the first sync): the ordinary incremental sync is right.
    """
    mark = site.scalar(select(SyncPeer).where(SyncPeer.peer == peer))
    if mark is None or (mark.received_seq == 0 and mark.checkpoint is None):
        return None
    identity = node_uid(central)
    if mark.peer_uid and identity and identity != mark.peer_uid:
        return ("the central database is not the one this site last synced with (it was "
                "replaced or re-created)")
    change_seq = int(central.scalar(select(SyncNode.change_seq).where(SyncNode.id == 1)) or 0)
    if mark.checkpoint:
        checkpoint = central.get(SyncCheckpoint, mark.checkpoint)
        if checkpoint is None or checkpoint.seq != mark.received_seq:
            return ("the central database went back in time (restored from a backup older "
                    f"than this site's last sync of {mark.last_sync_at:%Y-%m-%d %H:%M} UTC)"
                    if mark.last_sync_at else "the central database went back in time")
    elif change_seq < mark.received_seq:
        return ("the central database went back in time (its change counter is below what "
                "this site received from it)")
    return None


def store_checkpoint(central: Session, site_code: str, seq: int, keep: str | None) -> str:
    """Write a new checkpoint of ``site_code`` at ``seq`` into the central database.

    The site's previous checkpoint (``keep``) stays until the next one, in case the site's own
    transaction does not commit; older ones are deleted. Returns the new checkpoint's uid.
    """
    uid = new_uid()
    kept = [uid] + ([keep] if keep else [])
    central.execute(delete(SyncCheckpoint).where(SyncCheckpoint.site == site_code,
                                                 SyncCheckpoint.uid.not_in(kept)))
    central.add(SyncCheckpoint(uid=uid, site=site_code, seq=seq, at=utcnow()))
    return uid
