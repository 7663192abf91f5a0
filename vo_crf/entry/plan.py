"""Planning a form save without touching the database: what changes, what is audited, or why not.

``plan_form_save`` takes the record's values in memory and the stored metadata of the form
instance and decides everything a save decides: lock and version refusals, the merged and
assessed values, refusals (``SaveRefused``), each value change with its audit action and reason,
the status change, un-verification and protocol deviations. ``apply_form_plan`` then updates the
in-memory record, so the next plan (and the calculation plan) see the saved values. The writer
(``vo_crf.write.buffered``) turns plans into rows; single saves and imports share this code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from vo_crf.audit.trail import AuditAction
from vo_crf.entry.assessment import Assessment, assess_form
from vo_crf.entry.errors import ConcurrentEditError, FormLockedError, SaveRefused
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.entry.record_values import InstanceKey, RecordValues
from vo_crf.entry.study_index import StudyIndex, study_checks, study_index
from vo_crf.entry.values import normalize_input
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import FieldDef, Study

ANY_VERSION = -1
"""``expected_version`` meaning: save whatever version is stored (imports, scripts)."""

_NEEDING_REASON = (Rule.RANGE, Rule.VISIT_WINDOW)

_new_change = tuple.__new__
"""Builds a ``ValueChange`` from a tuple without the NamedTuple's Python-level ``__new__``
(an import builds one per value)."""


@dataclass
class InstanceMeta:
    """The stored row of a form instance, as far as saving cares (None fields: not set)."""

    id: int | None
    status: int
    version: int
    verified_by: str | None = None
    verified_at: dt.datetime | None = None
    locked_by: str | None = None
    locked_at: dt.datetime | None = None
    updated_by: str | None = None
    signed_by: str | None = None
    signed_at: dt.datetime | None = None


class ValueChange(NamedTuple):
    """One field whose stored value changes, with the audit row's action and reason."""

    field: str
    old: str
    new: str
    action: AuditAction
    reason: str | None


@dataclass(frozen=True)
class Deviation:
    """A protocol deviation found by the save (a visit outside its window)."""

    field: str
    message: str
    reason: str


@dataclass
class FormPlan:
    """Everything one accepted form save writes."""

    record_id: str
    key: InstanceKey
    meta: InstanceMeta | None
    status: int
    reason: str | None
    assessment: Assessment
    changes: list[ValueChange]
    data_changed: set[str]
    deviations: list[Deviation] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        """True when the form instance does not exist yet."""
        return self.meta is None

    @property
    def old_status(self) -> int | None:
        """The stored status (None for a new instance)."""
        return None if self.meta is None else self.meta.status

    @property
    def status_changed(self) -> bool:
        """True when the save writes a status_change audit row (always for a new instance)."""
        return self.meta is None or self.meta.status != self.status

    @property
    def unverifies(self) -> bool:
        """True when changed data removes a verification."""
        return bool(self.data_changed and self.meta is not None and self.meta.verified_by)


def entered_values(index: StudyIndex, form: str, stored: dict[str, str]) -> dict[str, str]:
    """The stored values of a form's data-entry fields (not calculated ones), in form order."""
    if not stored:  # a new form instance
        return {}
    return {name: stored[name] for name in index.form(form).stored_entry_order if name in stored}


def merge_values(index: StudyIndex, record_id_field: str, form: str, stored: dict[str, str],
                 values: dict[str, str],
                 normalize: Callable[[FieldDef, str], str] = normalize_input
                 ) -> tuple[dict[str, str], set[str]]:
    """Merge proposed raw input into the stored values; return them and the changed names.

    ``normalize`` is ``normalize_input`` or the same answers remembered
    (``CheckCache.normalize``). Raises SaveRefused when a value names a field that is not a
    data-entry field of the form.
    """
    entry_fields = index.form(form).entry_fields
    proposed = {k: v for k, v in stored.items() if k in entry_fields}
    changed: set[str] = set()
    unknown: list[str] = []
    for name, raw in values.items():
        fdef = entry_fields.get(name)
        if fdef is None:
            if name != record_id_field:
                unknown.append(name)
            continue
        value = normalize(fdef, raw)
        if proposed.get(name, "") != value:
            changed.add(name)
        proposed[name] = value
    if unknown:
        raise SaveRefused([Message(name, Severity.ERROR, Rule.UNKNOWN_FIELD,
                                   f"{name!r} is not a data-entry field of form {form!r}")
                           for name in unknown])
    return proposed, changed


def check_editable(meta: InstanceMeta | None, where: str, expected_version: int | None) -> None:
    """Refuse a locked instance (FormLockedError) or a stale version (ConcurrentEditError).

    ``where`` names the instance in messages ("<form> at <event> of <record>").
    """
    if meta is not None and meta.locked_by:
        raise FormLockedError(f"{where} is locked by {meta.locked_by}: unlock it before "
                              "changing it")
    current = meta.version if meta is not None else None
    if expected_version != ANY_VERSION and expected_version != current:
        raise ConcurrentEditError(
            f"{where} was saved by {meta.updated_by if meta else 'someone'} after you opened "
            "it: reload it to see their changes (nothing was overwritten)")


