"""One data-quality finding, the names of the checks, and the columns of the listing."""

from __future__ import annotations

from dataclasses import dataclass

from vo_crf.entry.messages import Message

MISSING = "Missing required value"
OUT_OF_RANGE = "Out of range"
OUT_OF_WINDOW = "Visit outside window"
VISITS_OUT_OF_ORDER = "Visits out of order"
DATES_OUT_OF_ORDER = "Dates out of order"
CALC_NOT_COMPUTED = "Calculation not computed"
STUDY_RULE = "Study rule"
IMPOSSIBLE = "Impossible value"
INVALID = "Invalid value"
"""A value failing its field's validation, kept by an import (``--keep-invalid``)."""

CHECK_NAMES: dict[str, str] = {
    "missing": MISSING,
    "range": OUT_OF_RANGE,
    "window": OUT_OF_WINDOW,
    "visit-order": VISITS_OUT_OF_ORDER,
    "date-order": DATES_OUT_OF_ORDER,
    "calc": CALC_NOT_COMPUTED,
    "rule": STUDY_RULE,
    "impossible": IMPOSSIBLE,
    "invalid": INVALID,
}
"""Short name (as ``vo-crf quality --check`` takes it) -> the check's title in the listing."""

QUALITY_HEADERS = ["Check", "record_id", "Event", "Form", "Instance", "Field", "Value",
                   "Message", "Reason", "Source", "Rule"]
QUALITY_WIDTHS = [22, 12, 12, 12, 9, 18, 14, 70, 50, 12, 28]

Key = tuple[str, str, str, int, str]
"""(record id, event, form, instance, field)."""


@dataclass(frozen=True)
class QualityIssue:
    """One finding of the data-quality listing, located at the field it links to.

    ``rule`` names what was applied when that is not obvious from ``check``: the study rule's
    name, the date-order rule, the visits compared or the calculation.
    """

    check: str
    record_id: str
    event: str
    form: str
    instance: int
    field: str
    value: str
    message: str
    reason: str = ""
    source: str = "computed"
    rule: str = ""
    template: str = ""
    """The English wording of ``message`` with ``{placeholders}`` (one of
    ``vo_crf.quality.wording.TEMPLATES`` or ``vo_crf.entry.message_templates.TEMPLATES``), so a
    user interface can translate it; '' when the message has none (a study rule's own text)."""
    args: tuple[tuple[str, str], ...] = ()
    """The placeholders' values; a field is named by its label only."""

    @classmethod
    def worded(cls, check: str, key: Key, value: str, message: Message, rule: str = ""
               ) -> QualityIssue:
        """The finding at ``key`` (record, event, form, instance, field) worded by ``message``
        (its text, template and arguments)."""
        record_id, event, form, instance, field = key
        return cls(check, record_id, event, form, instance, field, value, message.text,
                   rule=rule, template=message.template, args=message.args)

    @property
    def key(self) -> Key:
        """Return (record id, event, form, instance, field)."""
        return self.record_id, self.event, self.form, self.instance, self.field

    def row(self) -> list[str | int]:
        """Return the sheet row."""
        return [self.check, self.record_id, self.event, self.form, self.instance, self.field,
                self.value, self.message, self.reason, self.source, self.rule]
