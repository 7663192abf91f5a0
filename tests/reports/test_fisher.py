"""The standard-library Fisher exact test against scipy."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact as scipy_fisher

from vo_crf.analysis.fisher import fisher_exact


def reference(a: int, b: int, c: int, d: int) -> float:
    return float(scipy_fisher([[a, b], [c, d]], alternative="two-sided").pvalue)


def test_matches_scipy_on_every_small_table() -> None:
    for a, b, c, d in itertools.product(range(6), repeat=4):
        assert fisher_exact(a, b, c, d) == pytest.approx(reference(a, b, c, d), rel=1e-9,
                                                         abs=1e-15)


@pytest.mark.parametrize("table", [(3, 1, 1, 3), (1, 9, 11, 3), (0, 5, 5, 0), (10, 2, 3, 15),
                                   (6, 0, 20, 3), (12, 5, 3, 20), (50, 45, 40, 60)])
def test_known_tables(table: tuple[int, int, int, int]) -> None:
    assert fisher_exact(*table) == pytest.approx(reference(*table), rel=1e-12)


def test_lady_tasting_tea() -> None:
    assert fisher_exact(3, 1, 1, 3) == pytest.approx(34 / 70)


def test_symmetric_tables_with_ties_count_both_tails() -> None:
    # every table with these margins is as likely as the observed one or less
    assert fisher_exact(1, 1, 1, 1) == 1.0


def test_refuses_negative_counts() -> None:
    with pytest.raises(ValueError):
        fisher_exact(-1, 2, 3, 4)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))
def test_matches_scipy_on_generated_tables(a: int, b: int, c: int, d: int) -> None:
    p_value = fisher_exact(a, b, c, d)
    assert 0.0 <= p_value <= 1.0
    assert p_value == pytest.approx(reference(a, b, c, d), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("table", [(500, 700, 450, 800), (1200, 830, 1100, 900),
                                   (3000, 2000, 2500, 2600), (40, 1960, 35, 1990)])
def test_large_cohorts_neither_overflow_nor_drift(table: tuple[int, int, int, int]) -> None:
    # the weights exceed a float's range from about 1,100 patients on
    assert fisher_exact(*table) == pytest.approx(reference(*table), rel=1e-9, abs=1e-300)
