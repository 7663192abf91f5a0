"""Translated display texts of core values (form statuses, cell states, visit states, roles),
and how every screen names an event and a form of the study (``event_label``, ``place_label``)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication

from ui.forms.dates import moment_text
from ui.i18n import interface_locale
from vo_crf.auth.permissions import Role
from vo_crf.dashboard import CellState, VisitState
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import Study

_DECIMAL_POINT = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")


def local_decimal(value: str) -> str:
    """A stored decimal (``37.5``) as the interface language writes it (``37,5`` in French),
    as the form shows it; anything else unchanged."""
    if _DECIMAL_POINT.match(value) and interface_locale().decimalPoint() == ",":
        return value.replace(".", ",")
    return value


def status_label(status: int) -> str:
    """Return the label of a form status (``FormStatus``, stored as 0/1/2)."""
    labels: dict[int, str] = {
        FormStatus.INCOMPLETE: QCoreApplication.translate("Labels", "Incomplete"),
        FormStatus.UNVERIFIED: QCoreApplication.translate("Labels", "Unverified"),
        FormStatus.COMPLETE: QCoreApplication.translate("Labels", "Complete")}
    return labels.get(status, str(status))


def state_label(state: CellState) -> str:
    """Return the label of a dashboard cell state."""
    return {
        CellState.EMPTY: QCoreApplication.translate("Labels", "No data"),
        CellState.INCOMPLETE: QCoreApplication.translate("Labels", "Incomplete"),
        CellState.UNVERIFIED: QCoreApplication.translate("Labels", "Unverified"),
        CellState.COMPLETE: QCoreApplication.translate("Labels", "Complete"),
        CellState.VERIFIED: QCoreApplication.translate("Labels", "Verified"),
        CellState.LOCKED: QCoreApplication.translate("Labels", "Locked"),
        CellState.SIGNED: QCoreApplication.translate("Labels", "Locked and e-signed"),
    }[state]


def signature_text(signed_by: str | None, signed_at: dt.datetime | None,
                   date_format: str = "iso") -> str:
    """Return "signed by NAME on DATE TIME" ('' when the form is not e-signed), the time in
    local time and the user's date format."""
    if not signed_by:
        return ""
    when = moment_text(signed_at, date_format) if signed_at else ""
    return QCoreApplication.translate("Labels", "signed by {0} on {1}").format(signed_by, when)


def visit_state_label(state: VisitState) -> str:
    """Return the label of a visit state."""
    return {
        VisitState.DONE: QCoreApplication.translate("Labels", "done"),
        VisitState.UPCOMING: QCoreApplication.translate("Labels", "upcoming"),
        VisitState.DUE: QCoreApplication.translate("Labels", "due now"),
        VisitState.OVERDUE: QCoreApplication.translate("Labels", "overdue"),
        VisitState.MISSED: QCoreApplication.translate("Labels", "missed"),
    }[state]


def role_label(role: Role | str) -> str:
    """Return the label of a role."""
    return {
        Role.ADMIN: QCoreApplication.translate("Labels", "Administrator"),
        Role.INVESTIGATOR: QCoreApplication.translate("Labels", "Investigator"),
        Role.NURSE: QCoreApplication.translate("Labels", "Research nurse"),
        Role.STATISTICIAN: QCoreApplication.translate("Labels", "Statistician"),
        Role.MONITOR: QCoreApplication.translate("Labels", "Monitor"),
    }[Role(role)]


def short_visit_label(label: str) -> str:
    """Return a visit label short enough for a column title ('End of follow-up' -> 'End').

    The same rule as the PDF chart's (``vo_crf.reports.pdf_chart``), kept here so that the
    dashboard does not import reportlab.
    """
    return label if len(label) <= 6 else label.split()[0]


def event_label(study: Study, event: str, short: bool = False) -> str:
    """How a screen names an event: its label (``short`` for a column title or a list), its
    unique name when the study does not know it, and nothing in a classic project, whose one
    implicit event ("Event 1") is named nowhere, as REDCap names it nowhere."""
    if study.classic:
        return ""
    if not study.has_event(event):
        return event
    label = study.event(event).label
    return short_visit_label(label) if short else label


def form_label(study: Study, form: str, instance: int = 1) -> str:
    """A form's label (its name when the study does not know it), ``#n`` for a repeating
    form's instance n > 1."""
    try:
        label = study.form(form).label
    except KeyError:
        label = form
    return f"{label} #{instance}" if instance > 1 else label


def place_label(study: Study, event: str, form: str, instance: int = 1,
                short: bool = False) -> str:
    """How a screen names a form at an event: "Biology — M3" ("Adverse event #2 — M3"), the
    form alone in a classic project (see ``event_label``)."""
    visit = event_label(study, event, short)
    named = form_label(study, form, instance)
    return f"{named} — {visit}" if visit else named


def file_size_text(size: int) -> str:
    """Return a file's size as the interface writes it: ``18 bytes``, ``3.0 kB``, ``2.5 MB``
    (French: ``18 octets``, ``3,0 ko``, ``2,5 Mo``; decimal units, as the core's)."""
    if size == 1:
        return QCoreApplication.translate("Attachments", "{0} byte").format(size)
    if size < 1000:
        return QCoreApplication.translate("Attachments", "{0} bytes").format(size)
    locale = interface_locale()
    if size < 1_000_000:
        return QCoreApplication.translate("Attachments", "{0} kB").format(
            locale.toString(size / 1000, "f", 1))
    return QCoreApplication.translate("Attachments", "{0} MB").format(
        locale.toString(size / 1_000_000, "f", 1))
