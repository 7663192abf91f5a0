"""The "Record status" section of every record PDF: per saved form, its status, who verified,
locked and e-signed it and when (the e-signature in its own column)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from vo_crf.reports.fonts import BOLD, REGULAR
from vo_crf.reports.pdf_pages import CONTENT_WIDTH, LINE
from vo_crf.reports.report_texts import ENGLISH, ReportTexts
from vo_crf.reports.review_marks import ReviewMark

HEADER_BG = colors.HexColor("#eef2f7")
STATUS_COLOURS = {"Complete": "#2f6b3a", "Unverified": "#8a6d00", "Incomplete": "#b3261e"}


def _headers(t: ReportTexts) -> list[str]:
    return [t("Event"), t("Form"), t("Status"), t("Verified by / at"), t("Locked by / at"),
            t("E-signed by / at")]


def status_word(t: ReportTexts, status: str) -> str:
    """A form's status (REDCap's English name, as the core keeps it) in the report's
    language."""
    return t(status) if status in STATUS_COLOURS else status


def _who(who: str, when: dt.datetime | None, t: ReportTexts) -> str:
    if not who:
        return "—"
    return who + (f"\n{t.moment(when)}" if when else "")


def _cut(text: str, width: float) -> str:
    """Return ``text`` shortened with '…' to fit ``width`` points (7.5 pt, cell padding)."""
    room = width - 8
    if stringWidth(text, REGULAR, 7.5) <= room:
        return text
    while text and stringWidth(text + "…", REGULAR, 7.5) > room:
        text = text[:-1]
    return text + "…"


def record_status_section(marks: Sequence[ReviewMark], title: str = "",
                          with_events: bool = True,
                          texts: ReportTexts = ENGLISH) -> list[Flowable]:
    """Return the heading and table of the record status (or a line saying nothing is saved).

    ``with_events`` false (a classic study: one implicit event) leaves the Event column out.
    ``title`` defaults to "Record status" in the language of ``texts``.
    """
    t = texts
    title = title or t("Record status")
    base = ParagraphStyle("status", fontName=REGULAR, fontSize=7.5, leading=9.5)
    bold = ParagraphStyle("status-bold", base, fontName=BOLD)
    heading = Paragraph(title, ParagraphStyle(
        "status-h2", base, fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=6,
        spaceAfter=2, textColor=colors.HexColor("#1d3557")))
    if not marks:
        return [heading, Paragraph(t("No form of this record has been saved yet."), base)]
    skip = 0 if with_events else 1  # the columns left out, at the left
    rows: list[list[Paragraph | str]] = [[Paragraph(h, bold) for h in _headers(t)[skip:]]]
    colours: list[Any] = []  # TableStyle commands
    for row, mark in enumerate(marks, start=1):
        form = mark.form + (f" #{mark.instance}" if mark.repeating or mark.instance > 1
                            else "")
        colour = colors.HexColor(STATUS_COLOURS.get(mark.status, "#222222"))
        colours.append(("TEXTCOLOR", (2 - skip, row), (2 - skip, row), colour))
        # plain strings (cut to their column) are much faster to lay out than paragraphs
        cells: list[Paragraph | str] = [
            _cut(mark.event, 32 * mm), _cut(form, 33 * mm), status_word(t, mark.status),
            _who(mark.verified_by, mark.verified_at, t),
            _who(mark.locked_by, mark.locked_at, t), _who(mark.signed_by, mark.signed_at, t)]
        rows.append(cells[skip:])
    widths = [33 * mm, 34 * mm, 20 * mm][skip:]  # the event with its arm fits
    rest = (CONTENT_WIDTH - sum(widths)) / 3
    table = Table(rows, colWidths=[*widths, rest, rest, rest], hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 7.5),
                               ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                               ("LEADING", (0, 1), (-1, -1), 9), *colours]))
    if len(rows) < 12:
        return [KeepTogether([heading, table])]
    return [CondPageBreak(40 * mm), heading, table]  # never a heading alone at a page's foot
