"""Password hashing with Argon2id (memory-hard), via argon2-cffi."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    """Return the Argon2id hash of ``password`` (the only form ever stored)."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class WeakPassword(ValueError):
    """A new password breaks the password rule; ``problem`` says which part (for translations)."""

    TOO_SHORT = "too_short"
    SPACES = "spaces"

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(
            f"the password must have at least {MIN_PASSWORD_LENGTH} characters"
            if problem == self.TOO_SHORT else "the password must not start or end with spaces")


def check_password_strength(password: str) -> None:
    """Raise WeakPassword (a ValueError) when a new password breaks the one password rule:
    at least ``MIN_PASSWORD_LENGTH`` characters, no spaces at either end."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(WeakPassword.TOO_SHORT)
    if password.strip() != password:
        raise WeakPassword(WeakPassword.SPACES)
