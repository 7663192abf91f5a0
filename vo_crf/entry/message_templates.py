"""Message wordings with placeholders, so a user interface can translate what the core says.

A message built with ``templated`` keeps its template and arguments besides its English text.
In the text a field is "Label (variable)" (listings, the command line); in the arguments it is
its label only (what a form shows next to the field). Every template is listed in ``TEMPLATES``;
the GUI lists them again for its translation tool, and a test keeps both lists equal.
"""

from __future__ import annotations

from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.study.model import FieldDef

NOT_A_CHOICE = "{field}: {value} is not one of the choices ({allowed})"
NOT_IN_CHOICE_LIST = "{field}: option(s) {codes} not in the choice list"
NOT_INTEGER = "{field}: {value} is not a whole number"
NOT_NUMBER = "{field}: {value} is not a number (use a point as decimal separator, e.g. 38.5)"
NOT_DATE = "{field}: {value} is not a valid date (YYYY-MM-DD)"
NOT_DATETIME = "{field}: {value} is not a valid date and time (YYYY-MM-DD HH:MM)"
NOT_EMAIL = "{field}: {value} is not an e-mail address"
NOT_VALID = "{field}: {value} is not {phrase}"
NOT_ON_SLIDER = "{field}: {value} is not a whole number from {low} to {high}"
CONTROL_CHARACTER = ("{field}: contains the control character {char} at position {position}; "
                     "only tabs and line breaks are allowed")
BELOW_MINIMUM = "{field}: {value} is below the minimum {bound}"
ABOVE_MAXIMUM = "{field}: {value} is above the maximum {bound}"
BELOW_MINIMUM_TODAY = "{field}: {value} is below the minimum today ({bound})"
ABOVE_MAXIMUM_TODAY = "{field}: {value} is above the maximum today ({bound})"
REQUIRED = "{field} is required: enter a value or a missing-data code"
REQUIRED_FOR_COMPLETE = ("{field} is required: enter a value or a missing-data code before "
                         "marking the form Complete")
HIDDEN_VALUE = ("{field} is hidden by its branching logic ({logic}): its value {value} will be "
                "cleared")
NOT_CALCULATED = "{field} is not calculated: {why}"
DATE_ORDER = "{later} ({later_value}) must not precede {earlier} ({earlier_value})"
OUTSIDE_WINDOW = ("{field} {value} is day {day} after diagnosis, outside the {event} window "
                  "(day {first} to {last}): a protocol deviation")
OUTSIDE_WINDOW_BEFORE = ("{field} {value} is before the {earlier_event} visit ({earlier_value}): "
                         "day {day} after diagnosis, outside the {event} window (day {first} to "
                         "{last}): a protocol deviation")
DATE_IMPOSSIBLE = ("{later} ({later_value}) is before {earlier} ({earlier_value}): "
                   "impossible{because} {rule}")
RANGE_IMPOSSIBLE_BETWEEN = ("{field} = {value} is impossible: it must be between {low} and "
                            "{high}{because} {rule}")
RANGE_IMPOSSIBLE_AT_LEAST = ("{field} = {value} is impossible: it must be at least "
                             "{low}{because} {rule}")
RANGE_IMPOSSIBLE_AT_MOST = ("{field} = {value} is impossible: it must be at most "
                            "{high}{because} {rule}")
CHAR_LIMIT = "{field}: {count} characters, at most {limit} allowed (@CHARLIMIT)"
MAX_CHECKED = "{field}: {count} options checked, at most {limit} allowed (@MAXCHECKED)"
NONE_OF_THE_ABOVE = "{field}: {none} cannot be checked with other options (@NONEOFTHEABOVE)"
READ_ONLY = "{field} is read-only (@READONLY): its value {value} cannot be entered or changed"

TEMPLATES: tuple[str, ...] = (
    NOT_A_CHOICE, NOT_IN_CHOICE_LIST, CONTROL_CHARACTER, NOT_VALID, NOT_ON_SLIDER, NOT_INTEGER,
    NOT_NUMBER, NOT_DATE,
    NOT_DATETIME,
    NOT_EMAIL, BELOW_MINIMUM, ABOVE_MAXIMUM, BELOW_MINIMUM_TODAY, ABOVE_MAXIMUM_TODAY, REQUIRED,
    REQUIRED_FOR_COMPLETE, HIDDEN_VALUE, NOT_CALCULATED, DATE_ORDER, OUTSIDE_WINDOW,
    OUTSIDE_WINDOW_BEFORE, DATE_IMPOSSIBLE, RANGE_IMPOSSIBLE_BETWEEN, RANGE_IMPOSSIBLE_AT_LEAST,
    RANGE_IMPOSSIBLE_AT_MOST, CHAR_LIMIT, MAX_CHECKED, NONE_OF_THE_ABOVE, READ_ONLY)
"""Every template the core builds messages from."""

NOT_COMPLETE_TO_VERIFY = "{form} is not Complete: only Complete forms can be verified"
ALREADY_VERIFIED = "{form} of {record} is already verified by {user}"
ALREADY_VERIFIED_ON = "{form} of {record} is already verified by {user} on {when}"
ALREADY_LOCKED = "{form} of {record} is already locked by {user}"
ALREADY_LOCKED_ON = "{form} of {record} is already locked by {user} on {when}"
NOT_LOCKED = "{form} of {record} is not locked"
UNLOCK_NEEDS_REASON = "unlocking needs a reason"
LOCK_ALL_NEEDS_REASON = "locking the whole database needs a reason"
SIGNATURE_PASSWORD_WRONG = "e-signature refused: the password is wrong"

REFUSALS: tuple[str, ...] = (
    NOT_COMPLETE_TO_VERIFY, ALREADY_VERIFIED, ALREADY_VERIFIED_ON, ALREADY_LOCKED,
    ALREADY_LOCKED_ON, NOT_LOCKED, UNLOCK_NEEDS_REASON, LOCK_ALL_NEEDS_REASON,
    SIGNATURE_PASSWORD_WRONG)
"""Every wording of a refused review action (``EntryError.worded``)."""


def field_title(field: FieldDef) -> str:
    """Return how a listing names a field: its label and its variable name."""
    return f"{field.label} ({field.name})" if field.label else field.name


def field_label(field: FieldDef) -> str:
    """Return how a form names a field: its label (its variable name when it has none)."""
    return field.label or field.name


def templated(field: str, severity: Severity, rule: Rule, template: str, /,
              **args: str | int | FieldDef) -> Message:
    """Build a message from a template; a ``FieldDef`` argument names that field."""
    text_args = {k: field_title(v) if isinstance(v, FieldDef) else str(v) for k, v in args.items()}
    label_args = tuple((k, field_label(v) if isinstance(v, FieldDef) else str(v))
                       for k, v in args.items())
    return Message(field, severity, rule, template.format(**text_args), template, label_args)
