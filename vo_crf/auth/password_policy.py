"""The one rule a new password must follow, used by the CLI, the GUI and the core alike.

A new password is refused when it is shorter than :data:`MIN_PASSWORD_LENGTH`, starts or ends
with spaces, is one of the 20,000 most common passwords (``resources/passwords``, also with a
number or symbols added at the end: ``dragon1987!``), is the user name or the study name (give or
take digits, symbols and case), or is one character or a short group of characters repeated
(``aaaaaaaa``, ``abcabcabc``) or a plain run (``12345678``, ``abcdefgh``).
"""

from __future__ import annotations

import re
from functools import cache

from vo_crf.paths import resources_dir

MIN_PASSWORD_LENGTH = 8
"""The length rule (the GUI shows :func:`password_rule_text`)."""

_TRAILING_EXTRAS = re.compile(r"[\d\W_]+$")
_NOT_LETTERS = re.compile(r"[\d\W_]+")


class PasswordRejected(ValueError):
    """A new password does not follow the rule; the message says which part and why.

    ``problem`` names the part of the rule (one of the constants below), so that the GUI can
    show the message in the user's language.
    """

    TOO_SHORT = "too_short"
    SPACES = "spaces"
    COMMON = "common"
    USER_NAME = "user_name"
    STUDY_NAME = "study_name"
    REPETITION = "repetition"

    def __init__(self, problem: str, message: str) -> None:
        self.problem = problem
        super().__init__(message)


WeakPassword = PasswordRejected
"""The name the GUI and older callers use for :class:`PasswordRejected`."""


def password_rule_text() -> str:
    """Return the rule in one sentence, for prompts, placeholders and help texts."""
    return (f"at least {MIN_PASSWORD_LENGTH} characters, not a common password, "
            "not your user name")


@cache
def common_passwords() -> frozenset[str]:
    """Return the shipped list of common passwords (lower case)."""
    path = resources_dir() / "passwords" / "common-passwords.txt"
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").split())


def check_new_password(password: str, username: str = "", study_name: str = "") -> None:
    """Raise :class:`PasswordRejected` unless ``password`` may be given to ``username``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordRejected(PasswordRejected.TOO_SHORT,
                               f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if password.strip() != password:
        raise PasswordRejected(PasswordRejected.SPACES,
                               "the password must not start or end with spaces")
    lowered = password.lower()
    common = common_passwords()
    base = _TRAILING_EXTRAS.sub("", lowered)
    if lowered in common or (len(base) >= 4 and base in common):
        raise PasswordRejected(PasswordRejected.COMMON,
                               "this password is one of the most common passwords: "
                               "choose another one")
    letters = _NOT_LETTERS.sub("", lowered)
    for name, what, problem in ((username, "the user name", PasswordRejected.USER_NAME),
                                (study_name, "the study name", PasswordRejected.STUDY_NAME)):
        name_letters = _NOT_LETTERS.sub("", name.lower())
        repeats = bool(name_letters) and len(letters) % len(name_letters) == 0 \
            and letters == name_letters * (len(letters) // len(name_letters))
        if name and (lowered == name.lower() or base == name.lower() or repeats):
            raise PasswordRejected(problem, f"the password must not be {what}")
    if _is_repetition(lowered) or _is_run(lowered):
        raise PasswordRejected(PasswordRejected.REPETITION,
                               "the password must not be one character or group repeated, "
                               "nor a run like 12345678 or abcdefgh")


def _is_repetition(text: str) -> bool:
    """True when ``text`` is a group of at most 3 characters repeated, or has < 3 distinct ones."""
    if len(set(text)) < 3:
        return True
    return any(len(text) % size == 0 and text == text[:size] * (len(text) // size)
               for size in (1, 2, 3))


def _is_run(text: str) -> bool:
    """True when every character is the previous one plus (or minus) one: 12345678, hgfedcba."""
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return steps in ({1}, {-1})
