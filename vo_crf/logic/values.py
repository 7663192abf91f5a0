"""Values during evaluation and the REDCap rules for coercing, comparing and storing them.

A value is ``float | str | bool | None``; None is blank. Stored field values arrive as
strings and stay strings until an operator needs a number, so ``'10' > '9'`` can still
compare numerically while ``'2020-01-31' < '2020-02-01'`` compares as text.
"""

from __future__ import annotations

import math
import operator as _operator
import re
from decimal import Decimal
from typing import Any, TypeAlias

Value: TypeAlias = float | str | bool | None

# What PHP's is_numeric() accepts (without hexadecimal): sign, digits, decimal, exponent.
_NUMERIC = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)

EQUALITY_OPERATORS = frozenset({"=", "<>"})
ORDERING_OPERATORS = frozenset({"<", ">", "<=", ">="})
COMPARISON_OPERATORS = EQUALITY_OPERATORS | ORDERING_OPERATORS
_ORDERINGS = {"<": _operator.lt, ">": _operator.gt, "<=": _operator.le, ">=": _operator.ge}


def is_blank(value: Value) -> bool:
    """Return True for None and for strings that are empty or only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def finite(number: float) -> float | None:
    """Return ``number``, or None (blank) when it is infinite or not a number."""
    return number if math.isfinite(number) else None


def to_number(value: Value) -> float | None:
    """Return the numeric value, or None for blank and non-numeric text; bools are 1/0."""
    if value is None:
        return None
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return finite(float(value))
    text = value.strip()
    if not _NUMERIC.fullmatch(text):
        return None
    return finite(float(text))


def truthy(value: Value) -> bool:
    """REDCap truthiness: blank, False, 0 and numeric text equal to 0 are false."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if not value.strip():
        return False
    number = to_number(value)
    return number != 0 if number is not None else True


def to_text(value: Value) -> str:
    """Return the text form used by string comparisons and contains()."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return format_calc_value(value)


def _equal(left: Value, right: Value) -> bool:
    left_blank, right_blank = is_blank(left), is_blank(right)
    if left_blank or right_blank:
        return left_blank and right_blank
    left_number, right_number = to_number(left), to_number(right)
    if left_number is not None and right_number is not None:
        return left_number == right_number
    return to_text(left) == to_text(right)


def compare(operator: str, left: Value, right: Value) -> bool:
    """Apply a comparison operator (``=``, ``<>``, ``<``, ``>``, ``<=``, ``>=``).

    Equality: blank equals only blank (so ``[x] = ''`` tests for blank); two numeric sides
    compare as numbers (``'01' = 1``); anything else compares as text, case-sensitively.
    Ordering: false when either side is blank; numbers compare numerically, two non-numeric
    strings compare as text (ISO dates sort correctly); a number against non-numeric text
    (e.g. a missing-data code such as ``'UNK' > 18``) is false.
    """
    if operator in EQUALITY_OPERATORS:
        equal = _equal(left, right)
        return equal if operator == "=" else not equal
    if operator not in ORDERING_OPERATORS:
        raise ValueError(f"not a comparison operator: {operator!r}")
    if is_blank(left) or is_blank(right):
        return False
    left_number, right_number = to_number(left), to_number(right)
    if left_number is not None and right_number is not None:
        return _order(operator, left_number, right_number)
    if left_number is None and right_number is None:
        return _order(operator, to_text(left), to_text(right))
    return False


def _order(operator: str, left: Any, right: Any) -> bool:
    return bool(_ORDERINGS[operator](left, right))


def arithmetic(operator: str, left: float | None, right: float | None) -> float | None:
    """Apply ``+ - * / ^``; blank operands, division by zero and overflow give blank."""
    if left is None or right is None:
        return None
    if operator == "+":
        return finite(left + right)
    if operator == "-":
        return finite(left - right)
    if operator == "*":
        return finite(left * right)
    if operator == "/":
        return finite(left / right) if right != 0 else None
    if operator == "^":
        try:
            return finite(math.pow(left, right))
        except (OverflowError, ValueError):  # overflow, 0 ^ -1, (-8) ^ 0.5
            return None
    raise ValueError(f"not an arithmetic operator: {operator!r}")


def format_calc_value(value: Value) -> str:
    """Return the string a calculated field stores for ``value``.

    Blank (None) and non-finite numbers give ""; booleans give "1"/"0"; whole numbers lose
    their ".0" ("3"); other numbers use the shortest round-trip digits ("2.5", "13.4") and are
    written positionally, never in scientific notation. Numeric text is normalised the same
    way ("72.50" -> "72.5"); other text is returned unchanged.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, str):
        number = to_number(value)
        return value if number is None else format_calc_value(number)
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return ""
    if value == 0:
        return "0"  # also for -0.0
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
