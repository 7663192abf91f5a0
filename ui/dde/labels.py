"""Texts about double data entry shown outside the form editor (dashboard tooltips)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from vo_crf.dde.progress import DoubleEntryProgress


def double_entry_text(progress: DoubleEntryProgress) -> str:
    """Say how far the double entry of a dashboard cell has gone."""
    if progress.instances > 1:
        return QCoreApplication.translate(
            "DoubleEntryLabels", "double data entry: {0} instances, {1} ready to compare"
        ).format(progress.instances, progress.ready)
    if progress.all_ready:
        return QCoreApplication.translate("DoubleEntryLabels",
                                          "double data entry: ready to compare")
    return QCoreApplication.translate(
        "DoubleEntryLabels", "double data entry: {0} of 2 entries complete"
    ).format(progress.fewest_complete)
