"""The record status dashboard page: filters, the patient × form status table, "New patient"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.dashboard.delegate import StatusCellDelegate
from ui.dashboard.frozen import FrozenColumnTable
from ui.dashboard.model import (
    MARK_BEFORE_EARLIER_VISIT,
    MARK_OVERDUE,
    PATIENT_COLUMNS,
    DashboardModel,
)
from ui.database_failure import DATABASE_ERRORS
from ui.icons import status_icon
from ui.labels import state_label
from ui.session import AppSession
from ui.signals import app_signals, emit
from vo_crf.audit.chain import chain_head
from vo_crf.auth.permissions import Action, PermissionDenied
from vo_crf.dashboard import CellState, DashboardFilter
from vo_crf.entry import EntryError
from vo_crf.entry.new_record import propose_record
from vo_crf.write.changes import ChangeKind, Changes

WATCH_INTERVAL_MS = 5000
"""How often the shown dashboard looks whether another program wrote to the database."""

NEW_PATIENT_KEYS = "Ctrl+N"
"""Patient → New patient (the dashboard button names it in its tooltip)."""


class DashboardPage(QWidget):
    """Patients and the status of every form of every visit, as REDCap's status dashboard."""

    open_record = Signal(str, str, str)
    new_record_requested = Signal(object)
    """New patient: a ``NewRecord`` (site and proposed study number), created on its first save."""
    """record id, event, form ('' = the first form)."""
    quality_requested = Signal()
    """The user asked for the data-quality panel."""
    refresh_requested = Signal()
    """The user pressed F5 (after the table was refreshed)."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.session = session
        self.model = DashboardModel(session.project, parent=self, view=session.view,
                                    date_format=session.settings.date_format)
        app_signals().operation_did_execute.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(self._filters())
        self.empty_state = QLabel()
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.empty_state.setStyleSheet("color: #444; font-size: 12pt; padding: 24px;")
        self.empty_state.hide()
        layout.addWidget(self.empty_state)
        self.table = FrozenColumnTable()
        self.table.setObjectName("dashboardTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAlternatingRowColors(False)
        self.table.setShowGrid(True)
        self.table.setGridStyle(Qt.PenStyle.DotLine)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for column, width in enumerate((86, 66, 88, 180, 64)):
            header.resizeSection(column, width)
        self.delegate = StatusCellDelegate(self.table)
        for column in range(PATIENT_COLUMNS, self.model.columnCount()):
            header.resizeSection(column, 74)
            self.table.setItemDelegateForColumn(column, self.delegate)
        header_font = header.font()
        header_font.setPointSizeF(max(7.5, header_font.pointSizeF() - 1))
        header.setFont(header_font)
        header.setMinimumHeight(44)
        self.table.sync_frozen_column()
        self.table.activated.connect(self._activated)
        self.table.frozen.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._legend())
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self._update_count()
        self._last_write = self._latest_write()
        self.watch = QTimer(self, interval=WATCH_INTERVAL_MS)
        """Shows saves made by other programs (another user's vo-crf, an import) by itself."""
        self.watch.timeout.connect(self._follow_other_programs)
        self.watch.start()

    def _filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search study number… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(250)
        self.search.setMaximumWidth(300)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh_by_user)  # F5
        bar.addWidget(self.search)
        self.site = QComboBox()
        self.site.setObjectName("siteFilter")
        self.site.addItem(self.tr("All sites"), "")
        for code, label in self.model.site_choices():
            self.site.addItem(label, code)
        bar.addWidget(self.site)
        self.state = QComboBox()
        self.state.setObjectName("stateFilter")
        self.state.addItem(self.tr("Any status"), None)
        for state in CellState:
            if state is not CellState.EMPTY:
                self.state.addItem(status_icon(state),
                                   self.tr("Has a form: {0}").format(state_label(state)),
                                   int(state))
        self.state.addItem(status_icon(CellState.EMPTY), self.tr("No data yet"),
                           int(CellState.EMPTY))
        # As wide as most choices, not the longest one (the list shows them whole): the bar
        # must fit a 1366-pixel screen.
        self.state.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.state.setMinimumContentsLength(28)
        bar.addWidget(self.state)
        self.overdue = QCheckBox(self.tr("Overdue visits only"))
        self.overdue.setObjectName("overdueFilter")
        bar.addWidget(self.overdue)
        bar.addStretch(1)
        self.count = QLabel()
        self.count.setStyleSheet("color: gray;")
        bar.addWidget(self.count)
        self.quality_button = QPushButton(self.tr("&Data quality"), self)
        self.quality_button.setObjectName("qualityButton")
        self.quality_button.setToolTip(self.tr("Run the data-quality checks and list the "
                                               "findings (Ctrl+Shift+D)"))
        self.quality_button.clicked.connect(lambda: emit(self.quality_requested))
        bar.addWidget(self.quality_button)
        self.new_button = QPushButton(self.tr("&New patient"), self)
        self.new_button.setObjectName("newPatient")
        # Ctrl+N is the main window's Patient → New patient (one shortcut, shown in the menu)
        self.new_button.setToolTip(self.tr("Create a patient with the next study number of a "
                                           "site (Ctrl+N)"))
        self.new_button.setVisible(self.session.user.can(Action.CREATE_RECORD))
        self.new_button.clicked.connect(self.new_patient)
        bar.addWidget(self.new_button)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.site.currentIndexChanged.connect(self.apply_filter)
        self.state.currentIndexChanged.connect(self.apply_filter)
        self.overdue.toggled.connect(self.apply_filter)
        return bar

    def _legend(self) -> QVBoxLayout:
        """The form statuses on one line, the marks and the hint on the next: one line would
        not fit a 1366-pixel laptop screen (in French above all)."""
        legend = QVBoxLayout()
        legend.setSpacing(2)
        states, marks = QHBoxLayout(), QHBoxLayout()
        for row in (states, marks):
            row.setSpacing(4)
            legend.addLayout(row)
        for state in CellState:
            icon = QLabel()
            icon.setPixmap(status_icon(state).pixmap(14, 14))
            states.addWidget(icon)
            text = QLabel(state_label(state))
            text.setStyleSheet("color: #444; margin-right: 12px;")
            states.addWidget(text)
        states.addStretch(1)
        if self.session.study.protocol.double_entry_forms:
            from ui.dde.icons import double_entry_icon

            icon = QLabel()
            icon.setPixmap(double_entry_icon(1).pixmap(14, 14))
            marks.addWidget(icon)
            text = QLabel(self.tr("Double entry (one ring filled per Complete entry)"))
            text.setObjectName("doubleEntryLegend")
            text.setStyleSheet("color: #444; margin-right: 12px;")
            marks.addWidget(text)
        for name, colour, meaning in (
                ("overdueLegend", MARK_OVERDUE, self.tr("Visit overdue")),
                ("beforeLegend", MARK_BEFORE_EARLIER_VISIT,
                 self.tr("Dated before an earlier visit"))):
            swatch = QLabel(meaning)
            swatch.setObjectName(name)
            swatch.setStyleSheet(f"background: {colour}; color: #333; padding: 1px 6px; "
                                 "margin-right: 12px;")
            marks.addWidget(swatch)
        marks.addStretch(1)
        hint = QLabel(self.tr("Double-click or press Enter on a cell to open the form"))
        hint.setStyleSheet("color: gray;")
        marks.addWidget(hint)
        return legend

    def apply_filter(self) -> None:
        """Re-query the list with the filters shown."""
        state = self.state.currentData()
        self.model.set_filter(DashboardFilter(
            text=self.search.text(), site=str(self.site.currentData() or ""),
            state=None if state is None else CellState(int(state)),
            overdue_only=self.overdue.isChecked()))

    def _update_count(self, *_args: object) -> None:
        text = self.tr("{0} patient(s)").format(self.model.total)
        if self.model.open_queries_total:
            text += " · " + self.tr("{0} open query(ies)").format(self.model.open_queries_total)
        self.count.setText(text)
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        """No row: say why (a new study, or filters matching nobody) and what to do."""
        if self.model.total:
            self.empty_state.hide()
            return
        filtered = (self.search.text().strip() or self.site.currentIndex() > 0
                    or self.state.currentIndex() > 0 or self.overdue.isChecked())
        if filtered:
            text = self.tr("No patient matches the filters. Clear the search or choose "
                           "“All sites” and “Any status”.")
            if self.search.text().strip():
                text = self.tr("Search: “{0}”.").format(self.search.text().strip()) + " " + text
        elif self.session.user.can(Action.CREATE_RECORD):
            text = self.tr("No patient yet. Enrol the first one with New patient (Ctrl+N): "
                           "it proposes the study number and opens the enrolment form.")
        else:
            text = self.tr("No patient yet: the list fills as patients are enrolled.")
        self.empty_state.setText(text)
        self.empty_state.show()

    def refresh(self) -> None:
        """Show fresh statuses (after saves elsewhere); the trail's head read first, so the
        watch does not read the list again for writes this refresh already shows."""
        self._last_write = self._latest_write()
        self.model.refresh()

    def _latest_write(self) -> int | None:
        """The audit trail's head: every write of every program moves it (None: unreadable)."""
        try:
            with self.session.project.engine.connect() as connection:
                return chain_head(connection)[0]
        except DATABASE_ERRORS:  # said by the next save or screen that reads; not here
            return None

    def _follow_other_programs(self) -> None:
        if not self.isVisible():
            return
        latest = self._latest_write()
        if latest is None or latest == self._last_write:
            return
        current = self.table.currentIndex()
        record_id = self.model.record_id(current.row()) if current.isValid() else None
        scrolled = (self.table.verticalScrollBar().value(),
                    self.table.horizontalScrollBar().value())
        self.refresh()  # the user did not ask: keep the cell and the scrolling they had
        if record_id is not None:
            rows = range(self.model.rowCount())
            row = next((r for r in rows if self.model.record_id(r) == record_id), None)
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, current.column()))
        self.table.verticalScrollBar().setValue(scrolled[0])
        self.table.horizontalScrollBar().setValue(scrolled[1])

    def _changed(self, changes: Changes, _initiator: object) -> None:
        """A write somewhere: statuses, marks, queries or records may differ now."""
        if changes.records or changes.everything or changes.has(ChangeKind.QUERIES):
            self.refresh()

    def show_quality_count(self, text: str, tooltip: str) -> None:
        """Show the data-quality button's count and what it means ('' = unchanged)."""
        if text:
            self.quality_button.setText(text)
        if tooltip:
            self.quality_button.setToolTip(tooltip)

    def refresh_by_user(self) -> None:
        """F5: show others' saves and tell listeners (the data-quality count runs again)."""
        self.refresh()
        emit(self.refresh_requested)

    def _activated(self, index: QModelIndex) -> None:
        key = self.model.column_key(index.column())
        record_id = self.model.record_id(index.row())
        event, form = key if key else ("", "")
        emit(self.open_record, record_id, event, form)

    def new_patient(self) -> None:
        """Ask for the site and open a new patient with its next study number.

        Nothing is written yet: the patient is created by its first saved form.
        """
        sites = self.model.site_choices()
        if sites:
            labels = [label for _, label in sites]
            label, ok = QInputDialog.getItem(self, self.tr("New patient"),
                                             self.tr("Enrolling site:"), labels, 0, False)
            if not ok:
                return
            site = sites[labels.index(label)][0]
        else:
            site = ""
        try:
            new = propose_record(self.session.project, self.session.user, site)
        except (EntryError, PermissionDenied) as exc:
            QMessageBox.warning(self, self.tr("New patient"),
                                refusal_text(exc, self.session.study))
            return
        emit(self.new_record_requested, new)
