"""Double data entry: two users enter a form independently; an adjudicator makes the final values.

A form is double-entered when the study's ``project.json`` lists it in
``double_data_entry_forms``. Until it is adjudicated, an instance of such a form has no clinical
values: each entrant's values live in ``dde_entries`` (entry 1 is whoever saves first, entry 2 a
different user). Each user only ever sees their own entry. Once both entries are Complete, a
user allowed to adjudicate (who made neither entry) compares them field by field and resolves
every difference; the final values are then saved through the entry service in the same
transaction, and the form becomes an ordinary form (later changes need a reason as usual).
The audit trail records each saved entry by the fields it changed (not their values, which
the other entrant could read there) and each resolved difference with both entries' values.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf import wording
from vo_crf.audit.trail import AuditAction, Change, Where, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import record_view
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import DoubleEntry, DoubleEntryAdjudication, FormInstance, Record, utcnow
from vo_crf.dde.compare import ComparedField, compare_entries, values_equal
from vo_crf.entry.assessment import assess_form
from vo_crf.entry.errors import DoubleEntryRefused, NotFoundError, SaveRefused, no_such_record
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.entry.plan import merge_values
from vo_crf.entry.record_values import load_record_values
from vo_crf.entry.service import EntryService, FormKey, SaveResult, check_form_key
from vo_crf.entry.study_index import study_index
from vo_crf.entry.values import normalize_input
from vo_crf.project import Project
from vo_crf.study.form_status import FormStatus
from vo_crf.wording import worded
from vo_crf.write.changes import Changes


def _place(key: FormKey) -> dict[str, object]:
    """The words naming a form instance in a refusal: "{form} at {event} of {record}"."""
    return {"form": key.form, "event": key.event, "record": key.record_id}


def _refused(template: str, /, **words: object) -> DoubleEntryRefused:
    """A double-entry refusal worded with ``template`` (``vo_crf.wording``)."""
    return worded(DoubleEntryRefused, template, **words)

class DoubleEntryStatus(StrEnum):
    """Where a double-entered form instance stands."""

    AWAITING_ENTRY_1 = "awaiting entry 1"
    """No entry yet, or entry 1 is not Complete."""
    AWAITING_ENTRY_2 = "awaiting entry 2"
    """Entry 1 is Complete; entry 2 is missing or not Complete."""
    READY = "ready to compare"
    """Both entries are Complete: an adjudicator can compare and resolve them."""
    ADJUDICATED = "adjudicated"
    """The final values are saved; the form is an ordinary form now."""
    ENTERED_DIRECTLY = "entered without double entry"
    """The form holds values saved the ordinary way (an import, or before double entry was
    switched on): it is an ordinary form."""


OPEN_STATUSES = (DoubleEntryStatus.AWAITING_ENTRY_1, DoubleEntryStatus.AWAITING_ENTRY_2,
                 DoubleEntryStatus.READY)
"""Statuses in which the form is still entered twice (not an ordinary form yet)."""


@dataclass
class OwnEntry:
    """The current user's entry of a double-entered form instance (never the other one's)."""

    key: FormKey
    entry_number: int | None
    """1 or 2: the entry the user makes (None: the user cannot enter this form, see refusal)."""
    values: dict[str, str]
    status: int
    """The entry's form status: 0 Incomplete, 1 Unverified, 2 Complete."""
    exists: bool
    instance_status: DoubleEntryStatus
    refusal: str = ""
    messages: list[Message] = field(default_factory=list)
    refused: DoubleEntryRefused | None = None
    """The refusal worded (``vo_crf.wording``), for an interface to say in its language."""


@dataclass
class Comparison:
    """The two entries of a form instance side by side."""

    key: FormKey
    status: DoubleEntryStatus
    user_1: str
    user_2: str
    rows: list[ComparedField]

    @property
    def discordant(self) -> list[ComparedField]:
        """The rows where the entries differ."""
        return [row for row in self.rows if row.discordant]


@dataclass
class AdjudicationResult:
    """What an adjudication saved."""

    save: SaveResult
    fields_compared: int
    fields_discordant: int
    changes: Changes = Changes()
    """What the adjudication changed (the final values, the status, the double-entry state)."""


