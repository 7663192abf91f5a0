"""What a restore replaces and what it restored, in the interface's language.

The core (``vo_crf.db.study_identity.RestorePreview``) counts what a restore removes; its
``text()`` is the command line's English. The GUI says the same from the same facts here, so a
French user reads it in French.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from vo_crf.db.study_identity import RestorePreview

CONTEXT = "RestoreTexts"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def what_goes(preview: RestorePreview) -> str:
    """The lines saying what restoring the chosen backup removes and brings back."""
    lines = [_tr("Backup {backup}, made {taken} UTC; its last recorded change: {last} UTC.")
             .format(backup=preview.backup.name, taken=preview.backup_taken,
                     last=preview.last_change_in_backup)]
    if not preview.current_readable:
        lines.append(_tr("The current database cannot be read (damaged): what it holds since "
                         "the backup is unknown; it is kept in the backups folder."))
        return "\n".join(lines)
    if preview.changes_since:
        lines.append(_tr("Removed by the restore: {changes} change(s) recorded since the backup "
                         "({values} value change(s) on {records} patient(s)).").format(
            changes=preview.changes_since, values=preview.value_changes_since,
            records=preview.records_changed_since))
    else:
        lines.append(_tr("Nothing was recorded in the database since the backup."))
    if preview.users_removed:
        lines.append(_tr("Users added since the backup (removed by the restore): {users}.")
                     .format(users=", ".join(preview.users_removed)))
    if preview.users_restored:
        lines.append(_tr("Users of the backup no longer in the database (they come back): "
                         "{users}.").format(users=", ".join(preview.users_restored)))
    return "\n".join(lines)


def what_was_restored(preview: RestorePreview, kept: Path | None) -> str:
    """Said once the restore is done: the backup now in use, what went, where the old file is."""
    lines = [_tr("The study database was restored from the backup {backup} (made {taken} UTC).")
             .format(backup=preview.backup.name, taken=preview.backup_taken)]
    if preview.current_readable and preview.changes_since:
        lines.append(_tr("{changes} change(s) recorded since that backup were removed "
                         "({values} value change(s) on {records} patient(s)).").format(
            changes=preview.changes_since, values=preview.value_changes_since,
            records=preview.records_changed_since))
    if preview.users_removed:
        lines.append(_tr("Users removed: {users}.").format(users=", ".join(preview.users_removed)))
    if kept is not None:
        lines.append(_tr("The replaced database is kept as {file} in the backups folder.")
                     .format(file=kept.name))
    lines.append(_tr("The study opens again: log in again."))
    return "\n".join(lines)
