"""The casebook PDF of one record or of every record: what REDCap and OpenClinica print for
monitors and archives.

Per record: every event and, in it, every form of the protocol with its label, status (verified,
locked, e-signed: who and when) and each field's label, value as people read it (choice labels,
dates in the field's display order, missing-data codes by label) with its unit; forms not
entered are named as such. Optionally the record's audit trail (every change: when, who, what,
old → new, reason), verified first as the exports do: a casebook is never printed from a
tampered trail, and the printed trail names the chain head it was verified to. Works for any
study (nothing here knows VO). A role without identified access gets the de-identified view
(pseudonym, shifted dates, identifiers and free text hidden).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from vo_crf.analysis.dataset import FormData, PatientData
from vo_crf.audit.trail import AuditAction, TrailEntry, record_history, write_audit
from vo_crf.audit.verify_meanwhile import AuditCheck, audit_check
from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import (
    DeidentifiedView,
    IdentifiedView,
    record_view,
    shown_patient,
)
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.output_files import atomic_output, check_output
from vo_crf.project import Project
from vo_crf.reports.fonts import BOLD, REGULAR, register_fonts
from vo_crf.reports.patient_reports import load_named_patients, pdf_path, report_context
from vo_crf.reports.pdf_pages import CONTENT_WIDTH, LINE, PatientMark, render_stories
from vo_crf.reports.pdf_status import record_status_section, status_word
from vo_crf.reports.printed_values import label_markup, record_values, value_text
from vo_crf.reports.report_texts import ENGLISH, ReportTexts
from vo_crf.reports.review_marks import ReviewMark, load_review_marks
from vo_crf.reports.timeline_data import RecordNotFound
from vo_crf.study.event_titles import event_title
from vo_crf.study.model import Study
from vo_crf.study.piping import ValueOf

HEADER_BG = colors.HexColor("#eef2f7")
NAVY = colors.HexColor("#1d3557")


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the casebook and the blank CRFs."""
    base = ParagraphStyle("cb", fontName=REGULAR, fontSize=8, leading=10)
    return {
        "base": base,
        "bold": ParagraphStyle("cb-bold", base, fontName=BOLD),
        "small": ParagraphStyle("cb-small", base, fontSize=7, leading=8.5,
                                textColor=colors.HexColor("#555555")),
        "title": ParagraphStyle("cb-title", base, fontName=BOLD, fontSize=16, leading=20),
        "event": ParagraphStyle("cb-event", base, fontName=BOLD, fontSize=12, leading=15,
                                spaceBefore=8, spaceAfter=2, textColor=NAVY),
        "form": ParagraphStyle("cb-form", base, fontName=BOLD, fontSize=9.5, leading=12,
                               spaceBefore=5, spaceAfter=1, textColor=NAVY),
        "section": ParagraphStyle("cb-section", base, fontName=BOLD, fontSize=8,
                                  textColor=NAVY),
    }


