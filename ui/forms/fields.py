"""Field editors generated from the study definition, through ONE field-type → widget table.

Every editor has the same small interface: ``value()``/``set_value()`` with the stored string,
``set_read_only()``, ``focus_widget()`` (the widget that takes keyboard focus, or None), and two
signals: ``edited`` (the user changed something) and ``committed`` (the user finished a change;
the form then asks the core to assess the values).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ui.forms.choices import ChoiceGroup
from ui.forms.dates import format_date, parse_date, placeholder
from ui.labels import local_decimal
from ui.signals import emit
from vo_crf.study.model import (
    TRUEFALSE_CHOICES,
    YESNO_CHOICES,
    FieldDef,
    FieldType,
    ValidationType,
)

ERROR_INPUT_STYLE = "QLineEdit { border: 1px solid #b3261e; background: #fdecea; }"
READ_ONLY_INPUT_STYLE = ("QLineEdit { background: #eeeeee; color: #444444; "
                         "border: 1px solid #d0d0d0; }")
READ_ONLY_NOTES_STYLE = ("QPlainTextEdit { background: #eeeeee; color: #444444; "
                         "border: 1px solid #d0d0d0; }")
"""Read-only inputs (a monitor's view, a locked form) look read-only: grey, not white."""
_DECIMAL_COMMA = re.compile(r"^[+-]?(\d+,\d*|,\d+)$")


class FieldEditor(QWidget):
    """Base class of field editors."""

    edited = Signal()
    committed = Signal()

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def value(self) -> str:
        """Return the stored string ('' when blank)."""
        raise NotImplementedError

    def set_value(self, value: str) -> None:
        """Show a stored string."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Refuse changes (locked forms, read-only roles)."""

    def set_error(self, error: bool) -> None:
        """Mark the input itself red while the core refuses its value (its reason is shown
        under it by the row)."""

    def focus_widget(self) -> QWidget | None:
        """Return the widget that takes the keyboard focus (None: not a tab stop)."""
        return None


class LineFieldEditor(FieldEditor):
    """Free text on one line."""

    line_width = 320

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line = QLineEdit()
        self.line.setObjectName(f"field_{field.name}")
        self.line.setMaximumWidth(self.line_width)
        self.line.setMinimumWidth(min(self.line_width, 120))
        self._layout.addWidget(self.line)
        self._layout.addStretch(1)
        self.line.textEdited.connect(self.edited)
        self.line.editingFinished.connect(self.committed)

    def value(self) -> str:
        """Return the trimmed text."""
        return self.line.text().strip()

    def set_value(self, value: str) -> None:
        """Show the text."""
        self.line.setText(value)

    def set_read_only(self, read_only: bool) -> None:
        """Make the line read-only, and look it (grey, no frame of an input)."""
        self.line.setReadOnly(read_only)
        self.line.setStyleSheet(READ_ONLY_INPUT_STYLE if read_only else "")

    def set_error(self, error: bool) -> None:
        """Red border and background while the value is refused."""
        self.line.setStyleSheet(ERROR_INPUT_STYLE if error else (
            READ_ONLY_INPUT_STYLE if self.line.isReadOnly() else ""))

    def focus_widget(self) -> QWidget | None:
        """The line edit."""
        return self.line


class NumberFieldEditor(LineFieldEditor):
    """A number typed with '.' or ',' as decimal separator; stored with '.', shown with the
    interface language's separator (``37,5`` in French).

    No validator: every keystroke stays visible. Text that is not a number goes to the core
    as typed, which refuses it with the field and the rule; the row shows that in red.
    """

    line_width = 110

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight)

    def value(self) -> str:
        """Return the number with a '.' decimal separator (anything else exactly as typed)."""
        text = super().value()
        return text.replace(",", ".") if _DECIMAL_COMMA.match(text) else text

    def set_value(self, value: str) -> None:
        """Show a stored decimal with the interface language's separator."""
        super().set_value(local_decimal(value))


