"""The one writer of clinical data and the ``Changes`` summary every write returns.

``vo_crf.write.stamp`` gives every synced row its transaction's change sequence (no flush
listener); ``vo_crf.write.clinical.ClinicalWriter`` writes values, value versions and review
marks for the ORM paths (delete, review marks, amendments) and one ``form_save`` audit row per
form instance touched (``finish``); the buffered ``vo_crf.write.buffered.PlanWriter`` is the
same writer's bulk path (saves, imports, calculations, adjudications), ``write.synced_batch``
and ``write.synced`` its sync side. All record what they touched in a ``Changes``.
"""

from vo_crf.write.changes import ChangeKind, Changes

__all__ = ["ChangeKind", "Changes"]
