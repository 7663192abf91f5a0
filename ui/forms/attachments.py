"""The editor of REDCap's ``file`` fields: the attached file's name and size, with Attach…,
Open… and Remove (all reachable by Tab, pressed with Space).

Attach… picks a file in the application's own file dialog (``ui.file_dialogs``: it never
opens the files it lists); its MIME type comes from its name, never from its contents. The
bytes are stored at once (``vo_crf.attachments.store``, content-addressed); the value naming
them is saved with the form, through the one writer, audited like any value. Files over
``MAX_ATTACHMENT_BYTES`` are refused with a message under the field.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import Engine

from ui.core_messages import refusal_text
from ui.file_dialogs import ask_open_path
from ui.forms.fields import WIDGET_TABLE, FieldEditor
from ui.labels import file_size_text
from ui.signals import emit
from vo_crf.attachments.reference import REDCAP_DOCUMENT, parse_reference
from vo_crf.attachments.store import AttachmentError, attach_file, read_attachment
from vo_crf.study.model import FieldDef, FieldType

MESSAGE_STYLE = "QLabel { color: #b3261e; }"


class FileFieldEditor(FieldEditor):
    """A ``file`` field: which file is attached, and the buttons to change it."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self._value = ""
        self._engine: Engine | None = None
        self._read_only = False
        self._start_folder = Path.home()
        box = QWidget()
        self.column = QVBoxLayout(box)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(2)
        self.name_label = QLabel()
        self.name_label.setObjectName(f"file_name_{field.name}")
        self.name_label.setAccessibleName(self.tr("Attached file of {0}").format(field.label))
        self.column.addWidget(self.name_label)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.attach_button = QPushButton(self.tr("Attach…"))
        self.attach_button.setObjectName(f"field_{field.name}")
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.setObjectName(f"open_{field.name}")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName(f"remove_{field.name}")
        for button in (self.attach_button, self.open_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.column.addLayout(buttons)
        self.message = QLabel()
        self.message.setObjectName(f"file_message_{field.name}")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.column.addWidget(self.message)
        self._layout.addWidget(box, 1)
        self.setFocusProxy(self.attach_button)
        QWidget.setTabOrder(self.attach_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.remove_button)
        self.attach_button.clicked.connect(self.attach)
        self.open_button.clicked.connect(self.open_file)
        self.remove_button.clicked.connect(self.remove)
        self._show()

    def bind_engine(self, engine: Engine) -> None:
        """Give the editor the study database its files are stored in and read from."""
        self._engine = engine
        self._show()

    def value(self) -> str:
        """Return the stored value naming the file ('' when none)."""
        return self._value

    def set_value(self, value: str) -> None:
        """Show the file a stored value names."""
        self._value = value
        self.message.hide()
        self._show()

    def set_read_only(self, read_only: bool) -> None:
        """Keep Open… only."""
        self._read_only = read_only
        self._show()

    def focus_widget(self) -> QWidget | None:
        """The editor as a whole (its buttons follow each other in the Tab order)."""
        return self

    def _show(self) -> None:
        ref = parse_reference(self._value)
        if ref is not None:
            text = self.tr("{0} ({1}, {2})").format(ref.name, file_size_text(ref.size),
                                                    ref.mime_type)
        elif self._value:
            shown = self._value if self._value != REDCAP_DOCUMENT else self.tr("a document")
            text = self.tr("{0} (imported without the file itself)").format(shown)
        else:
            text = self.tr("No file attached")
        self.name_label.setText(text)
        editable = not self._read_only and self._engine is not None
        self.attach_button.setEnabled(editable)
        self.open_button.setEnabled(ref is not None and self._engine is not None)
        self.remove_button.setEnabled(editable and bool(self._value))

    def _tell(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def attach(self) -> None:
        """Ask for a file and attach it (refused with a message when too large)."""
        if self._engine is None or self._read_only:
            return
        path = ask_open_path(self, self.tr("Attach a file to {0}").format(self.field.label),
                             self._start_folder, self.tr("All files (*)"))
        if path is None:
            return
        self._start_folder = path.parent
        self.attach_path(path)

    def attach_path(self, path: Path) -> None:
        """Store the file at ``path`` and make it the field's value."""
        assert self._engine is not None
        try:
            ref = attach_file(self._engine, path, self.field.label)
        except AttachmentError as exc:
            self._tell(refusal_text(exc))
            return
        self._tell("")
        self._set(ref.value)

    def remove(self) -> None:
        """Take the file off the field (saved with the form, audited; the bytes are kept)."""
        self._tell("")
        self._set("")

    def _set(self, value: str) -> None:
        if value == self._value:
            return
        self._value = value
        self._show()
        emit(self.edited)
        emit(self.committed)

    def open_file(self) -> None:
        """Write the file to a private temporary folder and open it with its application."""
        if self._engine is None:
            return
        found = read_attachment(self._engine, self._value)
        if found is None:
            self._tell(self.tr("The file is not stored in this database."))
            return
        ref, content = found
        folder = Path(tempfile.mkdtemp(prefix="vo-crf-file-"))  # 0700: only this user
        target = folder / ref.name
        target.write_bytes(content)
        target.chmod(0o600)
        self._tell("")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


WIDGET_TABLE[(FieldType.FILE, None)] = FileFieldEditor
