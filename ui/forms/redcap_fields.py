"""Editors of REDCap's other validations and field types: dates in the field's own order,
times, comma-decimal numbers, sliders, and the read-only ``sql`` fields (``file`` fields:
``ui.forms.attachments``).

What a value looks like typed and stored is the core's (``vo_crf.study.validations``): these
editors only show the stored value in the field's format and hand back what was typed in it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from ui.forms.fields import FieldEditor, LineFieldEditor, NumberFieldEditor
from ui.signals import emit
from vo_crf.entry.values import slider_range
from vo_crf.study.model import FieldDef, FieldType, ValidationType
from vo_crf.study.validations import SPECS, display_pattern, to_display, to_stored

SQL_NOTE = "computed by the REDCap server: read-only offline"


class FormattedFieldEditor(LineFieldEditor):
    """A date, datetime or time typed and shown in the field's own format (``DD-MM-YYYY``...),
    stored as REDCap stores it (``YYYY-MM-DD``)."""

    line_width = 170

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        assert field.validation is not None
        self.line.setPlaceholderText(display_pattern(field.validation))
        self.line.editingFinished.disconnect(self.committed)
        self.line.editingFinished.connect(self._normalise)

    def _normalise(self) -> None:
        stored = self.value()
        shown = to_display(stored, self.field.validation)
        if shown != self.line.text():
            self.line.setText(shown)
        emit(self.committed)

    def value(self) -> str:
        """Return the stored form of what was typed (unchanged when it does not fit)."""
        return to_stored(self.line.text(), self.field.validation)

    def set_value(self, value: str) -> None:
        """Show a stored value in the field's format."""
        self.line.setText(to_display(value, self.field.validation))


class CommaNumberFieldEditor(NumberFieldEditor):
    """A number with a comma decimal (``38,5``): stored with the comma, as REDCap does; a
    typed point becomes a comma."""

    def value(self) -> str:
        """Return the number with a ',' decimal separator."""
        return to_stored(self.line.text(), self.field.validation)


class SliderFieldEditor(FieldEditor):
    """REDCap's slider: a whole number between min and max (default 0-100), with its left,
    middle and right labels; the number is shown when the field asks for it (``NUMBER``).

    Blank until the user moves it (arrow keys, Page Up/Down, Home/End or the mouse).
    """

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        low, high = slider_range(field)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(f"field_{field.name}")
        self.slider.setRange(low, high)
        self.slider.setMinimumWidth(260)
        self.slider.setAccessibleName(field.label)
        labels = list(field.slider_labels) + [""] * (3 - len(field.slider_labels))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.labels = [QLabel(text) for text in labels]
        for label, align in zip(self.labels, (Qt.AlignmentFlag.AlignLeft,
                                              Qt.AlignmentFlag.AlignHCenter,
                                              Qt.AlignmentFlag.AlignRight), strict=True):
            label.setAlignment(align)
            line.addWidget(label, 1)
        column.addWidget(self.slider)
        column.addWidget(row)
        self.number = QLabel("")
        self.number.setObjectName(f"slider_number_{field.name}")
        self.number.setMinimumWidth(36)
        self.number.setVisible(field.slider_shows_number)
        self._layout.addWidget(box)
        self._layout.addWidget(self.number)
        self._layout.addStretch(1)
        self._set = False
        self._loading = False
        self.slider.valueChanged.connect(self._moved)
        self.slider.sliderReleased.connect(self.committed)

    def _moved(self, number: int) -> None:
        if self._loading:
            return
        self._set = True
        self.number.setText(str(number))
        emit(self.edited)
        if not self.slider.isSliderDown():
            emit(self.committed)

    def value(self) -> str:
        """Return the chosen number ('' while never moved)."""
        return str(self.slider.value()) if self._set else ""

    def set_value(self, value: str) -> None:
        """Show a stored number (blank: the slider at its minimum, no value)."""
        self._loading = True
        self._set = value.lstrip("-").isdigit()
        self.slider.setValue(int(value) if self._set else self.slider.minimum())
        self.number.setText(value if self._set else "")
        self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        """Refuse changes."""
        self.slider.setEnabled(not read_only)

    def focus_widget(self) -> QWidget | None:
        """The slider."""
        return self.slider


class ReadOnlyFieldEditor(FieldEditor):
    """A value kept as imported and never changed offline, with a note saying why."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.text = QLabel("")
        self.text.setObjectName(f"field_{field.name}")
        self.text.setMinimumWidth(120)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setStyleSheet("QLabel { border: 1px solid palette(mid); padding: 2px 6px; }")
        self.note = QLabel(SQL_NOTE)
        self.note.setObjectName(f"read_only_note_{field.name}")
        self.note.setStyleSheet("QLabel { color: #666666; font-style: italic; }")
        self._layout.addWidget(self.text)
        self._layout.addWidget(self.note)
        self._layout.addStretch(1)

    def value(self) -> str:
        """Return the value as it was loaded."""
        return self.text.text()

    def set_value(self, value: str) -> None:
        """Show the stored value."""
        self.text.setText(value)


def _widgets() -> dict[tuple[FieldType, ValidationType | None], type[FieldEditor]]:
    table: dict[tuple[FieldType, ValidationType | None], type[FieldEditor]] = {
        (FieldType.SLIDER, None): SliderFieldEditor,
        (FieldType.SQL, None): ReadOnlyFieldEditor,
    }
    for validation, item in SPECS.items():
        if item.kind in ("datetime", "time") or (item.kind == "date" and item.order != "ymd"):
            table[(FieldType.TEXT, validation)] = FormattedFieldEditor
        elif item.kind == "number" and item.comma:
            table[(FieldType.TEXT, validation)] = CommaNumberFieldEditor
        elif item.kind == "number" and validation is not ValidationType.INTEGER:
            table[(FieldType.TEXT, validation)] = NumberFieldEditor
    return table


REDCAP_WIDGETS = _widgets()
"""(field type, validation) → editor, merged into ``ui.forms.fields.WIDGET_TABLE``."""
