"""Study-wide figures (``vo-crf report --figures OUT.pdf``), drawn with reportlab graphics:
a swimmer plot of every patient's antibiotic courses and visits, the prevalence of each imaging
finding by visit with its n/N, the CRP/ESR trajectories (median and IQR by visit, individual
lines faint) and the flow of patients through the visits. One figure per page, captioned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from vo_crf.analysis.dataset import load_patients
from vo_crf.analysis.plan import require_plan
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import record_view, shown_patient
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.output_files import atomic_output, check_output
from vo_crf.project import Project
from vo_crf.reports.chart_layout import Anchor, filled_rect
from vo_crf.reports.figures_data import FigureData, figure_data
from vo_crf.reports.fonts import BOLD, REGULAR, register_fonts
from vo_crf.reports.patient_reports import pdf_path, report_context
from vo_crf.reports.pdf_chart import (
    IV_COLOUR,
    ORAL_COLOUR,
    SERIES_COLOURS,
    VISIT_COLOUR,
    nice_ceiling,
)
from vo_crf.reports.pdf_pages import CONTENT_WIDTH, PatientMark, render_stories

TEXT = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
GRID = colors.HexColor("#e3e6eb")
VISIT_SHADES = (colors.HexColor("#1d3557"), colors.HexColor("#457b9d"),
                colors.HexColor("#a8dadc"), colors.HexColor("#e9c46a"))


def _text(x: float, y: float, text: str, size: float = 7, anchor: Anchor = "start",
          colour: colors.Color = TEXT, bold: bool = False) -> String:
    return String(x, y, text, fontName=BOLD if bold else REGULAR, fontSize=size,
                  fillColor=colour, textAnchor=anchor)


def swimmer_plot(data: FigureData, width: float) -> Drawing:
    """Each patient one lane: antibiotic bars by route, visits as dots, sorted by follow-up."""
    order = sorted(data.timelines, key=lambda t: t.last_day)
    lane = min(14.0, max(8.0, 520.0 / max(1, len(order))))
    top_pad, bottom_pad, left = 10.0, 34.0, 48.0
    height = top_pad + lane * len(order) + bottom_pad
    drawing = Drawing(width, height, initialFontName=REGULAR)
    last = max((t.last_day for t in order), default=30)
    step = 180 if last > 720 else 90 if last > 240 else 30
    end = max(step, -(-last // step) * step)

    def x(day: float) -> float:
        return left + (width - left - 8) * day / end

    for day in range(0, end + 1, step):
        drawing.add(Line(x(day), bottom_pad, x(day), height - top_pad + 2, strokeColor=GRID,
                         strokeWidth=0.4))
        drawing.add(_text(x(day), bottom_pad - 10, str(day), 6.5, "middle", MUTED))
    drawing.add(_text((left + width) / 2, bottom_pad - 21, "Days since diagnosis", 7.5,
                      "middle"))
    for row, timeline in enumerate(reversed(order)):
        y = bottom_pad + row * lane
        drawing.add(_text(left - 4, y + 2, timeline.header.record_id, 6, "end", MUTED))
        for course in timeline.courses:
            start = course.start_day or 0
            stop = course.stop_day if course.stop_day is not None else timeline.last_day
            drawing.add(filled_rect(x(max(0, start)), y + 1,
                                    max(1.0, x(stop) - x(max(0, start))), lane - 3,
                                    IV_COLOUR if course.intravenous else ORAL_COLOUR))
        for visit in timeline.visits:
            drawing.add(Circle(x(max(0, visit.day)), y + lane / 2 - 0.5, 1.8,
                               fillColor=colors.white, strokeColor=TEXT, strokeWidth=0.6))
    legend_y = 2.0
    for offset, (label, colour) in enumerate((("Intravenous", IV_COLOUR),
                                              ("Oral", ORAL_COLOUR))):
        drawing.add(filled_rect(left + offset * 80, legend_y, 12, 6, colour, None))
        drawing.add(_text(left + offset * 80 + 16, legend_y + 0.5, label, 7))
    drawing.add(Circle(left + 172, legend_y + 3, 1.8, fillColor=colors.white, strokeColor=TEXT,
                       strokeWidth=0.6))
    drawing.add(_text(left + 178, legend_y + 0.5, "Visit", 7))
    return drawing


def prevalence_chart(data: FigureData, width: float) -> Drawing:
    """Horizontal bars: each finding, one bar per visit, its n/N at the end of the bar."""
    findings = list(dict.fromkeys(p.finding for p in data.prevalence))
    bar, gap = 10.0, 10.0
    group = bar * len(data.visits) + gap
    left, right, bottom = 130.0, 50.0, 30.0
    height = bottom + group * len(findings) + 10
    drawing = Drawing(width, height, initialFontName=REGULAR)

    def x(share: float) -> float:
        return left + (width - left - right) * share

    for tick in range(0, 101, 25):
        drawing.add(Line(x(tick / 100), bottom, x(tick / 100), height - 6, strokeColor=GRID,
                         strokeWidth=0.4))
        drawing.add(_text(x(tick / 100), bottom - 10, f"{tick}%", 6.5, "middle", MUTED))
    cells = {(p.finding, p.visit): p for p in data.prevalence}
    for row, finding in enumerate(findings):
        y0 = height - 10 - (row + 1) * group + gap
        drawing.add(_text(left - 6, y0 + group / 2 - gap / 2 - 2.5, finding, 7, "end"))
        for index, visit in enumerate(data.visits):
            cell = cells[(finding, visit)]
            y = y0 + (len(data.visits) - 1 - index) * bar
            share = cell.share or 0.0
            colour = VISIT_SHADES[index % len(VISIT_SHADES)]
            drawing.add(filled_rect(left, y + 0.5, max(0.5, x(share) - left), bar - 1, colour))
            label = f"{cell.present}/{cell.assessable}" if cell.assessable else "n/a"
            drawing.add(_text(x(share) + 3, y + 2.5, label, 6.5, colour=MUTED))
    for index, visit in enumerate(data.visits):
        drawing.add(filled_rect(left + index * 60, 2, 10, 6, VISIT_SHADES[index % 4], None))
        drawing.add(_text(left + index * 60 + 14, 2.5, visit, 7))
    return drawing


def trajectory_chart(data: FigureData, width: float) -> Drawing:
    """One panel per marker: faint individual lines, median with its IQR band, by visit."""
    markers = list(dict.fromkeys(t.marker for t in data.trajectories))
    panel = width / max(1, len(markers))
    height = 280.0
    drawing = Drawing(width, height, initialFontName=REGULAR)
    bottom, top = 40.0, height - 22
    for index, marker in enumerate(markers):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        points = [t for t in data.trajectories if t.marker == marker]
        individual = data.individual[marker]
        scale = nice_ceiling(max((v for row in individual for v in row if v is not None),
                                 default=1.0))
        left, right = index * panel + 40, (index + 1) * panel - 14

        def x(position: int, left: float = left, right: float = right) -> float:
            return left + (right - left) * (position + 0.5) / len(data.visits)

        def y(value: float, scale: float = scale) -> float:
            return bottom + (top - bottom) * value / scale

        for tick in range(5):
            value = scale * tick / 4
            drawing.add(Line(left, y(value), right, y(value), strokeColor=GRID,
                             strokeWidth=0.4))
            drawing.add(_text(left - 4, y(value) - 2.5, f"{value:g}", 6.5, "end", MUTED))
        unit = points[0].unit if points else ""
        drawing.add(_text(left, top + 10, f"{marker} ({unit})" if unit else marker, 8,
                          colour=colour, bold=True))
        for row in individual:
            known = [(x(i), y(v)) for i, v in enumerate(row) if v is not None]
            if len(known) > 1:
                drawing.add(PolyLine([c for p in known for c in p], strokeColor=colors.Color(
                    0.55, 0.57, 0.6, alpha=0.35), strokeWidth=0.5))
        band_low, band_high, medians = [], [], []
        for position, point in enumerate(points):
            drawing.add(_text(x(position), bottom - 11, point.visit, 7, "middle"))
            drawing.add(_text(x(position), bottom - 20, f"n = {len(point.values)}", 6.5,
                              "middle", MUTED))
            quartiles = point.quartiles
            if quartiles is None:
                continue
            band_low.append((x(position), y(quartiles[0])))
            band_high.append((x(position), y(quartiles[2])))
            medians.append((x(position), y(quartiles[1]), quartiles[1]))
        if len(band_low) > 1:
            outline = band_low + band_high[::-1]
            drawing.add(Polygon([c for p in outline for c in p], fillColor=colors.Color(
                colour.red, colour.green, colour.blue, alpha=0.18), strokeColor=None))
        if len(medians) > 1:
            drawing.add(PolyLine([c for px, py, _ in medians for c in (px, py)],
                                 strokeColor=colour, strokeWidth=1.8))
        for px, py, value in medians:
            drawing.add(Circle(px, py, 2.6, fillColor=colour, strokeColor=colors.white,
                               strokeWidth=0.5))
            drawing.add(_text(px + 5, py + 3, f"{value:g}", 6.5, colour=colour, bold=True))
    return drawing


def flow_chart(data: FigureData, width: float) -> Drawing:
    """Boxes per visit with the patients who have data there, and how many have none."""
    steps = list(data.flow)
    box_w, box_h, gap = min(90.0, (width - 20) / max(1, len(steps)) - 18), 40.0, 18.0
    height = 110.0
    drawing = Drawing(width, height, initialFontName=REGULAR)
    total = box_w * len(steps) + gap * (len(steps) - 1)
    x0, y0 = (width - total) / 2, 50.0
    for index, (visit, count) in enumerate(steps):
        x = x0 + index * (box_w + gap)
        drawing.add(filled_rect(x, y0, box_w, box_h, colors.HexColor("#eef2f7"), VISIT_COLOUR,
                                0.8, radius=4))
        drawing.add(_text(x + box_w / 2, y0 + box_h - 14, visit, 8, "middle", bold=True))
        drawing.add(_text(x + box_w / 2, y0 + 9, f"n = {count}", 9, "middle"))
        missing = data.patients - count
        drawing.add(_text(x + box_w / 2, y0 - 14, f"no data: {missing}", 6.5, "middle",
                          MUTED))
        if index:
            drawing.add(Line(x - gap + 2, y0 + box_h / 2, x - 3, y0 + box_h / 2,
                             strokeColor=TEXT, strokeWidth=0.8))
            drawing.add(Polygon([x - 3, y0 + box_h / 2 + 3, x, y0 + box_h / 2, x - 3,
                                 y0 + box_h / 2 - 3], fillColor=TEXT, strokeColor=None))
    drawing.add(_text(width / 2, 10, f"{data.patients} patients enrolled", 7.5, "middle"))
    return drawing


def figures_story(data: FigureData) -> list[Flowable]:
    """Return the flowables of the figures, one per page with its title and caption."""
    title = ParagraphStyle("fig-title", fontName=BOLD, fontSize=12, leading=15,
                           textColor=colors.HexColor("#1d3557"), spaceAfter=4)
    caption = ParagraphStyle("fig-caption", fontName=REGULAR, fontSize=8, leading=10,
                             textColor=MUTED)
    visits = ", ".join(data.visits)
    figures = [
        ("Figure 1. Antibiotic courses and visits of every patient (swimmer plot)",
         swimmer_plot(data, CONTENT_WIDTH),
         f"One lane per patient (n = {data.patients}), sorted by length of follow-up; bars are "
         "antibiotic courses by route, circles the visits with data."),
        ("Figure 2. Imaging findings by visit", prevalence_chart(data, CONTENT_WIDTH),
         f"Share of patients with the finding present at {visits}; n/N = present / "
         "assessable (\"not assessable\" and not imaged are left out of N)."),
        ("Figure 3. Inflammation markers by visit", trajectory_chart(data, CONTENT_WIDTH),
         "Median (line, value printed) and interquartile range (band; quartiles as R's "
         "type 7) by visit; faint lines are the individual patients; n = patients measured."),
        ("Figure 4. Flow of patients through the visits", flow_chart(data, CONTENT_WIDTH),
         "n = patients with at least one form saved at the visit."),
    ]
    story: list[Flowable] = [PatientMark(f"All patients (n = {data.patients})",
                                         data.study_name, "Figures")]
    for index, (heading, drawing, text) in enumerate(figures):
        if index:
            story.append(PageBreak())
        story += [Paragraph(heading, title), drawing, Spacer(1, 6), Paragraph(text, caption)]
    return story


def write_figures(project: Project, user: CurrentUser, out: Path, force: bool = False,
                  invariant: bool = False, generated_at: dt.datetime | None = None) -> Path:
    """Write the study-wide figures PDF; return the file (needs REPORT and an analysis plan).

    A role without identified access gets the de-identified view (pseudonyms on the swimmer
    plot). ``out`` follows :func:`~vo_crf.reports.patient_reports.pdf_path` (a folder gets
    ``figures.pdf``).
    """
    user.require(Action.REPORT)
    register_fonts()
    plan = require_plan(project.study)
    out = Path(out)
    target = check_output(out / "figures.pdf" if out.is_dir() else pdf_path(out), project,
                          force)
    view = record_view(project, user)
    patients = [shown_patient(view, p) for p in load_patients(project)]
    data = figure_data(project.study, plan, patients)
    with atomic_output(target, project, force) as partial:
        render_stories([figures_story(data)], partial, report_context(project, user,
                                                                      generated_at),
                       f"{project.study.name} — figures", invariant)
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=target.name,
                    reason=f"figures PDF, {len(patients)} patients")
    return target
