"""Paints a dashboard status cell: the status icon centred, with the instance count beside it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QIcon, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

ICON_SIZE = 16


class StatusCellDelegate(QStyledItemDelegate):
    """Draws the background/selection as usual, then the icon in the middle of the cell."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """Paint one status cell."""
        self.initStyleOption(option, index)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        option.icon = QIcon()
        option.text = ""
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect
        left = rect.center().x() - ICON_SIZE // 2 - (8 if text else 0)
        target = QRect(left, rect.center().y() - ICON_SIZE // 2 + 1, ICON_SIZE, ICON_SIZE)
        if isinstance(icon, QIcon):
            icon.paint(painter, target)
        if text:
            painter.save()
            painter.setPen(option.palette.color(option.palette.ColorRole.Text))
            painter.drawText(QRect(target.right() + 3, rect.top(), 28, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            painter.restore()
