"""The study-wide figures as one PDF: swimmer plot, imaging prevalence, marker trajectories and
the flow of patients through the visits (``vo-crf report --figures OUT.pdf``).

One landscape A4 page per figure, drawn with reportlab's graphics on the embedded DejaVu font;
each page names the study and says "page x of y". The numbers come from ``figures_data`` (the
paper's denominators), the layout is here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from vo_crf.analysis.stats import fmt
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.output_files import (
    atomic_output,
    check_output,
    refuse_protected,
    study_database,
)
from vo_crf.project import Project
from vo_crf.reports.chart_layout import Anchor, filled_rect
from vo_crf.reports.figures_data import StudyFigures, Trajectory, study_figures
from vo_crf.reports.fonts import BOLD, REGULAR, register_fonts
from vo_crf.reports.patient_reports import pdf_path
from vo_crf.reports.pdf_chart import GRID, IV_COLOUR, MUTED, ORAL_COLOUR, TEXT, nice_ceiling
from vo_crf.reports.report_texts import ENGLISH, ReportTexts, report_texts

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 36.0
PLOT_WIDTH, PLOT_HEIGHT = PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 60
VISIT_COLOURS = (colors.HexColor("#1f4e79"), colors.HexColor("#4f8fc0"),
                 colors.HexColor("#a9cce3"), colors.HexColor("#d6e6f2"))
MEDIAN_COLOUR = colors.HexColor("#b3261e")
FAINT = colors.HexColor("#c8ccd2")

Page = Callable[[StudyFigures, ReportTexts], tuple[str, Drawing, str]]


def write_figures(project: Project, user: CurrentUser, out: Path, force: bool = False,
                  language: str = "en") -> Path:
    """Write the study's figures PDF to ``out`` (``.pdf`` added); return the file written.

    ``language`` (``en``/``fr``): that of the titles, captions, legends and axes."""
    t = report_texts(language)
    refuse_protected(Path(out), study_database(project))  # before adding .pdf
    out = check_output(pdf_path(Path(out)), project, force)
    figures = study_figures(project, user)
    register_fonts()
    pages: Sequence[Page] = (swimmer_page, prevalence_page, trajectories_page, flow_page)
    with atomic_output(out, project, force) as partial:
        canvas = Canvas(str(partial), pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
                        initialFontName=REGULAR)  # type: ignore[arg-type]  # a font name
        # (no stray Helvetica: every font embedded; types-reportlab types it as a number)
        canvas.setTitle(t("{study} - study figures", study=figures.study_name))
        canvas.setAuthor(f"vo-crf ({user.username})")
        for number, page in enumerate(pages, start=1):
            title, drawing, caption = page(figures, t)
            _frame(canvas, figures, number, len(pages), title, caption, t)
            renderPDF.draw(drawing, canvas, MARGIN, MARGIN + 36)
            canvas.showPage()
        canvas.save()
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=out.name,
                    reason=f"study figures PDF, {len(figures.timelines)} patient(s)"
                    + (", de-identified" if figures.deidentified else ""))
    return out


def _frame(canvas: Canvas, figures: StudyFigures, number: int, pages: int, title: str,
           caption: str, t: ReportTexts = ENGLISH) -> None:
    """The page's study name, figure title, caption, and "page x of y"."""
    canvas.setFillColor(TEXT)
    canvas.setFont(BOLD, 13)
    canvas.drawString(MARGIN, PAGE_HEIGHT - MARGIN,
                      t("Figure {number}. {title}", number=number, title=title))
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN, figures.study_name)
    text = canvas.beginText(MARGIN, MARGIN + 22)
    text.setFont(REGULAR, 8)
    text.setFillColor(TEXT)
    text.textLine(caption)
    canvas.drawText(text)
    canvas.setFillColor(MUTED)
    view = t("de-identified (pseudonyms)") if figures.deidentified else t("identified")
    canvas.drawString(MARGIN, MARGIN, t("{count} patients · {view} · made {date} by vo-crf",
                                        count=len(figures.timelines), view=view,
                                        date=t.date(dt.date.today())))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN,
                           t("page {number} of {total}", number=number, total=pages))


