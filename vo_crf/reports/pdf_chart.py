"""The timeline chart of one patient as a reportlab ``Drawing`` on a shared axis of study days.

Top band: antibiotic courses as bars (one lane each, coloured by route, labelled with the drug).
Bottom band: CRP (left axis) and ESR (right axis) over the visits. Visits are dashed vertical
lines across both bands. The axis starts at day 0 (earlier when something happened before).
Every label is placed by :class:`~vo_crf.reports.chart_layout.LabelLayout`: none covers another
label, a data line or a marker, and visit lines are interrupted where they cross a label.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from vo_crf.reports.chart_layout import Anchor, LabelLayout, filled_rect, text_box
from vo_crf.reports.fonts import BOLD, REGULAR
from vo_crf.reports.report_texts import ENGLISH, ReportTexts
from vo_crf.reports.timeline_data import MarkerSeries, PatientTimeline

IV_COLOUR = colors.HexColor("#2458a6")
ORAL_COLOUR = colors.HexColor("#e8912d")
SERIES_COLOURS = (colors.HexColor("#b3261e"), colors.HexColor("#0f7b73"))
GRID = colors.HexColor("#d9dde3")
TEXT = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
VISIT_COLOUR = colors.HexColor("#8a8f98")
LANE, LANE_GAP = 15.0, 5.0
LEFT, RIGHT = 44.0, 44.0
VISIT_ROW = 10.0
VALUE_DYS = (3.5, -8.5, 9, -14, 15, -20, 21, -26)
VALUE_DXS: tuple[tuple[float, Anchor], ...] = ((3.5, "start"), (-3.5, "end"), (0, "middle"),
                                               (9, "start"), (-9, "end"))
"""Where a value's label may go around its point, in order of preference."""


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


def _text(x: float, y: float, text: str, size: float = 7, anchor: Anchor = "start",
          colour: colors.Color = TEXT, bold: bool = False) -> String:
    return String(x, y, text, fontName=BOLD if bold else REGULAR, fontSize=size,
                  fillColor=colour, textAnchor=anchor)


def _visit_rows(timeline: PatientTimeline, axis: _Axis) -> list[int]:
    """Return the row (0 lowest) of each visit's label so that no two labels touch."""
    rows: list[int] = []
    ends: list[float] = []  # right end of the last label of each row
    for visit in timeline.visits:
        label = short_visit_label(visit.label)
        box = text_box(axis.x(visit.day), 0, label, BOLD, 7.5, "middle")
        row = next((r for r, end in enumerate(ends) if box[0] > end + 3), len(ends))
        if row == len(ends):
            ends.append(box[2])
        else:
            ends[row] = box[2]
        rows.append(row)
    return rows


def axis_days(timeline: PatientTimeline) -> tuple[int, int, int]:
    """Return the first and last day of the axis and its tick step (the axis starts at day 0,
    or at the earliest day drawn when something precedes it)."""
    step = 90 if timeline.last_day - min(0, timeline.first_day) > 240 else 30
    first = 0 if timeline.first_day >= 0 else -math.ceil(-timeline.first_day / step) * step
    last = max(step, math.ceil((timeline.last_day + 10) / step) * step)
    return first, last, step


def days_since(t: ReportTexts, day_zero: str) -> str:
    """The x axis's title: days since the diagnosis, or since the first dated visit (the
    core's ``"<visit label> visit"``)."""
    if day_zero.endswith(" visit"):
        return t("Days since {visit} visit", visit=day_zero.removesuffix(" visit"))
    return t("Days since {day_zero}", day_zero=t(day_zero))


def timeline_drawing(timeline: PatientTimeline, width: float,
                     texts: ReportTexts = ENGLISH) -> Drawing:
    """Return the chart of ``timeline``, ``width`` points wide (fixed texts in ``texts``'
    language)."""
    t = texts
    first, last, step = axis_days(timeline)
    axis = _Axis(first, last, LEFT, width - RIGHT)
    rows = _visit_rows(timeline, axis)
    lanes = max(1, len(timeline.courses))
    abx_height = lanes * (LANE + LANE_GAP)
    plot_height = 100.0
    visit_band = 6 + VISIT_ROW * (max(rows, default=0) + 1)
    height = visit_band + abx_height + 18 + plot_height + 44
    drawing = Drawing(width, height, initialFontName=REGULAR)
    layout = LabelLayout((0, 0, width, height))
    plot_bottom = 44.0
    plot_top = plot_bottom + plot_height
    abx_top = height - visit_band
    _x_axis(drawing, layout, axis, plot_bottom, step, days_since(t, timeline.day_zero))
    _legend(drawing, layout, timeline, width, t)
    for visit, row in zip(timeline.visits, rows, strict=True):
        layout.add_string(drawing, _text(axis.x(visit.day), abx_top + 5 + row * VISIT_ROW,
                                         short_visit_label(visit.label), size=7.5,
                                         anchor="middle", bold=True))
    _markers(drawing, layout, timeline, axis, plot_bottom, plot_top, t)
    _courses(drawing, layout, timeline, axis, abx_top, t)
    for visit in timeline.visits:
        layout.interrupted_vertical(drawing, axis.x(visit.day), plot_bottom, abx_top,
                                    VISIT_COLOUR, 0.7, [3, 2])
    return drawing


