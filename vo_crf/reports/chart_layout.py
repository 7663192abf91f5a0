"""Collision-free placement of chart labels: every label is kept off the other labels, the data
lines and the markers, and the dashed visit lines are interrupted where they cross a label.

A label's box is the box of its glyphs (``text_box``): advance width by the font's ascent and
descent. The tests measure the drawn strings with the same function.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from vo_crf.reports.fonts import BOLD, REGULAR

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 with x0 <= x1 and y0 <= y1."""
Segment = tuple[float, float, float, float]
Anchor = Literal["start", "middle", "end"]
ASCENT, DESCENT = 0.76, 0.24
"""Parts of the font size above and below the baseline that digits and letters use."""


def filled_rect(x: float, y: float, width: float, height: float, fill: colors.Color,
                stroke: colors.Color | None = None, stroke_width: float = 0.5,
                radius: float = 0) -> Rect:
    """Return a filled rectangle (colours set as attributes: reportlab's stubs type the
    keyword arguments of ``Rect`` wrongly)."""
    rect = Rect(x, y, width, height, rx=radius, ry=radius)
    rect.fillColor = fill
    rect.strokeColor = stroke
    rect.strokeWidth = stroke_width
    return rect


def text_box(x: float, y: float, text: str, font: str, size: float, anchor: str) -> Box:
    """Return the box of ``text`` drawn at (x, y) with ``anchor`` ('start', 'middle', 'end')."""
    width = stringWidth(text, font, size)
    left = x if anchor == "start" else x - width / 2 if anchor == "middle" else x - width
    return left, y - DESCENT * size, left + width, y + ASCENT * size


def string_box(string: String) -> Box:
    """Return the box of a drawn reportlab ``String``."""
    return text_box(string.x, string.y, string.text, string.fontName, string.fontSize,
                    string.textAnchor)


def boxes_overlap(a: Box, b: Box, pad: float = 0.0) -> bool:
    """True when boxes ``a`` and ``b`` (grown by ``pad``) share some area."""
    return (a[0] - pad < b[2] and b[0] < a[2] + pad
            and a[1] - pad < b[3] and b[1] < a[3] + pad)


def segment_hits(box: Box, segment: Segment) -> bool:
    """True when the straight segment crosses or touches the inside of ``box``."""
    x1, y1, x2, y2 = segment
    if max(x1, x2) <= box[0] or min(x1, x2) >= box[2] or max(y1, y2) <= box[1] \
            or min(y1, y2) >= box[3]:
        return False
    sides = {(x2 - x1) * (cy - y1) - (y2 - y1) * (cx - x1) > 0
             for cx, cy in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]),
                            (box[2], box[3]))}
    corners_on_line = any((x2 - x1) * (cy - y1) - (y2 - y1) * (cx - x1) == 0
                          for cx, cy in ((box[0], box[1]), (box[2], box[3])))
    return len(sides) == 2 or corners_on_line


@dataclass
class LabelLayout:
    """What is drawn so far that labels must avoid; places labels where they hit nothing."""

    bounds: Box
    labels: list[Box] = field(default_factory=list)
    obstacles: list[Box] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    soft_segments: list[Segment] = field(default_factory=list)

    def add_string(self, drawing: Drawing, string: String) -> String:
        """Draw ``string`` where it was asked to be and keep its box as taken."""
        drawing.add(string)
        self.labels.append(string_box(string))
        return string

    def add_line(self, drawing: Drawing, line: Line, soft: bool = False) -> None:
        """Draw ``line``; labels avoid it (a ``soft`` one, like a grid line, only if they can)."""
        drawing.add(line)
        (self.soft_segments if soft else self.segments).append(
            (line.x1, line.y1, line.x2, line.y2))

    def cost(self, box: Box, bounds: Box | None = None) -> float:
        """Return how bad a label at ``box`` is (0: it hits nothing; 1000 outside ``bounds``,
        by default the drawing)."""
        bad = 0.0
        bounds = bounds or self.bounds
        if box[0] < bounds[0] or box[2] > bounds[2] or box[1] < bounds[1] or box[3] > bounds[3]:
            bad += 1000
        bad += 100 * sum(boxes_overlap(box, other, 0.5) for other in self.labels)
        bad += 100 * sum(boxes_overlap(box, other) for other in self.obstacles)
        bad += 100 * sum(segment_hits(box, s) for s in self.segments)
        bad += sum(segment_hits(box, s) for s in self.soft_segments)
        return bad

    def place(self, drawing: Drawing, text: str,
              candidates: Sequence[tuple[float, float, Anchor]],
              size: float, colour: colors.Color, bold: bool = False,
              bounds: Box | None = None) -> String:
        """Draw ``text`` at the first of the least bad ``candidates`` (x, y, anchor), inside
        ``bounds`` when it can."""
        font = BOLD if bold else REGULAR
        best, best_cost = candidates[0], float("inf")
        for candidate in candidates:  # the first that hits nothing, else the least bad
            cost = self.cost(text_box(candidate[0], candidate[1], text, font, size,
                                      candidate[2]), bounds)
            if cost < best_cost:
                best, best_cost = candidate, cost
                if not cost:
                    break
        return self.add_string(drawing, String(best[0], best[1], text, fontName=font,
                                               fontSize=size, fillColor=colour,
                                               textAnchor=best[2]))

    def interrupted_vertical(self, drawing: Drawing, x: float, bottom: float, top: float,
                             colour: colors.Color, width: float, dash: list[float]) -> None:
        """Draw a vertical line at ``x`` from ``bottom`` to ``top``, broken around labels."""
        gaps = sorted((b[1] - 1.5, b[3] + 1.5) for b in self.labels if b[0] - 1 <= x <= b[2] + 1)
        y = bottom
        for low, high in gaps:
            if high <= y or low >= top:
                continue
            if low > y:
                drawing.add(Line(x, y, x, low, strokeColor=colour, strokeWidth=width,
                                 strokeDashArray=dash))
            y = max(y, high)
        if y < top:
            drawing.add(Line(x, y, x, top, strokeColor=colour, strokeWidth=width,
                             strokeDashArray=dash))