def esc(text: str) -> str:
    """Escape text for a reportlab Paragraph."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _form_table(study: Study, form_name: str, data: FormData, show_identifiers: bool,
                style: dict[str, ParagraphStyle], record_id: str,
                value_of: ValueOf | None = None, t: ReportTexts = ENGLISH) -> Table:
    rows: list[list[Flowable | str]] = [[Paragraph(t("Field"), style["bold"]),
                                         Paragraph(t("Value"), style["bold"]), t("Variable")]]
    commands: list[Any] = []  # TableStyle commands
    for fdef in study.form(form_name).fields:
        if fdef.section_header:
            commands.append(("SPAN", (0, len(rows)), (-1, len(rows))))
            commands.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), HEADER_BG))
            rows.append([Paragraph(label_markup(study, fdef.section_header, value_of),
                                   style["section"]), "", ""])
        if not fdef.holds_data:
            continue
        stored = record_id if fdef.name == study.record_id_field \
            else data.values.get(fdef.name, "")
        if fdef.identifier and stored and not show_identifiers:
            shown = t("(identifier hidden)")
        else:
            shown = value_text(study, fdef, stored, t) or "—"
        rows.append([Paragraph(label_markup(study, fdef.label, value_of) or fdef.name,
                               style["base"]),
                     Paragraph(esc(shown), style["base"]), fdef.name])
    table = Table(rows, colWidths=[CONTENT_WIDTH * 0.46, CONTENT_WIDTH * 0.36,
                                   CONTENT_WIDTH * 0.18], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 7), ("TEXTCOLOR", (2, 0), (2, -1), colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG), ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), *commands]))
    return table


def _marks_line(mark: ReviewMark | None, status: str, t: ReportTexts) -> str:
    parts = [t("Status: {status}", status=status_word(t, status))]
    if mark is not None:
        parts += [text for text in (
            _mark_text(t, mark.verified_by, mark.verified_at, t("verified by {who} on {when}"),
                       t("verified by {who}")),
            _mark_text(t, mark.locked_by, mark.locked_at, t("locked by {who} on {when}"),
                       t("locked by {who}")),
            _mark_text(t, mark.signed_by, mark.signed_at, t("signed by {who} on {when}"),
                       t("signed by {who}"))) if text]
    return " · ".join(parts)


def _mark_text(t: ReportTexts, who: str, when: dt.datetime | None, dated: str,
               undated: str) -> str:
    """'verified by X on date time' (``dated``), or without its time (``undated``), or ''."""
    if not who:
        return ""
    return dated.format(who=who, when=t.moment(when)) if when else undated.format(who=who)


def casebook_story(study: Study, patient: PatientData, marks: Sequence[ReviewMark],
                   show_identifiers: bool, audit: Sequence[TrailEntry] | None = None,
                   word: str = "Record", verified_head: str = "",
                   texts: ReportTexts = ENGLISH) -> list[Flowable]:
    """Return the flowables of one record's casebook (audit trail when ``audit`` is given,
    stated verified up to ``verified_head`` when one is given; fixed texts in ``texts``'
    language). ``word`` names the record ("Record", translated)."""
    register_fonts()
    t = texts
    style = styles()
    by_key = {(m.event_name, m.form_name, m.instance): m for m in marks}
    name = t("Record {record}", record=patient.record_id) if word == "Record" \
        else f"{word} {patient.record_id}"
    story: list[Flowable] = [
        PatientMark(name, study.name, name),
        Paragraph(esc(t("Casebook — {name}", name=name)), style["title"]),
        Paragraph(esc(t("{study} — every event and form as entered", study=study.name)),
                  style["small"]),
        Spacer(1, 4)]
    story += record_status_section(marks, with_events=not study.classic, texts=t)
    arms = {study.event(key[0]).arm for key in patient.forms if study.has_event(key[0])}
    for event in study.events:
        if arms and event.arm not in arms:  # the visits of another arm than the record's
            continue
        if not study.classic:
            story.append(Paragraph(esc(event_title(study, event)), style["event"]))
        for form_name in event.forms:
            form = study.form(form_name)
            saved = patient.instances(event.unique_name, form_name)
            if not saved:
                story.append(Paragraph(t("{form} — <i>not entered</i>",
                                         form=esc(form.label)), style["small"]))
                continue
            repeating = study.is_repeating(event.unique_name, form_name)
            for instance, data in saved:
                mark = by_key.get((event.unique_name, form_name, instance))
                status = mark.status if mark else str(data.status)
                title = form.label + (f" #{instance}" if repeating else "")
                story.append(KeepTogether([
                    Paragraph(esc(title), style["form"]),
                    Paragraph(esc(_marks_line(mark, status, t)), style["small"]),
                    Spacer(1, 1.5),
                    _form_table(study, form_name, data, show_identifiers, style,
                                patient.record_id, record_values(
                                    study, patient, event.unique_name, data.values,
                                    show_identifiers), t)]))
    if audit is not None:
        story += audit_section(study, audit, style, verified_head, t)
    return story


def audit_section(study: Study, audit: Sequence[TrailEntry],
                  style: dict[str, ParagraphStyle], verified_head: str = "",
                  texts: ReportTexts = ENGLISH) -> list[Flowable]:
    """Return the audit trail of a record: one row per change, oldest first, under the
    statement that the trail was verified (when ``verified_head`` is given)."""
    t = texts
    heading: list[Flowable] = [Paragraph(t("Audit trail"), style["event"])]
    if verified_head:
        heading.append(Paragraph(esc(t(
            "The whole audit trail of the study database was verified intact before this "
            "casebook was printed: hash chain up to head {head} (vo-crf audit "
            "verify --extends HEAD checks that a later database still holds it).",
            head=verified_head)), style["small"]))
    if not audit:
        return [*heading, Paragraph(t("No change recorded."), style["base"])]
    events = {e.unique_name: event_title(study, e) for e in study.events}  # with its arm
    forms = {f.name: f.label for f in study.forms}
    rows: list[list[Flowable]] = [[Paragraph(h, style["bold"]) for h in
                                   (t("When"), t("Who"), t("Action"), t("Where"),
                                    t("Old → new"), t("Reason"))]]
    for entry in audit:
        where = " / ".join(part for part in (
            events.get(entry.event or "", entry.event or ""),
            forms.get(entry.form or "", entry.form or "")
            + (f" #{entry.instance}" if entry.instance and entry.instance > 1 else ""),
            entry.field or "") if part)
        change = ""
        if entry.old_value or entry.new_value:
            change = f"{entry.old_value or '∅'} → {entry.new_value or '∅'}"
        rows.append([Paragraph(esc(text), style["small"]) for text in (
            t.moment(entry.at), entry.username, action_words(t, entry.action),
            where, change,
            entry.reason or "")])
    widths = [20 * mm, 14 * mm, 20 * mm, 44 * mm, 36 * mm]
    table = Table(rows, colWidths=[*widths, CONTENT_WIDTH - sum(widths)], repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 7), ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return [*heading, table]


def action_words(t: ReportTexts, action: str) -> str:
    """An audit action ("save_form") as the report prints it ("save form", translated)."""
    return t(action.replace("_", " "))


def _require_intact(check: AuditCheck | None) -> None:
    """Wait for the trail's verification (a casebook with its audit trail); a break raises
    AuditTrailBroken before the file is moved into place."""
    if check is not None:
        check.require_intact()


def _audit_rows(project: Project, view: IdentifiedView | DeidentifiedView,
                real_id: str) -> list[TrailEntry]:
    """The record's audit entries (one per change, both row shapes) as the user may see them
    (copies for a de-identified user: pseudonym, shifted dates, hidden fields' values and
    free text removed)."""
    with read_session(project.engine) as session:
        rows = record_history(session, real_id)
    if not view.deidentified:
        return rows
    shown = []
    for row in rows:
        field = row.field if row.field and project.study.has_field(row.field) else None
        copy = dataclasses.replace(
            row, at=view.moment(row.at, real_id) or row.at, record_id=view.shown_id(real_id),
            old_value=view.value(field, row.old_value or "", real_id) if field
            else view.text(row.old_value or "", real_id),
            new_value=view.value(field, row.new_value or "", real_id) if field
            else view.text(row.new_value or "", real_id),
            reason=view.free_text(row.reason))
        shown.append(copy)
    return shown


def write_casebook(project: Project, user: CurrentUser, out: Path,
                   record_ids: list[str] | None = None, with_audit: bool = False,
                   show_identifiers: bool = False, force: bool = False,
                   invariant: bool = False, generated_at: dt.datetime | None = None,
                   language: str = "en") -> Path:
    """Write the casebook of ``record_ids`` (None: every record) into one PDF; return it.

    ``out`` follows :func:`~vo_crf.reports.patient_reports.pdf_path` (a folder gets
    ``casebook.pdf``; ``.pdf`` is added). The export is audited. ``with_audit``: the whole
    audit trail is verified as for an export (``vo_crf.audit.verify_meanwhile``); a break
    raises AuditTrailBroken and nothing is written. ``language`` (``en``/``fr``): the
    language of the fixed texts; the study's labels and the values are printed as they are.
    """
    user.require(Action.REPORT)
    view = record_view(project, user)
    identifiers = show_identifiers and not view.deidentified
    patients = load_named_patients(project, view, record_ids)
    out = Path(out)
    target = out / "casebook.pdf" if out.is_dir() else pdf_path(out)
    target = check_output(target, project, force)
    marks = load_review_marks(project, [p.record_id for p in patients],
                              with_times=not view.deidentified)
    checking = audit_check(project.engine, "casebook refused") if with_audit \
        else nullcontext(None)
    context = report_context(project, user, generated_at, language)
    t = context.texts
    with checking as check:  # the trail verified meanwhile (before, when short)
        stories = []
        for patient in patients:
            audit = _audit_rows(project, view, patient.record_id) if with_audit else None
            stories.append(casebook_story(project.study, shown_patient(view, patient),
                                          marks.get(patient.record_id, ()), identifiers, audit,
                                          verified_head=check.head if check else "",
                                          texts=t))
        if not stories:
            raise RecordNotFound("no record to print: the study has none yet")
        title = t("Casebook — {count} record(s)", count=len(stories)) if len(stories) > 1 \
            else t("Casebook — {name}", name=view.shown_id(patients[0].record_id))
        with atomic_output(target, project, force) as partial:
            render_stories(stories, partial, context, title, invariant)
            _require_intact(check)
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=target.name,
                    reason=f"casebook PDF, {len(stories)} record(s)"
                    + (", with audit trail" if with_audit else "")
                    + (", with identifiers" if identifiers else ""))
    return target
