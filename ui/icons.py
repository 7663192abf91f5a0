"""Form status icons drawn with QPainter (REDCap's colours, plus a shape for colour-blind users)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from vo_crf.dashboard import CellState

STATE_COLOURS: dict[CellState, str] = {
    CellState.EMPTY: "#c9ced6",
    CellState.INCOMPLETE: "#d9534f",
    CellState.UNVERIFIED: "#f0ad4e",
    CellState.COMPLETE: "#4cae4c",
    CellState.VERIFIED: "#1565c0",
    CellState.LOCKED: "#455a64",
    CellState.SIGNED: "#283593",
}


def _pixmap(state: CellState, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(STATE_COLOURS[state])
    rect = QRectF(1.5, 1.5, size - 3, size - 3)
    white = QPen(QColor("white"), max(1.5, size / 9), Qt.PenStyle.SolidLine,
                 Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    if state is CellState.EMPTY:
        painter.setPen(QPen(colour, max(1.0, size / 12)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect)
    elif state in (CellState.LOCKED, CellState.SIGNED):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, size / 5, size / 5)
        painter.setBrush(QColor("white"))
        body = QRectF(size * 0.28, size * 0.45, size * 0.44, size * 0.32)
        painter.drawRect(body)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("white"), max(1.2, size / 12)))
        painter.drawArc(QRectF(size * 0.34, size * 0.22, size * 0.32, size * 0.42), 0, 180 * 16)
        if state is CellState.SIGNED:  # a signature stroke under the padlock
            painter.setPen(QPen(QColor("#ffd54f"), max(1.2, size / 10), Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap))
            painter.drawLine(QPointF(size * 0.2, size * 0.86), QPointF(size * 0.8, size * 0.86))
    elif state is CellState.VERIFIED:
        _verified_badge(painter, colour, size)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(rect)
        painter.setPen(white)
        if state is CellState.INCOMPLETE:
            painter.drawLine(QPointF(size * 0.32, size * 0.5), QPointF(size * 0.68, size * 0.5))
        elif state is CellState.UNVERIFIED:
            painter.drawPoint(QPointF(size * 0.5, size * 0.5))
        else:
            path = QPainterPath(QPointF(size * 0.28, size * 0.52))
            path.lineTo(size * 0.44, size * 0.68)
            path.lineTo(size * 0.72, size * 0.34)
            painter.drawPath(path)
    painter.end()
    return pixmap


def _verified_badge(painter: QPainter, colour: QColor, size: int) -> None:
    """Verified: a blue shield (not a circle) with a double tick, unlike Complete's green disc."""
    shield = QPainterPath(QPointF(size * 0.5, size * 0.04))
    shield.lineTo(size * 0.92, size * 0.2)
    shield.lineTo(size * 0.86, size * 0.62)
    shield.quadTo(size * 0.72, size * 0.86, size * 0.5, size * 0.97)
    shield.quadTo(size * 0.28, size * 0.86, size * 0.14, size * 0.62)
    shield.lineTo(size * 0.08, size * 0.2)
    shield.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(shield)
    painter.setPen(QPen(QColor("white"), max(1.3, size / 11), Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for shift in (-0.1, 0.1):
        tick = QPainterPath(QPointF(size * (0.26 + shift), size * 0.5))
        tick.lineTo(size * (0.4 + shift), size * 0.64)
        tick.lineTo(size * (0.64 + shift), size * 0.36)
        painter.drawPath(tick)


@cache
def status_icon(state: CellState) -> QIcon:
    """Return the icon of a form status (cached; call after the QApplication exists)."""
    icon = QIcon()
    for size in (14, 16, 20, 24, 32):
        icon.addPixmap(_pixmap(state, size))
    return icon
