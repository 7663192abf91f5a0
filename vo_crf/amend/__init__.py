"""Protocol amendments: load a new study definition version into a database holding data.

``prepare_amendment`` compares a definition folder with the stored version (``Amendment``:
the diff, the stored values each change touches, the blockers); ``apply_amendment`` stores the
new version and migrates the data per an ``AmendmentMapping`` in one audited transaction.
"""

from vo_crf.amend.analysis import Amendment, Blocker, prepare_amendment, prepare_from_texts
from vo_crf.amend.diff import Change, ChangeKind, diff_studies
from vo_crf.amend.fate import BlockerKey, BlockerKind
from vo_crf.amend.mapping import AmendmentMapping, MappingError
from vo_crf.amend.migrate import (
    AmendmentError,
    AmendmentRefused,
    AmendmentResult,
    apply_amendment,
)

__all__ = ["Amendment", "AmendmentError", "AmendmentMapping", "AmendmentRefused",
           "AmendmentResult", "Blocker", "BlockerKey", "BlockerKind", "Change", "ChangeKind",
           "MappingError", "apply_amendment", "diff_studies", "prepare_amendment",
           "prepare_from_texts"]
