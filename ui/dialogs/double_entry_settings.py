"""Admin → Double data entry…: choose the forms that two users enter independently.

The choice is stored as a settings-only protocol amendment (``vo_crf.amend.settings``): a new
definition version, backed up first and audited. The study is then opened again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from vo_crf.amend import AmendmentError, AmendmentResult
from vo_crf.amend.settings import set_double_entry_forms
from vo_crf.auth.users import CurrentUser
from vo_crf.project import Project


class DoubleEntrySettingsDialog(QDialog):
    """A checkable list of the study's forms; OK stores the new setting (``result``)."""

    def __init__(self, project: Project, user: CurrentUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doubleEntrySettings")
        self.setWindowTitle(self.tr("Double data entry"))
        self.project, self.user = project, user
        self.outcome: AmendmentResult | None = None
        layout = QVBoxLayout(self)
        explanation = QLabel(self.tr(
            "Forms checked here are entered twice, by two different users, then compared "
            "and adjudicated. Forms already entered keep their values. The change is stored "
            "as a new version of the study definition and the study is opened again."))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        self.forms = QListWidget()
        self.forms.setObjectName("doubleEntryForms")
        current = set(project.study.protocol.double_entry_forms)
        for form in project.study.forms:
            item = QListWidgetItem(f"{form.label} ({form.name})")
            item.setData(Qt.ItemDataRole.UserRole, form.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if form.name in current
                               else Qt.CheckState.Unchecked)
            self.forms.addItem(item)
        self.forms.setCurrentRow(0)
        layout.addWidget(self.forms)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def chosen_forms(self) -> list[str]:
        """Return the names of the checked forms."""
        return [self.forms.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.forms.count())
                if self.forms.item(row).checkState() == Qt.CheckState.Checked]

    def apply(self) -> None:
        """Store the setting (one audited transaction); close on success or when unchanged."""
        try:
            self.outcome = set_double_entry_forms(self.project, self.user, self.chosen_forms())
        except (AmendmentError, ValueError) as exc:
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("The setting was not changed: {0}").format(
                                    refusal_text(exc)))
            return
        self.accept()
