"""What an import writes: blank cells, form statuses, out-of-range values, and what it counts.

REDCap's default ("normal" overwrite behaviour) is the default here: a blank cell, or an ODM
item absent or empty, leaves the stored value alone, and a blank ``<form>_complete`` leaves the
form's status alone. ``overwrite_blanks`` makes blank cells erase the stored values of the forms
a row fills (a form the row leaves entirely blank is never touched). A checkbox option given as
``0`` is a value, not a blank: a checkbox whose options are all ``0`` is unchecked.

A value outside its field's range refuses the import unless the user gives a reason
(``accept_out_of_range``), which then becomes the reason of that value's audit row, as a form
save needs one. As REDCap's import, a CSV file's dates may be in DMY or MDY order
(``date_format``; stored ``YYYY-MM-DD``). A value failing its field's text validation (a type
or date rule) refuses the import unless ``keep_invalid`` gives the reason to keep it as typed
(data a REDCap server holds although its validation came later): the reason goes into its audit
row and the data-quality checks list it ("Invalid value"). A ``dry_run`` goes through every
check and plan and counts, per form, the values the import would add, change and erase, then
rolls everything back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vo_crf.audit.trail import AuditAction
from vo_crf.entry.message_templates import CONTROL_CHARACTER
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.entry.plan import FormPlan
from vo_crf.entry.study_index import study_checks
from vo_crf.entry.values import normalize_input
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import FieldDef, FieldType, Study

IMPORT_CONFIRMATION = ": value accepted from the source file"
"""How the confirmation reason of every imported value ends (after the import's name)."""

DATE_FORMATS = ("YMD", "DMY", "MDY")
"""REDCap's date orders of an import file."""

KEPT_INVALID = "kept although invalid"
"""How the audit reason of a value kept although it fails its validation says so."""

OUT_OF_RANGE_HINT = ('give the reason for accepting them (vo-crf import --accept-out-of-range '
                     '"reason"; in the application, in the import summary)')


@dataclass(frozen=True)
class ImportOptions:
    """The choices a user makes for one import (the defaults are REDCap's)."""

    overwrite_blanks: bool = False
    """Blank cells erase the stored values of the forms a row fills."""
    dry_run: bool = False
    """Check and count everything, write nothing."""
    accept_out_of_range: str = ""
    """The reason for accepting values outside their field's range ('' refuses them)."""
    date_format: str = "YMD"
    """The order of the dates of a CSV file: ``YMD`` (REDCap's default), ``DMY`` or ``MDY``
    (REDCap's import option ``dateFormat``); dates are stored ``YYYY-MM-DD`` whatever it is."""
    keep_invalid: str = ""
    """The reason for keeping, as typed, values that fail their field's validation (data a
    REDCap server holds although the validation was added after it); '' refuses them."""

    def __post_init__(self) -> None:
        if self.date_format.upper() not in DATE_FORMATS:
            raise ValueError(f"unknown date format {self.date_format!r} "
                             f"(known: {', '.join(DATE_FORMATS)})")

    @property
    def date_order(self) -> str | None:
        """``dmy`` or ``mdy`` when the CSV's dates are in that order; None for ISO (YMD)."""
        order = self.date_format.lower()
        return None if order == "ymd" else order

    @property
    def keep_invalid_reason(self) -> str:
        """The reason invalid values are kept for, trimmed ('' when they are refused)."""
        return self.keep_invalid.strip()

    @property
    def out_of_range_reason(self) -> str:
        """The acceptance reason, trimmed ('' when none was given)."""
        return self.accept_out_of_range.strip()

    def values_to_write(self, values: dict[str, str], cleared: frozenset[str]) -> dict[str, str]:
        """The values of a parsed form to save: without the blank ones, unless overwriting.

        ``cleared`` names the fields the file empties explicitly (checkboxes given all 0).
        """
        if self.overwrite_blanks:
            return values
        return {name: value for name, value in values.items()
                if name in cleared or value.strip()}

    def status_to_write(self, given: int | None, stored: int | None) -> int:
        """The form status to save: the file's, else the stored one (0 for a new form).

        With ``overwrite_blanks`` a blank status is Incomplete (0), as a blank cell erases.
        """
        if given is not None:
            return given
        if stored is None or self.overwrite_blanks:
            return FormStatus.INCOMPLETE
        return stored


@dataclass
class FormCounts:
    """What an import does to one form (all its events and instances together)."""

    forms: int = 0
    """Form instances saved."""
    added: int = 0
    changed: int = 0
    erased: int = 0
    """Values removed: blank cells written with ``overwrite_blanks``, checkboxes unchecked,
    values hidden by branching logic."""


@dataclass(frozen=True)
class OutOfRangeValue:
    """A value of the file outside its field's range."""

    line: int
    record_id: str
    event: str
    form: str
    instance: int
    field: str
    value: str
    message: str
    """The range rule, e.g. 'C-reactive protein (bio_crp): 9999 is above the maximum 500'."""

    def describe(self) -> str:
        """Return 'record, event[ #instance]: message' (the line and field are said apart)."""
        instance = f" #{self.instance}" if self.instance > 1 else ""
        return f"{self.record_id}, {self.event}{instance}: {self.message} [rule: range]"


_ERASING = (AuditAction.VALUE_DELETE, AuditAction.HIDDEN_VALUE_CLEARED)

_REMEMBERED = 50_000
"""Range answers an import remembers (then forgets them all, as ``CheckCache``)."""

KEPT_OUT_OF_RANGE = 200
"""How many out-of-range values an import keeps to show (all are counted)."""


@dataclass
class ImportReview:
    """Confirmations for each form save of one import, and what the saves did."""

    study: Study
    options: ImportOptions
    today: dt.date
    forms: dict[str, FormCounts] = field(default_factory=dict)
    out_of_range: list[OutOfRangeValue] = field(default_factory=list)
    """The first ``KEPT_OUT_OF_RANGE`` values out of range."""
    out_of_range_count: int = 0
    kept_invalid_count: int = 0
    """Values kept as typed although they fail their validation (``keep_invalid``)."""

    def __post_init__(self) -> None:
        self._ranged: dict[str, FieldDef] = {
            fdef.name: fdef for form in self.study.forms for fdef in form.fields
            if fdef.min_value or fdef.max_value}
        """The fields with a range (only their values can be out of range)."""
        self._outside_range: dict[tuple[str, str], bool] = {}
        """Whether a (field, raw value) is out of range, remembered (``today`` is fixed)."""

    def confirmations(self, values: dict[str, str], reason: str) -> dict[str, str]:
        """The confirmation reason of every value of one form save.

        Values outside their range get the user's acceptance reason (or, when none was
        given, a placeholder: the import is then refused, see ``refused``); the others
        (visits outside their window included) the import's name, as REDCap imports them.
        """
        kept = f"{reason}{IMPORT_CONFIRMATION}"
        result = dict.fromkeys(values, kept)
        ranged, outside = self._ranged, self._outside_range
        out_of_range = None
        for name, raw in values.items():
            if not raw or name not in ranged:
                continue
            found = outside.get((name, raw))
            if found is None:
                if len(outside) >= _REMEMBERED:
                    outside.clear()
                found = outside[(name, raw)] = self._is_out_of_range(name, raw)
            if found:
                if out_of_range is None:
                    accepted = self.options.out_of_range_reason
                    out_of_range = f"{reason}: out of range, accepted: {accepted}" \
                        if accepted else kept
                result[name] = out_of_range
        return result

    def _is_out_of_range(self, name: str, raw: str) -> bool:
        """True when ``raw`` (as the file gives it) is outside field ``name``'s range."""
        checks = study_checks(self.study)
        fdef = self._ranged[name]
        return any(m.rule is Rule.RANGE
                   for m in checks.check(fdef, checks.normalize(fdef, raw), self.today))

    def kept_invalid(self, values: dict[str, str]) -> frozenset[str]:
        """The fields of ``values`` kept although they fail their validation (none unless
        the options keep invalid values)."""
        if not self.options.keep_invalid_reason:
            return frozenset()
        check = study_checks(self.study).check
        kept = set()
        for name, raw in values.items():
            if not raw or not self.study.has_field(name):
                continue
            fdef = self.study.field(name)
            errors = [m for m in check(fdef, normalize_input(fdef, raw), self.today)
                      if m.is_error]
            if errors and all(keepable(fdef, m) for m in errors):
                kept.add(name)
        return frozenset(kept)

    def saved(self, line: int, field_lines: dict[str, int], record_id: str,
              plan: FormPlan) -> None:
        """Count one accepted form save and note its out-of-range values."""
        counts = self.forms.get(plan.key.form)
        if counts is None:
            counts = self.forms[plan.key.form] = FormCounts()
        counts.forms += 1
        erased = added = 0
        for change in plan.changes:
            action = change[3]
            if action is AuditAction.VALUE_INSERT:
                added += 1
            elif action in _ERASING:
                erased += 1
        counts.erased += erased
        counts.added += added
        counts.changed += len(plan.changes) - added - erased
        for message in plan.assessment.messages:
            if message.rule is not Rule.RANGE or message.severity is not Severity.WARNING:
                continue
            event, form, instance = plan.key
            self.out_of_range_count += 1
            if len(self.out_of_range) < KEPT_OUT_OF_RANGE:
                self.out_of_range.append(OutOfRangeValue(
                    field_lines.get(message.field, line), record_id, event, form, instance,
                    message.field, plan.assessment.values.get(message.field, ""),
                    message.text))

    @property
    def refused(self) -> bool:
        """True when the import stores out-of-range values without an acceptance reason."""
        return bool(self.out_of_range_count) and not self.options.out_of_range_reason


def out_of_range_note(count: int) -> str:
    """The line closing a refusal for ``count`` out-of-range values."""
    values = "1 value" if count == 1 else f"{count} values"
    return f"{values} out of range: {OUT_OF_RANGE_HINT}"


def keepable(fdef: FieldDef, message: Message) -> bool:
    """True when ``message`` refuses a value only because it fails its field's text
    validation (a type or date rule): such a value may be kept with ``keep_invalid``. A
    control character, an unknown choice or an impossible fact never is."""
    return (message.is_error and fdef.field_type is FieldType.TEXT
            and fdef.validation is not None and message.rule in (Rule.TYPE, Rule.DATE)
            and message.template != CONTROL_CHARACTER)


def kept_invalid_reason(import_reason: str, reason: str) -> str:
    """The audit reason of a value kept although it fails its validation."""
    return f"{import_reason}: {KEPT_INVALID}, {reason}"
