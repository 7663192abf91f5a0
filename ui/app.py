"""Application entry point: ``run(db)`` opens (or creates) the study, logs in, shows the window.

``VO_CRF_EXIT_AT_LOGIN=1`` (start-up benchmark): print the seconds since the process started when
the login window is first shown, then quit.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.core_messages import refusal_text
from ui.database_failure import install_database_failure_hook
from ui.dialogs.first_start import DEMO, OPEN, FirstStartDialog
from ui.dialogs.login import LoginDialog
from ui.dialogs.password_rule import password_refusal
from ui.i18n import install_translation
from ui.labels import place_label
from ui.session import AppSession
from ui.settings import Settings
from vo_crf.auth.users import AuthenticationError, CurrentUser, authenticate
from vo_crf.paths import default_database_url, resources_dir, to_database_url
from vo_crf.project import (
    Project,
    ProjectError,
    init_project,
    integrity_problem,
    open_project,
    sqlite_file,
)

if TYPE_CHECKING:  # the main window is imported after the login: the login shows sooner
    from ui.main_window import MainWindow

EXIT_AT_LOGIN = "VO_CRF_EXIT_AT_LOGIN"
RESTORE_LATEST, OPEN_ANOTHER = "restore", "open"


def seconds_since_process_start() -> float:
    """Return the time since this process started (Linux: /proc; elsewhere: since import)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return now - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED_AT


_IMPORTED_AT = time.perf_counter()


def demo_available() -> bool:
    """True when the demo cohort package is installed."""
    return importlib.util.find_spec("vo_crf.demo.cohort") is not None


def _missing_file(url: str) -> bool:
    return url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists()


def open_or_create(url: str) -> Project | None:
    """Open the study at ``url``; when there is none, offer the first-start choices."""
    return open_or_create_logged_in(url)[0]


def open_or_create_logged_in(url: str) -> tuple[Project | None, CurrentUser | None]:
    """As ``open_or_create``; a database created here also gives its admin, logged in.

    The first start just asked for the admin's name and password: the login does not ask again.
    """
    while True:
        if not _missing_file(url):
            try:
                return open_project(url, check_integrity=False), None  # checked at login
            except (ProjectError, Exception) as exc:  # noqa: BLE001 - shown to the user
                damaged = _damaged_file(url)
                if damaged is None:
                    QMessageBox.critical(
                        None, QCoreApplication.translate("App", "Cannot open the study database"),
                        refusal_text(exc))
                    return None, None
                next_url = recover_damaged(url, damaged, refusal_text(exc))
                if next_url is None:
                    return None, None
                url = next_url
                continue
        dialog = FirstStartDialog(url.removeprefix("sqlite:///"), demo_available())
        while dialog.exec():
            if dialog.choice == OPEN:
                url = to_database_url(dialog.open_path)
                break
            admin, password = dialog.admin.text().strip(), dialog.password.text()
            try:
                project = _create(url, dialog.choice == DEMO, admin, password)
            except (ProjectError, ValueError) as exc:
                dialog.show_error(password_refusal(exc))
                continue
            try:
                return project, authenticate(project.engine, admin, password)
            except AuthenticationError:
                return project, None
        else:
            return None, None


def _damaged_file(url: str) -> Path | None:
    """Return the SQLite file of ``url`` when it exists and fails ``PRAGMA quick_check``.

    A full, read-only or forbidden drive is not damage: None (the error says what is wrong).
    """
    from vo_crf.db.restore import check_at_open
    from vo_crf.storage import StorageUnavailable

    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        return path if check_at_open(path) is not None else None
    except StorageUnavailable:
        return None