def _text(x: float, y: float, text: str, size: float = 7, anchor: Anchor = "start",
          colour: colors.Color = TEXT, bold: bool = False) -> String:
    return String(x, y, text, fontName=BOLD if bold else REGULAR, fontSize=size,
                  fillColor=colour, textAnchor=anchor)


def _day_step(last: int) -> int:
    """A round tick step in days (multiples of 30: months) for an axis up to ``last``."""
    for step in (30, 60, 90, 180, 365, 730):
        if last / step <= 12:
            return step
    return 1460


# ----- Figure 1: swimmer plot ------------------------------------------------------------
def swimmer_page(figures: StudyFigures,
                 t: ReportTexts = ENGLISH) -> tuple[str, Drawing, str]:
    """Every patient's antibiotic courses and visits on one axis of days since diagnosis."""
    drawing = _drawing()
    timelines = sorted(figures.timelines, key=lambda t: (-t.last_day, t.header.record_id))
    last = max([t.last_day for t in timelines] + [30])
    left, top, bottom = 70.0, PLOT_HEIGHT - 24, 24.0
    lane = (top - bottom) / max(len(timelines), 1)
    x_of = _scale(0, last, left, PLOT_WIDTH - 10)
    _legend(drawing, PLOT_HEIGHT - 8, [("bar", IV_COLOUR, t("intravenous")),
                                       ("bar", ORAL_COLOUR, t("oral")),
                                       ("dot", TEXT, t("visit")),
                                       ("end", TEXT, t("last visit"))])
    step = _day_step(last)
    for day in range(0, last + 1, step):
        x = x_of(day)
        drawing.add(Line(x, bottom, x, top, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(_text(x, bottom - 10, str(day), 6.5, "middle", MUTED))
    drawing.add(_text((left + PLOT_WIDTH) / 2, 0, t("Days since {day_zero}",
                                                    day_zero=t("diagnosis")), 7.5, "middle"))
    label_size = min(7.0, max(3.5, lane * 0.8))
    for index, timeline in enumerate(timelines):
        y = top - (index + 1) * lane
        middle = y + lane / 2
        if lane >= 4:
            drawing.add(_text(left - 4, middle - label_size / 3, timeline.header.record_id,
                              label_size, "end"))
        for course in timeline.courses:
            if course.start_day is None or course.stop_day is None:
                continue
            colour = IV_COLOUR if course.intravenous else ORAL_COLOUR
            x0, x1 = x_of(course.start_day), x_of(course.stop_day)
            bar = filled_rect(x0, y + lane * 0.2, max(x1 - x0, 0.8), lane * 0.6, colour)
            bar.fillOpacity = 0.85
            drawing.add(bar)
        dated = [v for v in timeline.visits if v.study_day is not None]
        for visit in dated:
            drawing.add(Circle(x_of(visit.day), middle, max(min(lane * 0.22, 2.4), 0.8),
                               fillColor=TEXT, strokeColor=colors.white, strokeWidth=0.3))
        if dated:
            x = x_of(dated[-1].day)
            drawing.add(Line(x, y + lane * 0.1, x, y + lane * 0.9, strokeColor=TEXT,
                             strokeWidth=1))
    return (t("Antibiotic courses and visits of every patient (swimmer plot)"), drawing,
            t("One lane per patient, longest follow-up first; bars: antibiotic courses by "
              "route (overlapping courses overlap); dots: dated visits; the bar at the end: "
              "the last dated visit."))


# ----- Figure 2: imaging prevalence ------------------------------------------------------
def prevalence_page(figures: StudyFigures,
                    t: ReportTexts = ENGLISH) -> tuple[str, Drawing, str]:
    """The share of patients with each imaging finding at each visit, with n/N on each bar."""
    drawing = _drawing()
    findings = list(dict.fromkeys(p.finding for p in figures.prevalence))
    visits = list(dict.fromkeys(p.visit for p in figures.prevalence))
    left, bottom, top = 40.0, 40.0, PLOT_HEIGHT - 30
    y_of = _scale(0, 100, bottom, top)
    _legend(drawing, PLOT_HEIGHT - 8, [("bar", VISIT_COLOURS[i % len(VISIT_COLOURS)], v)
                                       for i, v in enumerate(visits)])
    for percent in range(0, 101, 20):
        y = y_of(percent)
        drawing.add(Line(left, y, PLOT_WIDTH, y, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(_text(left - 4, y - 2.5, f"{percent}%", 7, "end", MUTED))
    group = (PLOT_WIDTH - left) / max(len(findings), 1)
    bar = group * 0.8 / max(len(visits), 1)
    cells = {(p.finding, p.visit): p for p in figures.prevalence}
    for f_index, finding in enumerate(findings):
        x0 = left + f_index * group + group * 0.1
        for v_index, visit in enumerate(visits):
            cell = cells[(finding, visit)]
            x = x0 + v_index * bar
            share = cell.percent
            if share is not None:
                drawing.add(filled_rect(x + 1, bottom, bar - 2, y_of(share) - bottom,
                                        VISIT_COLOURS[v_index % len(VISIT_COLOURS)]))
            drawing.add(_text(x + bar / 2, y_of(share or 0) + 3, f"{cell.n}/{cell.total}",
                              6.5, "middle"))
        for line, words in enumerate(_wrap(finding, group)):
            drawing.add(_text(x0 + group * 0.4, bottom - 12 - 9 * line, words, 7.5, "middle"))
    return (t("Imaging findings by visit"), drawing,
            t("Bars: % of patients with the finding among those in whom it could be read "
              "(present or absent), as in Table 2; labels: n/N."))


# ----- Figure 3: marker trajectories -----------------------------------------------------
def trajectories_page(figures: StudyFigures,
                      t: ReportTexts = ENGLISH) -> tuple[str, Drawing, str]:
    """Each marker by visit: individual values faint, the median and IQR on top."""
    drawing = _drawing()
    count = max(len(figures.trajectories), 1)
    width = PLOT_WIDTH / count
    for index, trajectory in enumerate(figures.trajectories):
        _trajectory_panel(drawing, trajectory, index * width + 10, width - 20, t)
    _legend(drawing, PLOT_HEIGHT - 8, [("line", FAINT, t("one patient")),
                                       ("line", MEDIAN_COLOUR, t("median")),
                                       ("bar", MEDIAN_COLOUR, t("interquartile range"))])
    return (t("Biological markers by visit"), drawing,
            t("Grey: each patient's values; red: the median with its interquartile range "
              "(quartiles as R type 7, as Table 4); n: patients with a value at that visit."))


def _trajectory_panel(drawing: Drawing, trajectory: Trajectory, x0: float,
                      width: float, t: ReportTexts = ENGLISH) -> None:
    left, bottom, top = x0 + 36, 46.0, PLOT_HEIGHT - 40
    values = [v for row in trajectory.patients for v in row if v is not None]
    high = nice_ceiling(max(values, default=1.0))
    y_of = _scale(0, high, bottom, top)
    visits = trajectory.visits
    step = (x0 + width - left) / max(len(visits), 1)
    x_at = [left + step * (i + 0.5) for i in range(len(visits))]
    unit = f" ({trajectory.unit})" if trajectory.unit else ""
    drawing.add(_text(left, top + 12, trajectory.label + unit, 9, bold=True))
    for tick in range(5):
        value = high * tick / 4
        y = y_of(value)
        drawing.add(Line(left, y, x0 + width, y, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(_text(left - 4, y - 2.5, t.decimal(fmt(value, 0 if high >= 10 else 1)),
                          6.5, "end", MUTED))
    for row in trajectory.patients:
        points = [(x_at[i], y_of(v)) for i, v in enumerate(row) if v is not None]
        if len(points) > 1:
            drawing.add(PolyLine([c for p in points for c in p], strokeColor=FAINT,
                                 strokeWidth=0.5))
        for x, y in points:
            drawing.add(Circle(x, y, 0.9, fillColor=FAINT, strokeColor=None))
    medians = []
    for i, summary in enumerate(trajectory.summaries):
        x = x_at[i]
        drawing.add(_text(x, bottom - 12, visits[i], 7.5, "middle", bold=True))
        drawing.add(_text(x, bottom - 22, f"n = {summary.n}", 6.5, "middle", MUTED))
        if summary.median is None or summary.q1 is None or summary.q3 is None:
            continue
        box = filled_rect(x - 5, y_of(summary.q1), 10, y_of(summary.q3) - y_of(summary.q1),
                          MEDIAN_COLOUR, MEDIAN_COLOUR, 0.6)
        box.fillOpacity = 0.25
        drawing.add(box)
        medians.append((x, y_of(summary.median)))
        drawing.add(_text(x + 8, y_of(summary.median) + 2, f"{t.decimal(fmt(summary.median))} "
                          f"[{t.decimal(fmt(summary.q1))}–{t.decimal(fmt(summary.q3))}]", 6.5,
                          colour=MEDIAN_COLOUR))
    if len(medians) > 1:
        drawing.add(PolyLine([c for p in medians for c in p], strokeColor=MEDIAN_COLOUR,
                             strokeWidth=1.6))


# ----- Figure 4: flow of patients --------------------------------------------------------
def flow_page(figures: StudyFigures, t: ReportTexts = ENGLISH) -> tuple[str, Drawing, str]:
    """Boxes per visit with the patients seen, arrows with those not seen at the next one."""
    drawing = _drawing()
    steps = figures.flow
    gap = 40.0
    box_width = (PLOT_WIDTH - gap * (len(steps) - 1)) / max(len(steps), 1)
    middle = PLOT_HEIGHT / 2
    for index, step in enumerate(steps):
        x = index * (box_width + gap)
        drawing.add(filled_rect(x, middle - 30, box_width, 60, VISIT_COLOURS[3],
                                VISIT_COLOURS[0], 1, radius=6))
        for line, words in enumerate(_wrap(step.visit, box_width)):
            drawing.add(_text(x + box_width / 2, middle + 12 - 10 * line, words, 9, "middle",
                              bold=True))
        drawing.add(_text(x + box_width / 2, middle - 18, f"n = {step.done}", 11, "middle",
                          bold=True))
        if index:
            x_from, x_to = x - gap + 4, x - 4
            drawing.add(Line(x_from, middle, x_to - 6, middle, strokeColor=TEXT,
                             strokeWidth=1.2))
            drawing.add(Polygon([x_to, middle, x_to - 7, middle + 4, x_to - 7, middle - 4],
                                fillColor=TEXT, strokeColor=None))
            if step.not_done:
                drawing.add(_text(x - gap / 2, middle - 46,
                                  t("{count} not seen", count=step.not_done), 7.5, "middle",
                                  MUTED))
    return (t("Flow of patients through the visits"), drawing,
            t("n: patients with the visit dated; under each arrow, patients of the previous "
              "visit without this one (missed, not yet due, or follow-up ended)."))


# ----- helpers -----------------------------------------------------------------------
def _drawing() -> Drawing:
    """A figure's drawing, its default font the embedded one (no stray Helvetica)."""
    return Drawing(PLOT_WIDTH, PLOT_HEIGHT, initialFontName=REGULAR)


def _scale(low: float, high: float, start: float, end: float) -> Callable[[float], float]:
    span = (high - low) or 1.0
    return lambda value: start + (value - low) * (end - start) / span


def _legend(drawing: Drawing, y: float, items: list[tuple[str, colors.Color, str]]) -> None:
    x = 70.0
    for kind, colour, label in items:
        if kind == "bar":
            drawing.add(filled_rect(x, y - 1, 14, 6, colour))
        elif kind == "line":
            drawing.add(Line(x, y + 2, x + 14, y + 2, strokeColor=colour, strokeWidth=1.6))
        elif kind == "dot":
            drawing.add(Circle(x + 7, y + 2, 2.4, fillColor=colour, strokeColor=None))
        else:
            drawing.add(Line(x + 7, y - 2, x + 7, y + 6, strokeColor=colour, strokeWidth=1))
        drawing.add(_text(x + 18, y, label, 7.5))
        x += 30 + len(label) * 4.5


def _wrap(text: str, width: float, size: float = 7.5) -> list[str]:
    """Split a label into lines that fit ``width`` points (about 0.55 em per character)."""
    per_line = max(int(width / (size * 0.55)), 8)
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3] or [""]

