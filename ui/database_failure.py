"""When the study database fails during a session: one clear dialog saying what and what to do.

A failure the user can wait out (the database is busy, the disk is full, the file is read-only)
leaves the form as it is, to be saved again. A database that cannot be used any more this
session (its file deleted or replaced, its ``-wal`` deleted, a disk I/O error, a damaged file)
closes the study once the dialog is read: the unsaved values of the open form are kept as a
draft and offered again at the next start, where the database is checked.

Widgets report a failure with ``report_database_failure``; the main window listens to the
app-wide ``database_failures().failed`` signal (without one, the dialog is shown at once).
``install_database_failure_hook`` routes database errors no slot caught to the same place.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QMetaMethod, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy.exc import SQLAlchemyError

from ui.signals import emit
from vo_crf.db.failures import describe_database_error
from vo_crf.db.file_guard import DatabaseFilesChanged, database_unusable

DATABASE_ERRORS: tuple[type[Exception], ...] = (SQLAlchemyError,)
"""What reading or writing the study database raises when it fails."""


class DatabaseFailures(QObject):
    """The app-wide channel of database failures."""

    failed = Signal(object)
    """A database error (an exception of ``DATABASE_ERRORS``)."""


_hub: DatabaseFailures | None = None


def database_failures() -> DatabaseFailures:
    """The one channel of the process."""
    global _hub  # noqa: PLW0603 - created on first use, kept for the whole process
    if _hub is None:
        _hub = DatabaseFailures()
    return _hub


def failure_text(error: BaseException) -> str:
    """What went wrong, in words a nurse can act on."""
    if isinstance(error, DatabaseFilesChanged):
        text = error.problem  # the dialog says what to do
    elif isinstance(error, SQLAlchemyError):
        text = describe_database_error(error)
    else:
        text = str(error) or type(error).__name__
    return text[:1].upper() + text[1:]


def show_database_failure(parent: QWidget | None, error: BaseException) -> None:
    """Show the dialog (modal); its wording depends on whether the study must close."""
    translate = QCoreApplication.translate
    if database_unusable(error):
        title = translate("DatabaseFailure", "The study database cannot be used")
        advice = translate(
            "DatabaseFailure",
            "Nothing more can be saved in this session: vo-crf closes the study now. Values "
            "you typed and did not save are kept and offered again at the next start.\n\n"
            "Start vo-crf again: it checks the database and offers to restore the latest "
            "backup if it is damaged. Tell your data manager what happened.")
        button = translate("DatabaseFailure", "Close the study")
        icon = QMessageBox.Icon.Critical
    else:
        title = translate("DatabaseFailure", "The study database is not available")
        advice = translate("DatabaseFailure",
                           "The form keeps what you typed: save again in a moment.")
        button = translate("DatabaseFailure", "OK")
        icon = QMessageBox.Icon.Warning
    box = QMessageBox(icon, title, failure_text(error) + "\n\n" + advice,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("databaseFailureBox")
    box.setDetailedText(str(error))
    close = box.addButton(button, QMessageBox.ButtonRole.AcceptRole)
    close.setObjectName("closeStudy" if icon is QMessageBox.Icon.Critical else "ok")
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.exec()
    box.deleteLater()


def report_database_failure(parent: QWidget | None, error: BaseException) -> None:
    """Send ``error`` to the main window; without one listening, show the dialog here."""
    hub = database_failures()
    if hub.isSignalConnected(QMetaMethod.fromSignal(hub.failed)):
        emit(hub.failed, error)
    else:
        show_database_failure(parent, error)


def install_database_failure_hook() -> Callable[[], None]:
    """Route database errors that no slot caught to ``report_database_failure``.

    Other exceptions go to the previous ``sys.excepthook``. Returns a function restoring it.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        if isinstance(error, DATABASE_ERRORS):
            QTimer.singleShot(0, lambda: report_database_failure(
                QApplication.activeWindow(), error))
            return
        previous(kind, error, trace)

    sys.excepthook = hook

    def uninstall() -> None:
        if sys.excepthook is hook:
            sys.excepthook = previous

    return uninstall
