"""What a user is shown of the records: the identified view, or the de-identified one.

A role without ``VIEW_IDENTIFIERS`` (the statistician) sees on every path (forms, dashboard,
queries, data quality, reports, history) what its exports hold: record ids replaced by the
HMAC pseudonyms of :mod:`vo_crf.exchange.deidentify`, every date of a patient shifted by the
patient's secret offset, identifier fields and free text (notes and text fields without
validation, as REDCap's de-identified right) removed. :func:`record_view` derives the view from
the user once; every read service applies it, and a de-identified user addresses records by
their pseudonyms (a real record id is "no such record" for them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Protocol

from sqlalchemy import select

from vo_crf.analysis.dataset import PatientData
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import Record
from vo_crf.exchange.deidentify import removed_when_deidentified
from vo_crf.project import Project
from vo_crf.study.model import FieldDef, Study

_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
DATE_REMOVED = "(date removed)"
PSEUDONYM_HINT = " (without identified access, records are named by their pseudonyms, P-…)"
"""Added to "no such record" messages given to a de-identified user."""


class RecordView(Protocol):
    """What every read service asks before showing a record to the user."""

    deidentified: bool

    def shown_id(self, record_id: str) -> str:
        """Return the id the user sees for the real record id ``record_id``."""

    def real_id(self, shown_id: str) -> str | None:
        """Return the real record id behind an id the user gave (None: no such record)."""

    def shows(self, field: str | FieldDef) -> bool:
        """True when the user may see the values of ``field``."""

    def value(self, field: str | FieldDef, value: str, record_id: str) -> str:
        """Return ``value`` of ``field`` of the real record ``record_id`` as shown."""

    def date(self, day: dt.date | None, record_id: str) -> dt.date | None:
        """Return a date of the real record ``record_id`` as shown."""

    def moment(self, when: dt.datetime | None, record_id: str) -> dt.datetime | None:
        """Return a time stamp about the real record ``record_id`` as shown."""

    def text(self, text: str, record_id: str, field: str | FieldDef | None = None) -> str:
        """Return a message the application wrote about a record (dates, ids) as shown."""

    def free_text(self, text: str | None) -> str | None:
        """Return text typed by a person (comment, answer, reason) as shown."""


class IdentifiedView:
    """The view of users allowed identified data: everything as stored."""

    deidentified = False

    def shown_id(self, record_id: str) -> str:
        """Return the record id unchanged."""
        return record_id

    def real_id(self, shown_id: str) -> str | None:
        """Return the record id unchanged."""
        return shown_id

    def shows(self, field: str | FieldDef) -> bool:  # noqa: ARG002 - the protocol's signature
        """Every field is shown."""
        return True

    def value(self, field: str | FieldDef, value: str, record_id: str) -> str:  # noqa: ARG002 - the protocol's signature
        """Return the value unchanged."""
        return value

    def date(self, day: dt.date | None, record_id: str) -> dt.date | None:  # noqa: ARG002 - the protocol's signature
        """Return the date unchanged."""
        return day

    def moment(self, when: dt.datetime | None, record_id: str) -> dt.datetime | None:  # noqa: ARG002 - the protocol's signature
        """Return the time stamp unchanged."""
        return when

    def text(self, text: str, record_id: str,  # noqa: ARG002 - the protocol's signature
             field: str | FieldDef | None = None) -> str:  # noqa: ARG002
        """Return the text unchanged."""
        return text

    def free_text(self, text: str | None) -> str | None:
        """Return the text unchanged."""
        return text


IDENTIFIED = IdentifiedView()
"""The view of every user allowed identified data (and of internal callers)."""


class DeidentifiedView:
    """The view of a role without identified access: the same as its de-identified exports."""

    deidentified = True

    def __init__(self, project: Project) -> None:
        from vo_crf.exchange.deidentify import DateMode, Deidentifier

        self.project = project
        self.study: Study = project.study
        self._transform = Deidentifier(project, DateMode.SHIFT)
        self._real: dict[str, str] | None = None

    def shown_id(self, record_id: str) -> str:
        """Return the record's pseudonym (as in the de-identified exports)."""
        return self._transform.record_id(record_id)

    def real_id(self, shown_id: str) -> str | None:
        """Return the real record id of a pseudonym; None for anything else (real ids too)."""
        if self._real is None or shown_id not in self._real:
            with read_session(self.project.engine) as session:
                ids = session.scalars(select(Record.record_id)).all()
            self._real = {self.shown_id(record_id): record_id for record_id in ids}
        return self._real.get(shown_id)

    def shows(self, field: str | FieldDef) -> bool:
        """False for what a de-identified export leaves out: identifier fields and free text.

        The one rule is :func:`vo_crf.exchange.deidentify.removed_when_deidentified`; the
        record id is shown, as a pseudonym.
        """
        fdef = self._field(field)
        if fdef is None or fdef.name == self.study.record_id_field:
            return True
        return not removed_when_deidentified(self.study, fdef)

    def value(self, field: str | FieldDef, value: str, record_id: str) -> str:
        """Return '' for hidden fields, the pseudonym for the record id, dates shifted."""
        fdef = self._field(field)
        if fdef is None or not value:
            return value
        if fdef.name == self.study.record_id_field:
            return self.shown_id(value)
        if not self.shows(fdef):
            return ""
        return self._transform.value(fdef, value, record_id)

    def date(self, day: dt.date | None, record_id: str) -> dt.date | None:
        """Return the date shifted by the patient's secret offset."""
        if day is None:
            return None
        return day + dt.timedelta(days=self._transform.date_offset(record_id))

    def moment(self, when: dt.datetime | None, record_id: str) -> dt.datetime | None:
        """Return the time stamp shifted by the patient's secret offset."""
        if when is None:
            return None
        return when + dt.timedelta(days=self._transform.date_offset(record_id))

    def text(self, text: str, record_id: str, field: str | FieldDef | None = None) -> str:
        """Return the message with the record id replaced by its pseudonym and dates shifted.

        Dates in a message about a hidden field are removed rather than shifted.
        """
        if not text:
            return text
        hidden = field is not None and not self.shows(field)

        def shifted(match: re.Match[str]) -> str:
            if hidden:
                return DATE_REMOVED
            try:
                day = dt.date.fromisoformat(match.group(1))
            except ValueError:
                return DATE_REMOVED
            shown = self.date(day, record_id)
            return shown.isoformat() if shown else DATE_REMOVED

        return _ISO_DATE.sub(shifted, text.replace(record_id, self.shown_id(record_id)))

    def free_text(self, text: str | None) -> str | None:
        """Return '' (free text may name the patient); None stays None."""
        return None if text is None else ""

    def _field(self, field: str | FieldDef) -> FieldDef | None:
        if isinstance(field, FieldDef):
            return field
        return self.study.field(field) if self.study.has_field(field) else None


def record_view(project: Project, user: CurrentUser) -> IdentifiedView | DeidentifiedView:
    """Return the view ``user`` gets: identified only with ``VIEW_IDENTIFIERS``."""
    if user.can(Action.VIEW_IDENTIFIERS):
        return IDENTIFIED
    return DeidentifiedView(project)


def shown_values(view: RecordView, values: dict[str, str], record_id: str) -> dict[str, str]:
    """Return a form's values as ``view`` shows them (hidden fields blank)."""
    return {name: view.value(name, value, record_id) for name, value in values.items()}


def shown_patient(view: RecordView, patient: PatientData) -> PatientData:
    """Return one patient's loaded data as ``view`` shows it (pseudonym, shifted dates)."""
    if not view.deidentified:
        return patient
    record_id = patient.record_id
    forms = {key: dataclasses.replace(data, values=shown_values(view, data.values, record_id))
             for key, data in patient.forms.items()}
    return PatientData(view.shown_id(record_id), forms)

