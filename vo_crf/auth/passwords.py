"""Password hashing with Argon2id (memory-hard), via argon2-cffi."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from vo_crf.auth.password_policy import MIN_PASSWORD_LENGTH, WeakPassword, check_new_password

_HASHER = PasswordHasher()
__all__ = ["MIN_PASSWORD_LENGTH", "WeakPassword", "check_password_strength", "hash_password",
           "verify_password"]


def hash_password(password: str) -> str:
    """Return the Argon2id hash of ``password`` (the only form ever stored)."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password_strength(password: str, username: str = "", study_name: str = "") -> None:
    """Raise ValueError (PasswordRejected) when a new password is too weak to be accepted.

    Kept for existing callers: the rule itself is :func:`check_new_password`.
    """
    check_new_password(password, username, study_name)
