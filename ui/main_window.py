"""The main window: the record status dashboard, the patient view, menus and the idle lock."""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ui.backups import BackupController, choose_backup
from ui.core_messages import refusal_text
from ui.dashboard.view import NEW_PATIENT_KEYS, DashboardPage
from ui.database_failure import database_failures, show_database_failure
from ui.dialogs.login import UnlockDialog
from ui.form_menu import FormMenu
from ui.idle import IdleWatcher
from ui.labels import role_label
from ui.patient.view import PatientView
from ui.quality.controller import QualityController
from ui.queries.list_dialog import show_queries_dialog
from ui.reports_menu import ReportsMenu
from ui.restore_texts import what_was_restored
from ui.session import AppSession
from ui.signals import emit, notify_changes
from ui.sync_menu import SyncMenu
from vo_crf.auth.permissions import Action
from vo_crf.db.backup import POSTGRES_ADVICE, BackupError
from vo_crf.db.file_guard import database_unusable
from vo_crf.entry.new_record import NewRecord
from vo_crf.write.changes import Changes


class MainWindow(QMainWindow):
    """Dashboard and patient pages in one window; locks itself after the idle time."""

    switch_database = Signal()
    """The user asked to open or create another study database."""
    reopen_database = Signal(str)
    """The database (URL) was restored from a backup: open it again (a new login)."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        user = session.user
        self.setWindowTitle(f"vo-crf — {session.study.name}")
        self.resize(1360, 820)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.dashboard = DashboardPage(session)
        self.dashboard.open_record.connect(self.open_patient)
        self.dashboard.new_record_requested.connect(self.open_new_patient)
        self.stack.addWidget(self.dashboard)
        self.locked_page = QLabel(self.tr("Locked\n\nType your password in the unlock window "
                                          "to continue."))
        self.locked_page.setObjectName("lockedPage")
        self.locked_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked_page.setStyleSheet("font-size: 18pt; color: gray;")
        self.stack.addWidget(self.locked_page)
        self.patient: PatientView | None = None
        self.reports = ReportsMenu(self, session, self.current_record)
        self.reports.data_imported.connect(self._data_changed_elsewhere)
        self.stack.currentChanged.connect(self.reports.follow_patient)
        self.sync = SyncMenu(self, session)
        self.sync.data_changed.connect(self._data_changed_elsewhere)
        self.backups = BackupController(self, session)
        self.quality = QualityController(self, session)
        self.dashboard.quality_requested.connect(self.quality.show_panel)
        self.dashboard.refresh_requested.connect(self.quality.check_in_background)
        self.quality.count_shown.connect(self.dashboard.show_quality_count)
        self.quality.open_form.connect(self._show_finding)
        self._build_menus()
        who = f"{user.full_name or user.username} · {role_label(user.role)}"
        for label in (QLabel(who), QLabel(session.project.url.removeprefix("sqlite:///")),
                      self.backups.label):
            label.setContentsMargins(10, 0, 10, 0)
            self.statusBar().addPermanentWidget(label)
        self.idle = IdleWatcher(session.settings.idle_minutes * 60_000, self)
        self.idle.idle.connect(self.lock_screen)
        self.is_locked = False
        self._closing = False
        self._restored = False
        self.database_lost = False
        """The database became unusable: the study closes without a backup or questions."""
        self._listening = True
        database_failures().failed.connect(self.database_failed)
        self.backups.start_daily()

    def _build_menus(self) -> None:
        user = self.session.user
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        other = file_menu.addAction(self.tr("Open or create another study database…"))
        other.triggered.connect(self._switch_database)
        from_redcap = file_menu.addAction(self.tr("New study from a REDCap project…"))
        from_redcap.setObjectName("newStudyFromRedcap")
        from_redcap.triggered.connect(self._new_study_from_redcap)
        settings = file_menu.addAction(self.tr("&Settings…"))
        settings.triggered.connect(self.show_settings)
        file_menu.addSeparator()
        backup = file_menu.addAction(self.tr("&Back up now"))
        backup.setObjectName("action_backup_now")
        backup.triggered.connect(self.backups.back_up_now)
        restore = file_menu.addAction(self.tr("&Restore from backup…"))
        restore.setObjectName("action_restore_backup")
        restore.setEnabled(user.can(Action.MANAGE_USERS))
        restore.triggered.connect(self.restore_from_backup)
        for action in (backup, restore):
            if not self.backups.supported:
                action.setEnabled(False)
                action.setToolTip(POSTGRES_ADVICE)
        file_menu.addSeparator()
        log_out = file_menu.addAction(self.tr("Log &out / switch user"))
        log_out.setObjectName("action_log_out")
        log_out.triggered.connect(self.log_out)
        lock = file_menu.addAction(self.tr("&Lock screen"))
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_screen)
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        patient_menu = self.menuBar().addMenu(self.tr("&Patient"))
        new = patient_menu.addAction(self.tr("&New patient…"))
        new.setObjectName("action_new_patient")
        new.setShortcut(QKeySequence(NEW_PATIENT_KEYS))  # the menu shows it, as Help lists it
        new.setEnabled(user.can(Action.CREATE_RECORD))
        new.triggered.connect(self._new_patient)
        dashboard = patient_menu.addAction(self.tr("Record status &dashboard"))
        dashboard.setShortcut(QKeySequence("Ctrl+D"))
        dashboard.triggered.connect(self.show_dashboard)
        queries = patient_menu.addAction(self.tr("&Queries…"))
        queries.setObjectName("action_queries")
        queries.triggered.connect(lambda: show_queries_dialog(self))
        patient_menu.addAction(self.quality.action)
        self.review_menu = patient_menu.addMenu(self.tr("Re&view"))
        """Verify, lock, sign, unlock: the open patient's review actions (its toolbar's)."""
        self.review_menu.setObjectName("reviewMenu")
        self.review_menu.setEnabled(False)
        self.review_menu.menuAction().setVisible(
            any(user.can(a) for a in (Action.VERIFY, Action.LOCK, Action.ESIGN, Action.UNLOCK)))
        if self.session.study.protocol.double_entry_forms:
            from ui.dde.worklist_dialog import show_double_entry_worklist

            worklist = patient_menu.addAction(self.tr("Double data entry &worklist…"))
            worklist.setObjectName("action_double_entry_worklist")
            worklist.triggered.connect(lambda: show_double_entry_worklist(self))
        self.form_menu = FormMenu(self)
        self.menuBar().addMenu(self.form_menu.menu)
        self.menuBar().addMenu(self.reports.menu)
        self.menuBar().addMenu(self.sync.menu)
        if user.can(Action.MANAGE_USERS):
            admin = self.menuBar().addMenu(self.tr("&Admin"))
            users = admin.addAction(self.tr("&Users…"))
            users.setObjectName("action_users")
            users.triggered.connect(self.show_users)
            amend = admin.addAction(self.tr("Load protocol &amendment…"))
            amend.setObjectName("action_amendment")
            amend.setEnabled(user.can(Action.AMEND_STUDY))
            amend.triggered.connect(self.load_amendment)
            double_entry = admin.addAction(self.tr("&Double data entry…"))
            double_entry.setObjectName("action_double_entry_settings")
            double_entry.setEnabled(user.can(Action.AMEND_STUDY))
            double_entry.triggered.connect(self.edit_double_entry_settings)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        keys = help_menu.addAction(self.tr("&Keyboard shortcuts"))
        keys.triggered.connect(self.show_shortcuts)
        about = help_menu.addAction(self.tr("&About vo-crf"))
        about.setObjectName("action_about")
        about.triggered.connect(self.show_about)

    # ----- pages ---------------------------------------------------------------------------
    def current_record(self) -> str | None:
        """The patient shown, if any."""
        return self.patient.record_id if self.patient is not None and \
            self.patient.new_record is None and \
            self.stack.currentWidget() is self.patient else None

    def open_patient(self, record_id: str, event: str = "", form: str = "", instance: int = 0,
                     field: str = "") -> PatientView | None:
        """Show a patient, at a form if given (the first form otherwise).

        ``instance`` opens that instance of a repeating form; ``field`` gets the keyboard focus.
        """
        if (self.patient is not None and self.patient.record_id != record_id
                and not self._close_patient()):
            return None
        if self.patient is None:
            self._add_patient_view(PatientView(self.session, record_id))
        assert self.patient is not None
        self.stack.setCurrentWidget(self.patient)
        if not event:
            first = self.session.study.first_event
            event, form = first.unique_name, first.forms[0]
        self.patient.open_form(event, form, instance, field)
        return self.patient

    def open_new_patient(self, new: NewRecord) -> None:
        """Show a new patient at its first form; it is created by its first saved form."""
        if not self._close_patient():
            return
        self._add_patient_view(PatientView(self.session, new.record_id, new_record=new))
        assert self.patient is not None
        self.stack.setCurrentWidget(self.patient)
        first = self.session.study.first_event
        self.patient.open_form(first.unique_name, first.forms[0])

    def _add_patient_view(self, view: PatientView) -> None:
        self.patient = view
        view.back_requested.connect(self.show_dashboard)  # it follows app_signals() itself
        self.review_menu.addActions(list(view.review.actions.values()))
        self.review_menu.setEnabled(bool(view.review.actions))
        self.stack.addWidget(view)

    def _close_patient(self) -> bool:
        if self.patient is None:
            return True
        if not self.patient.maybe_leave():
            return False
        self.patient.stop()
        self.review_menu.clear()  # the actions belong to the patient page, deleted with it
        self.review_menu.setEnabled(False)
        self.stack.removeWidget(self.patient)
        self.patient.deleteLater()
        self.patient = None
        return True

    def show_dashboard(self) -> None:
        """Back to the dashboard (asks about unsaved changes first)."""
        if self._close_patient():
            self.dashboard.refresh()  # statuses may have changed elsewhere meanwhile
            self.stack.setCurrentWidget(self.dashboard)
            self.dashboard.table.setFocus()

    def _show_finding(self, record_id: str, event: str, form: str, instance: int,
                      field: str) -> None:
        """A data-quality finding: its form, with the focus in its field."""
        self.activateWindow()
        self.open_patient(record_id, event, form, instance, field)

    def _new_patient(self) -> None:
        if self._close_patient():
            self.stack.setCurrentWidget(self.dashboard)
            self.dashboard.new_patient()

    # ----- lock ----------------------------------------------------------------------------
    def lock_screen(self) -> None:
        """Hide the data until the same user's password is typed; the open form is kept."""
        if self.is_locked:
            return
        self.is_locked = True
        self.idle.pause()
        self._keep_draft()
        shown = self.stack.currentWidget()
        self.stack.setCurrentWidget(self.locked_page)
        self.quality.hide_panel()  # the findings are data too
        self.menuBar().setEnabled(False)
        dialog = UnlockDialog(self.session.project, self.session.user, self)
        dialog.exec()
        dialog.deleteLater()
        if dialog.failure is not None:  # the password could not be checked: stays locked
            self.database_failed(dialog.failure)
            return
        self.menuBar().setEnabled(True)
        if shown is not None:
            self.stack.setCurrentWidget(shown)
        self.is_locked = False
        self.idle.resume()

    def _keep_draft(self) -> None:
        """Write the open form's unsaved values to the draft store (never raises)."""
        editor = self.patient.editor if self.patient is not None else None
        if editor is None:
            return
        try:
            editor.write_draft()
        except Exception as exc:  # noqa: BLE001 - the lock or the closing must go on
            self.statusBar().showMessage(
                self.tr("The unsaved values could not be kept as a draft: {0}").format(
                    refusal_text(exc)))

    # ----- database failures ---------------------------------------------------------------
    def database_failed(self, error: Exception) -> None:
        """The database failed: say what and what to do; close the study if it is unusable."""
        if self.database_lost:
            return  # already said; the study is closing
        if not database_unusable(error):
            show_database_failure(self, error)
            return
        self.database_lost = True
        self._keep_draft()
        show_database_failure(self, error)
        self.close()

    def _stop_listening(self) -> None:
        if self._listening:
            self._listening = False
            database_failures().failed.disconnect(self.database_failed)

    # ----- dialogs -------------------------------------------------------------------------
    def show_users(self) -> None:
        """The users dialog (admin)."""
        from ui.dialogs.users import UsersDialog

        dialog = UsersDialog(self.session, self)
        dialog.exec()
        dialog.deleteLater()

    def load_amendment(self) -> None:
        """Load a protocol amendment (admin); once applied, open the study again (new login)."""
        from ui.dialogs.amendment import run_amendment

        if not self._close_patient():
            return
        self.stack.setCurrentWidget(self.dashboard)
        if run_amendment(self, self.session.project, self.session.user):
            emit(self.reopen_database, self.session.project.url)
            self.close()

    def edit_double_entry_settings(self) -> None:
        """Choose the double-entered forms (admin); once changed, open the study again."""
        from ui.dialogs.double_entry_settings import DoubleEntrySettingsDialog

        if not self._close_patient():
            return
        self.stack.setCurrentWidget(self.dashboard)
        dialog = DoubleEntrySettingsDialog(self.session.project, self.session.user, self)
        changed = bool(dialog.exec()) and dialog.outcome is not None
        dialog.deleteLater()
        if changed:
            emit(self.reopen_database, self.session.project.url)
            self.close()

    def show_settings(self) -> None:
        """The settings dialog; applies the idle time at once."""
        from ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.session.settings, self)
        if dialog.exec():
            self.idle.set_timeout(self.session.settings.idle_minutes * 60_000)
            if dialog.database_changed:
                self._switch_database()
        dialog.deleteLater()

    def show_about(self) -> None:
        """Help → About: version, database, study definition version, licences."""
        from ui.dialogs.about import AboutDialog

        dialog = AboutDialog(self.session.project, self)
        dialog.exec()
        dialog.deleteLater()

    def show_shortcuts(self) -> None:
        """A short list of the keyboard shortcuts."""
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.tr(
            "Tab / Shift+Tab: next / previous field\n"
            "Radio buttons and check boxes: type the code or the first letter, arrows + Space\n"
            "Delete in a choice field: clear it · Menu key: missing-data code, field history\n"
            "Ctrl+Shift+Q on a field: raise, answer, close or re-open a query\n"
            "Ctrl+S: save · Ctrl+Return: save and go to the next form · "
            "Ctrl+Shift+R: discard the changes (asks first)\n"
            "Ctrl+PgDown / Ctrl+PgUp: next / previous form\n"
            "Alt+Left or Ctrl+D: dashboard · Ctrl+N: new patient · Ctrl+F: search\n"
            "Ctrl+Shift+D: data-quality findings (F5 in the list: run the checks again)\n"
            "Ctrl+L: lock the screen"))

    def _data_changed_elsewhere(self) -> None:
        """Values arrived by sync or an import, or a conflict was resolved: every screen
        reads its data again (an open form with unsaved edits keeps them)."""
        notify_changes(Changes.all())

    # ----- backups -------------------------------------------------------------------------
    def restore_from_backup(self) -> bool:
        """Replace the database by a chosen backup (admin): close it, restore, reopen it."""
        from vo_crf.db.restore import restore_database

        database = self.backups.database
        if database is None:
            QMessageBox.information(self, self.tr("Restore from backup"), POSTGRES_ADVICE)
            return False
        choice = choose_backup(self, self.session, database)
        if choice is None or not self._close_patient():
            return False
        chosen, preview = choice
        self.session.project.close()  # no connection may stay open during the restore
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            kept = restore_database(database, chosen.path, self.session.user)
        except (BackupError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Restore from backup"),
                                self.tr("The database was not restored: {0}").format(
                                    refusal_text(exc)))
            return False
        QApplication.restoreOverrideCursor()
        QMessageBox.information(self, self.tr("Restore from backup"),
                                what_was_restored(preview, kept))
        self._restored = True
        emit(self.reopen_database, self.session.project.url)
        self.close()
        return True

    def log_out(self) -> None:
        """File → Log out / switch user: close the study for this user; the login comes back."""
        if self._close_patient():
            emit(self.reopen_database, self.session.project.url)
            self.close()

    def _new_study_from_redcap(self) -> None:
        """File → New study from a REDCap project…: create it, then open it (login)."""
        from ui.dialogs.new_from_redcap import NewFromRedcapDialog

        dialog = NewFromRedcapDialog(self)
        try:
            url = dialog.created_url if dialog.exec() else ""
        finally:
            dialog.deleteLater()
        if url and self._close_patient():
            emit(self.reopen_database, url)
            self.close()

    def _switch_database(self) -> None:
        if self._close_patient():
            emit(self.switch_database)
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved changes; stop timers; back up the database (not after a restore).

        Once the database is unusable: keep the open form's values as a draft, no backup.
        """
        if self._closing:
            event.ignore()  # already closing: the on-close backup is running
            return
        if self.database_lost:  # the draft is kept; a backup would copy a broken state
            if self.patient is not None:
                self._keep_draft()  # says so in the status bar when the draft store fails
                with suppress(Exception):
                    self.patient.stop()  # its timers; writing the draft again may fail again
            self.idle.stop()
            self._stop_listening()
            event.accept()
            return
        if not self._close_patient():
            event.ignore()
            return
        self.idle.stop()
        self._stop_listening()
        if not self._restored:
            self._closing = True
            try:
                self.backups.backup_on_close()
            finally:
                self._closing = False
        event.accept()


def active_main_window() -> MainWindow | None:
    """Return the main window, if one is open (used by scripts)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            return widget
    return None

