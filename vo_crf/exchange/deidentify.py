"""De-identification shared by every export: pseudonyms, identifiers, free text, date shifting.

One object answers the three questions an exporter asks: which record id to write
(:meth:`Deidentifier.record_id`), whether a field may be written at all (:meth:`keeps`) and what
to write for a value (:meth:`value`). :class:`KeepIdentifiers` has the same interface and
changes nothing, so exporters take either (see :func:`export_transform`).

As REDCap's de-identified export right does, a de-identified export leaves out identifier
fields and free text (notes fields and text fields without validation, :func:`is_free_text`),
where anything (a name, a phone number) may have been typed; ``keep_free_text`` keeps free text
for a user allowed to see identified data (:func:`export_transform` checks it).

Pseudonyms are ``P-`` plus 12 hex digits of HMAC-SHA256(secret, record id); the per-patient
date offset (31 to 365 days earlier or later, never 0, the same for every date of a patient so
intervals are preserved) comes from the same secret: 32 random bytes kept in the database
(:func:`project_secret`), so a copy, a restored backup or another workstation of the same
study gives the same pseudonyms.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from enum import StrEnum
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vo_crf.auth.permissions import Action, PermissionDenied, Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import FormInstance, ItemValue, ProjectSecret, Record
from vo_crf.project import Project
from vo_crf.study.model import FieldDef, FieldType, Study

MIN_SHIFT_DAYS = 31
"""The smallest date shift: no patient's shifted dates are within a month of the real ones."""
MAX_SHIFT_DAYS = 365


class DateMode(StrEnum):
    """How a de-identified export writes dates."""

    SHIFT = "shift"
    """Every date of a patient moved by the same secret offset (31..365 days, either way)."""
    DAYS = "days"
    """Every date replaced by the number of days since the patient's M0 (baseline) date."""


class ExportTransform(Protocol):
    """What an exporter asks before writing identifiers, fields and values."""

    @property
    def deidentified(self) -> bool:
        """True when identifiers are removed or replaced."""

    @property
    def dates_as_days(self) -> bool:
        """True when dates are written as days since M0 (integers)."""

    def record_id(self, record_id: str) -> str:
        """Return the record id to write."""

    def keeps(self, field: str | FieldDef) -> bool:
        """True when the field may be written."""

    def value(self, field: str | FieldDef, value: str, record_id: str) -> str:
        """Return the value to write for ``field`` of the (real) record ``record_id``."""

    def description(self) -> str:
        """Return one paragraph saying what was done to the data."""


PSEUDONYM_SECRET = "pseudonym_key"


class FreeTextRefused(PermissionDenied):
    """``keep_free_text`` asked by a user who may not see identified data."""

    def __init__(self, user: CurrentUser) -> None:
        super().__init__(user.username, user.role, Action.VIEW_IDENTIFIERS)
        self.args = (f"{user.username} ({user.role}) may not keep free text in a de-identified "
                     "export (--keep-free-text): free text may name or describe a patient, so "
                     "it needs the right to view identifiers",)

    def __str__(self) -> str:
        return str(self.args[0])


def is_free_text(study: Study, field: FieldDef) -> bool:
    """True for notes fields and text fields without validation (not the record id)."""
    if field.name == study.record_id_field:
        return False
    return field.field_type is FieldType.NOTES or (field.field_type is FieldType.TEXT
                                                   and field.validation is None)


def removed_when_deidentified(study: Study, field: FieldDef, keep_free_text: bool = False
                              ) -> bool:
    """True when a de-identified export leaves ``field`` out (identifier, free text, or an
    attached file: a scanned consent or a signature identifies whatever its name)."""
    return field.identifier or field.is_file or (not keep_free_text
                                                 and is_free_text(study, field))


def project_secret(project: Project) -> bytes:
    """Return the database's pseudonym secret, creating it on first use.

    The secret is stored in the database itself (table ``project_secrets``), so a copied or
    restored database, or every workstation of a PostgreSQL study, gives the same pseudonyms
    and date offsets.
    """
    with read_session(project.engine) as session:
        stored = session.get(ProjectSecret, PSEUDONYM_SECRET)
    if stored is None:
        try:
            with write_transaction(project.engine) as session:
                session.add(ProjectSecret(name=PSEUDONYM_SECRET, value=secrets.token_hex(32)))
        except IntegrityError:
            pass  # created meanwhile by another export: use that one
        with read_session(project.engine) as session:
            stored = session.get(ProjectSecret, PSEUDONYM_SECRET)
    assert stored is not None
    return bytes.fromhex(stored.value)


class KeepIdentifiers:
    """The identity transform of identified exports."""

    deidentified = False
    dates_as_days = False

    def record_id(self, record_id: str) -> str:
        """Return the record id unchanged."""
        return record_id

    def keeps(self, field: str | FieldDef) -> bool:  # noqa: ARG002 - the protocol's signature
        """Every field is written."""
        return True

    def value(self, field: str | FieldDef, value: str, record_id: str) -> str:  # noqa: ARG002 - the protocol's signature
        """Return the value unchanged."""
        return value

    def description(self) -> str:
        """Say that the export is identified."""
        return ("Identified export: contains identifier fields and real record ids; "
                "handle it as personal data.")


