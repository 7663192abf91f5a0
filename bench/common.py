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
        return f"{self.value / self.floor:.2f}×" if self.floor else ""


def timed(function: Callable[[], object]) -> float:
    """Return the wall time of one call in milliseconds."""
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def median_p95(samples: list[float]) -> tuple[float, float]:
    """Return the median and the 95th percentile of samples."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def print_table(results: list[Result]) -> None:
    """Print the results as a Markdown table (paste it into the README)."""
    print("| measurement | vo-crf | floor | ratio | target | note |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for r in results:
        floor = f"{r.floor:.1f} {r.unit}" if r.floor is not None else ""
        print(f"| {r.name} | {r.value:.1f} {r.unit} | {floor} | {r.ratio} | {r.target} | "
              f"{r.note} |")
