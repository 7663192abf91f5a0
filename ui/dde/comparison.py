"""The comparison and adjudication of a double-entered form: entry 1, entry 2, final value.

Discordant rows are highlighted until resolved. Per row the adjudicator takes entry 1 or entry 2
(buttons, Alt+1 / Alt+2, or a double click on the entry's cell) or types the final value in
the Final column; a reason is needed when the entries differ. The core decides: an unresolved
difference or a bad final value is shown in the dialog, naming the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import message_text, refusal_text
from ui.labels import place_label
from ui.signals import notify_changes
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.dde import Comparison, DoubleEntryService
from vo_crf.entry import EntryError, SaveRefused
from vo_crf.study.model import FieldDef, FieldType, Study

FIELD, ENTRY_1, ENTRY_2, FINAL = range(4)
_DISCORDANT = QColor("#fde2e1")
_RESOLVED = QColor("#e3f4e6")
_DIFFERENT_TEXT = QColor("#9c1c13")


def shown_value(fdef: FieldDef, value: str) -> str:
    """A stored value as the adjudicator reads it: codes with their labels."""
    if not value:
        return ""
    if fdef.field_type is FieldType.CHECKBOX:
        labels = "; ".join(fdef.choice_label(code) for code in value.split(",") if code)
        return f"{value} ({labels})"
    if fdef.is_coded and fdef.choice_label(value) != value:
        return f"{value} = {fdef.choice_label(value)}"
    return value


class ComparisonDialog(QDialog):
    """Compare the two entries of a form instance and adjudicate the differences."""

    def __init__(self, service: DoubleEntryService, comparison: Comparison,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ddeComparison")
        self.service = service
        self.comparison = comparison
        self._resolved: set[int] = set()
        """Rows of discordant fields given a final value."""
        study: Study = service.study
        key = comparison.key
        self.setWindowTitle(self.tr("Compare double entries"))
        self.resize(860, 520)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr(
            "<b>{0}</b> &nbsp; {1}<br>Entry 1 by {2}, entry 2 by {3}: {4} fields "
            "compared, {5} different.").format(
            place_label(study, key.event, key.form), key.record_id,
            comparison.user_1, comparison.user_2, len(comparison.rows),
            len(comparison.discordant)))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.table = QTableWidget(len(comparison.rows), 4)
        self.table.setObjectName("comparisonTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Entry 1"), self.tr("Entry 2"), self.tr("Final value")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setStyleSheet("QTableWidget::item:selected { background: #cfe0f7; "
                                 "color: black; }")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        for column in (ENTRY_1, ENTRY_2, FINAL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self._fill(study)
        self.table.itemChanged.connect(self._final_edited)
        self.table.cellDoubleClicked.connect(self._cell_double_clicked)
        layout.addWidget(self.table, 1)
        choose = QHBoxLayout()
        self.use_1 = QPushButton(self.tr("Use entry &1"))
        self.use_1.setObjectName("useEntry1")
        self.use_1.clicked.connect(lambda: self.use_entry(1))
        self.use_2 = QPushButton(self.tr("Use entry &2"))
        self.use_2.setObjectName("useEntry2")
        self.use_2.clicked.connect(lambda: self.use_entry(2))
        hint = QLabel(self.tr("or type the final value in the last column"))
        hint.setStyleSheet("color: gray;")
        for widget in (self.use_1, self.use_2):
            widget.setAutoDefault(False)
            choose.addWidget(widget)
        choose.addWidget(hint)
        choose.addStretch(1)
        layout.addLayout(choose)
        self.reason = QLineEdit()
        self.reason.setObjectName("adjudicationReason")
        self.reason.setPlaceholderText(self.tr(
            "Reason (required when the entries differ), e.g. checked against the source"))
        layout.addWidget(self.reason)
        self.problem = QLabel()
        self.problem.setObjectName("adjudicationProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.adjudicate_button = QPushButton(self.tr("&Adjudicate"))
        self.adjudicate_button.setObjectName("adjudicateButton")
        self.adjudicate_button.setAutoDefault(False)
        self.adjudicate_button.clicked.connect(self.adjudicate)
        buttons.addWidget(cancel)
        buttons.addWidget(self.adjudicate_button)
        layout.addLayout(buttons)
        first = next((i for i, row in enumerate(comparison.rows) if row.discordant), 0)
        if comparison.rows:
            self.table.setCurrentCell(first, FINAL)
        self.table.setFocus()

    def _fill(self, study: Study) -> None:
        for index, row in enumerate(self.comparison.rows):
            fdef = study.field(row.field)
            cells = [QTableWidgetItem(f"{row.label} ({row.field})"),
                     QTableWidgetItem(shown_value(fdef, row.value_1)),
                     QTableWidgetItem(shown_value(fdef, row.value_2)),
                     QTableWidgetItem("" if row.discordant else row.value_1)]
            for column, cell in enumerate(cells):
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if column == FINAL and row.discordant:
                    flags |= Qt.ItemFlag.ItemIsEditable
                cell.setFlags(flags)
                if row.discordant:
                    cell.setBackground(QBrush(_DISCORDANT))
                    if column in (FIELD, ENTRY_1, ENTRY_2):
                        font = cell.font()
                        font.setBold(True)
                        cell.setFont(font)
                        cell.setForeground(QBrush(_DIFFERENT_TEXT))
                self.table.setItem(index, column, cell)
            if row.discordant:
                cells[FINAL].setToolTip(self.tr("Not resolved yet"))

    # ----- choosing ------------------------------------------------------------------------
    def use_entry(self, number: int) -> None:
        """Take entry 1's or entry 2's value as the final value of the current row."""
        index = self.table.currentRow()
        if index < 0 or not self.comparison.rows[index].discordant:
            return
        row = self.comparison.rows[index]
        self._cell(index, FINAL).setText(row.value_1 if number == 1 else row.value_2)
        self._mark_resolved(index)
        self._next_unresolved(index)

    def _cell(self, index: int, column: int) -> QTableWidgetItem:
        item = self.table.item(index, column)
        assert item is not None  # every cell gets an item when the table is filled
        return item

    def _cell_double_clicked(self, index: int, column: int) -> None:
        if column in (ENTRY_1, ENTRY_2):
            self.table.setCurrentCell(index, column)
            self.use_entry(1 if column == ENTRY_1 else 2)

    def _final_edited(self, item: QTableWidgetItem) -> None:
        index = item.row()
        if item.column() == FINAL and self.comparison.rows[index].discordant \
                and index not in self._resolved:
            self._resolved.add(index)
            # colour it once the cell's editor has committed (Qt warns about a foreign editor)
            QTimer.singleShot(0, self, lambda: self._mark_resolved(index))

    def _mark_resolved(self, index: int) -> None:
        self._resolved.add(index)
        self.table.blockSignals(True)
        for column in range(4):
            self._cell(index, column).setBackground(QBrush(_RESOLVED))
        self._cell(index, FINAL).setToolTip("")
        self.table.blockSignals(False)
        if all(i in self._resolved for i, row in enumerate(self.comparison.rows)
               if row.discordant):
            self.problem.hide()  # "resolve every difference first" is done

    def _next_unresolved(self, after: int) -> None:
        for index in range(after + 1, len(self.comparison.rows)):
            if index not in self._resolved:
                self.table.setCurrentCell(index, FINAL)
                return

    def choices(self) -> dict[str, str]:
        """The final values chosen for the discordant rows (unresolved rows left out)."""
        found: dict[str, str] = {}
        for index, row in enumerate(self.comparison.rows):
            if row.discordant and index in self._resolved:
                found[row.field] = self._cell(index, FINAL).text()
        return found

    # ----- adjudicating --------------------------------------------------------------------
    def adjudicate(self) -> None:
        """Save the final values through the core; close when it accepts them."""
        try:
            result = self.service.adjudicate(self.comparison.key, self.choices(),
                                             self.reason.text())
        except SaveRefused as refused:
            self._show_problem("\n".join(message_text(m) for m in refused.errors)
                               or refusal_text(refused))
            return
        except (EntryError, PermissionDenied) as exc:
            self._show_problem(refusal_text(exc, self.service.study))
            return
        notify_changes(result.changes, self)  # the final values, on the one app signal
        self.accept()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
