"""Descriptive statistics against hand-counted values."""

from __future__ import annotations

import pytest

from vo_crf.analysis.stats import (
    integer_percent,
    mean_sd_text,
    median_iqr_text,
    n_of_n,
    percent,
    round_half_up,
    summarise,
)


def test_summary_of_a_small_sample() -> None:
    summary = summarise([4, 1, 3, 2, 10])
    assert summary.n == 5
    assert summary.mean == 4.0
    # SD with n-1: squares of deviations 9+4+1+0+36 = 50, /4 = 12.5
    assert summary.sd == pytest.approx(12.5 ** 0.5)
    assert summary.median == 3
    # inclusive quartiles (R type 7): positions 1 + 0.25*4 = 2 and 1 + 0.75*4 = 4
    assert (summary.q1, summary.q3) == (2, 4)
    assert (summary.minimum, summary.maximum) == (1, 10)


def test_quartiles_interpolate_like_r() -> None:
    summary = summarise([1, 2, 3, 4])
    assert (summary.q1, summary.median, summary.q3) == (1.75, 2.5, 3.25)
    assert median_iqr_text(summary) == "2.5 [1.8-3.3]"


def test_texts() -> None:
    summary = summarise([50, 60, 70])
    assert mean_sd_text(summary) == "60.0 (10.0)"
    assert summarise([]).n == 0 and mean_sd_text(summarise([])) == ""
    assert summarise([7]).sd is None


@pytest.mark.parametrize(("n", "total", "text"), [
    (16, 24, "16/24 (67%)"), (18, 27, "18/27 (67%)"), (1, 40, "1/40 (3%)"),
    (1, 8, "1/8 (13%)"), (0, 26, "0/26 (0%)"), (26, 26, "26/26 (100%)"), (0, 0, "0/0")])
def test_paper_style_counts_round_half_up(n: int, total: int, text: str) -> None:
    assert n_of_n(n, total) == text


def test_percent_and_rounding() -> None:
    assert percent(2, 3) == 66.7
    assert percent(1, 0) is None
    assert round_half_up(2.5) == 3 and round_half_up(0.125, 2) == 0.13
    assert integer_percent(1, 200) == 1 and integer_percent(1, 201) == 0
