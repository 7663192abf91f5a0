"""One sync of a site with the central database: push, then pull.

Each direction is one transaction on the receiving side, and the receiver stores what it has
received (its watermark, in ``sync_peers``) in that same transaction, so a sync killed at any
point leaves both databases consistent and simply runs again:

1. **push**: in one central transaction, lock the site's watermark, read the site's own changes
   after it, apply them (``apply_at_central``), move the watermark;
2. **pull**: in one site transaction, lock the central watermark, read the central changes after
   it, apply them (``apply_at_site``: conflicts are recorded, nothing is overwritten), move it.

Changes are read and applied in parts of a few hundred records (then audit rows, then queries:
``read_change_parts``) inside that one transaction, so a first sync's memory does not grow
with the number of patients.

At the end of the pull the site leaves a checkpoint in the central database (and keeps its uid);
a central database restored from an older backup, or replaced, lacks it, and the next sync is a
full one in both directions, reported as such (``vo_crf.sync.epoch``).

Pulling after pushing also acknowledges the push: the site marks the versions the central
database took as held there (``synced_uid``), and the central database does not send them
back (``vo_crf.sync.ack``). Applying is idempotent (versions and audit rows carry global ids),
so a repeated change set does nothing new.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field

from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import AuditEntry, utcnow
from vo_crf.project import Project, ProjectError, open_project
from vo_crf.sync.ack import Acknowledgement
from vo_crf.sync.apply import ApplyReport, apply_at_central, apply_at_site
from vo_crf.sync.changeset import read_change_parts
from vo_crf.sync.epoch import RECOVERY_ACTION, divergence, node_uid, store_checkpoint
from vo_crf.sync.node import (
    SyncError,
    advance_watermark,
    definition_fingerprint,
    lock_watermark,
    site_code,
)
from vo_crf.wording import (
    SYNC_CENTRAL_IS_SITE,
    SYNC_CENTRAL_UNOPENED,
    SYNC_NO_SITE_CODE,
    SYNC_OTHER_DEFINITION,
    SYNC_SAME_DATABASE,
    worded,
)
from vo_crf.write.stamp import stamp

CENTRAL_PEER = "central"

__all__ = ["SyncError", "SyncReport", "synchronise", "push", "pull"]


@dataclass
class SyncReport:
    """What one sync did in each direction."""

    site: str
    pushed: ApplyReport = field(default_factory=ApplyReport)
    pulled: ApplyReport = field(default_factory=ApplyReport)
    recovery: str | None = None
    """Why this sync was a full one (the central database went back in time), else None."""

    def summary(self) -> str:
        """Return a short human summary."""
        text = ""
        if self.recovery:
            text = (f"WARNING: {self.recovery}. This site sent everything the central database "
                    "lacked and received everything again; every other site does the same at "
                    "its next sync. ")
        text += (f"Site {self.site}: sent {_count(self.pushed.applied, 'changed value')} "
                f"({_count(self.pushed.audit_copied, 'audit row')}), received "
                f"{_count(self.pulled.applied, 'changed value')} "
                f"({_count(self.pulled.audit_copied, 'audit row')}, "
                f"{_count(self.pulled.records_created, 'new record')})")
        steps = (self.pushed.query_steps, self.pulled.query_steps)
        if any(steps):
            text += f"; query steps: {steps[0]} sent, {steps[1]} received"
        marks = (self.pushed.marks, self.pulled.marks)
        if any(marks):
            text += f"; lock/verify/sign marks: {marks[0]} sent, {marks[1]} received"
        moves = (self.pushed.site_moves, self.pulled.site_moves)
        if any(moves):
            text += f"; record site moves: {moves[0]} sent, {moves[1]} received"
        if self.pushed.locked_out:
            text += (f"; {_count(self.pushed.locked_out, 'value')} NOT taken by the central "
                     "database: the form is locked there")
        if self.pulled.conflicts:
            text += f"; {_count(self.pulled.conflicts, 'conflict')} recorded"
            if self.pulled.locked_conflicts:
                text += (f" ({self.pulled.locked_conflicts} of them edits of forms locked "
                         "elsewhere)")
            text += (": list them with 'vo-crf sync conflicts' and resolve them with "
                     "'vo-crf sync resolve'")
        meanwhile = self.pushed.deferred - self.pushed.locked_out
        if meanwhile:
            text += (f"; {_count(meanwhile, 'value')} changed meanwhile on the "
                     "central database: sync again to see them")
        return text


Hook = Callable[[str], None]
"""Called with a step name between steps (tests inject failures there)."""


def synchronise(site: Project, user: CurrentUser, central_url: str,
                hook: Hook | None = None) -> SyncReport:
    """Push this site's changes to ``central_url``, then pull the others' (see module doc).

    When the central database went back in time or was replaced since this site's last sync
    (``vo_crf.sync.epoch``), both directions are full and the report says so.
    """
    user.require(Action.EDIT_DATA)
    if site.url == central_url:
        raise worded(SyncError, SYNC_SAME_DATABASE)
    try:
        central = open_project(central_url)
    except ProjectError as exc:
        raise worded(SyncError, SYNC_CENTRAL_UNOPENED, problem=str(exc)) from None
    try:
        code = check_pair(site, central)
        report = SyncReport(code)
        with read_session(site.engine) as mine, read_session(central.engine) as theirs:
            report.recovery = divergence(mine, theirs, CENTRAL_PEER)
        full = report.recovery is not None
        report.pushed = push(site, central, code, full=full)
        if hook:
            hook("pushed")
        report.pulled = pull(site, central, code, full=full, user=user.username,
                             recovery=report.recovery,
                             acknowledged=None if full else report.pushed.acknowledged)
        if hook:
            hook("pulled")
        return report
    finally:
        central.close()


def check_pair(site: Project, central: Project) -> str:
    """Refuse to sync unless the site has a code, central is central, and definitions agree."""
    code = site_code(site)
    if not code:
        raise worded(SyncError, SYNC_NO_SITE_CODE)
    if site_code(central):
        raise worded(SyncError, SYNC_CENTRAL_IS_SITE, site=site_code(central))
    with read_session(site.engine) as mine, read_session(central.engine) as theirs:
        if definition_fingerprint(mine) != definition_fingerprint(theirs):
            raise worded(SyncError, SYNC_OTHER_DEFINITION)
    return code


def push(site: Project, central: Project, code: str, full: bool = False) -> ApplyReport:
    """Send the site's own new changes (``full``: everything it holds); one central
    transaction, watermark included."""
    report = ApplyReport()
    with write_transaction(central.engine) as session:
        watermark = lock_watermark(session, f"site:{code}")
        upto = watermark.received_seq  # every part tells the sender's sequence read first
        with read_session(site.engine) as source:
            for part in read_change_parts(
                    source, site.study, 0 if full else watermark.received_seq, origin=code,
                    audit_sites=None if full else (code, ""), full=full):
                with closing(part):  # its attached files wait in a temporary file until applied
                    apply_at_central(session, central, part, code, report)
                upto = part.upto
        if full:
            watermark.received_seq = 0
        advance_watermark(watermark, upto)
    return report


def pull(site: Project, central: Project, code: str, full: bool = False, user: str = "sync",
         recovery: str | None = None,
         acknowledged: Acknowledgement | None = None) -> ApplyReport:
    """Receive the central changes (``full``: everything); one site transaction (watermark
    and checkpoint included; the checkpoint is written to the central database first).

    ``acknowledged`` (the push just made): its rows are marked as held by the central
    database, which does not send them back."""
    with write_transaction(site.engine) as session:
        watermark = lock_watermark(session, CENTRAL_PEER)
        skip = None
        if acknowledged is not None:
            acknowledged.mark(session)
            if acknowledged.central_seq:
                skip = (acknowledged.central_seq, code)
        report, upto = ApplyReport(), watermark.received_seq
        with read_session(central.engine) as source:
            identity = node_uid(source)
            for part in read_change_parts(
                    source, central.study, 0 if full else watermark.received_seq,
                    skip_audit_site=code, skip_pushed=skip):
                with closing(part):
                    apply_at_site(session, site, part, code, report)
                upto = part.upto
        if full:
            watermark.received_seq = 0
        advance_watermark(watermark, upto)
        if recovery:
            recovered = AuditEntry(at=utcnow(), username=user, action=RECOVERY_ACTION,
                                   reason=f"{recovery}: sent and received everything again")
            session.add(recovered)
            stamp(session, recovered)
        with write_transaction(central.engine) as central_session:
            checkpoint = store_checkpoint(central_session, code, watermark.received_seq,
                                          keep=watermark.checkpoint)
        watermark.checkpoint, watermark.peer_uid = checkpoint, identity
    return report


def _count(number: int, noun: str) -> str:
    """Return '1 audit row' or '3 audit rows'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
