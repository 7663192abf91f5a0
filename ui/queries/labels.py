"""Translated texts of query states and steps."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from ui.labels import event_label, form_label
from vo_crf.auth.record_view import IDENTIFIED, RecordView
from vo_crf.project import Project
from vo_crf.queries import QueryStepRow, live_queries


def status_text(status: str) -> str:
    """Return the label of a query status (open, answered, closed)."""
    return {"open": QCoreApplication.translate("QueryLabels", "open"),
            "answered": QCoreApplication.translate("QueryLabels", "answered"),
            "closed": QCoreApplication.translate("QueryLabels", "closed")}.get(status, status)


def step_text(step: QueryStepRow) -> str:
    """Return one step of a query's thread as rich text: what was done, the text, the values."""
    verb = {"open": QCoreApplication.translate("QueryLabels", "raised"),
            "answer": QCoreApplication.translate("QueryLabels", "answered"),
            "close": QCoreApplication.translate("QueryLabels", "closed"),
            "reopen": QCoreApplication.translate("QueryLabels", "re-opened")}.get(
        step.action, step.action)
    text = f"<i>{verb}</i>"
    if step.text:
        text = QCoreApplication.translate("QueryLabels", "{0}: {1}").format(
            text, html.escape(step.text))
    if step.action == "answer" and step.new_value is not None:
        text += " " + QCoreApplication.translate("QueryLabels", "(value {0} → {1})").format(
            html.escape(step.old_value or "∅"), html.escape(step.new_value))
    elif step.action == "open" and step.new_value:
        text += " " + QCoreApplication.translate("QueryLabels", "(suggested: {0})").format(
            html.escape(step.new_value))
    return text


def patient_queries_tooltip(project: Project, record_id: str, limit: int = 10,
                            view: RecordView = IDENTIFIED) -> str:
    """Return the dashboard tooltip of a patient's queries not closed: one line per query
    (visit, form, field, status, text), read on demand for the hovered patient only.

    ``view`` is the dashboard's (a de-identified one: ``record_id`` is a pseudonym, no texts).
    """
    queries, total = live_queries(project, record_id, limit, view)
    if not total:
        return ""
    study = project.study
    lines = [QCoreApplication.translate("QueryLabels", "{0} query(ies) not closed:").format(
        total)]
    for query in queries:
        place = " · ".join(part for part in (event_label(study, query.event, short=True),
                                             form_label(study, query.form, query.instance))
                           if part)  # a classic project's visit is no part
        field = study.field(query.field).label if study.has_field(query.field) else query.field
        line = f"• {place} · {_clip(field, 40)} ({status_text(query.status)})"
        lines.append(QCoreApplication.translate("QueryLabels", "{0}: {1}").format(
            line, _clip(query.text, 90)) if query.text else line)
    if total > len(queries):
        lines.append(QCoreApplication.translate("QueryLabels", "… and {0} more").format(
            total - len(queries)))
    lines.append(QCoreApplication.translate("QueryLabels", "Patient › Queries… lists them"))
    return "\n".join(lines)


def _clip(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"
