"""Per-patient PDF timeline reports (reportlab platypus, A4), one patient per 1-2 pages."""

from __future__ import annotations

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
from vo_crf.reports.report_texts import ENGLISH, ReportTexts
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
    PRESENT: ("●", colors.HexColor("#b3261e"), colors.HexColor("#fbe3e1")),
    ABSENT: ("○", colors.HexColor("#2f6b3a"), colors.HexColor("#e5f3e7")),
    NOT_ASSESSABLE: ("⊘", colors.HexColor("#6b6b6b"), colors.HexColor("#ececec")),
    "": ("–", colors.HexColor("#9a9a9a"), colors.white),
}
"""A reading's symbol, ink and fill (its word: ``reading_word``)."""


def reading_word(t: ReportTexts, reading: str) -> str:
    """The word printed for an imaging reading ('' when not recorded)."""
    return {PRESENT: t("present"), ABSENT: t("absent"),
            NOT_ASSESSABLE: t("not assessable")}.get(reading, "")


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


def patient_story(timeline: PatientTimeline, texts: ReportTexts = ENGLISH) -> list[Flowable]:
    """Return the flowables of one patient's report, its fixed texts in ``texts``' language."""
    t = texts
    styles = _styles()
    head = timeline.header
    name = t("Patient {record}", record=head.record_id)
    story: list[Flowable] = [
        PatientMark(name, head.study_name, name),
        Paragraph(_esc(name), styles["title"]),
        Paragraph(_esc(t("{study} — patient timeline", study=head.study_name)),
                  styles["subtitle"]),
        Spacer(1, 4), _facts(timeline, styles, t),
        Paragraph(t("Timeline: antibiotic courses, inflammation markers and visits"),
                  styles["h2"]),
        timeline_drawing(timeline, CONTENT_WIDTH, t),
    ]
    story += _not_drawn(timeline, styles, t)
    story += [KeepTogether(_biology(timeline, styles, t))]
    story += [CondPageBreak(70 * mm), KeepTogether(_imaging(timeline, styles, t))]
    story += [KeepTogether(_clinical(timeline, styles, t)),
              KeepTogether(_outcome(timeline, styles, t))]
    story += record_status_section(timeline.review, texts=t)
    return story


def _not_drawn(timeline: PatientTimeline, styles: dict[str, ParagraphStyle],
               t: ReportTexts) -> list[Flowable]:
    """A note under the chart naming the values recorded as missing-data codes (not drawn)."""
    notes = [t("{marker} at {visit}: {label}", marker=series.short_label, visit=visit,
               label=label) for series in timeline.markers for visit, label in series.missing]
    if not notes:
        return []
    return [Paragraph(_esc(t("Not drawn (recorded as missing): {notes}.",
                             notes="; ".join(notes))), styles["small"])]


def _visit_list(timeline: PatientTimeline, t: ReportTexts) -> str:
    parts = []
    for visit in timeline.visits:
        when = t.date(visit.date, t("undated"))
        day = t(", day {day}", day=visit.study_day) if visit.study_day is not None else ""
        parts.append(f"{visit.label} {when}{day}")
    return "; ".join(parts) or "—"


def _biology(timeline: PatientTimeline, styles: dict[str, ParagraphStyle],
             t: ReportTexts) -> list[Flowable]:
    return _visit_table(t("Biology by visit"), t("No biology recorded."),
                        timeline.biology_columns, timeline.biology, styles, t)


def _visit_table(title: str, empty: str, columns: Sequence[str],
                 visits: Sequence[ClinicalRow],
                 styles: dict[str, ParagraphStyle], t: ReportTexts,
                 extra_style: Sequence[tuple[Any, ...]] = ()) -> list[Flowable]:
    """A titled table with one row per visit: visit, study day, then ``columns``."""
    parts: list[Flowable] = [Paragraph(title, styles["h2"])]
    if not visits:
        return [*parts, Paragraph(empty, styles["base"])]
    header = [t("Visit"), t("Day"), *columns]
    rows: list[list[Any]] = [[Paragraph(_esc(h), styles["cellbold"]) for h in header]]
    for row in visits:
        day = "—" if row.study_day is None else str(row.study_day)
        rows.append([row.visit, day, *(t.decimal(c) if c else "—" for c in row.cells)])
    rest = (CONTENT_WIDTH - 42 * mm) / max(1, len(columns))
    table = Table(rows, colWidths=[30 * mm, 12 * mm] + [rest] * len(columns),
                  hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle(_grid_style() + list(extra_style)))
    return [*parts, table]


