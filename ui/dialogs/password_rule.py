"""The one password rule as the GUI shows it, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.core_messages import refusal_text
from vo_crf.auth.passwords import MIN_PASSWORD_LENGTH, WeakPassword


def password_hint() -> str:
    """Return the placeholder of new-password fields: the rule, translated."""
    return QCoreApplication.translate("PasswordRule", "at least {0} characters").format(
        MIN_PASSWORD_LENGTH)


def password_refusal(error: Exception) -> str:
    """Return the translated message of a refused new password (other errors as they are)."""
    if not isinstance(error, WeakPassword):
        return refusal_text(error)
    if error.problem == WeakPassword.TOO_SHORT:
        return QCoreApplication.translate(
            "PasswordRule", "The password must have at least {0} characters.").format(
            MIN_PASSWORD_LENGTH)
    texts = {
        WeakPassword.SPACES: QCoreApplication.translate(
            "PasswordRule", "The password must not start or end with spaces."),
        WeakPassword.COMMON: QCoreApplication.translate(
            "PasswordRule", "This password is one of the most common passwords: choose "
            "another one."),
        WeakPassword.USER_NAME: QCoreApplication.translate(
            "PasswordRule", "The password must not be the user name."),
        WeakPassword.STUDY_NAME: QCoreApplication.translate(
            "PasswordRule", "The password must not be the study name."),
        WeakPassword.REPETITION: QCoreApplication.translate(
            "PasswordRule", "The password must not be one character or group repeated, nor a "
            "run like 12345678 or abcdefgh."),
    }
    return texts.get(error.problem, refusal_text(error))
