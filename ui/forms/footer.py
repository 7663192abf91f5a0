"""The form editor's footer: form status, review marks and the save buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.labels import status_label
from vo_crf.study.form_status import FormStatus


class FormFooter(QFrame):
    """Status box, marks (verified, locked) and Discard / Save / Save & next.

    No button is a dialog's default: in a repeating form's window, Enter in a field presses
    none of them (discarding asks first anyway; saving is Ctrl+S or Ctrl+Return).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formFooter")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(16, 8, 16, 8)
        bar.addWidget(QLabel(self.tr("Form status:")))
        self.status = QComboBox()
        self.status.setObjectName("formStatus")
        for status in FormStatus:
            self.status.addItem(status_label(status), int(status))
        bar.addWidget(self.status)
        self.marks = QLabel()
        self.marks.setStyleSheet("color: gray;")
        bar.addWidget(self.marks)
        bar.addStretch(1)
        self.discard_button = QPushButton(self.tr("Discard changes"))
        self.discard_button.setObjectName("discardButton")
        self.discard_button.setToolTip(self.tr("Discard the changes since the last save, after "
                                               "asking (Ctrl+Shift+R)"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.next_button = QPushButton(self.tr("Save && &next form"))
        self.next_button.setObjectName("saveNextButton")
        self.next_button.setToolTip(self.tr("Save and open the next form (Ctrl+Return)"))
        for button in (self.discard_button, self.save_button, self.next_button):
            button.setAutoDefault(False)
            bar.addWidget(button)
