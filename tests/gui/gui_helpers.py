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

