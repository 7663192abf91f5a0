"""Acknowledging a push without sending it back.

The site needs to know which of its versions the central database holds (``synced_uid``):
its next push leaves them out, and a later change arriving for a value is judged against it
(``vo_crf.sync.apply``). The central database used to tell it by sending back, in the pull
that follows, every version it had just taken: at 10,000 patients the pull re-read, sent and
compared 1.4 million versions the site already had, as long as the push itself, and marking
them re-stamped them, so the next push read them all once more.

Now the push itself records which of the site's version rows the central database took or
already held (by row id, in arrays: 8 bytes a row), and the central transaction's change
sequence. The pull, in the site's one transaction, marks those rows as held
(``vo_crf.write.version_buffer.mark_held``) and asks the central database for its changes
without the versions that push stored from this site. Anything else still arrives: other
nodes' changes, the central database's recalculations and audit rows, and the versions of an
earlier push whose acknowledgement was lost (a sync killed between push and pull): those
come back as before and are recognised as the site's own.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from vo_crf.sync.changeset import ValueChange
from vo_crf.write.version_buffer import mark_held
from vo_crf.write.writer import Writer


@dataclass
class Acknowledgement:
    """What the central database holds of one push: the site's rows, by id."""

    site_upto: int
    """The site's change sequence the push was complete up to."""
    central_seq: int = 0
    """The central transaction's change sequence that stored what it took (0: none)."""
    apart: array[int] = field(default_factory=lambda: array("q"))
    """``value_versions`` rows held."""
    in_values: array[int] = field(default_factory=lambda: array("q"))
    """``item_values`` rows held."""

    def note_held(self, writer: Writer, changes: list[ValueChange]) -> None:
        """Note the changes whose version is the central database's now (taken or held),
        as the push's ``writer`` holds them."""
        versions = writer.synced.versions
        for change in changes:
            held = versions.get(change.key)
            if change.row_id is not None and held is not None and held.uid == change.uid:
                (self.apart if change.apart else self.in_values).append(change.row_id)

    def __len__(self) -> int:
        return len(self.apart) + len(self.in_values)

    def mark(self, session: Session) -> None:
        """Mark the held rows at the site, in the pull's transaction."""
        mark_held(session.connection(), self.apart, self.in_values, self.site_upto)
