"""A keyboard-operable group of radio buttons or check boxes: one tab stop for the whole group.

Keys: type an option's code (``1``, ``A``) or the first letter of its label to choose it (check
boxes: toggle it); arrows move (radios: select, check boxes: move the cursor); Space selects or
toggles the option under the cursor; Delete/Backspace clears the answer. Mouse clicks work too.
In a matrix (``above``/``below`` linked by ``ui.forms.matrix``) Left/Right move along the row
and Up/Down go to the same column of the row above or below.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QFrame, QGridLayout, QRadioButton

from ui.signals import emit
from vo_crf.study.model import Choice

_CURSOR_STYLE = "background-color: rgba(38, 110, 200, 45); border-radius: 3px;"
_FOCUS_STYLE = "#choiceGroup { border: 1px solid #2a6fc9; border-radius: 4px; }"
_IDLE_STYLE = "#choiceGroup { border: 1px solid transparent; border-radius: 4px; }"


class ChoiceGroup(QFrame):
    """Radio buttons (``multiple`` False) or check boxes (True) for a list of choices."""

    edited = Signal()

    def __init__(self, choices: Sequence[Choice], multiple: bool, columns: int = 0,
                 parent: QFrame | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceGroup")
        self.setStyleSheet(_IDLE_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._choices = list(choices)
        self._multiple = multiple
        self._cursor = 0
        self._read_only = False
        self._keep_cursor = False
        self.above: ChoiceGroup | None = None
        self.below: ChoiceGroup | None = None
        """The groups of the matrix rows above and below (None outside a matrix)."""
        layout = QGridLayout(self)
        self.grid = layout
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setHorizontalSpacing(18)
        layout.setVerticalSpacing(2)
        if columns <= 0:
            short = sum(len(c.label) for c in choices) <= 48 and len(choices) <= 4
            columns = len(choices) if short else (2 if len(choices) > 4 else 1)
        self.buttons: list[QAbstractButton] = []
        for index, choice in enumerate(self._choices):
            button: QAbstractButton = QCheckBox(choice.label) if multiple else QRadioButton(
                choice.label)
            if not multiple:
                button.setAutoExclusive(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(self.tr("Code {0}: type {0} to choose it").format(choice.code))
            button.clicked.connect(lambda _checked=False, i=index: self._clicked(i))
            if columns == len(choices):
                layout.addWidget(button, 0, index)
            else:
                rows = -(-len(choices) // columns)
                layout.addWidget(button, index % rows, index // rows)
            self.buttons.append(button)
        layout.setColumnStretch(layout.columnCount(), 1)

    # ----- value ---------------------------------------------------------------------------
    def value(self) -> str:
        """Return the chosen code(s), comma-joined for check boxes ('' when none)."""
        return ",".join(c.code for c, b in zip(self._choices, self.buttons, strict=True)
                        if b.isChecked())

    def set_value(self, value: str) -> None:
        """Show the stored code(s) (unknown codes are ignored)."""
        chosen = set(value.split(",")) if value else set()
        for choice, button in zip(self._choices, self.buttons, strict=True):
            button.setChecked(choice.code in chosen)

    def set_read_only(self, read_only: bool) -> None:
        """Refuse changes (locked forms) while keeping the answer readable."""
        self._read_only = read_only
        for button in self.buttons:
            button.setEnabled(not read_only)

    # ----- interaction ---------------------------------------------------------------------
    def _clicked(self, index: int) -> None:
        self._cursor = index
        if not self._multiple:
            self._select(index, self.buttons[index].isChecked())
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._show_cursor()
        emit(self.edited)

    def _select(self, index: int, checked: bool = True) -> None:
        for i, button in enumerate(self.buttons):
            button.setChecked(checked and i == index)

    def _choose(self, index: int) -> None:
        if self._read_only:
            return
        self._cursor = index
        if self._multiple:
            button = self.buttons[index]
            button.setChecked(not button.isChecked())
        else:
            self._select(index)
        self._show_cursor()
        emit(self.edited)

    def _match(self, text: str) -> int | None:
        """Return the option whose code is ``text``, else the next whose label starts with it."""
        typed = text.lower()
        for index, choice in enumerate(self._choices):
            if choice.code.lower() == typed:
                return index
        starting = [i for i, c in enumerate(self._choices) if c.label.lower().startswith(typed)]
        if not starting:
            return None
        later = [i for i in starting if i > self._cursor] if self._cursor in starting else []
        return (later or starting)[0]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Choose, move and clear from the keyboard; Tab and shortcuts pass through."""
        key = event.key()
        count = len(self._choices)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and (self.above or self.below):
            neighbour = self.above if key == Qt.Key.Key_Up else self.below
            if neighbour is not None:
                neighbour.focus_column(self._cursor)
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Down) and count:
            step = -1 if key in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1
            self._cursor = (self._cursor + step) % count
            if not self._multiple and not self._read_only:
                self._select(self._cursor)
                emit(self.edited)
            self._show_cursor()
            return
        if key == Qt.Key.Key_Space and count:
            self._choose(self._cursor)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self._read_only:
            self.set_value("")
            emit(self.edited)
            return
        text = event.text().strip()
        if text and text.isprintable() and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            index = self._match(text)
            if index is not None:
                self._choose(index)
                return
        super().keyPressEvent(event)

    def focus_column(self, column: int) -> None:
        """Take the focus with the cursor on option ``column`` (matrix Up/Down)."""
        self._cursor = max(0, min(column, len(self._choices) - 1))
        self._keep_cursor = True
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._keep_cursor = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Highlight the group and the option under the cursor."""
        checked = [i for i, b in enumerate(self.buttons) if b.isChecked()]
        if checked and event.reason() != Qt.FocusReason.MouseFocusReason \
                and not self._keep_cursor:
            self._cursor = checked[0]
        self.setStyleSheet(_FOCUS_STYLE)
        self._show_cursor()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Remove the highlight."""
        self.setStyleSheet(_IDLE_STYLE)
        self._show_cursor(False)
        super().focusOutEvent(event)

    def _show_cursor(self, visible: bool = True) -> None:
        for index, button in enumerate(self.buttons):
            button.setStyleSheet(_CURSOR_STYLE if visible and index == self._cursor else "")