@dataclass
class _Stored:
    """The double-entry rows of one instance, read in one go."""

    entries: dict[int, DoubleEntry]
    adjudication: DoubleEntryAdjudication | None
    entered_directly: bool

    @property
    def status(self) -> DoubleEntryStatus:
        if self.adjudication is not None:
            return DoubleEntryStatus.ADJUDICATED
        if self.entered_directly:
            return DoubleEntryStatus.ENTERED_DIRECTLY
        first, second = self.entries.get(1), self.entries.get(2)
        if first is None or first.status != FormStatus.COMPLETE:
            return DoubleEntryStatus.AWAITING_ENTRY_1
        if second is None or second.status != FormStatus.COMPLETE:
            return DoubleEntryStatus.AWAITING_ENTRY_2
        return DoubleEntryStatus.READY

    def number_of(self, username: str) -> int | None:
        return next((n for n, e in self.entries.items() if e.username == username), None)


def _entry_values(entry: DoubleEntry) -> dict[str, str]:
    loaded = json.loads(entry.values_json or "{}")
    return {str(k): str(v) for k, v in loaded.items()}


class DoubleEntryService:
    """Enter, compare and adjudicate double-entered forms for one logged-in user."""

    def __init__(self, project: Project, user: CurrentUser,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self.project = project
        self.study = project.study
        self.user = user
        self._today = today

    def is_double_entered(self, form: str) -> bool:
        """True when the study enters ``form`` twice."""
        return form in self.study.protocol.double_entry_forms

    # ----- reading -------------------------------------------------------------------------
    def status(self, key: FormKey) -> DoubleEntryStatus:
        """Return where a double-entered form instance stands."""
        self.user.require(Action.VIEW_DATA)
        self._check_key(key)
        with read_session(self.project.engine) as session:
            return self._load(session, self._record(session, key), key).status

    def open_entry(self, key: FormKey) -> OwnEntry:
        """Return the user's own entry (empty if not started); never the other user's values.

        A user without VIEW_IDENTIFIERS names the record by its pseudonym (the core's record
        view) and never has an entry of their own (they cannot enter data).
        """
        self.user.require(Action.VIEW_DATA)
        self._check_key(key)
        shown_key, key = key, self._real_key(key)
        with read_session(self.project.engine) as session:
            stored = self._load(session, self._record(session, key), key)
        number = stored.number_of(self.user.username)
        if number is not None:
            entry = stored.entries[number]
            return OwnEntry(shown_key, number, _entry_values(entry), entry.status, True,
                            stored.status)
        refused = self._refusal(stored, shown_key)
        free = None if refused else (1 if 1 not in stored.entries else 2)
        return OwnEntry(shown_key, free, {}, 0, False, stored.status,
                        str(refused) if refused else "", refused=refused)

    def _real_key(self, key: FormKey) -> FormKey:
        """The form named by real record id (a de-identified user names it by pseudonym)."""
        view = record_view(self.project, self.user)
        if not view.deidentified:
            return key
        real_id = view.real_id(key.record_id)
        if real_id is None:
            raise NotFoundError(f"no record {key.record_id!r}")
        return FormKey(real_id, key.event, key.form, key.instance)

    def comparison(self, key: FormKey) -> Comparison:
        """Compare the two entries field by field (needs ADJUDICATE; not for an entrant)."""
        self.user.require(Action.ADJUDICATE)
        self._check_key(key)
        with read_session(self.project.engine) as session:
            record = self._record(session, key)
            stored = self._load(session, record, key)
            return self._compare(session, record, key, stored)

    # ----- writing -------------------------------------------------------------------------
    def save_entry(self, key: FormKey, values: dict[str, str], status: int,
                   entry_number: int | None = None) -> OwnEntry:
        """Store the user's independent entry (all its values) in one audited transaction.

        The user's existing entry is replaced; a user without one makes entry 1 if there is
        none, else entry 2. ``entry_number`` states which entry the user means to make: asking
        for the other entry than one's own is refused (the same user can never make both).
        Values get the checks of ordinary entry: hard errors refuse the save naming the field
        and rule; warnings (out of range, outside the visit window) are returned in
        ``messages`` and confirmed by the adjudicator.
        """
        self.user.require(Action.EDIT_DATA)
        self._check_key(key)
        if status not in tuple(FormStatus):
            raise SaveRefused([Message("", Severity.ERROR, Rule.TYPE,
                                       f"form status {status} is not 0, 1 or 2")])
        with write_transaction(self.project.engine) as session:
            record = self._record(session, key)
            stored = self._load(session, record, key, for_update=True)
            number = self._entry_number_for(stored, key, entry_number)
            ikey = key.instance_key
            index = study_index(self.study)
            proposed, changed = merge_values(index, self.study.record_id_field, key.form, {},
                                             values)
            assessment = assess_form(self.study, load_record_values(session, record), ikey,
                                     proposed, status, changed, self._today())
            if assessment.errors:
                raise SaveRefused(assessment.messages)
            entry = stored.entries.get(number)
            if entry is None:
                entry = DoubleEntry(record_id=key.record_id, event=key.event, form=key.form,
                                    instance=key.instance, entry_number=number,
                                    username=self.user.username, created_at=utcnow(),
                                    values_json="{}")
                session.add(entry)
            before = _entry_values(entry)
            changed_fields = sorted(name for name in before.keys() | assessment.values.keys()
                                    if before.get(name, "") != assessment.values.get(name, ""))
            entry.values_json = json.dumps(assessment.values, sort_keys=True)
            entry.status = status
            entry.updated_at = utcnow()
            # the audit names the fields an entry changed, not their values: nurses may read
            # the audit trail, and seeing the other entry would defeat the independent check
            write_audit(session, self.user.username, AuditAction.DDE_ENTRY,
                        Where(key.record_id, key.event, key.form, key.instance),
                        new_value=f"entry {number} ({FormStatus(status).label}): "
                                  f"{', '.join(changed_fields) or 'no value changed'}")
            stored.entries[number] = entry
            instance_status = stored.status
        return OwnEntry(key, number, dict(assessment.values), status, True, instance_status,
                        messages=assessment.warnings)

    def adjudicate(self, key: FormKey, choices: dict[str, str], reason: str) -> AdjudicationResult:
        """Resolve the differences and save the final values, all in one transaction.

        ``choices`` gives the final value of every discordant field (usually entry 1's or entry
        2's value, or a corrected one); fields where the entries agree take the agreed value.
        Refused, naming the fields, when a discordant field has no choice; refused without a
        reason when there is any difference. The adjudicator needs ADJUDICATE and must have made
        neither entry -- admins included: the independence of the check is the point of double
        entry. Audit: the one form save row of the final values lists, after the value changes,
        a dde_resolve change per discordant field (old "entry 1: x | entry 2: y", new the final
        value, the reason) and one for the form.
        """
        self.user.require(Action.ADJUDICATE)
        self._check_key(key)
        reason = reason.strip()
        with write_transaction(self.project.engine) as session:
            record = self._record(session, key)
            stored = self._load(session, record, key, for_update=True)
            comparison = self._compare(session, record, key, stored)
            if comparison.status is not DoubleEntryStatus.READY:
                raise _refused(wording.DDE_NOT_READY, **_place(key),
                               status=comparison.status)
            final = self._final_values(key, comparison, choices, reason)
            note = (f"double data entry adjudicated: {reason}" if reason
                    else "double data entry: both entries agree")
            compared, discordant = len(comparison.rows), len(comparison.discordant)
            resolved: list[Change] = [
                (str(AuditAction.DDE_RESOLVE), row.field,
                 f"entry 1: {row.value_1} | entry 2: {row.value_2}",
                 final.get(row.field, ""), reason or None)
                for row in comparison.discordant]
            resolved.append((str(AuditAction.DDE_RESOLVE), None, None,
                             f"{compared} fields compared, {discordant} discordant "
                             f"(entry 1 by {comparison.user_1}, entry 2 by "
                             f"{comparison.user_2})", reason or None))
            save = EntryService(self.project, self.user, self._today).save_in_session(
                session, record, key, final, FormStatus.COMPLETE,
                confirmations={name: note for name in final}, expected_version=None,
                audited=resolved, audited_reason=note)
            session.add(DoubleEntryAdjudication(
                record_id=key.record_id, event=key.event, form=key.form, instance=key.instance,
                adjudicated_by=self.user.username, adjudicated_at=utcnow(),
                fields_compared=compared, fields_discordant=discordant))
        return AdjudicationResult(save, compared, discordant, save.changes)

    # ----- helpers -------------------------------------------------------------------------
    def _check_key(self, key: FormKey) -> None:
        if not self.is_double_entered(key.form):
            raise _refused(wording.DDE_NOT_DOUBLE, form=repr(key.form))
        check_form_key(self.study, key)

    @staticmethod
    def _record(session: Session, key: FormKey) -> Record:
        record = session.scalar(select(Record).where(Record.record_id == key.record_id))
        if record is None:
            raise NotFoundError(no_such_record(key.record_id))
        return record

    @staticmethod
    def _load(session: Session, record: Record, key: FormKey,
              for_update: bool = False) -> _Stored:
        statement = select(DoubleEntry).where(
            DoubleEntry.record_id == key.record_id, DoubleEntry.event == key.event,
            DoubleEntry.form == key.form, DoubleEntry.instance == key.instance)
        if for_update:
            statement = statement.with_for_update()
        entries = {e.entry_number: e for e in session.scalars(statement)}
        adjudication = session.scalar(select(DoubleEntryAdjudication).where(
            DoubleEntryAdjudication.record_id == key.record_id,
            DoubleEntryAdjudication.event == key.event, DoubleEntryAdjudication.form == key.form,
            DoubleEntryAdjudication.instance == key.instance))
        instance_id = session.scalar(select(FormInstance.id).where(
            FormInstance.record_pk == record.id, FormInstance.event == key.event,
            FormInstance.form == key.form, FormInstance.instance == key.instance))
        return _Stored(entries, adjudication, instance_id is not None)

    def _refusal(self, stored: _Stored, key: FormKey) -> DoubleEntryRefused | None:
        """Why the user (who has no entry) cannot make one; None when they can."""
        status = stored.status
        if status not in OPEN_STATUSES:
            return _refused(wording.DDE_ORDINARY_FORM, **_place(key), status=status)
        if len(stored.entries) >= 2:
            return _refused(wording.DDE_BOTH_MADE, **_place(key),
                            first=stored.entries[1].username, second=stored.entries[2].username)
        return None

    def _entry_number_for(self, stored: _Stored, key: FormKey, wanted: int | None) -> int:
        own = stored.number_of(self.user.username)
        refused = self._refusal(stored, key)
        if stored.status not in OPEN_STATUSES and refused is not None:
            raise refused
        if own is not None:
            if wanted not in (None, own):
                raise _refused(wording.DDE_SAME_USER, user=self.user.username, own=own,
                               **_place(key), wanted=wanted)
            return own
        if refused is not None:
            raise refused
        free = 1 if 1 not in stored.entries else 2
        if wanted not in (None, free):
            raise _refused(wording.DDE_NOT_FREE, wanted=wanted, **_place(key),
                           free=free)
        return free

    def _compare(self, session: Session, record: Record, key: FormKey,
                 stored: _Stored) -> Comparison:
        own = stored.number_of(self.user.username)
        if own is not None and stored.status in OPEN_STATUSES:
            raise _refused(wording.DDE_ENTRANT, user=self.user.username, own=own,
                           **_place(key))
        first, second = stored.entries.get(1), stored.entries.get(2)
        rows = compare_entries(self.study, load_record_values(session, record),
                               key.instance_key,
                               _entry_values(first) if first else {},
                               _entry_values(second) if second else {}, self._today())
        return Comparison(key, stored.status, first.username if first else "",
                          second.username if second else "", rows)

    def _final_values(self, key: FormKey, comparison: Comparison, choices: dict[str, str],
                      reason: str) -> dict[str, str]:
        rows = {row.field: row for row in comparison.rows}
        not_compared = sorted(set(choices) - set(rows))
        if not_compared:
            raise _refused(wording.DDE_NOT_COMPARED, fields=", ".join(not_compared),
                           **_place(key))
        agreed = sorted(name for name in choices if rows[name].equal
                        and not values_equal(self.study.field(name), choices[name],
                                             rows[name].value_1))
        if agreed:
            raise _refused(wording.DDE_AGREED, fields=", ".join(agreed))
        unresolved = [row.field for row in comparison.discordant if row.field not in choices]
        if unresolved:
            raise _refused(wording.DDE_UNRESOLVED_ONE if len(unresolved) == 1
                           else wording.DDE_UNRESOLVED, fields=", ".join(unresolved))
        if comparison.discordant and not reason:
            raise _refused(wording.DDE_REASON)
        final = {}
        for name, row in rows.items():
            value = choices[name] if row.discordant else row.value_1
            final[name] = normalize_input(self.study.field(name), value)
        return final
