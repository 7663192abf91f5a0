"""The one password rule as the GUI shows it, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from vo_crf.auth.passwords import MIN_PASSWORD_LENGTH, WeakPassword


def password_hint() -> str:
    """Return the placeholder of new-password fields: the rule, translated."""
    return QCoreApplication.translate("PasswordRule", "at least {0} characters").format(
        MIN_PASSWORD_LENGTH)


def password_refusal(error: Exception) -> str:
    """Return the translated message of a refused new password (other errors as they are)."""
    if isinstance(error, WeakPassword):
        if error.problem == WeakPassword.TOO_SHORT:
            return QCoreApplication.translate(
                "PasswordRule", "The password must have at least {0} characters.").format(
                MIN_PASSWORD_LENGTH)
        return QCoreApplication.translate(
            "PasswordRule", "The password must not start or end with spaces.")
    return str(error)
