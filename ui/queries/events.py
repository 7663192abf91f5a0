"""A query step taken in the GUI tells every screen, on the one app-wide signal.

Every query step taken in the GUI (form editor, queries list, data-quality panel) calls
``notify_queries_changed``; the queries list and the form's field marks follow
``app_signals().operation_did_execute`` like every other screen, so queries a sync brings
reach them too.
"""

from __future__ import annotations

from ui.signals import notify_changes
from vo_crf.write.changes import ChangeKind, Changes


def notify_queries_changed(changes: Changes | None = None) -> None:
    """Tell every screen that queries changed (call after a successful query step).

    ``changes`` (what else the step wrote: a corrected value, a withdrawn verification) goes
    with it, the queries kind added.
    """
    notify_changes((changes or Changes()) | Changes(kinds=frozenset({ChangeKind.QUERIES})))
