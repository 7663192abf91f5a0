"""Steps of the query tests: the seeded biology form, a right-click, answering with a correction."""

from __future__ import annotations

from collections.abc import Callable

from gui_helpers import focused, open_patient_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import MainWindow
from vo_crf.entry import FormKey

BIOLOGY = FormKey("01-001", "m0_arm_1", "biology")
"""The M0 biology form of ``seed_complete_biology``'s patient."""


def biology_window(make_session, qtbot, user) -> MainWindow:  # noqa: ANN001
    """The main window of ``user`` showing the M0 biology form."""
    return open_patient_window(make_session, qtbot, user, BIOLOGY.event, BIOLOGY.form)


def right_click(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    """Right-click in the middle of a widget: the button press, then the context menu event.

    QTest sends mouse events straight to the widget, so the window system's context menu event
    (which a real right-click produces) is sent here as well.
    """
    centre = widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.RightButton, pos=centre)
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                                                     widget.mapToGlobal(centre)))


def write_correction(qtbot, dialog, answer: str, value: str, reason: str) -> None:  # noqa: ANN001
    """In the answer dialog: type the answer, the corrected value and its reason (the answer
    cannot be sent before the reason), then send it with Ctrl+Return."""
    qtbot.keyClicks(dialog.text, answer)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), value)
    assert not dialog.ok_button.isEnabled()  # a correction needs its reason
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), reason)
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def answer_by_right_click(qtbot, on_modal, on_popup, label: QWidget,  # noqa: ANN001
                          write: Callable[[object], None]) -> None:
    """Right-click a field's label, choose "Answer query…" (the menu's last entry) and fill in
    the answer dialog with ``write(dialog)``."""

    def choose_answer(menu) -> None:  # noqa: ANN001
        on_modal(write)
        qtbot.keyClick(menu, Qt.Key.Key_Up)  # the last entry: Answer query…
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    on_popup(choose_answer)
    right_click(qtbot, label)
