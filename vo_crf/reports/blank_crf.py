"""Blank CRFs for paper backup: every form of the study with an empty box for each text, ☐ for
each choice, the valid range, format and unit, as REDCap's "Download PDF of instrument".

Every page has the patient box of a paper CRF in its header ("Patient: ____"); each form is
bookmarked and says at which events it is collected. Works for any study.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.output_files import atomic_output, check_output
from vo_crf.project import Project
from vo_crf.reports.casebook import esc, styles
from vo_crf.reports.fonts import REGULAR, register_fonts
from vo_crf.reports.patient_reports import pdf_path, report_context
from vo_crf.reports.pdf_pages import CONTENT_WIDTH, LINE, PatientMark, render_stories
from vo_crf.reports.printed_values import (
    label_markup,
    slider_anchors,
    slider_range,
    unit_of,
)
from vo_crf.reports.report_texts import ENGLISH, ReportTexts
from vo_crf.study.event_titles import event_title
from vo_crf.study.model import FieldDef, FieldType, FormDef, Study
from vo_crf.study.validations import display_pattern, spec

PATIENT_BLANK = "Patient: ________________"
"""The patient box of every page's header (in English; ``texts(PATIENT_BLANK)`` else)."""
LABEL_WIDTH = CONTENT_WIDTH * 0.42
ANSWER_WIDTH = CONTENT_WIDTH - LABEL_WIDTH


class AnswerBox(Flowable):
    """An empty box to write an answer in (``width`` × ``height`` points)."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803, ARG002 - reportlab's signature
        """Take the box's size."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the box."""
        self.canv.setStrokeColor(colors.HexColor("#7a828e"))
        self.canv.setLineWidth(0.6)
        self.canv.rect(0, 0, self.width, self.height)


def rule_text(fdef: FieldDef, texts: ReportTexts = ENGLISH) -> str:
    """Return the format, valid range and unit of a text field ('' when it has none)."""
    t = texts
    parts: list[str] = []
    if fdef.validation is not None:
        kind = spec(fdef.validation).kind
        pattern = display_pattern(fdef.validation)
        parts.append(t.pattern(pattern) if pattern else t(kind))
        if fdef.validation.value == "integer":
            parts[-1] = t("whole number")
        elif fdef.is_comma_decimal:  # written as it will be typed
            parts[-1] = t("number with a decimal comma, e.g. 38,5")
    low, high = fdef.min_value, fdef.max_value
    if low and high:
        parts.append(t("valid {low} to {high}", low=low, high=high))
    elif low:
        parts.append(t("at least {low}", low=low))
    elif high:
        parts.append(t("at most {high}", high=high))
    unit = unit_of(fdef)
    if unit:
        parts.append(t("unit: {unit}", unit=unit))
    return " · ".join(parts)


def slider_text(fdef: FieldDef, texts: ReportTexts = ENGLISH) -> str:
    """What to write for a slider on paper: the whole number of its range and what its left,
    middle and right labels stand for (REDCap's 0 to 100 unless the dictionary says), as the
    casebook and record PDFs print its value (``slider_anchors``)."""
    low, high = slider_range(fdef)
    return " · ".join([texts("whole number from {low} to {high}", low=low, high=high),
                       *slider_anchors(fdef)])


def _answer(fdef: FieldDef, style: dict[str, ParagraphStyle],
            t: ReportTexts) -> list[Flowable]:
    """The answer area of one field."""
    kind = fdef.field_type
    small = style["small"]
    if kind in (FieldType.RADIO, FieldType.DROPDOWN, FieldType.CHECKBOX):
        hint = t("tick all that apply") if kind is FieldType.CHECKBOX else t("tick one")
        ticks = "   ".join(f"☐ {esc(c.label)}" for c in fdef.choices)
        return [Paragraph(ticks, style["base"]), Paragraph(hint, small)]
    if kind is FieldType.YESNO:
        return [Paragraph("☐ Yes   ☐ No", style["base"])]
    if kind is FieldType.TRUEFALSE:
        return [Paragraph("☐ True   ☐ False", style["base"])]
    if kind is FieldType.CALC:
        return [Paragraph(esc(t("(calculated by the software: {calculation})",
                                calculation=fdef.calculation)), small)]
    if kind is FieldType.FILE:
        return [Paragraph(t("(file attached in the software)"), small)]
    if kind is FieldType.SLIDER:
        return [AnswerBox(min(ANSWER_WIDTH - 12, 110), 14),
                Paragraph(esc(slider_text(fdef, t)), small)]
    if kind is FieldType.NOTES:
        return [AnswerBox(ANSWER_WIDTH - 12, 42)]
    rule = rule_text(fdef, t)
    width = ANSWER_WIDTH - 12 if fdef.validation is None else min(ANSWER_WIDTH - 12, 110)
    parts: list[Flowable] = [AnswerBox(width, 14)]
    if rule:
        parts.append(Paragraph(esc(rule), small))
    return parts


