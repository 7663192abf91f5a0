"""The data-entry service: open, assess, save, review; the only way data changes."""

from vo_crf.entry.errors import (
    ConcurrentEditError,
    EntryError,
    FormLockedError,
    NotFoundError,
    SaveRefused,
)
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.entry.service import ANY_VERSION, EntryService, FormKey, FormState, SaveResult

__all__ = [
    "ANY_VERSION", "ConcurrentEditError", "EntryError", "EntryService", "FormKey",
    "FormLockedError", "FormState", "Message", "NotFoundError", "Rule", "SaveRefused",
    "SaveResult", "Severity",
]
