"""Validation messages: what is wrong, with which field, by which rule, and how serious."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """ERROR refuses the save; a WARNING is shown (range and window warnings need a reason)."""

    ERROR = "error"
    WARNING = "warning"


class Rule(StrEnum):
    """The rule a message comes from (stable names, used by the GUI and the data-quality report)."""

    TYPE = "type"
    DATE = "date"
    CHOICE = "choice"
    RANGE = "range"
    REQUIRED = "required"
    CROSS_FIELD = "cross_field"
    IMPOSSIBLE = "impossible"
    VISIT_WINDOW = "visit_window"
    HIDDEN_VALUE = "hidden_value"
    LOCKED = "locked"
    PERMISSION = "permission"
    UNKNOWN_FIELD = "unknown_field"
    ACTION_TAG = "action_tag"
    """@CHARLIMIT, @MAXCHECKED or @NONEOFTHEABOVE of the field annotation."""
    READ_ONLY = "read_only"
    """@READONLY: the form cannot change the value."""


@dataclass(frozen=True)
class Message:
    """One validation finding about one field of one form instance."""

    field: str
    severity: Severity
    rule: Rule
    text: str
    template: str = ""
    """The English wording with ``{placeholders}`` (one of ``message_templates.TEMPLATES``), so a
    user interface can translate it; '' when the text has no template."""
    args: tuple[tuple[str, str], ...] = ()
    """The placeholders' values; a field is named by its label only (``text`` adds its variable
    name, for listings and the command line)."""

    @property
    def is_error(self) -> bool:
        """True when the finding refuses the save."""
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        """Return the text shown to the user."""
        return self.text