def ask_damaged(database: Path, message: str, good: Path | None) -> str:
    """Show why the database cannot be opened; return RESTORE_LATEST, OPEN_ANOTHER or ''.

    The core's message (with the check's full output) is in the details.
    """
    text = QCoreApplication.translate(
        "App", "The study database {0} is damaged: its integrity check failed. Do not go on "
        "working on it.").format(database)
    if good is not None:
        text += "\n\n" + QCoreApplication.translate(
            "App", "The latest good backup is {0}. Restoring it replaces the damaged file (which "
            "is kept in the backups folder); what was entered after that backup must be "
            "entered again.").format(good.name)
    else:
        text += "\n\n" + QCoreApplication.translate(
            "App", "No usable backup was found beside it: ask your data manager.")
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("App", "The study database is damaged"), text,
                      QMessageBox.StandardButton.NoButton)
    box.setObjectName("damagedDatabaseBox")
    box.setDetailedText(message)
    restore = None
    if good is not None:
        restore = box.addButton(QCoreApplication.translate("App", "Restore the latest backup"),
                                QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("restoreLatest")
    other = box.addButton(QCoreApplication.translate("App", "Open another database…"),
                          QMessageBox.ButtonRole.ActionRole)
    other.setObjectName("openAnother")
    quit_button = box.addButton(QCoreApplication.translate("App", "Quit"),
                                QMessageBox.ButtonRole.RejectRole)
    quit_button.setObjectName("quit")
    box.setDefaultButton(restore or other)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if restore is not None and clicked is restore:
        return RESTORE_LATEST
    return OPEN_ANOTHER if clicked is other else ""


def recover_damaged(url: str, database: Path, message: str) -> str | None:
    """Offer to restore the latest good backup or to open another database; the URL to open."""
    from ui.core_messages import phrase_text
    from ui.dialogs.restore_login import ask_restoring_admin
    from vo_crf.db.backup import BackupError
    from vo_crf.db.restore import latest_good_backup, restore_database
    from vo_crf.db.study_identity import preview_restore
    from vo_crf.storage import database_storage_message, storage_problem

    drive = storage_problem(database)
    if drive is not None:  # not damage: say what is wrong and touch nothing
        QMessageBox.critical(None, QCoreApplication.translate(
            "App", "Cannot open the study database"),
            phrase_text(database_storage_message(database, drive)))
        return None
    while True:
        good = latest_good_backup(database)
        answer = ask_damaged(database, message, good)
        if answer == RESTORE_LATEST and good is not None:
            try:
                replaces = preview_restore(database, good).text()  # the core says what goes
            except BackupError as exc:
                QMessageBox.warning(None, QCoreApplication.translate("App", "Restore failed"),
                                    QCoreApplication.translate(
                                        "App", "Restoring {0} failed: {1}").format(
                                            good, refusal_text(exc)))
                continue
            admin = ask_restoring_admin(good, replaces)  # an admin only, as vo-crf restore
            if admin is None:
                continue
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                restore_database(database, good, admin)
            except (BackupError, OSError) as exc:
                QGuiApplication.restoreOverrideCursor()
                QMessageBox.warning(None, QCoreApplication.translate("App", "Restore failed"),
                                    QCoreApplication.translate(
                                        "App", "Restoring {0} failed: {1}").format(
                                            good, refusal_text(exc)))
                continue
            QGuiApplication.restoreOverrideCursor()
            return url
        if answer == OPEN_ANOTHER:
            other = _ask_other_database(url)
            if other != url:
                return other
            continue
        return None


def _create(url: str, with_demo: bool, admin: str, password: str) -> Project:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        if with_demo:
            from vo_crf.demo.cohort import create_demo_project

            return create_demo_project(url, admin, password)
        return init_project(url, admin, password)
    finally:
        QGuiApplication.restoreOverrideCursor()


def offer_drafts(window: MainWindow) -> None:
    """After a crash: offer to reopen the forms whose unsaved edits were kept."""
    drafts = window.session.drafts.list()
    if not drafts:
        return
    study = window.session.study
    lines = [f"• {d.key.record_id} — {place_label(study, d.key.event, d.key.form)} "
             f"({d.saved_at:%Y-%m-%d %H:%M})" for d in drafts]
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


class DamagedDatabase(Exception):
    """The integrity check run during the login found the database damaged."""


def start_integrity_check(url: str) -> Callable[[], str | None]:
    """Start the open-time quick check in a thread; return a function waiting for its verdict.

    The login window shows at once; the check (about a second per 500 MB) runs while the user
    types, and the login waits for it before anything is written.
    """
    from vo_crf.storage import StorageUnavailable

    verdict: list[str | None] = []

    def check() -> None:
        try:
            verdict.append(integrity_problem(url))
        except StorageUnavailable as exc:  # recover_damaged() names the drive's problem
            verdict.append(refusal_text(exc))

    thread = threading.Thread(target=check, name="vo-crf-quick-check", daemon=True)
    thread.start()

    def wait() -> str | None:
        thread.join()
        return verdict[0] if verdict else "the integrity check could not run"

    return wait


def start_session(project: Project, settings: Settings,
                  parent: QWidget | None = None,
                  before_login: Callable[[], str | None] | None = None,
                  logged_in: CurrentUser | None = None) -> MainWindow | None:
    """Log in and show the main window (None when the user cancelled the login).

    ``logged_in`` (the admin of a database just created) skips the login. Raises
    DamagedDatabase when ``before_login`` (the integrity check) finds damage.
    """
    if logged_in is not None:
        user = logged_in
    else:
        found = _log_in(project, settings, parent, before_login)
        if found is None:
            return None
        user = found
    settings.last_username = user.username
    from ui.main_window import MainWindow

    window = MainWindow(AppSession(project, user, settings))
    window.show()
    QTimer.singleShot(0, lambda: offer_drafts(window))
    return window


def _log_in(project: Project, settings: Settings, parent: QWidget | None,
            before_login: Callable[[], str | None] | None) -> CurrentUser | None:
    login = LoginDialog(project, settings.login_name(), parent, before_login)
    if os.environ.get(EXIT_AT_LOGIN):
        QTimer.singleShot(0, lambda: _exit_at_login(login))
    try:
        accepted = login.exec()
        if login.damage:
            raise DamagedDatabase(login.damage)
        return login.user if accepted else None
    finally:
        login.deleteLater()


def _exit_at_login(login: LoginDialog) -> None:
    """Benchmark hook: the login window is on screen; report the start-up time and leave."""
    QCoreApplication.processEvents()
    print(f"vo-crf: login window shown {seconds_since_process_start():.3f} s after the "
          "process started", flush=True)
    login.reject()


def run(db: str | None) -> int:
    """Start the desktop application on ``db`` (a path or URL; None: settings or default)."""
    app = QApplication.instance() or QApplication(sys.argv)
    install_database_failure_hook()  # a database failure no slot caught: a dialog, not silence
    QCoreApplication.setOrganizationName("vo-crf")
    QCoreApplication.setApplicationName("vo-crf")
    settings = Settings()
    install_translation(app, settings.language)
    # the bundled font: Qt falls back on it for glyphs the system font lacks (the ✖ ⚠ marks)
    QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "DejaVuSans.ttf"))
    url = to_database_url(db) if db else to_database_url(
        settings.database_url) if settings.database_url else default_database_url()
    while True:
        project, created_by = open_or_create_logged_in(url)
        if project is None:
            return 0
        try:
            window = start_session(project, settings,
                                   before_login=start_integrity_check(project.url),
                                   logged_in=created_by)
        except DamagedDatabase as damage:
            project.close()
            database = sqlite_file(project.url)
            next_url = recover_damaged(project.url, database, str(damage)) if database else None
            if next_url is None:
                return 0
            url = next_url
            continue
        if window is None:
            project.close()
            return 0
        switching: list[bool] = []
        window.switch_database.connect(lambda flags=switching: flags.append(True))
        restored: list[str] = []
        window.reopen_database.connect(restored.append)
        app.exec()
        window.deleteLater()
        project.close()
        if restored:
            url = restored[-1]
            continue
        if not switching:
            return 0
        url = to_database_url(settings.database_url) if settings.database_url else \
            default_database_url()
        if url == project.url:
            url = _ask_other_database(url)


def _ask_other_database(current: str) -> str:
    """Pick another database file (a new path means: create it)."""
    from ui.file_dialogs import ask_save_path

    path = ask_save_path(
        None, QCoreApplication.translate("App", "Open or create a study database"), current,
        QCoreApplication.translate("App", "Study database (*.sqlite *.db)"),
        confirm_overwrite=False)
    return to_database_url(str(path)) if path is not None else current
