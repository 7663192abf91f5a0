"""Help → About: version, database path, study definition version, bundled parts' licences."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vo_crf.about import about_facts, bundled_components
from vo_crf.project import Project


class AboutDialog(QDialog):
    """What is running, on which database and study definition, and under which licences."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About vo-crf"))
        self.setMinimumWidth(640)
        facts = about_facts(project)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        rows = ((self.tr("Version:"), f"vo-crf {facts.version}", "aboutVersion"),
                (self.tr("Database:"), facts.database.removeprefix("sqlite:///"),
                 "aboutDatabase"),
                (self.tr("Study:"), facts.study, "aboutStudy"),
                (self.tr("Study definition version:"), str(facts.definition_version),
                 "aboutDefinition"),
                (self.tr("Running on:"),
                 f"Python {facts.python} · Qt {qVersion()} · PySide6 {pyside_version}",
                 "aboutRuntime"))
        for title, text, name in rows:
            value = QLabel(text)
            value.setObjectName(name)
            value.setWordWrap(True)
            value.setTextInteractionFlags(value.textInteractionFlags()
                                          | value.textInteractionFlags().TextSelectableByMouse)
            form.addRow(title, value)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Bundled parts and their licences:")))
        components = bundled_components()
        self.licences = QTableWidget(len(components), 3, self)
        self.licences.setObjectName("aboutLicences")
        self.licences.setHorizontalHeaderLabels(
            [self.tr("Part"), self.tr("Version"), self.tr("Licence")])
        for row, component in enumerate(components):
            for column, text in enumerate((component.name, component.version,
                                           component.licence)):
                self.licences.setItem(row, column, QTableWidgetItem(text))
        self.licences.verticalHeader().hide()
        self.licences.horizontalHeader().setStretchLastSection(True)
        self.licences.resizeColumnsToContents()
        self.licences.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.licences, 1)
        note = QLabel(self.tr("Qt and PySide6 are used under the LGPL version 3: you may "
                              "replace them with your own build."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
