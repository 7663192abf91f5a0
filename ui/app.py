"""Application entry point: ``run(db)`` opens (or creates) the study, logs in, shows the window."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.dialogs.first_start import DEMO, OPEN, FirstStartDialog
from ui.dialogs.login import LoginDialog
from ui.i18n import install_translation
from ui.main_window import MainWindow
from ui.session import AppSession
from ui.settings import Settings
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.paths import default_database_url, to_database_url
from vo_crf.project import Project, ProjectError, init_project, open_project


def demo_available() -> bool:
    """True when the demo cohort package is installed."""
    return importlib.util.find_spec("vo_crf.demo.cohort") is not None


def _missing_file(url: str) -> bool:
    return url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists()


def open_or_create(url: str) -> Project | None:
    """Open the study at ``url``; when there is none, offer the first-start choices."""
    while True:
        if not _missing_file(url):
            try:
                return open_project(url)
            except (ProjectError, Exception) as exc:  # noqa: BLE001 - shown to the user
                QMessageBox.critical(
                    None, QCoreApplication.translate("App", "Cannot open the study database"),
                    str(exc))
                return None
        dialog = FirstStartDialog(url.removeprefix("sqlite:///"), demo_available())
        while dialog.exec():
            if dialog.choice == OPEN:
                url = to_database_url(dialog.open_path)
                break
            try:
                return _create(url, dialog.choice == DEMO, dialog.admin.text().strip(),
                               dialog.password.text())
            except (ProjectError, ValueError) as exc:
                dialog.show_error(str(exc))
        else:
            return None


def _create(url: str, with_demo: bool, admin: str, password: str) -> Project:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        project = init_project(url, admin, password)
        if with_demo:
            from vo_crf.demo.cohort import load_demo

            load_demo(project, CurrentUser(admin, Role.ADMIN))
        return project
    finally:
        QGuiApplication.restoreOverrideCursor()


def offer_drafts(window: MainWindow) -> None:
    """After a crash: offer to reopen the forms whose unsaved edits were kept."""
    drafts = window.session.drafts.list()
    if not drafts:
        return
    study = window.session.study
    lines = [f"• {d.key.record_id} — {study.event(d.key.event).label} — "
             f"{study.form(d.key.form).label} ({d.saved_at:%Y-%m-%d %H:%M})" for d in drafts]
    answer = QMessageBox.question(
        window, QCoreApplication.translate("App", "Unsaved changes found"),
        QCoreApplication.translate(
            "App", "These forms have unsaved changes from a previous session (the "
            "application may have stopped unexpectedly):") + "\n\n" + "\n".join(lines) + "\n\n"
        + QCoreApplication.translate("App", "Restore them? (No discards them.)"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        for draft in drafts:
            window.session.drafts.discard(draft.key)
        return
    first = drafts[0].key
    window.open_patient(first.record_id, first.event, first.form)


def start_session(project: Project, settings: Settings,
                  parent: QWidget | None = None) -> MainWindow | None:
    """Log in and show the main window (None when the user cancelled the login)."""
    login = LoginDialog(project, settings.last_username, parent)
    try:
        if not login.exec() or login.user is None:
            return None
        user = login.user
    finally:
        login.deleteLater()
    settings.last_username = user.username
    window = MainWindow(AppSession(project, user, settings))
    window.show()
    QTimer.singleShot(0, lambda: offer_drafts(window))
    return window


def run(db: str | None) -> int:
    """Start the desktop application on ``db`` (a path or URL; None: settings or default)."""
    app = QApplication.instance() or QApplication(sys.argv)
    QCoreApplication.setOrganizationName("vo-crf")
    QCoreApplication.setApplicationName("vo-crf")
    settings = Settings()
    install_translation(app, settings.language)
    url = to_database_url(db) if db else to_database_url(
        settings.database_url) if settings.database_url else default_database_url()
    while True:
        project = open_or_create(url)
        if project is None:
            return 0
        window = start_session(project, settings)
        if window is None:
            project.close()
            return 0
        switching: list[bool] = []
        window.switch_database.connect(lambda flags=switching: flags.append(True))
        app.exec()
        window.deleteLater()
        project.close()
        if not switching:
            return 0
        url = to_database_url(settings.database_url) if settings.database_url else \
            default_database_url()
        if url == project.url:
            url = _ask_other_database(url)


def _ask_other_database(current: str) -> str:
    """Pick another database file (a new path means: create it)."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(
        None, QCoreApplication.translate("App", "Open or create a study database"),
        current.removeprefix("sqlite:///"),
        QCoreApplication.translate("App", "Study database (*.sqlite *.db)"),
        options=QFileDialog.Option.DontConfirmOverwrite)
    return to_database_url(path) if path else current
