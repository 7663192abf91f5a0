"""REDCap matrix groups on the form editor: one grid for consecutive fields of one group.

The first field of a group gets a header row with the choice labels, one column per choice;
every field of the group shows its label and its buttons without text, each under its column.
The rows' choice groups are linked, so the grid is walked with the keyboard: Left/Right along a
row, Up/Down to the same column of the row above or below, a code or Space to answer, Tab to
the next field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.forms.choices import ChoiceGroup
from vo_crf.study.model import FieldDef, FieldType

if TYPE_CHECKING:
    from ui.forms.row import FieldRow

MATRIX_COLUMN = 110
"""The width of one choice column of a matrix (header label and button share it)."""
MATRIX_TYPES = frozenset({FieldType.RADIO, FieldType.CHECKBOX})


def in_matrix(field: FieldDef) -> bool:
    """True for a radio or checkbox field of a matrix group."""
    return bool(field.matrix_group) and field.field_type in MATRIX_TYPES and bool(field.choices)


def arrange_matrix_group(group: ChoiceGroup) -> None:
    """Lay a matrix row's buttons out under the header's columns, without their texts."""
    for index, button in enumerate(group.buttons):
        button.setToolTip(button.text() + " — " + button.toolTip())
        button.setAccessibleName(button.text())
        button.setText("")
        group.grid.setAlignment(button, Qt.AlignmentFlag.AlignHCenter)
        group.grid.setColumnMinimumWidth(index, MATRIX_COLUMN)
    group.grid.setHorizontalSpacing(0)


class MatrixHeader(QWidget):
    """The choice labels of a matrix group, above its first row."""

    def __init__(self, field: FieldDef, label_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"matrixHeader_{field.matrix_group}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(0)
        layout.addSpacing(label_width)
        self.labels: list[QLabel] = []
        for choice in field.choices:
            label = QLabel(choice.label)
            label.setWordWrap(True)
            label.setFixedWidth(MATRIX_COLUMN)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            label.setStyleSheet("font-weight: 600; color: #1f4e79;")
            layout.addWidget(label)
            self.labels.append(label)
        layout.addStretch(1)


def link_matrix_rows(rows: Iterable[FieldRow]) -> None:
    """Link the choice groups of consecutive rows of one matrix group (Up/Down)."""
    previous: tuple[str, ChoiceGroup] | None = None
    for row in rows:
        group = getattr(row.editor, "group", None)
        if not in_matrix(row.field) or not isinstance(group, ChoiceGroup):
            previous = None
            continue
        if previous is not None and previous[0] == row.field.matrix_group:
            previous[1].below = group
            group.above = previous[1]
        previous = (row.field.matrix_group, group)
