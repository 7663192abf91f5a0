"""Keyboard helpers for GUI tests: type into whatever has the focus, as a user does."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    """The widget with the keyboard focus."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_keys(qtbot, text: str) -> None:  # noqa: ANN001
    """Type text into whatever has the focus (as a user would)."""
    qtbot.keyClicks(focused(), text)


def press(qtbot, key, modifier=None) -> None:  # noqa: ANN001
    """Press one key on whatever has the focus."""
    from PySide6.QtCore import Qt

    qtbot.keyClick(focused(), key, modifier or Qt.KeyboardModifier.NoModifier)


def show_active(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    """Show a top-level widget and wait until it is the active window (focus works then)."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)



def open_main_window(qtbot, session, wait_for_tasks: bool = True):  # noqa: ANN001, ANN201
    """Show the main window of ``session`` (no idle lock), by default once its opening work
    (the daily backup, a background check) has reported back."""
    from ui.main_window import MainWindow
    from ui.tasks import tasks_running

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)
    if wait_for_tasks:
        qtbot.waitUntil(lambda: tasks_running() == 0)
    return window


def patient_whose_crp_rose(project, nurse) -> str:  # noqa: ANN001
    """Create a patient whose CRP rose from 20 (M0) to 60 mg/L (M3): the VO rule flags it."""
    from vo_crf.entry import EntryService, FormKey
    from vo_crf.entry.records import create_record

    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(record_id, "m0_arm_1", "biology"),
                      {"bio_date": "2024-01-10", "bio_crp": "20"}, 1)
    service.save_form(FormKey(record_id, "m3_arm_1", "biology"),
                      {"bio_date": "2024-04-10", "bio_crp": "60"}, 1)
    return record_id
