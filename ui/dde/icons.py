"""The dashboard icon of a form in double entry: two overlapping rings, filled as entries finish.

Purple like the double-entry strip of the form editor (the grey single ring of "no data" stays
distinct): one ring is filled per Complete entry, both when the form is ready to compare.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

DOUBLE_ENTRY_COLOUR = "#7b3fa8"


def _pixmap(filled: int, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(DOUBLE_ENTRY_COLOUR)
    diameter = size * 0.66
    pen = QPen(colour, max(1.2, size / 12))
    for number, left in enumerate((1.0, size - diameter - 1.0)):
        painter.setPen(pen if number >= filled else QPen(QColor("white"), max(1.0, size / 16)))
        painter.setBrush(colour if number < filled else QColor("white"))
        painter.drawEllipse(QRectF(left, (size - diameter) / 2, diameter, diameter))
    painter.end()
    return pixmap


@cache
def double_entry_icon(complete_entries: int) -> QIcon:
    """Return the icon of a form in double entry with 0, 1 or 2 Complete entries (cached)."""
    filled = max(0, min(2, complete_entries))
    icon = QIcon()
    for size in (14, 16, 20, 24, 32):
        icon.addPixmap(_pixmap(filled, size))
    return icon