class IntegerFieldEditor(NumberFieldEditor):
    """A whole number."""

    line_width = 90


class DateFieldEditor(LineFieldEditor):
    """An optional date typed as 2024-03-05 or 05/03/2024, shown in the chosen format."""

    line_width = 120

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.date_format = "iso"
        self.line.setPlaceholderText(placeholder(self.date_format))
        self.line.setToolTip(self.tr("Type 2024-03-05 or 05/03/2024; t = today"))
        self.line.editingFinished.disconnect(self.committed)
        self.line.editingFinished.connect(self._normalise)

    def set_date_format(self, date_format: str) -> None:
        """Show dates as ``iso`` or ``dmy`` (typing accepts both)."""
        stored = self.value()
        self.date_format = date_format
        self.line.setPlaceholderText(placeholder(date_format))
        self.set_value(stored)

    def _normalise(self) -> None:
        parsed = parse_date(self.line.text())
        if parsed:
            self.line.setText(format_date(parsed, self.date_format))
        emit(self.committed)

    def value(self) -> str:
        """Return the ISO date (or the raw text, which the core then reports as invalid)."""
        text = super().value()
        parsed = parse_date(text)
        return parsed if parsed is not None else text

    def set_value(self, value: str) -> None:
        """Show an ISO date in the chosen format."""
        self.line.setText(format_date(value, self.date_format))


class NotesFieldEditor(FieldEditor):
    """Multi-line text; Tab moves to the next field (it does not insert a tab)."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.text = QPlainTextEdit()
        self.text.setObjectName(f"field_{field.name}")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(72)
        self.text.setMaximumWidth(520)
        self._layout.addWidget(self.text)
        self._layout.addStretch(1)
        self.text.textChanged.connect(self._changed)
        self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            emit(self.edited)

    def value(self) -> str:
        """Return the text without trailing blanks."""
        return self.text.toPlainText().rstrip()

    def set_value(self, value: str) -> None:
        """Show the text."""
        self._loading = True
        self.text.setPlainText(value)
        self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        """Make the text read-only, and look it."""
        self.text.setReadOnly(read_only)
        self.text.setStyleSheet(READ_ONLY_NOTES_STYLE if read_only else "")

    def focus_widget(self) -> QWidget | None:
        """The text box."""
        return self.text


class DropdownFieldEditor(FieldEditor):
    """A drop-down list; typing the start of a label chooses it."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.setObjectName(f"field_{field.name}")
        self.combo.addItem("", "")
        for choice in field.choices:
            self.combo.addItem(choice.label, choice.code)
        self.combo.setMinimumWidth(260)
        self._layout.addWidget(self.combo)
        self._layout.addStretch(1)
        self._loading = False
        self.combo.currentIndexChanged.connect(self._chosen)

    def _chosen(self, _index: int) -> None:
        if not self._loading:
            emit(self.edited)
            emit(self.committed)

    def value(self) -> str:
        """Return the chosen code."""
        return str(self.combo.currentData() or "")

    def set_value(self, value: str) -> None:
        """Choose the option with this code (blank when unknown)."""
        self._loading = True
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(0, index))
        self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        """Disable the list."""
        self.combo.setEnabled(not read_only)

    def focus_widget(self) -> QWidget | None:
        """The combo box."""
        return self.combo


