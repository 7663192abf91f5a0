"""The wordings of the data-quality findings, with placeholders, so a user interface can
translate them (``QualityIssue.template``); the GUI lists them again for its translation tool.

Range, validation, date-order and hard-rule findings use data entry's own templates
(``vo_crf.entry.message_templates``); a study rule's message is the study's own text.
"""

from __future__ import annotations

from vo_crf.entry.message_templates import templated
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.study.model import FieldDef

REQUIRED = "{field} is required"
OUTSIDE_WINDOW = "{field}: study day {day} is outside the {event} window (days {low} to {high})"
VISIT_BEFORE = "{field} {value} ({event}) is before the {earlier_event} visit ({earlier_value})"
CALC_FAILS = "{field} cannot be computed: {problem}"
CALC_LEFT_BLANK = "{field} is left blank: {why}"
CALC_NOT_SAVED = ("{field} is blank although it computes to {value}: save the form again to "
                  "recalculate it")
CALC_INPUTS = "{field} cannot be computed from the values entered ({entered})"

TEMPLATES: tuple[str, ...] = (REQUIRED, OUTSIDE_WINDOW, VISIT_BEFORE, CALC_FAILS, CALC_LEFT_BLANK,
                              CALC_NOT_SAVED, CALC_INPUTS)
"""Every template of the findings' own wordings."""


def worded(field: FieldDef, template: str, /, **args: str | int | FieldDef) -> Message:
    """The message of a finding about ``field`` ("Label (variable)" in its text)."""
    return templated(field.name, Severity.WARNING, Rule.RANGE, template, **args)
