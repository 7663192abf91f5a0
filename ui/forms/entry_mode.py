"""How the form editor opens, assesses and saves its form: ordinary entry or double entry.

The editor holds one entry mode and never asks which one it is: ``entry_mode_for`` chooses it
each time the form is read (a double-entered form becomes an ordinary one once adjudicated).
Both return what came of a save as a ``SaveOutcome``; the editor shows it (fields marked, the
banner, the refusal) the same way for both.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.core_messages import refusal_text
from ui.database_failure import DATABASE_ERRORS
from ui.forms.saving import SaveOutcome, save_interactively
from ui.session import AppSession
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.dde import OwnEntry
from vo_crf.dde.service import OPEN_STATUSES
from vo_crf.entry import EntryError, FormKey, FormState, SaveRefused, SaveResult
from vo_crf.entry.new_record import NewRecord, assess_new_form, open_new_form
from vo_crf.write.changes import ChangeKind, Changes


class EntryMode(Protocol):
    """What the editor needs from the way its form is entered."""

    key: FormKey

    @property
    def blocks_editing(self) -> bool:
        """True when the user may not enter this form at all in this mode."""

    def open(self) -> FormState:
        """The form as the user is to see it now."""

    def assess(self, values: dict[str, str], status: int) -> FormState:
        """Live feedback on the values shown (branching, calculations, messages)."""

    def save(self, parent: QWidget, shown: dict[str, str], changed: dict[str, str],
             status: int, stored: FormState, titles: dict[str, str]) -> SaveOutcome:
        """Save the values shown (``changed``: those differing from ``stored``)."""

    def record_created(self, key: FormKey) -> None:
        """The save created the patient, under ``key`` (its study number)."""


class OrdinaryEntry:
    """The stored form, saved through ``EntryService`` (a new patient's first form creates
    the patient)."""

    blocks_editing = False

    def __init__(self, session: AppSession, key: FormKey,
                 new_record: NewRecord | None = None) -> None:
        self.session = session
        self.key = key
        self.new_record = new_record

    def open(self) -> FormState:
        """The stored form (empty for a new patient)."""
        if self.new_record is not None:
            return open_new_form(self.session.entry, self.new_record, self.key)
        return self.session.entry.open_form(self.key)

    def assess(self, values: dict[str, str], status: int) -> FormState:
        """Live feedback from the core."""
        if self.new_record is not None:
            return assess_new_form(self.session.entry, self.new_record, self.key, values,
                                   status)
        return self.session.entry.assess(self.key, values, status)

    def save(self, parent: QWidget, shown: dict[str, str], changed: dict[str, str],
             status: int, stored: FormState, titles: dict[str, str]) -> SaveOutcome:
        """Save the changed values, asking for confirmations and reasons the core needs."""
        del shown  # an ordinary save sends the changes only
        if not changed and status == stored.status and stored.exists:
            return SaveOutcome(unchanged=True)
        return save_interactively(parent, self.session.entry, self.key, changed, status,
                                  stored.version, titles, self.new_record)

    def record_created(self, key: FormKey) -> None:
        """From now on an ordinary, stored form."""
        self.new_record = None
        self.key = key


class DoubleEntry:
    """The user's own entry of a form entered twice (never the other entry), saved through
    ``DoubleEntryService``."""

    def __init__(self, session: AppSession, key: FormKey, entry: OwnEntry) -> None:
        self.session = session
        self.key = key
        self.entry = entry

    @property
    def blocks_editing(self) -> bool:
        """True when the user cannot make an entry (a third user, or entries closed)."""
        return self.entry.entry_number is None

    def open(self) -> FormState:
        """The user's own entry, with branching and calculations applied."""
        state = self.session.entry.assess(self.key, self.entry.values, self.entry.status)
        state.status = self.entry.status
        return state

    def assess(self, values: dict[str, str], status: int) -> FormState:
        """Live feedback from the core (the same checks as ordinary entry)."""
        return self.session.entry.assess(self.key, values, status)

    def save(self, parent: QWidget, shown: dict[str, str], changed: dict[str, str],
             status: int, stored: FormState, titles: dict[str, str]) -> SaveOutcome:
        """Save all the values shown as the user's entry (it replaces their earlier one)."""
        del parent, changed, stored, titles  # an entry is saved whole, without questions
        try:
            entry = self.session.double_entry.save_entry(self.key, shown, status)
        except SaveRefused as refused:
            errors = [m for m in refused.messages if m.is_error] or list(refused.messages)
            return SaveOutcome(errors=errors, messages=refused.messages)
        except (EntryError, PermissionDenied) as exc:
            return SaveOutcome(problem=refusal_text(exc))
        except DATABASE_ERRORS as exc:
            return SaveOutcome(failure=exc)
        self.entry = entry
        key = self.key
        result = SaveResult(state=self.open(), changed=[], cleared_hidden=[], deviations=[],
                            warnings=list(entry.messages),
                            changes=Changes.of([ChangeKind.STATUS], key.record_id,
                                               (key.event, key.form, key.instance)))
        return SaveOutcome(result=result, note=QCoreApplication.translate(
            "DoubleEntryBar", "Your entry {0} of 2 is saved.").format(entry.entry_number))

    def record_created(self, key: FormKey) -> None:
        """Not reached: a new patient's forms are ordinary entry."""
        self.key = key


def entry_mode_for(session: AppSession, key: FormKey,
                   new_record: NewRecord | None = None) -> OrdinaryEntry | DoubleEntry:
    """The way ``key`` is entered now: double entry while the form is entered twice and not
    adjudicated, else ordinary entry."""
    service = session.double_entry
    if new_record is None and service.is_double_entered(key.form):
        entry = service.open_entry(key)
        if entry.instance_status in OPEN_STATUSES:
            return DoubleEntry(session, key, entry)
    return OrdinaryEntry(session, key, new_record)