def _facts(timeline: PatientTimeline, styles: dict[str, ParagraphStyle],
           t: ReportTexts) -> Table:
    head = timeline.header
    levels = ", ".join(head.spinal_levels) or "—"
    if head.n_levels:
        levels += t(" ({count} levels)", count=head.n_levels)
    pairs = [(t("Site"), head.site or "—"),  # the study's labels, as it defines them
             (t("Age"), t("{age} years", age=head.age) if head.age else "—"),
             (t("Sex"), head.sex or "—"), (t("Organism"), head.organism or "—"),
             (t("Spinal segment"), levels), (t("Diagnosis"), t.date(head.diagnosis_date)),
             (t("Last follow-up"), t.date(head.last_followup_date)),
             (t("Comorbidities"), ", ".join(head.comorbidities) or "—"),
             (t("Visits"), _visit_list(timeline, t))]
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


def _imaging(timeline: PatientTimeline, styles: dict[str, ParagraphStyle],
             t: ReportTexts) -> list[Flowable]:
    grid = timeline.imaging
    parts: list[Flowable] = [Paragraph(t("Imaging findings"), styles["h2"])]
    if not grid.visits:
        return [*parts, Paragraph(t("No imaging recorded."), styles["base"])]
    header = [t("Finding"), *grid.visits]
    rows: list[list[Any]] = [header]
    modality = [t("Modality"), *(grid.modalities.get(v, "—") for v in grid.visits)]
    commands = _grid_style(2)
    rows.append(modality)
    for r, finding in enumerate(grid.findings, start=2):
        row: list[Any] = [finding]
        for c, visit in enumerate(grid.visits, start=1):
            reading = grid.cell(finding, visit)
            symbol, ink, fill = READING_STYLE[reading]
            word = _esc(reading_word(t, reading))
            row.append(Paragraph(f'<font color="{ink.hexval()}">{symbol}</font> {word}',
                                 styles["cell"]))
            commands.append(("BACKGROUND", (c, r), (c, r), fill))
        rows.append(row)
    visit_width = min(38 * mm, (CONTENT_WIDTH - 55 * mm) / len(grid.visits))
    table = Table(rows, colWidths=[55 * mm] + [visit_width] * len(grid.visits), hAlign="LEFT")
    commands += [("FONT", (0, 1), (-1, 1), REGULAR, 7.5),
                 ("TEXTCOLOR", (0, 1), (-1, 1), colors.HexColor("#555555"))]
    table.setStyle(TableStyle(commands))
    legend = t("Legend: ● present · ○ absent · ⊘ not assessable · – not recorded "
               "(e.g. vertebral oedema needs MRI).")
    parts += [table, Spacer(1, 2), Paragraph(_esc(legend), styles["small"])]
    for visit, text in timeline.imaging_comments:
        parts.append(Paragraph(t("<b>{visit}</b> radiologist: {text}", visit=_esc(visit),
                                 text=_esc(text)), styles["small"]))
    return parts


def _clinical(timeline: PatientTimeline, styles: dict[str, ParagraphStyle],
              t: ReportTexts) -> list[Flowable]:
    return _visit_table(t("Clinical examination by visit"),
                        t("No clinical examination recorded."),
                        timeline.clinical_columns, timeline.clinical, styles, t,
                        [("ALIGN", (1, 1), (-1, -1), "CENTER")])


def _outcome(timeline: PatientTimeline, styles: dict[str, ParagraphStyle],
             t: ReportTexts) -> list[Flowable]:
    out = timeline.outcome
    sequelae = out.sequelae or "—"
    if out.sequelae_details:
        sequelae += f" ({', '.join(out.sequelae_details).lower()})"
    ivs = timeline.intravenous_days  # calendar days: overlapping courses counted once
    days = t("{count} days", count=out.antibiotic_days) \
        if out.antibiotic_days is not None else "—"
    if timeline.courses:
        count = len(timeline.courses)
        days += t(" ({count} courses, {iv} days intravenous)" if count > 1
                  else " ({count} course, {iv} days intravenous)", count=count, iv=ivs)
    months = t("{count} months", count=t.number(out.followup_months)) \
        if out.followup_months is not None else "—"
    pairs = [(t("Infection cured"), out.cured or "—"), (t("Relapse"), out.relapse or "—"),
             (t("Sequelae"), sequelae), (t("Total antibiotic treatment"), days),
             (t("Follow-up since diagnosis"), months)]
    rows = [[Paragraph(_esc(a), styles["cellbold"]), Paragraph(_esc(b), styles["cell"])]
            for a, b in pairs]
    table = Table(rows, colWidths=[55 * mm, CONTENT_WIDTH - 55 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                               ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
    return [Paragraph(t("Outcome"), styles["h2"]), table]


def render_timelines(timelines: Sequence[PatientTimeline], path: Path, context: ReportContext,
                     invariant: bool = False) -> Path:
    """Write the reports of ``timelines`` into one PDF (each patient starts a new page)."""
    register_fonts()
    t = context.texts
    title = (t("Patient {record} — timeline", record=timelines[0].header.record_id)
             if len(timelines) == 1 else t("{count} patients — timeline",
                                           count=len(timelines)))
    return render_stories([patient_story(timeline, t) for timeline in timelines], path,
                          context, title, invariant)