class ChoiceFieldEditor(FieldEditor):
    """Radio buttons (radio, yes/no, true/false) or check boxes."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        choices = {FieldType.YESNO: YESNO_CHOICES,
                   FieldType.TRUEFALSE: TRUEFALSE_CHOICES}.get(field.field_type, field.choices)
        from ui.forms.matrix import arrange_matrix_group, in_matrix

        matrix = in_matrix(field)
        columns = len(choices) if matrix or field.custom_alignment.endswith("H") else (
            1 if field.custom_alignment.endswith("V") else 0)
        self.group = ChoiceGroup(choices, multiple=field.field_type is FieldType.CHECKBOX,
                                 columns=columns)
        if matrix:
            arrange_matrix_group(self.group)
        self.group.setObjectName("choiceGroup")
        self.group.setAccessibleName(field.label)
        self._layout.addWidget(self.group)
        self._layout.addStretch(1)
        self.group.edited.connect(self.edited)
        self.group.edited.connect(self.committed)

    def value(self) -> str:
        """Return the chosen code(s)."""
        return self.group.value()

    def set_value(self, value: str) -> None:
        """Show the stored code(s)."""
        self.group.set_value(value)

    def set_read_only(self, read_only: bool) -> None:
        """Refuse changes."""
        self.group.set_read_only(read_only)

    def focus_widget(self) -> QWidget | None:
        """The group (one tab stop)."""
        return self.group


class CalcFieldEditor(FieldEditor):
    """A calculated value: read-only, updated live from the core's assessment, not a tab stop."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self._value = ""
        self.label = QLabel()
        self.label.setObjectName(f"field_{field.name}")
        self.label.setMinimumWidth(90)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setStyleSheet("QLabel { background: palette(window); border: 1px solid "
                                 "palette(mid); border-radius: 3px; padding: 2px 6px; }")
        self._layout.addWidget(self.label)
        self._layout.addStretch(1)

    def value(self) -> str:
        """Return the computed value (a decimal with REDCap's point, whatever is shown)."""
        return self._value

    def set_value(self, value: str) -> None:
        """Show the computed value, a decimal with the interface language's separator."""
        self._value = value
        self.label.setText(local_decimal(value))


class DescriptiveField(FieldEditor):
    """Descriptive text: nothing to enter."""

    def value(self) -> str:
        """Always ''."""
        return ""

    def set_value(self, value: str) -> None:
        """Nothing to show."""


WIDGET_TABLE: dict[tuple[FieldType, ValidationType | None], type[FieldEditor]] = {
    (FieldType.TEXT, None): LineFieldEditor,
    (FieldType.TEXT, ValidationType.INTEGER): IntegerFieldEditor,
    (FieldType.TEXT, ValidationType.NUMBER): NumberFieldEditor,
    (FieldType.TEXT, ValidationType.DATE_YMD): DateFieldEditor,
    (FieldType.TEXT, ValidationType.DATETIME_YMD): LineFieldEditor,
    (FieldType.TEXT, ValidationType.EMAIL): LineFieldEditor,
    (FieldType.NOTES, None): NotesFieldEditor,
    (FieldType.DROPDOWN, None): DropdownFieldEditor,
    (FieldType.RADIO, None): ChoiceFieldEditor,
    (FieldType.YESNO, None): ChoiceFieldEditor,
    (FieldType.TRUEFALSE, None): ChoiceFieldEditor,
    (FieldType.CHECKBOX, None): ChoiceFieldEditor,
    (FieldType.CALC, None): CalcFieldEditor,
    (FieldType.DESCRIPTIVE, None): DescriptiveField,
}
"""The one table: (field type, validation) → editor class (``redcap_fields`` adds its editors)."""

from ui.forms.redcap_fields import REDCAP_WIDGETS  # noqa: E402 - its editors extend the above

WIDGET_TABLE.update(REDCAP_WIDGETS)

import ui.forms.attachments  # noqa: E402, F401 - registers the file editor


def editor_class(field: FieldDef) -> type[FieldEditor]:
    """Return the editor class of a field (validation first, then the plain type)."""
    if field.is_signature:  # REDCap's validation of a file field, not a text validation
        from ui.forms.signature import SignatureFieldEditor  # noqa: PLC0415 (import cycle)
        return SignatureFieldEditor
    return (WIDGET_TABLE.get((field.field_type, field.validation))
            or WIDGET_TABLE.get((field.field_type, None)) or LineFieldEditor)


def create_editor(field: FieldDef, date_format: str = "iso") -> FieldEditor:
    """Create the editor of one field."""
    editor = editor_class(field)(field)
    if isinstance(editor, DateFieldEditor):
        editor.set_date_format(date_format)
    return editor