def _x_axis(drawing: Drawing, layout: LabelLayout, axis: _Axis, bottom: float,
            step: int, title: str) -> None:
    layout.add_line(drawing, Line(axis.x0, bottom, axis.x1, bottom, strokeColor=MUTED,
                                  strokeWidth=0.6))
    for day in range(axis.first, axis.last + 1, step):
        x = axis.x(day)
        drawing.add(Line(x, bottom, x, bottom - 3, strokeColor=MUTED, strokeWidth=0.6))
        layout.add_string(drawing, _text(x, bottom - 11, str(day), anchor="middle",
                                         colour=MUTED))
    layout.add_string(drawing, _text((axis.x0 + axis.x1) / 2, bottom - 22,
                                     title, size=7.5, anchor="middle"))


def _courses(drawing: Drawing, layout: LabelLayout, timeline: PatientTimeline, axis: _Axis,
             top: float, t: ReportTexts) -> None:
    title = t("Antibiotics")  # in the left margin, before day 0: smaller if it is longer
    size = min(7.0, 7.0 * (LEFT - 6) / stringWidth(title, REGULAR, 7))
    layout.add_string(drawing, _text(2, top - LANE + 4, title, size=size, colour=MUTED))
    visit_xs = [axis.x(v.day) for v in timeline.visits]
    for lane, course in enumerate(timeline.courses):
        y = top - (lane + 1) * (LANE + LANE_GAP) + LANE_GAP
        start = course.start_day if course.start_day is not None else 0
        ongoing = course.stop_day is None
        stop = axis.last if course.stop_day is None else course.stop_day
        x0, x1 = axis.x(start), max(axis.x(stop), axis.x(start) + 2)
        colour = IV_COLOUR if course.intravenous else ORAL_COLOUR
        drawing.add(filled_rect(x0, y, x1 - x0, LANE, colour, None, radius=2))
        days = t("days {start}–{stop}", start=start, stop=course.stop_day) if not ongoing \
            else t("from day {start}", start=start)
        label = f"{course.drug} · {days}"
        needed = stringWidth(label, REGULAR, 7) + 8
        # inside the bar when it fits, else beside it; where no visit line crosses if possible
        spots: list[tuple[float, float, Anchor, colors.Color]] = []
        if x1 - x0 >= needed:
            spots.append((x0 + 4, y + 4.5, "start", colors.white))
        spots += [(x1 + 4, y + 4.5, "start", TEXT), (x0 - 4, y + 4.5, "end", TEXT)]
        fitting = [s for s in spots if layout.cost(text_box(s[0], s[1], label, REGULAR, 7,
                                                            s[2])) < 100] or spots[:1]

        def crossings(spot: tuple[float, float, Anchor, colors.Color],
                      label: str = label) -> int:
            box = text_box(spot[0], spot[1], label, REGULAR, 7, spot[2])
            return sum(box[0] - 2 <= x <= box[2] + 2 for x in visit_xs)

        best = min(fitting, key=crossings)
        layout.add_string(drawing, _text(best[0], best[1], label, size=7, anchor=best[2],
                                         colour=best[3]))


def _series_scale(series: MarkerSeries) -> float:
    return nice_ceiling(max((p.value for p in series.points), default=1.0) * 1.15)


