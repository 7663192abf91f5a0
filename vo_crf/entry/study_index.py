"""The entry planners' view of the study's derived data.

The index itself belongs to the study (``vo_crf.study.index``, kept by ``Study.index``); the
remembered value checks (``CheckCache``) are entry's own, kept with the study too.
"""

from __future__ import annotations

from vo_crf.entry.values import CheckCache
from vo_crf.study.index import FormIndex, StudyIndex
from vo_crf.study.model import Study

__all__ = ["FormIndex", "StudyIndex", "study_checks", "study_index"]


def study_index(study: Study) -> StudyIndex:
    """Return the index of ``study`` (``study.index``: built once, owned by the study)."""
    return study.index


def study_checks(study: Study) -> CheckCache:
    """Return the remembered ``check_value`` answers for ``study`` (kept with the study)."""
    return study.derived(CheckCache, lambda: CheckCache(study.missing_code_values))
