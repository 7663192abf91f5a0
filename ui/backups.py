"""Backups from the main window: the daily one at open, one at close, "Back up now", restore.

Every action calls the core (``vo_crf.db.backup``, ``vo_crf.db.restore``). Backups run off the
GUI thread through ``run_task``; the one made at close waits for its result (a bounded time) so
the application does not exit in the middle of it. A PostgreSQL study is backed up by its server:
the actions are disabled there and the status bar says so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.forms.dates import moment_text
from ui.restore_texts import what_goes
from ui.session import AppSession
from ui.signals import emit
from ui.tasks import run_task
from vo_crf.db.backup import (
    POSTGRES_ADVICE,
    BackupError,
    BackupInfo,
    backup_now,
    last_backup_time,
    list_backups,
    maybe_daily_backup,
)
from vo_crf.db.study_identity import RestorePreview, preview_restore
from vo_crf.paths import sqlite_file

CLOSE_BACKUP_TIMEOUT_MS = 60_000
"""How long closing the window waits for the on-close backup before giving up on it."""


def local_time_text(taken_at: dt.datetime, date_format: str) -> str:
    """Show a backup's UTC time stamp in local time, in the user's date format."""
    return moment_text(taken_at, date_format)


class BackupController(QObject):
    """Owns the backup actions of one main window and the status bar label."""

    backed_up = Signal(object)
    """A backup file was written (its Path)."""

    def __init__(self, window: QMainWindow, session: AppSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.database: Path | None = sqlite_file(session.project.url)
        self.label = QLabel()
        self.label.setObjectName("lastBackupLabel")
        self.running = False
        self.refresh_label()

    @property
    def supported(self) -> bool:
        """True for an SQLite study (PostgreSQL: the server's job)."""
        return self.database is not None

    def refresh_label(self) -> None:
        """Show when the newest backup was taken."""
        if not self.supported:
            self.label.setText(self.tr("Backups: by the database server"))
            self.label.setToolTip(POSTGRES_ADVICE)
            return
        newest = last_backup_time(self.session.project)
        if newest is None:
            self.label.setText(self.tr("No backup yet"))
        else:
            self.label.setText(self.tr("Last backup: {0}").format(
                local_time_text(newest, self.session.settings.date_format)))
        self.label.setToolTip(str(self.database.parent / "backups") if self.database else "")

    # ----- making backups --------------------------------------------------------------------
    def start_daily(self) -> None:
        """Make the daily backup in the background if the newest is older than 24 hours."""
        if not self.supported:
            return
        project = self.session.project
        self.running = True

        def done(path: object) -> None:
            self.running = False
            if path is not None:
                self._written(path, self.tr("Daily backup written"))

        def failed(error: Exception) -> None:
            self.running = False
            self.window.statusBar().showMessage(
                self.tr("The daily backup failed: {0}").format(refusal_text(error)), 15_000)

        run_task(self.window, self.tr("Daily backup"), lambda: maybe_daily_backup(project),
                 done, failed, show_progress=False)

    def back_up_now(self) -> None:
        """The File menu's "Back up now": a manual backup, with a busy dialog."""
        if not self.supported:
            QMessageBox.information(self.window, self.tr("Back up now"), POSTGRES_ADVICE)
            return
        project = self.session.project
        title = self.tr("Back up now")
        self.running = True

        def done(path: object) -> None:
            self.running = False
            self._written(path, self.tr("Backup written: {0}").format(Path(str(path)).name))

        def failed(error: Exception) -> None:
            self.running = False
            QMessageBox.warning(self.window, title,
                                self.tr("The backup failed: {0}").format(refusal_text(error)))

        run_task(self.window, title, lambda: backup_now(project, "manual"), done, failed)

    def backup_on_close(self, timeout_ms: int = CLOSE_BACKUP_TIMEOUT_MS) -> Path | None:
        """Back up as the window closes; wait at most ``timeout_ms``; show a failure."""
        if not self.supported:
            return None
        project = self.session.project
        outcome: dict[str, object] = {}
        loop = QEventLoop()

        def done(path: object) -> None:
            outcome["path"] = path
            loop.quit()

        def failed(error: Exception) -> None:
            outcome["error"] = error
            loop.quit()

        self.window.statusBar().showMessage(self.tr("Backing up the study database…"))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            run_task(self.window, self.tr("Backing up the study database"),
                     lambda: backup_now(project, "close"), done, failed)
            if not outcome:
                QTimer.singleShot(timeout_ms, loop.quit)
                loop.exec()
        finally:
            QGuiApplication.restoreOverrideCursor()
            self.window.statusBar().clearMessage()
        if "path" in outcome:
            path = Path(str(outcome["path"]))
            self._written(path, "")
            return path
        text = (self.tr("The backup made at closing failed: {0}").format(outcome["error"])
                if "error" in outcome else
                self.tr("The backup made at closing did not finish in time; the last good "
                        "backup is kept. Use File > Back up now next time."))
        QMessageBox.warning(self.window, self.tr("Backup"), text)
        return None

    def _written(self, path: object, message: str) -> None:
        self.refresh_label()
        if message:
            self.window.statusBar().showMessage(message, 8000)
        emit(self.backed_up, path)


class ChooseBackupDialog(QDialog):
    """The backups of the study database, newest first; ``chosen`` after exec()."""

    def __init__(self, backups: list[BackupInfo], date_format: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseBackupDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(640, 360)
        self.backups = list(reversed(backups))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose the backup to restore. The current database is kept "
                               "in the backups folder before it is replaced."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.backups), 3)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Reason"),
                                              self.tr("File")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        reasons = {"daily": self.tr("daily"), "close": self.tr("at closing"),
                   "manual": self.tr("manual"), "before-restore": self.tr("before a restore"),
                   "before-sync": self.tr("before a sync")}
        for row, info in enumerate(self.backups):
            cells = (local_time_text(info.taken_at, date_format),
                     reasons.get(info.reason, info.reason), info.path.name)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.selectRow(0)
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Restore…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @property
    def chosen(self) -> BackupInfo | None:
        """The selected backup."""
        row = self.table.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None


def choose_backup(window: QWidget, session: AppSession, database: Path
                  ) -> tuple[BackupInfo, RestorePreview] | None:
    """Ask which backup to restore, then confirm, saying what it replaces.

    Return the backup and what restoring it replaces; None when the user cancelled.
    """
    backups = list_backups(database)
    title = QCoreApplication.translate("Backups", "Restore from backup")
    if not backups:
        QMessageBox.information(window, title, QCoreApplication.translate(
            "Backups", "There is no backup of this study database yet (folder {0}).").format(
            database.parent / "backups"))
        return None
    dialog = ChooseBackupDialog(backups, session.settings.date_format, window)
    try:
        if not dialog.exec() or dialog.chosen is None:
            return None
        chosen = dialog.chosen
    finally:
        dialog.deleteLater()
    try:
        preview = preview_restore(database, chosen.path)  # the core counts what goes
    except BackupError as exc:
        QMessageBox.warning(window, title, QCoreApplication.translate(
            "Backups", "This backup cannot be restored: {0}").format(refusal_text(exc)))
        return None
    answer = QMessageBox.warning(
        window, title, QCoreApplication.translate(
            "Backups", "Replace the study database by the backup taken {0}?\n\nEverything "
            "entered since then is removed from the database (the current file is kept in the "
            "backups folder). The database is closed, restored and opened again: you will log "
            "in again.").format(local_time_text(chosen.taken_at, session.settings.date_format))
        + "\n\n" + what_goes(preview),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return (chosen, preview) if answer == QMessageBox.StandardButton.Yes else None
