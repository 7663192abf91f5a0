"""The French translation is complete and is loaded from the settings."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtWidgets import QApplication

from ui.dialogs.login import LoginDialog
from ui.i18n import install_translation
from ui.labels import status_label
from vo_crf.paths import resources_dir


def test_every_string_is_translated() -> None:
    tree = ET.parse(resources_dir() / "i18n" / "vo_crf_fr.ts")
    unfinished = [m.find("source").text for m in tree.iter("message")
                  if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []
    assert (resources_dir() / "i18n" / "vo_crf_fr.qm").stat().st_size > 1000


def test_french_is_used_when_chosen(project, qtbot) -> None:
    app = QApplication.instance()
    try:
        assert install_translation(app, "fr") == "fr"
        assert status_label(2) == "Complet"
        dialog = LoginDialog(project)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "vo-crf — connexion"
    finally:
        install_translation(app, "en")
    assert status_label(2) == "Complete"


def test_qt_standard_buttons_are_french_too(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QDialogButtonBox

    app = QApplication.instance()
    try:
        install_translation(app, "fr")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text().replace("&", "") == "Annuler"
    finally:
        install_translation(app, "en")
