"""The settings dialog: study and central databases, date format, idle lock, language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.file_dialogs import ask_save_path
from ui.settings import Settings
from vo_crf.paths import default_database_url


class SettingsDialog(QDialog):
    """Edit the preferences; ``database_changed`` tells the caller to reopen the study."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.database_changed = False
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        database = QHBoxLayout()
        self.database = QLineEdit(settings.database_url)
        self.database.setObjectName("databaseUrl")
        self.database.setPlaceholderText(default_database_url())
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        database.addWidget(self.database, 1)
        database.addWidget(browse)
        form.addRow(self.tr("Study database:"), database)
        self.central = QLineEdit(settings.central_url)
        self.central.setObjectName("centralUrl")
        self.central.setPlaceholderText(self.tr("path or URL of the central database (sync)"))
        form.addRow(self.tr("Central database:"), self.central)
        self.date_format = QComboBox()
        self.date_format.setObjectName("dateFormat")
        self.date_format.addItem(self.tr("ISO: 2024-03-05"), "iso")
        self.date_format.addItem(self.tr("Day/month/year: 05/03/2024"), "dmy")
        self.date_format.setCurrentIndex(max(0, self.date_format.findData(settings.date_format)))
        form.addRow(self.tr("Date format:"), self.date_format)
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.idle.setValue(settings.idle_minutes)
        form.addRow(self.tr("Lock the screen after:"), self.idle)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("System language"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(self.tr("Language:"), self.language)
        self.check_quality = QCheckBox(self.tr("Check data quality when the dashboard opens"))
        self.check_quality.setObjectName("checkQualityOnDashboard")
        self.check_quality.setToolTip(self.tr("Runs the data-quality checks in the background "
                                              "and shows their count on the dashboard"))
        self.check_quality.setChecked(settings.check_quality_on_dashboard)
        form.addRow(self.tr("Data quality:"), self.check_quality)
        self.remember_user = QCheckBox(self.tr("Pre-fill the login with the last user name"))
        self.remember_user.setObjectName("rememberLastUser")
        self.remember_user.setToolTip(self.tr("Leave off on a computer shared by several users"))
        self.remember_user.setChecked(settings.remember_last_user)
        form.addRow(self.tr("Login:"), self.remember_user)
        layout.addLayout(form)
        note = QLabel(self.tr("The date format applies to forms opened from now on; the "
                              "language applies at the next start."))
        note.setWordWrap(True)
        note.setStyleSheet("color: gray;")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path = ask_save_path(self, self.tr("Study database"), self.database.text(),
                             self.tr("Study database (*.sqlite *.db)"), confirm_overwrite=False)
        if path is not None:
            self.database.setText(str(path))

    def accept(self) -> None:
        """Store the preferences."""
        database = self.database.text().strip()
        self.database_changed = database != self.settings.database_url
        self.settings.database_url = database
        self.settings.central_url = self.central.text().strip()
        self.settings.date_format = str(self.date_format.currentData())
        self.settings.idle_minutes = self.idle.value()
        self.settings.language = str(self.language.currentData())
        self.settings.check_quality_on_dashboard = self.check_quality.isChecked()
        self.settings.remember_last_user = self.remember_user.isChecked()
        self.settings.sync()
        super().accept()