def blank_form_story(study: Study, form: FormDef,
                     texts: ReportTexts = ENGLISH) -> list[Flowable]:
    """Return the flowables of one blank form (fixed texts in ``texts``' language)."""
    t = texts
    style = styles()
    events = [event_title(study, e) for e in study.events_of_form(form.name)]
    story: list[Flowable] = [
        PatientMark(t("Blank CRF — {patient}", patient=t(PATIENT_BLANK)), study.name,
                    form.label),
        Paragraph(esc(form.label), style["event"]),
        Paragraph(esc(t("Collected at: {events}", events=", ".join(events)))
                  if events and not study.classic else "", style["small"]),
        Paragraph(esc(t("Visit date: ____________    Entered by: ____________    "
                        "☐ Incomplete  ☐ Unverified  ☐ Complete")), style["small"]),
        Spacer(1, 4)]
    rows: list[list[object]] = []
    commands: list[Any] = []  # TableStyle commands
    for fdef in form.fields:
        if fdef.section_header:
            commands += [("SPAN", (0, len(rows)), (-1, len(rows))),
                         ("BACKGROUND", (0, len(rows)), (-1, len(rows)),
                          colors.HexColor("#eef2f7"))]
            rows.append([Paragraph(label_markup(study, fdef.section_header),
                                   style["section"]), ""])
        label = (label_markup(study, fdef.label) or fdef.name) + (" <font color='#b3261e'>*</font>"
                                                 if fdef.required else "")
        if fdef.field_type is FieldType.DESCRIPTIVE:
            commands.append(("SPAN", (0, len(rows)), (-1, len(rows))))
            rows.append([Paragraph(label, style["base"]), ""])
            continue
        left: list[Flowable] = [Paragraph(label, style["base"])]
        if fdef.note and not unit_of(fdef):
            left.append(Paragraph(label_markup(study, fdef.note), style["small"]))
        if fdef.branching_logic:
            left.append(Paragraph(esc(t("only if {logic}", logic=fdef.branching_logic)),
                                  style["small"]))
        rows.append([left, _answer(fdef, style, t)])
    if not rows:
        return [*story, Paragraph(t("This form has no field."), style["base"])]
    table = Table(rows, colWidths=[LABEL_WIDTH, ANSWER_WIDTH], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE), ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4), *commands]))
    legend: list[Flowable] = [Spacer(1, 2), Paragraph(
        t("<font color='#b3261e'>*</font> required"), style["small"])] \
        if any(fdef.required for fdef in form.fields) else []
    return [CondPageBreak(120), KeepTogether(story), table, *legend]


def write_blank_crfs(project: Project, user: CurrentUser, out: Path, force: bool = False,
                     invariant: bool = False, generated_at: dt.datetime | None = None,
                     language: str = "en") -> Path:
    """Write every form of the study as a blank CRF into one PDF; return the file.

    ``out`` follows :func:`~vo_crf.reports.patient_reports.pdf_path` (a folder gets
    ``blank_crfs.pdf``). Needs REPORT; no patient data is read. ``language``: that of the
    fixed texts (the forms' labels and choices are the study's).
    """
    user.require(Action.REPORT)
    register_fonts()
    out = Path(out)
    target = check_output(out / "blank_crfs.pdf" if out.is_dir() else pdf_path(out), project,
                          force)
    study = project.study
    context = report_context(project, user, generated_at, language)
    t = context.texts
    story: list[Flowable] = []
    for form in study.forms:
        story += blank_form_story(study, form, t)
    with atomic_output(target, project, force) as partial:
        render_stories([story], partial, context,
                       t("{study} — blank CRFs", study=study.name), invariant)
    return target
