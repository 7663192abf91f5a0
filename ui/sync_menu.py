"""The Tools menu's multi-site sync: "Synchronise now…" and "Sync conflicts…".

Synchronising runs the core's ``synchronise`` off the GUI thread (after a ``before-sync`` backup
of an SQLite site), shows the steps in the busy dialog and the counts at the end. Conflicts are
listed and resolved in ``SyncConflictsDialog``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMainWindow, QMenu, QMessageBox

from ui.core_messages import refusal_text
from ui.session import AppSession
from ui.signals import emit
from ui.tasks import StepRelay, run_task
from vo_crf.auth.permissions import Action
from vo_crf.db.backup import backup_now
from vo_crf.paths import sqlite_file
from vo_crf.project import Project

if TYPE_CHECKING:  # the sync machinery is imported when a sync starts
    from vo_crf.auth.users import CurrentUser
    from vo_crf.sync.run import SyncReport


def _sync_work(project: Project, user: CurrentUser, central_url: str,
               relay: StepRelay, steps: dict[str, str]) -> object:
    """Worker: back up an SQLite site, then push and pull (never touches widgets)."""
    from vo_crf.sync.run import synchronise

    if sqlite_file(project.url) is not None:
        relay.report(steps["backup"])
        backup_now(project, "before-sync")
    relay.report(steps["start"])
    return synchronise(project, user, central_url,
                       hook=lambda step: relay.report(steps.get(step, step)))


class SyncMenu(QObject):
    """Builds the Tools menu of the main window (entries the role may not use are hidden)."""

    data_changed = Signal()
    """Values were received or a conflict resolved: the dashboard should refresh."""

    def __init__(self, window: QMainWindow, session: AppSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.menu = QMenu(self.tr("&Tools"), window)
        self.menu.setObjectName("toolsMenu")
        user = session.user
        self.sync_action = self.menu.addAction(self.tr("&Synchronise now…"))
        self.sync_action.setObjectName("action_synchronise")
        self.sync_action.setEnabled(user.can(Action.EDIT_DATA))
        self.sync_action.triggered.connect(self.synchronise)
        self.conflicts_action = self.menu.addAction(self.tr("Sync &conflicts…"))
        self.conflicts_action.setObjectName("action_sync_conflicts")
        self.conflicts_action.setVisible(user.can(Action.UNLOCK))  # investigators and admins
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.last_report: object = None

    def central_url(self) -> str:
        """The central database from the settings; asked for (and stored) when not set."""
        url = self.session.settings.central_url
        if url:
            return url
        url, ok = QInputDialog.getText(
            self.window, self.tr("Synchronise"),
            self.tr("Path or URL of the central database (it is kept in the settings):"),
            QLineEdit.EchoMode.Normal, "")
        if not ok or not url.strip():
            return ""
        self.session.settings.central_url = url.strip()
        self.session.settings.sync()
        return url.strip()

    def synchronise(self) -> None:
        """Send this site's changes to the central database and receive the others'."""
        central = self.central_url()
        if not central:
            return
        title = self.tr("Synchronise")
        steps = {"backup": self.tr("Backing up this database…"),
                 "start": self.tr("Sending this site's changes…"),
                 "pushed": self.tr("Receiving the other sites' changes…"),
                 "pulled": self.tr("Finishing…")}
        relay = StepRelay()
        project, user = self.session.project, self.session.user

        def success(report: SyncReport) -> None:
            relay.deleteLater()
            self.last_report = report
            emit(self.data_changed)
            self._finished(report)

        def failure(error: Exception) -> None:
            relay.deleteLater()
            QMessageBox.warning(self.window, title,
                                self.tr("The synchronisation failed: {0}").format(
                                    refusal_text(error)))

        run_task(self.window, title, lambda: _sync_work(project, user, central, relay, steps),
                 success, failure, steps=relay)

    def _finished(self, report: SyncReport) -> None:
        pushed, pulled = report.pushed, report.pulled
        text = self.tr("Site {0} synchronised.\n\nSent: {1} changed values ({2} audit rows).\n"
                       "Received: {3} changed values ({4} audit rows, {5} new patients)."
                       ).format(report.site, pushed.applied, pushed.audit_copied,
                                pulled.applied, pulled.audit_copied, pulled.records_created)
        meanwhile = pushed.deferred - pushed.locked_out
        if meanwhile:
            text += "\n" + self.tr("{0} values changed meanwhile on the central database: "
                                   "synchronise again to receive them.").format(meanwhile)
        if pushed.marks or pulled.marks:
            text += "\n" + self.tr("Lock, verification and e-signature marks: {0} sent, {1} "
                                   "received.").format(pushed.marks, pulled.marks)
        if pushed.locked_out:
            text += "\n" + self.tr("{0} values were NOT taken by the central database: their "
                                   "form is locked there (see the conflicts).").format(
                                       pushed.locked_out)
        if report.recovery:
            text = self.tr("Warning: {0}. This site sent everything the central database "
                           "lacked and received everything again.").format(
                               report.recovery) + "\n\n" + text
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Synchronise"), text,
                          QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("syncDoneBox")
        show = None
        if report.recovery or pushed.locked_out:
            box.setIcon(QMessageBox.Icon.Warning)
        if pulled.conflicts:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setInformativeText(self.tr(
                "{0} values were changed both here and at another site: nothing was "
                "overwritten. Choose which value to keep in Tools > Sync conflicts.").format(
                pulled.conflicts))
            if self.conflicts_action.isVisible():
                show = box.addButton(self.tr("Show the conflicts…"),
                                     QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if show is not None and clicked is show:
            self.show_conflicts()

    def show_conflicts(self) -> None:
        """The open sync conflicts (investigators and admins resolve them)."""
        from ui.dialogs.sync_conflicts import SyncConflictsDialog

        dialog = SyncConflictsDialog(self.session, self.window)
        dialog.resolved.connect(lambda: emit(self.data_changed))
        dialog.exec()
        dialog.deleteLater()
