"""The data-quality panel's controller: menu action, background checks, links to forms.

It reaches into no other screen: the count it computes goes out on ``count_shown`` (the main
window connects it to the dashboard's button) and a finding to open on ``open_form``; the main
window tells it when to check (dashboard F5, first show) and when to hide (screen lock); raised
queries reach the dashboard on the app-wide signal (``ui.signals.app_signals``). It follows that
signal too: after a write changing values or statuses the count shown is checked again, and the
panel's findings are (at once when it is open, else when it is shown again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from ui.core_messages import refusal_text
from ui.quality.panel import QualityPanel
from ui.session import AppSession
from ui.signals import app_signals, emit
from ui.tasks import run_task
from vo_crf.auth.permissions import Action
from vo_crf.quality import VersionedFindings, run_versioned_checks
from vo_crf.write.changes import ChangeKind, Changes

OpenPatient = Callable[[str, str, str, int, str], object]
"""Shows a patient at a form instance with the focus in a field (the main window's)."""


class QualityController(QObject):
    """Owns the panel (made on first use, kept with its findings) and opens findings' forms."""

    count_shown = Signal(str, str)
    """The button text and tooltip for the checks' count ('' = unchanged)."""

    open_form = Signal(str, str, str, int, str)
    """Show a finding's form: record id, event, form, instance, field (to focus)."""

    SHORTCUT = "Ctrl+Shift+D"
    RECHECK_DELAY_MS = 800
    """After a write, the checks run again once writes pause this long (saves in a row)."""
    FINDING_KINDS = frozenset({ChangeKind.VALUES, ChangeKind.STATUS, ChangeKind.RECORDS,
                               ChangeKind.STUDY})
    """The changes that may change the findings."""

    def __init__(self, window: QMainWindow, session: AppSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.panel: QualityPanel | None = None
        self.last_count: int | None = None
        self.action = QAction(self.tr("Data q&uality…"), window)
        self.action.setObjectName("action_data_quality")
        self.action.setShortcut(QKeySequence(self.SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.show_panel)
        window.addAction(self.action)  # the shortcut works with the menu bar hidden too
        self.background_running = False
        self.findings: VersionedFindings | None = None
        """The last background run's result (reused by the panel while current)."""
        self._stale_retries = 0
        self._shown_once = False
        self._panel_outdated = False
        """A write since the panel's findings: shown again, the panel checks again."""
        self._recheck = QTimer(self, singleShot=True, interval=self.RECHECK_DELAY_MS)
        self._recheck.timeout.connect(self._check_after_changes)
        window.installEventFilter(self)
        app_signals().operation_did_execute.connect(self._changed)

    def show_panel(self) -> QualityPanel:
        """Show the panel; the first time, run the checks."""
        first = self.panel is None
        if self.panel is None:
            self.panel = QualityPanel(self.session, self.window)
            self.panel.open_finding.connect(self.open_finding)
            self.panel.checked.connect(self._checked)
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()
        if first or self._panel_outdated:
            self._panel_outdated = False
            fresh = self.findings
            if fresh is not None and fresh.is_current(self.session.project):
                self.panel.show_issues(fresh.issues)  # the dashboard's run is still current
            else:
                self.panel.run_checks()
        return self.panel

    # ----- the dashboard's background run --------------------------------------------------
    def check_in_background(self) -> None:
        """Run the checks off the GUI thread and show the count on the dashboard button.

        Only with the preference on; a result computed before a change was written is
        dropped and the checks run again (twice at most per request).
        """
        if not self.session.settings.check_quality_on_dashboard or self.background_running:
            return
        if not self.session.user.can(Action.VIEW_DATA):
            return
        self._stale_retries = 2
        self._start_background()

    def _start_background(self) -> None:
        self.background_running = True
        emit(self.count_shown, "", self.tr("Checking data quality…"))
        project, user = self.session.project, self.session.user
        run_task(None, "", lambda: run_versioned_checks(project, user),
                 self._background_done, self._background_failed, show_progress=False)

    def _background_done(self, result: object) -> None:
        if not shiboken6.isValid(self) or not self.window.isVisible():
            return  # the window closed meanwhile
        self.background_running = False
        assert isinstance(result, VersionedFindings)
        if not result.is_current(self.session.project):
            if self._stale_retries > 0:
                self._stale_retries -= 1
                self._start_background()
            return
        self.findings = result
        self._checked(len(result.issues))
        emit(self.count_shown, "", self.tr(
            "{0} data-quality finding(s) at {1}: click to list them (Ctrl+Shift+D)").format(
                len(result.issues), dt.datetime.now().strftime("%H:%M")))

    def _background_failed(self, error: Exception) -> None:
        if not shiboken6.isValid(self) or not self.window.isVisible():
            return
        self.background_running = False
        emit(self.count_shown, "", self.tr("The data-quality checks failed: {0}").format(
            refusal_text(error)))

    def open_finding(self, record_id: str, event: str, form: str, instance: int,
                     field: str) -> None:
        """Open the finding's form with the keyboard focus in its field; hide the panel.

        The panel keeps its findings: the shortcut or the dashboard button shows it again.
        """
        if self.panel is not None:
            self.panel.hide()
        emit(self.open_form, record_id, event, form, instance, field)

    # ----- following writes ----------------------------------------------------------------
    def _changed(self, changes: Changes, _initiator: object) -> None:
        """A write: the findings may have changed (queries and review marks do not)."""
        if not (changes.everything or changes.kinds & self.FINDING_KINDS):
            return
        self.findings = None
        if self.panel is not None:
            self._panel_outdated = True
        self._recheck.start()

    def _check_after_changes(self) -> None:
        """Check again what is on screen: the open panel, the dashboard's count."""
        if not self.window.isVisible():
            return
        if self.panel is not None and self.panel.isVisible():
            self._panel_outdated = False
            self.panel.run_checks(quietly=True)  # its count goes to the dashboard's button too
        elif self.last_count is not None:
            self.check_in_background()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Hide the panel with the main window; check in the background at the first show."""
        if watched is self.window and event.type() == QEvent.Type.Hide:
            self._hide_panel()
        elif watched is self.window and event.type() == QEvent.Type.Show \
                and not self._shown_once:
            self._shown_once = True
            self.check_in_background()  # after login, with the dashboard
        return False

    def hide_panel(self) -> None:
        """Hide the findings (the screen lock, the window hidden)."""
        self._hide_panel()

    def _hide_panel(self) -> None:
        if self.panel is not None and self.panel.isVisible():
            self.panel.hide()

    def _checked(self, count: int) -> None:
        """Show the count of the last run on the dashboard button."""
        self.last_count = count
        emit(self.count_shown, self.tr("&Data quality ({0})").format(count), "")
