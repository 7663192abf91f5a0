"""The data-entry service: the only way the GUI, the CLI and imports change clinical data."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vo_crf.audit.trail import Change, TrailEntry, field_history
from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import record_view, shown_values
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import FormInstance, Record
from vo_crf.entry.assessment import Assessment, assess_form, resolve_form
from vo_crf.entry.calc_plan import plan_calcs
from vo_crf.entry.errors import (
    DoubleEntryRefused,
    FormLockedError,
    NotFoundError,
    SaveRefused,
    no_such_record,
)
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.entry.plan import (
    ANY_VERSION,
    InstanceMeta,
    apply_form_plan,
    entered_values,
    merge_values,
    plan_form_save,
)
from vo_crf.entry.record_state import load_instance_meta, load_states, load_versions
from vo_crf.entry.record_values import RecordValues, load_record_values
from vo_crf.entry.study_index import study_index
from vo_crf.keys import FormKey
from vo_crf.project import Project
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import Study
from vo_crf.write.buffered import RecordRef
from vo_crf.write.changes import Changes
from vo_crf.write.writer import Writer


@dataclass
class FormState:
    """A form instance as the user sees it: values, visible fields, calculations, marks."""

    key: FormKey
    values: dict[str, str]
    visible: frozenset[str]
    calc_values: dict[str, str]
    status: int = FormStatus.INCOMPLETE
    version: int | None = None
    verified_by: str | None = None
    verified_at: dt.datetime | None = None
    locked_by: str | None = None
    locked_at: dt.datetime | None = None
    messages: list[Message] = field(default_factory=list)
    signed_by: str | None = None
    signed_at: dt.datetime | None = None

    @property
    def exists(self) -> bool:
        """True when the form instance has been saved before."""
        return self.version is not None

    @property
    def locked(self) -> bool:
        """True when the form is locked (read-only)."""
        return self.locked_by is not None

    def value(self, name: str) -> str:
        """Return a field's value (entered or calculated), '' when blank."""
        return self.values.get(name) or self.calc_values.get(name, "")


@dataclass
class SaveResult:
    """What a save did."""

    state: FormState
    changed: list[str]
    cleared_hidden: list[str]
    deviations: list[str]
    warnings: list[Message]
    changes: Changes = Changes()
    """What the save wrote (the form, its fields, recalculated fields elsewhere)."""


def check_form_key(study: Study, key: FormKey) -> None:
    """Raise NotFoundError unless the event, the form at that event and the instance exist."""
    if not study.has_event(key.event):
        raise NotFoundError(f"unknown event {key.event!r}")
    if key.form not in study.event(key.event).forms:
        raise NotFoundError(f"form {key.form!r} is not collected at event {key.event!r}")
    if key.instance < 1 or (key.instance > 1 and not study.is_repeating(key.event, key.form)):
        raise NotFoundError(f"instance {key.instance} of {key.form!r}: the form does not "
                            f"repeat at {key.event!r}")


