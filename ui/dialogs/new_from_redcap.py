"""File → New study from a REDCap project…: a REDCap project XML becomes a new study database.

The core (``vo_crf.exchange.redcap_project_open``) reads the definition and the data, refuses
the whole project when either is wrong (no database is created) and lists what stays on the
REDCap server; this dialog asks for the files and the first admin and shows that list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.dialogs.password_rule import password_hint, password_refusal
from ui.file_dialogs import ask_open_path, ask_save_path
from ui.tasks import run_task
from vo_crf.auth.passwords import WeakPassword, check_password_strength
from vo_crf.exchange.import_common import ImportFailed
from vo_crf.paths import to_database_url
from vo_crf.project import ProjectError
from vo_crf.study.errors import DefinitionError

if TYPE_CHECKING:
    from vo_crf.exchange.redcap_project_open import OpenedRedcapProject

_EXPECTED = (DefinitionError, ImportFailed, ProjectError, ValueError)
"""Refusals whose message says all (the project, its data, the database, the password)."""


class NewFromRedcapDialog(QDialog):
    """Ask for the project XML, the new database and its admin; create it on OK.

    After ``exec()``, ``created_url`` is the new database's URL ('' when nothing was created).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newFromRedcapDialog")
        self.setWindowTitle(self.tr("New study from a REDCap project"))
        self.setMinimumWidth(620)
        self.created_url = ""
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "In REDCap: Project Setup → Other Functionality → Download project XML (metadata "
            "& data), or the API's Export Project XML. The definition, events, arms, "
            "repeating instruments, missing-data codes, data access groups and the data come "
            "over; what only a REDCap server can do is listed afterwards."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.xml_path = self._path_row(form, "redcapXmlPath", self.tr("REDCap project XML:"),
                                       self._browse_xml)
        self.database_path = self._path_row(form, "newDatabasePath",
                                            self.tr("New study database:"),
                                            self._browse_database)
        self.admin = QLineEdit("admin")
        self.admin.setObjectName("adminName")
        self.password = QLineEdit()
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(password_hint())
        form.addRow(self.tr("Administrator name:"), self.admin)
        form.addRow(self.tr("Administrator password:"), self.password)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("newFromRedcapError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        create = buttons.addButton(self.tr("Create the study"),
                                   QDialogButtonBox.ButtonRole.AcceptRole)
        create.setObjectName("createStudy")
        self.create_button = create
        self._database = ""
        create.setDefault(True)
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _path_row(self, form: QFormLayout, name: str, label: str,
                  browse: object) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        button = QPushButton(self.tr("Browse…"))
        button.clicked.connect(browse)
        row = QHBoxLayout()
        row.addWidget(edit)
        row.addWidget(button)
        form.addRow(label, row)
        return edit

    def _browse_xml(self) -> None:
        path = ask_open_path(self, self.tr("REDCap project XML"), self.xml_path.text(),
                             self.tr("REDCap project XML (*.xml)"))
        if path is not None:
            self.xml_path.setText(str(path))
            if not self.database_path.text():
                self.database_path.setText(str(path.with_suffix(".sqlite")))

    def _browse_database(self) -> None:
        path = ask_save_path(self, self.tr("New study database"), self.database_path.text(),
                             self.tr("Study database (*.sqlite *.db)"))
        if path is not None:
            self.database_path.setText(str(path))

    def show_error(self, text: str) -> None:
        """Show why the study was not created (the dialog stays open)."""
        self.error.setText(text)
        self.error.show()

    def _create(self) -> None:
        from vo_crf.exchange.redcap_project_open import create_study_from_redcap

        xml = Path(self.xml_path.text().strip())
        database = self.database_path.text().strip()
        admin, password = self.admin.text().strip(), self.password.text()
        if not xml.is_file():
            self.show_error(self.tr("Choose the REDCap project XML file."))
            return
        if not database or Path(database).exists():
            self.show_error(self.tr("Choose a new study database file (one that does not "
                                    "exist yet)."))
            return
        try:
            check_password_strength(password, admin)
        except WeakPassword as exc:
            self.show_error(password_refusal(exc))
            return
        self.error.hide()
        self.create_button.setEnabled(False)
        self._database = database
        run_task(self, self.tr("Creating the study from the REDCap project…"),
                 lambda: create_study_from_redcap(database, admin, password, xml),
                 self._created, self._refused)

    def _created(self, opened: OpenedRedcapProject) -> None:
        """The study database exists: say what came over and what stayed on the server."""
        url = opened.project.url
        name = opened.project.study.name
        opened.project.close()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Study created"),
                          self.tr("The study {0} was created in {1}.").format(
                              name, self._database),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("redcapProjectReport")
        box.setInformativeText("\n".join(opened.report_lines()))
        box.exec()
        box.deleteLater()
        self.created_url = url or to_database_url(self._database)
        self.accept()

    def _refused(self, error: Exception) -> None:
        """Nothing was created: say why, the dialog stays open."""
        self.create_button.setEnabled(True)
        self.show_error(refusal_text(error) if isinstance(error, _EXPECTED) else
                        self.tr("The study could not be created: {0}").format(
                            refusal_text(error)))
