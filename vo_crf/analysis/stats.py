"""Descriptive statistics and the paper's way of printing them."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float, digits: int = 0) -> float:
    """Round as people do on paper (2.5 -> 3), not to even; works on the decimal text."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def percent(n: int, total: int) -> float | None:
    """Return n/N as a percentage with one decimal (None when N is 0)."""
    return round_half_up(100 * n / total, 1) if total else None


def n_of_n(n: int, total: int) -> str:
    """Return the paper's 'n/N (p%)' text, percent rounded half up to an integer."""
    if not total:
        return f"{n}/{total}"
    return f"{n}/{total} ({integer_percent(n, total)}%)"


def integer_percent(n: int, total: int) -> int:
    """Return 100·n/N rounded half up to an integer, in exact integer arithmetic."""
    return (200 * n + total) // (2 * total)


@dataclass(frozen=True)
class Summary:
    """Descriptive statistics of a numeric variable (None when not computable)."""

    n: int
    mean: float | None = None
    sd: float | None = None
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    minimum: float | None = None
    maximum: float | None = None


def summarise(values: Sequence[float]) -> Summary:
    """Return n, mean, SD (n-1), median, quartiles (inclusive method, as R type 7) and range."""
    data = sorted(values)
    if not data:
        return Summary(0)
    sd = statistics.stdev(data) if len(data) > 1 else None
    if len(data) > 1:
        q1, _, q3 = statistics.quantiles(data, n=4, method="inclusive")
    else:
        q1 = q3 = data[0]
    return Summary(len(data), statistics.fmean(data), sd, statistics.median(data), q1, q3,
                   data[0], data[-1])


def fmt(value: float | None, digits: int = 1) -> str:
    """Format a number with ``digits`` decimals, rounded half up ('' for None)."""
    if value is None:
        return ""
    return f"{round_half_up(value, digits):.{digits}f}"


def mean_sd_text(summary: Summary, digits: int = 1) -> str:
    """Return 'mean (SD)'."""
    if summary.n == 0:
        return ""
    return f"{fmt(summary.mean, digits)} ({fmt(summary.sd, digits) or '-'})"


def median_iqr_text(summary: Summary, digits: int = 1) -> str:
    """Return 'median [Q1-Q3]'."""
    if summary.n == 0:
        return ""
    return f"{fmt(summary.median, digits)} [{fmt(summary.q1, digits)}-{fmt(summary.q3, digits)}]"


def range_text(summary: Summary, digits: int = 0) -> str:
    """Return 'min-max'."""
    if summary.n == 0:
        return ""
    return f"{fmt(summary.minimum, digits)}-{fmt(summary.maximum, digits)}"