class EntryService:
    """Open, assess and save form instances for one logged-in user."""

    def __init__(self, project: Project, user: CurrentUser,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self.project = project
        self.study: Study = project.study
        self.user = user
        self._today = today
        self.view = record_view(project, user)
        """What this user is shown: a role without VIEW_IDENTIFIERS gets the de-identified
        view (pseudonyms, shifted dates, identifiers and free text blank) on every read."""

    # ----- reading -------------------------------------------------------------------------
    def open_form(self, key: FormKey) -> FormState:
        """Return the stored state of a form instance (empty if never saved)."""
        self.user.require(Action.VIEW_DATA)
        self._check_key(key)
        with read_session(self.project.engine) as session:
            record = self._record(session, key.record_id)
            values = load_record_values(session, record)
            instance = self._instance(session, record, key)
        stored = values.forms.get(key.instance_key, {})
        entered = self._entered_values(key.form, stored)
        resolved = resolve_form(self.study, values, key.instance_key,
                                entered, self._today())
        return self._shown(self._state(key, instance, resolved))

    def assess(self, key: FormKey, values: dict[str, str], status: int) -> FormState:
        """Check proposed values without saving (live feedback for the form editor)."""
        self.user.require(Action.VIEW_DATA)
        self._check_key(key)
        with read_session(self.project.engine) as session:
            record = self._record(session, key.record_id)
            stored_values = load_record_values(session, record)
            instance = self._instance(session, record, key)
        stored = stored_values.forms.get(key.instance_key, {})
        proposed, changed = self._merge(key.form, stored, values)
        assessment = assess_form(self.study, stored_values, key.instance_key,
                                 proposed, status, changed, self._today())
        state = self._state(key, instance, assessment)
        state.messages = assessment.messages
        return self._shown(state)

    def field_history(self, key: FormKey, field_name: str) -> list[TrailEntry]:
        """Return the audit trail of one field (who, when, old, new, reason), oldest first."""
        self.user.require(Action.VIEW_AUDIT)
        with read_session(self.project.engine) as session:
            record_id = self._record(session, key.record_id).record_id
            entries = field_history(session, record_id, key.event, key.form, key.instance,
                                    field_name)
        if not self.view.deidentified:
            return entries
        return [self._shown_audit(entry) for entry in entries]

    def instances(self, record_id: str, event: str, form: str) -> list[FormState]:
        """Return every saved instance of a (repeating) form, by instance number."""
        self.user.require(Action.VIEW_DATA)
        with read_session(self.project.engine) as session:
            record = self._record(session, record_id)
            numbers = session.scalars(
                select(FormInstance.instance)
                .where(FormInstance.record_pk == record.id, FormInstance.event == event,
                       FormInstance.form == form).order_by(FormInstance.instance)).all()
        return [self.open_form(FormKey(record_id, event, form, n)) for n in numbers]

    def next_instance(self, record_id: str, event: str, form: str) -> int:
        """Return the number a new instance of a repeating form gets."""
        with read_session(self.project.engine) as session:
            record = self._record(session, record_id)
            highest = session.scalar(
                select(func.max(FormInstance.instance))
                .where(FormInstance.record_pk == record.id, FormInstance.event == event,
                       FormInstance.form == form))
        return (highest or 0) + 1

    # ----- writing -------------------------------------------------------------------------
    def save_form(self, key: FormKey, values: dict[str, str], status: int, *,
                  reason: str | None = None, confirmations: dict[str, str] | None = None,
                  expected_version: int | None = ANY_VERSION) -> SaveResult:
        """Validate and save a form instance in one transaction, with its audit rows.

        ``values`` may hold only the fields that changed ('' blanks a field). Out-of-range and
        out-of-window values need a reason in ``confirmations`` (keyed by field); changing a
        Complete or Verified form needs ``reason``. ``expected_version`` (from open_form) makes
        the save fail with ConcurrentEditError if someone else saved in between (None: the form
        must not exist yet; ANY_VERSION, the default: no check).
        """
        self.user.require(Action.EDIT_DATA)
        self._refuse_deidentified_write()
        self._check_key(key)
        confirmations = {k: v.strip() for k, v in (confirmations or {}).items() if v.strip()}
        if status not in tuple(FormStatus):
            raise SaveRefused([Message("", Severity.ERROR, Rule.TYPE,
                                       f"form status {status} is not 0, 1 or 2")])
        with write_transaction(self.project.engine) as session:
            record = self._record(session, key.record_id)
            if key.form in self.study.protocol.double_entry_forms and \
                    self._instance(session, record, key) is None:
                raise DoubleEntryRefused(
                    f"{key.form} at {key.event} of {key.record_id} is entered twice (double "
                    "data entry): save your entry as one of the two entries; the form is "
                    "written once an adjudicator has compared them")
            return self.save_in_session(session, record, key, values, status, reason=reason,
                                        confirmations=confirmations,
                                        expected_version=expected_version)

    def save_in_session(self, session: Session, record: Record, key: FormKey,
                        values: dict[str, str], status: int, *, reason: str | None = None,
                        confirmations: dict[str, str] | None = None,
                        expected_version: int | None = ANY_VERSION,
                        enforce_required: bool = True,
                        audited: Sequence[Change] = (),
                        audited_reason: str | None = None) -> SaveResult:
        """Save inside the caller's transaction (imports, record creation); see save_form.

        ``audited`` lists more changes of the form in the save's audit row (an adjudication's),
        ``audited_reason`` the row's reason when the save has none.

        The record is read once; the save is planned in memory (``vo_crf.entry.plan``), the
        record's calculations are re-planned (``vo_crf.entry.calc_plan``) and both are written
        through SQLAlchemy Core (``vo_crf.write.buffered``).
        """
        confirmations = confirmations or {}
        today = self._today()
        session.flush()
        from vo_crf.attachments.checks import refuse_missing_files  # noqa: PLC0415 (a cycle)
        refuse_missing_files(session, self.study, values)
        connection = session.connection()
        ikey = key.instance_key
        # PostgreSQL: lock the row so a concurrent writer waits and then sees the new version
        # (ConcurrentEditError) instead of overwriting; SQLite ignores it (BEGIN IMMEDIATE).
        meta = load_instance_meta(connection, record.id, ikey, for_update=True)
        state = load_states(connection, {record.id: record.record_id})[record.id]
        plan = plan_form_save(self.study, state.values, ikey, meta, values, status,
                              reason=reason, confirmations=confirmations, today=today,
                              expected_version=expected_version,
                              enforce_required=enforce_required)
        # sync hooks: the writer versions every entered value and the status (<form>_complete)
        writer = Writer(session, self.user.username,
                        load_versions(connection, [record.record_id], ikey),
                        definition_version=self.project.definition_version)
        state.instances[ikey] = writer.write_form(RecordRef(record.record_id, record.id), plan)
        writer.list_changes(record.record_id, ikey, audited, audited_reason)
        apply_form_plan(self.study, state.values, plan)
        writer.write_calcs(record.record_id, state.instances,
                           plan_calcs(self.study, state.values, today))
        writer.flush()
        resolved = resolve_form(self.study, state.values, ikey,
                                self._entered_values(key.form, state.values.forms[ikey]), today)
        assessment = plan.assessment
        return SaveResult(state=self._state(key, state.instances[ikey], resolved),
                          changed=sorted(plan.data_changed),
                          cleared_hidden=sorted(assessment.cleared_hidden),
                          deviations=[d.message for d in plan.deviations],
                          warnings=[m for m in assessment.warnings if m.rule is Rule.REQUIRED],
                          changes=writer.changes)

    def recompute_calcs(self, session: Session, record: Record, values: RecordValues
                        ) -> Changes:
        """Recompute every calculated field of the record (across events); audit what changed.

        ``values`` must be the record's stored values; it is updated in place. Returns what
        changed.
        """
        session.flush()
        connection = session.connection()
        instances = {key: meta for key, meta in load_states(
            connection, {record.id: record.record_id})[record.id].instances.items()}
        writer = Writer(session, self.user.username,
                        definition_version=self.project.definition_version)
        writer.write_calcs(record.record_id, instances,
                           plan_calcs(self.study, values, self._today()))
        writer.flush()
        return writer.changes

    def delete_instance(self, key: FormKey, reason: str) -> Changes:
        """Delete a form instance (e.g. one antibiotic course) with its values; needs a reason.

        Returns what changed (the instance, its values, recalculated fields).
        """
        self.user.require(Action.DELETE_INSTANCE)
        self._refuse_deidentified_write()
        if not reason.strip():
            raise SaveRefused([], reason_required=True)
        with write_transaction(self.project.engine) as session:
            record = self._record(session, key.record_id)
            instance = self._instance(session, record, key)
            if instance is None:
                raise NotFoundError(f"{key.form} #{key.instance} at {key.event} of "
                                    f"{key.record_id} does not exist")
            if instance.locked_by:
                raise FormLockedError(f"{key.form} #{key.instance} is locked")
            writer = Writer(session, self.user.username, study=self.study, reason=reason)
            writer.delete_instance(key.record_id, instance, reason,
                                   {name: self._field_order(name) for name in
                                    (row.field for row in instance.values)})
            deleted = writer.finish()
            session.flush()
            calcs = self.recompute_calcs(session, record, load_record_values(session, record))
        return deleted | calcs

    # ----- helpers -------------------------------------------------------------------------
    def _check_key(self, key: FormKey) -> None:
        check_form_key(self.study, key)

    def _record(self, session: Session, record_id: str) -> Record:
        real_id = self.view.real_id(record_id)  # a pseudonym for a de-identified user
        record = None if real_id is None else session.scalar(
            select(Record).where(Record.record_id == real_id))
        if record is None:
            raise NotFoundError(no_such_record(record_id))
        return record

    @staticmethod
    def _instance(session: Session, record: Record, key: FormKey,
                  for_update: bool = False) -> FormInstance | None:
        statement = select(FormInstance).where(
            FormInstance.record_pk == record.id, FormInstance.event == key.event,
            FormInstance.form == key.form, FormInstance.instance == key.instance)
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        return session.scalar(statement)

    def _entered_values(self, form: str, stored: dict[str, str]) -> dict[str, str]:
        """The stored values of a form's data-entry fields (not calculated ones)."""
        return entered_values(study_index(self.study), form, stored)

    def _merge(self, form: str, stored: dict[str, str], values: dict[str, str]
               ) -> tuple[dict[str, str], set[str]]:
        return merge_values(study_index(self.study), self.study.record_id_field, form, stored,
                            values)

    def _refuse_deidentified_write(self) -> None:
        """Writing needs the identified view (changes are audited under real record ids)."""
        if self.view.deidentified:
            self.user.require(Action.VIEW_IDENTIFIERS)

    def _shown(self, state: FormState) -> FormState:
        """The form state as this user is shown it (see ``self.view``)."""
        view = self.view
        if not view.deidentified:
            return state
        real_id = self.view.real_id(state.key.record_id) or state.key.record_id
        state.key = FormKey(view.shown_id(real_id), state.key.event, state.key.form,
                            state.key.instance)
        state.values = shown_values(view, state.values, real_id)
        state.calc_values = shown_values(view, state.calc_values, real_id)
        state.verified_at = view.moment(state.verified_at, real_id)
        state.locked_at = view.moment(state.locked_at, real_id)
        state.signed_at = view.moment(state.signed_at, real_id)
        state.messages = [dataclasses.replace(m, text=view.text(m.text, real_id, m.field or None))
                          for m in state.messages]
        return state

    def _shown_audit(self, entry: TrailEntry) -> TrailEntry:
        """A copy of an audit entry as a de-identified user is shown it."""
        view, real_id = self.view, entry.record_id or ""
        field_name = entry.field or ""
        return dataclasses.replace(
            entry, at=view.moment(entry.at, real_id) or entry.at,
            record_id=view.shown_id(real_id) if real_id else None,
            old_value=None if entry.old_value is None
            else view.value(field_name, entry.old_value, real_id),
            new_value=None if entry.new_value is None
            else view.value(field_name, entry.new_value, real_id),
            reason=view.free_text(entry.reason))

    def _field_order(self, name: str) -> int:
        return self.study.field(name).row if self.study.has_field(name) else 0

    def _state(self, key: FormKey, instance: FormInstance | InstanceMeta | None,
               resolved: Assessment) -> FormState:
        return FormState(
            key=key, values=dict(resolved.values), visible=resolved.visible,
            calc_values=dict(resolved.calc_values),
            status=instance.status if instance else 0,
            version=instance.version if instance else None,
            verified_by=instance.verified_by if instance else None,
            verified_at=instance.verified_at if instance else None,
            locked_by=instance.locked_by if instance else None,
            locked_at=instance.locked_at if instance else None,
            signed_by=instance.signed_by if instance else None,
            signed_at=instance.signed_at if instance else None)
