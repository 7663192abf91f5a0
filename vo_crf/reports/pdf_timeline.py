"""Per-patient PDF timeline reports (reportlab platypus, A4), one patient per 1-2 pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from vo_crf.reports.fonts import BOLD, REGULAR, register_fonts
from vo_crf.reports.pdf_chart import timeline_drawing
from vo_crf.reports.pdf_pages import (  # noqa: F401 - re-exported for the reports' callers
    CONTENT_WIDTH,
    MARGIN,
    PatientMark,
    ReportContext,
    database_name,
    invariant_output,
    render_stories,
)
from vo_crf.reports.pdf_status import record_status_section
from vo_crf.reports.timeline_data import (
    ABSENT,
    NOT_ASSESSABLE,
    PRESENT,
    ClinicalRow,
    PatientTimeline,
)

HEADER_BG = colors.HexColor("#eef2f7")
LINE = colors.HexColor("#c5ccd6")
READING_STYLE = {
    PRESENT: ("●", "present", colors.HexColor("#b3261e"), colors.HexColor("#fbe3e1")),
    ABSENT: ("○", "absent", colors.HexColor("#2f6b3a"), colors.HexColor("#e5f3e7")),
    NOT_ASSESSABLE: ("⊘", "not assessable", colors.HexColor("#6b6b6b"),
                     colors.HexColor("#ececec")),
    "": ("–", "", colors.HexColor("#9a9a9a"), colors.white),
}


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
        PatientMark(f"Patient {head.record_id}", head.study_name, f"Patient {head.record_id}"),
        Paragraph(f"Patient {_esc(head.record_id)}", styles["title"]),
        Paragraph(f"{_esc(head.study_name)} — patient timeline", styles["subtitle"]),
        Spacer(1, 4), _facts(timeline, styles),
        Paragraph("Timeline: antibiotic courses, inflammation markers and visits", styles["h2"]),
        timeline_drawing(timeline, CONTENT_WIDTH),
    ]
    story += _not_drawn(timeline, styles)
    story += [KeepTogether(_biology(timeline, styles))]
    story += [CondPageBreak(70 * mm), KeepTogether(_imaging(timeline, styles))]
    story += [KeepTogether(_clinical(timeline, styles)), KeepTogether(_outcome(timeline,
                                                                               styles))]
    story += record_status_section(timeline.review)
    return story


def _not_drawn(timeline: PatientTimeline, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A note under the chart naming the values recorded as missing-data codes (not drawn)."""
    notes = [f"{series.short_label} at {visit}: {label}" for series in timeline.markers
             for visit, label in series.missing]
    if not notes:
        return []
    return [Paragraph("Not drawn (recorded as missing): " + _esc("; ".join(notes)) + ".",
                      styles["small"])]


def _visit_list(timeline: PatientTimeline) -> str:
    parts = []
    for visit in timeline.visits:
        when = visit.date.isoformat() if visit.date else "undated"
        day = f", day {visit.study_day}" if visit.study_day is not None else ""
        parts.append(f"{visit.label} {when}{day}")
    return "; ".join(parts) or "—"


def _biology(timeline: PatientTimeline, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    return _visit_table("Biology by visit", "No biology recorded.", timeline.biology_columns,
                        timeline.biology, styles)


def _visit_table(title: str, empty: str, columns: Sequence[str],
                 visits: Sequence[ClinicalRow],
                 styles: dict[str, ParagraphStyle],
                 extra_style: Sequence[tuple[Any, ...]] = ()) -> list[Flowable]:
    """A titled table with one row per visit: visit, study day, then ``columns``."""
    parts: list[Flowable] = [Paragraph(title, styles["h2"])]
    if not visits:
        return [*parts, Paragraph(empty, styles["base"])]
    header = ["Visit", "Day", *columns]
    rows: list[list[Any]] = [[Paragraph(_esc(h), styles["cellbold"]) for h in header]]
    for row in visits:
        day = "—" if row.study_day is None else str(row.study_day)
        rows.append([row.visit, day, *(c or "—" for c in row.cells)])
    rest = (CONTENT_WIDTH - 42 * mm) / max(1, len(columns))
    table = Table(rows, colWidths=[30 * mm, 12 * mm] + [rest] * len(columns),
                  hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle(_grid_style() + list(extra_style)))
    return [*parts, table]


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
             ("Comorbidities", ", ".join(head.comorbidities) or "—"),
             ("Visits", _visit_list(timeline))]
    pairs += list(head.identifiers)
    if len(pairs) % 2:
        pairs.append(("", ""))
    rows = [[Paragraph(_esc(a), styles["cellbold"]), Paragraph(_esc(b), styles["cell"]),
             Paragraph(_esc(c), styles["cellbold"]), Paragraph(_esc(d), styles["cell"])]
            for (a, b), (c, d) in zip(pairs[::2], pairs[1::2], strict=True)]
    table = Table(rows, colWidths=[30 * mm, 60 * mm, 30 * mm, CONTENT_WIDTH - 120 * mm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8),
                               ("BACKGROUND", (0, 0), (-1, -1), HEADER_BG),
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
    return _visit_table("Clinical examination by visit", "No clinical examination recorded.",
                        timeline.clinical_columns, timeline.clinical, styles,
                        [("ALIGN", (1, 1), (-1, -1), "CENTER")])


def _outcome(timeline: PatientTimeline, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    out = timeline.outcome
    sequelae = out.sequelae or "—"
    if out.sequelae_details:
        sequelae += f" ({', '.join(out.sequelae_details).lower()})"
    ivs = timeline.intravenous_days  # calendar days: overlapping courses counted once
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
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                               ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
    return [Paragraph("Outcome", styles["h2"]), table]


def render_timelines(timelines: Sequence[PatientTimeline], path: Path, context: ReportContext,
                     invariant: bool = False) -> Path:
    """Write the reports of ``timelines`` into one PDF (each patient starts a new page)."""
    register_fonts()
    title = (f"Patient {timelines[0].header.record_id}" if len(timelines) == 1
             else f"{len(timelines)} patients")
    return render_stories([patient_story(t) for t in timelines], path, context,
                          f"{title} — timeline", invariant)
