"""Why a data-entry operation was refused."""

from __future__ import annotations

from typing import Self

from vo_crf.entry.messages import Message
from vo_crf.wording import worded


class EntryError(Exception):
    """Base class of refused data-entry operations; nothing was stored.

    A refusal built by ``worded`` keeps its wording (``template``, one of
    ``message_templates.REFUSALS``) and its arguments (``words``), so a user interface can say
    it in its own language; ``str()`` is the English text.
    """

    template: str = ""
    words: tuple[tuple[str, str], ...] = ()

    @classmethod
    def worded(cls, template: str, /, **args: object) -> Self:
        """The refusal ``template`` filled with ``args`` (both kept for translation)."""
        return worded(cls, template, **{key: str(value) for key, value in args.items()})


class SaveRefused(EntryError):
    """The save was refused: hard errors, warnings without a confirmation, or a missing reason."""

    def __init__(self, messages: list[Message], unconfirmed: list[Message] | None = None,
                 reason_required: bool = False) -> None:
        self.messages = messages
        self.unconfirmed = unconfirmed or []
        self.reason_required = reason_required
        lines = [str(m) for m in messages if m.is_error]
        lines += [f"{m} (confirm with a reason)" for m in self.unconfirmed]
        if reason_required:
            lines.append("this form is Complete or Verified: give a reason for the change")
        super().__init__("; ".join(lines) or "save refused")

    @property
    def errors(self) -> list[Message]:
        """The hard errors among the messages."""
        return [m for m in self.messages if m.is_error]


class ConcurrentEditError(EntryError):
    """Someone else saved the form since it was opened: nothing was overwritten."""


class FormLockedError(EntryError):
    """The form is locked: unlock it (with a reason) before changing it."""


class NotFoundError(EntryError):
    """The record, event, form or instance does not exist."""


def no_such_record(*record_ids: str) -> str:
    """Return the one message every command and screen gives for unknown record ids."""
    return f"no such record: {', '.join(record_ids)}"


class DoubleEntryRefused(EntryError):
    """A double-entry operation was refused (the message says why); nothing was stored."""
