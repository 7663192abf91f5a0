"""Translated texts of query states and steps."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from vo_crf.queries import QueryStepRow


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
        text += f": {html.escape(step.text)}"
    if step.action == "answer" and step.new_value is not None:
        text += " " + QCoreApplication.translate("QueryLabels", "(value {0} → {1})").format(
            html.escape(step.old_value or "∅"), html.escape(step.new_value))
    elif step.action == "open" and step.new_value:
        text += " " + QCoreApplication.translate("QueryLabels", "(suggested: {0})").format(
            html.escape(step.new_value))
    return text
