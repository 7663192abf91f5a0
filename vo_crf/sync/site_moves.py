"""Records moved to another site in a sync: the later move wins, as review marks do.

A later import may move a record to another site (its REDCap data access group,
``Writer.move_record``): the record's ``site`` changes, a ``record_site_change`` audit row
is written, and so is a version of the record-level pseudo-field ``@site``
(``vo_crf.db.value_versions.SITE_FIELD``), stamped like every version so that it travels.
A receiver takes an incoming move when it is newer than the move it holds (by time, ties
broken by uid) and puts the record at that site; two nodes moving one record differently
never conflict: every node ends with the later move, as with lock, verification and
signature marks (``vo_crf.sync.marks``). Each move's audit row travels with the audit trail,
so both moves stay visible.
"""

from __future__ import annotations

from collections.abc import Callable

from vo_crf.sync.changeset import ValueChange
from vo_crf.sync.marks import take_if_newer
from vo_crf.write.synced_batch import RecordRow
from vo_crf.write.writer import Writer

RecordOf = Callable[[str], RecordRow]
"""The receiver's record of a record id (created from the change set when missing)."""


def merge_site_moves(writer: Writer, changes: list[ValueChange], synced: bool,
                     record_of: RecordOf) -> int:
    """Take the incoming site moves newer than the receiver's; return how many were taken.

    ``synced`` (at a site) records that the central database holds the taken versions.
    """
    batch = writer.synced
    taken = 0
    for change in changes:
        if change.is_site and take_if_newer(writer, change, synced):
            batch.move_record(record_of(change.record_id), change.value or "")
            taken += 1
    return taken