def plan_form_save(study: Study, record: RecordValues, key: InstanceKey,
                   meta: InstanceMeta | None, values: dict[str, str], status: int, *,
                   reason: str | None, confirmations: dict[str, str], today: dt.date,
                   expected_version: int | None = ANY_VERSION,
                   enforce_required: bool = True,
                   keep_invalid: frozenset[str] = frozenset()) -> FormPlan:
    """Decide what saving ``values`` with ``status`` into form instance ``key`` does.

    Pure: reads ``record`` (the record's stored values) and ``meta`` (None: not saved yet);
    raises FormLockedError, ConcurrentEditError or SaveRefused exactly as a save does.
    ``keep_invalid`` names fields whose values are stored although they fail their text
    validation (an import's ``--keep-invalid``, with its reason in ``confirmations``).
    """
    event, form, _instance = key
    if (meta is not None and meta.locked_by) or (
            expected_version != ANY_VERSION
            and expected_version != (meta.version if meta is not None else None)):
        check_editable(meta, f"{form} at {event} of {record.record_id}", expected_version)
    index = study_index(study)
    old_entered = entered_values(index, form, record.forms.get(key, {}))
    proposed, changed = merge_values(index, study.record_id_field, form, old_entered, values,
                                     study_checks(study).normalize)
    assessment = assess_form(study, record, key, proposed, status, changed, today,
                             enforce_required)
    new_values = assessment.values
    # a new form instance: every assessed value is a change (assessed values are never '')
    data_changed = set(new_values) if not old_entered else {
        n for n in old_entered.keys() | new_values.keys()
        if old_entered.get(n, "") != new_values.get(n, "")}
    old_status = None if meta is None else meta.status
    _refuse_if_needed(assessment, confirmations, meta, reason,
                      bool(data_changed) or old_status not in (None, status), keep_invalid)
    changes = _value_changes(study, index, form, old_entered, new_values, assessment,
                             confirmations, reason, data_changed)
    deviations = [Deviation(m.field, m.text, confirmations.get(m.field, ""))
                  for m in assessment.warnings if m.rule is Rule.VISIT_WINDOW]
    return FormPlan(record_id=record.record_id, key=key, meta=meta, status=status,
                    reason=reason, assessment=assessment, changes=changes,
                    data_changed=data_changed, deviations=deviations)


def apply_form_plan(study: Study, record: RecordValues, plan: FormPlan) -> None:
    """Update the in-memory record as the written plan leaves the database."""
    stored = record.forms.get(plan.key)
    if not stored:  # a new form instance (an import's usual case): nothing else to keep
        record.forms[plan.key] = dict(plan.assessment.values)
        return
    stored_names = study_index(study).form(plan.key.form).stored_entry_names
    updated = {k: v for k, v in stored.items() if k not in stored_names}
    updated.update(plan.assessment.values)
    record.forms[plan.key] = updated


def _refuse_if_needed(assessment: Assessment, confirmations: dict[str, str],
                      meta: InstanceMeta | None, reason: str | None, changing: bool,
                      keep_invalid: frozenset[str] = frozenset()) -> None:
    unconfirmed = [m for m in assessment.warnings
                   if m.rule in _NEEDING_REASON and m.field not in confirmations]
    reason_required = bool(
        meta is not None and changing and not (reason and reason.strip())
        and (meta.status == FormStatus.COMPLETE or meta.verified_by))
    errors = [m for m in assessment.errors
              if not (m.field in keep_invalid and m.field in confirmations
                      and m.rule in (Rule.TYPE, Rule.DATE))]
    if errors or unconfirmed or reason_required:
        raise SaveRefused(assessment.messages, unconfirmed, reason_required)


def _value_changes(study: Study, index: StudyIndex, form: str, old: dict[str, str],
                   new: dict[str, str], assessment: Assessment, confirmations: dict[str, str],
                   reason: str | None, data_changed: set[str]) -> list[ValueChange]:
    changes: list[ValueChange] = []
    form_index = index.form(form)
    order = form_index.entry_row_order
    # only the form's entry fields are expected to change (checked against its name set:
    # ``issubset`` of the ordered tuple would build a set at every save)
    if not data_changed.issubset(form_index.stored_entry_names):
        order = tuple(sorted(data_changed, key=index.field_order))
    cleared, old_value, new_value = assessment.cleared_hidden, old.get, new.get
    confirmed = confirmations.get
    for name in order:
        if name not in data_changed:
            continue
        before, after = old_value(name, ""), new_value(name, "")
        why = confirmed(name) or reason
        if cleared and name in cleared:
            action = AuditAction.HIDDEN_VALUE_CLEARED
            logic = study.field(name).branching_logic
            why = f"hidden by branching logic {logic}" + (f"; {reason}" if reason else "")
        elif not before:
            action = AuditAction.VALUE_INSERT
        elif not after:
            action = AuditAction.VALUE_DELETE
        else:
            action = AuditAction.VALUE_UPDATE
        changes.append(_new_change(ValueChange, (name, before, after, action, why)))
    return changes
