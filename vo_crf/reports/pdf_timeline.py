"""Per-patient PDF timeline reports (reportlab platypus, A4), one patient per 1-2 pages."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable
from sqlalchemy.engine import make_url

from vo_crf import __version__
from vo_crf.private_files import create_private
from vo_crf.reports.fonts import BOLD, REGULAR, register_fonts
from vo_crf.reports.pdf_chart import timeline_drawing
from vo_crf.reports.timeline_data import (
    ABSENT,
    NOT_ASSESSABLE,
    PRESENT,
    PatientTimeline,
)

MARGIN = 15 * mm
CONTENT_WIDTH = A4[0] - 2 * MARGIN
HEADER_BG = colors.HexColor("#eef2f7")
LINE = colors.HexColor("#c5ccd6")
READING_STYLE = {
    PRESENT: ("●", "present", colors.HexColor("#b3261e"), colors.HexColor("#fbe3e1")),
    ABSENT: ("○", "absent", colors.HexColor("#2f6b3a"), colors.HexColor("#e5f3e7")),
    NOT_ASSESSABLE: ("⊘", "not assessable", colors.HexColor("#6b6b6b"),
                     colors.HexColor("#ececec")),
    "": ("–", "", colors.HexColor("#9a9a9a"), colors.white),
}


@dataclass(frozen=True)
class ReportContext:
    """What the footer says: when, by whom, from which database and definition version."""

    generated_by: str
    database: str
    definition_version: int
    generated_at: dt.datetime

    @property
    def footer(self) -> str:
        """Return the left part of the footer."""
        return (f"Generated {self.generated_at:%Y-%m-%d %H:%M} by {self.generated_by} · "
                f"database {self.database} · definition v{self.definition_version} · "
                f"vo-crf {__version__}")


def database_name(url: str) -> str:
    """Return a short, password-free name of the database (the file name for SQLite)."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        return Path(parsed.database or "memory").name
    return parsed.render_as_string(hide_password=True)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=8.5, leading=11)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=17, leading=21),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=9, textColor=colors.HexColor(
            "#555555")),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=10.5, leading=14,
                             spaceBefore=6, spaceAfter=2, textColor=colors.HexColor("#1d3557")),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "cellbold": ParagraphStyle("cellbold", base, fontName=BOLD, fontSize=8, leading=10),
        "small": ParagraphStyle("small", base, fontSize=7, leading=9,
                                textColor=colors.HexColor("#555555")),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _grid_style(header_rows: int = 1) -> list[tuple[Any, ...]]:
    return [("FONT", (0, 0), (-1, -1), REGULAR, 8),
            ("FONT", (0, 0), (-1, header_rows - 1), BOLD, 8),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG),
            ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.6, LINE),
            ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, LINE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]