def _markers(drawing: Drawing, layout: LabelLayout, timeline: PatientTimeline, axis: _Axis,
             bottom: float, top: float, t: ReportTexts) -> None:
    series = list(timeline.markers[:2])
    placed: list[list[tuple[float, float, float]]] = []
    for index, item in enumerate(series):
        scale = _series_scale(item)
        colour = SERIES_COLOURS[index]
        _y_axis(drawing, layout, item, index, scale, axis, bottom, top, t)
        points = [(axis.x(p.study_day), bottom + (top - bottom) * p.value / scale, p.value)
                  for p in item.points]
        placed.append(points)
        if len(points) > 1:
            line = PolyLine([c for x, y, _ in points for c in (x, y)], strokeColor=colour,
                            strokeWidth=1.4)
            if index != 0:
                line.strokeDashArray = [4, 2]
            drawing.add(line)
            layout.segments += [(a[0], a[1], b[0], b[1])
                                for a, b in zip(points, points[1:], strict=False)]
        for x, y, _ in points:
            layout.obstacles.append((x - 2.6, y - 2.6, x + 2.6, y + 2.6))
            if index == 0:
                drawing.add(Circle(x, y, 2.4, fillColor=colour, strokeColor=colors.white,
                                   strokeWidth=0.5))
            else:
                drawing.add(filled_rect(x - 2.2, y - 2.2, 4.4, 4.4, colour, colors.white, 0.5))
    for index, points in enumerate(placed):
        for x, y, value in points:
            candidates = [(x + dx, y + dy, anchor) for dy in VALUE_DYS
                          for dx, anchor in VALUE_DXS]
            layout.place(drawing, t.number(value), candidates, 6.5, SERIES_COLOURS[index],
                         bounds=(axis.x0 + 1, bottom + 1, axis.x1 - 1, top + 14))
    if not any(s.points for s in series):
        layout.add_string(drawing, _text((axis.x0 + axis.x1) / 2, (bottom + top) / 2,
                                         t("No biology results recorded"), anchor="middle",
                                         colour=MUTED))


def _y_axis(drawing: Drawing, layout: LabelLayout, item: MarkerSeries, index: int,
            scale: float, axis: _Axis, bottom: float, top: float, t: ReportTexts) -> None:
    colour = SERIES_COLOURS[index]
    x_axis = axis.x0 if index == 0 else axis.x1
    anchor: Anchor = "end" if index == 0 else "start"
    offset = -4 if index == 0 else 4
    layout.add_line(drawing, Line(x_axis, bottom, x_axis, top, strokeColor=colour,
                                  strokeWidth=0.6))
    for tick in range(5):
        y = bottom + (top - bottom) * tick / 4
        drawing.add(Line(x_axis, y, x_axis - offset * 0.6, y, strokeColor=colour,
                         strokeWidth=0.6))
        if index == 0 and tick:
            layout.add_line(drawing, Line(axis.x0, y, axis.x1, y, strokeColor=GRID,
                                          strokeWidth=0.4), soft=True)
        layout.add_string(drawing, _text(x_axis + offset, y - 2.5, t.number(scale * tick / 4),
                                         size=6.5, anchor=anchor, colour=colour))
    title = f"{item.short_label} ({item.unit})" if item.unit else item.short_label
    layout.add_string(drawing, _text(2 if index == 0 else axis.x1 + RIGHT - 2, top + 6, title,
                                     size=7, anchor="start" if index == 0 else "end",
                                     colour=colour, bold=True))


def _legend(drawing: Drawing, layout: LabelLayout, timeline: PatientTimeline,
            width: float, t: ReportTexts) -> None:
    y = 3.0
    items: list[tuple[str, str, colors.Color]] = [("bar", t("Intravenous"), IV_COLOUR),
                                                  ("bar", t("Oral"), ORAL_COLOUR)]
    for index, item in enumerate(timeline.markers[:2]):
        items.append(("line" if index == 0 else "dash", item.short_label,
                      SERIES_COLOURS[index]))
    items.append(("visit", t("Visit"), VISIT_COLOUR))
    widths = [18 + stringWidth(label, REGULAR, 7) + 14 for _, label, _ in items]
    x = (width - sum(widths)) / 2
    for (kind, label, colour), item_width in zip(items, widths, strict=True):
        if kind == "bar":
            drawing.add(filled_rect(x, y, 14, 7, colour, None, radius=1.5))
        elif kind == "visit":
            drawing.add(Line(x + 7, y - 1, x + 7, y + 8, strokeColor=colour, strokeWidth=0.7,
                             strokeDashArray=[3, 2]))
        else:
            sample = Line(x, y + 3.5, x + 14, y + 3.5, strokeColor=colour, strokeWidth=1.4)
            if kind != "line":
                sample.strokeDashArray = [4, 2]
            drawing.add(sample)
        layout.add_string(drawing, _text(x + 18, y + 1, label, size=7))
        x += item_width
