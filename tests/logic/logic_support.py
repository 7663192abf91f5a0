"""Shared helpers for the logic-engine tests: an in-memory value lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from vo_crf.logic import FieldRef, Value, parse

TODAY = dt.date(2024, 3, 1)
MISSING_CODES = frozenset({"NA", "UNK", "NASK", "ND"})


class RecordLookup:
    """Values keyed by the reference as written, e.g. "[age]", "[m0_arm_1][x]", "[cb(2)]"."""

    def __init__(self, values: Mapping[str, str] | None = None,
                 missing_codes: frozenset[str] = MISSING_CODES) -> None:
        self.values = dict(values or {})
        self.missing_codes = missing_codes
        self.reads: list[FieldRef] = []

    def value(self, ref: FieldRef) -> str:
        self.reads.append(ref)
        return self.values.get(str(ref), "")


def ev(source: str, **values: str) -> Value:
    """Evaluate ``source`` with plain field values: ev("[a] + 1", a="2") -> 3.0."""
    record = RecordLookup({f"[{name}]": text for name, text in values.items()})
    return parse(source).evaluate(record, TODAY)
