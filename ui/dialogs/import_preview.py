"""What an import would do, before it does it: per form, the values added, changed and erased.

The Reports menu runs the import as a dry run first (nothing is written) and shows its counts
here, with the choice of what blank cells do and, when the file holds values outside their
range, the reason for accepting them. Cancel writes nothing; Import runs the import for real
with the options chosen. Changing the blank-cell choice asks for a new dry run
(``overwrite_changed``); the menu answers with ``show_summary`` or ``show_failure``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.signals import emit
from vo_crf.exchange.import_common import MAX_REPORTED_ERRORS, ImportSummary
from vo_crf.exchange.import_options import ImportOptions
from vo_crf.study.model import Study


class ImportPreviewDialog(QDialog):
    """The dry run's summary with Cancel and Import."""

    overwrite_changed = Signal(bool)
    """The user switched what blank cells do: the menu runs a new dry run."""
    options_changed = Signal()
    """The user chose another date order or a reason to keep invalid values: a new dry run."""

    def __init__(self, study: Study, source: str, summary: ImportSummary,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(self.tr("Import {0}").format(source))
        self.setMinimumWidth(560)
        self._study = study
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("formCounts")
        self.table.setHorizontalHeaderLabels([self.tr("Form"), self.tr("Saved"),
                                              self.tr("Added"), self.tr("Changed"),
                                              self.tr("Erased")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.overwrite = QCheckBox(self.tr("Blank cells erase stored values (REDCap's "
                                           "\"overwrite\")"))
        self.overwrite.setObjectName("overwriteBlanks")
        self.overwrite.setToolTip(self.tr(
            "Ticked, a blank cell erases the stored value in the forms a row fills (a form "
            "the row leaves entirely blank is not touched). Unticked (REDCap's default), a "
            "blank cell leaves the stored value and form status alone."))
        self.overwrite.toggled.connect(self._overwrite_toggled)
        layout.addWidget(self.overwrite)
        dates = QHBoxLayout()
        dates_label = QLabel(self.tr("Dates in the file:"))
        self.date_format = QComboBox()
        self.date_format.setObjectName("dateFormat")
        for code, text in (("YMD", self.tr("YYYY-MM-DD (REDCap's default)")),
                           ("DMY", self.tr("DD/MM/YYYY")), ("MDY", self.tr("MM/DD/YYYY"))):
            self.date_format.addItem(text, code)
        dates_label.setBuddy(self.date_format)
        self.date_format.currentIndexChanged.connect(self._recount)
        dates.addWidget(dates_label)
        dates.addWidget(self.date_format)
        dates.addStretch(1)
        layout.addLayout(dates)
        self.keep_invalid = QLineEdit()
        self.keep_invalid.setObjectName("keepInvalidReason")
        self.keep_invalid.setPlaceholderText(self.tr(
            "Keep values failing their validation, with this reason (optional)"))
        self.keep_invalid.setToolTip(self.tr(
            "Data a REDCap server holds although it fails its field's validation (added "
            "after the data) is kept as typed, with this reason in its audit trail, and "
            "listed by the data-quality checks."))
        self.keep_invalid.editingFinished.connect(self._keep_invalid_done)
        self._kept_reason = ""
        layout.addWidget(self.keep_invalid)
        self.out_of_range_label = QLabel()
        self.out_of_range_label.setWordWrap(True)
        layout.addWidget(self.out_of_range_label)
        self.out_of_range = QPlainTextEdit()
        self.out_of_range.setObjectName("outOfRange")
        self.out_of_range.setReadOnly(True)
        self.out_of_range.setFixedHeight(90)
        layout.addWidget(self.out_of_range)
        self.reason = QLineEdit()
        self.reason.setObjectName("outOfRangeReason")
        self.reason.setPlaceholderText(self.tr("Reason for accepting them (required, kept in "
                                               "the audit trail of each value)"))
        self.reason.textChanged.connect(self._update)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._summary = summary
        self._busy = False
        self._failed = False
        self.show_summary(summary)

    # ----- what the menu calls -----------------------------------------------------------
    def show_summary(self, summary: ImportSummary) -> None:
        """Show a dry run's counts (and its out-of-range values)."""
        self._summary, self._busy, self._failed = summary, False, False
        lines = [self.tr("Not carried: {0}").format(sentence)
                 for sentence in summary.not_carried]
        if summary.records_moved:
            lines.append(self.tr(
                "{0} patient(s) would move to another site (data access group).").format(
                summary.records_moved))
        lines.append(self.tr(
            "Nothing has been written yet. The import would save {0} form(s), create {1} "
            "patient(s) and change {2} value(s):").format(
            summary.forms_saved, summary.records_created, summary.values_changed))
        self.heading.setText("\n".join(lines))
        self.table.setRowCount(len(summary.forms))
        for row, (name, counts) in enumerate(summary.forms.items()):
            cells = [self._form_label(name), counts.forms, counts.added, counts.changed,
                     counts.erased]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._fit_table()
        values = summary.out_of_range
        self.out_of_range_label.setText(self.tr(
            "{0} values are out of range. They are imported only with a reason:").format(
            summary.out_of_range_count))
        more = summary.out_of_range_count - min(len(values), MAX_REPORTED_ERRORS)
        self.out_of_range.setPlainText("\n".join(
            [self.tr("line {0}: {1}").format(v.line, v.describe())
             for v in values[:MAX_REPORTED_ERRORS]]
            + ([self.tr("… and {0} more").format(more)] if more > 0 else [])))
        for widget in (self.out_of_range_label, self.out_of_range, self.reason):
            widget.setVisible(bool(values))
        self._update()

    def show_failure(self, text: str) -> None:
        """A dry run refused the file with these options: say why; Import stays disabled."""
        self._busy, self._failed = False, True
        self.heading.setText(text)
        self.table.setRowCount(0)
        self._update()

    def options(self) -> ImportOptions:
        """The options chosen (for the real import)."""
        return ImportOptions(overwrite_blanks=self.overwrite.isChecked(),
                             accept_out_of_range=self.reason.text().strip()
                             if self._summary.out_of_range else "",
                             date_format=str(self.date_format.currentData()),
                             keep_invalid=self.keep_invalid.text().strip())

    # ----- internals -----------------------------------------------------------------------
    def _form_label(self, name: str) -> str:
        try:
            return self._study.form(name).label or name
        except KeyError:
            return name

    def _fit_table(self) -> None:
        """As tall as its rows (up to 12), so the dialog has no empty grid."""
        table = self.table
        rows = min(max(table.rowCount(), 1), 12)
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(min(rows, table.rowCount())))
        height += table.verticalHeader().defaultSectionSize() * (rows - table.rowCount()
                                                                 if rows > table.rowCount()
                                                                 else 0)
        table.setFixedHeight(height)

    def _overwrite_toggled(self, checked: bool) -> None:
        self._busy = True
        self.heading.setText(self.tr("Counting again…"))
        self._update()
        emit(self.overwrite_changed, checked)

    def _keep_invalid_done(self) -> None:
        if self.keep_invalid.text().strip() != self._kept_reason:
            self._kept_reason = self.keep_invalid.text().strip()
            self._recount()

    def _recount(self) -> None:
        self._busy = True
        self.heading.setText(self.tr("Counting again…"))
        self._update()
        emit(self.options_changed)

    def _update(self) -> None:
        needs_reason = bool(self._summary.out_of_range) and not self.reason.text().strip()
        self.import_button.setEnabled(not (self._busy or self._failed or needs_reason))
        for widget in (self.overwrite, self.date_format, self.keep_invalid):
            widget.setEnabled(not self._busy)
