"""The two errors of the logic engine: one for parsing, one for evaluation."""

from __future__ import annotations


class LogicSyntaxError(ValueError):
    """An expression that cannot be parsed.

    ``str(error)`` reads ``"column 12: expected ')' after arguments of if(), got ..."``;
    ``column`` is 1-based and ``reason`` is the message without the column prefix.
    """

    def __init__(self, reason: str, column: int) -> None:
        self.reason = reason
        self.column = column
        super().__init__(f"column {column}: {reason}")

    def __reduce__(self) -> tuple[type[LogicSyntaxError], tuple[str, int]]:
        return (type(self), (self.reason, self.column))


class LogicEvalError(ValueError):
    """An expression that parsed but cannot be evaluated against the given values.

    Raised only for contract violations (the value lookup failing or returning a non-string,
    a datediff() unit computed at run time that is not a unit) and as a wrapper for any
    unexpected internal exception. Ordinary data problems (blank or non-numeric operands,
    division by zero, invalid dates, overflow) evaluate to blank instead.
    """
