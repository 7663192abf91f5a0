"""The one writer of clinical data and the ``Changes`` summary every write returns.

``vo_crf.write.writer.Writer`` is the one class every clinical write goes through (saves,
imports, recalculations, adjudications, deletes, amendments, review marks, sync, conflict
resolution); its parts (``buffered``, ``clinical``, ``synced_batch``) are used by it only.
``vo_crf.write.stamp`` gives every synced row its transaction's change sequence (no flush
listener); versions follow one rule (``vo_crf.write.version_buffer``). Every write records
what it touched in a ``Changes``.
"""

from vo_crf.write.changes import ChangeKind, Changes

__all__ = ["ChangeKind", "Changes"]
