"""The data-quality range check's fast path agrees with the entry service's ``check_value``."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from vo_crf.entry.messages import Rule
from vo_crf.entry.values import check_value
from vo_crf.quality.field_checks import _RangeMessages
from vo_crf.study.model import FieldDef, FieldType, Study, ValidationType

TODAY = dt.date(2026, 11, 25)
FIELDS = [
    FieldDef("temp", "f", FieldType.TEXT, "Temperature", validation=ValidationType.NUMBER,
             min_value="35", max_value="41.5"),
    FieldDef("esr", "f", FieldType.TEXT, "ESR", validation=ValidationType.INTEGER,
             min_value="0", max_value="150"),
    FieldDef("low", "f", FieldType.TEXT, "Low only", validation=ValidationType.NUMBER,
             min_value="0.1"),
    FieldDef("when", "f", FieldType.TEXT, "Date", validation=ValidationType.DATE_YMD,
             min_value="1990-01-01", max_value="today"),
]
STUDY = Study("s", (FieldDef("record_id", "f", FieldType.TEXT, "Id"), *FIELDS), (), ())
VALUES = st.one_of(
    st.sampled_from(["", "NA", "UNK", "35", "41.5", "41.50000000000000001", "34.99999999999999999",
                     "0.1", "0.09999999999999999999", "150", "151", "-0", "1e3", " 38", "nan",
                     "inf", "1.", ".5", "+7", "٣٨", "1990-01-01", "1989-12-31", "2030-01-01",
                     "2026-11-25", "2026-11-26", "x"]),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-1000, 1000).map(str))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(FIELDS), VALUES)
def test_fast_path_matches_check_value(fdef: FieldDef, value: str) -> None:
    expected = tuple(m for m in check_value(fdef, value, STUDY.missing_code_values, TODAY)
                     if m.rule is Rule.RANGE)
    ranges = _RangeMessages(STUDY, TODAY)
    assert ranges.of(fdef, value) == expected
    assert ranges.of(fdef, value) == expected  # remembered
