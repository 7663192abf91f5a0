"""The export dialog: every format ``vo-crf export`` writes, de-identified or not, and the
options of the CLI (date mode, free text kept, labels, audit trail left out).

A role that may export only de-identified data (``must_deidentify``) finds the box ticked and
locked, and no "keep free text" option; the exporters enforce the same rules again.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.deidentify import DateMode
from vo_crf.exchange.export_formats import EXPORT_FORMATS, must_deidentify


@dataclass(frozen=True)
class ExportChoice:
    """What the user chose in the export dialog."""

    key: str
    deidentified: bool
    date_mode: DateMode
    keep_free_text: bool
    labels: bool
    include_audit: bool


class ExportDialog(QDialog):
    """Choose an export format and its options."""

    def __init__(self, user: CurrentUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export data"))
        names = {
            "redcap": self.tr("REDCap CSV (to import into REDCap)"),
            "xlsx": self.tr("Excel workbook (.xlsx)"),
            "csv": self.tr("CSV tables for statistics"),
            "spss": self.tr("SPSS (.sav)"),
            "stata": self.tr("Stata (.dta)"),
            "r": self.tr("R (script and CSV)"),
            "sas": self.tr("SAS (program and CSV)"),
            "odm": self.tr("CDISC ODM 1.3.2 (.xml)"),
        }
        self.format_box = QComboBox(self)
        self.format_box.setAccessibleName(self.tr("Format"))
        for fmt in EXPORT_FORMATS:
            self.format_box.addItem(names[fmt.key], fmt.key)
        locked = self._locked = must_deidentify(user)
        self.deidentified_box = QCheckBox(self.tr("&De-identified (identifiers removed, record "
                                                  "ids replaced, dates as chosen below)"), self)
        self.deidentified_box.setChecked(locked)
        self.deidentified_box.setEnabled(not locked)
        if locked:
            self.deidentified_box.setToolTip(self.tr("Your role exports de-identified data "
                                                     "only."))
        self.date_box = QComboBox(self)
        self.date_box.setAccessibleName(self.tr("Dates"))
        self.date_box.addItem(self.tr("Shifted by a secret offset per patient"),
                              DateMode.SHIFT.value)
        self.date_box.addItem(self.tr("Days since M0"), DateMode.DAYS.value)
        self.free_text_box = QCheckBox(self.tr("&Keep notes and free text"), self)
        self.free_text_box.setVisible(not locked)
        self.labels_box = QCheckBox(self.tr("Choice &labels instead of codes"), self)
        self.audit_box = QCheckBox(self.tr("Include the &audit trail"), self)
        self.audit_box.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("&Format:"), self.format_box)
        form.addRow("", self.deidentified_box)
        form.addRow(self.tr("Da&tes:"), self.date_box)
        form.addRow("", self.free_text_box)
        form.addRow("", self.labels_box)
        form.addRow("", self.audit_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("E&xport…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format_box.currentIndexChanged.connect(lambda _i: self._follow())
        self.deidentified_box.toggled.connect(lambda _c: self._follow())
        self._follow()

    def _follow(self) -> None:
        """Enable the options the chosen format and de-identification use."""
        key = self.format_box.currentData()
        deidentified = self.deidentified_box.isChecked()
        self.date_box.setEnabled(deidentified)
        self.free_text_box.setEnabled(deidentified)
        self.labels_box.setEnabled(key == "csv")
        self.audit_box.setEnabled(key == "odm")

    def choice(self) -> ExportChoice:
        """The format and options chosen."""
        key = str(self.format_box.currentData())
        deidentified = self.deidentified_box.isChecked()
        return ExportChoice(
            key=key, deidentified=deidentified,
            date_mode=DateMode(self.date_box.currentData()),
            keep_free_text=(deidentified and not self._locked
                            and self.free_text_box.isChecked()),
            labels=key == "csv" and self.labels_box.isChecked(),
            include_audit=key != "odm" or self.audit_box.isChecked())
