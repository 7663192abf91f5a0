"""Saving a form through the core, asking the user what the core needs (reasons, confirmations)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ui.core_messages import refusal_text
from ui.database_failure import DATABASE_ERRORS
from ui.dialogs.reason import ConfirmWarningsDialog, ask_reason
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.entry import (
    ConcurrentEditError,
    EntryError,
    EntryService,
    FormKey,
    Message,
    SaveRefused,
    SaveResult,
)
from vo_crf.entry.new_record import NewRecord, save_first_form


@dataclass
class SaveOutcome:
    """What came of a save: the result, or the errors to show inline, or a problem to report."""

    result: SaveResult | None = None
    errors: list[Message] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    problem: str = ""
    cancelled: bool = False
    failure: Exception | None = None
    """The database failed (nothing was saved): for ``report_database_failure``."""
    stale: bool = False
    """Someone else saved the form since it was opened (``problem`` says who)."""
    unchanged: bool = False
    """Nothing to save: the form is as stored."""
    note: str = ""
    """What to say once saved (default: "Saved.")."""


def save_interactively(parent: QWidget, service: EntryService, key: FormKey,
                       values: dict[str, str], status: int, expected_version: int | None,
                       titles: dict[str, str], new_record: NewRecord | None = None
                       ) -> SaveOutcome:
    """Save; ask for per-field confirmations and a reason for change when the core needs them.

    Hard errors are returned (shown next to their fields by the caller); nothing is stored then.
    With ``new_record`` the save creates that patient in the same transaction.
    A database failure is returned too (``failure``), for the caller to report.
    """
    reason: str | None = None
    confirmations: dict[str, str] = {}
    while True:
        try:
            if new_record is not None:
                result = save_first_form(service, new_record, key, values, status,
                                         reason=reason, confirmations=confirmations)
            else:
                result = service.save_form(key, values, status, reason=reason,
                                           confirmations=confirmations,
                                           expected_version=expected_version)
        except SaveRefused as refused:
            if refused.errors:
                return SaveOutcome(errors=refused.errors, messages=refused.messages)
            if refused.unconfirmed:
                dialog = ConfirmWarningsDialog(refused.unconfirmed, titles, parent)
                try:
                    if dialog.exec() != QDialog.DialogCode.Accepted:
                        return SaveOutcome(messages=refused.messages, cancelled=True)
                    confirmations.update(dialog.confirmations())
                finally:
                    dialog.deleteLater()
                if refused.reason_required and values and set(values) <= set(confirmations):
                    # one prompt per save: the reasons just given are the reasons for change
                    reason = "; ".join(dict.fromkeys(confirmations[name] for name in values))
                continue
            if refused.reason_required:
                reason = ask_reason(
                    parent, QCoreApplication.translate("Saving", "Reason for change"),
                    QCoreApplication.translate(
                        "Saving", "This form is Complete or Verified. Why are you changing it? "
                        "The reason is kept in the audit trail."))
                if reason is None:
                    return SaveOutcome(cancelled=True)
                continue
            return SaveOutcome(problem=refusal_text(refused))
        except ConcurrentEditError as exc:
            return SaveOutcome(problem=refusal_text(exc), stale=True)
        except (EntryError, PermissionDenied) as exc:
            return SaveOutcome(problem=refusal_text(exc))
        except DATABASE_ERRORS as exc:
            return SaveOutcome(failure=exc)
        return SaveOutcome(result=result)


def confirm_discard(parent: QWidget, form_label: str) -> bool:
    """Ask before unsaved edits are thrown away; True only when the user chose Discard.

    Cancel is the default button: Enter keeps the edits.
    """
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("Saving", "Discard changes"),
        QCoreApplication.translate("Saving", "Discard the changes to {0}? What you typed since "
                                   "the last save is lost.").format(form_label),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard


_SAVED_BY = re.compile(r" was saved by (.+?) after you opened it")


def stale_save_text(problem: str, form_title: str) -> str:
    """Say, in the interface's language, that the form was saved elsewhere since it was opened.

    ``problem`` is the core's refusal (English, the form named by its variable names); the
    text names the form as its heading does and who saved it when the core names them.
    """
    who = _SAVED_BY.search(problem)
    if who:
        return QCoreApplication.translate(
            "Saving", "{0} was saved by {1} after you opened it: nothing was overwritten."
        ).format(form_title, who.group(1))
    return QCoreApplication.translate(
        "Saving", "{0} was saved by someone else after you opened it: nothing was "
        "overwritten.").format(form_title)
