"""Wiring the data-quality panel into the main window: menu action, dashboard button, links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.forms.editor import FormEditor
from ui.quality.panel import QualityPanel
from ui.session import AppSession

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class QualityController(QObject):
    """Owns the panel (made on first use, kept with its findings) and opens findings' forms."""

    SHORTCUT = "Ctrl+Shift+D"

    def __init__(self, window: MainWindow, session: AppSession) -> None:
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
        window.stack.currentChanged.connect(self._page_changed)
        window.installEventFilter(self)

    def show_panel(self) -> QualityPanel:
        """Show the panel; the first time, run the checks."""
        first = self.panel is None
        if self.panel is None:
            self.panel = QualityPanel(self.session, self.window)
            self.panel.open_finding.connect(self.open_finding)
            self.panel.checked.connect(self._checked)
            self.panel.queries_raised.connect(lambda _count: self.window.dashboard.refresh())
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()
        if first:
            self.panel.run_checks()
        return self.panel

    def open_finding(self, record_id: str, event: str, form: str, instance: int,
                     field: str) -> None:
        """Open the finding's form with the keyboard focus in its field; hide the panel.

        The panel keeps its findings: the shortcut or the dashboard button shows it again.
        """
        if self.panel is not None:
            self.panel.hide()
        patient = self.window.open_patient(record_id, event, form)
        if patient is None:
            return  # the user stayed on a form with unsaved changes
        self.window.activateWindow()
        page = patient.page
        if isinstance(page, FormEditor) and page.key.instance == instance:
            row = page.rows.get(field)
            widget = row.editor.focus_widget() if row is not None else None
            if row is not None and widget is not None and row.isVisibleTo(page):
                page.scroll_area.ensureWidgetVisible(row)
                widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Hide the panel with the main window (closed or minimised)."""
        if watched is self.window and event.type() == QEvent.Type.Hide:
            self._hide_panel()
        return False

    def _page_changed(self, _index: int) -> None:
        """The screen lock hides the findings too."""
        if self.window.stack.currentWidget() is self.window.locked_page:
            self._hide_panel()

    def _hide_panel(self) -> None:
        if self.panel is not None and self.panel.isVisible():
            self.panel.hide()

    def _checked(self, count: int) -> None:
        """Show the count of the last run on the dashboard button."""
        self.last_count = count
        self.window.dashboard.quality_button.setText(
            self.tr("&Data quality ({0})").format(count))