def patient_story(timeline: PatientTimeline) -> list[Flowable]:
    """Return the flowables of one patient's report."""
    styles = _styles()
    head = timeline.header
    story: list[Flowable] = [
        Paragraph(f"Patient {_esc(head.record_id)}", styles["title"]),
        Paragraph(f"{_esc(head.study_name)} — patient timeline", styles["subtitle"]),
        Spacer(1, 4), _facts(timeline, styles),
        Paragraph("Timeline: antibiotic courses, inflammation markers and visits", styles["h2"]),
        timeline_drawing(timeline, CONTENT_WIDTH),
    ]
    story += [CondPageBreak(70 * mm), KeepTogether(_imaging(timeline, styles))]
    story += [KeepTogether(_clinical(timeline, styles)), KeepTogether(_outcome(timeline,
                                                                               styles))]
    story += _review(timeline, styles)
    return story


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def _facts(timeline: PatientTimeline, styles: dict[str, ParagraphStyle]) -> Table:
    head = timeline.header
    levels = ", ".join(head.spinal_levels) or "—"
    if head.n_levels:
        levels += f" ({head.n_levels} levels)"
    pairs = [("Site", head.site or "—"), ("Age", f"{head.age} years" if head.age else "—"),
             ("Sex", head.sex or "—"), ("Organism", head.organism or "—"),
             ("Spinal segment", levels), ("Diagnosis", _date(head.diagnosis_date)),
             ("Last follow-up", _date(head.last_followup_date)),
             ("Visits", ", ".join(v.label for v in timeline.visits) or "—")]
    pairs += list(head.identifiers)
    if len(pairs) % 2:
        pairs.append(("", ""))
    rows = [[Paragraph(_esc(a), styles["cellbold"]), Paragraph(_esc(b), styles["cell"]),
             Paragraph(_esc(c), styles["cellbold"]), Paragraph(_esc(d), styles["cell"])]
            for (a, b), (c, d) in zip(pairs[::2], pairs[1::2], strict=True)]
    table = Table(rows, colWidths=[30 * mm, 60 * mm, 30 * mm, CONTENT_WIDTH - 120 * mm])
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), HEADER_BG),
                               ("BOX", (0, 0), (-1, -1), 0.5, LINE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
    return table


def _imaging(timeline: PatientTimeline, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    grid = timeline.imaging
    parts: list[Flowable] = [Paragraph("Imaging findings", styles["h2"])]
    if not grid.visits:
        return [*parts, Paragraph("No imaging recorded.", styles["base"])]
    header = ["Finding", *grid.visits]
    rows: list[list[Any]] = [header]
    modality = ["Modality", *(grid.modalities.get(v, "—") for v in grid.visits)]
    commands = _grid_style(2)
    rows.append(modality)
    for r, finding in enumerate(grid.findings, start=2):
        row: list[Any] = [finding]
        for c, visit in enumerate(grid.visits, start=1):
            symbol, word, ink, fill = READING_STYLE[grid.cell(finding, visit)]
            row.append(Paragraph(f'<font color="{ink.hexval()}">{symbol}</font> {word}',
                                 styles["cell"]))
            commands.append(("BACKGROUND", (c, r), (c, r), fill))
        rows.append(row)
    visit_width = min(38 * mm, (CONTENT_WIDTH - 55 * mm) / len(grid.visits))
    table = Table(rows, colWidths=[55 * mm] + [visit_width] * len(grid.visits), hAlign="LEFT")
    commands += [("FONT", (0, 1), (-1, 1), REGULAR, 7.5),
                 ("TEXTCOLOR", (0, 1), (-1, 1), colors.HexColor("#555555"))]
    table.setStyle(TableStyle(commands))
    legend = ("Legend: ● present · ○ absent · ⊘ not assessable · – not recorded "
              "(e.g. vertebral oedema needs MRI).")
    parts += [table, Spacer(1, 2), Paragraph(legend, styles["small"])]
    for visit, text in timeline.imaging_comments:
        parts.append(Paragraph(f"<b>{_esc(visit)}</b> radiologist: {_esc(text)}",
                               styles["small"]))
    return parts


def _clinical(timeline: PatientTimeline, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph("Clinical examination by visit", styles["h2"])]
    if not timeline.clinical:
        return [*parts, Paragraph("No clinical examination recorded.", styles["base"])]
    header = ["Visit", "Day", *timeline.clinical_columns]
    rows: list[list[Any]] = [[Paragraph(_esc(h), styles["cellbold"]) for h in header]]
    for row in timeline.clinical:
        day = "—" if row.study_day is None else str(row.study_day)
        rows.append([row.visit, day, *(c or "—" for c in row.cells)])
    rest = (CONTENT_WIDTH - 42 * mm) / max(1, len(timeline.clinical_columns))
    table = Table(rows, colWidths=[30 * mm, 12 * mm] + [rest] * len(timeline.clinical_columns),
                  hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle(_grid_style() + [("ALIGN", (1, 1), (-1, -1), "CENTER")]))
    return [*parts, table]


def _review(timeline: PatientTimeline, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Forms verified, locked and e-signed: the e-signature in its own column."""
    heading = Paragraph("Review: verification, locks and e-signatures", styles["h2"])
    if not timeline.review:
        return [heading, Paragraph("No form verified, locked or e-signed.", styles["base"])]
    header = ["Visit", "Form", "Verified", "Locked", "E-signature"]
    rows: list[list[Any]] = [[Paragraph(_esc(h), styles["cellbold"]) for h in header]]
    for mark in timeline.review:
        form = mark.form + (f" #{mark.instance}" if mark.instance > 1 else "")
        rows.append([Paragraph(_esc(text or "—"), styles["cell"]) for text in
                     (mark.event, form, mark.verified, mark.locked, mark.signed)])
    widths = [28 * mm, 34 * mm]
    rest = (CONTENT_WIDTH - sum(widths)) / 3
    table = Table(rows, colWidths=[*widths, rest, rest, rest], hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle(_grid_style()))
    if len(rows) < 12:
        return [KeepTogether([heading, table])]
    return [CondPageBreak(40 * mm), heading, table]  # never a heading alone at a page's foot


def _outcome(timeline: PatientTimeline, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    out = timeline.outcome
    sequelae = out.sequelae or "—"
    if out.sequelae_details:
        sequelae += f" ({', '.join(out.sequelae_details).lower()})"
    ivs = sum((c.stop_day or 0) - (c.start_day or 0) for c in timeline.courses if c.intravenous)
    days = f"{out.antibiotic_days} days" if out.antibiotic_days is not None else "—"
    if timeline.courses:
        days += f" ({len(timeline.courses)} course{'s' if len(timeline.courses) > 1 else ''}, "\
                f"{ivs} days intravenous)"
    months = f"{out.followup_months:g} months" if out.followup_months is not None else "—"
    pairs = [("Infection cured", out.cured or "—"), ("Relapse", out.relapse or "—"),
             ("Sequelae", sequelae), ("Total antibiotic treatment", days),
             ("Follow-up since diagnosis", months)]
    rows = [[Paragraph(_esc(a), styles["cellbold"]), Paragraph(_esc(b), styles["cell"])]
            for a, b in pairs]
    table = Table(rows, colWidths=[55 * mm, CONTENT_WIDTH - 55 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                               ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
    return [Paragraph("Outcome", styles["h2"]), table]


class _FooterCanvas(Canvas):
    """Draws 'page x of y' and the provenance line once the page count is known."""

    footer_text = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # not in the stubs

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(REGULAR, 7)
            self.setFillColor(colors.HexColor("#666666"))
            self.setStrokeColor(LINE)
            self.line(MARGIN, 11 * mm, A4[0] - MARGIN, 11 * mm)
            self.drawString(MARGIN, 7.5 * mm, self.footer_text)
            self.drawRightString(A4[0] - MARGIN, 7.5 * mm,
                                 f"page {self.getPageNumber()} of {total}")
            super().showPage()
        super().save()


@contextlib.contextmanager
def invariant_output(enabled: bool) -> Iterator[None]:
    """Make reportlab's output byte-identical from run to run (fixed ids and dates)."""
    previous = rl_config.invariant
    rl_config.invariant = 1 if enabled else previous
    try:
        yield
    finally:
        rl_config.invariant = previous


def render_timelines(timelines: Sequence[PatientTimeline], path: Path, context: ReportContext,
                     invariant: bool = False) -> Path:
    """Write the reports of ``timelines`` into one PDF (each patient starts a new page)."""
    register_fonts()
    title = (f"Patient {timelines[0].header.record_id}" if len(timelines) == 1
             else f"{len(timelines)} patients")
    return render_stories([patient_story(t) for t in timelines], path, context,
                          f"{title} — timeline", invariant)


def render_stories(stories: Sequence[list[Flowable]], path: Path, context: ReportContext,
                   title: str, invariant: bool = False) -> Path:
    """Write one PDF of several patients' stories (each starts a new page), with the footer."""
    register_fonts()
    story: list[Flowable] = []
    for index, part in enumerate(stories):
        if index:
            story.append(PageBreak())
        story += part
    class FooterCanvas(_FooterCanvas):
        footer_text = context.footer

    create_private(path)  # identified data: readable by its owner only (0600)
    with invariant_output(invariant):
        document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN,
                                     rightMargin=MARGIN, topMargin=12 * mm,
                                     bottomMargin=14 * mm, title=title,
                                     author=context.generated_by, creator="vo-crf")
        document.build(story, canvasmaker=FooterCanvas)
    return Path(path)
