"""The data-entry service: the only way the GUI, the CLI and imports change clinical data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, Where, field_history, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import AuditEntry, FormInstance, ItemValue, ProtocolDeviation, Record, utcnow
from vo_crf.db.value_versions import note_value_change, status_field
from vo_crf.entry.assessment import STATUS_COMPLETE, Assessment, assess_form, resolve_form
from vo_crf.entry.errors import (
    ConcurrentEditError,
    FormLockedError,
    NotFoundError,
    SaveRefused,
)
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.entry.record_values import RecordValues, load_record_values
from vo_crf.entry.values import normalize_input
from vo_crf.project import Project
from vo_crf.study.model import FieldType, Study

ANY_VERSION = -1
"""``expected_version`` meaning: save whatever version is stored (imports, scripts)."""


@dataclass(frozen=True)
class FormKey:
    """Which form instance: record, event, form and repeat instance (1 if not repeating)."""

    record_id: str
    event: str
    form: str
    instance: int = 1


@dataclass
class FormState:
    """A form instance as the user sees it: values, visible fields, calculations, marks."""

    key: FormKey
    values: dict[str, str]
    visible: frozenset[str]
    calc_values: dict[str, str]
    status: int = 0
    version: int | None = None
    verified_by: str | None = None
    verified_at: dt.datetime | None = None
    locked_by: str | None = None
    locked_at: dt.datetime | None = None
    messages: list[Message] = field(default_factory=list)

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


class EntryService:
    """Open, assess and save form instances for one logged-in user."""

    def __init__(self, project: Project, user: CurrentUser,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self.project = project
        self.study: Study = project.study
        self.user = user
        self._today = today

    # ----- reading -------------------------------------------------------------------------
    def open_form(self, key: FormKey) -> FormState:
        """Return the stored state of a form instance (empty if never saved)."""
        self.user.require(Action.VIEW_DATA)
        self._check_key(key)
        with read_session(self.project.engine) as session:
            record = self._record(session, key.record_id)
            values = load_record_values(session, record)
            instance = self._instance(session, record, key)
        stored = values.forms.get((key.event, key.form, key.instance), {})
        entered = self._entered_values(key.form, stored)
        resolved = resolve_form(self.study, values, (key.event, key.form, key.instance),
                                entered, self._today())
        return self._state(key, instance, resolved)

    def assess(self, key: FormKey, values: dict[str, str], status: int) -> FormState:
        """Check proposed values without saving (live feedback for the form editor)."""
        self.user.require(Action.VIEW_DATA)
        self._check_key(key)
        with read_session(self.project.engine) as session:
            record = self._record(session, key.record_id)
            stored_values = load_record_values(session, record)
            instance = self._instance(session, record, key)
        stored = stored_values.forms.get((key.event, key.form, key.instance), {})
        proposed, changed = self._merge(key.form, stored, values)
        assessment = assess_form(self.study, stored_values, (key.event, key.form, key.instance),
                                 proposed, status, changed, self._today())
        state = self._state(key, instance, assessment)
        state.messages = assessment.messages
        return state

    def field_history(self, key: FormKey, field_name: str) -> list[AuditEntry]:
        """Return the audit trail of one field (who, when, old, new, reason), oldest first."""
        self.user.require(Action.VIEW_AUDIT)
        with read_session(self.project.engine) as session:
            return field_history(session, key.record_id, key.event, key.form, key.instance,
                                 field_name)

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
        self._check_key(key)
        confirmations = {k: v.strip() for k, v in (confirmations or {}).items() if v.strip()}
        if status not in (0, 1, 2):
            raise SaveRefused([Message("", Severity.ERROR, Rule.TYPE,
                                       f"form status {status} is not 0, 1 or 2")])
        with write_transaction(self.project.engine) as session:
            record = self._record(session, key.record_id)
            return self.save_in_session(session, record, key, values, status, reason=reason,
                                        confirmations=confirmations,
                                        expected_version=expected_version)

    def save_in_session(self, session: Session, record: Record, key: FormKey,
                        values: dict[str, str], status: int, *, reason: str | None = None,
                        confirmations: dict[str, str] | None = None,
                        expected_version: int | None = ANY_VERSION,
                        enforce_required: bool = True) -> SaveResult:
        """Save inside the caller's transaction (imports, record creation); see save_form."""
        confirmations = confirmations or {}
        # PostgreSQL: lock the row so a concurrent writer waits and then sees the new version
        # (ConcurrentEditError) instead of failing with StaleDataError; SQLite ignores it.
        instance = self._instance(session, record, key, for_update=True)
        if instance is not None and instance.locked_by:
            raise FormLockedError(f"{key.form} at {key.event} of {key.record_id} is locked by "
                                  f"{instance.locked_by}: unlock it before changing it")
        current_version = instance.version if instance is not None else None
        if expected_version != ANY_VERSION and expected_version != current_version:
            raise ConcurrentEditError(
                f"{key.form} at {key.event} of {key.record_id} was saved by "
                f"{instance.updated_by if instance else 'someone'} after you opened it: "
                "reopen it to see their changes (nothing was overwritten)")
        record_values = load_record_values(session, record)
        ikey = (key.event, key.form, key.instance)
        stored = record_values.forms.get(ikey, {})
        old_entered = self._entered_values(key.form, stored)
        proposed, changed = self._merge(key.form, old_entered, values)
        assessment = assess_form(self.study, record_values, ikey, proposed, status, changed,
                                 self._today(), enforce_required)
        new_values = assessment.values
        data_changed = {n for n in set(old_entered) | set(new_values)
                        if old_entered.get(n, "") != new_values.get(n, "")}
        is_new = instance is None
        old_status = None if instance is None else instance.status
        self._refuse_if_needed(assessment, confirmations, instance, reason,
                               bool(data_changed) or old_status not in (None, status))
        if instance is None:
            instance = FormInstance(record_pk=record.id, event=key.event, form=key.form,
                                    instance=key.instance, status=status,
                                    updated_by=self.user.username)
            session.add(instance)
            session.flush()
        where = Where(key.record_id, key.event, key.form, key.instance)
        self._write_values(session, instance, where, old_entered, new_values, assessment,
                           confirmations, reason)
        if is_new or old_status != status:
            write_audit(session, self.user.username, AuditAction.STATUS_CHANGE, where,
                        old_value=None if old_status is None else str(old_status),
                        new_value=str(status), reason=reason)
            # sync hook: the form status is versioned as the field <form>_complete
            note_value_change(session, key.record_id, key.event, key.form, key.instance,
                              status_field(key.form), str(status), self.user.username)
        instance.status = status
        if data_changed and instance.verified_by:
            write_audit(session, self.user.username, AuditAction.UNVERIFY, where,
                        old_value=instance.verified_by, reason="data changed after verification")
            instance.verified_by = None
            instance.verified_at = None
        instance.updated_at = utcnow()
        instance.updated_by = self.user.username
        deviations = self._record_deviations(session, where, assessment, confirmations)
        session.flush()
        refreshed = load_record_values(session, record)
        self.recompute_calcs(session, record, refreshed)
        session.flush()
        final_values = load_record_values(session, record)
        resolved = resolve_form(self.study, final_values, ikey,
                                self._entered_values(key.form, final_values.forms.get(ikey, {})),
                                self._today())
        state = self._state(key, instance, resolved)
        return SaveResult(state=state, changed=sorted(data_changed),
                          cleared_hidden=sorted(assessment.cleared_hidden),
                          deviations=deviations,
                          warnings=[m for m in assessment.warnings if m.rule is Rule.REQUIRED])

    def _refuse_if_needed(self, assessment: Assessment, confirmations: dict[str, str],
                          instance: FormInstance | None, reason: str | None,
                          changing: bool) -> None:
        needing_reason = (Rule.RANGE, Rule.VISIT_WINDOW)
        unconfirmed = [m for m in assessment.warnings
                       if m.rule in needing_reason and m.field not in confirmations]
        reason_required = bool(
            instance is not None and changing and not (reason and reason.strip())
            and (instance.status == STATUS_COMPLETE or instance.verified_by))
        if assessment.errors or unconfirmed or reason_required:
            raise SaveRefused(assessment.messages, unconfirmed, reason_required)

    def _write_values(self, session: Session, instance: FormInstance, where: Where,
                      old: dict[str, str], new: dict[str, str], assessment: Assessment,
                      confirmations: dict[str, str], reason: str | None) -> None:
        rows = {row.field: row for row in session.scalars(
            select(ItemValue).where(ItemValue.form_instance_id == instance.id))}
        for name in sorted(set(old) | set(new), key=self._field_order):
            before, after = old.get(name, ""), new.get(name, "")
            if before == after:
                continue
            field_where = Where(where.record_id, where.event, where.form, where.instance, name)
            why = confirmations.get(name) or reason
            if name in assessment.cleared_hidden:
                action = AuditAction.HIDDEN_VALUE_CLEARED
                logic = self.study.field(name).branching_logic
                why = f"hidden by branching logic {logic}" + (f"; {reason}" if reason else "")
            elif not before:
                action = AuditAction.VALUE_INSERT
            elif not after:
                action = AuditAction.VALUE_DELETE
            else:
                action = AuditAction.VALUE_UPDATE
            write_audit(session, self.user.username, action, field_where,
                        old_value=before or None, new_value=after or None, reason=why)
            # sync hook: the value gets a new version (vo_crf.db.value_versions)
            note_value_change(session, where.record_id or "", instance.event, instance.form,
                              instance.instance, name, after, self.user.username)
            row = rows.get(name)
            if after and row is None:
                session.add(ItemValue(form_instance_id=instance.id, field=name, value=after))
            elif after and row is not None:
                row.value = after
            elif row is not None:
                session.delete(row)

    def _record_deviations(self, session: Session, where: Where, assessment: Assessment,
                           confirmations: dict[str, str]) -> list[str]:
        found: list[str] = []
        for message in assessment.warnings:
            if message.rule is not Rule.VISIT_WINDOW:
                continue
            why = confirmations.get(message.field, "")
            session.add(ProtocolDeviation(
                record_id=where.record_id, event=where.event, form=where.form,
                field=message.field, kind="visit_window", message=message.text, reason=why,
                detected_by=self.user.username))
            write_audit(session, self.user.username, AuditAction.DEVIATION,
                        Where(where.record_id, where.event, where.form, where.instance,
                              message.field), new_value=message.text, reason=why)
            found.append(message.text)
        return found

    def recompute_calcs(self, session: Session, record: Record, values: RecordValues) -> None:
        """Recompute every calculated field of the record (across events); audit what changed."""
        today = self._today()
        instances = session.scalars(
            select(FormInstance).where(FormInstance.record_pk == record.id)).all()
        for instance in instances:
            form = self.study.form(instance.form)
            if not any(f.field_type is FieldType.CALC for f in form.fields):
                continue
            ikey = (instance.event, instance.form, instance.instance)
            stored = values.forms.get(ikey, {})
            resolved = resolve_form(self.study, values, ikey,
                                    self._entered_values(instance.form, stored), today)
            rows = {row.field: row for row in session.scalars(
                select(ItemValue).where(ItemValue.form_instance_id == instance.id))}
            for name, computed in resolved.calc_values.items():
                before = stored.get(name, "")
                if before == computed:
                    continue
                write_audit(session, self.user.username, AuditAction.CALC_UPDATE,
                            Where(record.record_id, *ikey, name), old_value=before or None,
                            new_value=computed or None, reason="recalculated")
                row = rows.get(name)
                if computed and row is None:
                    session.add(ItemValue(form_instance_id=instance.id, field=name,
                                          value=computed))
                elif computed and row is not None:
                    row.value = computed
                elif row is not None:
                    session.delete(row)
                stored[name] = computed

    def delete_instance(self, key: FormKey, reason: str) -> None:
        """Delete a form instance (e.g. one antibiotic course) with its values; needs a reason."""
        self.user.require(Action.DELETE_INSTANCE)
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
            where = Where(key.record_id, key.event, key.form, key.instance)
            for row in sorted(instance.values, key=lambda r: self._field_order(r.field)):
                write_audit(session, self.user.username, AuditAction.VALUE_DELETE,
                            Where(key.record_id, key.event, key.form, key.instance, row.field),
                            old_value=row.value, reason=reason)
                if self.study.has_field(row.field) and \
                        self.study.field(row.field).field_type is not FieldType.CALC:
                    # sync hook: the deletion travels as a blanked version
                    note_value_change(session, key.record_id, key.event, key.form,
                                      key.instance, row.field, None, self.user.username)
            write_audit(session, self.user.username, AuditAction.FORM_DELETE, where,
                        reason=reason)
            # sync hook: a blanked status means "form instance deleted"
            note_value_change(session, key.record_id, key.event, key.form, key.instance,
                              status_field(key.form), None, self.user.username)
            session.delete(instance)
            session.flush()
            self.recompute_calcs(session, record, load_record_values(session, record))

    # ----- helpers -------------------------------------------------------------------------
    def _check_key(self, key: FormKey) -> None:
        if not self.study.has_event(key.event):
            raise NotFoundError(f"unknown event {key.event!r}")
        if key.form not in self.study.event(key.event).forms:
            raise NotFoundError(f"form {key.form!r} is not collected at event {key.event!r}")
        if key.instance < 1 or (key.instance > 1
                                and not self.study.is_repeating(key.event, key.form)):
            raise NotFoundError(f"instance {key.instance} of {key.form!r}: the form does not "
                                f"repeat at {key.event!r}")

    def _record(self, session: Session, record_id: str) -> Record:
        record = session.scalar(select(Record).where(Record.record_id == record_id))
        if record is None:
            raise NotFoundError(f"no record {record_id!r}")
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
        return {f.name: stored[f.name] for f in self.study.form(form).fields
                if f.name in stored and f.field_type is not FieldType.CALC}

    def _merge(self, form: str, stored: dict[str, str], values: dict[str, str]
               ) -> tuple[dict[str, str], set[str]]:
        entry_fields = {f.name: f for f in self.study.form(form).fields
                        if f.holds_data and f.field_type is not FieldType.CALC
                        and f.name != self.study.record_id_field}
        values = {k: v for k, v in values.items() if k != self.study.record_id_field}
        unknown = [name for name in values if name not in entry_fields]
        if unknown:
            raise SaveRefused([Message(name, Severity.ERROR, Rule.UNKNOWN_FIELD,
                                       f"{name!r} is not a data-entry field of form {form!r}")
                               for name in unknown])
        proposed = {k: v for k, v in stored.items() if k in entry_fields}
        changed: set[str] = set()
        for name, raw in values.items():
            value = normalize_input(entry_fields[name], raw)
            if proposed.get(name, "") != value:
                changed.add(name)
            proposed[name] = value
        return proposed, changed

    def _field_order(self, name: str) -> int:
        return self.study.field(name).row if self.study.has_field(name) else 0

    def _state(self, key: FormKey, instance: FormInstance | None,
               resolved: Assessment) -> FormState:
        return FormState(
            key=key, values=dict(resolved.values), visible=resolved.visible,
            calc_values=dict(resolved.calc_values),
            status=instance.status if instance else 0,
            version=instance.version if instance else None,
            verified_by=instance.verified_by if instance else None,
            verified_at=instance.verified_at if instance else None,
            locked_by=instance.locked_by if instance else None,
            locked_at=instance.locked_at if instance else None)
