"""The data-quality panel: runs the checks off the GUI thread and lists the findings.

Double-click or Enter on a finding opens its form at the field; "Raise queries" turns the
selected findings into queries in one action (for roles allowed to raise queries).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import check_name, refusal_text
from ui.quality.model import ISSUE_ROLE, QualityFilter, QualityModel
from ui.queries.events import notify_queries_changed
from ui.session import AppSession
from ui.signals import emit
from ui.tasks import run_task
from vo_crf.auth.permissions import Action, PermissionDenied
from vo_crf.entry.errors import EntryError
from vo_crf.quality import CHECK_NAMES, QualityIssue, run_quality_checks
from vo_crf.queries.service import QueryRequest


def query_requests(issues: list[QualityIssue]) -> list[QueryRequest]:
    """One query per finding, its text saying which check found what."""
    return [QueryRequest(i.record_id, i.event, i.form, i.instance, i.field,
                         f"{i.check}: {i.message}", source="quality") for i in issues]


class QualityPanel(QDialog):
    """Findings of the last run, sortable and filterable; each one links to its form."""

    open_finding = Signal(str, str, str, int, str)
    """record id, event, form, instance, field."""
    checked = Signal(int)
    """A run finished with this many findings."""
    queries_raised = Signal(int)
    """This many queries were opened from findings."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualityPanel")
        self.setWindowTitle(self.tr("Data quality"))
        self.resize(1100, 560)
        self.session = session
        self.running = False
        self._quietly = False
        self.model = QualityModel(session.study)
        self.proxy = QualityFilter(self.model)
        self.model.setParent(self.proxy)
        self.proxy.setParent(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.table = QTableView()
        self.table.setObjectName("qualityTable")
        self.table.setModel(self.proxy)
        self.table.setColumnHidden(self.model.event_column, session.study.classic)  # no events
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the checks' own order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((170, 80, 110, 120, 120, 90)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons())
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.run_checks)  # F5: run again

    def _filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("qualityFilter")
        self.search.setPlaceholderText(self.tr("Filter: record, field, message…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        bar.addWidget(self.search)
        self.check = QComboBox()
        self.check.setObjectName("qualityCheck")
        self.check.addItem(self.tr("All checks"), "")
        for title in CHECK_NAMES.values():
            self.check.addItem(check_name(title), title)
        self.check.currentIndexChanged.connect(
            lambda _: self.proxy.set_check(str(self.check.currentData() or "")))
        bar.addWidget(self.check)
        bar.addStretch(1)
        self.status = QLabel(self.tr("Not run yet"))
        self.status.setObjectName("qualityStatus")
        self.status.setStyleSheet("color: gray;")
        bar.addWidget(self.status)
        self.run_button = QPushButton(self.tr("&Run checks"))
        self.run_button.setObjectName("runChecks")
        self.run_button.setToolTip(self.tr("Run every check on every patient again (F5)"))
        self.run_button.clicked.connect(self.run_checks)
        bar.addWidget(self.run_button)
        return bar

    def _buttons(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        hint = QLabel(self.tr("Double-click or press Enter on a finding to open its form"))
        hint.setStyleSheet("color: gray;")
        bar.addWidget(hint)
        bar.addStretch(1)
        self.raise_button = QPushButton(self.tr("Raise &queries"))
        self.raise_button.setObjectName("raiseQueries")
        self.raise_button.setToolTip(self.tr("Open a query on the field of each selected "
                                             "finding (findings already queried are skipped)"))
        self.raise_button.setVisible(self.session.user.can(Action.RAISE_QUERY))
        self.raise_button.setEnabled(False)
        self.raise_button.clicked.connect(self.raise_queries)
        bar.addWidget(self.raise_button)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        bar.addWidget(close)
        return bar

    # ----- running -------------------------------------------------------------------------
    def run_checks(self, quietly: bool = False) -> None:
        """Run every check in the background; the table shows the findings when done.

        ``quietly`` (after a write elsewhere): no busy dialog, which would block the window
        the user is typing in, and the keyboard focus stays where it is.
        """
        if self.running:
            return
        self._quietly = quietly
        self.running = True
        self.run_button.setEnabled(False)
        self.status.setText(self.tr("Checking…"))
        project, user = self.session.project, self.session.user
        run_task(self, self.tr("Checking data quality"),
                 lambda: run_quality_checks(project, user), self._show, self._failed,
                 show_progress=not quietly)

    def show_issues(self, issues: list[QualityIssue]) -> None:
        """Show findings computed elsewhere (the dashboard's background run)."""
        self._show(issues)

    def _show(self, issues: object) -> None:
        assert isinstance(issues, list)
        self.running = False
        self.run_button.setEnabled(True)
        self.model.set_issues(issues)
        self.status.setText(self.tr("{0} finding(s) · checked at {1}").format(
            len(issues), dt.datetime.now().strftime("%H:%M")))
        self._selection_changed()
        if not self._quietly:
            self.table.setFocus()
        self._quietly = False
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        emit(self.checked, len(issues))

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.run_button.setEnabled(True)
        self.status.setText(self.tr("The checks failed"))
        QMessageBox.warning(self, self.tr("Data quality"), refusal_text(error))

    # ----- findings ------------------------------------------------------------------------
    def selected_issues(self) -> list[QualityIssue]:
        """The findings of the selected rows, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.index(row, 0).data(ISSUE_ROLE) for row in rows]

    def _selection_changed(self, *_args: object) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.raise_button.setEnabled(count > 0)
        self.raise_button.setText(self.tr("Raise &queries ({0})").format(count) if count
                                  else self.tr("Raise &queries"))

    def _activated(self, index: QModelIndex) -> None:
        issue = index.data(ISSUE_ROLE)
        if isinstance(issue, QualityIssue):
            emit(self.open_finding, issue.record_id, issue.event, issue.form, issue.instance,
                 issue.field)

    def raise_queries(self) -> None:
        """Open one query per selected finding, in one transaction (duplicates skipped)."""
        issues = self.selected_issues()
        if not issues:
            return
        try:
            opened = self.session.queries.open_many(
                query_requests(issues))
        except (EntryError, PermissionDenied, ValueError) as exc:
            QMessageBox.warning(self, self.tr("Raise queries"),
                                refusal_text(exc, self.session.study))
            return
        skipped = len(issues) - opened
        text = self.tr("{0} query(ies) opened").format(opened)
        if skipped:
            text += " · " + self.tr("{0} already open").format(skipped)
        self.status.setText(text)
        emit(self.queries_raised, opened)
        if opened:
            notify_queries_changed()