class Deidentifier:
    """Pseudonymise record ids, drop identifier fields and shift or replace dates."""

    deidentified = True

    def __init__(self, project: Project, mode: DateMode | str = DateMode.SHIFT,
                 secret: bytes | None = None, keep_free_text: bool = False) -> None:
        self.study: Study = project.study
        self.mode = DateMode(mode)
        self.keep_free_text = keep_free_text
        self._secret = secret if secret is not None else project_secret(project)
        self._baselines = _baseline_dates(project) if self.mode is DateMode.DAYS else {}
        self._pseudonyms: dict[str, str] = {}

    @property
    def dates_as_days(self) -> bool:
        """True when dates are written as days since M0 (integers)."""
        return self.mode is DateMode.DAYS

    def record_id(self, record_id: str) -> str:
        """Return the stable pseudonym of a record id (``P-`` and 12 hex digits)."""
        known = self._pseudonyms.get(record_id)
        if known is None:
            known = "P-" + self._digest("record", record_id)[:12].upper()
            self._pseudonyms[record_id] = known
        return known

    def keeps(self, field: str | FieldDef) -> bool:
        """False for identifier fields (``Identifier? = y``) and, unless kept, free text."""
        fdef = self._field(field)
        return fdef is None or not removed_when_deidentified(self.study, fdef,
                                                             self.keep_free_text)

    def value(self, field: str | FieldDef, value: str, record_id: str) -> str:
        """Return the value to write: dates shifted or turned into days since M0."""
        fdef = self._field(field)
        if fdef is None or not value or not fdef.is_date \
                or value in self.study.missing_code_values:
            return value
        day, rest = _split_date(value, fdef)
        if day is None:
            return value
        if self.mode is DateMode.DAYS:
            baseline = self._baselines.get(record_id)
            return "" if baseline is None else str((day - baseline).days)
        return (day + dt.timedelta(days=self.date_offset(record_id))).isoformat() + rest

    def date_offset(self, record_id: str) -> int:
        """Return the patient's secret date offset in days: ±(31..365), never within a month."""
        digest = self._digest("date-shift", record_id)
        days = MIN_SHIFT_DAYS + int(digest[:8], 16) % (MAX_SHIFT_DAYS - MIN_SHIFT_DAYS + 1)
        return days if int(digest[8:10], 16) % 2 else -days

    def description(self) -> str:
        """Say what was removed and how dates were changed."""
        dropped = ", ".join(f.name for f in self.study.fields if f.identifier) or "none"
        free = [f.name for f in self.study.fields if f.holds_data
                and is_free_text(self.study, f) and not f.identifier]
        free_text = (("free text kept (" if self.keep_free_text else "free text removed (notes "
                      "and text fields without validation: ") + ", ".join(free) + ")"
                     if free else "no free-text fields")
        baseline = self.study.protocol.baseline_date_field or "the baseline date"
        dates = (f"every date is replaced by the number of days since the patient's M0 date "
                 f"({baseline}; blank when that date is missing)"
                 if self.mode is DateMode.DAYS else
                 f"every date of a patient is shifted by the same secret offset of "
                 f"{MIN_SHIFT_DAYS} to {MAX_SHIFT_DAYS} days (earlier or later), so intervals "
                 f"within a patient are preserved but calendar dates are not real")
        return (f"De-identified export (date mode: {self.mode.value}): identifier fields removed "
                f"({dropped}); {free_text}; record ids replaced by stable pseudonyms "
                f"(HMAC-SHA256 with this database's secret key); {dates}.")

    def _field(self, field: str | FieldDef) -> FieldDef | None:
        if isinstance(field, FieldDef):
            return field
        return self.study.field(field) if self.study.has_field(field) else None

    def _digest(self, purpose: str, record_id: str) -> str:
        message = f"{purpose}:{record_id}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()


def export_transform(project: Project, deidentified: bool,
                     date_mode: DateMode | str = DateMode.SHIFT, keep_free_text: bool = False,
                     user: CurrentUser | None = None) -> KeepIdentifiers | Deidentifier:
    """Return the transform an export applies (identity unless ``deidentified``).

    ``keep_free_text`` (de-identified exports) keeps notes and unvalidated text fields; it is
    refused (:class:`FreeTextRefused`) unless ``user`` may view identifiers.
    """
    if keep_free_text and deidentified:
        check_keep_free_text(user)
    if not deidentified:
        return KeepIdentifiers()
    return Deidentifier(project, date_mode, keep_free_text=keep_free_text)


def check_keep_free_text(user: CurrentUser | None) -> None:
    """Raise FreeTextRefused unless ``user`` may keep free text in a de-identified export."""
    if user is None or not user.can(Action.VIEW_IDENTIFIERS):
        raise FreeTextRefused(user or CurrentUser("(nobody)", Role.STATISTICIAN))


def _split_date(value: str, fdef: FieldDef) -> tuple[dt.date | None, str]:
    """Split a date or datetime value into its date and the rest (' HH:MM')."""
    text = value[:10]
    rest = value[10:] if fdef.is_datetime else ""
    try:
        return dt.date.fromisoformat(text), rest
    except ValueError:
        return None, ""


def _baseline_dates(project: Project) -> dict[str, dt.date]:
    """Return every record's baseline (M0) date, read in one query."""
    name = project.study.protocol.baseline_date_field
    if not name:
        return {}
    found: dict[str, dt.date] = {}
    with read_session(project.engine) as session:
        rows = session.execute(
            select(Record.record_id, ItemValue.value)
            .join(FormInstance, FormInstance.record_pk == Record.id)
            .join(ItemValue, ItemValue.form_instance_id == FormInstance.id)
            .where(ItemValue.field == name, FormInstance.instance == 1))
        for record_id, value in rows:
            try:
                found.setdefault(record_id, dt.date.fromisoformat(value[:10]))
            except ValueError:
                continue
    return found
