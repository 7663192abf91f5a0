"""A form-level message strip (saved, restored draft, locked, errors on hidden fields)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

_COLOURS = {"info": ("#e8f0fe", "#174ea6"), "success": ("#e6f4ea", "#137333"),
            "warning": ("#fef7e0", "#8a5a00"), "error": ("#fce8e6", "#b3261e")}


class Banner(QLabel):
    """Shows one message of a kind: info, success, warning or error."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formBanner")
        self.setWordWrap(True)
        self.setContentsMargins(16, 4, 16, 4)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str) -> None:
        """Show ``text`` coloured for its kind."""
        background, foreground = _COLOURS.get(kind, _COLOURS["info"])
        self.setStyleSheet(f"background:{background}; color:{foreground}; padding: 6px 16px;")
        self.kind = kind
        self.setText(text)
        self.show()
