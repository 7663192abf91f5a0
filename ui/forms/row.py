"""One field on a form: label with required marker, editor, units, missing-data code, messages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QVBoxLayout, QWidget

from ui.core_messages import message_text
from ui.forms.fields import FieldEditor, create_editor
from ui.signals import emit
from vo_crf.entry import Message
from vo_crf.study.model import Choice, FieldDef, FieldType

LABEL_WIDTH = 300
_ERROR_STYLE = "color: #b3261e;"
_WARNING_STYLE = "color: #8a5a00;"
ERROR_MARK = "\u2716"  # ✖ heavy multiplication x
WARNING_MARK = "\u26a0"  # ⚠ warning sign
"""Glyphs in front of a field's messages: both in the bundled DejaVu Sans (resources/fonts), unlike
⛔, which most fonts lack (an empty box)."""
_menu_open = False
"""A field menu is open. The Menu key arrives twice on X11 and Windows (the key, which is our
shortcut, and a keyboard context-menu event): the second request must not open a second menu."""


class FieldRow(QWidget):
    """A field of the form, shown or hidden as a whole by branching logic."""

    edited = Signal()
    committed = Signal()
    history_requested = Signal(str)
    query_requested = Signal(str)
    """Ctrl+Shift+Q on the field: the query actions of that field (ui.queries.form_marks)."""

    def __init__(self, field: FieldDef, missing_codes: tuple[Choice, ...], date_format: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._missing_codes = missing_codes
        self._missing = ""
        self._read_only = False
        self._date_format = date_format
        self.setObjectName(f"row_{field.name}")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 3, 0, 3)
        outer.setSpacing(12)
        self.label = QLabel(self._label_text())
        self.label.setWordWrap(True)
        self.label.setFixedWidth(LABEL_WIDTH)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.label.setContentsMargins(0, 4, 0, 0)
        self.label.setToolTip(field.name)
        outer.addWidget(self.label)
        column = QVBoxLayout()
        column.setSpacing(1)
        line = QHBoxLayout()
        line.setSpacing(8)
        self.editor: FieldEditor = create_editor(field, date_format)
        line.addWidget(self.editor, 0)
        self.note = QLabel(field.note, self)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.note.setVisible(bool(field.note))
        line.addWidget(self.note)
        self.missing_badge = QLabel(self)
        self.missing_badge.setStyleSheet(
            "QLabel { background: #e8eaf6; color: #283593; border-radius: 3px; "
            "padding: 1px 6px; }")
        self.missing_badge.hide()
        line.addWidget(self.missing_badge)
        self.query_mark = QLabel(self)
        self.query_mark.setObjectName(f"queryMark_{field.name}")
        self.query_mark.hide()
        line.addWidget(self.query_mark)
        self.query_menu: Callable[[QMenu, str], None] | None = None
        """Adds the field's query actions to its menu (set by ui.queries.form_marks)."""
        line.addStretch(1)
        column.addLayout(line)
        self.message = QLabel(self)
        self.message.setObjectName(f"message_{field.name}")
        self.message.setWordWrap(True)
        self.message.hide()
        column.addWidget(self.message)
        outer.addLayout(column, 1)
        self.label.setBuddy(self.editor.focus_widget() or self.editor)
        self.editor.edited.connect(self._edited)
        self.editor.committed.connect(self.committed)
        menu_key = QAction(self)
        menu_key.setShortcuts([QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10")])
        menu_key.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        menu_key.triggered.connect(self._menu_from_keyboard)
        self.addAction(menu_key)
        query_key = QAction(self)
        query_key.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        query_key.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        query_key.triggered.connect(lambda: emit(self.query_requested, self.field.name))
        self.addAction(query_key)
        for widget in (self, self.label, self.editor.focus_widget()):
            if widget is not None:
                widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                widget.customContextMenuRequested.connect(
                    lambda pos, w=widget: self.show_menu(w.mapToGlobal(pos)))

    def show_label(self, label: str) -> None:
        """Show ``label`` (the field's, with values piped in) and the required marker."""
        self.label.setText(self._label_text(label))

    def _label_text(self, label: str | None = None) -> str:
        text = self.field.label if label is None else label
        if self.field.required:
            text += ' <span style="color:#b3261e">*</span>'
        return text

    @property
    def holds_data(self) -> bool:
        """True when the user enters a value here (not calculated or descriptive)."""
        return self.field.holds_data and self.field.field_type is not FieldType.CALC

    # ----- value ---------------------------------------------------------------------------
    def value(self) -> str:
        """Return the stored string: the missing-data code if one is set, else the editor's."""
        return self._missing or self.editor.value()

    def set_value(self, value: str) -> None:
        """Show a stored value (a missing-data code goes to the badge)."""
        if value in {c.code for c in self._missing_codes} and self.field.field_type is not \
                FieldType.CALC:
            self.editor.set_value("")
            self._set_missing(value)
        else:
            self._set_missing("")
            self.editor.set_value(value)

    def set_missing(self, code: str) -> None:
        """Set (or with '' clear) a missing-data code, as the user chose it."""
        if self._read_only:
            return
        if code:
            self.editor.set_value("")
        self._set_missing(code)
        emit(self.edited)
        emit(self.committed)

    def _set_missing(self, code: str) -> None:
        self._missing = code
        labels = {c.code: c.label for c in self._missing_codes}
        self.missing_badge.setText(f"{code} – {labels.get(code, code)}" if code else "")
        self.missing_badge.setVisible(bool(code))

    def _edited(self) -> None:
        if self._missing and self.editor.value():
            self._set_missing("")
        emit(self.edited)

    def set_read_only(self, read_only: bool) -> None:
        """Refuse changes."""
        self._read_only = read_only
        self.editor.set_read_only(read_only)

    # ----- messages ------------------------------------------------------------------------
    def show_messages(self, messages: list[Message]) -> None:
        """Show the core's messages about this field (errors first) under the editor."""
        self.editor.set_error(any(m.is_error for m in messages))
        if not messages:
            self.message.hide()
            self.message.clear()
            return
        ordered = sorted(messages, key=lambda m: not m.is_error)
        self.message.setText("\n".join(
            (ERROR_MARK if m.is_error else WARNING_MARK) + " " + message_text(m, self._date_format)
            for m in ordered))
        self.message.setStyleSheet(_ERROR_STYLE if ordered[0].is_error else _WARNING_STYLE)
        self.message.show()

    # ----- context menu --------------------------------------------------------------------
    def build_menu(self) -> QMenu:
        """Return the field's menu: missing-data codes and its history."""
        menu = QMenu(self)
        if self.holds_data and not self._read_only:
            missing = menu.addMenu(self.tr("Missing data code"))
            for choice in self._missing_codes:
                action = missing.addAction(f"{choice.code} – {choice.label}")
                action.setCheckable(True)
                action.setChecked(choice.code == self._missing)
                action.triggered.connect(lambda _c=False, code=choice.code: self.set_missing(code))
            clear = missing.addAction(self.tr("Clear the missing data code"))
            clear.setEnabled(bool(self._missing))
            clear.triggered.connect(lambda: self.set_missing(""))
        history = menu.addAction(self.tr("Field history…"))
        history.triggered.connect(lambda: emit(self.history_requested, self.field.name))
        if self.query_menu is not None:
            self.query_menu(menu, self.field.name)
        return menu

    def set_query_mark(self, status: str, text: str = "", tooltip: str = "") -> None:
        """Mark the field's queries: 'open', 'answered', 'closed' (only closed ones: a trace);
        '' removes the mark."""
        colours = {"open": ("#fdecea", "#b3261e"), "answered": ("#fff4e0", "#8a5a00"),
                   "closed": ("#eeeeee", "#555555")}
        background, colour = colours.get(status, colours["open"])
        self.query_mark.setStyleSheet(
            f"QLabel {{ background: {background}; color: {colour}; border-radius: 3px; "
            "padding: 1px 6px; font-weight: 600; }")
        self.query_mark.setText(text if status else "")
        self.query_mark.setToolTip(tooltip)
        self.query_mark.setVisible(bool(status))

    def _menu_from_keyboard(self) -> None:
        anchor = self.editor.focus_widget() or self.editor
        self.show_menu(anchor.mapToGlobal(anchor.rect().bottomLeft()))

    def show_menu(self, where: QPoint) -> None:
        """Pop the field's menu up at a global position (once: see ``_menu_open``)."""
        global _menu_open
        if _menu_open:
            return
        _menu_open = True
        try:
            menu = self.build_menu()
            menu.exec(where)
            menu.deleteLater()
        finally:
            _menu_open = False
