"""Two-sided Fisher exact test for 2×2 tables, in the standard library (matches R and scipy)."""

from __future__ import annotations

from math import comb

RELATIVE_TOLERANCE = 1 + 1e-7
"""Tables as likely as the observed one (up to rounding) count as 'as extreme', as in R."""
_TOLERANCE_NUMERATOR, _TOLERANCE_DENOMINATOR = 10_000_001, 10_000_000
"""RELATIVE_TOLERANCE as an exact fraction (the weights are integers of any size)."""


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Return the two-sided p-value of the table [[a, b], [c, d]].

    The p-value is the sum of the hypergeometric probabilities of every table with the same
    margins that is no more likely than the observed one (times 1 + 1e-7, as R and scipy do).
    The weights are exact integers, computed by the hypergeometric recurrence (one small
    multiplication and division per table), so large cohorts neither overflow nor crawl.
    """
    if min(a, b, c, d) < 0:
        raise ValueError("a 2x2 table holds counts (non-negative integers)")
    row1, col1, total = a + b, a + c, a + b + c + d
    if total == 0 or row1 in (0, total) or col1 in (0, total):
        return 1.0
    low, high = max(0, col1 - (total - row1)), min(row1, col1)
    row2 = total - row1
    weight = comb(row1, low) * comb(row2, col1 - low)
    weights = [weight]
    for x in range(low, high):  # w(x+1) = w(x) (row1-x)(col1-x) / ((x+1)(row2-col1+x+1))
        weight = weight * (row1 - x) * (col1 - x) // ((x + 1) * (row2 - col1 + x + 1))
        weights.append(weight)
    threshold = weights[a - low] * _TOLERANCE_NUMERATOR
    extreme = sum(w for w in weights if w * _TOLERANCE_DENOMINATOR <= threshold)
    return min(1.0, extreme / sum(weights))
