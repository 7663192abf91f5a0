"""Form menu: the form's keyboard shortcuts are shown in a menu (as the other menus show
theirs), and its entries do what the keys do on the form shown."""

from __future__ import annotations

from gui_helpers import focused, open_patient_window, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record

CLINICAL = FormKey("01-001", "m0_arm_1", "clinical")


def _form_menu(window) -> QMenu:  # noqa: ANN001
    menu = window.findChild(QMenu, "formMenu")
    assert menu is not None and menu.menuAction() in window.menuBar().actions()
    return menu


def _entry(menu: QMenu, text: str):  # noqa: ANN202
    return next(a for a in menu.actions() if a.text().split("\t")[0].replace("&", "") == text)


def test_form_menu_shows_the_keys_and_saves(project, users, make_session, qtbot,
                                            on_popup) -> None:  # noqa: ANN001
    create_record(project, users["nurse"], "1")
    window = open_patient_window(make_session, qtbot, users["nurse"], "m0_arm_1", "clinical")
    menu = _form_menu(window)
    shown = {a.text().split("\t")[0].replace("&", ""): a.text().split("\t")[1]
             for a in menu.actions() if "\t" in a.text()}
    assert shown["Save"] == "Ctrl+S"
    assert shown["Save and next form"] == "Ctrl+Return"
    assert shown["Discard changes…"] == "Ctrl+Shift+R"
    assert shown["Next form"] == "Ctrl+PgDown" and shown["Previous form"] == "Ctrl+PgUp"
    assert shown["Read again from the database"] == "F5"
    editor = window.patient.editor
    editor.rows["clin_temp"].editor.focus_widget().setFocus()
    qtbot.keyClicks(focused(), "38,5")
    window.patient.tree.setFocus()  # the keys work in the form; the menu from anywhere
    chosen: list[bool] = []

    def save_from_the_menu(popup) -> None:  # noqa: ANN001
        assert popup is menu
        chosen.append(_entry(menu, "Save").isEnabled())
        qtbot.keyClick(popup, Qt.Key.Key_S)  # its mnemonic (&Save)

    on_popup(save_from_the_menu)
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # F&orm
    qtbot.waitUntil(lambda: bool(chosen))
    assert chosen == [True]
    qtbot.waitUntil(lambda: not window.patient.editor.dirty)
    assert EntryService(project, users["nurse"]).open_form(CLINICAL).values["clin_temp"] == "38.5"
    _entry(menu, "Next form").trigger()
    assert window.patient.editor.key.form == "biology"
    # the keys themselves still work (the menu adds no second, ambiguous shortcut)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.patient.editor.rows["bio_crp"].editor.focus_widget().setFocus()
    qtbot.keyClicks(focused(), "12")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.patient.editor.dirty)
    window.show_dashboard()
    assert not menu.isEnabled()
