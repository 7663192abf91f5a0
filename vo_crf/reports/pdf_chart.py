"""The timeline chart of one patient as a reportlab ``Drawing`` on a shared axis of study days.

Top band: antibiotic courses as bars (one lane each, coloured by route, labelled with the drug).
Bottom band: CRP (left axis) and ESR (right axis) over the visits. Visits are dashed vertical
lines across both bands.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from vo_crf.reports.fonts import BOLD, REGULAR
from vo_crf.reports.timeline_data import MarkerSeries, PatientTimeline

IV_COLOUR = colors.HexColor("#2458a6")
ORAL_COLOUR = colors.HexColor("#e8912d")
SERIES_COLOURS = (colors.HexColor("#b3261e"), colors.HexColor("#0f7b73"))
GRID = colors.HexColor("#d9dde3")
TEXT = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
LANE, LANE_GAP = 15.0, 5.0
LEFT, RIGHT = 44.0, 44.0


def nice_ceiling(value: float) -> float:
    """Return a round axis maximum (1, 2, 4, 6, 8 × 10^k: quarters are round) >= ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 4, 6, 8, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def short_visit_label(label: str) -> str:
    """Return a label short enough for the chart ('End of follow-up' -> 'End')."""
    return label if len(label) <= 6 else label.split()[0]


class _Axis:
    """Maps study days to x positions."""

    def __init__(self, first: int, last: int, x0: float, x1: float) -> None:
        self.first, self.last, self.x0, self.x1 = first, last, x0, x1

    def x(self, day: float) -> float:
        return self.x0 + (day - self.first) * (self.x1 - self.x0) / (self.last - self.first)


Anchor = Literal["start", "middle", "end"]
"""Where a text's x lies: its start, middle or end."""


def _rect(x: float, y: float, width: float, height: float, rx: float = 0, ry: float = 0,
          **style: Any) -> Rect:
    """A rectangle (types-reportlab types ``Rect``'s style keywords as one dict, not each)."""
    return Rect(x, y, width, height, rx, ry, **style)


def _text(x: float, y: float, text: str, size: float = 7,
          anchor: Anchor = "start",
          colour: colors.Color = TEXT, bold: bool = False) -> String:
    return String(x, y, text, fontName=BOLD if bold else REGULAR, fontSize=size,
                  fillColor=colour, textAnchor=anchor)


def timeline_drawing(timeline: PatientTimeline, width: float) -> Drawing:
    """Return the chart of ``timeline``, ``width`` points wide."""
    lanes = max(1, len(timeline.courses))
    abx_height = lanes * (LANE + LANE_GAP)
    plot_height = 100.0
    height = 16 + abx_height + 18 + plot_height + 44
    drawing = Drawing(width, height)
    step = 90 if timeline.last_day > 240 else 30
    last = max(step, math.ceil((timeline.last_day + 10) / step) * step)
    axis = _Axis(-10, last, LEFT, width - RIGHT)
    plot_bottom = 44.0
    plot_top = plot_bottom + plot_height
    abx_top = height - 16
    _x_axis(drawing, axis, plot_bottom, step)
    _visits(drawing, timeline, axis, plot_bottom, abx_top)
    _courses(drawing, timeline, axis, abx_top)
    _markers(drawing, timeline, axis, plot_bottom, plot_top)
    _legend(drawing, timeline, width)
    return drawing


def _x_axis(drawing: Drawing, axis: _Axis, bottom: float, step: int) -> None:
    drawing.add(Line(axis.x0, bottom, axis.x1, bottom, strokeColor=MUTED, strokeWidth=0.6))
    for day in range(0, axis.last + 1, step):
        x = axis.x(day)
        drawing.add(Line(x, bottom, x, bottom - 3, strokeColor=MUTED, strokeWidth=0.6))
        drawing.add(_text(x, bottom - 11, str(day), anchor="middle", colour=MUTED))
    drawing.add(_text((axis.x0 + axis.x1) / 2, bottom - 22, "Days since diagnosis",
                      size=7.5, anchor="middle"))


def _visits(drawing: Drawing, timeline: PatientTimeline, axis: _Axis, bottom: float,
            top: float) -> None:
    for visit in timeline.visits:
        x = axis.x(visit.day)
        drawing.add(Line(x, bottom, x, top, strokeColor=colors.HexColor("#8a8f98"),
                         strokeWidth=0.7, strokeDashArray=[3, 2]))
        drawing.add(_text(x, top + 5, short_visit_label(visit.label), size=7.5,
                          anchor="middle", bold=True))


def _courses(drawing: Drawing, timeline: PatientTimeline, axis: _Axis, top: float) -> None:
    drawing.add(_text(2, top - LANE + 4, "Antibiotics", size=7, colour=MUTED))
    for lane, course in enumerate(timeline.courses):
        y = top - (lane + 1) * (LANE + LANE_GAP) + LANE_GAP
        start = course.start_day if course.start_day is not None else 0
        ongoing = course.stop_day is None
        stop = course.stop_day if course.stop_day is not None else axis.last
        x0, x1 = axis.x(start), max(axis.x(stop), axis.x(start) + 2)
        colour = IV_COLOUR if course.intravenous else ORAL_COLOUR
        drawing.add(_rect(x0, y, x1 - x0, LANE, fillColor=colour, strokeColor=None,
                          rx=2, ry=2))
        days = f"days {start}–{course.stop_day}" if not ongoing else f"from day {start}"
        label = f"{course.drug} · {days}"
        size = 7
        needed = stringWidth(label, REGULAR, size) + 8
        if x1 - x0 >= needed:
            drawing.add(_text(x0 + 4, y + 4.5, label, size=size, colour=colors.white))
        elif x1 + needed <= axis.x1 + RIGHT:
            drawing.add(_text(x1 + 4, y + 4.5, label, size=size))
        else:
            drawing.add(_text(x0 - 4, y + 4.5, label, size=size, anchor="end"))


