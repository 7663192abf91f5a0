"""The record PDF of a study without an analysis plan: every event and form, labels and values.

One table per saved form instance (event, form, instance, status), one row per field holding
data: its label, its variable name and its value as shown to people (choice labels, dates in
the field's own display order, missing-data codes by their label). Identifier fields are
shown only when asked for and allowed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from vo_crf.analysis.dataset import PatientData
from vo_crf.reports.fonts import BOLD, REGULAR, register_fonts
from vo_crf.reports.pdf_pages import PatientMark
from vo_crf.reports.pdf_status import record_status_section, status_word
from vo_crf.reports.pdf_timeline import CONTENT_WIDTH, HEADER_BG, LINE
from vo_crf.reports.printed_values import label_markup, record_values, value_text
from vo_crf.reports.report_texts import ENGLISH, ReportTexts
from vo_crf.reports.review_marks import ReviewMark
from vo_crf.study.form_status import status_label
from vo_crf.study.model import Study

SECTION_BG = colors.HexColor("#f3f5f8")
"""The background of a section header row."""


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def listing_story(study: Study, patient: PatientData, show_identifiers: bool,
                  review: Sequence[ReviewMark] = (),
                  texts: ReportTexts = ENGLISH) -> list[Flowable]:
    """Return the flowables of one record's listing, in event then form order (fixed texts
    in ``texts``' language)."""
    from reportlab.lib.styles import ParagraphStyle

    t = texts

    register_fonts()
    base = ParagraphStyle("listing", fontName=REGULAR, fontSize=8, leading=10)
    title = ParagraphStyle("listing-title", base, fontName=BOLD, fontSize=16, leading=20)
    bold = ParagraphStyle("listing-bold", base, fontName=BOLD)
    heading = ParagraphStyle("listing-h2", base, fontName=BOLD, fontSize=10, leading=13,
                             spaceBefore=6, spaceAfter=2, textColor=colors.HexColor("#1d3557"))
    name = t("Record {record}", record=patient.record_id)
    story: list[Flowable] = [
        PatientMark(name, study.name, name), Paragraph(_esc(name), title),
        Paragraph(_esc(t("{study} — every event and form", study=study.name)), base),
        Spacer(1, 4)]
    saved = 0
    for event in study.events:
        for form_name in event.forms:
            form = study.form(form_name)
            for instance, data in patient.instances(event.unique_name, form_name):
                saved += 1
                where = "" if study.classic else f"{event.label} ({event.unique_name}) — "
                repeat = f" #{instance}" if study.is_repeating(event.unique_name,
                                                                form_name) else ""
                status = status_word(t, status_label(data.status))
                rows: list[list[Flowable | str]] = [[t("Field"), t("Variable"), t("Value")]]
                sections: list[tuple[Any, ...]] = []  # TableStyle commands
                value_of = record_values(study, patient, event.unique_name, data.values,
                                         show_identifiers)
                for fdef in form.fields:
                    if fdef.section_header:
                        at = len(rows)
                        sections += [("SPAN", (0, at), (-1, at)),
                                     ("BACKGROUND", (0, at), (-1, at), SECTION_BG)]
                        rows.append([Paragraph(label_markup(study, fdef.section_header,
                                                            value_of), bold), "", ""])
                    if not fdef.holds_data:
                        continue
                    value = patient.record_id if fdef.name == study.record_id_field \
                        else data.values.get(fdef.name, "")
                    if fdef.identifier and not show_identifiers and value:
                        shown = t("(identifier hidden)")
                    else:
                        shown = value_text(study, fdef, value, t)
                    rows.append([Paragraph(label_markup(study, fdef.label, value_of)
                                           or fdef.name, base), fdef.name,
                                 Paragraph(_esc(shown), base)])
                table = Table(rows, colWidths=[CONTENT_WIDTH * 0.45, CONTENT_WIDTH * 0.2,
                                               CONTENT_WIDTH * 0.35], repeatRows=1)
                table.setStyle(TableStyle([
                    ("FONT", (0, 0), (-1, -1), REGULAR, 8), ("FONT", (0, 0), (-1, 0), BOLD, 8),
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *sections]))
                story.append(KeepTogether([
                    Paragraph(_esc(f"{where}{form.label}{repeat} — {status}"), heading),
                    table]))
    if not saved:
        story.append(Paragraph(t("No form of this record has been saved yet."), base))
    else:
        story += record_status_section(review, with_events=not study.classic, texts=t)
    return story
