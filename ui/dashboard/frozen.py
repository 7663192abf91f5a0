"""A table view whose first column (the patient id) stays in place when scrolling right.

Qt's "Frozen Column" example: a second view over the first column, sharing the model and the
selection, its vertical scrolling tied to the main view's.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class FrozenColumnTable(QTableView):
    """A QTableView with column 0 frozen at the left edge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumn")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setStyleSheet("QTableView { border: none; border-right: 1px solid #9aa0a6; }")
        self.viewport().stackUnder(self.frozen)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.horizontalHeader().sectionClicked.connect(self._sort_by_first_column)
        self.horizontalHeader().sortIndicatorChanged.connect(self._show_sort_indicator)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Show ``model`` in both views; the frozen one shows only column 0."""
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        if model is not None:
            model.modelReset.connect(self.sync_frozen_column)
        self.sync_frozen_column()

    def sync_frozen_column(self) -> None:
        """Show only column 0 in the frozen view, sized and styled like the main view's."""
        model = self.model()
        if model is None:
            return
        for column in range(1, model.columnCount()):
            self.frozen.setColumnHidden(column, True)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.frozen.verticalHeader().setDefaultSectionSize(
            self.verticalHeader().defaultSectionSize())
        self.frozen.horizontalHeader().setFont(self.horizontalHeader().font())
        self.frozen.horizontalHeader().setDefaultAlignment(
            self.horizontalHeader().defaultAlignment())
        self.frozen.setShowGrid(self.showGrid())
        self.frozen.setGridStyle(self.gridStyle())
        self._place()

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, new)
            self._place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(row, new)

    def _sort_by_first_column(self, _column: int) -> None:
        header = self.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = Qt.SortOrder.DescendingOrder if (
            header.sortIndicatorSection() == 0 and header.sortIndicatorOrder() == ascending) \
            else ascending
        header.setSortIndicator(0, order)

    def _show_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        header = self.frozen.horizontalHeader()
        header.setSortIndicatorShown(column == 0)
        header.setSortIndicator(column if column == 0 else -1, order)

    def _place(self) -> None:
        frame = self.frameWidth()
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.setGeometry(self.verticalHeader().width() + frame, frame,
                                self.columnWidth(0),
                                self.viewport().height() + self.horizontalHeader().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the frozen column over the first column."""
        super().resizeEvent(event)
        self._place()

    def updateGeometries(self) -> None:
        """Follow header height changes (Qt calls this when the header or the viewport moves)."""
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self._place()
