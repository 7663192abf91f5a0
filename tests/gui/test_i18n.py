"""The French translation is complete and is loaded from the settings."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from ui.dialogs.login import LoginDialog
from ui.i18n import install_translation
from ui.labels import status_label
from vo_crf.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]


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


def _qt_tool(name: str) -> str:
    """Return the path of one of PySide6's tools (``pyside6-lupdate``), beside this Python."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} (part of the PySide6 wheel) is needed to check the translation"
    return found


def _unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    return [f"{context.find('name').text}: {message.find('source').text}"
            for context in tree.iter("context") for message in context.iter("message")
            if message.find("translation").get("type") == "unfinished"]


def test_every_string_of_the_code_has_its_french(tmp_path: Path) -> None:
    """Qt's own lupdate, run over ``ui/``, finds no interface text without its French.

    A text added to the code but never to ``vo_crf_fr.ts`` shows in English in the French
    interface (the study figures menu entry, the database failure dialog, the Reload offer).
    """
    ts = tmp_path / "vo_crf_fr.ts"
    shutil.copy(resources_dir() / "i18n" / "vo_crf_fr.ts", ts)
    sources = sorted(str(path) for path in (ROOT / "ui").rglob("*.py"))
    subprocess.run([_qt_tool("pyside6-lupdate"), *sources, "-ts", str(ts)], check=True,
                   capture_output=True)
    assert _unfinished(ts) == []


def test_the_compiled_translation_holds_every_french_text(qapp) -> None:  # noqa: ANN001
    """The ``.qm`` the application loads carries each translation of the ``.ts``."""
    translator = QTranslator()
    assert translator.load(str(resources_dir() / "i18n" / "vo_crf_fr.qm"))
    stale = []
    for context in ET.parse(resources_dir() / "i18n" / "vo_crf_fr.ts").iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") or message.get("numerus") == "yes":
                continue
            source = message.find("source").text
            if translator.translate(name, source, None, -1) != translation.text:
                stale.append(f"{name}: {source}")
    assert stale == []


def test_french_legend_and_menus(project, make_session, french, qtbot) -> None:  # noqa: ANN001
    """What an investigator sees in French: the dashboard legend and the Reports menu."""
    from gui_helpers import open_main_window
    from PySide6.QtWidgets import QLabel

    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser

    window = open_main_window(qtbot, make_session(CurrentUser("inv", Role.INVESTIGATOR)))
    legend = [label.text() for label in window.dashboard.findChildren(QLabel)]
    assert "Verrouillé et signé électroniquement" in legend
    assert "Locked and e-signed" not in legend
    reports = [action.text().replace("&", "") for action in window.reports.menu.actions()]
    assert "Figures de l’étude (PDF)…" in reports
