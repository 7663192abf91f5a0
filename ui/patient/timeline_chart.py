"""The timeline chart drawn with QPainter: the same picture as the PDF report.

Top band: antibiotic courses as bars (one lane each, blue intravenous, orange oral, labelled
with the drug). Bottom band: CRP (left axis) and ESR (right axis) by study day. Visits are dashed
vertical lines across both bands.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from vo_crf.reports.pdf_chart import axis_days, nice_ceiling, short_visit_label
from vo_crf.reports.timeline_data import PatientTimeline

IV_COLOUR = QColor("#2458a6")
ORAL_COLOUR = QColor("#e8912d")
SERIES_COLOURS = (QColor("#b3261e"), QColor("#0f7b73"))
GRID = QColor("#d9dde3")
MUTED = QColor("#666666")
TEXT = QColor("#222222")
LANE, LANE_GAP = 20.0, 6.0
LEFT, RIGHT, TOP = 64.0, 64.0, 26.0
PLOT_HEIGHT = 170.0
BOTTOM = 64.0


class TimelineChart(QWidget):
    """Paints a PatientTimeline; its height grows with the number of antibiotic courses."""

    def __init__(self, timeline: PatientTimeline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineChart")
        self.timeline = timeline
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("white"))
        self.setPalette(palette)

    def _abx_height(self) -> float:
        return max(1, len(self.timeline.courses)) * (LANE + LANE_GAP)

    def sizeHint(self) -> QSize:
        """Wide enough to read, tall enough for every course lane."""
        return QSize(900, int(TOP + self._abx_height() + 24 + PLOT_HEIGHT + BOTTOM))

    def axis(self) -> tuple[int, int, int]:
        """The first and last day of the axis and its tick step: the PDF's axis (day 0, or the
        earliest day drawn when something precedes it)."""
        return axis_days(self.timeline)

    def axis_title(self) -> str:
        """What day 0 is, as the PDF says it: the diagnosis, or the first visit dated when the
        diagnosis date is not entered."""
        day_zero = self.timeline.day_zero
        if day_zero.endswith(" visit"):  # the core's "<visit label> visit"
            return self.tr("Days since {0} visit").format(day_zero.removesuffix(" visit"))
        return self.tr("Days since diagnosis")

    def day_x(self, day: float) -> float:
        """The x coordinate of study day ``day``."""
        first, last, _ = self.axis()
        return LEFT + (day - first) * (self.width() - LEFT - RIGHT) / (last - first)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        """Draw axes, visits, courses, markers and the legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        abx_top = TOP
        plot_top = TOP + self._abx_height() + 24
        plot_bottom = plot_top + PLOT_HEIGHT
        self._x_axis(painter, plot_bottom)
        self._visits(painter, abx_top - 6, plot_bottom)
        self._courses(painter, abx_top)
        self._markers(painter, plot_top, plot_bottom)
        self._legend(painter, plot_bottom + 40)
        painter.end()

    def _x_axis(self, painter: QPainter, bottom: float) -> None:
        first, last, step = self.axis()
        painter.setPen(QPen(MUTED, 1))
        painter.drawLine(QPointF(LEFT, bottom), QPointF(self.width() - RIGHT, bottom))
        for day in range(first, last + 1, step):
            x = self.day_x(day)
            painter.drawLine(QPointF(x, bottom), QPointF(x, bottom + 4))
            painter.drawText(QRectF(x - 30, bottom + 5, 60, 14), Qt.AlignmentFlag.AlignCenter,
                             str(day))
        painter.setPen(TEXT)
        painter.drawText(QRectF(LEFT, bottom + 20, self.width() - LEFT - RIGHT, 14),
                         Qt.AlignmentFlag.AlignCenter, self.axis_title())

    def _visits(self, painter: QPainter, top: float, bottom: float) -> None:
        bold = QFont(painter.font())
        bold.setBold(True)
        for visit in self.timeline.visits:
            x = self.day_x(visit.day)
            painter.setPen(QPen(QColor("#8a8f98"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            painter.save()
            painter.setFont(bold)
            painter.setPen(TEXT)
            painter.drawText(QRectF(x - 40, top - 18, 80, 14), Qt.AlignmentFlag.AlignCenter,
                             short_visit_label(visit.label))
            painter.restore()

    def _courses(self, painter: QPainter, top: float) -> None:
        painter.setPen(MUTED)
        painter.drawText(QRectF(2, top, LEFT - 6, LANE), Qt.AlignmentFlag.AlignVCenter
                         | Qt.AlignmentFlag.AlignLeft, self.tr("Antibiotics"))
        metrics = QFontMetricsF(painter.font())
        _, last, _ = self.axis()
        for lane, course in enumerate(self.timeline.courses):
            y = top + lane * (LANE + LANE_GAP)
            start = course.start_day if course.start_day is not None else 0
            ongoing = course.stop_day is None
            stop = course.stop_day if course.stop_day is not None else last
            x0, x1 = self.day_x(start), max(self.day_x(stop), self.day_x(start) + 3)
            colour = IV_COLOUR if course.intravenous else ORAL_COLOUR
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x0, y, x1 - x0, LANE), 3, 3)
            days = (self.tr("days {0}–{1}").format(start, course.stop_day) if not ongoing
                    else self.tr("from day {0}").format(start))
            label = f"{course.drug} · {days}"
            needed = metrics.horizontalAdvance(label) + 10
            if x1 - x0 >= needed:
                painter.setPen(QColor("white"))
                painter.drawText(QRectF(x0 + 5, y, x1 - x0 - 5, LANE),
                                 Qt.AlignmentFlag.AlignVCenter, label)
            elif x1 + needed <= self.width():
                painter.setPen(TEXT)
                painter.drawText(QRectF(x1 + 5, y, needed, LANE),
                                 Qt.AlignmentFlag.AlignVCenter, label)
            else:
                painter.setPen(TEXT)
                painter.drawText(QRectF(x0 - needed - 5, y, needed, LANE),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                                 label)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _markers(self, painter: QPainter, top: float, bottom: float) -> None:
        painter.setPen(QPen(GRID, 1))
        for quarter in range(1, 5):
            y = bottom - quarter * (bottom - top) / 4
            painter.drawLine(QPointF(LEFT, y), QPointF(self.width() - RIGHT, y))
        for index, series in enumerate(self.timeline.markers[:2]):
            colour = SERIES_COLOURS[index]
            scale = nice_ceiling(max((p.value for p in series.points), default=1.0) * 1.15)
            left = index == 0
            axis_x = LEFT if left else self.width() - RIGHT
            painter.setPen(QPen(colour, 1))
            painter.drawLine(QPointF(axis_x, top), QPointF(axis_x, bottom))
            for quarter in range(0, 5):
                y = bottom - quarter * (bottom - top) / 4
                value = scale * quarter / 4
                text = f"{value:g}"
                rect = QRectF(axis_x - 46, y - 7, 40, 14) if left else QRectF(axis_x + 6, y - 7,
                                                                              40, 14)
                painter.drawText(rect, (Qt.AlignmentFlag.AlignRight if left else
                                        Qt.AlignmentFlag.AlignLeft)
                                 | Qt.AlignmentFlag.AlignVCenter, text)
            title = f"{series.short_label} ({series.unit})" if series.unit else series.short_label
            painter.drawText(QRectF(axis_x - 60 if left else axis_x - 60, top - 20, 120, 14),
                             Qt.AlignmentFlag.AlignCenter, title)
            points = [QPointF(self.day_x(p.study_day), bottom - p.value / scale * (bottom - top))
                      for p in sorted(series.points, key=lambda p: p.study_day)]
            painter.setPen(QPen(colour, 2))
            for first, second in zip(points, points[1:], strict=False):
                painter.drawLine(first, second)
            painter.setBrush(colour)
            for point in points:
                painter.drawEllipse(point, 3.5, 3.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _legend(self, painter: QPainter, y: float) -> None:
        items = [(IV_COLOUR, self.tr("Intravenous"), True), (ORAL_COLOUR, self.tr("Oral"), True)]
        items += [(SERIES_COLOURS[i], s.short_label, False)
                  for i, s in enumerate(self.timeline.markers[:2])]
        metrics = QFontMetricsF(painter.font())
        x = LEFT
        for colour, text, bar in items:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            if bar:
                painter.drawRoundedRect(QRectF(x, y - 5, 18, 10), 2, 2)
            else:
                painter.drawRect(QRectF(x, y - 1, 18, 2))
                painter.drawEllipse(QPointF(x + 9, y), 3.5, 3.5)
            painter.setPen(TEXT)
            painter.drawText(QPointF(x + 24, y + 4), text)
            x += 24 + metrics.horizontalAdvance(text) + 22
        painter.setBrush(Qt.BrushStyle.NoBrush)
