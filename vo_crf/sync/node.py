"""This database as a sync node: its site code, its watermarks, its study fingerprint."""

from __future__ import annotations

import hashlib

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import (
    AuditEntry,
    ItemValue,
    Query,
    QueryStep,
    Record,
    StudyDefinitionRow,
    SyncNode,
    SyncPeer,
    ValueVersion,
    utcnow,
)
from vo_crf.entry.records import site_prefix
from vo_crf.project import Project
from vo_crf.wording import SYNC_ALREADY_SITE, SYNC_SITE_CODE_INVALID, worded
from vo_crf.write.stamp import stamp

SETUP_ACTION = "sync_setup"
CENTRAL_LABEL = "central"
"""Origin marker of changes made directly on the central database (its site code is '')."""


class SyncError(Exception):
    """A sync was refused or failed; nothing half-done was kept (the message says why)."""


def site_code(project: Project) -> str:
    """Return the site code of the database ('' for a central or not yet set-up database)."""
    with read_session(project.engine) as session:
        return session.scalar(select(SyncNode.site_code).where(SyncNode.id == 1)) or ""


def set_site_code(project: Project, user: CurrentUser, code: str) -> None:
    """Make the database the site ``code`` (admin only, once); audited.

    Values entered and queries raised before the set-up become this site's changes.
    """
    user.require(Action.MANAGE_USERS)
    code = code.strip()
    if not code or code == CENTRAL_LABEL or not code.replace("-", "").isalnum():
        raise worded(SyncError, SYNC_SITE_CODE_INVALID, code=repr(code))
    with write_transaction(project.engine) as session:
        node = session.get(SyncNode, 1)
        assert node is not None
        if node.site_code and node.site_code != code:
            raise worded(SyncError, SYNC_ALREADY_SITE, site=node.site_code)
        node.site_code = code
        for versioned in (ValueVersion, ItemValue):
            session.execute(update(versioned).where(versioned.origin_site == "")
                            .values(origin_site=code))
        for model in (Query, QueryStep):
            session.execute(update(model).where(model.site == "").values(site=code))
        foreign = [r for r in session.scalars(select(Record.record_id))
                   if not r.startswith(site_prefix(code) + "-")]
        setup = AuditEntry(
            at=utcnow(), username=user.username, action=SETUP_ACTION, new_value=code,
            reason=f"sync set-up as site {code}" + (
                f"; {len(foreign)} records have another site's prefix" if foreign else ""))
        session.add(setup)
        stamp(session, setup)


def definition_fingerprint(session: Session) -> str:
    """Return a hash of the newest study definition (sites and central must agree)."""
    row = session.scalar(select(StudyDefinitionRow)
                         .order_by(StudyDefinitionRow.version.desc()).limit(1))
    if row is None:
        return ""
    digest = hashlib.sha256()
    for text in (row.dictionary_csv, row.events_csv, row.mapping_csv, row.repeating_csv):
        digest.update(text.replace("\r\n", "\n").encode("utf-8") + b"\0")
    return digest.hexdigest()


def lock_watermark(session: Session, peer: str) -> SyncPeer:
    """Return (creating it) the watermark row of ``peer``, locked until the transaction ends."""
    row = session.scalar(select(SyncPeer).where(SyncPeer.peer == peer).with_for_update())
    if row is None:
        row = SyncPeer(peer=peer, received_seq=0)
        session.add(row)
        session.flush()
    return row


def advance_watermark(row: SyncPeer, upto: int) -> None:
    """Record that everything the peer had up to ``upto`` is now applied here."""
    row.received_seq = max(row.received_seq, upto)
    row.last_sync_at = utcnow()
