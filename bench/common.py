"""Timing helpers and the result table shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    """One measurement beside its floor (the same work done by the bare library)."""

    name: str
    value: float
    unit: str
    target: str
    floor: float | None = None
    note: str = ""

    @property
    def ratio(self) -> str:
        """Return value / floor, when there is a floor."""
        if not self.floor or self.value != self.value:
            return ""
        return f"{self.value / self.floor:.2f}×"


def timed(function: Callable[[], object]) -> float:
    """Return the wall time of one call in milliseconds."""
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def median_p95(samples: list[float]) -> tuple[float, float]:
    """Return the median and the 95th percentile of samples."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def quantity(value: float, unit: str) -> str:
    """Format a measurement with its unit: 3 significant figures for small values."""
    digits = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    return f"{value:,.{digits}f} {unit}"


def print_table(results: list[Result]) -> None:
    """Print the results as a Markdown table (paste it into the README)."""
    print("| measurement | vo-crf | floor | ratio | target | note |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for r in results:
        floor = quantity(r.floor, r.unit) if r.floor is not None else ""
        value = quantity(r.value, r.unit) if r.value == r.value else "—"  # NaN: not measured
        print(f"| {r.name} | {value} | {floor} | {r.ratio} | {r.target} | {r.note} |")
