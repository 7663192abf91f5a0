"""A modal-dialog handler belongs to the test that scheduled it: one whose dialog never opened
must not run on a dialog of a later test (the two tests below run in this order)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

_RAN_ON: list[str] = []


def test_a_handler_whose_dialog_never_opens(qtbot, on_modal) -> None:  # noqa: ANN001
    on_modal(lambda dialog: _RAN_ON.append(dialog.objectName()))
    # the test ends without opening a dialog (say the button it clicked did nothing)
    assert _RAN_ON == []


def test_the_next_test_dialog_gets_only_its_own_handler(qtbot, on_modal) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QDialog(parent)
    dialog.setObjectName("laterDialog")
    handled: list[str] = []

    def accept(shown: QDialog) -> None:
        handled.append(shown.objectName())
        shown.accept()

    on_modal(accept)
    dialog.exec()
    assert handled == ["laterDialog"]
    assert _RAN_ON == []  # the earlier test's handler did not fire here