def _series_scale(series: MarkerSeries) -> float:
    return nice_ceiling(max((p.value for p in series.points), default=1.0) * 1.15)


def _markers(drawing: Drawing, timeline: PatientTimeline, axis: _Axis, bottom: float,
             top: float) -> None:
    series = list(timeline.markers[:2])
    placed: list[list[tuple[float, float, float]]] = []
    for index, item in enumerate(series):
        scale = _series_scale(item)
        colour = SERIES_COLOURS[index]
        _y_axis(drawing, item, index, scale, axis, bottom, top)
        points = [(axis.x(p.study_day), bottom + (top - bottom) * p.value / scale, p.value)
                  for p in item.points]
        placed.append(points)
        if len(points) > 1:
            line = PolyLine([c for x, y, _ in points for c in (x, y)], strokeColor=colour,
                            strokeWidth=1.4)
            if index != 0:
                line.strokeDashArray = [4, 2]
            drawing.add(line)
        for x, y, _ in points:
            if index == 0:
                drawing.add(Circle(x, y, 2.4, fillColor=colour, strokeColor=colors.white,
                                   strokeWidth=0.5))
            else:
                drawing.add(_rect(x - 2.2, y - 2.2, 4.4, 4.4, fillColor=colour,
                                  strokeColor=colors.white, strokeWidth=0.5))
    for index, points in enumerate(placed):
        others = [p for i, other in enumerate(placed) if i != index for p in other]
        for x, y, value in points:
            near = [oy for ox, oy, _ in others if abs(ox - x) < 1]
            above = all(y >= oy for oy in near) or y - 9 < bottom + 1
            drawing.add(_text(x + 3.5, y + 3.5 if above else y - 9, f"{value:g}", size=6.5,
                              colour=SERIES_COLOURS[index]))
    if not any(s.points for s in series):
        drawing.add(_text((axis.x0 + axis.x1) / 2, (bottom + top) / 2,
                          "No biology results recorded", anchor="middle", colour=MUTED))


def _y_axis(drawing: Drawing, item: MarkerSeries, index: int, scale: float, axis: _Axis,
            bottom: float, top: float) -> None:
    colour = SERIES_COLOURS[index]
    x_axis = axis.x0 if index == 0 else axis.x1
    anchor: Anchor = "end" if index == 0 else "start"
    offset = -4 if index == 0 else 4
    drawing.add(Line(x_axis, bottom, x_axis, top, strokeColor=colour, strokeWidth=0.6))
    for tick in range(5):
        y = bottom + (top - bottom) * tick / 4
        drawing.add(Line(x_axis, y, x_axis - offset * 0.6, y, strokeColor=colour,
                         strokeWidth=0.6))
        if index == 0 and tick:
            drawing.add(Line(axis.x0, y, axis.x1, y, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(_text(x_axis + offset, y - 2.5, f"{scale * tick / 4:g}", size=6.5,
                          anchor=anchor, colour=colour))
    title = f"{item.short_label} ({item.unit})" if item.unit else item.short_label
    drawing.add(_text(2 if index == 0 else axis.x1 + RIGHT - 2, top + 6, title, size=7,
                      anchor="start" if index == 0 else "end", colour=colour, bold=True))


def _legend(drawing: Drawing, timeline: PatientTimeline, width: float) -> None:
    y = 3.0
    items: list[tuple[str, str, colors.Color]] = [("bar", "Intravenous", IV_COLOUR),
                                                  ("bar", "Oral", ORAL_COLOUR)]
    for index, item in enumerate(timeline.markers[:2]):
        items.append(("line" if index == 0 else "dash", item.short_label,
                      SERIES_COLOURS[index]))
    items.append(("visit", "Visit", colors.HexColor("#8a8f98")))
    widths = [18 + stringWidth(label, REGULAR, 7) + 14 for _, label, _ in items]
    x = (width - sum(widths)) / 2
    for (kind, label, colour), item_width in zip(items, widths, strict=True):
        if kind == "bar":
            drawing.add(_rect(x, y, 14, 7, fillColor=colour, strokeColor=None, rx=1.5, ry=1.5))
        elif kind == "visit":
            drawing.add(Line(x + 7, y - 1, x + 7, y + 8, strokeColor=colour, strokeWidth=0.7,
                             strokeDashArray=[3, 2]))
        else:
            sample = Line(x, y + 3.5, x + 14, y + 3.5, strokeColor=colour, strokeWidth=1.4)
            if kind != "line":
                sample.strokeDashArray = [4, 2]
            drawing.add(sample)
        drawing.add(_text(x + 18, y + 1, label, size=7))
        x += item_width
