"""The built-in functions: their arity, parse-time checks and implementations.

Every implementation receives already evaluated arguments (``if`` is the exception: the
evaluator handles it lazily) and returns blank (None) rather than raising for bad data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

from vo_crf.logic.dates import DATE_FORMATS, UNITS, datediff, parse_datetime
from vo_crf.logic.errors import LogicEvalError, LogicSyntaxError
from vo_crf.logic.nodes import Constant, Node
from vo_crf.logic.values import Value, finite, is_blank, to_number, to_text, truthy


@dataclass(frozen=True, slots=True)
class CallContext:
    """What functions may know besides their arguments."""

    today: dt.date
    missing_codes: frozenset[str]


Implementation = Callable[[Sequence[Value], CallContext], Value]
Check = Callable[[Sequence[Node]], None]


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """A function's name, accepted argument counts and behaviour."""

    name: str
    min_args: int
    max_args: int | None  # None: any number
    implementation: Implementation | None  # None: evaluated specially (if)
    check: Check | None = None  # extra parse-time validation of the argument nodes

    def arity_error(self, count: int) -> str | None:
        """Return why ``count`` arguments are wrong, or None when they are accepted."""
        if self.min_args <= count and (self.max_args is None or count <= self.max_args):
            return None
        if self.max_args is None:
            wanted = f"at least {_plural(self.min_args)}"
        elif self.min_args == self.max_args:
            wanted = f"exactly {_plural(self.min_args)}"
        else:
            wanted = f"{self.min_args} to {self.max_args} arguments"
        return f"{self.name}() takes {wanted}, got {count}"


def _plural(count: int) -> str:
    return f"{count} argument" if count == 1 else f"{count} arguments"


# --- datediff ----------------------------------------------------------------------------

def _check_datediff(args: Sequence[Node]) -> None:
    unit = args[2]
    if isinstance(unit, Constant) and (not isinstance(unit.value, str)
                                       or unit.value.strip() not in UNITS):
        raise LogicSyntaxError(
            "datediff() unit must be one of \"y\", \"M\", \"d\", \"h\", \"m\", \"s\"",
            unit.column)
    if len(args) >= 4:
        fourth = args[3]
        if (isinstance(fourth, Constant) and isinstance(fourth.value, str)
                and fourth.value.strip().lower() not in DATE_FORMATS):
            raise LogicSyntaxError(
                "datediff() 4th argument must be a date format \"ymd\", \"mdy\" or \"dmy\" "
                "or a true/false 'signed' flag", fourth.column)
        if len(args) == 5 and isinstance(fourth, Constant) and not isinstance(fourth.value, str):
            raise LogicSyntaxError(
                "datediff() with 5 arguments takes a date format \"ymd\", \"mdy\" or \"dmy\" "
                "as 4th argument", fourth.column)


def _datediff(args: Sequence[Value], context: CallContext) -> Value:
    unit = args[2].strip() if isinstance(args[2], str) else args[2]
    if not isinstance(unit, str) or unit not in UNITS:
        raise LogicEvalError(f"datediff(): {unit!r} is not a unit (y, M, d, h, m, s)")
    date_format, signed = "ymd", False
    if len(args) == 5:
        date_format = _date_format(args[3])
        signed = truthy(args[4])
    elif len(args) == 4:
        extra = args[3]
        if isinstance(extra, str) and extra.strip().lower() in DATE_FORMATS:
            date_format = extra.strip().lower()
        else:
            signed = truthy(extra)
    start = parse_datetime(args[0], context.today, date_format)
    end = parse_datetime(args[1], context.today, date_format)
    if start is None or end is None:
        return None
    return finite(datediff(start, end, unit, signed))


def _date_format(value: Value) -> str:
    text = value.strip().lower() if isinstance(value, str) else ""
    if text not in DATE_FORMATS:
        raise LogicEvalError(f"datediff(): {value!r} is not a date format (ymd, mdy, dmy)")
    return text


# --- rounding ----------------------------------------------------------------------------

def round_decimal(number: float, places: int, rounding: str) -> float | None:
    """Round ``number`` to ``places`` decimals (negative: tens, hundreds...) with ``rounding``.

    Works on the shortest decimal form of the float, as PHP does, so ``round(2.675, 2)`` is
    2.68 and ``rounddown(0.29, 2)`` stays 0.29.
    """
    if places > 350:  # beyond the finest digit a float can have
        return number
    places = max(places, -350)
    with localcontext() as decimal_context:
        decimal_context.prec = 800  # enough for 309 integer digits plus 350 decimals
        rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), rounding=rounding)
    return finite(float(rounded))


def _rounding(mode: str) -> Implementation:
    def implementation(args: Sequence[Value], _context: CallContext) -> Value:
        number = to_number(args[0])
        places = to_number(args[1]) if len(args) > 1 else 0.0
        if number is None or places is None:
            return None
        return round_decimal(number, int(places), mode)

    return implementation


# --- aggregates and simple numeric functions ---------------------------------------------

def _numbers(args: Sequence[Value]) -> list[float]:
    return [number for arg in args if (number := to_number(arg)) is not None]


def _sum(args: Sequence[Value], _context: CallContext) -> Value:
    numbers = _numbers(args)
    return finite(sum(numbers)) if numbers else None


def _mean(args: Sequence[Value], _context: CallContext) -> Value:
    numbers = _numbers(args)
    return finite(sum(numbers) / len(numbers)) if numbers else None


def _min(args: Sequence[Value], _context: CallContext) -> Value:
    numbers = _numbers(args)
    return min(numbers) if numbers else None


def _max(args: Sequence[Value], _context: CallContext) -> Value:
    numbers = _numbers(args)
    return max(numbers) if numbers else None


def _abs(args: Sequence[Value], _context: CallContext) -> Value:
    number = to_number(args[0])
    return abs(number) if number is not None else None


def _sqrt(args: Sequence[Value], _context: CallContext) -> Value:
    number = to_number(args[0])
    return math.sqrt(number) if number is not None and number >= 0 else None


# --- tests on values ---------------------------------------------------------------------

def _isblankormissingcode(args: Sequence[Value], context: CallContext) -> Value:
    value = args[0]
    return is_blank(value) or to_text(value).strip() in context.missing_codes


def _isnumber(args: Sequence[Value], _context: CallContext) -> Value:
    value = args[0]
    return not isinstance(value, bool) and to_number(value) is not None


def _contains(args: Sequence[Value], _context: CallContext) -> Value:
    return to_text(args[1]).casefold() in to_text(args[0]).casefold()


FUNCTIONS: dict[str, FunctionSpec] = {
    spec.name: spec
    for spec in (
        FunctionSpec("if", 3, 3, None),
        FunctionSpec("datediff", 3, 5, _datediff, _check_datediff),
        FunctionSpec("round", 1, 2, _rounding(ROUND_HALF_UP)),
        FunctionSpec("rounddown", 1, 2, _rounding(ROUND_FLOOR)),
        FunctionSpec("roundup", 1, 2, _rounding(ROUND_CEILING)),
        FunctionSpec("sum", 1, None, _sum),
        FunctionSpec("min", 1, None, _min),
        FunctionSpec("max", 1, None, _max),
        FunctionSpec("mean", 1, None, _mean),
        FunctionSpec("abs", 1, 1, _abs),
        FunctionSpec("sqrt", 1, 1, _sqrt),
        FunctionSpec("isblankormissingcode", 1, 1, _isblankormissingcode),
        FunctionSpec("isnumber", 1, 1, _isnumber),
        FunctionSpec("contains", 2, 2, _contains),
    )
}
